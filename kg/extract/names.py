"""names.v1: find the named things of an article — people, organisations, companies,
places, projects and meetings — from titles, appositions, suffixes and jieba's tags."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.nlp.analysis import Doc, Token, occurrences
from kg.types import Entity, Mention
from kg.nlp.vocabulary import vocabulary

NAME = "names.v1"

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_BOUNDARY = set("，,。、；;：:！？!?“”\"‘’（）()《》 \n—…·")
# Tags of tokens that may be part of a name of an organisation, place or project.
_NOMINAL = {"zg", "n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "b", "vn", "eng", "m", "q", "t", "ng", "a", "an", "nw", "l", "s", "f"}
_PERSON_TAGS = {"nr", "nrfg", "nrt"}
_UNIT_CHARS = set("路区县市镇乡村局厅部委办院港省街")
_NUMERAL = re.compile(r"^(?:[\d.%]+[年月日号]?|[第一二三四五六七八九十百千万亿两几多余]+|[年月日号])$")
_CLOSED_TAGS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "y", "e", "o", "x", "w", "d", "ad"}


def extract(doc: Doc) -> list[Mention]:
    people = _find_people(doc)
    doc.mentions.extend(people)
    named = _find_named(doc, people)
    doc.mentions.extend(named)
    listed = _listed_projects(doc, people + named) + _phases(doc, named)
    doc.mentions.extend(listed)
    referring = _referring(doc, named + listed) + _short_forms(doc, people + named + listed)
    doc.mentions.extend(referring)
    return people + named + listed + referring


def _short_forms(doc: Doc, known: list[Mention]) -> list[Mention]:
    """青禾 for 浙江青禾塑胶设备有限公司: a company's distinctive word, written alone later."""
    vocab = vocabulary()
    cores: dict[str, set[Entity]] = {}
    for m in known:
        if m.entity.type != "Company":
            continue
        inside = doc.tokens_in(m.start, m.end)
        while inside and inside[0].tag == "ns":
            inside = inside[1:]  # the places a company's name opens with
        if len(inside) < 2:
            continue
        core = inside[0].word
        if len(core) >= 2 and _HAN.match(core) and core not in vocab.industry_words and not core.endswith(_all_suffixes_tuple()):
            cores.setdefault(core, set()).add(m.entity)
    out = []
    covered = {i for m in known for i in range(m.start, m.end)}
    for core, entities in cores.items():
        if len(entities) != 1:
            continue  # two companies share the word: not a short form of either
        entity = next(iter(entities))
        for start, end in occurrences(doc.text, core):
            if start in covered or end - 1 in covered:
                continue
            out.append(Mention(start, end, entity))
    return out


@lru_cache(maxsize=1)
def _all_suffixes_tuple() -> tuple[str, ...]:
    return tuple(_all_suffixes())


_LISTED = re.compile(r"((?:[^、，,。；;：:\s]{2,12}、)+[^、，,。；;：:\s]{2,12})等[^，,。；]{0,8}?(?:项目|工程)")


def _listed_projects(doc: Doc, known: list[Mention]) -> list[Mention]:
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
            if len(name) < 2 or not _HAN.match(name.replace("“", "").replace("”", "")):
                continue
            if any(k.start < end and start < k.end for k in known):
                continue
            out.append(Mention(start, end, Entity("Project", name)))
    return out


_PHASE_AFTER_PLACE = re.compile(r"[一二三四五六七八九十]期(?!项目|工程|建设|投产|工程)")


def _phases(doc: Doc, named: list[Mention]) -> list[Mention]:
    """某港区二期, 某产业园二期: a zone's phase is a project."""
    out = []
    for place in named:
        if place.entity.type != "Place" or not place.entity.name.endswith(("港区", "园区", "园", "开发区", "新区", "片区")):
            continue
        m = _PHASE_AFTER_PLACE.match(doc.text, place.end)
        if m:
            out.append(Mention(place.start, m.end(), Entity("Project", doc.text[place.start : m.end()])))
    return out


