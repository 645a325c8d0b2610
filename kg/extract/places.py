"""places.v1: where projects, companies, events and places are.

Patterns: 位于X的Y, Y位于X, 在X的Y, 落户X, a place written before another
(青川区白石镇: 白石镇 is in 青川区), and a place prefixed to a project's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.registry import extractor, rule
from kg.nlp.analysis import Doc, occurrences
from kg.nlp.gazetteer import Division, gazetteer
from kg.types import Entity, Fact, Mention

NAME = "places.v1"

_LOCATABLE = ("Project", "Company", "Place", "Meeting", "Event", "Organization")


def _place_at(doc: Doc, pos: int) -> Mention | None:
    """The place written at `pos`; for a chain (某区某镇) the last, innermost one."""
    place = None
    while True:
        cands = [m for m in doc.of_type("Place") if m.start == pos]
        if not cands:
            return place
        place = max(cands, key=lambda m: m.end - m.start)
        pos = place.end


def _innermost_place(doc: Doc, outer: Mention) -> Mention:
    """青川区白石镇 → 白石镇: the last place nested in a place mention."""
    inner = [m for m in doc.of_type("Place") if outer.start <= m.start and m.end == outer.end and m is not outer]
    return min(inner, key=lambda m: m.end - m.start) if inner else outer


def _thing_at(doc: Doc, pos: int, *, ending: bool = False) -> Mention | None:
    key = (lambda m: m.end == pos) if ending else (lambda m: m.start == pos)
    cands = [m for m in doc.mentions if key(m) and m.entity.type in _LOCATABLE]
    return max(cands, key=lambda m: m.end - m.start) if cands else None


def _subject(doc: Doc, pos: int) -> Mention | None:
    """The project or company a sentence opens with (某项目是…之一，位于…)."""
    sent = doc.sentence_of(pos)
    start = sent[0]
    byline = doc.article.byline
    if byline and doc.text.startswith(byline, start):
        start += len(byline)
    cands = [m for m in doc.mentions if m.start == start and m.entity.type in ("Project", "Company")]
    return max(cands, key=lambda m: m.end - m.start) if cands else None


DIVISIONS = "divisions.v1"
# A dateline (潜江新闻网讯, 浙江在线长兴3月22日讯, 新华网贵州频道9月28日电): where a paper names its
# county by its short form; elsewhere short forms (新市, 大洲) are ordinary words or brands too often.
_DATELINE = re.compile(r"[^\s，,。：:]{2,24}?(?:讯|电)(?=[\s（(]|$)")


def article_context(doc: Doc) -> tuple[Division, ...]:
    """The counties, cities and provinces the article names: in full anywhere, by short form in its dateline."""
    return _context(doc.text, doc.article.head_end)


@lru_cache(maxsize=16)
def _context(text: str, head_end: int) -> tuple[Division, ...]:
    # read once an article: several rules of places.v1 and divisions.v1 ask
    g = gazetteer()
    found = g.context_of(text)
    dateline = _DATELINE.search(text, head_end, head_end + 60)
    if dateline:
        found += g.context_of(dateline.group(0), short=True)
    return tuple(dict.fromkeys(found))


_TOWN_ENDINGS = ("镇", "乡", "街道")


def _at_word_edges(doc: Doc, start: int, end: int) -> bool:
    return (start in doc.token_at or start in doc.token_ending) and (end in doc.token_ending or end in doc.token_at)


def _within_context(division: Division | None, context: tuple[Division, ...]) -> bool:
    return division is not None and any(division.within(c) and division is not c for c in context)


@extractor(DIVISIONS, needs=("names.v1",), makes=("Place",))
def divisions(doc: Doc) -> list[Mention]:
    """Towns and counties of the article's own county or city that the name finders missed (jieba splits them)."""
    context = article_context(doc)
    g = gazetteer()
    known = {(m.start, m.end) for m in doc.of_type("Place")}
    bodies = doc.of_type("Organization", "Meeting", "Person")
    out: list[Mention] = []

    def add(start: int, end: int) -> None:
        if (start, end) in known or any(b.start < end and start < b.end for b in bodies):
            return  # 某镇党委: a body's name says whose body it is
        known.add((start, end))
        out.append(Mention(start, end, Entity("Place", doc.text[start:end])))

    if not context:
        # no county named: a town's full name is still a place (万全镇紫来某项目), wherever it lies,
        # when it begins and ends at a word's edge (not 全镇 inside 万全镇, not a word's last characters)
        for start, end, _ in g.mentions(doc.text, ("town",)):
            if end - start >= 3 and doc.text[start:end].endswith(_TOWN_ENDINGS) and _at_word_edges(doc, start, end):
                add(start, end)
        return out

    for start, end, _ in g.mentions(doc.text, ("county", "town")):
        if _within_context(g.resolve(doc.text[start:end], context), context):
            add(start, end)
    for county in (c for c in context if c.level == "county"):  # 某镇向阳村: the county's own villages
        for village in g.villages(county):
            if village.name in doc.text and len(village.name) >= 3:
                for start, end in occurrences(doc.text, village.name):
                    add(start, end)
    for start, end, _ in g.mentions(doc.text, ("province", "city", "county")):  # 运城市永济: a short form after its city
        parent = g.resolve(doc.text[start:end], context)
        if parent is None or not (parent in context or _within_context(parent, context) or any(c.within(parent) for c in context)):
            continue
        for child in _children(parent):
            names = sorted({child.name, *(child.short.split("/") if child.short else ())}, key=len, reverse=True)
            name = next((n for n in names if len(n) >= 2 and doc.text.startswith(n, end)), None)
            if name is not None and not any(x.start == end and x.end > end + len(name) for x in doc.mentions):
                # 彭阳县王洼产业园区: a longer name starts there, the short form is only its first word
                add(end, end + len(name))
    for listed in _TOWN_LIST.finditer(doc.text):  # 在新市、新安、钟管等五个镇同步举行: towns by short form
        pos = listed.start(1)
        for item in listed.group(1).split("、"):
            division = g.resolve(item, context)
            if division is not None and division.level == "town" and _within_context(division, context):
                add(pos, pos + len(item))
            pos += len(item) + 1
    return out


