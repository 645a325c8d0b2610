"""Entity precision judged by a reader: sample a graph's entities, judge them, score the judgements.

`kg eval` scores only what a gold file lists, and the gold lists of organisations,
places, projects and meetings are not exhaustive: a junk entity (a project named 引项目,
a clause taken as a meeting) is invisible to it. An audit samples N entities of each
class with a fixed seed and writes them, each with one sentence it was read in, to a
TSV file with an empty `verdict` column; a reader writes `y` (a real, correctly bounded
name of a thing of that class) or `n` (anything else), and `score_audit` gives the
precision per class.

    >>> rows = sample_entities("build/graph.ttl", 40)          # doctest: +SKIP
    >>> write_audit(rows, "audit.tsv")                          # doctest: +SKIP
    >>> print(format_audit_score(score_audit("audit.tsv")))     # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.inspect.index import EvalError, Evidence, GraphIndex, load_graph, read_text
from kg.rdf.export import atomic_path
from kg.rdf.namespace import KG

AUDIT_CLASSES = ("Place", "Project", "Organization", "Meeting", "Company", "Person")
SEED = 13
YES = frozenset({"y", "yes", "1", "✓", "ok", "对", "是"})
NO = frozenset({"n", "no", "0", "✗", "x", "错", "否"})


@dataclass(frozen=True)
class AuditRow:
    """One sampled entity, with where it was read; `verdict` is the reader's (y / n), `note` why."""

    cls: str
    name: str
    verdict: str = ""
    note: str = ""
    sentence: str = ""
    headline: str = ""
    source: str = ""
    iri: str = ""


COLUMNS = tuple(f.name for f in fields(AuditRow))


def audit_class(types: set[str]) -> str:
    """The audit class of an entity with kg `types` ('' if none): Company before Organization, Events as Meetings."""
    if "Person" in types:
        return "Person"
    if "Company" in types:
        return "Company"
    if "Organization" in types:
        return "Organization"
    if "Meeting" in types or "Event" in types:
        return "Meeting"
    for cls in ("Place", "Project"):
        if cls in types:
            return cls
    return ""


def _evidence_of(index: GraphIndex) -> dict[Node, list[Evidence]]:
    out: dict[Node, list[Evidence]] = {}
    for (s, _, o), found in index.all_evidence():
        for node in (s, o):
            out.setdefault(node, []).extend(found)
    return out


def sample_entities(
    graphs: str | Path | Graph | Sequence[str | Path | Graph],
    n: int,
    *,
    seed: int = SEED,
    classes: Iterable[str] = AUDIT_CLASSES,
) -> list[AuditRow]:
    """Up to `n` entities of each class of the graph(s), drawn with `seed`, each with one evidence sentence.

    Several graphs are read as one (their union). The same graphs and seed give the same sample.
    """
    if n < 1:
        raise EvalError("--audit takes a number of entities per class, at least 1")
    if isinstance(graphs, (str, Path, Graph)):
        graphs = [graphs]
    graph = Graph()
    for g in graphs:
        graph += load_graph(g)
    index = GraphIndex(graph)
    evidence = _evidence_of(index)
    by_class: dict[str, list[Node]] = {cls: [] for cls in classes}
    for node, types in index.types.items():
        cls = audit_class(types)
        if cls in by_class and node in index.labels:
            by_class[cls].append(node)
    rows = []
    for cls, nodes in by_class.items():
        nodes.sort(key=str)
        picked = random.Random(f"{seed}:{cls}").sample(nodes, min(n, len(nodes)))
        for node in sorted(picked, key=lambda x: index.label(x)):
            rows.append(_row(index, graph, cls, node, evidence.get(node, [])))
    return rows


def _row(index: GraphIndex, graph: Graph, cls: str, node: Node, found: list[Evidence]) -> AuditRow:
    label = index.label(node)
    # the sentence that shows the name itself, else the first one
    ev = next((e for e in found if label in e.sentence), found[0] if found else None)
    if ev is not None:
        return AuditRow(cls, label, sentence=ev.sentence, headline=ev.headline, source=ev.source, iri=str(node))
    article = next(iter(sorted(graph.objects(node, KG.mentionedIn), key=str)), None)
    headline = " ".join(str(graph.value(article, DCTERMS.title) or "").split()) if article else ""
    source = str(graph.value(article, DCTERMS.source) or "") if article else ""
    # no fact names it: the first sentence of its article's file that does, where the file is at hand
    return AuditRow(cls, label, sentence=_sentence_in(source, label), headline=headline, source=source, iri=str(node))


@lru_cache(maxsize=64)
def _source_text(source: str) -> str:
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return ""


def _sentence_in(source: str, label: str) -> str:
    from kg.nlp.analysis import sentences

    text = _source_text(source) if source else ""
    at = text.find(label)
    if at < 0:
        return ""
    return next((text[s:e] for s, e in sentences(text) if s <= at < e), "")


def write_audit(rows: Sequence[AuditRow], path: str | Path) -> None:
    """Write the rows as TSV (a header, then one entity per line), replacing `path` atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(" ".join(str(v).split()) for v in asdict(row).values())
    with atomic_path(Path(path)) as tmp:  # the user's file mode, not mkstemp's 0600: readers judge it
        tmp.write_text(buffer.getvalue(), encoding="utf-8")


def read_audit(path: str | Path) -> list[AuditRow]:
    """Read a judged audit file; raises `EvalError` naming the file and line on bad input."""
    path = Path(path)
    text = read_text(path, "audit", hint="write one with `kg eval --audit N GRAPH`")
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = next(reader, None)
    if not header or "cls" not in header or "verdict" not in header:
        raise EvalError(f"{path}: not an audit file (the header needs cls and verdict columns)")
    rows = []
    for number, values in enumerate(reader, 2):
        if not any(v.strip() for v in values):
            continue
        data = dict(zip(header, values))
        verdict = data.get("verdict", "").strip().lower()
        if verdict and verdict not in YES | NO:
            raise EvalError(f"{path} line {number}: verdict {data.get('verdict')!r}; write y or n (or leave it empty)")
        rows.append(AuditRow(**{c: data.get(c, "") for c in COLUMNS}))
    return rows


@dataclass(frozen=True)
class AuditScore:
    cls: str
    sampled: int
    correct: int
    wrong: int

    @property
    def judged(self) -> int:
        return self.correct + self.wrong

    @property
    def precision(self) -> float | None:
        return self.correct / self.judged if self.judged else None


def score_audit(path: str | Path) -> list[AuditScore]:
    """Precision per class of a judged audit file (unjudged rows counted apart), and `all` last."""
    rows = read_audit(path)
    order = [c for c in AUDIT_CLASSES if any(r.cls == c for r in rows)]
    order += sorted({r.cls for r in rows} - set(order))
    scores = []
    for cls in order + ["all"]:
        mine = [r for r in rows if cls in ("all", r.cls)]
        verdicts = [r.verdict.strip().lower() for r in mine]
        scores.append(AuditScore(cls, len(mine), sum(v in YES for v in verdicts), sum(v in NO for v in verdicts)))
    return scores


def format_audit_score(scores: Sequence[AuditScore]) -> str:
    lines = [f"{'class':<13}{'sampled':>8}{'judged':>8}{'correct':>9}{'precision':>11}"]
    for s in scores:
        p = f"{s.precision:.3f}" if s.precision is not None else "-"
        lines.append(f"{s.cls:<13}{s.sampled:>8}{s.judged:>8}{s.correct:>9}{p:>11}")
    return "\n".join(lines)
