"""What a graph says of one entity, and where each fact was read.

    >>> print(explain("build/graph.ttl", "王慧杰"))  # doctest: +SKIP
    王慧杰  [Person]  https://w3id.org/kg-news/id/Person/王慧杰
      labels: 王慧杰; also 王书记
      …
      王慧杰 —presided→ 区委常委会会议 [Meeting, Event]
          「……王慧杰主持召开区委常委会会议……」
          rule meetings.v1 · 《…》 2024-12-10 · seeds/002_….txt

The entity is found by any of its labels: an exact label first, then the same
name once normalised as `kg eval` compares names, then a substring of a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.inspect.index import EvalError, Evidence, GraphIndex, normalize_name
from kg.rdf.namespace import KG
from kg.types import RELATIONS

# Shown apart (types, labels, articles) or only the plumbing of provenance.
_HIDDEN_OUT = {RDF.type, RDFS.label, SKOS.altLabel, KG.mentionedIn}
_HIDDEN_IN = {RDF.subject, RDF.object}
_ORDER = {str(KG[r]): i for i, r in enumerate(RELATIONS)}
MAX_CANDIDATES = 30


class EntityNotFound(LookupError):
    """No label of the graph is, or contains, the name."""


class AmbiguousName(LookupError):
    """Several entities have labels containing the name; `candidates` lists them."""

    def __init__(self, name: str, candidates: list[tuple[str, tuple[str, ...], str]]) -> None:
        self.name = name
        self.candidates = candidates  # (label, types, IRI)
        super().__init__(f"{len(candidates)} entities have labels containing {name!r}")

    def format(self) -> str:
        lines = [f"{len(self.candidates)} entities have labels containing 「{self.name}」; give one of:"]
        for label, types, iri in self.candidates[:MAX_CANDIDATES]:
            lines.append(f"  {label}  [{', '.join(types) or '?'}]  {iri}")
        if len(self.candidates) > MAX_CANDIDATES:
            lines.append(f"  … and {len(self.candidates) - MAX_CANDIDATES} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class FactView:
    """One triple around the entity: `subject —predicate→ object`, with its evidence."""

    subject: str
    predicate: str
    object: str
    other_types: tuple[str, ...] = ()
    outgoing: bool = True
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # why there is no evidence, for a relation


@dataclass(frozen=True)
class ArticleView:
    headline: str
    date: str
    source: str


@dataclass
class EntityView:
    iri: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    articles: list[ArticleView] = field(default_factory=list)
    facts: list[FactView] = field(default_factory=list)


def find_entities(graph: Graph | GraphIndex, name: str) -> list[Node]:
    """Nodes labelled `name`: exact label, else normalised label, else unique substring.

    Raises `EntityNotFound`, or `AmbiguousName` when only substrings match and
    more than one entity has them.
    """
    index = graph if isinstance(graph, GraphIndex) else GraphIndex(graph)
    labelled = {node: labels for node, labels in index.labels.items() if not _is_vocabulary(node)}
    exact = [node for node, labels in labelled.items() if name.strip() in labels]
    if exact:
        return sorted(exact, key=str)
    key = normalize_name(name)
    if not key:
        raise EntityNotFound("give a name to look for")
    same = [node for node, labels in labelled.items() if any(normalize_name(lb) == key for lb in labels)]
    if same:
        return sorted(same, key=str)
    partial = [node for node, labels in labelled.items() if any(key in normalize_name(lb) for lb in labels)]
    if len(partial) == 1:
        return partial
    if partial:
        candidates = sorted(
            ((index.label(n), tuple(_types(index, n)), str(n)) for n in partial),
            key=lambda c: (len(c[0]), c[0], c[2]),
        )
        raise AmbiguousName(name, candidates)
    raise EntityNotFound(f"no entity has a label that is or contains 「{name}」")


def _is_vocabulary(node: Node) -> bool:
    return str(node).startswith(str(KG._NS))


def describe(index: GraphIndex, node: Node) -> EntityView:
    """Everything the graph states of `node`, as plain data."""
    graph = index.graph
    labels = index.labels.get(node, [])
    view = EntityView(
        iri=str(node),
        label=index.label(node),
        alt_labels=labels[1:],
        types=_types(index, node),
    )
    for article in sorted(graph.objects(node, KG.mentionedIn), key=str):
        view.articles.append(
            ArticleView(
                headline=_one(graph.value(article, DCTERMS.title)),
                date=_one(graph.value(article, DCTERMS.date)),
                source=_one(graph.value(article, DCTERMS.source)),
            )
        )
    for p, o in graph.predicate_objects(node):
        if p not in _HIDDEN_OUT:
            view.facts.append(_fact(index, node, p, o, outgoing=True))
    for s, p in graph.subject_predicates(node):
        if p not in _HIDDEN_IN:
            view.facts.append(_fact(index, s, p, node, outgoing=False))
    view.facts.sort(key=lambda f: (not f.outgoing, _ORDER.get(_full(f.predicate), 99), f.predicate, f.subject, f.object))
    return view


def _fact(index: GraphIndex, s: Node, p: Node, o: Node, outgoing: bool) -> FactView:
    graph = index.graph
    evidence = tuple(index.evidence(s, p, o))
    note = ""
    if not evidence and str(p) in _ORDER:
        # the plain attendance triple stated beside presided/spokeAt carries no evidence of its own
        specific = [q for q in (KG.presided, KG.spokeAt) if p == KG.attended and (s, q, o) in graph]
        note = f"stated with {_predicate(graph, specific[0])}" if specific else "no evidence in graph"
    other = o if outgoing else s
    return FactView(
        subject=_show(index, s),
        predicate=_predicate(graph, p),
        object=_show(index, o),
        other_types=tuple(_types(index, other)),
        outgoing=outgoing,
        evidence=evidence,
        note=note,
    )


def _types(index: GraphIndex, node: Node) -> list[str]:
    # the most specific first: Company before Organization, Meeting before Event
    order = ("Person", "Company", "Organization", "Place", "Project", "Meeting", "Event", "Position", "MonetaryAmount")
    return sorted(index.types.get(node, ()), key=lambda t: (order.index(t) if t in order else len(order), t))


def _full(predicate: str) -> str:
    return str(KG._NS) + predicate.removeprefix("kg:") if predicate.startswith("kg:") else predicate


def _predicate(graph: Graph, p: Node) -> str:
    if str(p).startswith(str(KG._NS)):
        return "kg:" + str(p)[len(str(KG._NS)) :]
    try:
        return graph.namespace_manager.normalizeUri(p)
    except Exception:  # an IRI no prefix covers
        return str(p)


def _show(index: GraphIndex, node: Node) -> str:
    if isinstance(node, Literal):
        return _one(node)
    label = index.label(node)
    values = list(index.graph.objects(node, KG.value))
    if values:
        return f"{label} ({'/'.join(str(v) for v in values)} 元)"
    return label


def _one(node: Node | None) -> str:
    return " ".join(str(node).split()) if node is not None else ""


def format_entity(view: EntityView) -> str:
    lines = [f"{view.label}  [{', '.join(view.types) or 'no kg: type'}]  {view.iri}"]
    lines.append("  labels: " + view.label + (f"; also {'、'.join(view.alt_labels)}" if view.alt_labels else ""))
    if view.articles:
        lines.append(f"  mentioned in {len(view.articles)} article{'s' if len(view.articles) > 1 else ''}:")
        for a in view.articles[:5]:
            lines.append("    " + _article_text(a.headline, a.date, a.source))
        if len(view.articles) > 5:
            lines.append(f"    … and {len(view.articles) - 5} more")
    lines.append(f"  facts ({len(view.facts)}):" if view.facts else "  facts: none")
    for fact in view.facts:
        other = f" [{', '.join(fact.other_types)}]" if fact.other_types else ""
        note = f"  ({fact.note})" if fact.note else ""
        lines.append(f"    {fact.subject} —{fact.predicate}→ {fact.object}{other}{note}")
        for ev in fact.evidence:
            if ev.sentence:
                lines.append(f"        「{ev.sentence}」")
            where = _article_text(ev.headline, ev.date, ev.source)
            lines.append("        " + " · ".join(p for p in (f"rule {ev.rule}" if ev.rule else "", where) if p))
    return "\n".join(lines)


def _article_text(headline: str, date: str, source: str) -> str:
    return " · ".join(p for p in (f"《{headline}》" if headline else "", date, source) if p) or "(article without title)"


def explain(graph: str | Path | Graph, name: str) -> str:
    """What `graph` says of the entity named `name`: types, labels, facts and their evidence.

    `graph` is an rdflib Graph, an RDF file or a store folder. A file or store is read by
    Oxigraph, and only what the answer needs (the entities whose labels hold the name, then
    the facts, evidence and articles around the one found) goes to rdflib: on a store of a
    million triples that takes a fraction of a second, where parsing the file took minutes.

    Raises `EntityNotFound` or `AmbiguousName` (whose `.format()` lists the candidates).
    """
    if isinstance(graph, Graph):
        index = GraphIndex(graph)
        found = find_entities(index, name)
    else:
        target = _open(graph)
        candidates = GraphIndex(_candidates(target, name))
        found = find_entities(candidates, name)
        index = GraphIndex(_around(target, found))
    views = [format_entity(describe(index, node)) for node in found]
    if len(found) > 1:
        views.insert(0, format_namesakes(index, found))
    return "\n\n".join(views)


def _open(graph: str | Path):
    from kg.store import open_graph

    try:
        return open_graph(graph)
    except (FileNotFoundError, ValueError) as exc:
        raise EvalError(str(exc)) from None
    except OSError as exc:
        raise EvalError(f"{graph}: cannot open the store: {exc}") from None


def _construct(target, sparql: str, into: Graph | None = None) -> Graph:
    """The triples of a CONSTRUCT on Oxigraph, in an rdflib Graph (through N-Triples)."""
    import pyoxigraph as ox

    into = into if into is not None else Graph()
    data = target.query(sparql).serialize(format=ox.RdfFormat.N_TRIPLES)
    if data:
        into.parse(data=data.decode("utf-8"), format="nt")
    return into


def _quoted(text: str) -> str:
    from kg.query import literal_term

    return literal_term(text)[:-3]  # a plain string: STR() of labels is compared


def _candidates(target, name: str) -> Graph:
    """Labels and types of the entities `find_entities` may choose: those labelled exactly
    `name` (an index lookup) or, failing that, whose labels contain it plain or normalised."""
    key = normalize_name(name)
    if not key:
        raise EntityNotFound("give a name to look for")
    found = "?x ?lp ?l2 . VALUES ?lp { rdfs:label skos:altLabel } OPTIONAL { ?x a ?t }"
    exact = _construct(target, f"""CONSTRUCT {{ ?x ?lp ?l2 . ?x a ?t }} WHERE {{
      VALUES ?l {{ {_quoted(name.strip())}@zh {_quoted(name.strip())} }} ?x ?lp0 ?l . VALUES ?lp0 {{ rdfs:label skos:altLabel }}
      {found} }}""")
    if len(exact):
        return exact
    contains = _construct(target, f"""CONSTRUCT {{ ?x ?lp ?l2 . ?x a ?t }} WHERE {{
      ?x ?lp0 ?l . VALUES ?lp0 {{ rdfs:label skos:altLabel }}
      FILTER(CONTAINS(STR(?l), {_quoted(name.strip())}) || CONTAINS(STR(?l), {_quoted(key)}))
      {found} }}""")
    if len(contains):
        return contains
    stripped = r"[\\s\"'“”‘’「」『』《》]"  # what normalize_name drops from a label, as SPARQL can
    return _construct(target, f"""CONSTRUCT {{ ?x ?lp ?l2 . ?x a ?t }} WHERE {{
      ?x ?lp0 ?l . VALUES ?lp0 {{ rdfs:label skos:altLabel }}
      FILTER(CONTAINS(REPLACE(STR(?l), "{stripped}", ""), {_quoted(key)}))
      {found} }}""")


def _around(target, nodes: list[Node]) -> Graph:
    """What `describe` reads of `nodes`: their triples both ways, the labels and types of the
    things at the other end, the evidence of each fact and its articles."""
    values = " ".join(f"<{n}>" for n in nodes)
    g = Graph()
    _construct(target, f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?o }}", g)
    _construct(target, f"""CONSTRUCT {{ ?s ?p ?x }} WHERE {{ VALUES ?x {{ {values} }} ?s ?p ?x
      FILTER(?p NOT IN (rdf:subject, rdf:object)) }}""", g)
    _construct(target, f"""CONSTRUCT {{ ?n ?p ?v }} WHERE {{ VALUES ?x {{ {values} }}
      {{ ?x ?r ?n }} UNION {{ ?n ?r ?x FILTER(?r NOT IN (rdf:subject, rdf:object)) }}
      FILTER(isIRI(?n)) ?n ?p ?v . VALUES ?p {{ rdfs:label skos:altLabel rdf:type kg:value }} }}""", g)
    evidence = f"VALUES ?x {{ {values} }} {{ ?e rdf:subject ?x }} UNION {{ ?e rdf:object ?x }}"
    _construct(target, f"CONSTRUCT {{ ?e ?p ?v }} WHERE {{ {evidence} ?e ?p ?v }}", g)
    _construct(target, f"""CONSTRUCT {{ ?a dcterms:title ?title ; dcterms:date ?date ; dcterms:source ?source }} WHERE {{
      {evidence} ?e prov:wasDerivedFrom ?a .
      OPTIONAL {{ ?a dcterms:title ?title }} OPTIONAL {{ ?a dcterms:date ?date }} OPTIONAL {{ ?a dcterms:source ?source }} }}""", g)
    _construct(target, f"""CONSTRUCT {{ ?a dcterms:title ?title ; dcterms:date ?date ; dcterms:source ?source }} WHERE {{
      VALUES ?x {{ {values} }} ?x kg:mentionedIn ?a .
      OPTIONAL {{ ?a dcterms:title ?title }} OPTIONAL {{ ?a dcterms:date ?date }} OPTIONAL {{ ?a dcterms:source ?source }} }}""", g)
    for prefix, ns in (("kg", str(KG._NS)),):
        g.bind(prefix, ns)
    return g


def namesakes(index: GraphIndex, nodes: list[Node]) -> list[tuple[str, str]]:
    """What tells apart entities of one name: (IRI, their seat, posts and the dates they were reported)."""
    graph = index.graph
    out = []
    for node in nodes:
        parts = []
        seats = sorted({index.label(s) for s in graph.objects(node, KG.seat)})
        if seats:
            parts.append("seat " + "、".join(seats))
        posts = sorted({index.label(p) for p in graph.objects(node, KG.holdsPosition)})
        if posts:
            parts.append("posts " + "、".join(posts))
        dates = sorted({str(d) for d in graph.objects(node, KG.date)}
                       | {str(d) for a in graph.objects(node, KG.mentionedIn) for d in graph.objects(a, DCTERMS.date)})
        if dates:
            parts.append("dates " + (dates[0] if len(dates) == 1 else f"{dates[0]}…{dates[-1]}"))
        sources = sorted({_one(graph.value(a, DCTERMS.source)) for a in graph.objects(node, KG.mentionedIn)})
        if sources:
            parts.append("in " + "、".join(sources[:3]) + (f" (+{len(sources) - 3})" if len(sources) > 3 else ""))
        out.append((str(node), "; ".join(parts) or "nothing but the article it is read from"))
    return out


def format_namesakes(index: GraphIndex, nodes: list[Node]) -> str:
    """`3 entities are named 王伟, told apart by:` and a line for each."""
    lines = [f"{len(nodes)} entities are named 「{index.label(nodes[0])}」, told apart by:"]
    lines += [f"  {iri}\n      {what}" for iri, what in namesakes(index, nodes)]
    return "\n".join(lines)
