"""The graph as a network (networkx): who is central, which groups meet together, how two
entities are connected, and the network for Gephi.

The network's nodes are the graph's entities (people, organisations, places, projects,
meetings, posts, amounts), its edges the facts between them, each with its relation
and the sentences it was read from.

>>> net = read_network("build/graph.ttl")                         # doctest: +SKIP
>>> report = analyze(net)                                         # doctest: +SKIP
>>> for step in shortest_path(net, "王慧杰", "贵青"): print(step)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.formats import ANALYSIS_FORMATS, NETWORK_FORMATS
from kg.query import QueryError, execute, open_target, python_value
from kg.view.page import CLASSES, RELATIONS

CLASS_LABELS = {name: label for name, label, _, _ in CLASSES}
RELATION_LABELS = dict(RELATIONS)
# When an entity has several classes, the most specific one names it.
_CLASS_ORDER = ("Person", "Company", "Organization", "Place", "Project", "Meeting", "Event", "Position", "MonetaryAmount")
_ORGANISATIONS = ("Organization", "Company")
# kg:presided and kg:spokeAt are stated with the kg:attended they imply: one step, the role.
_ROLES = ("presided", "spokeAt")
FORMATS = ANALYSIS_FORMATS


class AnalyzeError(Exception):
    """A name that matches no entity or several, a graph that cannot be read: one line."""


@dataclass
class Network:
    """The entities as nodes (label, class) and facts as edges (relation), directed as stated."""

    graph: nx.MultiDiGraph
    source: Any = None

    def label(self, node: str) -> str:
        return self.graph.nodes[node].get("label", node)


def _classes(cls_iris: list[str]) -> str:
    names = [c.rsplit("#", 1)[-1] for c in cls_iris]
    for name in _CLASS_ORDER:
        if name in names:
            return name
    return names[0] if names else ""


def read_network(graph: Any) -> Network:
    """The network of a graph: a graph.ttl, a store folder, a QueryTarget or an endpoint URL."""
    try:
        target = open_target(graph)
        classes = " ".join(f"kg:{c}" for c in _CLASS_ORDER)
        nodes = execute(target, f"SELECT ?e ?type ?label WHERE {{ VALUES ?type {{ {classes} }} ?e a ?type . "
                                f"OPTIONAL {{ ?e rdfs:label ?label }} }}")
        relations = " ".join(f"kg:{r}" for r, _ in RELATIONS)
        edges = execute(target, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {relations} }} ?s ?p ?o . FILTER(isIRI(?o)) }}")
    except QueryError as e:
        raise AnalyzeError(str(e)) from None
    types: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, str] = {}
    for e, t, label in nodes.rows:
        types[e.value].append(t.value)
        if label is not None and (e.value not in labels or len(label.value) < len(labels[e.value])):
            labels.setdefault(e.value, label.value)
    net = nx.MultiDiGraph()
    for iri in sorted(types):
        cls = _classes(types[iri])
        net.add_node(iri, label=labels.get(iri) or iri.rsplit("/", 1)[-1], cls=cls)
    stated = {(s.value, p.value.rsplit("#", 1)[-1], o.value) for s, p, o in edges.rows}
    for s, rel, o in sorted(stated):
        if s not in net or o not in net:
            continue
        if rel == "attended" and any((s, role, o) in stated for role in _ROLES):
            continue  # the role says it
        net.add_edge(s, o, key=rel, relation=rel)
    return Network(net, target)


# ---- analysis ------------------------------------------------------------------------


@dataclass(frozen=True)
class Central:
    name: str
    degree: int  # distinct entities the person has facts with
    events: int  # events attended, presided or spoken at
    betweenness: float  # share of shortest paths between entities that pass through the person
    iri: str = ""


@dataclass(frozen=True)
class Community:
    number: int
    people: tuple[str, ...]  # most connected first
    events: tuple[str, ...]  # the events its members attended together most, first


@dataclass(frozen=True)
class Organisation:
    name: str
    cls: str
    degree: int  # distinct entities with a fact about the organisation
    people: int  # people holding a post in it or working for it
    iri: str = ""


@dataclass
class Analysis:
    people: list[Central] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)


def co_attendance(net: Network) -> nx.Graph:
    """People joined when they attended one event; `weight` counts the events they shared."""
    g = nx.Graph()
    attendees: dict[str, set[str]] = defaultdict(set)
    for s, o, rel in net.graph.edges(keys=True):
        if rel in ("attended", *_ROLES) and net.graph.nodes[s]["cls"] == "Person":
            attendees[o].add(s)
    for event in sorted(attendees):
        people = sorted(attendees[event])
        g.add_nodes_from(people)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += 1
                    g[a][b]["events"].append(event)
                else:
                    g.add_edge(a, b, weight=1, events=[event])
    return g


def analyze(net: Network, *, top: int = 20) -> Analysis:
    """Central people, communities of co-attendance and the most connected organisations."""
    undirected = nx.Graph(net.graph)
    # exact betweenness up to 2,000 entities; sampled (fixed seed, the same answer every run) beyond
    k = None if len(undirected) <= 2000 else 500
    between = nx.betweenness_centrality(undirected, k=k, seed=0) if len(undirected) else {}
    people = [n for n, d in net.graph.nodes(data=True) if d["cls"] == "Person"]
    events = {n: len({o for _, o, r in net.graph.out_edges(n, keys=True) if r in ("attended", *_ROLES)}) for n in people}
    central = [Central(net.label(n), undirected.degree(n), events[n], round(between.get(n, 0.0), 6), n) for n in people]
    central.sort(key=lambda c: (-c.betweenness, -c.degree, -c.events, c.name))
    report = Analysis(people=central[:top])

    together = co_attendance(net)
    if together.number_of_edges():
        groups = nx.algorithms.community.greedy_modularity_communities(together, weight="weight")
        ranked = sorted((sorted(g) for g in groups if len(g) > 1),
                        key=lambda g: (-len(g), min(net.label(n) for n in g)))
        for i, group in enumerate(ranked, 1):
            members = sorted(group, key=lambda n: (-together.degree(n, weight="weight"), net.label(n)))
            shared = Counter(e for a, b, d in together.subgraph(group).edges(data=True) for e in d["events"])
            top_events = [net.label(e) for e, _ in sorted(shared.items(), key=lambda x: (-x[1], net.label(x[0])))[:5]]
            report.communities.append(Community(i, tuple(net.label(n) for n in members), tuple(top_events)))

    orgs = []
    for n, d in net.graph.nodes(data=True):
        if d["cls"] not in _ORGANISATIONS:
            continue
        staff = {s for s, _, r in net.graph.in_edges(n, keys=True) if r == "worksFor"}
        for post, _, r in net.graph.in_edges(n, keys=True):
            if r == "ofOrganization":
                staff |= {s for s, _, r2 in net.graph.in_edges(post, keys=True) if r2 == "holdsPosition"}
        orgs.append(Organisation(net.label(n), d["cls"], undirected.degree(n), len(staff), n))
    orgs.sort(key=lambda o: (-o.degree, -o.people, o.name))
    report.organisations = orgs[:top]
    return report


def format_analysis(report: Analysis, fmt: str = "table") -> str:
    """The analysis as aligned tables, CSV (one table, a `section` column) or JSON."""
    if fmt == "json":
        return json.dumps({"people": [asdict(c) for c in report.people],
                           "communities": [asdict(c) for c in report.communities],
                           "organisations": [asdict(o) for o in report.organisations]}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["section", "rank", "name", "class", "degree", "events", "betweenness", "people", "members", "shared_events"])
        for i, c in enumerate(report.people, 1):
            w.writerow(["people", i, c.name, "Person", c.degree, c.events, c.betweenness, "", "", ""])
        for c in report.communities:
            w.writerow(["communities", c.number, c.people[0], "", "", "", "", len(c.people), "、".join(c.people), "、".join(c.events)])
        for i, o in enumerate(report.organisations, 1):
            w.writerow(["organisations", i, o.name, o.cls, o.degree, "", "", o.people, "", ""])
        return out.getvalue()
    if fmt != "table":
        raise AnalyzeError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS + NETWORK_FORMATS)}")
    from kg.tables import display_width

    def table(head: list[str], rows: list[list[Any]]) -> list[str]:
        cells = [[str(x) for x in r] for r in rows]
        widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(head)]
        pad = lambda t, w: t + " " * (w - display_width(t))  # noqa: E731
        lines = ["  ".join(pad(h, w) for h, w in zip(head, widths)).rstrip(), "  ".join("─" * w for w in widths)]
        return lines + ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]

    lines = ["Central people (betweenness: the share of shortest chains between entities through them)"]
    lines += table(["rank", "person", "betweenness", "degree", "events"],
                   [[i, c.name, f"{c.betweenness:.4f}", c.degree, c.events] for i, c in enumerate(report.people, 1)]) or ["(none)"]
    lines += ["", "Communities of co-attendance (people who attend the same events)"]
    if report.communities:
        for c in report.communities:
            lines.append(f"{c.number}. {len(c.people)} people: {'、'.join(c.people[:12])}{'…' if len(c.people) > 12 else ''}")
            lines.append(f"   together at: {'、'.join(c.events)}")
    else:
        lines.append("(no two people attended the same event)")
    lines += ["", "Most connected organisations"]
    lines += table(["rank", "organisation", "class", "degree", "people"],
                   [[i, o.name, CLASS_LABELS.get(o.cls, o.cls), o.degree, o.people] for i, o in enumerate(report.organisations, 1)])
    return "\n".join(lines) + "\n"


# ---- paths -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One fact of a chain: `subject —relation→ object`, with where it was read."""

    subject: str
    relation: str
    object: str
    sentence: str = ""
    headline: str = ""
    date: str = ""

    def __str__(self) -> str:
        head = f"{self.subject} —{RELATION_LABELS.get(self.relation, self.relation)}→ {self.object}"
        source = " ".join(p for p in (f"《{self.headline}》" if self.headline else "", self.date) if p)
        said = f"\n    「{self.sentence}」" if self.sentence else "\n    (no evidence sentence)"
        return head + said + (f" {source}" if source else "")


