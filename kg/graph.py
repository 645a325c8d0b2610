"""Assemble the RDF graph of extractions, following CONTRACT.md and docs/MODEL.md.

Every article's triples are computed from that article alone (IRIs are derived
from content), so graphs of different articles, processes or machines merge by
plain union.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.iris import article_iri, entity_iri, evidence_iri
from kg.namespace import KG, PREFIXES
from kg.types import ENTITY_TYPES, RELATIONS, Article, Entity, Extraction, Fact

SUPERCLASS = {"Company": KG.Organization, "Meeting": KG.Event}
ROLE_SUPER = {"presided": KG.attended, "spokeAt": KG.attended}

# Terms made once: a DefinedNamespace builds a new URIRef at every attribute access.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_EVIDENCE, _MENTIONED_IN, _SENTENCE, _CHAR_START, _CHAR_END, _RULE = (
    KG.Evidence, KG.mentionedIn, KG.sentence, KG.charStart, KG.charEnd, KG.rule
)
_DERIVED_FROM, _ALT_LABEL = PROV.wasDerivedFrom, SKOS.altLabel
_TERM = {name: KG[name] for name in RELATIONS + ENTITY_TYPES}

Triple = tuple[URIRef, URIRef, object]


def new_graph() -> Graph:
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, Namespace(iri), override=True)
    return g


def article_triples(article: Article) -> Iterator[Triple]:
    a = article_iri(article)
    yield a, RDF.type, KG.Article
    if article.headline:
        yield a, DCTERMS.title, Literal(article.headline, lang="zh")
    if article.date is not None:
        yield a, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)
    yield a, DCTERMS.source, Literal(article.source)
    if article.byline:
        yield a, KG.byline, Literal(article.byline)


@lru_cache(maxsize=65536)
def entity_triples(entity: Entity) -> tuple[Triple, ...]:
    """What the graph says of an entity itself: its classes, label and, for positions and amounts, their parts."""
    return tuple(_entity_triples(entity))


def _entity_triples(entity: Entity) -> Iterator[Triple]:
    e = entity_iri(entity)
    yield e, _TYPE, _TERM[entity.type]
    if entity.type in SUPERCLASS:
        yield e, RDF.type, SUPERCLASS[entity.type]
    yield e, RDFS.label, Literal(entity.name, lang="zh")
    if entity.type == "Position":
        if entity.title:
            yield e, KG.title, Literal(entity.title)
            if entity.title != entity.name:
                yield e, SKOS.altLabel, Literal(entity.title, lang="zh")
        if entity.org is not None:
            yield e, KG.ofOrganization, entity_iri(entity.org)
            yield from entity_triples(entity.org)
    elif entity.type == "MonetaryAmount":
        yield e, KG.value, Literal(format(entity.value.normalize(), "f"), datatype=XSD.decimal)
        yield e, KG.currency, Literal("CNY")
        if entity.qualifier:
            yield e, KG.qualifier, Literal(entity.qualifier)


def _object_node(value) -> object:
    if isinstance(value, Entity):
        return entity_iri(value)
    return Literal(value.isoformat(), datatype=XSD.date)


def fact_triples(fact: Fact, article: Article, seen: set | None = None) -> Iterator[Triple]:
    """A fact, its evidence and its entities (those not in `seen`, which gets them)."""
    seen = set() if seen is None else seen
    s = entity_iri(fact.subject)
    p = _TERM[fact.predicate]
    o = _object_node(fact.object)
    a = article_iri(article)
    for entity in (fact.subject, fact.object):
        if isinstance(entity, Entity) and entity not in seen:
            seen.add(entity)
            yield from entity_triples(entity)
            yield entity_iri(entity), _MENTIONED_IN, a
    yield s, p, o
    if fact.predicate in ROLE_SUPER:
        yield s, ROLE_SUPER[fact.predicate], o
    ev = evidence_iri(s, p, o, article.id, fact.start, fact.end, fact.rule)
    yield from (
        (ev, _TYPE, _EVIDENCE),
        (ev, _SUBJECT, s),
        (ev, _PREDICATE, p),
        (ev, _OBJECT, o),
        (ev, _SENTENCE, Literal(article.text[fact.start : fact.end], lang="zh")),
        (ev, _CHAR_START, _integer(fact.start)),
        (ev, _CHAR_END, _integer(fact.end)),
        (ev, _RULE, _plain(fact.rule)),
        (ev, _DERIVED_FROM, a),
    )


@lru_cache(maxsize=4096)
def _integer(n: int) -> Literal:
    return Literal(n)


@lru_cache(maxsize=1024)
def _plain(text: str) -> Literal:
    return Literal(text)


def extraction_triples(extraction: Extraction) -> Iterator[Triple]:
    """All triples one article contributes."""
    article = extraction.article
    yield from article_triples(article)
    a = article_iri(article)
    seen: set[Entity] = set()  # entities whose own triples are out already
    for mention in extraction.mentions:
        entity = mention.entity
        if entity.type == "MonetaryAmount":
            continue  # amounts enter the graph through the facts that use them
        if entity not in seen:
            seen.add(entity)
            yield from entity_triples(entity)
            yield entity_iri(entity), _MENTIONED_IN, a
        surface = mention.surface(article)
        if surface != entity.name:
            yield entity_iri(entity), _ALT_LABEL, Literal(surface, lang="zh")
    for fact in extraction.facts:
        yield from fact_triples(fact, article, seen)


def assemble(extractions: Iterable[Extraction], graph: Graph | None = None) -> Graph:
    """The graph of all extractions (added to `graph` when given)."""
    g = graph if graph is not None else new_graph()
    for extraction in extractions:
        for triple in extraction_triples(extraction):
            g.add(triple)
    return g
