"""SPARQL over a built graph: the named query library, parameters, and result formats.

A query is a name from the library (`queries/*.rq`, see `kg query --list`), a path
to a `.rq` file, or SPARQL text. The project's prefixes are known to every query.
A parameter (`--param name=林晓东`) binds a variable by a `VALUES` clause injected
where the query marks it (a line `# @params`), else right after its first `WHERE {`.

>>> rows = run_query("build/graph.ttl", "attendance", {"event": "衢江区政府第70次常务会议"})  # doctest: +SKIP
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
from kg.limits import QUERY_MAX_ROWS, QUERY_TIMEOUT
from kg.rdf.prefixes import PREFIXES, SPARQL_PREFIXES
from kg.store import QueryTarget, open_graph
from kg.tables import display_width, pad

FORMATS = RESULT_FORMATS

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_PARAM_LINE = re.compile(r"^#\s*param:\s*(\w+)\s*(\(required(?:,\s*or\s+(\w+))?\))?\s*[—–:-]*\s*(.*)$")
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
    instead: str = ""  # a parameter that may be given in its place: `(required, or entity)`


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
            params.append(Param(m.group(1), bool(m.group(2)), m.group(4).strip(), m.group(3) or ""))
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


@dataclass(frozen=True)
class Iri:
    """A parameter's value to bind as an IRI (`--param-iri`), not as a literal."""

    value: str


# Characters an IRI in SPARQL cannot hold (IRIREF's exclusions): one of them could end the IRI.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_value(value: str) -> Iri:
    """`kgr:Person/林晓东` or a full IRI, checked: nothing in it can end the IRI."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if _NOT_IN_IRI.search(value) or ":" not in value:
        raise QueryError(f"--param-iri {value!r}: not an IRI (write a full IRI or kgr:Class/name, without spaces, <, >, quotes or braces)")
    try:
        ox.NamedNode(value)
    except ValueError as e:
        raise QueryError(f"--param-iri {value!r}: not an IRI: {e}") from None
    return Iri(value)


def literal_term(value: str) -> str:
    """A string as one Chinese-tagged SPARQL literal, whatever it holds (quotes, braces,
    `>`, newlines, backslashes stay inside the literal)."""
    escaped = value.replace("\\", "\\\\")
    # Oxigraph reads \uXXXX inside strings before their escapes: the u after an escaped
    # backslash is written \u0075 so that the backslash stays a backslash
    escaped = re.sub(r"(?<=\\\\)([uU])", lambda m: f"\\u{ord(m.group(1)):04X}", escaped)
    escaped = (escaped.replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f"))
    return f'"{escaped}"@zh'


def sparql_term(value: str | Iri) -> str:
    """A parameter's value as one SPARQL term: an `Iri` as `<…>`, anything else as one
    Chinese-tagged literal (how labels are written) — never more than one term."""
    if isinstance(value, Iri):
        return f"<{iri_value(value.value).value}>"
    return literal_term(str(value))


def bind_params(sparql: str, params: Mapping[str, Any] | None, entry: LibraryQuery | None = None) -> str:
    """Injects `VALUES ?name { … }` for each parameter; checks them against the query's
    declared parameters. A value is a string (one literal), an `Iri`, or a tuple of them
    (the names a partial value matched). Line numbers of the query are kept (the clause
    goes on one line)."""
    params = dict(params or {})
    if entry is not None and (entry.params or params):
        declared = {p.name: p for p in entry.params}
        for name in params:
            if name not in declared:
                known = ", ".join(declared) or "none"
                raise QueryError(f"query {entry.name!r} takes no parameter {name!r}; its parameters: {known}")
        missing = [p.name for p in entry.params if p.required and p.name not in params and p.instead not in params]
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

    def terms(value: Any) -> str:
        values = value if isinstance(value, tuple) else (value,)
        return " ".join(sparql_term(v) for v in values)

    clause = " ".join(f"VALUES ?{n} {{ {terms(v)} }}" for n, v in params.items())
    marker = _MARKER.search(sparql)
    if marker:
        return sparql[: marker.start()] + marker.group(1) + clause + sparql[marker.end() :]
    where = _first_code_match(_WHERE, sparql)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no WHERE { … } (add a line '# @params')")
    return sparql[: where.end()] + " " + clause + " " + sparql[where.end() :]


def label_params(sparql: str, params: Mapping[str, Any]) -> dict[str, str]:
    """The literal parameters that a query matches against labels (`?x rdfs:label ?name`),
    each with the class the query gives that thing (`kg:Person`), or "" when none."""
    found = {}
    for name, value in params.items():
        if not isinstance(value, str):
            continue
        m = re.search(rf"\?(\w+)\s+rdfs:label\s+\?{name}\b([^.}}]*)", sparql)
        if not m:
            continue
        cls = re.search(r";\s*a\s+(kg:\w+)", m.group(2))
        if not cls:
            cls = re.search(rf"\?{m.group(1)}\s+a\s+(kg:\w+)", sparql)
        found[name] = cls.group(1) if cls else ""
    return found


def _shown(value: str) -> str:
    """A value on one line: its line breaks and tabs written as escapes."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


