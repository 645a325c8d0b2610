"""people.v1: who holds which post, and for which organisation.

Title phrases stand before names (区委书记王某, 某公司总经理李某), chained with 、
(区委常委、宣传部部长张某: two posts), or after them (王某教授).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from kg.extract.registry import extractor, rule
from kg.extract.suffixed import is_bare_company
from kg.nlp.analysis import Doc
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Fact, TitlePhrase

NAME = "people.v1"


def split_title(phrase: str) -> tuple[str, str]:
    """(organisation, title) of a title phrase: 青川市交通运输局副局长 → (青川市交通运输局, 副局长)."""
    title = title_ending(phrase)
    if title is not None:
        return phrase[: -len(title)], title
    return "", phrase


def title_ending(phrase: str) -> str | None:
    """The first title of the vocabulary's list that `phrase` ends with: each of the phrase's
    endings looked up, rather than every title tried (a long article has thousands of phrases)."""
    rank, longest = _title_ranks()
    found = [rank[phrase[-n:]] for n in range(1, min(longest, len(phrase)) + 1) if phrase[-n:] in rank]
    return vocabulary().titles[min(found)] if found else None


@lru_cache(maxsize=1)
def _title_ranks() -> tuple[dict[str, int], int]:
    titles = vocabulary().titles
    rank: dict[str, int] = {}
    for i, title in enumerate(titles):
        rank.setdefault(title, i)
    return rank, max(map(len, titles), default=0)


def employer(org: str) -> Entity | None:
    """The organisation a post belongs to, when the phrase names one (某公司市场部 → 某公司)."""
    vocab = vocabulary()
    for suffix in vocab.company_suffixes:
        idx = org.rfind(suffix)
        if idx > 0:
            name = org[: idx + len(suffix)]
            return None if is_bare_company(name) else Entity("Company", name)  # 科技股份有限公司 alone
    if len(org) >= 2 and org.endswith(vocab.org_suffixes):
        return Entity("Organization", org)
    return None


@extractor(NAME, needs=("names.v1",), makes=("holdsPosition", "worksFor", "Position"))
def extract(doc: Doc) -> list[Fact]:
    """Who holds which post, and for which organisation: title phrases with names, appointments."""
    return _title_phrases(doc) + _appointments(doc)


def _title_phrases(doc: Doc) -> list[Fact]:
    """区委书记王某, 王某教授: the post each title phrase names, and the organisation it belongs to."""
    facts = []
    text = doc.text
    persons = {m.start: m for m in doc.of_type("Person")}
    by_person: dict[int, list[TitlePhrase]] = {}
    for phrase in doc.title_phrases:
        by_person.setdefault(phrase.person, []).append(phrase)
    named_companies = doc.of_type("Company")
    companies = {m.entity for m in named_companies}
    # The company named last before a position: the latest in mention order ending before it.
    by_end = sorted(range(len(named_companies)), key=lambda i: named_companies[i].end)
    ends = [named_companies[i].end for i in by_end]
    latest = list(itertools.accumulate(by_end, max))
    for start, phrases in by_person.items():
        person = persons.get(start)
        if person is None:
            continue
        sent = doc.sentence_of(start)
        for tp in phrases:
            ps, pe = tp.start, tp.end
            phrase = text[ps:pe]
            org_name, title = split_title(phrase)
            org = employer(org_name) if title not in vocabulary().membership_titles else None
            employer_rule = "title-names-employer"
            if org is None and len(org_name) >= 2 and title not in vocabulary().membership_titles:
                # 山西某某总经理 for 山西某某有限公司: the article's company whose name it opens
                named = {c for c in companies if c.name.startswith(org_name)}
                if len(named) == 1:
                    org = next(iter(named))
                    employer_rule = "title-opens-company-name"
            if org_name in vocabulary().generic_employers and companies:
                # 企业负责人王某, 公司总经理李某: the company the article named last before them
                n = bisect.bisect_right(ends, ps)
                org = named_companies[latest[n - 1]].entity if n else (next(iter(companies)) if len(companies) == 1 else None)
                employer_rule = "generic-employer"
            position = Entity("Position", phrase, title=title, org=org)
            where = "title-before-name" if pe <= start else "title-after-name"
            facts.append(Fact(person.entity, "holdsPosition", position, *sent, rule(NAME, where)))
            if org is not None:
                facts.append(Fact(person.entity, "worksFor", org, *sent, rule(NAME, employer_rule)))
    return facts


_APPOINTED = re.compile(r"任命(?P<name>[\u4e00-\u9fff]{2,4}?)为(?P<phrase>[^，,。；;、]{2,30})")


def _appointments(doc: Doc) -> list[Fact]:
    """任命某某为某局局长: the post the person is appointed to."""
    out = []
    persons = {m.start: m for m in doc.of_type("Person")}
    for m in _APPOINTED.finditer(doc.text):
        person = persons.get(m.start("name"))
        if person is None or person.end != m.end("name"):
            continue
        phrase = m.group("phrase")
        title = title_ending(phrase)
        if title is None:
            continue
        org_name = phrase[: -len(title)]
        org = employer(org_name)
        sent = doc.sentence_of(m.start())
        out.append(Fact(person.entity, "holdsPosition", Entity("Position", phrase, title=title, org=org), *sent, rule(NAME, "appointment")))
        if org is not None:
            out.append(Fact(person.entity, "worksFor", org, *sent, rule(NAME, "appointment")))
    return out