_REFERRING = re.compile(r"(?:(?:该|本|此)(项目|工程|公司|企业)|(?<=[，,。；;\n])(?:今年|去年|目前)(公司|企业))(?![\u4e00-\u9fff]{0,2}(?:有限|集团|股份))")
_HOME = re.compile(r"(?:我|本)(县|区|市)(?![委政长级])")
_REFERRED_TYPE = {"项目": ("Project",), "工程": ("Project",), "公司": ("Company",), "企业": ("Company",)}


def _referring(doc: Doc, named: list[Mention]) -> list[Mention]:
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


# ---- people ---------------------------------------------------------------------


def _is_title(word: str) -> bool:
    return word in _titles()


_TITLE_SET: set[str] | None = None


def _titles() -> set[str]:
    global _TITLE_SET
    if _TITLE_SET is None:
        _TITLE_SET = set(vocabulary().titles)
    return _TITLE_SET


def _follows_name(text: str, pos: int) -> bool:
    """Whether text[pos:] may stand right after a person's name."""
    if pos >= len(text) or text[pos] in _BOUNDARY:
        return True
    vocab = vocabulary()
    rest = text[pos : pos + 6]
    return rest.startswith(vocab.name_followers) or rest.startswith(vocab.titles) or rest.startswith(vocab.person_nouns)


def name_at(doc: Doc, pos: int, *, strict: bool = False, after_title: bool = False) -> int | None:
    """End of a person's name starting at `pos`, or None.

    A name starts with a surname, has two to four Han characters, and is followed by a
    word that may follow a name (a verb of the genre, a title, punctuation). With
    `strict`, jieba must also see a name there.
    """
    text = doc.text
    vocab = vocabulary()
    if pos >= len(text):
        return None
    compound = text[pos : pos + 2] in vocab.compound_surnames
    if not compound and text[pos] not in vocab.surnames:
        # a rare surname: only right after a title and right before a verb of the genre (区长某某主持)
        if not after_title:
            return None
        for length in (2, 3, 4):  # 4: names of the genre without a Han surname (扎西多吉宣布)
            name = text[pos : pos + length]
            boundary = pos + length in doc.token_ending or pos + length in doc.token_at
            ends = text[pos + length : pos + length + 4].startswith(vocab.person_verbs) or text[pos + length : pos + length + 1] in ("，", "、", "及", "和")
            if boundary and _HAN.match(name) and len(name) == length and ends:
                if not any(t.tag.startswith(("v", "d", "p", "c", "u", "a", "m", "t", "f", "r")) for t in doc.tokens_in(pos, pos + length, whole=False)):
                    return pos + length
        return None
    lengths = (3, 4) if compound else (3, 2, 4)
    token = doc.token_at.get(pos)
    jieba_name = token is not None and token.tag in _PERSON_TAGS and 2 <= len(token.word) <= 4
    fits = []
    for length in lengths:
        name = text[pos : pos + length]
        if len(name) < length or not _HAN.match(name) or name in vocab.not_names or _is_title(name):
            continue
        if name[-1] in _UNIT_CHARS and (not (jieba_name and token.word == name) or text[pos + length : pos + length + 1] == name[-1]):
            continue  # 祁县(县长), 某信乡乡长, 某某路: a place, not a name
        if length == 4 and (fits or not (text[pos + 4 : pos + 5] in ("、", "及", "和", "等", "，", ",", "。") or text[pos + 4 : pos + 8].startswith(vocab.person_verbs))):
            continue  # four characters only where three and two fail, before a list or a verb of the genre
        if _follows_name(text, pos + length):
            fits.append(length)
    if fits == [4]:
        return pos + 4  # 罗布次仁致辞: three and two characters fit nothing
    if len(fits) > 1 and jieba_name and len(token.word) in fits:
        return pos + len(token.word)
    if fits and not strict:
        return pos + fits[0]
    if fits and strict and jieba_name and len(token.word) in fits:
        return pos + len(token.word)
    place_and_title = token is not None and token.word[-1] in _UNIT_CHARS and text[pos + len(token.word) : pos + len(token.word) + 1] == token.word[-1]
    if jieba_name and not place_and_title and token.word not in vocab.not_names and token.word[0] in vocab.surname_initials:
        end = pos + len(token.word)
        if not strict or _follows_name(text, end):
            return end
    if after_title:
        # 县长杨光明深入…: where a word ends after three or two characters
        for length in (3, 2):
            name = text[pos : pos + length]
            boundary = pos + length in doc.token_ending or pos + length in doc.token_at
            inside = doc.tokens_in(pos, pos + length, whole=False)
            if any(t.tag.startswith(("p", "c", "d", "v", "u", "r", "a", "m", "t", "f")) for t in inside):
                continue
            if boundary and len(name) == length and _HAN.match(name) and name not in vocab.not_names and name[-1] not in _UNIT_CHARS:
                return pos + length
    return None


