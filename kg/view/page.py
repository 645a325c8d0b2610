"""The interactive view: one self-contained HTML page to browse a graph.

The page draws the entities and the facts between them with vis-network (inlined,
so it works offline), lets the reader search, filter by class, relation and date,
and shows each entity's facts with the sentence and article they were read from.

    >>> stats = write_view(graph, Path("build/view.html"), title="衢江新闻")
    >>> stats.nodes, stats.edges, stats.cut

Big graphs are cut to the best connected entities (``DEFAULT_MAX_NODES``) and the
page says so; ``focus``/``hops`` draws the neighbourhood of one entity instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.rdf import ontology
from kg.rdf.namespace import KG

# Past this many entities, browsers lay the graph out slowly and the reader sees a
# hairball; the page is cut to the best connected ones (see benchmarks/view_bench.py).
DEFAULT_MAX_NODES = 2000

# How each class is drawn: (colour, vis shape).
LOOKS = {
    "Person": ("#e8590c", "dot"),
    "Organization": ("#1c7ed6", "square"),
    "Company": ("#0b7285", "hexagon"),
    "Place": ("#2f9e44", "triangle"),
    "Project": ("#f59f00", "star"),
    "Event": ("#7048e8", "diamond"),
    "Meeting": ("#ae3ec9", "diamond"),
    "Position": ("#868e96", "triangleDown"),
    "MonetaryAmount": ("#c92a2a", "square"),
}
# Classes drawn, in legend order: (local name, label in kg.ttl, colour, vis shape).
CLASSES = tuple((name, label, *LOOKS[name]) for name, label in ontology.ENTITY_CLASSES)
# When an entity has several classes, the most specific one names it.
_CLASS_PRIORITY = ontology.most_specific_first()
_EVENT_CLASSES = ontology.subclasses("Event")

# Relations drawn as edges, in check-box order, with their labels in kg.ttl.
RELATIONS = ontology.RELATIONS
# kg:presided and kg:spokeAt imply kg:attended; the graph states both, the page draws the role only.
ROLES_OF_ATTENDED = ontology.subproperties("attended")

# Values shown in the side panel: (property, label in kg.ttl).
VALUES = ontology.VALUES

_MAX_EVIDENCE_PER_FACT = 8
_MAX_ARTICLES_PER_ENTITY = 20
# Facts a drawn entity's panel lists with entities that are not drawn: a post or a county
# holds thousands over years of papers, and listing them all made the page of one person
# tens of megabytes. Kept by relation, then by the other entity's IRI (which needs nothing
# but the fact itself, so a page read from a store skips the others); the panel counts the rest.
_MAX_OUTSIDE_FACTS = 100
_TOKEN = re.compile(r"@@KG_(TITLE|VIS_JS|DATA)@@")


@dataclass(frozen=True)
class ViewStats:
    """What a page shows: `nodes` of `total_nodes` entities, `edges` of `total_edges` facts."""

    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    cut: bool
    note: str = ""  # the notice the page shows when it is cut, in Chinese


@dataclass
class PageEntity:
    iri: URIRef
    cls: int
    label: str = ""
    alt: tuple[str, ...] = ()
    degree: int = 0


@dataclass
class PageFact:
    s: URIRef
    rel: int
    o: URIRef
    keys: list[tuple]  # the (s, p, o) whose evidence the edge shows: its own, and an attendance a role stands for
    evidence: list[tuple[str, URIRef | None]] = field(default_factory=list)


def write_view(
    graph: Graph | ViewTriples,
    out: Path,
    *,
    title: str = "",
    focus: str | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    built: dt.datetime | None = None,
) -> ViewStats:
    """Write the interactive page for `graph` to `out` (one self-contained HTML file).

    `focus` names an entity (by label or alternative name) whose neighbourhood of
    `hops` steps is drawn; `max_nodes` keeps the best connected entities. Without
    either, graphs of more than `DEFAULT_MAX_NODES` entities are cut the same way.
    `built` is the time shown in the title bar (now, by default).
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    out = Path(out)
    data, stats = page_data(graph, title=title, focus=focus, hops=hops, max_nodes=max_nodes, built=built)
    _write_atomically(out, render_page(data, title=title))
    return stats


