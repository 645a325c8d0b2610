"""Score a built graph against gold facts (the format of shared/gold/GUIDE.md).

A gold line is one fact with every acceptable name of its subject and object:

    {"rel": "attended", "s": ["王慧杰"], "o": ["区委常委会会议", "区委常委会"], "role": "presided"}

Names match after NFKC folding, removing white space and quotation marks and
dropping a bracketed date at the end (区委常委会会议（2024-12-09）); any gold name
matches any of an entity's labels (`rdfs:label` or `skos:altLabel`). Amounts match
within 0.5 %, dates exactly.

Counting, per relation (and per entity type for `type` lines):

- `tp` / `fn`: non-optional gold facts the graph has / lacks (recall = tp / (tp + fn));
- `fp`: graph facts that no gold fact of the relation supports, optional ones included;
- `pred`: graph facts scored: the `fp` plus those a non-optional gold fact supports
  (precision = (pred - fp) / pred). A graph fact that only an optional gold fact
  supports is not scored; neither are graph facts of relations the gold file lacks,
  nor entities of a type whose gold lines are all `recall_only`.

Example:

    >>> report = evaluate("gold/seeds.jsonl", "build/graph.ttl")  # doctest: +SKIP
    >>> report.core.f1, report.relations["attended"].recall       # doctest: +SKIP
    >>> print(format_report(report))                               # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.inspect.index import EvalError, Evidence, GraphIndex, load_graph, node_key, normalize_name, read_text, text_of
from kg.rdf.namespace import KG
from kg.tables import display_width, pad

GOLD_RELATIONS = (
    "attended",
    "holdsPosition",
    "worksFor",
    "locatedIn",
    "invested",
    "investedIn",
    "totalInvestment",
    "date",
    "type",
)
CORE_RELATIONS = ("attended", "holdsPosition", "locatedIn", "invested", "totalInvestment")
GOLD_TYPES = ("Person", "Company", "Organization", "Place", "Project", "Meeting")
ROLES = ("presided", "spokeAt", "attended")
MONEY_RELATIONS = ("invested", "totalInvestment")
TOLERANCE = Decimal("0.005")  # relative: amounts within 0.5 % of the gold value match

# Classes of the graph that satisfy a gold type (a Company is an Organization,
# any Event stands for a gold Meeting such as a 调研 visit).
ACCEPTED_CLASSES = {
    "Person": ("Person",),
    "Company": ("Company",),
    "Organization": ("Organization", "Company"),
    "Place": ("Place",),
    "Project": ("Project",),
    "Meeting": ("Meeting", "Event"),
}

# The most specific attendance property is the role; presided wins over spokeAt
# (a chair who also speaks is annotated as presiding).
_ROLE_PROPERTIES = tuple((role, KG[role]) for role in ROLES)
_PLAIN_PROPERTIES = {rel: KG[rel] for rel in GOLD_RELATIONS if rel not in ("attended", "type")}

# ---- gold -------------------------------------------------------------------

GoldObject = tuple[str, ...] | Decimal | str


@dataclass(frozen=True)
class GoldFact:
    """One line of a gold file. `o` is names, an amount in yuan (`Decimal`) or an ISO date."""

    rel: str
    s: tuple[str, ...]
    o: GoldObject
    role: str = ""
    optional: bool = False
    recall_only: bool = False
    note: str = ""
    doc: str = ""
    line: int = 0

    @property
    def type(self) -> str:
        """The entity type of a `type` line."""
        return self.o[0] if self.rel == "type" else ""

    @property
    def row(self) -> str:
        """The report row the fact is scored in: the relation, or `type:Person` etc."""
        return f"type:{self.type}" if self.rel == "type" else self.rel

    def describe(self) -> str:
        obj = "" if self.rel == "type" else f" → {_show_object(self.o)}"
        role = f" [{self.role}]" if self.role else ""
        return f"{self.s[0]}{obj}{role}"


def load_gold(path: str | Path) -> list[GoldFact]:
    """Read a gold JSONL file; raises `EvalError` naming the file and line on bad input."""
    path = Path(path)
    text = read_text(path, "gold")
    facts = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            facts.append(_gold_fact(json.loads(raw), number))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path} line {number}: invalid JSON ({exc.msg})") from None
        except ValueError as exc:
            raise EvalError(f"{path} line {number}: {exc}") from None
    if not facts:
        raise EvalError(f"gold file has no facts: {path}")
    return facts


def _gold_fact(data: object, line: int) -> GoldFact:
    if not isinstance(data, dict):
        raise ValueError("a gold line is a JSON object with rel, s and o")
    rel = data.get("rel")
    if rel not in GOLD_RELATIONS:
        raise ValueError(f"unknown rel {rel!r}; one of {', '.join(GOLD_RELATIONS)}")
    subject = _names(data.get("s"), "s")
    raw = data.get("o")
    obj: GoldObject
    if rel in MONEY_RELATIONS:
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise ValueError(f"{rel}: o must be an amount in yuan, got {raw!r}")
        try:
            obj = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(f"{rel}: o must be an amount in yuan, got {raw!r}") from None
    elif rel == "date":
        try:
            obj = dt.date.fromisoformat(str(raw)).isoformat()
        except ValueError:
            raise ValueError(f"date: o must be an ISO date (2024-12-09), got {raw!r}") from None
    else:
        obj = _names(raw, "o")
        if rel == "type" and (len(obj) != 1 or obj[0] not in GOLD_TYPES):
            raise ValueError(f"type: o must be one of {', '.join(GOLD_TYPES)}, got {raw!r}")
    role = data.get("role", "attended" if rel == "attended" else "")
    if rel == "attended" and role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    return GoldFact(
        rel=rel,
        s=subject,
        o=obj,
        role=role if rel == "attended" else "",
        optional=bool(data.get("optional", False)),
        recall_only=bool(data.get("recall_only", False)),
        note=str(data.get("note", "")),
        doc=str(data.get("doc", "")),
        line=line,
    )


def _names(raw: object, key: str) -> tuple[str, ...]:
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(f"{key} must be a non-empty list of names, got {raw!r}")
    return tuple(names)


# ---- graph ------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    """One fact of the graph as scored: for `attended`, a (person, event) pair with its role."""

    rel: str
    s: Node
    o: Node
    role: str = ""
    properties: tuple[Node, ...] = ()  # the graph properties stating it, for its evidence


def predicted_facts(index: GraphIndex, rel: str) -> list[Predicted]:
    graph = index.graph
    if rel == "attended":
        roles: dict[tuple[Node, Node], list[str]] = defaultdict(list)
        for role, prop in _ROLE_PROPERTIES:
            for s, o in graph.subject_objects(prop):
                roles[(s, o)].append(role)
        by_name = dict(_ROLE_PROPERTIES)
        return [
            Predicted(rel, s, o, found[0], tuple(by_name[r] for r in found))
            for (s, o), found in sorted(roles.items(), key=lambda item: node_key(item[0]))
        ]
    prop = _PLAIN_PROPERTIES[rel]
    return [Predicted(rel, s, o, "", (prop,)) for s, o in sorted(graph.subject_objects(prop), key=node_key)]


def _object_matches(index: GraphIndex, gold: GoldFact, fact: Predicted, objects: set[Node]) -> bool:
    if gold.rel in MONEY_RELATIONS:
        target = gold.o
        return any(abs(v - target) <= abs(target) * TOLERANCE for v in index.amounts(fact.o))
    if gold.rel == "date":
        return str(fact.o).strip()[:10] == gold.o
    if isinstance(fact.o, Literal):
        return normalize_name(str(fact.o)) in {normalize_name(n) for n in gold.o}
    return fact.o in objects


# ---- scores -----------------------------------------------------------------


@dataclass
class Score:
    """Counts of one row; precision and recall are None where nothing was there to count."""

    tp: int = 0  # non-optional gold facts found
    fn: int = 0  # non-optional gold facts missed
    fp: int = 0  # graph facts no gold fact supports
    correct: int = 0  # graph facts a non-optional gold fact supports
    precision_scored: bool = True  # False for recall_only types: no graph entity is an error

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.correct + self.fp

    @property
    def precision(self) -> float | None:
        if not self.precision_scored or not self.pred:
            return None
        return self.correct / self.pred

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if not self.precision_scored:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tp + other.tp,
            self.fn + other.fn,
            self.fp + other.fp,
            self.correct + other.correct,
            self.precision_scored and other.precision_scored,
        )

    def to_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.gold,
            "pred": self.pred,
        }


@dataclass
class RoleScore:
    """Among the non-optional attendance facts found, how many carry gold's role."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class Miss:
    """A non-optional gold fact the graph lacks, with what the graph says of its subject."""

    fact: GoldFact
    hint: str = ""


