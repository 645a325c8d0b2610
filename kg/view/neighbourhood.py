"""One entity's neighbourhood, read from a store: what `kg view STORE --focus NAME` draws.

Reading a graph file for the page holds every entity and fact of the graph (about
1.8 GB for 100,000 articles). A focused page needs only the entities within `hops`
steps of the focus, their facts, values, mentions and evidence, and the facts of
the entities at the far end of those (for their degree). `read_neighbourhood`
looks these up in the store's indexes, and counts the graph's entities and facts
with two SPARQL queries, so that `kg.view.page.write_view` draws exactly the page it
draws from the whole file, holding only the neighbourhood.

>>> part = read_neighbourhood(Path("build/store"), "王慧杰", hops=2)   # doctest: +SKIP
>>> write_view(part, Path("wang.html"), focus="王慧杰", hops=2)       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.rdf.namespace import KG
from kg.view.page import (
    CLASSES,
    DEFAULT_MAX_NODES,
    EVIDENCE,
    RELATIONS,
    ROLES_OF_ATTENDED,
    VALUES,
    ViewTriples,
    choose_entities,
    count_degrees,
    facts_for_page,
    find_focus,
    rdflib_terms,
    read_entities,
    read_facts,
    view_triples,
)

_CLASS_IRIS = frozenset(str(KG[name]) for name, *_ in CLASSES)
_RELATION_IRIS = tuple(ox.NamedNode(str(KG[name])) for name, _ in RELATIONS)
_RELATION_SET = frozenset(_RELATION_IRIS)
_VALUE_IRIS = frozenset(ox.NamedNode(str(KG[name])) for name, _ in VALUES)
_NAMES = frozenset(ox.NamedNode(str(p)) for p in (RDF.type, RDFS.label, SKOS.altLabel))
_TYPE = ox.NamedNode(str(RDF.type))
_MENTIONED_IN = ox.NamedNode(str(KG.mentionedIn))
_ARTICLE = tuple(ox.NamedNode(str(p)) for p in (DCTERMS.date, DCTERMS.title))
_EVIDENCE_SUBJECT = ox.NamedNode(str(RDF.subject))
_EVIDENCE_READ = frozenset(str(p) for p in (RDF.type, *EVIDENCE))

_CLASS_LIST = ", ".join(f"<{iri}>" for iri in sorted(_CLASS_IRIS))
_RELATION_LIST = " ".join(f"<{KG[name]}>" for name, _ in RELATIONS)
_ROLES = "|".join(f"<{KG[name]}>" for name in ROLES_OF_ATTENDED)
# The totals a page shows ("共 N 个实体、M 条事实"), as kg.view.page counts them on a whole graph:
# entities are IRIs of a drawn class; facts link two different entities, and an attendance
# is not counted where a role (presided, spoke at) stands for it.
ENTITIES_QUERY = f"""
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c . FILTER(isIRI(?e) && ?c IN ({_CLASS_LIST})) }}"""
FACTS_QUERY = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  VALUES ?p {{ {_RELATION_LIST} }}
  ?s ?p ?o .
  FILTER(isIRI(?s) && isIRI(?o) && ?s != ?o)
  FILTER EXISTS {{ ?s a ?cs . FILTER(?cs IN ({_CLASS_LIST})) }}
  FILTER EXISTS {{ ?o a ?co . FILTER(?co IN ({_CLASS_LIST})) }}
  FILTER(?p != <{KG.attended}> || NOT EXISTS {{ ?s {_ROLES} ?o }})
}}"""  # (a store holds each triple once: no DISTINCT, whose set would hold every fact)
SEEDS_QUERY = "SELECT DISTINCT ?e WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } FILTER(STR(?l) = ?name) }"


def read_neighbourhood(store_dir: Path, focus: str, *, hops: int = 1, max_nodes: int | None = None) -> ViewTriples:
    """The triples the page of `focus`'s neighbourhood reads, from the store at `store_dir`,
    with the whole graph's entity and fact counts. Raises ValueError, as `write_view` does,
    when no entity has that name."""
    store = ox.Store.read_only(str(store_dir))
    return _Reader(store).read(focus, hops, DEFAULT_MAX_NODES if max_nodes is None else max_nodes)


