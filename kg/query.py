"""SPARQL over a built graph: the named query library, parameters, and result formats.

A query is a name from the library (`queries/*.rq`, see `kg query --list`), a path
to a `.rq` file, or SPARQL text. The project's prefixes are known to every query.
A parameter (`--param name=林晓东`) binds a variable by a `VALUES` clause injected
where the query marks it (a line `# @params`), else right after its first `WHERE {`.

>>> rows = run_query("build/graph.ttl", "attendance", {"event": "区政府第70次常务会议"})  # doctest: +SKIP
>>> print(format_result(execute("build/store", "places")))                             # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.formats import RESULT_FORMATS
from kg.rdf.prefixes import PREFIXES, SPARQL_PREFIXES
from kg.store import QueryTarget, open_graph
from kg.tables import display_width, pad

FORMATS = RESULT_FORMATS

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_PARAM_LINE = re.compile(r"^#\s*param:\s*(\w+)\s*(\(required\))?\s*[—–:-]*\s*(.*)$")
_MARKER = re.compile(r"^([ \t]*)#[ \t]*@params[ \t]*$", re.M)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([\w.-]*):", re.I | re.M)


class QueryError(Exception):
    """A query that cannot run; the message is one line saying why and what to do."""


# ---- the library -------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    help: str


@dataclass(frozen=True)
class LibraryQuery:
    """A named query of the library: `queries/<name>.rq`."""

    name: str
    path: Path
    description: str
    params: tuple[Param, ...] = ()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def queries_dir() -> Path:
    """Where the library's `.rq` files are: `queries/` of the source tree (an editable
    install or a checkout), else `kg/queries/` shipped inside the package."""
    repo = Path(__file__).resolve().parent.parent / "queries"
    if repo.is_dir() and any(repo.glob("*.rq")):
        return repo
    packaged = Path(str(resources.files("kg") / "queries"))
    return packaged


def _describe(path: Path) -> LibraryQuery:
    description = ""
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PARAM_LINE.match(line)
        if m:
            params.append(Param(m.group(1), bool(m.group(2)), m.group(3).strip()))
        elif not description:
            description = line.lstrip("#").strip()
    return LibraryQuery(path.stem, path, description, tuple(params))


def library() -> dict[str, LibraryQuery]:
    """Every named query, by name, sorted."""
    return {p.stem: _describe(p) for p in sorted(queries_dir().glob("*.rq"))}


def list_queries() -> str:
    """The library as aligned lines: name, description, parameters."""
    rows = []
    for q in library().values():
        ps = " ".join(f"--param {p.name}=…" + ("" if p.required else "?") for p in q.params)
        rows.append([q.name, q.description + (f"  [{ps}]" if ps else "")])
    return "\n".join(pad(r[0], max(display_width(x[0]) for x in rows)) + "  " + r[1] for r in rows)


def resolve(query: str) -> tuple[str, LibraryQuery | None]:
    """The SPARQL text of a library name, a `.rq` path or inline SPARQL, and its library entry."""
    lib = library()
    if query in lib:
        return lib[query].text, lib[query]
    if query.endswith((".rq", ".sparql")) or ("\n" not in query and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            if path.stem in lib and path.parent == Path("."):
                return lib[path.stem].text, lib[path.stem]  # `attendance.rq` names the library's file
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8"), _describe(path)
    if re.fullmatch(r"[\w.-]+", query):
        names = ", ".join(lib) or f"none (no .rq files in {queries_dir()})"
        raise QueryError(f"unknown query name {query!r}; the library has: {names}")
    return query, None


# ---- parameters --------------------------------------------------------------


def sparql_term(value: str) -> str:
    """A parameter's value as SPARQL: `<…>` and `kgr:…` stay IRIs, `"…"` stays as written,
    anything else becomes a Chinese-tagged literal (how labels are written)."""
    if value.startswith("<") and value.endswith(">"):
        return value
    if value.startswith('"'):
        return value
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//"):
        return f"<{PREFIXES[prefix]}{local}>"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@zh'


def bind_params(sparql: str, params: Mapping[str, str] | None, entry: LibraryQuery | None = None) -> str:
    """Injects `VALUES ?name { … }` for each parameter; checks them against the query's
    declared parameters. Line numbers of the query are kept (the clause goes on one line)."""
    params = dict(params or {})
    if entry is not None and (entry.params or params):
        declared = {p.name: p for p in entry.params}
        for name in params:
            if name not in declared:
                known = ", ".join(declared) or "none"
                raise QueryError(f"query {entry.name!r} takes no parameter {name!r}; its parameters: {known}")
        missing = [p.name for p in entry.params if p.required and p.name not in params]
        if missing:
            p = declared[missing[0]]
            raise QueryError(f"query {entry.name!r} needs --param {p.name}=…  ({p.help})")
    if not params:
        return sparql
    for name in params:
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if not re.search(rf"[?$]{name}\b", sparql):
            raise QueryError(f"the query has no variable ?{name} to bind")
    clause = " ".join(f"VALUES ?{n} {{ {sparql_term(v)} }}" for n, v in params.items())
    marker = _MARKER.search(sparql)
    if marker:
        return sparql[: marker.start()] + marker.group(1) + clause + sparql[marker.end() :]
    where = _first_code_match(_WHERE, sparql)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no WHERE { … } (add a line '# @params')")
    return sparql[: where.end()] + " " + clause + " " + sparql[where.end() :]


def _first_code_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match outside a comment line."""
    for m in pattern.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if "#" not in text[line_start : m.start()]:
            return m
    return None