def render_page(data: dict, *, title: str = "") -> str:
    """The HTML page for the data `page_data` made: template + vis-network + JSON."""
    template = _asset("view_template.html")
    vis_js = _asset("vis-network.min.js")
    if re.search(r"</script|<!--", vis_js, re.IGNORECASE):
        raise ValueError("kg/data/vis-network.min.js cannot be inlined: it contains '</script' or '<!--'")
    parts = {
        "TITLE": html.escape(title or "知识图谱"),
        "VIS_JS": vis_js,
        "DATA": _json_for_script(data),
    }
    return _TOKEN.sub(lambda m: parts[m.group(1)], template)


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element nor be read as HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def _write_atomically(out: Path, text: str) -> None:
    from kg.rdf.export import atomic_path

    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")


# ---- reading the graph -------------------------------------------------------

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def read_graph(path: Path) -> Graph:
    """An RDF file as an rdflib Graph, parsed by pyoxigraph: about 3× faster than rdflib's
    own parsers on big Turtle files. Formats pyoxigraph does not know go to rdflib."""
    import pyoxigraph as ox
    from rdflib.util import guess_format

    path = Path(path)
    fmt = oxigraph_format(path)
    if fmt is None:
        return Graph().parse(path, format=guess_format(str(path)) or "turtle")
    term = rdflib_terms()
    graph = Graph()
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in ox.parse(path=str(path), format=fmt))
    return graph


# The evidence of facts and values, read once the page knows which it shows.
EVIDENCE = (RDF.subject, RDF.predicate, RDF.object, KG.sentence, PROV.wasDerivedFrom)

# What the page reads of a graph: the classes, names, facts, values, evidence and articles.
_READ = (
    RDF.type, RDFS.label, SKOS.altLabel, *EVIDENCE, KG.mentionedIn, DCTERMS.date, DCTERMS.title,
    *(KG[name] for name, _ in RELATIONS), *(KG[name] for name, _ in VALUES),
)  # fmt: skip


class ViewTriples:
    """The triples the page reads, by predicate, without an rdflib Graph's indexes: the
    build's view of 10,000 articles took 1.5 GB in rdflib. Answers the two questions the
    page asks of a graph, `subjects(p, o)` and `subject_objects(p)`, as rdflib does.

    Read from a file whose triples come grouped by subject (the build's sorted union),
    the evidence is not held: `evidence()` reads it from the file, in one pass, for the
    facts and values the page shows, once the page has chosen them."""

    def __init__(self, grouped: Path | None = None) -> None:
        self._pairs: dict[URIRef, dict[tuple, None]] = {p: {} for p in _READ}
        self.grouped = grouped  # the file the evidence is read from, when it is not held
        self.totals: tuple[int, int] | None = None  # (entities, facts) of the whole graph, when these triples are a part of it

    def add(self, triple: tuple) -> None:
        pairs = self._pairs.get(triple[1])
        if pairs is not None:
            pairs[(triple[0], triple[2])] = None

    def subjects(self, predicate: URIRef, obj) -> Iterator:
        return (s for s, o in self._pairs.get(predicate, ()) if o == obj)

    def subject_objects(self, predicate: URIRef) -> Iterator[tuple]:
        return iter(self._pairs.get(predicate, ()))

    def __len__(self) -> int:
        return sum(map(len, self._pairs.values()))

    def evidence(self, wanted: set[tuple]) -> dict[tuple, list[tuple[str, URIRef | None]]]:
        """(subject, predicate, object) → [(sentence, article)] for the kg:Evidence nodes of
        the `wanted` statements, in one pass over the grouped file."""
        import pyoxigraph as ox

        roles = {str(RDF.type): "type", str(RDF.subject): "s", str(RDF.predicate): "p", str(RDF.object): "o",
                 str(KG.sentence): "sentence", str(PROV.wasDerivedFrom): "article"}
        is_evidence = str(KG.Evidence)
        term = rdflib_terms()  # the evidence's subjects, objects and articles: entities and articles, made once
        found: dict[tuple, list] = defaultdict(list)
        node: dict[str, object] = {}
        current = None

        def done() -> None:
            if node.get("type") and "s" in node and "p" in node and "o" in node:
                key = (term(node["s"]), term(node["p"]), term(node["o"]))
                if key in wanted:
                    sentence = node.get("sentence")
                    article = node.get("article")
                    found[key].append((sentence.value if sentence is not None else "", term(article) if article is not None else None))

        for t in ox.parse(path=str(self.grouped), format=oxigraph_format(self.grouped)):
            role = roles.get(t.predicate.value)
            if role is None:
                continue
            if t.subject != current:
                done()
                current, node = t.subject, {}
            if role == "type":
                node["type"] = node.get("type") or t.object.value == is_evidence
            else:
                node[role] = t.object
        done()
        return found