@lru_cache(maxsize=1)
def _child_index() -> dict[int, list[Division]]:
    index: dict[int, list[Division]] = {}
    for d in gazetteer().divisions:
        if d.parent is not None:
            index.setdefault(id(d.parent), []).append(d)
    return index


def _children(division: Division) -> list[Division]:
    """The divisions directly under `division` (towns and above)."""
    return _child_index().get(id(division), [])


_TOWN_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,5}、)+[\u4e00-\u9fff]{2,5})等[\d一二三四五六七八九十两几多]+个(?:镇|乡|街道)")


@extractor(NAME, needs=("names.v1", "events.v1", DIVISIONS, "money.v1"), makes=("locatedIn",))
def extract(doc: Doc) -> list[Fact]:
    """Where projects, companies, events and places are."""
    located = _located_at(doc) + _place_of(doc) + _settled_in(doc) + _place_frames(doc) + _ceremony_sites(doc)
    located += _built_in_our_county(doc)
    return located + _place_chains(doc) + _place_prefixes(doc, located) + _bracketed(doc) + _hierarchy(doc)


_OUR_COUNTY = re.compile(r"在(?:我|本)(?P<level>[县区市])(?:[^，,。；]{0,12}?)?(?:投资)?(?:建设|新建|兴建|打造|实施|落地)")


