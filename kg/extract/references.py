"""References inside an article to something it named: a company's short form (青禾 for
浙江青禾塑胶设备有限公司), 该项目/该公司 (the one named last), 我县/本市 (the article's county)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.patterns import HAN
from kg.extract.suffixed import all_suffixes
from kg.nlp.analysis import Doc, occurrences
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Mention


def short_forms(doc: Doc, known: list[Mention]) -> list[Mention]:
    """青禾 for 浙江青禾塑胶设备有限公司: a company's distinctive word, written alone later."""
    vocab = vocabulary()
    cores: dict[str, set[Entity]] = {}
    for m in known:
        if m.entity.type != "Company":
            continue
        inside = doc.tokens_in(m.start, m.end)
        places = ""
        while inside and inside[0].tag == "ns":
            places += inside[0].word
            inside = inside[1:]  # the places a company's name opens with
        if len(inside) < 2:
            continue
        core = inside[0].word
        if len(core) >= 2 and HAN.match(core) and core not in vocab.industry_words and not core.endswith(_all_suffixes_tuple()):
            cores.setdefault(core, set()).add(m.entity)
            if places:
                # 山西正大 for 山西正大有限公司: the core with its place is the company's even where
                # another company (正大集团) shares the core alone
                cores.setdefault(places + core, set()).add(m.entity)
    out = []
    covered = {i for m in known for i in range(m.start, m.end)}
    for core, entities in sorted(cores.items(), key=lambda kv: (-len(kv[0]), kv[0])):  # 山西正大 before 正大
        if len(entities) != 1:
            continue  # two companies share the word: not a short form of either
        entity = next(iter(entities))
        for start, end in occurrences(doc.text, core):
            if start in covered or end - 1 in covered:
                continue
            out.append(Mention(start, end, entity))
            covered.update(range(start, end))
    return out


@lru_cache(maxsize=1)
def _all_suffixes_tuple() -> tuple[str, ...]:
    return tuple(all_suffixes())



_REFERRING = re.compile(r"(?:(?:该|本|此)(项目|工程|公司|企业)|(?<=[，,。；;\n])(?:今年|去年|目前)(公司|企业))(?![\u4e00-\u9fff]{0,2}(?:有限|集团|股份))")
_HOME = re.compile(r"(?:我|本)(县|区|市)(?![委政长级])")
_REFERRED_TYPE = {"项目": ("Project",), "工程": ("Project",), "公司": ("Company",), "企业": ("Company",)}


def referring(doc: Doc, named: list[Mention]) -> list[Mention]:
    """该项目, 本项目, 该公司: the project or company named last before it."""
    out = []
    # 我县, 本市: the one county, district or city the article names most
    for m in _HOME.finditer(doc.text):
        counts: dict[Entity, int] = {}
        for n in named:
            if n.entity.type == "Place" and n.entity.name.endswith(m.group(1)) and len(n.entity.name) > 1:
                counts[n.entity] = counts.get(n.entity, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            out.append(Mention(m.start(), m.end(), ranked[0][0]))
    for m in _REFERRING.finditer(doc.text):
        word = m.group(1) or m.group(2)
        before = [n for n in named if n.end <= m.start() and n.entity.type in _REFERRED_TYPE[word]]
        if word == "工程":
            before = [n for n in before if n.entity.name.endswith("工程")]  # 该工程: a works, not any project
        if before and not any(n.start <= m.start() < n.end for n in named):
            out.append(Mention(m.start(), m.end(), before[-1].entity))
    return out