def find_node(net: Network, name: str) -> str:
    """The entity named `name`: an exact label, else the one label containing it; several or
    none are an AnalyzeError listing candidates or the nearest names."""
    exact = sorted(n for n, d in net.graph.nodes(data=True) if d["label"] == name)
    if len(exact) == 1:
        return exact[0]
    partial = exact or sorted((n for n, d in net.graph.nodes(data=True) if name in d["label"]),
                              key=lambda n: (len(net.label(n)), net.label(n)))
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = "、".join(f"{net.label(n)}（{CLASS_LABELS.get(net.graph.nodes[n]['cls'], '')}）" for n in partial[:10])
        raise AnalyzeError(f"{len(partial)} entities are named or contain 「{name}」; give one of: {shown}"
                           + ("…" if len(partial) > 10 else ""))
    import difflib

    near = difflib.get_close_matches(name, sorted({d["label"] for _, d in net.graph.nodes(data=True)}), n=5, cutoff=0.3)
    raise AnalyzeError(f"no entity is named or contains 「{name}」" + (f"; did you mean: {'、'.join(near)}" if near else ""))


def shortest_path(net: Network, a: str, b: str) -> list[Step]:
    """The shortest chain of facts between the entities named `a` and `b` (either direction
    of each fact), each step with its evidence sentence."""
    start, end = find_node(net, a), find_node(net, b)
    try:
        nodes = nx.shortest_path(nx.Graph(net.graph), start, end)
    except nx.NetworkXNoPath:
        raise AnalyzeError(f"no chain of facts joins 「{net.label(start)}」 and 「{net.label(end)}」") from None
    steps = []
    for x, y in zip(nodes, nodes[1:]):
        if net.graph.has_edge(x, y):
            s, o = x, y
        else:
            s, o = y, x
        rel = sorted(net.graph[s][o])[0]
        if "presided" in net.graph[s][o]:
            rel = "presided"
        elif "spokeAt" in net.graph[s][o]:
            rel = "spokeAt"
        steps.append((s, rel, o))
    evidence = _evidence(net, steps)
    return [Step(net.label(s), rel, net.label(o), *evidence.get((s, rel, o), ("", "", ""))) for s, rel, o in steps]