def _built_in_our_county(doc: Doc) -> list[Fact]:
    """拟在我县建设某项目: the county is the one the article is about, when it names exactly one of that level."""
    facts: list[Fact] = []
    add = _adder(doc, facts, "built-in-our-county")
    context = article_context(doc)
    for m in _OUR_COUNTY.finditer(doc.text):
        own = [d for d in context if d.level in ("county", "city") and d.name.endswith(m.group("level"))]
        thing = _thing_at(doc, m.end())
        if len(own) == 1 and thing is not None and thing.entity.type == "Project":
            add(thing, Mention(m.start() + 1, m.start() + 3, Entity("Place", own[0].name)))
    return facts


_BRACKETED = re.compile(r"[(（]([\u4e00-\u9fff]{2,8})[)）]")


def _bracketed(doc: Doc) -> list[Fact]:
    """某药业(嵊州)某基地项目, 某生产基地(杞县)项目: a place of the article's own county or city
    in brackets in a project's name is where it lies. A place outside it (某公司(内蒙古)冷链项目
    in a paper of Hubei) is the builder's branch, not the site."""
    facts: list[Fact] = []
    add = _adder(doc, facts, "bracketed-place")
    context = article_context(doc)
    if not context:
        return facts
    g = gazetteer()
    for thing in doc.of_type("Project"):
        for m in _BRACKETED.finditer(doc.text, thing.start, thing.end):
            division = g.resolve(m.group(1), context)
            if division is not None and (division in context or _within_context(division, context)):
                add(thing, Mention(m.start(1), m.end(1), Entity("Place", division.name)))
    return facts


# 在某镇，…的某项目: a place opening the sentence, set off by a comma, frames what the next clause tells
_FRAME = re.compile(r"(?:^|(?<=[。；;！!\n]))\s*在")


def _place_frames(doc: Doc) -> list[Fact]:
    """在李家巷镇某公司建设现场，总投资N的某项目…; 在某乡，被列入…的某项目…: the project is in the place."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "place-frame")
    projects = sorted(doc.of_type("Project"), key=lambda m: m.start)
    byline = doc.article.byline
    for start, end in doc.sentences:
        if byline and text.startswith(byline, start):
            start += len(byline)
        if text[start : start + 1] != "在":
            continue
        place = _place_at(doc, start + 1)
        comma = re.search(r"[，,]", text[start:end])
        if place is None or comma is None or start + comma.start() - place.end > 12:
            continue  # 在某镇某公司建设现场，: a short site after the place, no more
        clause_start = start + comma.end()
        stop = re.search(r"[，,；;。]", text[clause_start:end])
        clause_end = clause_start + stop.start() if stop else end
        inside = [p for p in projects if clause_start <= p.start and p.end <= clause_end]
        if inside:
            # 被列入某工程的某项目: the thing after 的 is the one the clause is about
            after_de = [p for p in inside if text[p.start - 1 : p.start] == "的"]
            add((after_de or inside)[0], _innermost_place(doc, place))
    return facts


_CEREMONY = re.compile(r"(?:集中)?(?:开工|开竣工|竣工|奠基|签约|动工|投产)(?:建设)?(?:仪式|活动|现场会)")
_HELD_IN = re.compile(r"在(?P<at>[^，,。；;]{2,24}?)(?:项目)?(?:现场|施工现场|建设现场)?(?:隆重|同步|正式)?举行")


def _ceremony_sites(doc: Doc) -> list[Fact]:
    """某项目开工仪式在某镇举行, 某镇举行某项目开工仪式: a project's ceremony is held at its site."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "ceremony-site")
    things = [(p, p.entity) for p in doc.of_type("Project")]
    for event in doc.of_type("Meeting", "Event"):
        # 某公司项目开工仪式 as one event's name: the project is named inside it
        named = re.match(r"(?:.*暨)?(.{2,40}?(?:项目|工程))" + _CEREMONY.pattern + "$", event.entity.name)
        if named and not _BATCH.search(named.group(1)) and not re.search(r"[\d一二三四五六七八九十两]+(?:个|项)|集中", named.group(1)):
            start = event.end - len(event.entity.name) + named.start(1)
            things.append((Mention(start, start + len(named.group(1)), event.entity), Entity("Project", named.group(1))))
    # 浙江某某科技项目开工仪式: the event's name keeps the project's whole name where the finder cut it
    things = [(p, e) for p, e in things if not any(q.end == p.end and q.start < p.start for q, _ in things)]
    for project, entity in things:
        ceremony = _CEREMONY.match(text, project.end)
        if ceremony is None or ceremony.group(0).startswith("集中"):
            continue  # 某某项目集中开工仪式: a batch's ceremony
        sent = doc.sentence_of(project.start)
        place = None
        held = _HELD_IN.match(text, ceremony.end())
        if held:
            place = _place_at(doc, held.start("at"))  # 某项目开工仪式在某镇举行
        else:
            opened = re.search(r"举行[^，,。；;、]{0,8}$", text[sent[0] : project.start])
            if opened:
                at = sent[0] + opened.start()
                before = [p for p in doc.of_type("Place") if sent[0] <= p.start and p.end == at]
                place = before[0] if before else None  # 某镇举行某项目开工仪式
        if place is not None:
            add(Mention(project.start, project.end, entity), _innermost_place(doc, place))
    return facts


