"""A graph's entities by node and by name, with the evidence of its facts: what `kg eval`
and `kg explain` look things up in.

Names are looked up in the form `kg eval` compares them in (`normalize_name`), so
`“大洲俏娘” 共富工坊` finds the entity labelled `大洲俏娘共富工坊`.

    >>> index = GraphIndex(load_graph("build/graph.ttl"))     # doctest: +SKIP
    >>> index.entities_named(["王慧杰"]), index.label(node)   # doctest: +SKIP
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.rdf.namespace import KG

_QUOTES = frozenset("\"'`“”‘’「」『』〝〞〟„‟‚‛«»‹›＂＇﹁﹂﹃﹄")
# A date in brackets closing a name: （2024-12-09）, (2024年12月9日), 【12月9日】 …
_BRACKETED_DATE = re.compile(
    r"(?:[(\[【〔]"
    r"(?:\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}-\d{1,2})"
    r"[)\]】〕])+$",
    re.ASCII,  # \d: ASCII digits only, as NFKC leaves them
)


class EvalError(ValueError):
    """A gold or graph file that cannot be read; the message names the file."""


def read_text(path: Path, what: str, *, hint: str = "") -> str:
    """The UTF-8 text of a `what` file (gold, audit…), or an `EvalError` naming it; `hint` says how to make one."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError(f"{what} file not found: {path}{f' ({hint})' if hint else ''}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read {what} file {path}: {exc}") from None


def normalize_name(name: str) -> str:
    """The form names are compared in: `“大洲俏娘” 共富工坊` → `大洲俏娘共富工坊`.

    NFKC folds full-width forms (（ → (, ２ → 2); white space and quotation marks go;
    a bracketed date closing the name goes (`区委常委会会议（2024-12-09）` → `区委常委会会议`).
    """
    folded = unicodedata.normalize("NFKC", name)
    kept = "".join(c for c in folded if not c.isspace() and c not in _QUOTES)
    # fold again: dropping a character can bring a base letter and a combining mark together
    return _BRACKETED_DATE.sub("", unicodedata.normalize("NFKC", kept))


# ---- graph ------------------------------------------------------------------


def load_graph(graph: str | Path | Graph) -> Graph:
    """A graph as given, or parsed from a Turtle (or other RDF) file."""
    if isinstance(graph, Graph):
        return graph
    path = Path(graph)
    if not path.is_file():
        raise EvalError(f"graph file not found: {path} (build one with `kg build`)")
    from rdflib.util import guess_format

    parsed = Graph()
    try:
        parsed.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises many kinds; all mean the same to the user
        reason = " ".join(str(exc).split()) or type(exc).__name__
        reason = reason if len(reason) <= 200 else reason[:199] + "…"
        raise EvalError(f"cannot parse graph {path}: {reason}") from None
    return parsed


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, the rule, and the article."""

    sentence: str
    rule: str
    headline: str = ""
    date: str = ""
    source: str = ""


class GraphIndex:
    """Labels, types and evidence of a graph, looked up by node or by normalised name."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.labels: dict[Node, list[str]] = defaultdict(list)  # rdfs:label first
        self.by_name: dict[str, set[Node]] = defaultdict(set)
        for prop in (RDFS.label, SKOS.altLabel):
            for node, label in sorted(graph.subject_objects(prop), key=node_key):
                if str(label) not in self.labels[node]:
                    self.labels[node].append(str(label))
                key = normalize_name(str(label))
                if key:
                    self.by_name[key].add(node)
        kg_ns = str(KG._NS)
        self.types: dict[Node, set[str]] = defaultdict(set)
        for node, cls in graph.subject_objects(RDF.type):
            if str(cls).startswith(kg_ns):
                self.types[node].add(str(cls)[len(kg_ns) :])
        self._evidence: dict[tuple[Node, Node, Node], list[Evidence]] = defaultdict(list)
        for ev in graph.subjects(RDF.type, KG.Evidence):
            key = (graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object))
            article = graph.value(ev, PROV.wasDerivedFrom)
            self._evidence[key].append(
                Evidence(
                    sentence=text_of(graph.value(ev, KG.sentence)),
                    rule=text_of(graph.value(ev, KG.rule)),
                    headline=text_of(graph.value(article, DCTERMS.title)) if article else "",
                    date=text_of(graph.value(article, DCTERMS.date)) if article else "",
                    source=text_of(graph.value(article, DCTERMS.source)) if article else "",
                )
            )
        for found in self._evidence.values():
            found.sort(key=lambda e: (e.source, e.sentence, e.rule))

    def label(self, node: Node) -> str:
        """The canonical label, else the literal's text or the IRI."""
        if node in self.labels:
            return self.labels[node][0]
        return str(node)

    def entities_named(self, names: Iterable[str]) -> set[Node]:
        found: set[Node] = set()
        for name in names:
            found |= self.by_name.get(normalize_name(name), set())
        return found

    def evidence(self, s: Node, p: Node, o: Node) -> list[Evidence]:
        return self._evidence.get((s, p, o), [])

    def all_evidence(self) -> Iterable[tuple[tuple[Node, Node, Node], list[Evidence]]]:
        """Every (subject, predicate, object) with evidence, and its evidence, in a fixed order."""
        return sorted(self._evidence.items(), key=lambda item: node_key(item[0]))

    def amounts(self, node: Node) -> list[Decimal]:
        """The yuan values of a MonetaryAmount node (or of a numeric literal)."""
        values = [node] if isinstance(node, Literal) else list(self.graph.objects(node, KG.value))
        out = []
        for value in values:
            try:
                amount = Decimal(str(value))
            except InvalidOperation:
                continue
            if amount.is_finite():
                out.append(amount)
        return out


def node_key(nodes: tuple[Node, ...]) -> tuple[str, ...]:
    """Sort key for tuples of nodes: rdflib cannot order literals of different datatypes."""
    return tuple(str(n) for n in nodes)


def text_of(node: Node | None) -> str:
    return " ".join(str(node).split()) if node is not None else ""