def read_store(store_dir: Path) -> ViewTriples:
    """Every triple the page reads, from the store at `store_dir` (the whole graph's page)."""
    store = ox.Store.read_only(str(store_dir))
    return view_triples(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


class _Reader:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.triples = ViewTriples()
        self.term = rdflib_terms()
        self.described: set[ox.NamedNode] = set()
        self.facts: dict[ox.NamedNode, list[ox.Quad]] = {}
        self.outgoing: dict[ox.NamedNode, list[ox.Quad]] = {}
        self.typed: set[ox.NamedNode] = set()  # entities whose classes alone are read
        self.types: dict[ox.NamedNode, list[ox.Quad]] = {}

    def read(self, focus: str, hops: int, limit: int) -> ViewTriples:
        seeds = self._seeds(focus)
        distance = {seed: 0 for seed in seeds}
        frontier = list(seeds)
        for node in seeds:
            self._describe(node)
        for step in range(1, hops + 1):
            reached = []
            for node in frontier:
                for other in self._neighbours(node):
                    if other not in distance:
                        distance[other] = step
                        self._describe(other)
                        reached.append(other)
            frontier = reached
        for node in distance:  # every fact of the neighbourhood, for its entities' degrees
            self._neighbours(node)
        facts, chosen = self._chosen(focus, hops, limit)
        page_facts, _ = facts_for_page(facts, chosen)
        node = lambda iri: ox.NamedNode(str(iri))  # noqa: E731
        far = {node(end) for f in page_facts for end in (f.s, f.o)} - set(distance)
        for other in far:  # listed with their names and degree: their facts, and whether the other ends are entities
            self._describe(other)
            self._neighbours(other)
        drawn = [node(iri) for iri in chosen]
        values = [q for e in drawn for q in self._out(e) if q.predicate in _VALUE_IRIS]
        self._add(values)
        self._add(q for e in drawn for q in self._out(e) if q.predicate == _MENTIONED_IN)
        wanted = {(node(s), node(p), node(o)) for f in page_facts for s, p, o in f.keys}  # (a role's edge shows its attendance's too)
        self._evidence(wanted | {(q.subject, q.predicate, q.object) for q in values})
        self._articles()
        self.triples.totals = (self._count(ENTITIES_QUERY), self._count(FACTS_QUERY))
        return self.triples

    # ---- lookups in the store's indexes ----

    def _quads(self, s, p, o) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(s, p, o, ox.DefaultGraph())

    def _add(self, quads: Iterable[ox.Quad]) -> None:
        term = self.term
        for q in quads:
            self.triples.add((term(q.subject), term(q.predicate), term(q.object)))

    def _out(self, node) -> list[ox.Quad]:
        """The triples whose subject is `node`, looked up once: an entity has a few (its
        classes, names, facts, values and mentions)."""
        quads = self.outgoing.get(node)
        if quads is None:
            quads = self.outgoing[node] = list(self._quads(node, None, None)) if isinstance(node, ox.NamedNode) else []
        return quads

    def _describe(self, node) -> None:
        """Its classes, labels and alternative names."""
        if node not in self.described:
            self.described.add(node)
            self._add(q for q in self._out(node) if q.predicate in _NAMES)

    def _types(self, node) -> list[ox.Quad]:
        """Its rdf:type triples, looked up once (the other ends of a hub's facts are thousands:
        their classes are kept, not all their triples)."""
        quads = self.types.get(node)
        if quads is None:
            quads = self.types[node] = list(self._quads(node, _TYPE, None)) if isinstance(node, ox.NamedNode) else []
        return quads

    def _is_entity(self, node) -> bool:
        return any(q.object.value in _CLASS_IRIS for q in self._types(node))

    def _neighbours(self, node) -> list:
        """The entities `node` has a fact with. Its facts are added, and the other ends' classes
        (enough to count a degree; their names are read when the page lists them)."""
        facts = self.facts.get(node)
        if facts is None:
            facts = [q for q in self._out(node) if q.predicate in _RELATION_SET and q.object != node and self._is_entity(q.object)]
            facts += (q for q in self._quads(None, None, node)  # (one lookup: the evidence pointing here comes too)
                      if q.predicate in _RELATION_SET and q.subject != node and self._is_entity(q.subject))
            self.facts[node] = facts
            self._add(facts)
        others = [q.object if q.subject == node else q.subject for q in facts]
        for other in others:
            if other not in self.described and other not in self.typed:
                self.typed.add(other)
                self._add(self._types(other))
        return others


    def _seeds(self, focus: str) -> list:
        """The entities named `focus`, as `kg.view.page` finds them (by their best label, an
        alternative name or the IRI); with none, `kg.view.page`'s error, near names included."""
        name = focus.strip()
        query = SEEDS_QUERY.replace("?name", str(ox.Literal(name)))  # Oxigraph's N-Triples form: a SPARQL literal
        candidates = [row["e"] for row in self.store.query(query, prefixes={"rdfs": str(RDFS), "skos": str(SKOS)})]
        if name.startswith("http"):
            candidates.append(ox.NamedNode(name))
        for node in candidates:
            if isinstance(node, ox.NamedNode):
                self._describe(node)
        entities = read_entities(self.triples)
        try:
            found = find_focus(focus, entities)
        except ValueError:
            # No label says so: an entity without labels goes by its IRI's last part; and the
            # error lists near names. Both need every name, read only in this case.
            every = view_triples(q for p in _NAMES for q in self._quads(None, p, None))
            found = find_focus(focus, read_entities(every))  # raises with the hint
        return [ox.NamedNode(str(iri)) for iri in found]

    def _chosen(self, focus: str, hops: int, limit: int) -> tuple[list, set]:
        """The facts read so far and the entities the page draws, chosen as kg.view.page chooses them
        (the degrees are whole: every fact of every entity of the neighbourhood is read)."""
        entities = read_entities(self.triples)
        facts = read_facts(self.triples, entities)
        count_degrees(entities, facts)
        chosen, _ = choose_entities(entities, facts, focus, hops, limit, len(entities))
        return facts, chosen

    def _evidence(self, statements: set[tuple]) -> None:
        """The evidence nodes of `statements` (the page's facts and values)."""
        predicate, obj = ox.NamedNode(str(RDF.predicate)), ox.NamedNode(str(RDF.object))
        for s in {s for s, _, _ in statements}:
            for q in self._quads(None, _EVIDENCE_SUBJECT, s):
                about = list(self._quads(q.subject, None, None))
                ps = [t.object for t in about if t.predicate == predicate]
                os_ = [t.object for t in about if t.predicate == obj]
                if any((s, p, o) in statements for p in ps for o in os_):
                    self._add(t for t in about if t.predicate.value in _EVIDENCE_READ)

    def _articles(self) -> None:
        """The dates and titles of the articles the evidence and the mentions name."""
        articles = {o for p in (PROV.wasDerivedFrom, KG.mentionedIn) for _, o in self.triples.subject_objects(p)}
        for article in articles:
            if isinstance(article, URIRef):
                for p in _ARTICLE:
                    self._add(self._quads(ox.NamedNode(str(article)), p, None))

    def _count(self, query: str) -> int:
        return int(next(iter(self.store.query(query)))["n"].value)