def _hierarchy(doc: Doc) -> list[Fact]:
    """某县某镇, 德清新市镇, 运城市永济, 我县某镇: a division written right after the one it lies in,
    as the gazetteer knows it under the article's own county (never when it says ambiguous)."""
    context = article_context(doc)
    if not context:
        return []
    g = gazetteer()
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "gazetteer-parent")
    resolved: dict[str, Division | None] = {}
    bodies = doc.of_type("Organization", "Company", "Meeting")
    for m in doc.of_type("Place"):
        if m.entity.name not in resolved:
            resolved[m.entity.name] = g.resolve(m.entity.name, context)
        division = resolved[m.entity.name]
        if division is None or division.parent is None or not (_within_context(division, context) or division in context):
            continue
        parent = division.parent
        names = [parent.name, *(parent.short.split("/") if parent.short else ())]
        if parent in context and parent.level == "county":
            names += [f"{w}{parent.name[-1]}" for w in ("我", "本")]  # 我县某镇
        if any(b.start <= m.start and m.end <= b.end for b in bodies):
            continue  # 某市某区委, 某省某市某公司: the places in a body's name say whose it is
        if any(len(n) >= 2 and text.startswith(n, m.start - len(n)) for n in names):
            add(m, Mention(m.start, m.end, Entity("Place", parent.name)))
    return facts


def _adder(doc: Doc, facts: list[Fact], default_rule: str):
    """`add(thing, place[, rule])`: thing –locatedIn→ place, read from the thing's sentence, into `facts`."""

    def add(thing: Mention, place: Mention, rule_name: str = default_rule) -> None:
        if thing.entity == place.entity or thing.entity.type == "Person":
            return
        sent = doc.sentence_of(thing.start)
        facts.append(Fact(thing.entity, "locatedIn", place.entity, *sent, rule(NAME, rule_name)))

    return add