def read_for_view(path: Path, *, grouped: bool = False) -> Graph | ViewTriples:
    """What the page needs of an RDF file: the triples it reads, parsed by pyoxigraph
    (formats pyoxigraph does not know are read whole by rdflib). With `grouped`, the file's
    triples come grouped by subject and the evidence is left in the file until the page
    knows which facts it shows."""
    path = Path(path)
    fmt = oxigraph_format(path)
    if fmt is None:
        return read_graph(path)
    import pyoxigraph as ox

    return view_triples(ox.parse(path=str(path), format=fmt), grouped=path if grouped else None)


def view_triples(source: Iterable, *, grouped: Path | None = None) -> ViewTriples:
    """The triples the page reads among Oxigraph triples or quads (a parsed file, a store's);
    with `grouped`, the file they come from, grouped by subject, where the evidence stays."""
    wanted = {str(p) for p in _READ}
    if grouped:
        wanted -= {str(p) for p in EVIDENCE}
    triples = ViewTriples(grouped)
    term = rdflib_terms()
    is_evidence = str(KG.Evidence)
    for t in source:
        if t.predicate.value in wanted and not (grouped and t.object.value == is_evidence):
            triples.add((term(t.subject), term(t.predicate), term(t.object)))
    return triples


def oxigraph_format(path: Path):
    """Oxigraph's format for a file, from its extension; None when Oxigraph does not read it."""
    import pyoxigraph as ox

    return ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".")) if Path(path).suffix else None


