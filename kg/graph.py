"""Assemble the RDF graph of extractions, following CONTRACT.md and docs/MODEL.md.

Every article's triples are computed from that article alone (IRIs are derived
from content), so graphs of different articles, processes or machines merge by
plain union.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.iris import article_iri, entity_iri, evidence_iri
from kg.namespace import KG, PREFIXES
from kg.types import Article, Entity, Extraction, Fact

SUPERCLASS = {"Company": KG.Organization, "Meeting": KG.Event}
ROLE_SUPER = {"presided": KG.attended, "spokeAt": KG.attended}

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


def entity_triples(entity: Entity) -> Iterator[Triple]:
    e = entity_iri(entity)
    yield e, RDF.type, KG[entity.type]
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


def fact_triples(fact: Fact, article: Article) -> Iterator[Triple]:
    s = entity_iri(fact.subject)
    p = KG[fact.predicate]
    o = _object_node(fact.object)
    yield from entity_triples(fact.subject)
    if isinstance(fact.object, Entity):
        yield from entity_triples(fact.object)
        yield entity_iri(fact.object), KG.mentionedIn, article_iri(article)
    yield s, KG.mentionedIn, article_iri(article)
    yield s, p, o
    if fact.predicate in ROLE_SUPER:
        yield s, ROLE_SUPER[fact.predicate], o
    ev = evidence_iri(s, p, o, article.id, fact.start, fact.end, fact.rule)
    yield ev, RDF.type, KG.Evidence
    yield ev, RDF.subject, s
    yield ev, RDF.predicate, p
    yield ev, RDF.object, o
    yield ev, KG.sentence, Literal(article.text[fact.start : fact.end], lang="zh")
    yield ev, KG.charStart, Literal(fact.start)
    yield ev, KG.charEnd, Literal(fact.end)
    yield ev, KG.rule, Literal(fact.rule)
    yield ev, PROV.wasDerivedFrom, article_iri(article)


def extraction_triples(extraction: Extraction) -> Iterator[Triple]:
    """All triples one article contributes."""
    article = extraction.article
    yield from article_triples(article)
    a = article_iri(article)
    for mention in extraction.mentions:
        if mention.entity.type == "MonetaryAmount":
            continue  # amounts enter the graph through the facts that use them
        yield from entity_triples(mention.entity)
        yield entity_iri(mention.entity), KG.mentionedIn, a
        surface = mention.surface(article)
        if surface != mention.entity.name:
            yield entity_iri(mention.entity), SKOS.altLabel, Literal(surface, lang="zh")
    for fact in extraction.facts:
        yield from fact_triples(fact, article)


def assemble(extractions: Iterable[Extraction], graph: Graph | None = None) -> Graph:
    """The graph of all extractions (added to `graph` when given)."""
    g = graph if graph is not None else new_graph()
    for extraction in extractions:
        for triple in extraction_triples(extraction):
            g.add(triple)
    return g