def _located_at(doc: Doc) -> list[Fact]:
    """位于X的Y / 在X的Y / 在位于X的Y (located-at), 在X投资建设Y (built-in), Y位于X (thing-located-at)."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "located-at")
    for m in re.finditer(r"(?:位于|地处|坐落于|选址于|选址|在)(?:(?:我|本)[县区市镇乡](?=[\u4e00-\u9fff]{2,}[县区市镇乡村]))?", text):
        place = _place_at(doc, m.end())
        if place is None:
            continue
        places = [place]
        after = place.end
        while True:  # 位于X和Y境内: both
            joined = re.match(r"[和、及与]", text[after : after + 1])
            other = _place_at(doc, after + 1) if joined else None
            if other is None:
                break
            places.append(other)
            after = other.end
        verbs = re.match(r"(?:境内|内|辖区内)?(?:投资)?(?:建设|新建|兴建|实施|打造)?的", text[after : after + 8])
        builds = re.match(r"(?:投资[^，,。；]{0,14}?)?(?:建设|新建|兴建|打造|实施)", text[after : after + 24]) if m.group(0) == "在" else None
        if builds and not verbs:
            # 在某园区投资6.8亿元建设某基地: what is built there is there
            thing = _thing_at(doc, after + builds.end())
            if thing is not None and thing.entity.type == "Project":
                for p in places:
                    add(thing, _innermost_place(doc, p), "built-in")
            continue
        if verbs:
            thing = _thing_at(doc, after + verbs.end())
            while thing is not None:
                for p in places:
                    add(thing, _innermost_place(doc, p), "located-at")
                    owned = _thing_at(doc, thing.end) if thing.entity.type == "Company" else None
                    if owned is not None and owned.entity.type == "Project":
                        add(owned, _innermost_place(doc, p), "located-at")  # 位于某区的某公司某项目: the project too
                nxt = _thing_at(doc, thing.end + 1) if text[thing.end : thing.end + 1] in "、和及" else None
                thing = nxt if nxt is not None and nxt.entity.type == thing.entity.type else None
        elif m.group(0) != "在":
            # Y位于X, or Y是…,位于X: the thing before 位于, else the sentence's subject
            before = m.start()
            while before > 0 and text[before - 1] in "，, ":
                before -= 1
            thing = _thing_at(doc, before, ending=True) or _subject(doc, m.start())
            if thing is None and text[max(0, before - 2) : before] == "项目":
                # 某基地项目，项目选址某区: the project named last before
                earlier = [x for x in doc.of_type("Project") if x.end <= before - 2]
                thing = earlier[-1] if earlier else None
            if thing is not None:
                for p in places:
                    add(thing, _innermost_place(doc, p), "thing-located-at")
    return facts


def _place_of(doc: Doc) -> list[Fact]:
    """X的Y: a place written before 的 and a project's name (高新区的某项目, 某镇的某中心, 某县引进的某项目)."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "place-of")
    for place in doc.of_type("Place"):
        de = re.match(r"(?:境内|辖区内|园区内|内)?(?:新?引进|招引)?的", text[place.end : place.end + 6])  # 某县引进的某项目
        if de is None or text[place.start - 2 : place.start] in ("位于", "地处") or text[place.start - 1 : place.start] == "在":
            continue
        thing = _thing_at(doc, place.end + de.end())  # 某镇的某项目, 某镇境内的某公司
        if thing is not None and thing.entity.type in ("Project", "Organization", "Company"):
            add(thing, place)
    return facts