def with_prefixes(sparql: str) -> str:
    """The query with the project's PREFIX declarations it lacks prepended (for engines
    other than the store, which is given the prefixes directly)."""
    declared = set(_PREFIX_DECL.findall(sparql))
    missing = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)
    return missing + sparql


def prepare(query: str, params: Mapping[str, str] | None = None) -> str:
    """The SPARQL text to run for a library name, file or inline query, parameters bound."""
    text, entry = resolve(query)
    return bind_params(text, params, entry)


# ---- running -----------------------------------------------------------------


Term = Any  # an Oxigraph NamedNode, BlankNode, Literal or Triple


@dataclass
class Result:
    """A query's answer: rows of terms (None where unbound), a boolean, or triples."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


def _target(graph: QueryTarget | ox.Store | Path | str) -> QueryTarget:
    if isinstance(graph, QueryTarget):
        return graph
    if isinstance(graph, ox.Store):
        return QueryTarget(graph, Path("<store>"), on_disk=False)
    try:
        return open_graph(graph)
    except (FileNotFoundError, ValueError) as e:
        raise QueryError(str(e)) from None
    except OSError as e:
        raise QueryError(f"{graph}: cannot open the store: {e}") from None


def execute(graph: QueryTarget | ox.Store | Path | str, query: str, params: Mapping[str, str] | None = None) -> Result:
    """Runs a library name, `.rq` file or SPARQL text on a graph (a QueryTarget, a store,
    or a path to graph.ttl or a store folder)."""
    text, entry = resolve(query)
    sparql = bind_params(text, params, entry)
    target = _target(graph)
    where = f" in {entry.name}" if entry else ""
    try:
        answer = target.query(sparql)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error{where}: {e}") from None
    except OSError as e:
        raise QueryError(f"query failed{where}: {e}") from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [[solution[v] for v in variables] for solution in answer]
            return Result("select", variables, rows)
        return Result("graph", triples=list(answer))
    except OSError as e:
        raise QueryError(f"query failed{where}: {e}") from None


# ---- terms as values ---------------------------------------------------------


def shorten(iri: str) -> str:
    """`https://w3id.org/kg-news/id/Person/林晓东` → `kgr:Person/林晓东`."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def display(term: Term | None) -> str:
    """How a term reads in a table: a literal's lexical value, a shortened IRI."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def python_value(term: Term | None, *, compact: bool = True) -> Any:
    """A term as a Python value: numbers, dates and booleans typed, other literals as
    str, IRIs shortened (`compact`) or full."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value if term.datatype is not None else ""
        try:
            if dtype in _INTEGERS:
                return int(term.value)
            if dtype == f"{_XSD}decimal":
                d = Decimal(term.value)
                return int(d) if d == d.to_integral_value() else d
            if dtype in (f"{_XSD}double", f"{_XSD}float"):
                return float(term.value)
            if dtype == f"{_XSD}boolean":
                return term.value in ("true", "1")
            if dtype == f"{_XSD}date":
                return dt.date.fromisoformat(term.value)
        except (ValueError, InvalidOperation):
            pass
        return term.value
    if isinstance(term, ox.NamedNode):
        return shorten(term.value) if compact else term.value
    return display(term)