@dataclass(frozen=True)
class FalseFact:
    """A graph fact (or, for `type:` rows, an entity) that no gold fact supports."""

    row: str
    subject: str
    object: str = ""
    role: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class RoleError:
    fact: GoldFact
    predicted: str


@dataclass
class Report:
    """The scores of one graph against one gold file."""

    gold_path: str
    graph_source: str
    relations: dict[str, Score] = field(default_factory=dict)
    types: dict[str, Score] = field(default_factory=dict)
    core: Score = field(default_factory=Score)
    roles: RoleScore = field(default_factory=RoleScore)
    misses: list[Miss] = field(default_factory=list)
    false_facts: list[FalseFact] = field(default_factory=list)
    role_errors: list[RoleError] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "gold": self.gold_path,
            "graph": self.graph_source,
            "core": {"relations": [r for r in CORE_RELATIONS if r in self.relations], **self.core.to_dict()},
            "relations": {rel: score.to_dict() for rel, score in self.relations.items()},
            "types": {typ: score.to_dict() for typ, score in self.types.items()},
            "roles": {"correct": self.roles.correct, "total": self.roles.total, "accuracy": self.roles.accuracy},
            "misses": [
                {"row": m.fact.row, "s": m.fact.s[0], "o": _json_object(m.fact), "role": m.fact.role or None,
                 "doc": m.fact.doc or None, "line": m.fact.line, "graph": m.hint or None}
                for m in self.misses
            ],
            "false": [
                {"row": f.row, "s": f.subject, "o": f.object or None, "role": f.role or None,
                 "evidence": [e.__dict__ for e in f.evidence]}
                for f in self.false_facts
            ],
            "role_errors": [
                {"s": e.fact.s[0], "o": e.fact.o[0], "gold": e.fact.role, "graph": e.predicted, "doc": e.fact.doc or None}
                for e in self.role_errors
            ],
        }