def _settled_in(doc: Doc) -> list[Fact]:
    """落户X, 落地X: the company or project named before it in the sentence."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "settled-in")
    for m in re.finditer(r"(?:落户|落地)(?:在|于|到)?", text):  # 某项目落地某片区
        place = _place_at(doc, m.end())
        if place is None or any(x.start < m.start() < x.end for x in doc.mentions):
            continue  # 某匝道落地某大道工程: the verb inside a works' name
        sent = doc.sentence_of(m.start())
        subjects = [x for x in doc.mentions if sent[0] <= x.start and x.end <= m.start() and x.entity.type in ("Company", "Project")]
        if subjects:
            add(subjects[-1], _innermost_place(doc, place))
    return facts


def _place_chains(doc: Doc) -> list[Fact]:
    """A place written before another: 青川区白石镇, 东湖街道青岩路, 某镇工业功能区."""
    facts: list[Fact] = []
    add = _adder(doc, facts, "place-chain")
    places = sorted(doc.of_type("Place"), key=lambda m: (m.start, -m.end))
    bodies = doc.of_type("Organization", "Company", "Meeting")
    for outer in places:
        if any(b.start <= outer.start and outer.end <= b.end for b in bodies):
            continue  # 某市某区委: the places in a body's name say whose body it is, not where places lie
        for head in places:
            if head.start == outer.start and head.end < outer.end - 1:  # 旧县镇 is one name, not 镇 in 旧县
                add(outer, head)
            elif head.end == outer.start and head.entity != outer.entity:
                add(outer, head)
    return facts


_BATCH = re.compile(r"集中|类(?:项目|工程)$|^[\d一二三四五六七八九十两]+大?[个项批]?(?:重点|重大)?(?:项目|工程)$|(?:重点|重大)(?:项目|工程)$")


def _gazetteer_prefix(doc: Doc, thing: Mention, add) -> None:
    """开化某小镇开发项目, 姜山未来工业社区项目: the article's county or one of its towns, by its short form,
    opens a project's name (the finders take no short form for a place)."""
    context = article_context(doc)
    quote = 1 if doc.text[thing.start : thing.start + 1] in "“\"‘《" else 0  # “开化某小镇”开发项目: the quoted name opens it
    start = thing.start + quote
    name = doc.text[start : thing.end]
    g = gazetteer()
    for cut in (4, 3, 2):
        head, rest = name[:cut], name[cut:]
        if len(rest) < 4 or not "\u4e00" <= rest[0] <= "\u9fff":
            continue
        first = doc.token_at.get(start + cut)
        if first is None or first.tag.startswith("v") and first.tag != "vn":
            continue  # 为开化带来好项目: a verb after the place, no name
        division = g.resolve(head, context)
        if division is None or division.level not in ("county", "town") or not (division in context or _within_context(division, context)):
            continue
        if head != division.name and not any(head == s for s in division.short.split("/")):
            continue
        add(thing, Mention(start, start + cut, Entity("Place", division.name)), "gazetteer-prefix")
        return


def _place_prefixes(doc: Doc, located: list[Fact]) -> list[Fact]:
    """A place prefixed to a project's name: 某镇某项目."""
    facts: list[Fact] = []
    add = _adder(doc, facts, "place-prefix")
    for thing in doc.of_type("Project", "Company"):
        inside = [p for p in doc.of_type("Place") if p.start >= thing.start and p.end < thing.end]
        chain_end = thing.start
        last = None
        for p in sorted(inside, key=lambda p: (p.start, -p.end)):
            if p.start == chain_end:
                last = p
                chain_end = p.end
        rest = doc.text[chain_end : thing.end]
        if any(c in thing.entity.name or c in doc.text[thing.start : thing.end] for c in ("公司", "集团")) or rest in ("项目", "工程", "园区", "项目建设") or re.fullmatch(r"[一二三四五六七八九十]期", rest):
            continue  # a company's place is not its project's; 某园区项目 is the place's own project
        before = next((p for p in doc.of_type("Place") if p.end == thing.start and (p.end - p.start >= 3 or gazetteer().lookup(p.entity.name))), None)
        if before is not None and thing.entity.type == "Project":
            # 万全镇|某创业园项目: the town's name just before the project's is where it lies
            if not _BATCH.search(thing.entity.name) and not any(f.subject == thing.entity for f in located):
                add(thing, _innermost_place(doc, before))
            continue
        if last is None and thing.entity.type == "Project" and chain_end == thing.start:
            said = "位于" in doc.text[doc.sentence_of(thing.start)[0] : thing.start]
            if not said and not any(f.subject == thing.entity for f in located):  # 位于某镇的某项目: the text says where
                _gazetteer_prefix(doc, thing, add)
            continue
        if last is None or thing.entity.type != "Project":
            continue
        place = _innermost_place(doc, last)
        if len(place.entity.name) <= 2 and not gazetteer().lookup(place.entity.name):
            continue  # 上市募投项目, 城镇基础类项目: a word's first characters, not a place
        if _BATCH.search(rest):
            continue  # 某县2015年第四季度集中开工项目: a batch or a category of projects, no one thing
        if any(f.subject == thing.entity for f in located):
            continue  # 某市某医院新建工程位于某新城: where the text says it is
        add(thing, place)
    return facts