def _title_phrase_start(doc: Doc, title_token: Token) -> int:
    """Where the title phrase ending with `title_token` starts (its organisation included)."""
    start = title_token.start
    vocab = vocabulary()
    while True:
        prev = doc.token_ending.get(start)
        if prev is not None and prev.word == "和" and re.search(r"(?:局|委|厅|部|办)$", doc.text[start:title_token.start]):
            before_and = doc.token_ending.get(prev.start)
            if before_and is not None and before_and.tag in ("n", "vn") and len(before_and.word) == 2:
                start = before_and.start  # 发展和改革局局长: 和 inside the body's name
                continue
        if prev is None or set(prev.word) & vocab.stop_chars or prev.tag in _CLOSED_TAGS:
            break
        listed_verb = prev.word in vocab.verbs_not_in_names and prev.word not in vocab.org_name_verbs
        numeral_place = _NUMERAL.match(prev.word) and not prev.word[0].isdigit() and doc.token_at.get(prev.end) is not None and doc.token_at[prev.end].tag == "ns"
        if listed_verb or prev.word in vocab.person_verbs or (_NUMERAL.match(prev.word) and not numeral_place):
            break  # (五|工台镇 is one place: a numeral before a place name stays)
        if prev.tag in ("t",) or prev.word in vocab.person_nouns:
            break
        start = prev.start
    # a title phrase does not open with a verb (派出经贸局副局长 → 经贸局副局长)
    while start < title_token.start:
        tok = doc.token_at.get(start)
        if tok is None or not (tok.tag.startswith("v") and tok.tag != "vn"):
            break
        start = tok.end
        if title_token.end - start > 30:
            break
    return start


def _title_phrases_before(doc: Doc, title_token: Token) -> list[tuple[int, int]]:
    """The title phrase ending at `title_token`, and those chained before it with 、."""
    phrases = [(_title_phrase_start(doc, title_token), title_token.end)]
    text = doc.text
    while True:
        start = phrases[-1][0]
        if start == 0 or text[start - 1] != "、":
            break
        prev = doc.token_ending.get(start - 1)
        if prev is None or not _is_title(prev.word) and not prev.word.endswith(vocabulary().titles):
            break
        phrase = (_title_phrase_start(doc, prev), prev.end)
        if any(t.tag in _PERSON_TAGS and len(t.word) >= 2 for t in doc.tokens_in(phrase[0], phrase[1], whole=False)):
            break  # 某某副总裁、某公司总经理王某: the earlier title is someone else's
        phrases.append(phrase)
    return phrases