def _json_object(fact: GoldFact) -> object:
    if isinstance(fact.o, Decimal):
        return int(fact.o) if fact.o == fact.o.to_integral_value() else float(fact.o)
    if isinstance(fact.o, tuple):
        return fact.o[0]
    return fact.o


# ---- evaluation -------------------------------------------------------------


def evaluate(gold_path: str | Path, graph: str | Path | Graph) -> Report:
    """Score `graph` (a Turtle path or an rdflib Graph) against the gold facts in `gold_path`."""
    gold = load_gold(gold_path)
    index = GraphIndex(load_graph(graph))
    source = "<graph>" if isinstance(graph, Graph) else str(graph)
    report = Report(gold_path=str(gold_path), graph_source=source)

    by_rel: dict[str, list[GoldFact]] = defaultdict(list)
    for fact in gold:
        by_rel[fact.rel].append(fact)
    for rel in GOLD_RELATIONS:
        if rel == "type" or rel not in by_rel:
            continue
        report.relations[rel] = _score_relation(index, rel, by_rel[rel], report)
    for typ in GOLD_TYPES:
        lines = [f for f in by_rel.get("type", []) if f.type == typ]
        if lines:
            report.types[typ] = _score_type(index, typ, lines, report)
    report.core = sum((report.relations[r] for r in CORE_RELATIONS if r in report.relations), Score())
    return report