def _evidence(net: Network, steps: list[tuple[str, str, str]]) -> dict[tuple, tuple[str, str, str]]:
    if not steps or net.source is None:
        return {}
    values = " ".join(f"(<{s}> kg:{rel} <{o}>)" for s, rel, o in steps)
    result = execute(net.source, f"""SELECT ?s ?p ?o ?sentence ?headline ?date WHERE {{
      VALUES (?s ?p ?o) {{ {values} }}
      ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence .
      OPTIONAL {{ ?e prov:wasDerivedFrom ?a . OPTIONAL {{ ?a dcterms:title ?headline }} OPTIONAL {{ ?a dcterms:date ?date }} }}
    }} ORDER BY ?s ?p ?o ?date ?sentence""")
    found: dict[tuple, tuple[str, str, str]] = {}
    for s, p, o, sentence, headline, date in result.rows:
        key = (s.value, p.value.rsplit("#", 1)[-1], o.value)
        found.setdefault(key, (sentence.value, headline.value if headline else "", str(python_value(date)) if date else ""))
    return found


def format_path(steps: list[Step], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps([asdict(s) for s in steps], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["step", "subject", "relation", "object", "sentence", "headline", "date"])
        w.writerows([[i, s.subject, s.relation, s.object, s.sentence, s.headline, s.date] for i, s in enumerate(steps, 1)])
        return out.getvalue()
    return "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)) + f"\n({len(steps)} step{'s' if len(steps) != 1 else ''})\n"


# ---- for Gephi ---------------------------------------------------------------------------


def gephi_graph(net: Network) -> nx.DiGraph:
    """The network with what Gephi shows as attributes: label, class (and its Chinese name),
    degree, community (of co-attendance, people only; -1 for none); an edge's relation, the
    relations joined when an entity pair has several."""
    g = nx.DiGraph()
    together = co_attendance(net)
    community: dict[str, int] = {}
    if together.number_of_edges():
        groups = nx.algorithms.community.greedy_modularity_communities(together, weight="weight")
        for i, group in enumerate(sorted(groups, key=lambda x: (-len(x), min(x)))):
            community.update({n: i for n in group})
    undirected = nx.Graph(net.graph)
    for n, d in net.graph.nodes(data=True):
        g.add_node(n, label=d["label"], cls=d["cls"], cls_label=CLASS_LABELS.get(d["cls"], d["cls"]),
                   degree=undirected.degree(n), community=community.get(n, -1))
    for s, o, rel in net.graph.edges(keys=True):
        if g.has_edge(s, o):
            g[s][o]["relation"] = ",".join(sorted({*g[s][o]["relation"].split(","), rel}))
            g[s][o]["label"] = "、".join(RELATION_LABELS.get(r, r) for r in g[s][o]["relation"].split(","))
        else:
            g.add_edge(s, o, relation=rel, label=RELATION_LABELS.get(rel, rel))
    return g


def write_network(net: Network, path: Path, fmt: str) -> Path:
    """Writes the network as GraphML or GEXF (both open in Gephi), replacing `path` atomically."""
    from kg.rdf.export import atomic_path

    if fmt not in NETWORK_FORMATS:
        raise AnalyzeError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    g = gephi_graph(net)
    with atomic_path(Path(path)) as tmp:
        if fmt == "graphml":
            nx.write_graphml(g, tmp, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(g, tmp, encoding="utf-8", prettyprint=True)
    return Path(path)
