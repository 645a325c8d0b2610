"""Things named by a suffix: organisations (某局), companies (某有限公司), places (某镇),
projects (某项目) and meetings (某会议), each name grown leftwards from its suffix over
nominal words; and projects named by a list (甲、乙等项目) or a zone's phase (某港区二期).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.patterns import CLOSED_TAGS, HAN, NUMERAL, UNIT_CHARS, is_title
from kg.nlp.analysis import Doc, Token, occurrences
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Mention

# Tags of tokens that may be part of a name of an organisation, place or project.
_NOMINAL = {"zg", "n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "b", "vn", "eng", "m", "q", "t", "ng", "a", "an", "nw", "l", "s", "f"}

_KINDS = (
    ("Company", "company_suffixes"),
    ("Meeting", "meeting_suffixes"),
    ("Project", "project_suffixes"),
    ("Organization", "org_suffixes"),
    ("Place", "place_suffixes"),
)


def find_named(doc: Doc, people: list[Mention]) -> list[Mention]:
    text = doc.text
    vocab = vocabulary()
    person_chars = {i for m in people for i in range(m.start, m.end)}
    candidates: list[tuple[int, int, str]] = []
    phased: dict[tuple[int, int], int] = {}  # a project's span with its phase → where the name before it ends
    token_containing: dict[int, Token] = {}
    for t in doc.tokens:
        for i in range(t.start, t.end):
            token_containing[i] = t
    for kind, attr in _KINDS:
        for suffix in getattr(vocab, attr):
            if suffix not in text:
                continue
            for ss, se in occurrences(text, suffix):
                end_token = token_containing.get(se - 1)
                if end_token is None:
                    continue
                if end_token.end != se:
                    continue  # the suffix ends inside a word (区 of 区委)
                start = _name_start(doc, ss, se, token_containing, suffix, kind)
                if kind == "Place" and suffix in vocab.standalone_places and start is not None:
                    if start == ss:
                        candidates.append((start, se, kind))  # 高新区的某项目
                        continue
                    if text[ss - 1 : ss] in ("县", "市", "区", "省") and (ss - 1 == 0 or not "\u4e00" <= text[ss - 2] <= "\u9fff" or start == ss - 1):
                        candidates.append((ss - 1, se, kind))  # 县高新区: the county's own zone
                        continue
                if start is None or se - start <= len(suffix):
                    continue
                if not _good_name(doc, start, ss, se, kind, token_containing):
                    continue
                if kind == "Project":
                    phase = _PHASE.match(text, se)
                    if phase:
                        phased[(start, phase.end())] = se
                        se = phase.end()  # 某产业园二期项目
                if any(i in person_chars for i in range(start, se)):
                    continue
                if kind == "Meeting" and (not meeting_name_ok(text[start:se]) or text[start - 1 : start] in (")", "）")):
                    # 某公司(内蒙古)冷链项目集中动工: a name that begins after a bracket is cut
                    continue
                candidates.append((start, se, kind))
    # Longest first; nested places are kept (they make the hierarchy and the place list).
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    accepted: list[tuple[int, int, str]] = []
    covering: dict[int, list[tuple[int, int, str]]] = {}  # character -> accepted names over it (names are short)

    def accept(name: tuple[int, int, str]) -> None:
        accepted.append(name)
        for i in range(name[0], name[1]):
            covering.setdefault(i, []).append(name)

    for start, end, kind in candidates:
        overlapping = {a for i in range(start, end) for a in covering.get(i, ())}
        if not overlapping:
            accept((start, end, kind))
        elif kind == "Place" and all(a[0] <= start and end <= a[1] and (a[2] != "Place" or a[0] == start) for a in overlapping):
            accept((start, end, kind))
    accepted = _split_places(doc, accepted)
    out = [Mention(start, end, Entity(kind, text[start:end])) for start, end, kind in sorted(accepted)]
    # 某项目一期 is also called 某项目: the name without its phase is one more name
    out += [Mention(m.start, phased[(m.start, m.end)], m.entity) for m in out if (m.start, m.end) in phased]
    return out


def _split_places(doc: Doc, accepted: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """青川区白石镇 → 青川区 + 白石镇: a place written after the place it lies in is its own name."""
    places = [a for a in accepted if a[2] == "Place"]
    out = [a for a in accepted if a[2] != "Place"]
    for start, end, kind in places:
        heads = [p for p in places if p[0] == start and p[1] < end]
        if heads:
            head = max(heads, key=lambda p: p[1])
            rest = doc.text[head[1] : end]
            if not _is_bare_suffix(rest):
                out.append((head[1], end, kind))
                continue
        out.append((start, end, kind))
    return out


def _is_bare_suffix(name: str) -> bool:
    """工业功能区 alone names no place: it is only a suffix."""
    vocab = vocabulary()
    return name in all_suffixes() or any(name == m + s for s in vocab.place_suffixes for m in ("", "工业", "经济", "产业"))


_COUNT = re.compile(r"(?:^|[^\u4e00-\u9fff\d])?[\d一二三四五六七八九十两几多]+(?:个|条|座|栋|家|批|项)$")
_PHASE = re.compile(r"[（(]?[一二三四五六七八九十\d]期[)）]?(?:项目|工程)?")
_DIRECTION = re.compile(r"[东南西北中]+部$|[东南西北]侧$")


@lru_cache(maxsize=1)
def all_suffixes() -> frozenset[str]:
    vocab = vocabulary()
    return frozenset(vocab.company_suffixes + vocab.org_suffixes + vocab.place_suffixes + vocab.project_suffixes + vocab.meeting_suffixes) | vocab.false_suffix_words


def _good_name(doc: Doc, start: int, ss: int, se: int, kind: str, token_containing: dict[int, Token]) -> bool:
    """Reject generic phrases (重大项目), directions (东南部) and place words with no name."""
    vocab = vocabulary()
    name = doc.text[start:se]
    prefix = doc.text[start:ss]
    programme = kind == "Project" and len(prefix) >= 3 and not any(c.isdigit() for c in prefix)
    if _DIRECTION.search(name) or name in all_suffixes() or (NUMERAL.match(prefix) and not programme):
        return False
    if len(prefix) >= 1 and doc.text[ss - 1 : ss] == doc.text[ss : ss + 1] and se - ss == 1:
        return False  # 某县县(长): a suffix written twice is a title's start, not a name
    if kind == "Place" and prefix[:1] in ("各", "全", "该", "本", "我", "每"):
        return False
    if kind == "Place" and all(c in UNIT_CHARS for c in name):
        return False  # 省市县: suffixes alone
    if kind == "Place" and se - ss == 1 and doc.text[ss : ss + 2] in vocab.suffix_heads:
        return False  # 盘活村集体: the suffix character begins another word
    if prefix in vocab.verbs_not_in_names or prefix in vocab.person_verbs:
        return False  # 出席会议, 召开会议: a verb and a suffix name nothing
    if any(name.endswith(w) and len(w) > se - ss for w in vocab.false_suffix_words):
        return False  # 产业布局, 共创美好城市: an ordinary word ends the phrase
    words = [t.word for t in doc.tokens_in(start, ss)]
    if prefix in vocab.generic_modifiers or (words and all(w in vocab.generic_modifiers or NUMERAL.match(w) for w in words) and not programme):
        return False
    if kind == "Project" and (_COUNT.search(prefix) or prefix.endswith(("重点", "重大", "优质", "一批"))):
        return False  # 6个项目, 三条生产线, 某县“双十”重点项目: a count or a category, not a name
    if kind == "Place" and se - ss == 1 and len(prefix) < 2 and token_containing[ss].tag != "ns":
        return False
    if kind == "Place" and se - ss == 1:
        # single-character place suffixes (市, 区, 县, 路) need a proper name before them
        last = token_containing.get(ss - 1) if token_containing[ss].start == ss else token_containing[ss]
        if last is None or last.tag not in ("ns", "nr", "nrt", "nz", "j", "m", "eng", "nt", "n"):
            if not (last is not None and len(last.word) >= 2 and doc.text[ss] in "镇乡村" and last.word not in vocab.verbs_not_in_names):
                return False
    return True


def _place_ends_at(doc: Doc, pos: int, floor: int) -> bool:
    """Whether a place's name ends at `pos` (白沙镇|建设), by jieba's tags: 整县|推进 is no place."""
    prev = doc.token_ending.get(pos)
    if prev is None or prev.start < floor:
        return False
    if prev.tag == "ns" and len(prev.word) >= 2:
        return True
    if len(prev.word) >= 3 and prev.word[-1] in "镇乡村县区市" and prev.tag in ("nr", "nz", "n", "nt"):
        return True  # jieba tags some towns as names (某沙镇/nr)
    if prev.word in ("镇", "乡", "村", "县", "区", "市"):
        before = doc.token_ending.get(prev.start)
        return before is not None and before.tag in ("ns", "nr", "nz") and before.start >= floor
    return False


def _name_start(doc: Doc, ss: int, se: int, token_containing: dict[int, Token], suffix: str, kind: str) -> int | None:
    """Extend a name leftwards from its suffix over nominal tokens."""
    vocab = vocabulary()
    first = token_containing.get(ss)
    if first is None:
        return None
    if kind == "Meeting" and first.start < ss and doc.text[first.start : ss] in vocab.verbs_not_in_names | frozenset(vocab.person_verbs):
        return None  # 出席会议: a verb and a meeting word in one token name no meeting (组织部 is a body)
    if first.start < ss:
        # the suffix is the end of a longer word: 发改局, 青川区; short words (思路, 全区) are not names
        if len(suffix) == 1 and first.tag not in ("ns", "nt", "nz") and ss - first.start < 2:
            return None
        start = first.start
    else:
        start = ss
    steps = 0
    while True:
        prev = doc.token_ending.get(start)
        if prev is not None and prev.word == "”" and steps == 0 and kind in ("Project", "Company", "Organization", "Meeting"):
            opening = doc.text.rfind("“", max(0, start - 12), start)
            if opening != -1 and "”" not in doc.text[opening : start - 1]:
                start = opening
                steps += 1
                continue
        joins = (
            kind == "Project" and prev is not None and prev.word in ("及", "和", "与", "至")
            and not doc.text[:start].endswith(vocab.project_suffixes) and steps > 0
        )
        if not joins and (prev is None or set(prev.word) & vocab.stop_chars and prev.word != "暨"):
            break
        if kind == "Place" and prev.word in UNIT_CHARS and not _is_bare_suffix(doc.text[start:se]):
            break  # 某镇|田坞社区: a place's name ends at the place before it
        inner_verb = kind == "Project" and steps > 0 and prev.word in vocab.project_name_verbs
        if prev.word in vocab.verbs_not_in_names and not inner_verb or re.search(r"\d.*[亿万元]|[亿万]元", prev.word):
            break
        if kind == "Company":
            allowed = prev.tag not in CLOSED_TAGS - {"d"}
        elif kind == "Place":
            allowed = prev.tag in _NOMINAL - {"vn", "a", "an", "l", "nt"} and not prev.word.endswith(vocab.company_suffixes + vocab.org_suffixes)
        elif kind == "Project":
            # project names carry numbers, verbs and 及/和 (某镇1万吨冷链中心及3000吨生产线建设项目),
            # but neither 和 nor anything else joins two projects
            allowed = joins or (
                prev.tag not in CLOSED_TAGS and not is_title(prev.word) and prev.word not in ("项目", "建设项目", "工程")
                and not prev.word.endswith(vocab.company_suffixes)  # 某公司|年产5万吨某项目
            )
        else:
            allowed = prev.tag in _NOMINAL or prev.word == "暨" or (
                kind in ("Project", "Meeting", "Organization") and prev.tag.startswith("v") and len(prev.word) == 2
            )
        if not allowed or is_title(prev.word) or prev.word in vocab.person_nouns:
            break
        start = prev.start
        steps += 1
        if se - start > (45 if kind == "Project" else 30):
            break
    # a place's name has two characters at least before a one-character suffix (伏岭镇, 干溪乡)
    if kind == "Place" and len(suffix) == 1 and ss - start < 2:
        prev = doc.token_ending.get(start)
        if (
            prev is not None and len(prev.word) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in prev.word)
            and not set(prev.word) & vocab.stop_chars and prev.word not in vocab.verbs_not_in_names
            and prev.word not in vocab.generic_modifiers and not is_title(prev.word)
        ):
            start = prev.start
    # a name does not start with a verb, a number or a time
    while start < ss:
        tok = doc.token_at.get(start)
        if tok is None:
            break
        leading_number = tok.tag in ("m", "q") and NUMERAL.match(tok.word) and tok.word[:1] != "第"
        if kind == "Project" and leading_number and tok.word[-1:] not in "年月日号":
            nxt = doc.token_at.get(tok.end)
            if nxt is not None and nxt.tag in ("m", "q") and not NUMERAL.match(nxt.word):
                break  # 50万头生猪产业项目, 100兆瓦光伏项目: a capacity opens the name
        rest = doc.text[start:ss]
        if kind == "Project" and len(rest) >= 3 and NUMERAL.match(rest) and not any(c.isdigit() for c in rest):
            break  # 三五八工程: a programme named by numerals
        leading_verb = tok.tag.startswith("v") and tok.tag != "vn" and kind != "Meeting"
        if kind == "Project":
            if tok.word in vocab.capacity_words:
                break  # 年产5万吨某项目
            if tok.word in vocab.project_verbs:
                start = tok.end  # 建设某项目
                continue
            verb_after_place = next(
                (
                    t for t in doc.tokens
                    if start < t.start and t.end <= ss and t.word in vocab.project_verbs
                    and _place_ends_at(doc, t.start, start)
                ),
                None,
            )
            if verb_after_place is not None:
                start = verb_after_place.end  # 在白沙镇建设某项目: the place and the verb are not the name
                continue
            nxt = doc.token_at.get(tok.end)
            if len(tok.word) == 1 and nxt is not None and nxt.word in vocab.project_verbs:
                start = nxt.end  # (我)县建设某项目
                continue
            # other verbs may open a project's name (姑蔑古国…): only listed ones are cut
            leading_verb = leading_verb and tok.word in vocab.verbs_not_in_names
            if not (leading_verb or leading_number or tok.tag in ("t", "f", "d")):
                break
        elif not (leading_verb or leading_number or tok.tag in ("t", "f", "a", "d")):
            break
        if kind == "Place" and len(suffix) == 1 and ss - tok.end < 2 and not leading_number:
            break  # keep the two characters a place's name needs (伏岭镇, 干溪乡)
        start = tok.end
    return start


_LISTED = re.compile(r"((?:[^、，,。；;：:\s]{2,12}、)+[^、，,。；;：:\s]{2,12})等[^，,。；]{0,8}?(?:项目|工程)")


def listed_projects(doc: Doc, known: list[Mention]) -> list[Mention]:
    """甲、乙等重大文旅项目: each item of the list is a project, unless it is already something else."""
    vocab = vocabulary()
    out = []
    for m in _LISTED.finditer(doc.text):
        pos = m.start(1)
        items = m.group(1).split("、")
        if doc.text[m.end() : m.end() + 2] == "为主" or any(i in vocab.industry_words or i.endswith(tuple(vocab.industry_words)) for i in items):
            continue  # 以甲、乙等项目为主: kinds of projects, not projects
        for index, item in enumerate(items):
            start, end = pos, pos + len(item)
            pos = end + 1
            if index == 0:
                # the first item may carry the verbs before it: keep its last nominal words
                cut = start
                for t in doc.tokens:
                    verb = t.tag.startswith("v") and len(t.word) >= 2
                    if start <= t.start < end and (verb or t.tag.startswith(("d", "p")) or t.word in vocab.verbs_not_in_names):
                        cut = t.end
                start = cut
            name = doc.text[start:end]
            if len(name) < 2 or not HAN.match(name.replace("“", "").replace("”", "")):
                continue
            if any(k.start < end and start < k.end for k in known):
                continue
            out.append(Mention(start, end, Entity("Project", name)))
    return out


_PHASE_AFTER_PLACE = re.compile(r"[一二三四五六七八九十]期(?!项目|工程|建设|投产|工程)")


def phases(doc: Doc, named: list[Mention]) -> list[Mention]:
    """某港区二期, 某产业园二期: a zone's phase is a project."""
    out = []
    for place in named:
        if place.entity.type != "Place" or not place.entity.name.endswith(("港区", "园区", "园", "开发区", "新区", "片区")):
            continue
        m = _PHASE_AFTER_PLACE.match(doc.text, place.end)
        if m:
            out.append(Mention(place.start, m.end(), Entity("Project", doc.text[place.start : m.end()])))
    return out