def _score_relation(index: GraphIndex, rel: str, gold: list[GoldFact], report: Report) -> Score:
    facts = predicted_facts(index, rel)
    by_subject: dict[Node, list[Predicted]] = defaultdict(list)
    for fact in facts:
        by_subject[fact.s].append(fact)
    score = Score()
    supported: dict[Predicted, bool] = {}  # fact → supported by a non-optional gold fact
    for g in gold:
        subjects = index.entities_named(g.s)
        objects = index.entities_named(g.o) if isinstance(g.o, tuple) else set()
        matches = [
            f for s in subjects for f in by_subject.get(s, ()) if _object_matches(index, g, f, objects)
        ]
        for f in matches:
            supported[f] = supported.get(f, False) or not g.optional
        if g.optional:
            continue
        if matches:
            score.tp += 1
            if rel == "attended":
                report.roles.total += 1
                roles = {f.role for f in matches}
                if g.role in roles:
                    report.roles.correct += 1
                else:
                    report.role_errors.append(RoleError(g, "/".join(sorted(roles))))
        else:
            score.fn += 1
            report.misses.append(Miss(g, _relation_hint(index, g, subjects, by_subject)))
    false = []
    for f in facts:
        if f not in supported:
            score.fp += 1
            evidence = [e for p in f.properties for e in index.evidence(f.s, p, f.o)]
            false.append(
                FalseFact(rel, index.label(f.s), _show_node(index, rel, f.o), f.role, tuple(dict.fromkeys(evidence)))
            )
        elif supported[f]:
            score.correct += 1
    report.false_facts += sorted(false, key=lambda f: (f.subject, f.object))
    return score


def _relation_hint(index: GraphIndex, gold: GoldFact, subjects: set[Node], by_subject: dict) -> str:
    if not subjects:
        return "subject not in graph"
    said = sorted({_show_node(index, gold.rel, f.o) for s in subjects for f in by_subject.get(s, ())})
    if not said:
        return f"graph has no {gold.rel} for it"
    more = f" (+{len(said) - 3})" if len(said) > 3 else ""
    return "graph has " + ", ".join(said[:3]) + more


def _score_type(index: GraphIndex, typ: str, gold: list[GoldFact], report: Report) -> Score:
    accepted = set(ACCEPTED_CLASSES[typ])
    entities = sorted((node for node, types in index.types.items() if types & accepted), key=str)
    score = Score(precision_scored=any(not g.recall_only for g in gold))
    supported: dict[Node, bool] = {}
    for g in gold:
        matches = [node for node in index.entities_named(g.s) if index.types.get(node, set()) & accepted]
        for node in matches:
            supported[node] = supported.get(node, False) or not g.optional
        if g.optional:
            continue
        if matches:
            score.tp += 1
        else:
            score.fn += 1
            named = index.entities_named(g.s)
            hint = ""
            if named:
                found = sorted({t for n in named for t in index.types.get(n, ())})
                hint = "graph types it " + ("/".join(found) if found else "with no kg: class")
            else:
                hint = "name not in graph"
            report.misses.append(Miss(g, hint))
    if not score.precision_scored:
        score.correct = sum(supported.values())
        return score
    for node in entities:
        # a Company that no Organization line names is judged in the Company row only
        if typ == "Organization" and node not in supported and "Company" in index.types[node]:
            continue
        if node not in supported:
            score.fp += 1
            report.false_facts.append(FalseFact(f"type:{typ}", index.label(node), evidence=_entity_evidence(index, node)))
        elif supported[node]:
            score.correct += 1
    return score


def _entity_evidence(index: GraphIndex, node: Node) -> tuple[Evidence, ...]:
    """Evidence of the first facts that name the entity, for a wrong entity's report line."""
    graph = index.graph
    for p, o in sorted(graph.predicate_objects(node), key=node_key):
        if index.evidence(node, p, o):
            return tuple(index.evidence(node, p, o))
    for s, p in sorted(graph.subject_predicates(node), key=node_key):
        if index.evidence(s, p, node):
            return tuple(index.evidence(s, p, node))
    articles = sorted(graph.objects(node, KG.mentionedIn), key=str)
    if articles:
        a = articles[0]
        return (
            Evidence(
                sentence="",
                rule="",
                headline=text_of(graph.value(a, DCTERMS.title)),
                date=text_of(graph.value(a, DCTERMS.date)),
                source=text_of(graph.value(a, DCTERMS.source)),
            ),
        )
    return ()


# ---- output -----------------------------------------------------------------