def _find_people(doc: Doc) -> list[Mention]:
    text = doc.text
    vocab = vocabulary()
    found: dict[int, int] = {}  # start -> end
    titles: dict[int, list[tuple[int, int]]] = {}

    def add(start: int, end: int, phrases: list[tuple[int, int]] | None = None) -> None:
        if start in found:
            if phrases:
                titles.setdefault(start, []).extend(p for p in phrases if p not in titles.get(start, []))
            return
        found[start] = end
        if phrases:
            titles[start] = list(phrases)

    def add_list(end: int, phrases: list[tuple[int, int]] | None) -> None:
        # 副县长刘某、石某、蔡某等出席: every name of the list holds the title
        while end < len(text) and text[end] in "、和及":
            nxt = name_at(doc, end + 1)
            if nxt is None:
                break
            add(end + 1, nxt, phrases)
            end = nxt

    for token in doc.tokens:
        word = token.word
        if _is_title(word) or (len(word) > 2 and word.endswith(vocab.titles) and token.tag in ("n", "nt")):
            end = name_at(doc, token.end, after_title=True)
            if end is not None:
                phrases = _title_phrases_before(doc, token)
                add(token.end, end, phrases)
                add_list(end, phrases)
        elif len(word) >= 2 and word.endswith(vocab.company_suffixes + vocab.org_suffixes) and token.end not in found:
            # 某有限公司武某某副总经理: a name between an organisation and its title
            end = name_at(doc, token.end)
            starts_title = text[token.end : token.end + 6].startswith(vocab.titles + ("常务", "副", "代理"))
            one_word = doc.token_at.get(token.end)
            known_word = end is not None and one_word is not None and one_word.end == end and one_word.tag in ("n", "vn", "nz", "j")
            if end is not None and not starts_title and not known_word and text[end : end + 6].startswith(vocab.titles):
                add(token.end, end)
        elif word in vocab.person_nouns:
            end = name_at(doc, token.end)
            if end is not None and not (end in doc.token_ending or end in doc.token_at):
                end = None
            inside = doc.tokens_in(token.end, end or 0, whole=False)
            if end is not None and len(inside) == 1 and inside[0].tag not in _PERSON_TAGS | {"x"} and not text[end : end + 4].startswith(vocab.person_verbs):
                end = None  # 群众满意度: a word jieba knows as something else, with no verb of a speaker
            if end is not None and (text[end : end + 4].startswith(vocab.person_verbs) or text[end : end + 1] == "、"):
                add(token.end, end)
                add_list(end, None)
        elif word == "的" and text[max(0, token.start - 1)] == "岁":
            nxt = doc.token_at.get(token.end)
            if nxt is not None and nxt.tag in _PERSON_TAGS and 2 <= len(nxt.word) <= 4:
                add(nxt.start, nxt.end)
        elif word in ("”", "\"") and token.end < len(text):
            # “……”某某说: the speaker after a quotation
            end = name_at(doc, token.end)
            if end is not None and text[end : end + 4].startswith(vocab.person_verbs):
                add(token.end, end)
        elif token.tag in _PERSON_TAGS and token.start not in found:
            end = name_at(doc, token.start, strict=True)
            if end is not None and (text[end : end + 4].startswith(vocab.person_verbs) or _is_title(text[end : end + 3]) or _is_title(text[end : end + 2])):
                add(token.start, end)

    for m in _APPOINT.finditer(text):
        end = name_at(doc, m.end())
        if end is not None:
            add(m.end(), end)  # 任命某某为…, 免去某某的…职务
    _byline_people(doc, add)
    _headline_people(doc, add)

    # Title after the name: 习近平总书记, 王某教授
    for start, end in list(found.items()):
        tok = doc.token_at.get(end)
        if tok is not None and _is_title(tok.word):
            titles.setdefault(start, [])
            if (tok.start, tok.end) not in titles[start]:
                titles[start].append((tok.start, tok.end))

    # 荣光 inside 莫荣光: a name within another goes. (Starts are distinct, so "within" is a
    # span starting before it and ending no sooner: one sorted pass, not a pair of loops.)
    reach = -1
    for start, end in sorted(found.items()):
        if reach >= end:
            del found[start]
            titles.pop(start, None)
        reach = max(reach, end)
    names = {text[s:e] for s, e in found.items()}
    mentions = []
    taken: set[int] = set()
    for start, end in sorted(found.items()):
        mentions.append(Mention(start, end, Entity("Person", text[start:end])))
        taken.update(range(start, end))
    # Every other occurrence of a name found in the article is the same person.
    for name in sorted(names, key=len, reverse=True):
        for start, end in occurrences(text, name):
            if start in taken or end - 1 in taken:
                continue
            if _follows_name(text, end) or text[end : end + 2] in ("一行",):
                mentions.append(Mention(start, end, Entity("Person", name)))
                taken.update(range(start, end))
    doc.title_phrases.update(titles)
    return sorted(mentions, key=lambda m: m.start)


def _after_quote_or_clause(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1] in "”\"、"


_APPOINT = re.compile(r"(?:任命|免去|提名|推选|选举|聘任|聘请)")
_BYLINE_ROLE = re.compile(r"((?:全媒体|融媒体|见习|特约|首席|本报)?(?:记者|通讯员|实习生|摄影))\s*")


