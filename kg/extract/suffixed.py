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


# event verbs that run on from a meeting word (集中签约开工, 集中开工投产)
_MORE_EVENT_VERBS = re.compile(r"(?:暨)?(?:开工|投产|竣工|开竣工|动工|签约)+(?=[^\u4e00-\u9fff]|\d|[仪活大]|$)")


def find_named(doc: Doc, people: list[Mention]) -> list[Mention]:
    text = doc.text
    vocab = vocabulary()
    person_chars = {i for m in people for i in range(m.start, m.end)}
    candidates: list[tuple[int, int, str]] = []
    phased: dict[tuple[int, int], int] = {}  # a project's span with its phase → where the name before it ends
    ending: dict[tuple[int, int, str], int] = {}  # a candidate → the length of the ending that made it
    token_containing: dict[int, Token] = {}
    for t in doc.tokens:
        for i in range(t.start, t.end):
            token_containing[i] = t
    for kind, attr in _KINDS:
        for suffix in getattr(vocab, attr):
            if suffix not in text:
                continue
            for ss, se in occurrences(text, suffix):
                kind = _kind_of_attr(attr)
                end_token = token_containing.get(se - 1)
                if end_token is None:
                    continue
                if end_token.end != se:
                    continue  # the suffix ends inside a word (区 of 区委)
                if kind == "Organization" and end_token.word == suffix and len(suffix) == 1 and end_token.tag.startswith("v"):
                    before = doc.token_ending.get(ss)
                    if before is None or not before.word.endswith(("委", "政府", "党委", "党组")):
                        continue  # 以恒心办恒业: 办 is a verb here (县委办 is a body)
                start = _name_start(doc, ss, se, token_containing, suffix, kind)
                if kind == "Company" and start is not None and is_facility(text[start:se]):
                    kind = "Project"  # 某县污水处理厂, 某公司智慧工厂: a plant being built, not a company
                if kind == "Organization" and start is not None:
                    start = _after_building_verb(doc, start, ss)  # 同步建设|某物流中心: no body's name opens with building it
                if kind == "Organization" and start is not None and (_is_works(doc, start, ss, se) or is_facility(text[start:se])):
                    kind = "Project"  # 某镇的某智能制造中心等项目: a centre being built, not a body
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
                if kind == "Project" and suffix.endswith("园") and text[se : se + 1] == "区":
                    continue  # 某产业园|区: jieba cut 园区, the name is a zone's
                if kind == "Project":
                    phase = _PHASE.match(text, se)
                    if phase:
                        phased[(start, phase.end())] = se
                        se = phase.end()  # 某产业园二期项目
                if any(i in person_chars for i in range(start, se)):
                    continue
                if kind == "Meeting" and text.startswith(_EVENT_ENDS + ("暨",), se):
                    continue  # 某县集中开竣工|活动|暨某仪式: the name runs on past this word
                if kind == "Meeting" and text.startswith(("项目", "的项目"), se):
                    continue  # 占某市集中开工项目个数的: the event word describes projects, it names no event
                if kind == "Meeting" and text[start - 1 : start] == "、" and text[start] in UNIT_CHARS and start + 1 < ss:
                    continue  # 各县、|区招商引资推介活动: the name is cut at a list of divisions
                if kind == "Meeting":
                    more = _MORE_EVENT_VERBS.match(text, se)
                    if more:
                        se = more.end()  # 某县集中签约|开工25个项目: the event is the signing and the start of works
                if kind == "Meeting" and (not meeting_name_ok(text[start:se]) or text[start - 1 : start] in (")", "）")):
                    # 某公司(内蒙古)冷链项目集中动工: a name that begins after a bracket is cut
                    continue
                candidates.append((start, se, kind))
                ending[(start, se, kind)] = max(ending.get((start, se, kind), 0), len(suffix))
    # One span, two kinds (某国家公园 ends in 公园 and in 国家公园): the longer ending says what it is.
    longest = {}
    for (start, se, _kind), size in ending.items():
        longest[(start, se)] = max(longest.get((start, se), 0), size)
    candidates = [c for c in candidates if ending.get(c, 0) >= longest.get(c[:2], 0)]
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


def _kind_of_attr(attr: str) -> str:
    return next(kind for kind, a in _KINDS if a == attr)


def is_facility(name: str) -> bool:
    """某县污水处理厂, 某公司智慧工厂: a plant or works that a report builds, not a company."""
    return name.endswith(vocabulary().facility_words)


def is_bare_company(name: str) -> bool:
    """科技股份有限公司, 食品有限公司: a company suffix after industry words only names no company."""
    vocab = vocabulary()
    suffix = next((s for s in vocab.company_suffixes if name.endswith(s)), None)
    if suffix is None:
        return False
    words = vocab.industry_words | vocab.generic_modifiers | vocab.generic_kinds | _COMPANY_FORMS
    return _covered(name[: -len(suffix)], words)


