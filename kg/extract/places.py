"""places.v1: where projects, companies, events and places are.

Patterns: 位于X的Y, Y位于X, 在X的Y, 落户X, a place written before another
(青川区白石镇: 白石镇 is in 青川区), and a place prefixed to a project's name.
"""

from __future__ import annotations

import re

from kg.extract.registry import extractor, rule
from kg.nlp.analysis import Doc
from kg.types import Fact, Mention

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


@extractor(NAME, needs=("names.v1", "events.v1"), makes=("locatedIn",))
def extract(doc: Doc) -> list[Fact]:
    """Where projects, companies, events and places are."""
    return _located_at(doc) + _place_of(doc) + _settled_in(doc) + _place_chains(doc) + _place_prefixes(doc)


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
    """X的Y: a place written before 的 and a project's name (高新区的某项目, 某镇的某中心)."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "place-of")
    for place in doc.of_type("Place"):
        if text[place.end : place.end + 1] != "的" or text[place.start - 2 : place.start] in ("位于", "地处") or text[place.start - 1 : place.start] == "在":
            continue
        thing = _thing_at(doc, place.end + 1)
        if thing is not None and thing.entity.type in ("Project", "Organization", "Company"):
            add(thing, place)
    return facts


def _settled_in(doc: Doc) -> list[Fact]:
    """落户X: the company or project named before it in the sentence."""
    text = doc.text
    facts: list[Fact] = []
    add = _adder(doc, facts, "settled-in")
    for m in re.finditer(r"落户(?:在|于|到)?", text):
        place = _place_at(doc, m.end())
        if place is None:
            continue
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


def _place_prefixes(doc: Doc) -> list[Fact]:
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
        if any(c in thing.entity.name for c in ("公司", "集团")) or rest in ("项目", "工程", "园区", "项目建设") or re.fullmatch(r"[一二三四五六七八九十]期", rest):
            continue  # a company's place is not its project's; 某园区项目 is the place's own project
        if last is not None and thing.entity.type == "Project":
            add(thing, _innermost_place(doc, last))
    return facts
