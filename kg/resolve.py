"""Resolve entities: one entity per real thing.

Within an article, a short form written after the full name (第12次常务会议 after
县政府第12次常务会议) is the same entity; across articles and files, entities
with the same type and canonical name share one IRI (see kg.rdf.iris), so no state
is kept between articles.
"""

from __future__ import annotations

from kg.types import Article, Entity, Extraction, Fact, Mention

# Types whose short forms are the tail of their full name.
_TAIL_TYPES = ("Meeting", "Event", "Organization", "Company", "Project")


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


def _canon(value, table: dict[Entity, Entity]):
    if isinstance(value, Entity):
        value = table.get(value, value)
        if value.org is not None:
            value = Entity(value.type, value.name, value.title, table.get(value.org, value.org), value.value, value.qualifier)
    return value


def resolve_article(article: Article, mentions: list[Mention], facts: list[Fact]) -> Extraction:
    entities = {m.entity for m in mentions}
    table = aliases(entities)
    resolved_mentions = tuple(
        sorted({Mention(m.start, m.end, _canon(m.entity, table)) for m in mentions}, key=lambda m: (m.start, m.end, m.entity.type))
    )
    seen = set()
    resolved_facts = []
    for f in facts:
        fact = Fact(_canon(f.subject, table), f.predicate, _canon(f.object, table), f.start, f.end, f.rule)
        key = (fact.subject, fact.predicate, fact.object, fact.start)
        if key in seen or fact.subject == fact.object:
            continue
        seen.add(key)
        resolved_facts.append(fact)
    return Extraction(article, resolved_mentions, tuple(resolved_facts))
