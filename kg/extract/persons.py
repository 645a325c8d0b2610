"""Person names: after titles (区委书记王某), before verbs of the genre (王某主持), in bylines and
headlines (王某讲话 徐某主持), after quotations; with the title phrases written with them.

`find_people` gives the mentions of every person and the `TitlePhrase`s that name their posts;
`name_at` says where a name starting at an offset ends.
"""

from __future__ import annotations

import re

from kg.extract.patterns import CLOSED_TAGS, HAN, NUMERAL, PERSON_TAGS, UNIT_CHARS, is_title
from kg.nlp.analysis import Doc, Token, occurrences
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Mention, TitlePhrase

_BOUNDARY = set("，,。、；;：:！？!?“”\"‘’（）()《》 \n—…·")


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
    first = doc.token_at.get(pos)
    if first is not None and len(first.word) >= 2 and first.tag in ("p", "c"):
        return None  # 总书记|关于东北…: a preposition or a conjunction (关于, 对于, 并且) opens no name
    compound = text[pos : pos + 2] in vocab.compound_surnames
    if not compound and text[pos] not in vocab.surnames:
        # a rare surname: only right after a title and right before a verb of the genre (区长某某主持)
        if not after_title:
            return None
        for length in (2, 3, 4):  # 4: names of the genre without a Han surname (扎西多吉宣布)
            name = text[pos : pos + length]
            boundary = pos + length in doc.token_ending or pos + length in doc.token_at
            ends = text[pos + length : pos + length + 4].startswith(vocab.person_verbs) or text[pos + length : pos + length + 1] in ("，", "、", "及", "和")
            if boundary and HAN.match(name) and len(name) == length and ends:
                if not any(t.tag.startswith(("v", "d", "p", "c", "u", "a", "m", "t", "f", "r")) for t in doc.tokens_in(pos, pos + length, whole=False)):
                    return pos + length
        return None
    lengths = (3, 4) if compound else (3, 2, 4)
    token = doc.token_at.get(pos)
    jieba_name = token is not None and token.tag in PERSON_TAGS and 2 <= len(token.word) <= 4
    fits = []
    for length in lengths:
        name = text[pos : pos + length]
        if len(name) < length or not HAN.match(name) or name in vocab.not_names or is_title(name):
            continue
        if name[-1] in UNIT_CHARS and (not (jieba_name and token.word == name) or text[pos + length : pos + length + 1] == name[-1]):
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
    place_and_title = token is not None and token.word[-1] in UNIT_CHARS and text[pos + len(token.word) : pos + len(token.word) + 1] == token.word[-1]
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
            if boundary and len(name) == length and HAN.match(name) and name not in vocab.not_names and name[-1] not in UNIT_CHARS:
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
        if prev is None or set(prev.word) & vocab.stop_chars or prev.tag in CLOSED_TAGS:
            break
        listed_verb = prev.word in vocab.verbs_not_in_names and prev.word not in vocab.org_name_verbs
        numeral_place = NUMERAL.match(prev.word) and not prev.word[0].isdigit() and doc.token_at.get(prev.end) is not None and doc.token_at[prev.end].tag == "ns"
        if listed_verb or prev.word in vocab.person_verbs or (NUMERAL.match(prev.word) and not numeral_place):
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
        if prev is None or not is_title(prev.word) and not prev.word.endswith(vocabulary().titles):
            break
        phrase = (_title_phrase_start(doc, prev), prev.end)
        if any(t.tag in PERSON_TAGS and len(t.word) >= 2 for t in doc.tokens_in(phrase[0], phrase[1], whole=False)):
            break  # 某某副总裁、某公司总经理王某: the earlier title is someone else's
        phrases.append(phrase)
    return phrases


def find_people(doc: Doc) -> tuple[list[Mention], list[TitlePhrase]]:
    """Every person the article names, in text order, and the title phrases of their posts
    (by person, in the order found: a person's posts before the name, then after it)."""
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
        if is_title(word) or (len(word) > 2 and word.endswith(vocab.titles) and token.tag in ("n", "nt")):
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
            if end is not None and len(inside) == 1 and inside[0].tag not in PERSON_TAGS | {"x"} and not text[end : end + 4].startswith(vocab.person_verbs):
                end = None  # 群众满意度: a word jieba knows as something else, with no verb of a speaker
            if end is not None and (text[end : end + 4].startswith(vocab.person_verbs) or text[end : end + 1] == "、"):
                add(token.end, end)
                add_list(end, None)
        elif word == "的" and text[max(0, token.start - 1)] == "岁":
            nxt = doc.token_at.get(token.end)
            if nxt is not None and nxt.tag in PERSON_TAGS and 2 <= len(nxt.word) <= 4:
                add(nxt.start, nxt.end)
        elif word in ("”", "\"") and token.end < len(text):
            # “……”某某说: the speaker after a quotation
            end = name_at(doc, token.end)
            if end is not None and text[end : end + 4].startswith(vocab.person_verbs):
                add(token.end, end)
        elif token.tag in PERSON_TAGS and token.start not in found:
            end = name_at(doc, token.start, strict=True)
            if end is not None and (text[end : end + 4].startswith(vocab.person_verbs) or is_title(text[end : end + 3]) or is_title(text[end : end + 2])):
                add(token.start, end)

    # 甲、乙、丙等县领导: a list of names before 等 and a word for officials names people
    for m in _LISTED_PEOPLE.finditer(text):
        pos = m.start(1)
        items = m.group(1).split("、")
        spans = []
        for item in items:
            end = name_at(doc, pos, after_title=True)
            spans.append((pos, end) if end == pos + len(item) else None)
            pos += len(item) + 1
        if sum(span is not None for span in spans) * 2 > len(spans):  # most items are names
            for span in spans:
                if span is not None:
                    add(*span)
    # a list of names goes on after any name found in it (某某、某某某出席)
    for end in sorted(found.values()):
        add_list(end, None)
    for m in _APPOINT.finditer(text):
        end = name_at(doc, m.end())
        if end is not None:
            add(m.end(), end)  # 任命某某为…, 免去某某的…职务
    _byline_people(doc, add)
    _credit_people(doc, add)
    _speaker_lines(doc, add)
    _headline_people(doc, add)

    # Title after the name: 习近平总书记, 王某教授
    for start, end in list(found.items()):
        tok = doc.token_at.get(end)
        if tok is not None and is_title(tok.word):
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
    phrases = [TitlePhrase(ps, pe, person) for person, spans in titles.items() for ps, pe in spans]
    return sorted(mentions, key=lambda m: m.start), phrases




