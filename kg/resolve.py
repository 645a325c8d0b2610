"""Resolve entities: one entity per real thing.

Within an article, a short form written after the full name (第12次常务会议 after
县政府第12次常务会议) is the same entity. Across articles and files, identity is
decided from the article's own content, so that each article's triples can be
computed alone (per-file shards, any number of jobs) and graphs merge by union:
entities whose IRIs are equal are one thing. What goes into the IRI besides the
name (docs/MODEL.md, "Identity"):

- a person: the county or city of their post in the article (柯城区区长王伟 → 柯城区),
  else the article's seat (the paper's county, or the county the article names);
  with neither, the article alone: namesakes never merge on the name alone;
- a post, a body, a meeting whose name is relative (区长, 县委, 全县招商引资推进会):
  the seat its 区/县/市 stands for;
- an event: its date; one with no date, or a generic name (签约仪式), is the
  article's own. Every event also belongs to its series (name and seat);
- a zone written with its town (廿里镇工业功能区) is the zone without it
  (廿里工业功能区), located in the town.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from kg.nlp.vocabulary import vocabulary
from kg.types import Article, Entity, Extraction, Fact, Mention

NAME = "resolve.v1"

# Types whose short forms are the tail of their full name.
_TAIL_TYPES = ("Meeting", "Event", "Organization", "Company", "Project")
_EVENT_TYPES = ("Meeting", "Event")
_LEVELS = "省市区县"
# 镇/乡/街道 between a town's stem and a zone's ending: 廿里镇工业功能区 is 廿里工业功能区.
_TOWN_MARKS = ("街道", "镇", "乡")
_ZONE_ENDINGS = ("工业功能区", "经济开发区", "经济技术开发区", "工业园区", "工业园", "开发区", "功能区", "产业园区", "园区", "产业园")
# Place endings in 区 that are not counties: zones, quarters, sites.
_NOT_COUNTY = ("功能区", "园区", "开发区", "高新区", "经开区", "矿区", "港区", "新区", "片区", "景区", "社区", "小区",
               "城区", "市区", "辖区", "街区", "产业集聚区", "自治区", "示范区", "保护区", "服务区", "核心区", "集聚区", "试验区")


def aliases(entities: set[Entity]) -> dict[Entity, Entity]:
    """Map each short form to the one longer name of the same type that ends with it."""
    out: dict[Entity, Entity] = {}
    by_type: dict[str, list[Entity]] = {}
    for e in entities:
        by_type.setdefault(e.type, []).append(e)
    projects = {e.name: e for e in by_type.get("Project", [])}
    for name, e in projects.items():
        # 某产业园项目 and 某产业园 are one project, called by the shorter name
        if name.endswith("项目") and name[:-2] in projects:
            out[e] = projects[name[:-2]]
    for type_, group in by_type.items():
        if type_ not in _TAIL_TYPES:
            continue
        for short in group:
            if short in out:
                continue
            longer = [e for e in group if e.name != short.name and e.name.endswith(short.name) and len(short.name) >= 4]
            if len(longer) == 1 or (longer and all(m.name.endswith(longer[0].name) or longer[0].name.endswith(m.name) for m in longer)):
                out[short] = max(longer, key=lambda e: len(e.name))
    return out


def _fact_aliases(named: set[Entity], facts: list[Fact], table: dict[Entity, Entity]) -> dict[Entity, Entity]:
    """Aliases of the projects some facts name that no mention does (a project written in full
    only inside an event's name: 某镇举行|轻质龙骨等装饰材料加工项目|开工仪式).

    Such a project written as its builder and a project mentioned (某某有限公司|某产业园项目,
    or 某某|某产业园项目 after the builder's short form) is that project; a mentioned project with no longer name, whose name ends one such
    project's, is its short form (装饰材料加工项目 elsewhere in the article)."""
    out: dict[Entity, Entity] = {}
    unnamed = sorted({e for f in facts for e in (f.subject, f.object)
                      if isinstance(e, Entity) and e.type == "Project" and e not in named}, key=lambda e: e.name)
    companies = [e.name for e in named if e.type == "Company"]
    projects = {e.name: e for e in named if e.type == "Project"}
    rest = []
    for e in unnamed:
        owned = {table.get(p, p) for c in companies if e.name.startswith(c) for p in _owned_as(e.name[len(c):], c, projects)}
        if len(owned) == 1:
            out[e] = owned.pop()
        else:
            rest.append(e)
    for short in projects.values():
        if short in table or len(short.name) < 4 or any(p.name != short.name and p.name.endswith(short.name) for p in projects.values()):
            continue
        longer = [e for e in rest if e.name.endswith(short.name)]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


def _owned_as(works: str, company: str, projects: dict[str, Entity]) -> list[Entity]:
    """The projects mentioned as `works` alone or after a short form of `company` (冀中|某产业园项目 for
    河北冀中某某有限公司|某产业园项目)."""
    return [p for name, p in projects.items()
            if name == works or (name.endswith(works) and len(name) - len(works) >= 2 and name[: len(name) - len(works)] in company)]


def _canon(value, table: dict[Entity, Entity]):
    if isinstance(value, Entity):
        value = table.get(value, value)
        if value.org is not None:
            value = Entity(value.type, value.name, value.title, table.get(value.org, value.org), value.value, value.qualifier)
    return value


# ---- seats: whose county or city --------------------------------------------


def is_county(name: str) -> bool:
    """A county-level or city name (衢江区, 龙游县, 衢州市), not a zone or quarter (高新区, 社区)."""
    return len(name) >= 3 and name[-1] in "市区县" and not name.endswith(_NOT_COUNTY)


def relative_level(name: str) -> str:
    """The 区, 县 or 市 a relative name stands for (区委常委会会议 → 区, 县长 → 县, 全市 → 市); '' if none."""
    vocab = vocabulary()
    if name.startswith(vocab.not_relative):
        return ""
    for prefix in vocab.relative_prefixes:
        if name.startswith(prefix) and len(name) > len(prefix):
            return next(c for c in prefix if c in "区县市")
    return ""


def body_prefix(name: str) -> str:
    """The body a relative name opens with (区委常委会会议 → 区委, 县政府常务会议 → 县政府); '' for
    other relative names (区长, 全县…, 县水利建设推进会: only the level)."""
    return next((p for p in vocabulary().relative_prefixes if len(p) > 1 and p[0] in "区县市" and name.startswith(p)), "")


def _chain(paper: str) -> list[str]:
    """衢州市衢江区 → [衢州市, 衢江区]; 江桥 → [江桥]."""
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:省|市|区|县)", paper)
    return parts if parts and "".join(parts) == paper else [paper]


class Seat:
    """The county or city an article is written from, and the one above it where known."""

    def __init__(self, article: Article, mentions: list[Mention]) -> None:
        named = [m.entity.name for m in sorted(mentions, key=lambda m: m.start) if m.entity.type == "Place" and is_county(m.entity.name)]
        chain = _chain(article.paper) if article.paper else []
        self.here = chain[-1] if chain else ""
        self.above = chain[-2] if len(chain) > 1 else ""
        if self.here and self.here[-1] not in _LEVELS:
            # the paper's name without its level (江桥日报): the article's county of that name
            full = next((n for n in named if n.startswith(self.here) and len(n) == len(self.here) + 1), "")
            self.here = full or self.here
        if not self.here and named:
            counts = Counter(named)
            # a county paper names its county most; a county (区/县) before the city above it
            self.here = max(counts, key=lambda n: (n[-1] in "区县", counts[n], -named.index(n)))

    def of(self, level: str) -> str:
        """The seat a relative name of `level` (区/县/市) means here; '' if unknown."""
        if not self.here:
            return ""
        if self.here[-1] not in _LEVELS:
            return self.here + level  # 江桥 + 县
        if level == "市" and self.here[-1] in "区县":
            if not self.above:  # the masthead names the county alone: the city above it, if a gazetteer knows it
                self.above = gazetteer_parent(self.here) or self.here
            return self.above
        return self.here


_LEVEL_TITLE = re.compile(r"^(?:常务)?副?(区|县|市)(?:委|长|政府|人大|政协)")
_TOWN_TITLE = re.compile(r"[镇乡](?:长|委|党委|人大|政府)|街道")


_NAMED_SEAT = re.compile(r"([\u4e00-\u9fff]{2,3}[区县市])([区县市])(?:委|长|政府|人大|政协)")


def _county_prefix(name: str, places: list[str]) -> str:
    """The innermost county or city a name opens with (衢州市衢江区副区长 → 衢江区); '' if none."""
    seat, pos = "", 0
    while True:
        nxt = next((p for p in places if name.startswith(p, pos)), "")
        if not nxt:  # 柯城区区长: a county name followed by its own level's post
            m = _NAMED_SEAT.match(name, pos)
            nxt = m.group(1) if m and m.group(1)[-1] == m.group(2) else ""
        if not nxt:
            return seat
        seat, pos = nxt, pos + len(nxt)


# ---- identity ---------------------------------------------------------------


def gazetteer_parent(place: str, context: tuple[str, ...] = ()) -> str:
    """The administrative area `place` lies in, by the gazetteer of divisions
    (`kg.nlp.gazetteer.parent_of`: town → county → city), read in `context`; '' when it does not know."""
    from kg.nlp.gazetteer import parent_of

    parent = parent_of(place, context)
    return parent.name if parent is not None and parent.name != place else ""


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？\n") if i != -1]
    return start, (min(ends) + 1 if ends else len(text))


def _zone_town(name: str) -> tuple[str, str] | None:
    """廿里镇工业功能区 → (廿里工业功能区, 廿里镇): the zone without its town, and the town."""
    for mark in _TOWN_MARKS:
        for ending in _ZONE_ENDINGS:
            if name.endswith(mark + ending) and len(name) > len(mark + ending) + 1:
                stem = name[: -len(mark + ending)]
                return stem + ending, stem + mark
    return None


class _Identities:
    """Gives each entity of one article its identity across the corpus."""

    def __init__(self, article: Article, mentions: list[Mention], facts: list[Fact]) -> None:
        self.article = article
        self.seat = Seat(article, mentions)
        self.places = sorted({m.entity.name for m in mentions if m.entity.type == "Place" and is_county(m.entity.name)},
                             key=lambda n: (-len(n), n))
        self.dates: dict[Entity, dt.date] = {}
        for f in facts:
            if f.predicate == "date" and isinstance(f.object, dt.date):
                self.dates.setdefault(f.subject, f.object)
        self.person_seat: dict[Entity, str] = {}
        for f in facts:
            if f.predicate == "holdsPosition" and isinstance(f.object, Entity) and f.subject not in self.person_seat:
                seat = self.post_seat(f.object)
                if seat:
                    self.person_seat[f.subject] = seat
        self.memo: dict[Entity, Entity] = {}

    def post_seat(self, position: Entity) -> str:
        """Where a post is held: a county it names, else the seat its 区/县/市 means; a company's
        post has none (衢州市某某有限公司总经理 is no post of 衢州市)."""
        if position.org is not None and position.org.type == "Company":
            return ""
        named = _county_prefix(position.name, self.places)
        if named:
            return named
        level = relative_level(position.name) or (relative_level(position.org.name) if position.org is not None else "")
        if not level and position.org is None:
            # 常务副区长, 副县长, 区委常委: the title itself is of a 区/县/市
            m = _LEVEL_TITLE.match(position.name)
            level = m.group(1) if m else ""
            if not level and _TOWN_TITLE.search(position.name):
                return self.seat.here  # 廿里镇副镇长: a town's post, in the paper's county
        return self.seat.of(level) if level else ""

    def relative(self, name: str) -> tuple[str, str]:
        """A body's or meeting's name relative to its seat, and the seat: 青江区委常委会会议 →
        (区委常委会会议, 青江区), as 区委常委会会议 reads in 青江区's paper; (name, '') when it has none."""
        for place in [*self.places, self.seat.here]:
            rest = name[len(place):]
            if place and name.startswith(place) and len(place) > 1 and place[-1] in "区县市" and len(rest) > 1:
                if body_prefix(place[-1] + rest):
                    return place[-1] + rest, place
        level = relative_level(name)
        return name, (self.seat.of(level) if level else "")

    def __call__(self, e):
        if not isinstance(e, Entity):
            return e
        if e not in self.memo:
            self.memo[e] = self._identify(e)
        return self.memo[e]

    def _identify(self, e: Entity) -> Entity:
        aid = self.article.id
        if e.type == "Person":
            seat = self.person_seat.get(e) or self.seat.here
            return Entity("Person", e.name, seat=seat, scope="" if seat else aid)
        if e.type == "Organization":
            name, seat = self.relative(e.name)
            return Entity(e.type, name, seat=seat) if seat else e
        if e.type == "Position":
            org = self(e.org) if e.org is not None else None
            seat = self.post_seat(e)
            if org is None and not seat:
                return Entity("Position", e.name, title=e.title, scope=aid)  # 总经理 of no one known: this article's
            return Entity("Position", e.name, title=e.title, org=org, seat=seat)
        if e.type in _EVENT_TYPES:
            name, seat = self.relative(e.name)
            date = self.dates.get(e)
            level = relative_level(name)
            if seat[-1:] == name[:1] and body_prefix(name):
                name = seat + name[1:]  # 区委常委会会议 of 衢江区 is called 衢江区委常委会会议 (its altLabel the short form)
            generic = name in vocabulary().meeting_suffixes
            if generic and not seat:
                seat = self.seat.here
            # a relative name with no known seat, a generic name, no date: nothing ties it beyond this article
            scoped = date is None or generic or (level and not seat)
            return Entity(e.type, name, seat=seat, date=date, scope=aid if scoped else "")
        if e.type == "Place":
            zone = _zone_town(e.name)
            return Entity("Place", zone[0]) if zone else e
        return e


def _place_links(article: Article, mentions: list[Mention], ident: _Identities) -> list[Fact]:
    """Zones written with their town to the town (廿里镇工业功能区: the zone 廿里工业功能区, in
    廿里镇; written without it, the zone is the same node). `locatedIn` stays what the text
    says: a gazetteer's town → county links are knowledge no article states."""
    out = []
    text = article.text
    seen = set()
    for m in mentions:
        if m.entity.type != "Place":
            continue
        zone = _zone_town(m.entity.name)
        town = zone[1] if zone else None
        if town is None or (m.entity.name, town) in seen:
            continue
        seen.add((m.entity.name, town))
        out.append(Fact(ident(m.entity), "locatedIn", Entity("Place", town), *_sentence(text, m.start), NAME))
    return out


def resolve_article(article: Article, mentions: list[Mention], facts: list[Fact]) -> Extraction:
    entities = {m.entity for m in mentions}
    table = aliases(entities)
    table.update(_fact_aliases(entities, facts, table))
    for short, target in table.items():
        seen = {short}
        while target in table and target not in seen:  # a short form of a short form: to the end of the chain
            seen.add(target)
            target = table[target]
        table[short] = target
    mentions = [Mention(m.start, m.end, _canon(m.entity, table)) for m in mentions]
    facts = [Fact(_canon(f.subject, table), f.predicate, _canon(f.object, table), f.start, f.end, f.rule) for f in facts]
    ident = _Identities(article, mentions, facts)
    resolved_mentions = tuple(
        sorted({Mention(m.start, m.end, ident(m.entity)) for m in mentions}, key=lambda m: (m.start, m.end, m.entity.type))
    )
    seen = set()
    resolved_facts = []
    for f in facts + _place_links(article, mentions, ident):
        fact = Fact(ident(f.subject), f.predicate, ident(f.object), f.start, f.end, f.rule)
        key = (fact.subject, fact.predicate, fact.object, fact.start)
        if key in seen or fact.subject == fact.object:
            continue
        seen.add(key)
        resolved_facts.append(fact)
    return Extraction(article, resolved_mentions, tuple(resolved_facts))