def _table(rows: list[list[str]]) -> list[str]:
    """Aligned columns: the first left-aligned, the others right-aligned."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(pad(cell, widths[i], right=i > 0) for i, cell in enumerate(row)).rstrip() for row in rows
    ]


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _yuan(value: Decimal) -> str:
    if abs(value) >= 100_000_000:
        return f"{(value / 100_000_000).normalize():f}亿元"
    if abs(value) >= 10_000:
        return f"{(value / 10_000).normalize():f}万元"
    return f"{value.normalize():f}元"


def _show_object(obj: GoldObject) -> str:
    if isinstance(obj, Decimal):
        return f"{obj.normalize():f} ({_yuan(obj)})"
    if isinstance(obj, tuple):
        return obj[0]
    return obj


def _show_node(index: GraphIndex, rel: str, node: Node) -> str:
    if rel in MONEY_RELATIONS:
        values = index.amounts(node)
        if values:
            return "/".join(f"{v.normalize():f}" for v in values) + f" ({index.label(node)})"
    return index.label(node)


def _score_row(name: str, score: Score) -> list[str]:
    return [
        name,
        _num(score.precision),
        _num(score.recall),
        _num(score.f1),
        str(score.tp),
        str(score.fp) if score.precision_scored else "-",
        str(score.fn),
        str(score.gold),
        str(score.pred) if score.precision_scored else "-",
    ]


def core_line(report: Report) -> str:
    core = report.core
    rels = ", ".join(r for r in CORE_RELATIONS if r in report.relations)
    return (
        f"core micro-average ({rels}): P={_num(core.precision)} R={_num(core.recall)} F1={_num(core.f1)}"
        f"  (tp={core.tp} fp={core.fp} fn={core.fn})"
    )


def format_report(report: Report) -> str:
    """The report as text: the score table, the core micro-average, then misses and false facts."""
    rows = [["row", "P", "R", "F1", "tp", "fp", "fn", "gold", "pred"]]
    rows += [_score_row(rel, score) for rel, score in report.relations.items()]
    rows += [_score_row(f"type:{typ}", score) for typ, score in report.types.items()]
    lines = [f"gold: {report.gold_path}   graph: {report.graph_source}", ""]
    lines += _table(rows)
    lines += [
        "(tp/fn: gold facts found/missed, optional ones aside; fp: graph facts no gold fact supports;",
        " pred: graph facts scored, P = (pred - fp) / pred; '-': recall_only, any extra entity is fine)",
        "",
        core_line(report),
    ]
    roles = report.roles
    if roles.total:
        lines.append(f"role accuracy (attended): {roles.correct}/{roles.total} = {_num(roles.accuracy)}")
    lines += ["", f"Missed ({len(report.misses)}): gold facts the graph lacks"]
    miss_rows = [
        [m.fact.row, m.fact.describe(), f"[{m.fact.doc}]" if m.fact.doc else f"[line {m.fact.line}]", m.hint]
        for m in report.misses
    ]
    lines += ["  " + line for line in _table_left(miss_rows)] if miss_rows else []
    lines += ["", f"False ({len(report.false_facts)}): graph facts no gold fact supports"]
    false_rows = [[f.row, _false_fact_text(f), _evidence_text(f.evidence)] for f in report.false_facts]
    lines += ["  " + line for line in _table_left(false_rows)] if false_rows else []
    if report.role_errors:
        lines += ["", f"Wrong roles ({len(report.role_errors)}): attendance found, role differs"]
        role_rows = [
            [e.fact.describe(), f"graph: {e.predicted}", f"[{e.fact.doc}]" if e.fact.doc else f"[line {e.fact.line}]"]
            for e in report.role_errors
        ]
        lines += ["  " + line for line in _table_left(role_rows)]
    return "\n".join(lines)


def _table_left(rows: list[list[str]], cap: int = 44) -> list[str]:
    """Left-aligned columns; a cell wider than `cap` pushes its line instead of widening all."""
    widths = [min(cap, max(display_width(row[i]) for row in rows)) for i in range(len(rows[0]))]
    return ["  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _false_fact_text(fact: FalseFact) -> str:
    obj = f" → {fact.object}" if fact.object else ""
    role = f" [{fact.role}]" if fact.role else ""
    return f"{fact.subject}{obj}{role}"


def _evidence_text(evidence: tuple[Evidence, ...]) -> str:
    if not evidence:
        return "(no evidence in graph)"
    first = evidence[0]
    parts = []
    if first.rule:
        parts.append(f"rule={first.rule}")
    if first.sentence:
        parts.append(f"「{first.sentence}」")
    elif first.headline:
        parts.append(f"《{first.headline}》")
    if first.source:
        parts.append(f"({first.source})")
    if len(evidence) > 1:
        parts.append(f"+{len(evidence) - 1} more")
    return " ".join(parts)