def _byline_people(doc: Doc, add) -> None:
    article = doc.article
    if not article.byline:
        return
    base = article.head_end
    byline = article.byline
    for role in _BYLINE_ROLE.finditer(byline):
        pos = role.end()
        while pos < len(byline):
            m = re.match(r"([\u4e00-\u9fff]{2,4})(?=[\s)）:：，,]|报道|$)", byline[pos:])
            if not m or m.group(1) in ("记者", "通讯员", "报道"):
                break
            name = m.group(1)
            if name[0] in vocabulary().surnames or name[:2] in vocabulary().compound_surnames:
                add(base + pos, base + pos + len(name), [(base + role.start(), base + role.start() + len(role.group(1)))])
            pos += len(name)
            while pos < len(byline) and byline[pos] == " ":
                pos += 1
            if _BYLINE_ROLE.match(byline, pos):
                break


_HEAD_VERBS = ("讲话", "主持", "参加", "出席", "致辞", "发言", "调研", "宣布")


def _headline_people(doc: Doc, add) -> None:
    """Headline lines of names and verbs: 王某讲话 徐某主持 潘某杨某参加."""
    text = doc.text
    pos = 0
    for line in text[: doc.article.head_end].split("\n"):
        offset = pos
        pos += len(line) + 1
        for seg in re.finditer(r"\S+", line):
            word = seg.group(0)
            lead = name_at(doc, offset + seg.start())
            if lead is not None and text[lead : lead + 4].startswith(vocabulary().person_verbs):
                add(offset + seg.start(), lead)  # 某某带队调研…: a headline that opens with a name
                continue
            verb = next((v for v in _HEAD_VERBS if word.endswith(v)), None)
            if not verb:
                continue
            names = word[: -len(verb)]
            start = offset + seg.start()
            from kg.nlp.analysis import tokenize

            tokens = tokenize(names)
            if tokens and all(t.tag in _PERSON_TAGS and 2 <= len(t.word) <= 4 for t in tokens):
                spans = [(t.start, t.end) for t in tokens]
            else:
                spans = _split_names(names)
            for a, b in spans:
                add(start + a, start + b)


def _split_names(run: str) -> list[tuple[int, int]]:
    """Split a run of names written together (潘某杨某某) by surnames; [] when it does not split."""
    vocab = vocabulary()
    if not _HAN.match(run or "-"):
        return []

    def split(i: int) -> list[tuple[int, int]] | None:
        if i == len(run):
            return []
        for length in (3, 2, 4):
            j = i + length
            if j > len(run):
                continue
            if run[i] not in vocab.surnames and run[i : i + 2] not in vocab.compound_surnames:
                return None
            rest = split(j)
            if rest is not None:
                return [(i, j)] + rest
        return None

    # prefer fewer, then two-character-first splits jieba agrees with
    best = split(0)
    return best or []


# ---- organisations, companies, places, projects, meetings -----------------------

_KINDS = (
    ("Company", "company_suffixes"),
    ("Meeting", "meeting_suffixes"),
    ("Project", "project_suffixes"),
    ("Organization", "org_suffixes"),
    ("Place", "place_suffixes"),
)


def _find_named(doc: Doc, people: list[Mention]) -> list[Mention]:
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
    return name in _all_suffixes() or any(name == m + s for s in vocab.place_suffixes for m in ("", "工业", "经济", "产业"))


_COUNT = re.compile(r"(?:^|[^\u4e00-\u9fff\d])?[\d一二三四五六七八九十两几多]+(?:个|条|座|栋|家|批|项)$")
_PHASE = re.compile(r"[（(]?[一二三四五六七八九十\d]期[)）]?(?:项目|工程)?")
_DIRECTION = re.compile(r"[东南西北中]+部$|[东南西北]侧$")


@lru_cache(maxsize=1)
def _all_suffixes() -> frozenset[str]:
    vocab = vocabulary()
    return frozenset(vocab.company_suffixes + vocab.org_suffixes + vocab.place_suffixes + vocab.project_suffixes + vocab.meeting_suffixes) | vocab.false_suffix_words


