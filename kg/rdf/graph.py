"""The RDF graph of extractions, following CONTRACT.md and docs/MODEL.md, as N-Triples lines.

Every article's triples are computed from that article alone (IRIs are derived
from content), so graphs of different articles, processes or machines merge by
plain union. The build is made of N-Triples (shards, their sorted union, the
store's load), so the triples are written here directly as lines, in the form
rdflib's N-Triples writer gives them (tests compare the two); `assemble` reads
them into an rdflib Graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.rdf import ontology
from kg.rdf.iris import article_iri, entity_iri, evidence_iri, series_iri
from kg.rdf.namespace import KG, PREFIXES
from kg.types import Article, Entity, Extraction, Fact


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(text: str, *, lang: str = "", datatype: str = "") -> str:
    """A literal as rdflib writes it in N-Triples (its escapes, UTF-8 otherwise)."""
    quoted = '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if lang:
        return f"{quoted}@{lang}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def _zh(text: str) -> str:
    return _literal(text, lang="zh")


_TYPE, _LABEL, _ALT_LABEL = _iri(RDF.type), _iri(RDFS.label), _iri(SKOS.altLabel)
_SUBJECT, _PREDICATE, _OBJECT = _iri(RDF.subject), _iri(RDF.predicate), _iri(RDF.object)
_TITLE, _DATE, _SOURCE = _iri(DCTERMS.title), _iri(DCTERMS.date), _iri(DCTERMS.source)
_DERIVED_FROM = _iri(PROV.wasDerivedFrom)
_K = {name: _iri(KG[name]) for name in ontology.TERMS}
SUPERCLASS = {name: _K[parent] for name, parent in ontology.SUPERCLASS.items()}
ROLE_SUPER = {name: _K[parent] for name, parent in ontology.SUPERPROPERTY.items()}


def new_graph() -> Graph:
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, Namespace(iri), override=True)
    return g


def article_lines(article: Article) -> Iterator[str]:
    a = _iri(article_iri(article))
    yield f"{a} {_TYPE} {_K['Article']} .\n"
    if article.headline:
        yield f"{a} {_TITLE} {_zh(article.headline)} .\n"
    if article.date is not None:
        yield f"{a} {_DATE} {_literal(article.date.isoformat(), datatype=XSD.date)} .\n"
    yield f"{a} {_SOURCE} {_literal(article.source)} .\n"
    if article.byline:
        yield f"{a} {_K['byline']} {_literal(article.byline)} .\n"


@lru_cache(maxsize=4096)
def entity_lines(entity: Entity) -> tuple[str, ...]:
    """What the graph says of an entity itself: its classes, label and, for positions and amounts, their parts."""
    e = _entity(entity)
    out = [f"{e} {_TYPE} {_K[entity.type]} .\n"]
    if entity.type in SUPERCLASS:
        out.append(f"{e} {_TYPE} {SUPERCLASS[entity.type]} .\n")
    out.append(f"{e} {_LABEL} {_zh(entity.label)} .\n")
    if entity.label != entity.name:
        out.append(f"{e} {_ALT_LABEL} {_zh(entity.name)} .\n")
    written = seated_name(entity)
    if written:
        out.append(f"{e} {_ALT_LABEL} {_zh(written)} .\n")
    if entity.seat and entity.seat[-1] in "省市区县":  # a seat known by its full name is a place
        out.append(f"{e} {_K['seat']} {_entity(Entity('Place', entity.seat))} .\n")
        out.extend(entity_lines(Entity("Place", entity.seat)))
    if entity.type in ("Meeting", "Event"):
        series = _iri(series_iri(entity))
        out.append(f"{e} {_K['series']} {series} .\n")
        out.append(f"{series} {_TYPE} {_K['EventSeries']} .\n")
        out.append(f"{series} {_LABEL} {_zh(entity.name)} .\n")
        if written:
            out.append(f"{series} {_ALT_LABEL} {_zh(written)} .\n")
        if entity.seat and entity.seat[-1] in "省市区县":
            out.append(f"{series} {_K['seat']} {_entity(Entity('Place', entity.seat))} .\n")
    if entity.type == "Position":
        if entity.title:
            out.append(f"{e} {_K['title']} {_literal(entity.title)} .\n")
            if entity.title != entity.name:
                out.append(f"{e} {_ALT_LABEL} {_zh(entity.title)} .\n")
        if entity.org is not None:
            out.append(f"{e} {_K['ofOrganization']} {_entity(entity.org)} .\n")
            out.extend(entity_lines(entity.org))
    elif entity.type == "MonetaryAmount":
        assert entity.value is not None, "an amount carries its value"
        value = _literal(format(entity.value.normalize(), "f"), datatype=XSD.decimal)
        out.append(f"{e} {_K['value']} {value} .\n")
        out.append(f"{e} {_K['currency']} {_literal('CNY')} .\n")
        if entity.qualifier:
            out.append(f"{e} {_K['qualifier']} {_literal(entity.qualifier)} .\n")
    return tuple(out)


def seated_name(entity: Entity) -> str:
    """The other form of a name read relative to its seat: a body's with the seat written in
    (区委 of 青江区 → 青江区委), a meeting's without it (青江区委常委会会议 → 区委常委会会议);
    '' for others (区长, 全区…: no such form)."""
    seat = entity.seat
    if not seat or seat[-1] not in "市区县":
        return ""
    name = entity.name
    if entity.type == "Organization" and name[:1] == seat[-1] and name[1:2] in ("委", "政", "人", "纪"):
        return seat + name[1:]
    if entity.type in ("Meeting", "Event") and name.startswith(seat) and name[len(seat):len(seat) + 1] in ("委", "政", "人", "纪"):
        return seat[-1] + name[len(seat):]
    return ""


def _entity(entity: Entity) -> str:
    return _iri(entity_iri(entity))


def fact_lines(fact: Fact, article: Article, seen: set | None = None) -> Iterator[str]:
    """A fact, its evidence and its entities (those not in `seen`, which gets them)."""
    seen = set() if seen is None else seen
    a = _iri(article_iri(article))
    for entity in (fact.subject, fact.object):
        if isinstance(entity, Entity):
            yield from _first_mention(entity, a, seen)
    subject, predicate = entity_iri(fact.subject), KG[fact.predicate]
    obj: URIRef | str
    if isinstance(fact.object, Entity):
        obj = entity_iri(fact.object)
        s, p, o = _iri(subject), _K[fact.predicate], _iri(obj)
    else:  # a date
        obj = fact.object.isoformat()
        s, p, o = _iri(subject), _K[fact.predicate], _literal(obj, datatype=XSD.date)
    yield f"{s} {p} {o} .\n"
    if fact.predicate in ROLE_SUPER:
        yield f"{s} {ROLE_SUPER[fact.predicate]} {o} .\n"
    # The evidence is named by its extractor, not the rule inside it: renaming a rule keeps the IRI.
    ev = _iri(evidence_iri(subject, predicate, obj, article.id, fact.start, fact.end, fact.extractor))
    yield from (
        f"{ev} {_TYPE} {_K['Evidence']} .\n",
        f"{ev} {_SUBJECT} {s} .\n",
        f"{ev} {_PREDICATE} {p} .\n",
        f"{ev} {_OBJECT} {o} .\n",
        f"{ev} {_K['sentence']} {_zh(article.text[fact.start : fact.end])} .\n",
        f"{ev} {_K['charStart']} {_integer(fact.start)} .\n",
        f"{ev} {_K['charEnd']} {_integer(fact.end)} .\n",
        f"{ev} {_K['rule']} {_literal(fact.rule)} .\n",
        f"{ev} {_DERIVED_FROM} {a} .\n",
    )


def _first_mention(entity: Entity, article: str, seen: set[Entity]) -> Iterator[str]:
    """An entity's own lines and its mention in `article`, the first time the article names it."""
    if entity not in seen:
        seen.add(entity)
        yield from entity_lines(entity)
        yield f"{_entity(entity)} {_K['mentionedIn']} {article} .\n"


def _integer(n: int) -> str:
    return f'"{n}"^^<{XSD.integer}>'


def extraction_lines(extraction: Extraction) -> Iterator[str]:
    """All triples one article contributes, as N-Triples lines (some more than once)."""
    article = extraction.article
    yield from article_lines(article)
    a = _iri(article_iri(article))
    seen: set[Entity] = set()  # entities whose own triples are out already
    for mention in extraction.mentions:
        entity = mention.entity
        if entity.type == "MonetaryAmount":
            continue  # amounts enter the graph through the facts that use them
        yield from _first_mention(entity, a, seen)
        surface = mention.surface(article)
        if surface != entity.name and surface != entity.label:
            yield f"{_entity(entity)} {_ALT_LABEL} {_zh(surface)} .\n"
    for fact in extraction.facts:
        yield from fact_lines(fact, article, seen)


def assemble(extractions: Iterable[Extraction], graph: Graph | None = None) -> Graph:
    """The graph of all extractions (added to `graph` when given)."""
    g = graph if graph is not None else new_graph()
    lines = {line for extraction in extractions for line in extraction_lines(extraction)}
    if lines:
        g.parse(data="".join(sorted(lines)), format="nt")
    return g