# Names listed in a "did you mean" line, and names a partial value may stand for at most.
SUGGESTIONS = 5
MOST_MATCHES = 200


def _labels_containing(target: Any, value: str, cls: str) -> list[str]:
    typed = f" ; a {cls}" if cls else ""
    sparql = (f"SELECT DISTINCT ?l WHERE {{ ?s rdfs:label ?l{typed} . FILTER(CONTAINS(STR(?l), {literal_term(value)[:-3]})) }}"
              f" ORDER BY STRLEN(STR(?l)) STR(?l) LIMIT {MOST_MATCHES + 1}")
    return [str(python_value(row[0])) for row in _run(target, sparql).rows]


def nearest_names(target: Any, value: str, cls: str = "", n: int = SUGGESTIONS) -> list[str]:
    """The graph's labels (of things of class `cls`) nearest to `value`: the most characters
    in common, in order (difflib's ratio), then the shortest."""
    import difflib

    typed = f" ; a {cls}" if cls else ""
    labels = {str(python_value(r[0])) for r in _run(target, f"SELECT DISTINCT ?l WHERE {{ ?s rdfs:label ?l{typed} }}").rows}
    chars = set(value)
    scored = []
    for label in labels:
        if chars & set(label):
            scored.append((-difflib.SequenceMatcher(None, value, label).ratio(), len(label), label))
    return [label for _, _, label in sorted(scored)[:n]]


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


class QueryTimeout(QueryError):
    """A query ran past its time limit."""


class ResultTooLarge(QueryError):
    """A query's answer has more rows than the limit."""


# What `kg query` and `kg serve` allow a query unless told otherwise (see kg.limits).
DEFAULT_TIMEOUT = QUERY_TIMEOUT
DEFAULT_MAX_ROWS = QUERY_MAX_ROWS


class RemoteEndpoint:
    """A SPARQL 1.1 Protocol endpoint at `url` (`…/query` of `kg serve`, Oxigraph, Fuseki …).

    `query` gives ("select", variables, rows), ("ask", bool) or ("graph", triples)."""

    remote = True

    def __init__(self, url: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.url = url
        self.timeout = timeout

    def query(self, sparql: str) -> Any:
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"query": with_prefixes(sparql)}).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout or None) as answer:
                kind = answer.headers.get_content_type()
                data = answer.read()
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace").strip()
            line = " ".join(text.split())[:300] or e.reason
            raise QueryError(f"{self.url}: the endpoint answered {e.code}: {line}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            if "timed out" in str(reason):
                raise QueryTimeout(f"{self.url}: no answer within {self.timeout:g} s (--timeout to wait longer)") from None
            raise QueryError(f"{self.url}: cannot reach the endpoint: {reason}") from None
        if kind in ("application/sparql-results+json", "application/json"):
            return from_json_results(data, self.url)
        formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                   "text/plain": ox.RdfFormat.N_TRIPLES}
        if kind in formats:
            return ("graph", list(t.triple if isinstance(t, ox.Quad) else t for t in ox.parse(data, format=formats[kind])))
        raise QueryError(f"{self.url}: the endpoint answered {kind or 'without a type'}, not SPARQL results")