def _good_name(doc: Doc, start: int, ss: int, se: int, kind: str, token_containing: dict[int, Token]) -> bool:
    """Reject generic phrases (重大项目), directions (东南部) and place words with no name."""
    vocab = vocabulary()
    name = doc.text[start:se]
    prefix = doc.text[start:ss]
    programme = kind == "Project" and len(prefix) >= 3 and not any(c.isdigit() for c in prefix)
    if _DIRECTION.search(name) or name in _all_suffixes() or (_NUMERAL.match(prefix) and not programme):
        return False
    if len(prefix) >= 1 and doc.text[ss - 1 : ss] == doc.text[ss : ss + 1] and se - ss == 1:
        return False  # 某县县(长): a suffix written twice is a title's start, not a name
    if kind == "Place" and prefix[:1] in ("各", "全", "该", "本", "我", "每"):
        return False
    if kind == "Place" and all(c in _UNIT_CHARS for c in name):
        return False  # 省市县: suffixes alone
    if kind == "Place" and se - ss == 1 and doc.text[ss : ss + 2] in vocab.suffix_heads:
        return False  # 盘活村集体: the suffix character begins another word
    if prefix in vocab.verbs_not_in_names or prefix in vocab.person_verbs:
        return False  # 出席会议, 召开会议: a verb and a suffix name nothing
    if any(name.endswith(w) and len(w) > se - ss for w in vocab.false_suffix_words):
        return False  # 产业布局, 共创美好城市: an ordinary word ends the phrase
    words = [t.word for t in doc.tokens_in(start, ss)]
    if prefix in vocab.generic_modifiers or (words and all(w in vocab.generic_modifiers or _NUMERAL.match(w) for w in words) and not programme):
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
        if kind == "Place" and prev.word in _UNIT_CHARS and not _is_bare_suffix(doc.text[start:se]):
            break  # 某镇|田坞社区: a place's name ends at the place before it
        inner_verb = kind == "Project" and steps > 0 and prev.word in vocab.project_name_verbs
        if prev.word in vocab.verbs_not_in_names and not inner_verb or re.search(r"\d.*[亿万元]|[亿万]元", prev.word):
            break
        if kind == "Company":
            allowed = prev.tag not in _CLOSED_TAGS - {"d"}
        elif kind == "Place":
            allowed = prev.tag in _NOMINAL - {"vn", "a", "an", "l", "nt"} and not prev.word.endswith(vocab.company_suffixes + vocab.org_suffixes)
        elif kind == "Project":
            # project names carry numbers, verbs and 及/和 (某镇1万吨冷链中心及3000吨生产线建设项目),
            # but neither 和 nor anything else joins two projects
            allowed = joins or (
                prev.tag not in _CLOSED_TAGS and not _is_title(prev.word) and prev.word not in ("项目", "建设项目", "工程")
                and not prev.word.endswith(vocab.company_suffixes)  # 某公司|年产5万吨某项目
            )
        else:
            allowed = prev.tag in _NOMINAL or prev.word == "暨" or (
                kind in ("Project", "Meeting", "Organization") and prev.tag.startswith("v") and len(prev.word) == 2
            )
        if not allowed or _is_title(prev.word) or prev.word in vocab.person_nouns:
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
            and prev.word not in vocab.generic_modifiers and not _is_title(prev.word)
        ):
            start = prev.start
    # a name does not start with a verb, a number or a time
    while start < ss:
        tok = doc.token_at.get(start)
        if tok is None:
            break
        leading_number = tok.tag in ("m", "q") and _NUMERAL.match(tok.word) and tok.word[:1] != "第"
        if kind == "Project" and leading_number and tok.word[-1:] not in "年月日号":
            nxt = doc.token_at.get(tok.end)
            if nxt is not None and nxt.tag in ("m", "q") and not _NUMERAL.match(nxt.word):
                break  # 50万头生猪产业项目, 100兆瓦光伏项目: a capacity opens the name
        rest = doc.text[start:ss]
        if kind == "Project" and len(rest) >= 3 and _NUMERAL.match(rest) and not any(c.isdigit() for c in rest):
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