def rdflib_terms():
    """A function turning Oxigraph terms into rdflib ones, each IRI made once."""
    import pyoxigraph as ox
    from rdflib import BNode

    iris: dict[str, URIRef] = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            iri = iris.get(t.value)
            if iri is None:
                iri = iris[t.value] = URIRef(t.value)
            return iri
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            datatype = t.datatype.value
            return Literal(t.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
        return BNode(t.value)

    return term


def _best_label(labels: Iterable[Literal]) -> str:
    """The Chinese label if there is one, else an untagged one, else any."""
    def rank(label: Literal) -> tuple[int, str]:
        language = getattr(label, "language", None)
        return (0 if language == "zh" else 1 if not language else 2, str(label))

    ranked = sorted(labels, key=rank)
    return str(ranked[0]) if ranked else ""


def _local_name(iri: URIRef) -> str:
    return unquote(str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def read_entities(graph: Graph) -> dict[URIRef, PageEntity]:
    types: dict[URIRef, set[str]] = defaultdict(set)
    for name, *_ in CLASSES:
        for s in graph.subjects(RDF.type, KG[name]):
            if isinstance(s, URIRef):
                types[s].add(name)
    index = {name: i for i, (name, *_) in enumerate(CLASSES)}
    entities = {
        iri: PageEntity(iri, index[next(c for c in _CLASS_PRIORITY if c in names)]) for iri, names in types.items()
    }
    labels: dict[URIRef, list[Literal]] = defaultdict(list)
    for s, o in graph.subject_objects(RDFS.label):
        if s in entities and isinstance(o, Literal):
            labels[s].append(o)
    alts: dict[URIRef, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(SKOS.altLabel):
        if s in entities and isinstance(o, Literal):
            alts[s].add(str(o))
    for iri, e in entities.items():
        e.label = _best_label(labels.get(iri, ())) or _local_name(iri)
        e.alt = tuple(sorted(a for a in alts.get(iri, ()) if a != e.label))
    return entities


def read_evidence(graph: Graph | ViewTriples, wanted: set[tuple]) -> dict[tuple, list[tuple[str, URIRef | None]]]:
    """(subject, predicate, object) → [(sentence, article)] for the kg:Evidence nodes of the
    `wanted` statements."""
    if isinstance(graph, ViewTriples) and graph.grouped is not None:
        return graph.evidence(wanted)
    nodes = set(graph.subjects(RDF.type, KG.Evidence))
    if not nodes or not wanted:
        return {}

    def column(p: URIRef) -> dict:
        return {s: o for s, o in graph.subject_objects(p) if s in nodes}

    subj, pred, obj = column(RDF.subject), column(RDF.predicate), column(RDF.object)
    sentence, article = column(KG.sentence), column(PROV.wasDerivedFrom)
    found: dict[tuple, list] = defaultdict(list)
    for ev in nodes:
        if ev in subj and ev in pred and ev in obj and (subj[ev], pred[ev], obj[ev]) in wanted:
            found[(subj[ev], pred[ev], obj[ev])].append((str(sentence.get(ev, "")), article.get(ev)))
    return found


def read_facts(graph: Graph | ViewTriples, entities: dict[URIRef, PageEntity]) -> list[PageFact]:
    rel_index = {name: i for i, (name, _) in enumerate(RELATIONS)}
    roles: dict[tuple, list[int]] = defaultdict(list)
    facts: list[PageFact] = []
    for name, _ in RELATIONS:
        p = KG[name]
        for s, o in sorted(set(graph.subject_objects(p))):
            if s in entities and o in entities and s != o:
                facts.append(PageFact(s, rel_index[name], o, [(s, p, o)]))
                if name in ROLES_OF_ATTENDED:
                    roles[(s, o)].append(len(facts) - 1)
    attended = rel_index["attended"]
    kept = []
    for fact in facts:
        if fact.rel == attended and (fact.s, fact.o) in roles:
            # The role's edge stands for the attendance too; it takes the attendance's evidence.
            for i in roles[(fact.s, fact.o)]:
                facts[i].keys.extend(fact.keys)
            continue
        kept.append(fact)
    return kept


def facts_for_page(facts: list[PageFact], chosen: set[URIRef]) -> tuple[list[PageFact], dict[URIRef, int]]:
    """The facts the page holds, in the order of `facts`, and per drawn entity how many of its
    facts with entities not drawn are left out."""
    outside: dict[URIRef, list[tuple[int, str, int]]] = defaultdict(list)
    keep = set()
    for i, f in enumerate(facts):
        if f.s in chosen and f.o in chosen:
            keep.add(i)
        elif f.s in chosen or f.o in chosen:
            mine, other = (f.s, f.o) if f.s in chosen else (f.o, f.s)
            outside[mine].append((f.rel, str(other), i))
    omitted = {}
    for iri, rows in outside.items():
        rows.sort()
        keep.update(i for _, _, i in rows[:_MAX_OUTSIDE_FACTS])
        if len(rows) > _MAX_OUTSIDE_FACTS:
            omitted[iri] = len(rows) - _MAX_OUTSIDE_FACTS
    return [f for i, f in enumerate(facts) if i in keep], omitted


def count_degrees(entities: dict[URIRef, PageEntity], facts: list[PageFact]) -> None:
    for f in facts:
        entities[f.s].degree += 1
        entities[f.o].degree += 1


def _value_text(prop: str, value: Literal) -> str:
    if prop == "value":
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        return f"{amount.normalize():,f}"
    return str(value)


# ---- choosing what to draw -----------------------------------------------------


def find_focus(focus: str, entities: dict[URIRef, PageEntity]) -> list[URIRef]:
    """Entities whose label, alternative name or IRI is `focus`; an error lists near names."""
    wanted = focus.strip()
    exact = [iri for iri, e in entities.items() if wanted == e.label or wanted in e.alt or wanted == str(iri)]
    if exact:
        return exact
    names = sorted({n for e in entities.values() for n in (e.label, *e.alt)})
    near = [n for n in names if wanted in n][:5] or difflib.get_close_matches(wanted, names, n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(near)}?" if near else "; give a name as written in rdfs:label or skos:altLabel"
    raise ValueError(f"no entity named {focus!r} in the graph{hint}")


def _neighbourhood(seeds: list[URIRef], hops: int, adjacency: dict[URIRef, set[URIRef]]) -> dict[URIRef, int]:
    distance = {s: 0 for s in seeds}
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        if distance[node] >= hops:
            continue
        for nb in adjacency.get(node, ()):
            if nb not in distance:
                distance[nb] = distance[node] + 1
                queue.append(nb)
    return distance


def choose_entities(
    entities: dict[URIRef, PageEntity],
    facts: list[PageFact],
    focus: str | None,
    hops: int,
    max_nodes: int | None,
    total: int,
) -> tuple[set[URIRef], str]:
    """The entities to draw, and the notice to show when that is not all of the graph's `total`."""
    by_rank = lambda iri: (-entities[iri].degree, entities[iri].label, str(iri))  # noqa: E731
    if focus is not None:
        adjacency: dict[URIRef, set[URIRef]] = defaultdict(set)
        for f in facts:
            adjacency[f.s].add(f.o)
            adjacency[f.o].add(f.s)
        seeds = find_focus(focus, entities)
        distance = _neighbourhood(seeds, hops, adjacency)
        limit = max_nodes if max_nodes is not None else DEFAULT_MAX_NODES
        ranked = sorted(distance, key=lambda iri: (distance[iri], *by_rank(iri)))
        chosen = set(ranked[:limit])
        note = f"显示「{focus}」周围 {hops} 步内的 {len(chosen):,} 个实体（共 {total:,} 个）"
        if len(ranked) > limit:
            note += f"；邻域有 {len(ranked):,} 个，只保留最近且连接最多的 {limit:,} 个"
        return chosen, note + "。"
    limit = max_nodes if max_nodes is not None else DEFAULT_MAX_NODES
    if total <= limit:
        return set(entities), ""
    chosen = set(sorted(entities, key=by_rank)[:limit])
    how = "按 --max-nodes " if max_nodes is not None else "图较大，"
    return chosen, (
        f"{how}只显示连接最多的 {limit:,} 个实体（共 {total:,} 个）。"
        "用 kg view --focus 名称 查看某个实体的邻域，或用 --max-nodes 调整。"
    )


# ---- the page's data -----------------------------------------------------------


def page_data(
    graph: Graph | ViewTriples,
    *,
    title: str,
    focus: str | None,
    hops: int,
    max_nodes: int | None,
    built: dt.datetime | None,
) -> tuple[dict, ViewStats]:
    entities = read_entities(graph)
    facts = read_facts(graph, entities)
    count_degrees(entities, facts)
    # A neighbourhood read from a store knows the whole graph's counts; a graph read whole counts them.
    total_entities, total_facts = graph.totals if isinstance(graph, ViewTriples) and graph.totals else (len(entities), len(facts))
    chosen, note = choose_entities(entities, facts, focus, hops, max_nodes, total_entities)

    # Facts touching a drawn entity go in the page for its side panel: all those between drawn
    # entities, and up to _MAX_OUTSIDE_FACTS with others, whose far ends come along as names only.
    page_facts, omitted = facts_for_page(facts, chosen)
    listed = set(chosen)
    for f in page_facts:
        listed.update((f.s, f.o))
    order = sorted(listed, key=lambda iri: (iri not in chosen, -entities[iri].degree, entities[iri].label, str(iri)))
    ids = {iri: i for i, iri in enumerate(order)}

    sentences: dict[str, int] = {}
    articles: dict[URIRef, int] = {}

    def article_ref(a: URIRef | None) -> int:
        if a is None:
            return -1
        if a not in articles:
            articles[a] = len(articles)
        return articles[a]

    def evidence_refs(items: Iterable[tuple[str, URIRef | None]]) -> list[list[int]]:
        refs = []
        for sentence, art in sorted(set(items), key=lambda ev: (str(ev[1]), ev[0]))[:_MAX_EVIDENCE_PER_FACT]:
            refs.append([sentences.setdefault(sentence, len(sentences)), article_ref(art)])
        return refs

    values: dict[str, dict[URIRef, list[Literal]]] = {}
    for prop, _ in VALUES:
        column: dict[URIRef, list[Literal]] = defaultdict(list)
        for s, o in graph.subject_objects(KG[prop]):
            if s in chosen and isinstance(o, Literal):
                column[s].append(o)
        values[prop] = column
    # The evidence of what the page shows: its facts and its entities' values.
    wanted = {key for f in page_facts for key in f.keys}
    wanted.update((s, KG[prop], v) for prop, column in values.items() for s, vs in column.items() for v in vs)
    evidence = read_evidence(graph, wanted)
    for f in page_facts:
        f.evidence = [ev for key in f.keys for ev in evidence.get(key, ())]
    mentions: dict[URIRef, list[URIRef]] = defaultdict(list)
    for s, o in graph.subject_objects(KG.mentionedIn):
        if s in chosen:
            mentions[s].append(o)
    article_dates = {s: str(o) for s, o in graph.subject_objects(DCTERMS.date)}

    nodes = []
    dates = []
    for iri in order:
        e = entities[iri]
        node: dict = {"i": ids[iri], "l": e.label, "c": e.cls, "g": e.degree, "s": int(iri in chosen)}
        if iri in chosen:
            node["u"] = str(iri)
            if e.alt:
                node["a"] = list(e.alt)
            props = []
            for prop, label in VALUES:
                for v in sorted(values[prop].get(iri, ()), key=str):
                    props.append([label, _value_text(prop, v), evidence_refs(evidence.get((iri, KG[prop], v), ()))])
            if props:
                node["p"] = props
            if CLASSES[e.cls][0] in _EVENT_CLASSES and values["date"].get(iri):
                node["d"] = min(str(v) for v in values["date"][iri])
                dates.append(node["d"])
            if omitted.get(iri):
                node["x"] = omitted[iri]
            seen = mentions.get(iri, [])
            if seen:
                ranked = sorted(set(seen), key=lambda a: (article_dates.get(a, ""), str(a)), reverse=True)
                node["m"] = [article_ref(a) for a in ranked[:_MAX_ARTICLES_PER_ENTITY]]
                node["mn"] = len(ranked)
        nodes.append(node)

    edges = [[ids[f.s], ids[f.o], f.rel, evidence_refs(f.evidence)] for f in page_facts]
    drawn_edges = sum(1 for f in page_facts if f.s in chosen and f.o in chosen)

    titles = {s: str(o) for s, o in graph.subject_objects(DCTERMS.title)}
    article_rows = [["", ""]] * len(articles)
    for a, i in articles.items():
        article_rows[i] = [titles.get(a, ""), article_dates.get(a, "")]

    class_counts = [0] * len(CLASSES)
    for iri in chosen:
        class_counts[entities[iri].cls] += 1
    rel_counts = [0] * len(RELATIONS)
    for f in page_facts:
        if f.s in chosen and f.o in chosen:
            rel_counts[f.rel] += 1

    built = built or dt.datetime.now(dt.UTC)
    data = {
        "meta": {
            "title": title,
            "built": built.strftime("%Y-%m-%d %H:%M %Z").strip(),
            "entities": total_entities,
            "facts": total_facts,
            "nodes": len(chosen),
            "edges": drawn_edges,
            "note": note,
            # the entities of that name that are drawn (--max-nodes may leave some out), in page order
            "focus": sorted(ids[i] for i in find_focus(focus, entities) if i in chosen) if focus is not None else [],
            "dateMin": min(dates, default=""),
            "dateMax": max(dates, default=""),
        },
        "classes": [[name, label, colour, shape, class_counts[i]] for i, (name, label, colour, shape) in enumerate(CLASSES)],
        "rels": [[name, label, rel_counts[i]] for i, (name, label) in enumerate(RELATIONS)],
        "events": [i for i, (name, *_) in enumerate(CLASSES) if name in _EVENT_CLASSES],
        "arts": article_rows,
        "sents": list(sentences),
        "nodes": nodes,
        "edges": edges,
    }
    stats = ViewStats(
        nodes=len(chosen),
        edges=drawn_edges,
        total_nodes=total_entities,
        total_edges=total_facts,
        cut=len(chosen) < total_entities,
        note=note,
    )
    return data, stats