def _from_json_term(term: dict[str, Any]) -> Term:
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind == "triple":
        v = value
        return ox.Triple(_from_json_term(v["subject"]), _from_json_term(v["predicate"]), _from_json_term(v["object"]))
    if term.get("xml:lang"):
        return ox.Literal(value, language=term["xml:lang"])
    if term.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(value)


def from_json_results(data: bytes, url: str) -> Any:
    """SPARQL JSON results as `RemoteEndpoint.query` gives them; `url` names the source in errors."""
    try:
        doc = json.loads(data)
        if "boolean" in doc:
            return ("ask", bool(doc["boolean"]))
        variables = list(doc["head"]["vars"])
        rows = [[_from_json_term(b[v]) if v in b else None for v in variables] for b in doc["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as e:
        raise QueryError(f"{url}: the endpoint's answer is not SPARQL JSON results ({type(e).__name__}: {e})") from None
    return ("select", variables, rows)


def is_endpoint(graph: Any) -> bool:
    """True for an `http(s)://` address: a SPARQL endpoint rather than a file or store."""
    return isinstance(graph, str) and graph.startswith(("http://", "https://"))


def open_target(graph: QueryTarget | ox.Store | RemoteEndpoint | Path | str) -> QueryTarget | RemoteEndpoint:
    if isinstance(graph, QueryTarget) or getattr(graph, "remote", False):
        return graph  # (anything with `remote` answers like RemoteEndpoint.query)
    if isinstance(graph, ox.Store):
        return QueryTarget(graph, Path("<store>"), on_disk=False)
    if is_endpoint(graph):
        return RemoteEndpoint(graph)
    try:
        return open_graph(graph)
    except (FileNotFoundError, ValueError) as e:
        raise QueryError(str(e)) from None
    except OSError as e:
        raise QueryError(f"{graph}: cannot open the store: {e}") from None


_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def readable_syntax_error(message: str, sparql: str) -> str:
    """Oxigraph's parser message (a position and a dump of the grammar) as one line: where,
    the text there, and what was expected in words — the known prefixes for an unknown one."""
    m = _ERROR_AT.match(str(message))
    if not m:
        return " ".join(str(message).split())[:300]
    line, column, expected = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    near = text[max(0, column - 16): column + 16].strip()
    where = f"line {line}, column {column}" + (f" (near 「{near}」)" if near else "")
    if "Prefix not found" in expected:
        used = re.findall(r"(?<![\w?$:<])([A-Za-z][\w.-]*):(?!//)", text[: column])
        name = f" {used[-1]}:" if used else ""
        return f"{where}: unknown prefix{name}; the known ones are {', '.join(p + ':' for p in PREFIXES)} (or declare it with PREFIX)"
    words = re.findall(r"\b[A-Z][A-Z_]{2,}\b", expected)
    if words:
        return f"{where}: expected {' or '.join(dict.fromkeys(words[:6]))}"
    return f"{where}: {' '.join(expected.split())[:120]}"


def _in_thread(call: Any, timeout: float | None) -> Any:
    """`call()` with a time limit: Oxigraph releases the GIL while it evaluates, so the query
    runs in a daemon thread and is given up (QueryTimeout) when the limit passes. (The CLI
    exits then, which ends the thread; a library caller's thread runs on to the end.)"""
    if not timeout:
        return call()
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as e:  # handed to the caller
            # without its frames: they hold Oxigraph's results, which must be dropped in this thread
            e.__traceback__ = e.__context__ = None
            box["error"] = e

    worker = threading.Thread(target=run, daemon=True, name="kg-query")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped (--timeout SECONDS to allow more, 0 for no limit)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _run(target: QueryTarget | RemoteEndpoint, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
         where: str = "") -> Result:
    """Runs SPARQL text on a target; the rows are read within the time limit, at most `max_rows`."""

    def call() -> Result:
        if getattr(target, "remote", False):
            answer = target.query(sparql)
            if answer[0] == "ask":
                return Result("ask", boolean=answer[1])
            if answer[0] == "graph":
                return Result("graph", triples=answer[1])
            result = Result("select", answer[1], answer[2])
        else:
            try:
                answer = target.query(sparql)
                if isinstance(answer, ox.QueryBoolean):
                    return Result("ask", boolean=bool(answer))
                if isinstance(answer, ox.QuerySolutions):
                    variables = [v.value for v in answer.variables]
                    result = Result("select", variables)
                    for solution in answer:
                        result.rows.append([solution[v] for v in variables])
                        if max_rows and len(result.rows) > max_rows:
                            break
                else:
                    result = Result("graph")
                    for triple in answer:
                        result.triples.append(triple)
                        if max_rows and len(result.triples) > max_rows:
                            break
            except SyntaxError as e:
                raise QueryError(f"SPARQL syntax error{where}: {readable_syntax_error(str(e), sparql)}") from None
            except OSError as e:
                raise QueryError(f"query failed{where}: {' '.join(str(e).split())[:300]}") from None
        if max_rows and len(result) > max_rows:
            raise ResultTooLarge(f"the answer has more than {max_rows:,} rows (--max-rows N to allow more, 0 for no limit; or add LIMIT)")
        return result

    return _in_thread(call, timeout)


def execute(graph: QueryTarget | ox.Store | RemoteEndpoint | Path | str, query: str, params: Mapping[str, Any] | None = None,
            *, timeout: float | None = None, max_rows: int | None = None, notes: list[str] | None = None) -> Result:
    """Runs a library name, `.rq` file or SPARQL text on a graph: a QueryTarget, a store, a
    path to graph.ttl or a store folder, or the URL of a SPARQL endpoint.

    A parameter matched against labels finds the exact name first; failing that, the names
    that contain it (a line in `notes` says which), and failing those a QueryError with a
    "did you mean" list of the nearest names. `timeout` (seconds) and `max_rows` bound the
    query (QueryTimeout, ResultTooLarge)."""
    text, entry = resolve(query)
    params = dict(params or {})
    sparql = bind_params(text, params, entry)
    target = open_target(graph)
    where = f" in {entry.name}" if entry else ""
    result = _run(target, sparql, timeout=timeout, max_rows=max_rows, where=where)
    labelled = label_params(text, params) if not len(result) and result.kind == "select" else {}
    if not labelled:
        return result
    widened = dict(params)
    for name, cls in labelled.items():
        value = params[name]
        if _run(target, f"ASK {{ ?s rdfs:label {literal_term(value)} }}").boolean:
            continue  # the name is there: the answer is empty on its own
        found = _labels_containing(target, value, cls)
        if not found:
            near = nearest_names(target, value, cls)
            thing = f"{cls.removeprefix('kg:')} " if cls else ""
            hint = f"; did you mean: {'、'.join(near)}" if near else ""
            raise QueryError(f"no {thing}name is or contains 「{_shown(value)}」 (--param {name}){hint}")
        if len(found) > MOST_MATCHES:
            found = found[:MOST_MATCHES]
            extra = f" (the {MOST_MATCHES} shortest)"
        else:
            extra = ""
        widened[name] = tuple(found)
        if notes is not None:
            shown = "、".join(found[:SUGGESTIONS]) + ("…" if len(found) > SUGGESTIONS else "")
            names = f"{len(found)} names contain it" if len(found) > 1 else "1 name contains it"
            notes.append(f"--param {name}={_shown(value)}: no exact name; {names}{extra}: {shown}")
    if widened == params:
        return result
    return _run(target, bind_params(text, widened, entry), timeout=timeout, max_rows=max_rows, where=where)


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


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def to_tsv(result: Result) -> str:
    """Tab-separated values as `csv` gives them: a header of variable names, plain values (tabs
    and line breaks inside a value become spaces, so one row is one line)."""
    if result.kind == "ask":
        return f"boolean\n{'true' if result.boolean else 'false'}\n"
    if result.kind == "graph":
        return _ntriples(result)
    lines = ["\t".join(result.variables)]
    lines += ["\t".join(_one_line(_csv_value(t)) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_sparql_tsv(result: Result) -> str:
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


def to_sparql_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (the protocol's shape); Chinese stays readable (no \\u escapes)."""
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


def _json_value(term: Term | None) -> Any:
    value = python_value(term, compact=False)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def records(result: Result) -> list[dict[str, Any]]:
    """The answer as one dict per row, values plain (numbers typed, IRIs in full, None unbound):
    what `json` and `jsonl` print."""
    if result.kind == "ask":
        return [{"boolean": bool(result.boolean)}]
    if result.kind == "graph":
        return [{"subject": _json_value(t.subject), "predicate": _json_value(t.predicate), "object": _json_value(t.object)}
                for t in result.triples]
    return [{v: _json_value(t) for v, t in zip(result.variables, row)} for row in result.rows]


def to_json(result: Result) -> str:
    """A JSON array of records (see `records`); Chinese stays readable."""
    return json.dumps(records(result), ensure_ascii=False, indent=1) + "\n"


def to_jsonl(result: Result) -> str:
    """One JSON record a line (newline-delimited JSON)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(result))


def format_result(result: Result, fmt: str = "table", *, max_width: int = 60) -> str:
    """The result in one of FORMATS: `table` to read; `csv`, `tsv`, `json` (records) and
    `jsonl` with plain values for scripts; `sparql-json` for the protocol's shape."""
    writers = {"csv": to_csv, "tsv": to_tsv, "json": to_json, "jsonl": to_jsonl, "sparql-json": to_sparql_json}
    if fmt == "table":
        return format_table(result, max_width=max_width)
    if fmt in writers:
        return writers[fmt](result)
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def parse_params(pairs: Iterable[str], iri_pairs: Iterable[str] = ()) -> dict[str, str | Iri]:
    """`["name=林晓东"]` → `{"name": "林晓东"}` (a literal, whatever it holds); `iri_pairs`
    (`--param-iri x=kgr:Person/林晓东`) bind IRIs. An error names the malformed pair."""
    params: dict[str, str | Iri] = {}
    for option, items in (("--param", pairs), ("--param-iri", iri_pairs)):
        for pair in items:
            name, sep, value = pair.partition("=")
            if not sep or not name.strip():
                raise QueryError(f"{option} {pair!r}: write it as NAME=VALUE, e.g. --param name=林晓东")
            params[name.strip().lstrip("?$")] = iri_value(value) if option == "--param-iri" else value
    return params


def read_query(query: str, stdin: Any = None) -> str:
    """`-` is the query read from standard input; anything else as given."""
    if query != "-":
        return query
    import sys

    text = (stdin or sys.stdin).read()
    if not text.strip():
        raise QueryError("no query on standard input (QUERY '-' reads it from there)")
    return text


__all__ = [
    "DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "FORMATS", "Iri", "LibraryQuery", "Param", "QueryError", "QueryTimeout",
    "RemoteEndpoint", "Result", "ResultTooLarge", "bind_params", "display", "display_width", "execute", "format_result", "from_json_results",
    "format_table", "is_endpoint", "iri_value", "library", "list_queries", "literal_term", "nearest_names", "open_target", "parse_params",
    "prepare", "python_value", "queries_dir", "read_query", "readable_syntax_error", "records", "resolve", "run_query",
    "shorten", "sparql_term", "to_csv", "to_dataframe", "to_json", "to_jsonl", "to_sparql_json", "to_sparql_tsv",
    "to_tsv", "with_prefixes", "SPARQL_PREFIXES",
]