_LISTED_PEOPLE = re.compile(
    r"(?:^|(?<=[，,。；;：:\n]))((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})等(?:[^，,。；]{0,8}?)(?:领导|同志|负责人|委员|代表|嘉宾)",
    re.M,
)
_APPOINT = re.compile(r"(?:任命|免去|提名|推选|选举|聘任|聘请)")
_BYLINE_ROLE = re.compile(r"((?:全媒体|融媒体|见习|特约|首席|本报)?(?:记者|通讯员|实习生|摄影)|[\u4e00-\u9fff]{1,8}报道组)\s*")


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
                # a member of a 报道组 is a person of no post of the paper's (a team, not a title)
                post = [] if role.group(1).endswith("报道组") else [(base + role.start(), base + role.start() + len(role.group(1)))]
                add(base + pos, base + pos + len(name), post)
            pos += len(name)
            while pos < len(byline) and byline[pos] == " ":
                pos += 1
            if _BYLINE_ROLE.match(byline, pos):
                break


# a credit's role, glued to what names the paper or the team before it (潜江日报记者, 某区委报道组)
_CREDIT_ROLE = re.compile(r"^(?:[\u4e00-\u9fff·]{0,12}?)(?:见习记者|特约记者|首席记者|记者|通讯员|实习生|报道组|摄影|编辑)")
_CREDIT_WORDS = ("摄", "报道", "供图", "摄影")
_END_BRACKET = re.compile(r"[(（]([^()（）\n]{2,40})[)）]\s*$")


def _credit_people(doc: Doc, add) -> None:
    """Credit lines of reporters: a line 记者 某某 某某, 本网记者 某某 摄, or a bracket ending a
    paragraph, (某报记者 某某) or names alone, (某某 某某): each name in it is a person."""
    text = doc.text
    pos = 0
    for line in text.split("\n"):  # the headline block too: a credit line may stand under the headline
        start = pos
        pos += len(line) + 1
        bracket = _END_BRACKET.search(line) if start >= doc.article.head_end else None
        if bracket is not None:
            _credit_segment(doc, start + bracket.start(1), bracket.group(1), add, bracketed=True)
        if len(line.strip()) <= 60 and line.strip() and bracket is None:
            _credit_segment(doc, start, line, add, bracketed=False)


def _credit_segment(doc: Doc, offset: int, segment: str, add, *, bracketed: bool) -> None:
    names: list[tuple[int, int]] = []
    role = False
    for item in re.finditer(r"\S+", segment):
        word, at = item.group(), offset + item.start()
        glued = _CREDIT_ROLE.match(word)
        if glued is not None:
            role = True
            word, at = word[glued.end() :], at + glued.end()
            if not word:
                continue
        if word in _CREDIT_WORDS:
            continue
        if not _credit_name(doc, word, at):
            return  # a line of text, not a credit
        names.append((at, at + len(word)))
    # names alone in a bracket: two at least, or one jieba also takes for a name
    alone = bracketed and (len(names) >= 2 or any(doc.token_at.get(a) is not None and doc.token_at[a].tag in PERSON_TAGS for a, _ in names))
    if names and (role or alone):
        for span in names:
            add(*span)


# a video report's caption of who speaks: 某县委书记 某某：“……”
_SPEAKER_LINE = re.compile(r"^(?P<title>[^\s：:，,。“”]{2,20})[ \u3000]+(?P<name>[\u4e00-\u9fff]{2,4})\s*[:：]", re.M)


def _speaker_lines(doc: Doc, add) -> None:
    """某县委书记 某某：“……”: a line opening with a title, a space and a name before a colon names the speaker and their post."""
    titles = vocabulary().titles
    for m in _SPEAKER_LINE.finditer(doc.text):  # the headline block too: a caption may stand before the body
        title = m.group("title")
        if (is_title(title) or title.endswith(titles)) and _credit_name(doc, m.group("name"), m.start("name")):
            add(m.start("name"), m.end("name"), [(m.start("title"), m.end("title"))])


def _credit_name(doc: Doc, word: str, at: int) -> bool:
    vocab = vocabulary()
    if not (2 <= len(word) <= 4 and HAN.match(word)):
        return False
    if word[0] not in vocab.surnames and word[:2] not in vocab.compound_surnames:
        return False
    return word not in vocab.not_names and not is_title(word) and word[-1] not in UNIT_CHARS


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
            if tokens and all(t.tag in PERSON_TAGS and 2 <= len(t.word) <= 4 for t in tokens):
                spans = [(t.start, t.end) for t in tokens]
            else:
                spans = _split_names(names)
            for a, b in spans:
                add(start + a, start + b)


def _split_names(run: str) -> list[tuple[int, int]]:
    """Split a run of names written together (潘某杨某某) by surnames; [] when it does not split."""
    vocab = vocabulary()
    if not HAN.match(run or "-"):
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