_CLAUSE_VERB = re.compile(r".(?:举行|召开|举办|隆重举行)")
_CAMPAIGN = re.compile(r"[^\d]年[”\"]?活动$")  # 某某突破年活动: a year-long campaign, not an event
_CUT_START = re.compile(r"^(?:[个份届期批项]|月份?|年度|本次|此次|这次|该|今天|当天|本届|积极|认真|深入|大力|全面|扎实|持续)")


@lru_cache(maxsize=4096)
def meeting_name_ok(name: str) -> bool:
    """Whether a reader takes `name` as a meeting's or event's name, bounded right.

    Rejected shapes: a headline run on past a space, a clause (某镇隆重举行某仪式), a name cut
    after a numeral (个项目集中开工), a reference (本次活动), a year-long campaign (某突破年活动),
    the people's congress as an institution (某区人民代表大会), and a category made only of
    generic words (重大项目集中开工, 竣工活动, 誓师大会).
    """
    vocab = vocabulary()
    if not name or re.search(r"\s", name) or _CLAUSE_VERB.search(name) or _CUT_START.match(name):
        return False
    if _CAMPAIGN.search(name) or name.endswith("人民代表大会"):
        return False
    first = next((v for v in vocab.verbs_not_in_names | frozenset(vocab.person_verbs) if name.startswith(v) and len(v) >= 2), None)
    if first is not None and first not in vocab.event_words:
        return False  # 介绍某某集中开工, 积极开展某活动: a verb before the name
    rest = name
    words = vocab.meeting_suffixes + vocab.generic_event_words
    while rest:
        word = next((w for w in words if rest.endswith(w)), None)
        if word is None:
            break
        rest = rest[: -len(word)]
    return bool(rest)