# the legal forms a company's name carries before its suffix (某科技股份有限公司, 某控股集团有限公司)
_COMPANY_FORMS = frozenset({"股份", "控股", "集团", "有限", "责任", "有限责任", "实业", "控股集团"})
# words that join two kinds in a phrase of kinds (民生和基础设施项目, 交通类项目)
_CONNECTORS = frozenset({"和", "及", "与", "类", "、", "及其"})


def _covered(phrase: str, words: frozenset[str]) -> bool:
    """Whether `phrase` is made of `words`, connectors and numerals only (greedy, longest word first)."""
    if not phrase or phrase[0] in "和及与、" or phrase[-1] in "和及与、":
        return not phrase  # a connector joins two words: 新和(县) is a name
    i, n = 0, len(phrase)
    while i < n:
        for length in range(min(6, n - i), 0, -1):
            piece = phrase[i : i + length]
            if piece in words or piece in _CONNECTORS or (length == 1 and piece in "0123456789一二三四五六七八九十两几多第"):
                i += length
                break
        else:
            return False
    return True


def _lookup(name: str):
    from kg.nlp.gazetteer import lookup

    return lookup(name)


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows `name` as a division or a division's short form."""
    from kg.nlp.gazetteer import lookup

    return bool(lookup(name))


def _split_places(doc: Doc, accepted: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """青川区白石镇 → 青川区 + 白石镇: a place written after the place it lies in is its own name."""
    places = [a for a in accepted if a[2] == "Place"]
    out = [a for a in accepted if a[2] != "Place"]
    for start, end, kind in places:
        heads = [p for p in places if p[0] == start and p[1] < end]
        if heads:
            head = max(heads, key=lambda p: p[1])
            rest = doc.text[head[1] : end]
            if len(rest) >= 2 and set(rest[:-1]) <= _DIRECTIONS:
                out.append((start, head[1], kind))  # 某开发区东区: a zone's part, the zone is the place
                continue
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


@lru_cache(maxsize=1)
def _longest_false_word() -> int:
    return max(map(len, vocabulary().false_suffix_words), default=0)


@lru_cache(maxsize=1)
def _verbs_before_names() -> frozenset[str]:
    vocab = vocabulary()
    return vocab.verbs_not_in_names | frozenset(vocab.person_verbs)


@lru_cache(maxsize=1)
def _works_before_quotes() -> frozenset[str]:
    vocab = vocabulary()
    return vocab.project_name_verbs | vocab.generic_kinds | frozenset({"道路", "改造", "提升"})


@lru_cache(maxsize=1)
def _place_heads() -> dict[str, tuple[str, ...]]:
    """A place's or zone's suffix of two characters or more by its first character, in the order tried."""
    heads: dict[str, tuple[str, ...]] = {}
    for s in vocabulary().place_suffixes + _ZONE_ENDS + ("示范区",):
        if len(s) >= 2:
            heads[s[0]] = heads.get(s[0], ()) + (s,)
    return heads


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
    if any(name[-n:] in vocab.false_suffix_words for n in range(se - ss + 1, min(len(name), _longest_false_word()) + 1)):
        return False  # 产业布局, 共创美好城市: an ordinary word ends the phrase
    words = [t.word for t in doc.tokens_in(start, ss)]
    if prefix in vocab.generic_modifiers or (words and all(w in vocab.generic_modifiers or NUMERAL.match(w) for w in words) and not programme):
        return False
    if kind == "Project" and (_COUNT.search(prefix) or prefix.endswith(("重点", "重大", "优质", "一批"))):
        return False  # 6个项目, 三条生产线, 某县“双十”重点项目: a count or a category, not a name
    if kind != "Meeting" and not _names_something(doc, start, ss, se, kind, words, programme):
        return False
    if kind == "Place" and se - ss == 1 and len(prefix) < 2 and token_containing[ss].tag != "ns":
        return False
    if kind == "Place" and se - ss == 1:
        # single-character place suffixes (市, 区, 县, 路) need a proper name before them
        last = token_containing.get(ss - 1) if token_containing[ss].start == ss else token_containing[ss]
        if last is None or last.tag not in ("ns", "nr", "nrt", "nz", "j", "m", "eng", "nt", "n"):
            if not (last is not None and len(last.word) >= 2 and doc.text[ss] in "镇乡村" and last.word not in vocab.verbs_not_in_names):
                return False
    return True


_CLASSIFIERS = "个条座栋家批项名位"
# centres named by what a body does (某管理案例研究中心, 某服务中心): bodies even without a head
_BODY_CENTRES = ("研究中心", "服务中心", "管理中心", "指挥中心", "媒体中心", "调度中心", "交流中心")
_BATCH_ENDS = ("集中开工", "开工", "竣工", "开竣工", "签约", "投产", "一大批", "大批", "一批")
_NUMERAL_CHARS = "0123456789一二三四五六七八九十两几"
_DIRECTIONS = set("东南西北中")


def _names_something(doc: Doc, start: int, ss: int, se: int, kind: str, words: list[str], programme: bool) -> bool:
    """Reject what no reader takes for a name of a project, body, company or place: a phrase of
    kinds (民生和基础设施项目), a determiner's phrase (整个园区, 各室委), a verb with its object
    (抓项目), a count (个行政村), a suffix after industry words (科技股份有限公司)."""
    vocab = vocabulary()
    text = doc.text
    name, prefix = text[start:se], text[start:ss]
    before = doc.token_ending.get(start)
    if name.startswith(vocab.determiners) or (before is not None and before.word in vocab.determiners):
        return False
    if name[:1] in _CLASSIFIERS and (doc.token_at.get(start) is None or doc.token_at[start].tag in ("m", "q") or len(doc.token_at[start].word) == 1):
        return False  # 个行政村 of 7个行政村: a count's classifier opens no name
    numbered = len(prefix) >= 3 and all(c in _NUMERAL_CHARS for c in prefix)  # 三五八工程: a programme
    # 甲路、乙路等市政基础设施工程, 某村等民生实事项目: the list names them (not 新技术、新能源等科技项目)
    listed = before is not None and before.word == "等" and text[: before.start].endswith(tuple(UNIT_CHARS) + vocab.project_suffixes)
    if not numbered and not listed and _covered(prefix, vocab.generic_modifiers | vocab.generic_kinds):
        return False  # 产业链项目, 民生和基础设施项目, “一号工程”, 法治政府
    if kind == "Company":
        return not is_bare_company(name)
    if kind == "Project" and not listed and not numbered and names_only_works(prefix):
        return False  # 改造工程, 生产线项目, 食品产业项目: a kind of works or trade and a suffix, no name
    if kind == "Organization" and name.endswith("常委会") and re.search(r"届\S{0,3}[一二三四五六七八九十\d]+次$", prefix):
        return False  # 县政协十一届四次常委会: a session, not the body
    if kind == "Organization" and re.fullmatch(r"第[一二三四五六七八九十百\d]+[届次]", prefix):
        return False  # 第十一届委员会: a term of a body that the name leaves out
    if kind == "Project" and is_facility(name):
        facility = next(w for w in vocab.facility_words if name.endswith(w))
        if _covered(name[: -len(facility)], vocab.generic_modifiers | vocab.generic_kinds) or not _has_head(doc, start, se - len(facility)):
            return False  # 污水处理厂, 现代化工厂, 果品交易中心: a kind of plant or a project's part, no name
    if kind == "Project":
        last = doc.token_ending.get(ss)
        if last is not None and last.start >= start and ((last.tag == "t" or last.tag == "mq" and last.word.endswith(("季度", "年", "月"))) and not _PHASE.fullmatch(last.word) or (last.tag == "a" and len(last.word) == 1)):
            return False  # 半岛今年项目, 抓大项目, 好项目: the projects of a time or a quality, not one
        if re.search(r"[\d一二三四五六七八九十]+(?:月份?|季度|年度)$", prefix):
            return False  # 介绍6月项目集中开工情况: the projects of a month, not one
        if prefix.endswith(_BATCH_ENDS):
            return False  # 某县集中开工项目, 某开发区一大批项目: a batch, not one project
        if prefix == "总" or _PART_OPENING.match(prefix):
            return False  # 某公司总工程, 第四区块项目: the whole of something or a part cut from its name
        floor = max(0, start - 40)  # a clause's start, looked for near the name only
        clause = text[max(floor - 1, *(text.rfind(c, floor, start) for c in "，,。；;：:\n")) + 1 : start]
        if (_AIM.search(clause) or name.startswith("成") and clause.endswith(("建设", "建"))) and not name.endswith(("项目", "工程")):
            return False  # 努力打造国内一流的某生产基地, 以打造“某产业园”为目标: an aim, not a works being built
        if text.startswith(("为目标", "”为目标", "的目标"), se) and not name.endswith(("项目", "工程")):
            return False  # 以“…，建设某加工基地”为目标: an aim, not a works being built
        if name.endswith("工程") and (text.startswith(vocab.org_suffixes, se) or text.startswith(("师", "技术"), se)):
            return False  # 某光伏工程实验室, 工程师, 工程技术研究中心: a body's or a profession's name, not a works
        if _is_place_only(prefix):
            return False  # “浙商回归”某县项目: the projects of a place, not one project
        last_word = doc.token_ending.get(ss)
        if last_word is not None and last_word.start >= start and last_word.tag.startswith("v") and (
            last_word.word in vocab.project_verbs or last_word.word in vocab.verbs_not_in_names
        ) and last_word.word not in vocab.project_name_verbs:
            return False  # 齐心推进|项目, 要素跟着|项目(走): a verb that acts on projects, before 项目, names none
        only = doc.token_at.get(start)
        if only is not None and only.end == se and only.tag == "n" and len(name) <= 3:
            return False  # 开展水电站评估: a common noun jieba knows whole (水电站), no named works
        if name.endswith("生产线") and _countries_only(doc, start, ss):
            return False  # 引进德国、意大利生产线: the equipment's origin, not a works
        if _LEVEL.sub("", prefix).startswith(("重点", "重大")) and not any(t.tag in ("ns", "nz", "nr", "nt", "eng") or t.tag == "m" and any(c.isdigit() for c in t.word) for t in doc.tokens_in(start, ss)):
            return False  # 列入某规划重点水源工程: a category of a plan, not a named works
        if before is not None and before.word in ("的", "之") and doc.token_ending.get(before.start) is not None and doc.token_ending[before.start].tag in ("a", "ad", "an"):
            return False  # 是某流域重要的水源调蓄工程: a description of a works named before
        inside = doc.tokens_in(start, ss)
        owned = before is not None and before.word.endswith(vocab.company_suffixes)  # 某公司种植基地: the company's works
        if not owned and len(inside) == 1 and inside[0].end == ss and (inside[0].tag in ("v", "vd", "vi", "vg") or inside[0].word in vocab.object_verbs) and inside[0].word not in vocab.project_name_verbs:
            return False  # 设项目, 引项目, 刷新项目: a verb and its object
        return True
    if kind == "Organization":
        if name.endswith(("中心", "厅")) and not _body_centre(name) and not _has_head(doc, start, ss):
            return False  # 产品检测中心, 成品展示厅: a project's facility, not a body (see is_works)
        return not text.startswith(("区域", "城区", "地带", "位置"), se)  # 资源分布中心区域
    if kind == "Place":
        if _COUNT.search(prefix):
            return False  # 五个镇
        if name.endswith(_ZONE_ENDS) and _covered(prefix, vocab.generic_modifiers | vocab.generic_kinds | vocab.industry_words):
            return False  # 打造…的旅游综合功能业态园区: a kind of zone, not a named one
        if name.startswith("中国") and len(name) > 3 and not _known_place(name[2:]):
            return False  # “中国牛县”: a slogan, no county of China is written so
        one = se - ss == 1
        if one and text[se - 1] in "省市县区旗镇乡" and len(name) == 2 and not any(d.name == name or d.name.endswith(name[-1]) for d in _lookup(name)):
            return False  # 上市 of 上市募投: a verb, not a county (壶镇 is 壶镇镇's short form; 城镇 no town's)
        if one and text[se : se + 1] in UNIT_CHARS and text[ss : se + 1] in vocab.false_suffix_words:
            return False  # 直通县|市: 县市 is a word of its own
        if one and (text[ss - 1] in _NUMERAL_CHARS or text[ss - 1] in "强兴") and not _known_place(name):
            return False  # 完善四省, 所有五区; 工业强镇、文旅兴镇 and 百强县 are slogans
        part = text[:start].endswith(("区", "园", "县", "市", "城")) or not any(d.name == name for d in _lookup(name))
        if set(prefix) <= _DIRECTIONS and text[ss:se] == "区" and part:
            return False  # 某集团西北区, 某开发区东区: a company's region or a zone's part, not a place
    return True


_AIM = re.compile(r"打造|建成为|建设成为|致力建设|争创")
_LEVEL = re.compile(r"^(?:我|全)?(?:国家|省|市|县|区)级?")
_PART_OPENING = re.compile(r"第?[一二三四五六七八九十\d]+(?:区块|地块|标段)|区块|地块|标段")


def _is_place_only(prefix: str) -> bool:
    """开化县, 某镇: a division the gazetteer knows, written with its suffix, alone before 项目."""
    if len(prefix) < 2 or not HAN.match(prefix):
        return False
    return prefix[-1] in "省市县区镇乡村" and _known_place(prefix)


def _countries_only(doc: Doc, start: int, ss: int) -> bool:
    """Whether the words before a suffix are a place's name alone, tagged so by jieba (德国, 意大利), with no division suffix."""
    words = doc.tokens_in(start, ss)
    return bool(words) and all(t.tag == "ns" for t in words) and doc.text[ss - 1 : ss] not in "省市县区镇乡村"


def names_only_works(phrase: str) -> bool:
    """生产线, 新厂区建设: words of a kind of works or trade only (or nothing), no name of their own."""
    vocab = vocabulary()
    works = vocab.generic_modifiers | vocab.generic_kinds | vocab.project_name_verbs | vocab.industry_words | frozenset(vocab.project_suffixes)
    return not phrase or _covered(phrase, works)


def _is_works(doc: Doc, start: int, ss: int, se: int) -> bool:
    """某智能制造中心等项目, 某镇的某中心: a centre with no body's head that the text counts as a project."""
    text = doc.text
    if not text.endswith("中心", 0, se) or _body_centre(text[start:se]) or _has_head(doc, start, ss):
        return False
    return text.startswith(("项目", "等项目", "建设项目"), se) or text[start - 1 : start] == "的" and _place_ends_at(doc, start - 1, 0)


def _body_centre(name: str) -> bool:
    """某管理案例研究中心: a centre named by what a body does, with a name of its own before that."""
    return any(name.endswith(w) and len(name) >= len(w) + 2 for w in _BODY_CENTRES)


def _has_head(doc: Doc, start: int, ss: int) -> bool:
    """Whether a body's name opens with what it belongs to: a place (县融媒体中心) or another body."""
    vocab = vocabulary()
    if doc.text[start] in "省市县区镇乡村":
        return True
    for t in doc.tokens_in(start, ss):
        if t.tag in ("ns", "nt", "nz", "nr") or t.word.endswith(vocab.org_suffixes + vocab.company_suffixes + vocab.place_suffixes):
            return True
    return False


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
    if kind == "Meeting" and first.start < ss and doc.text[first.start : ss] in _verbs_before_names():
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
        # a quoted name before the suffix (“九通一平”道路建设工程: the quote after a kind of works)
        quoted = steps == 0 or kind == "Meeting" or kind == "Project" and _covered(doc.text[start:ss], _works_before_quotes())
        if prev is not None and prev.word in (")", "）") and kind in ("Project", "Company"):
            opening = max(doc.text.rfind("(", max(0, start - 8), start), doc.text.rfind("（", max(0, start - 8), start))
            if opening > 0 and _known_place(doc.text[opening + 1 : start - 1]) and doc.token_ending.get(opening) is not None:
                start = opening  # 某食品(山东)生产基地, 某科技(海南)有限公司: the bracketed place is in the name
                steps += 1
                continue
        if prev is not None and prev.word == "”" and quoted and kind in ("Project", "Company", "Organization", "Meeting"):
            opening = doc.text.rfind("“", max(0, start - 12), start)
            if opening != -1 and "”" not in doc.text[opening : start - 1]:
                start = opening
                steps += 1
                continue
        if prev is not None and prev.tag in ("x", "y", "e", "o") and len(prev.word) == 1 and HAN.match(prev.word) and kind != "Meeting":
            prev = prev._replace(tag="n")  # 隽水天城, 堽城镇, 哇|沿水库: jieba tags a rare character x, or an interjection
        joins = (
            kind == "Project" and prev is not None and prev.word in ("及", "和", "与", "至")
            and not doc.text[:start].endswith(vocab.project_suffixes) and steps > 0
        )
        # a word holding a stop character (经济 holds 经) is still a word of a name: only a
        # stop character standing alone, or in a closed word, ends a body's or a place's name
        zone = prev is not None and _zone_short_name(doc.text, prev.end)
        if zone:
            prev = prev._replace(tag="j")  # 县经|开区: 经开区 is a zone's short name, not the preposition 经
        stops = prev is not None and set(prev.word) & vocab.stop_chars and prev.word != "暨" and not zone and not (
            (kind in ("Place", "Organization", "Company") or kind in ("Project", "Meeting") and prev.word.startswith("经"))
            and len(prev.word) >= 2 and prev.tag in ("n", "ns", "nz", "nt", "vn")
            and not set(prev.word) & set("的、，,。；;：:“”\"‘’（）()《》【】 ")
        )
        if not joins and (prev is None or stops):
            break
        if kind == "Place" and prev.word in UNIT_CHARS and not _is_bare_suffix(doc.text[start:se]):
            break  # 某镇|田坞社区: a place's name ends at the place before it
        if kind != "Meeting" and (prev.word in vocab.object_verbs or prev.word in vocab.manner_words or prev.word in vocab.determiners):
            break  # 全力|推进项目, 引进|某公司, 各|室委: a verb phrase or a determiner before the name
        section = kind == "Project" and prev.word in ("-", "—", "－", "至") and re.match(r"[\u4e00-\u9fff]{1,8}段", doc.text[start:se]) is not None
        if section and "\u4e00" <= doc.text[prev.start - 1 : prev.start] <= "\u9fff":
            prev = prev._replace(tag="n")  # 高庄-祁川段道路工程: a road's section from one place to another
        elif kind != "Meeting" and prev.word.strip(".…—-─|") == "" and not prev.word.strip() == "":
            break  # 某产业园……县开发区: an ellipsis or a dash ends a list's item
        if kind == "Place" and (
            prev.word in vocab.project_verbs or prev.word.endswith(("项目", "工程"))
            or (
                prev.tag == "ns" and len(prev.word) >= 2 and prev.word[-1] in "镇乡县区市省"
                and not _is_bare_suffix(doc.text[start:se]) and (prev.word[-1] in "镇乡" or _known_place(prev.word))
            )
        ):
            break  # 项目落地|某开发区, 拐河镇|东麦村: a place's name holds no verb, no project, no other place
        if kind == "Company" and prev.word.endswith("公司") and doc.text[ss - 1 : ss] != "分" and not doc.text[start:].startswith("分"):
            break  # 某有限公司|某县某加工厂: one company's name does not run on into another's
        if kind == "Organization" and prev.word.endswith("委") and suffix in ("政府", "人民政府"):
            break  # 县委|县政府: two bodies written together
        if kind == "Project" and prev.word in vocab.project_verbs and doc.text[: prev.start].endswith(("项目", "工程")):
            break  # 第二期工程|建设某基地: the works before the verb is a name of its own
        inner_verb = kind == "Project" and steps > 0 and prev.word in vocab.project_name_verbs
        if prev.word in vocab.verbs_not_in_names and not inner_verb or re.search(r"\d.*[亿万元]|[亿万]元", prev.word):
            break
        if kind == "Company":
            allowed = prev.tag not in CLOSED_TAGS - {"d"}
        elif kind == "Place":
            # a zone's name may hold an activity (某绿色食品加工工业区), a town's does not
            activity = prev.tag == "vn" and doc.text[start:se].endswith(_ZONE_ENDS)
            allowed = (prev.tag in _NOMINAL - {"vn", "a", "an", "l", "nt"} or activity) and not prev.word.endswith(vocab.company_suffixes + vocab.org_suffixes)
        elif kind == "Project":
            # project names carry numbers, verbs and 及/和 (某镇1万吨冷链中心及3000吨生产线建设项目),
            # but neither 和 nor anything else joins two projects
            brand = prev.tag == "d" and (
                len(prev.word) >= 2 and doc.token_at.get(start) is not None and doc.token_at[start].word in vocab.industry_words
                or len(prev.word) == 1 and _after_place_name(doc, prev.start) and not doc.token_at[start].tag.startswith("v")
            )  # 无穷|食品…, 某镇|正|威新材料项目: a brand's first word jieba tags an adverb
            allowed = joins or brand or (
                prev.tag not in CLOSED_TAGS and not is_title(prev.word) and prev.word not in ("项目", "建设项目", "工程")
                # 某公司|年产5万吨某项目; a plant is part of a works' name (某污水处理厂尾水湿地工程)
                and (not prev.word.endswith(vocab.company_suffixes) or is_facility(doc.text[max(0, prev.end - 6) : prev.end]))
            )
        else:
            allowed = prev.tag in _NOMINAL or prev.word == "暨" or (
                kind in ("Project", "Meeting", "Organization") and prev.tag.startswith("v") and len(prev.word) == 2
            ) or (
                # 集中|开|竣工活动: jieba cut an event word (开竣工) that the name runs through
                kind == "Meeting" and len(prev.word) == 1 and _in_event_word(doc.text, prev.start)
            )
        if not allowed or is_title(prev.word) or (prev.word in vocab.person_nouns and not _residents_of_place(doc, kind, prev)):
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
        if kind != "Meeting" and (tok.word in vocab.manner_words or tok.word in vocab.object_verbs) and tok.end <= ss:
            start = tok.end  # 全力保障项目, 实地查看项目: the adverbial and the verb are not the name
            continue
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
            if tok.word in vocab.capacity_words or doc.text.startswith(vocab.capacity_words, start):
                break  # 年产5万吨某项目, 年|加工鲜奶20万吨某项目
            if tok.word in vocab.project_verbs:
                start = tok.end  # 建设某项目
                continue
            verb_after_place = next(
                (
                    t for t in doc.tokens_in(start + 1, ss)
                    if t.word in vocab.project_verbs
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
        if kind == "Company" and len(tok.word) == 1 and tok.tag in ("a", "d") and doc.text[start - 1 : start] in _CLAUSE_EDGES:
            break  # ，正|豪华|盛公司采用…: a company opening its clause keeps its first character
        if kind == "Project" and len(tok.word) == 1 and tok.tag == "d" and _after_place_name(doc, start):
            break  # 某镇|正|威新材料项目: kept above as a brand's first character, not stripped as an adverb
        if kind == "Company" and tok.tag in ("a", "d") and _covered(doc.text[tok.end : ss], vocab.industry_words | _COMPANY_FORMS):
            break  # 无穷食品有限公司: what is left would be industry words only
        if kind == "Company" and tok.tag == "a":
            break  # 新大唐装饰材料厂, 均盛汽车…有限公司: a company's name may open with an adjective
        after = doc.token_at.get(tok.end)
        if kind == "Company" and len(tok.word) == 1 and after is not None and len(after.word) == 1 and after.end <= ss and tok.tag != "m":
            break  # 均|胜汽车…有限公司, 达|碳厂: jieba cut an unknown name into single characters
        nxt = doc.token_at.get(tok.end)
        if kind == "Project" and tok.tag == "d" and len(tok.word) >= 2 and nxt is not None and nxt.word in vocab.industry_words and nxt.word not in vocab.project_verbs:
            break  # 无穷食品(山东)生产基地: a brand jieba tags an adverb, before its trade
        if kind == "Place" and len(suffix) == 1 and ss - tok.end < 2 and not leading_number:
            before = doc.token_ending.get(start)
            after_place = before is not None and (before.tag == "ns" or before.word[-1:] in "镇乡县区市")
            if len(tok.word) >= 2 and (leading_verb or tok.tag in ("t", "f")) and not after_place and not _known_place(doc.text[start:se]):
                return None  # 释放城镇, 今年镇(原县): a verb or a time with a suffix names no place
            break  # keep the two characters a place's name needs (伏岭镇, 干溪乡)
        start = tok.end
    if kind == "Place" and suffix in _DIVISION_SUFFIXES:
        start = _known_tail(doc, start, ss, se)
    if kind == "Place":
        head = next((s for s in _place_heads().get(doc.text[start : start + 1], ()) if doc.text.startswith(s, start) and start + len(s) < ss), None)
        if head is not None and not _is_bare_suffix(doc.text[start + len(head) : se]):
            start += len(head)  # 某示范区瓯海片区 cut after 创新: the zone's part is the name left
    if kind == "Project":
        start = _project_start(doc, start, ss)
    return start


def _after_building_verb(doc: Doc, start: int, ss: int) -> int:
    """还|同步|建设|某物流中心: adverbs and a building verb before a centre's name are not the works' name."""
    vocab = vocabulary()
    pos = start
    while pos < ss:
        tok = doc.token_at.get(pos)
        if tok is None or tok.end > ss:
            break
        if tok.tag == "d" or tok.word in vocab.project_verbs:
            pos = tok.end
            continue
        break
    return pos if pos > start and doc.text[start:pos] and any(
        t.word in vocab.project_verbs for t in doc.tokens_in(start, pos)) else start


def _after_place_name(doc: Doc, pos: int) -> bool:
    """Whether a town's, a village's or a county's name ends right before `pos`."""
    before = doc.token_ending.get(pos)
    if before is None:
        return False
    head = doc.text[max(0, pos - 3) : pos - 1]  # the two characters before a one-character ending
    named = len(head) == 2 and all("\u4e00" <= c <= "\u9fff" for c in head) and head[-1] not in "全本该各每我两"
    return (before.tag == "ns" and len(before.word) >= 2) or (doc.text[pos - 1 : pos] in "镇乡村" and named)


def _residents_of_place(doc: Doc, kind: str, word: Token) -> bool:
    """某村居民屋顶开发工程: people of a place named before them belong to a works' name (they are whom it serves)."""
    before = doc.token_ending.get(word.start)
    return kind == "Project" and before is not None and (before.tag == "ns" or before.word.endswith(("村", "镇", "乡", "社区")))


def _zone_short_name(text: str, end: int) -> bool:
    """Whether the word ending at `end` ends with the 经 of 经开区 (县经|开区), a zone's short name, not the preposition."""
    return text.startswith("经开区", end - 1)


def _in_event_word(text: str, pos: int) -> bool:
    """Whether the character at `pos` lies inside a longer meeting word of the vocabulary (集中开竣工)."""
    return any(
        len(w) >= 3 and text.startswith(w, k) and k + len(w) > pos + 1
        for w in vocabulary().meeting_suffixes
        for k in range(max(0, pos - len(w) + 1), pos + 1)
    )


_CLAUSE_EDGES = frozenset("，,。；;：:、\n")
_RATE = re.compile(r"[\d.]+[a-zA-Z]+/$")  # 200t/d: a capacity per day opens the name


_PLACE_LIST = re.compile(r"(?:[^、，,。；;：:\s的“”]{2,12}、)*[^、，,。；;：:\s的“”]{2,12}$")


_CLAUSE_VERB_IN_NAME = re.compile(r"(?:隆重|正式|顺利)?(?:举行|召开|举办)(?:了)?")
_QUANTITY_BEFORE_CAPACITY = re.compile(r"[一两二三四五六七八九十]{1,2}[条座个处套年](?=年产)")
_EVENT_ENDS = ("活动", "仪式", "大会", "会议")


def _project_start(doc: Doc, start: int, ss: int) -> int:
    """Mend a project's start: 与|某学院项目 (a preposition), 200t/|d某项目 (a capacity cut), 某批项目集中开工暨|某项目,
    某村等|民生实事项目 (the list before 等)."""
    text = doc.text
    vocab = vocabulary()
    tok = doc.token_at.get(start)
    while tok is not None and tok.end < ss and not _zone_short_name(text, tok.end) and (
        tok.tag in ("p", "c") or tok.word in ("与", "和", "及") or tok.word in ("全镇", "全乡", "全县", "全区", "全市", "我县", "我区", "我市")
    ):
        start = tok.end  # 与常山技师学院项目为两校融合项目
        tok = doc.token_at.get(start)
    if text[start : start + 1].isascii() and text[start : start + 1].isalpha():
        m = _RATE.search(text, max(0, start - 12), start)
        if m:
            start = m.start()  # 二期200t/d某回收项目
    if text[start - 1 : start] == "等" and text[: start - 1].endswith(tuple(UNIT_CHARS)) and _covered(
        text[start:ss], vocab.generic_modifiers | vocab.generic_kinds | vocab.project_name_verbs
    ):
        m = _PLACE_LIST.search(text, max(0, start - 60), start - 1)
        if m:
            first = m.start()
            for t in doc.tokens_in(m.start(), start - 1):
                if t.tag.startswith(("v", "d", "p", "u", "c")) and t.tag != "vn" or t.word in vocab.verbs_not_in_names:
                    first = t.end  # 加快|某村、某村等民生实事项目
            if start - 1 - first >= 2 and "、" not in text[first : start - 1]:
                start = first  # 某村等民生实事项目: the place before 等 is part of the name (a list of them is not)
    clauses = list(_CLAUSE_VERB_IN_NAME.finditer(text, start, ss))
    if clauses:
        start = clauses[-1].end()  # 某镇隆重举行|某项目开工仪式: the clause before the name is not the name
    quantity = _QUANTITY_BEFORE_CAPACITY.match(text, start, ss)
    if quantity:
        start = quantity.end()  # 建设一条|年产2万吨某生产线: the count of lines is not the name
    works_verb = re.search(r"(?:工程|项目)(?:建设|新建)", text[start:ss])
    if works_verb and ss - (start + works_verb.end()) >= 2:
        start += works_verb.end()  # 第二期工程建设|种羊培育基地: the works before the verb is a name of its own
    inside = next((t for t in doc.tokens_in(start, ss) if t.word in vocab.project_verbs and text[:t.start].endswith(("内", "范围内"))), None)
    if inside is not None:
        start = inside.end  # 在县域内建设|某项目: where and the verb are not the name
    joint = text.rfind("暨", start, ss)
    if joint != -1 and text[start:joint].endswith(_BATCH_ENDS + ("集中开竣工",) + _EVENT_ENDS):
        start = joint + 1  # 县一季度重大项目集中开竣工暨某油脂项目: the batch is the event's, the project after 暨
    return start


# suffixes of the divisions the gazetteer holds without an article's context (villages need one)
# a zone's last words: its name may hold an activity (某绿色食品加工工业区)
_ZONE_ENDS = ("工业区", "园区", "工业园", "开发区", "示范区", "集聚区", "集中区", "功能区", "经济区", "试验区", "新区")
_DIVISION_SUFFIXES = frozenset({"省", "市", "县", "区", "镇", "乡", "街道", "自治区", "自治州", "自治县", "旗"})


def _known_tail(doc: Doc, start: int, ss: int, se: int) -> int:
    """仪式上晋中市, 故里祁县 → 晋中市, 祁县: where the gazetteer knows a tail of a place's name
    (from a word boundary) and not the whole, the words before the tail are not the name."""
    if se - start <= 2 or _known_place(doc.text[start:se]):
        return start
    for t in doc.tokens_in(start + 1, ss + 1, whole=False):
        tail = doc.text[t.start : se]
        before = doc.token_ending.get(t.start)
        if before is None or before.tag in ("nr", "nrt", "nrfg", "nz", "x", "j") or (before.tag == "n" and len(before.word) < 2):
            continue  # 龙凤|坝镇, 堽|城镇: jieba cut a name, the tail is no name of its own
        if len(tail) >= 2 and _known_place(tail) and tail not in all_suffixes() and any(d.name == tail for d in _lookup(tail)):
            return t.start
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
            if _covered(name, vocab.generic_modifiers | vocab.generic_kinds):
                continue  # 城市更新、民生保障等基础配套项目: kinds of project, not projects
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


_BARE_SESSION = re.compile(r"第[一二三四五六七八九十百\d]+[届次](?:第[一二三四五六七八九十百\d]+次)?(?:[（(]扩大[)）])?(?:全体|常委|常务|主任|扩大)?会议(?:[（(]扩大[)）])?")


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
    if _CAMPAIGN.search(name) or name.endswith("人民代表大会") or _BARE_SESSION.fullmatch(name):
        return False  # 第二十七次会议 alone: whose session it is was cut off
    first = max((v for v in _verbs_before_names() if name.startswith(v) and len(v) >= 2), key=lambda v: (len(v), v), default=None)
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