def run_query(graph: Any, query: str, params: Mapping[str, str] | None = None, *, compact: bool = True) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts of Python values (see `python_value`); an ASK gives
    `[{"boolean": …}]`, a CONSTRUCT its triples as subject/predicate/object dicts.

    >>> run_query("build/graph.ttl", "positions", {"name": "林晓东"})  # doctest: +SKIP
    [{'person': '林晓东', 'title': '县长', 'organisation': '青溪县人民政府', ...}]
    """
    result = execute(graph, query, params)
    if result.kind == "ask":
        return [{"boolean": result.boolean}]
    if result.kind == "graph":
        return [{"subject": python_value(t.subject, compact=compact),
                 "predicate": python_value(t.predicate, compact=compact),
                 "object": python_value(t.object, compact=compact)} for t in result.triples]
    return [{v: python_value(t, compact=compact) for v, t in zip(result.variables, row)} for row in result.rows]


def to_dataframe(graph: Any, query: str, params: Mapping[str, str] | None = None):
    """`run_query` as a pandas DataFrame, columns in the query's order."""
    import pandas as pd

    result = execute(graph, query, params)
    if result.kind != "select":
        return pd.DataFrame(run_query(graph, query, params))
    return pd.DataFrame([[python_value(t) for t in row] for row in result.rows], columns=result.variables)


# ---- output formats ----------------------------------------------------------


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())  # a table cell is one line
    if limit <= 0 or display_width(text) <= limit:
        return text
    out, width = [], 0
    for c in text:
        w = display_width(c)
        if width + w > limit - 1:
            break
        out.append(c)
        width += w
    return "".join(out) + "…"


def format_table(result: Result, *, max_width: int = 60) -> str:
    """An aligned table for the terminal; cells longer than `max_width` columns are cut (0: never)."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return _ntriples(result)
    header = result.variables
    body = [[_truncate(display(t), max_width) for t in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in body]
    n = len(body)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def _ntriples(result: Result) -> str:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples).rstrip("\n")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.Literal, ox.NamedNode)):
        return term.value
    return str(term)


def to_csv(result: Result, *, delimiter: str = ",") -> str:
    """SPARQL 1.1 CSV results: a header of variable names, values as plain strings."""
    if result.kind == "ask":
        return f"boolean\r\n{'true' if result.boolean else 'false'}\r\n"
    if result.kind == "graph":
        return _ntriples(result)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([[_csv_value(t) for t in row] for row in result.rows])
    return out.getvalue()


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results: `?var` headers, values in N-Triples syntax, one row a line."""
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    if result.kind == "graph":
        return _ntriples(result)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != f"{_XSD}string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON; Chinese stays readable (no \\u escapes)."""
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    elif result.kind == "graph":
        doc = {"head": {"vars": ["subject", "predicate", "object"]},
               "results": {"bindings": [{"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                         "object": _json_term(t.object)} for t in result.triples]}}
    else:
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def format_result(result: Result, fmt: str = "table", *, max_width: int = 60) -> str:
    """The result in one of FORMATS."""
    if fmt == "table":
        return format_table(result, max_width=max_width)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result)
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """`["name=林晓东"]` → `{"name": "林晓东"}`; an error names the malformed pair."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: write it as NAME=VALUE, e.g. --param name=林晓东")
        params[name.strip().lstrip("?$")] = value
    return params


__all__ = [
    "FORMATS", "LibraryQuery", "Param", "QueryError", "Result", "bind_params", "display",
    "execute", "format_result", "format_table", "library", "list_queries", "parse_params", "prepare",
    "python_value", "queries_dir", "resolve", "run_query", "shorten", "sparql_term", "to_csv", "to_dataframe",
    "to_json", "to_tsv", "with_prefixes", "SPARQL_PREFIXES",
]
