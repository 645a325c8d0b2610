"""A SPARQL 1.1 Protocol endpoint over a built graph, with kg's query page for the browser.

`/query` answers SPARQL queries (GET `?query=`, POST `application/sparql-query` or
form-encoded) in JSON, XML, CSV or TSV results, N-Triples or Turtle for graphs; `/` is
a page with the query library as tabs, its parameters as form fields, results as
a table linking the entities, and `/view` the graph's HTML view. Every asset is served
from the package: the page asks nothing of any other host.

The endpoint is locked down by default: it listens on loopback; it answers only requests
naming it (`Host: localhost` or its address: a page on another site cannot reach it by
DNS rebinding) and no cross-origin request (`cors` allows them); it refuses updates on
`/update`, `/store` and `/query` unless `allow_update`; it refuses `SERVICE` (a query
would make this machine send requests to other hosts) unless `allow_service`, and `LOAD`
always (it reads files or other hosts; `kg build` and `kg load` add triples). A query runs
in a worker process, stopped at the time limit and answered `503` with one line, and an
answer larger than the size limit is `507` with one line: never a `200` with a cut body.

A store folder is opened again for each query when it changed (a rebuild swaps a new one
in), and a Turtle file, loaded into a temporary store, is loaded again when it changed:
the endpoint follows the build.

>>> with serve("build/graph.ttl", port=0) as endpoint:   # doctest: +SKIP
...     print(endpoint.query_url)
http://127.0.0.1:40521/query
"""

from __future__ import annotations

import errno
import gc
import io
import ipaddress
import json
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from kg.limits import QUERY_TIMEOUT as DEFAULT_TIMEOUT
from kg.limits import SERVE_MAX_RESULT_BYTES as DEFAULT_MAX_RESULT_BYTES
from kg.store import is_store, load_store

# A request body (a query, an update, triples for /store) larger than this is refused.
MAX_REQUEST_BYTES = 16 * 2**20
# Worker processes answering queries at once (one per core of the 2-core machines it runs on).
DEFAULT_WORKERS = 2

_RESULT_TYPES = {  # media type → (the results' format name, for SELECT/ASK)
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {"application/n-triples": "nt", "text/turtle": "ttl", "text/plain": "nt"}
_CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                 "nt": "application/n-triples", "ttl": "text/turtle; charset=utf-8"}
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")

# kg's page: its own assets only, and requests to this server only.
_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# The HTML view: one file with its scripts inline, reaching nothing (as its own meta policy says).
_VIEW_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
                "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
_ASSETS = {"serve.js": "application/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}


class ServeError(Exception):
    """The endpoint could not start; the message says why."""


class Refused(Exception):
    """A request the endpoint does not answer: `status` and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on `host` now (the OS picks it)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# ---- what a query may do -------------------------------------------------------

# Strings, IRIs and comments, in the order SPARQL's lexer meets them: a keyword inside one is not a keyword.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>' r"|#[^\n\r]*",
    re.S,
)


def keywords(sparql: str) -> set[str]:
    """The upper-cased words of a query outside its strings, IRIs and comments that are not
    parts of variables or prefixed names: `SERVICE`, `LOAD` … as the parser will read them."""
    code = _NOT_CODE.sub(" ", sparql)
    return {w.upper() for w in re.findall(r"(?<![\w?$:.\-])([A-Za-z]+)(?![\w:.\-])", code)}


def check_query(sparql: str, *, allow_service: bool) -> None:
    """Raises Refused for what the endpoint does not run: SERVICE (unless allowed) and LOAD."""
    words = keywords(sparql)
    if "SERVICE" in words and not allow_service:
        raise Refused(403, "SERVICE is refused: it would make this server send requests to other hosts "
                           "(kg serve --allow-service allows it)")
    if "LOAD" in words:
        raise Refused(403, "LOAD is refused: it reads files or other hosts (add triples with kg build or kg load)")


# ---- the worker processes ------------------------------------------------------------


class _Capped(io.RawIOBase):
    """A byte buffer refusing to grow past `limit`: a result's serialisation stops there."""

    def __init__(self, limit: int) -> None:
        self.data = bytearray()
        self.limit = limit
        self.over = False

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        if len(self.data) + len(b) > self.limit:
            self.over = True
            raise OSError("the answer is larger than the limit")
        self.data += b
        return len(b)


def _choose(accept: str, table: dict[str, str], default: str) -> str:
    """The format the Accept header asks for first among `table`'s, else `default`."""
    wanted = []
    for i, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        wanted.append((-q, i, media.strip().lower()))
    for _, _, media in sorted(wanted):
        if media in table:
            return table[media]
    return default


def _answer(store: Any, op: str, text: str, accept: str, limit: int, prefixes: dict[str, str]) -> tuple:
    """One job in a worker: ("ok", content type, body) or ("error", status, message)."""
    import pyoxigraph as ox

    if op == "update":
        store.update(text, prefixes=prefixes)
        store.flush()
        return ("ok", "text/plain; charset=utf-8", b"")
    if op in ("add", "replace"):
        fmt = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[accept]
        if op == "replace":
            store.clear_graph(ox.DefaultGraph())
        store.load(text.encode("utf-8"), format=fmt, to_graph=ox.DefaultGraph())
        store.flush()
        return ("ok", "text/plain; charset=utf-8", b"")
    answer = store.query(text, prefixes=prefixes)
    out = _Capped(limit)
    try:
        if isinstance(answer, ox.QueryTriples):
            fmt = _choose(accept, _GRAPH_TYPES, "nt")
            answer.serialize(out, {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[fmt])
        else:
            fmt = _choose(accept, _RESULT_TYPES, "json")
            formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                       "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
            answer.serialize(out, formats[fmt])
    except OSError:
        if out.over:
            return ("error", 507, f"the answer is larger than {limit / 2**20:g} MB and was not sent "
                                  "(add LIMIT, or kg serve --max-result-mb to allow more)")
        raise
    return ("ok", _CONTENT_TYPE[fmt], bytes(out.data))


def _worker_main(conn: Any) -> None:
    """A worker's loop: open the store (again when it changed), answer jobs, until the pipe closes."""
    import pyoxigraph as ox

    store, opened = None, None
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        path, signature, op, text, accept, limit, prefixes = job
        try:
            writes = op != "query"
            if writes or opened != (path, signature):
                store = None
                gc.collect()
                opened = None
            if store is None:
                try:
                    store = ox.Store(path) if writes else ox.Store.read_only(path)
                except OSError as e:
                    raise Refused(503, f"the store {path} cannot be opened (is a build replacing it? try again): "
                                       f"{' '.join(str(e).split())[:200]}") from None
                opened = None if writes else (path, signature)
            reply = _answer(store, op, text, accept, limit, prefixes)
            if writes:
                store = None
                gc.collect()
        except Refused as e:
            reply = ("error", e.status, str(e))
        except SyntaxError as e:
            from kg.query import readable_syntax_error

            reply = ("error", 400, f"SPARQL syntax error: {readable_syntax_error(str(e), text)}")
        except (OSError, ValueError, RuntimeError) as e:
            reply = ("error", 400 if isinstance(e, ValueError) else 500, " ".join(str(e).split())[:300] or type(e).__name__)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def worker_process(fd: int) -> None:
    """The entry of a worker process: answer jobs on the socket `fd` (see `_Pool`)."""
    from multiprocessing.connection import Connection

    _worker_main(Connection(fd))


class _Pool:
    """Worker processes, each with the store open; one that runs past the time limit is killed
    and replaced (Oxigraph cannot stop a query from outside, a process can be). Each is a fresh
    Python (`python -c`), talking over a socket pair: nothing of the server's threads is copied."""

    def __init__(self, size: int) -> None:
        self.idle: queue.Queue = queue.Queue()
        self.all: list = []
        self.lock = threading.Lock()
        self.closed = False
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self) -> tuple:
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        mine, theirs = socket.socketpair()
        process = subprocess.Popen(
            [sys.executable, "-c", f"from kg.serve import worker_process; worker_process({theirs.fileno()})"],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        theirs.close()
        conn = Connection(mine.detach())
        worker = (process, conn)
        with self.lock:
            self.all.append(worker)
        return worker

    def _retire(self, worker: tuple) -> None:
        process, conn = worker
        if process.poll() is None:
            process.kill()
        try:
            process.wait(5)
        except Exception:  # noqa: BLE001  (killed: it ends)
            pass
        conn.close()
        with self.lock:
            if worker in self.all:
                self.all.remove(worker)

    def _replace(self) -> None:
        if not self.closed:
            worker = self._start()
            if self.closed:
                self._retire(worker)
            else:
                self.idle.put(worker)

    def run(self, job: tuple, timeout: float | None) -> tuple:
        started = time.monotonic()
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise Refused(503, f"every worker stayed busy for {timeout:g} s; try again") from None
        process, conn = worker
        left = None if timeout is None else max(0.0, timeout - (time.monotonic() - started))
        try:
            conn.send(job)
            ready = conn.poll(left)
            reply = conn.recv() if ready else None
        except (EOFError, OSError):
            ready, reply = True, None
        if reply is None:
            self._retire(worker)
            threading.Thread(target=self._replace, daemon=True).start()  # (a new Python takes a moment)
            if not ready:
                raise Refused(503, f"the query ran longer than {timeout:g} s and was stopped "
                                   "(the server's time limit: kg serve --timeout SECONDS)")
            raise Refused(500, "the worker answering the query stopped; try again")
        self.idle.put(worker)
        return reply

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.all)
        for worker in workers:
            self._retire(worker)


# ---- the graph served ----------------------------------------------------------------


class _Graph:
    """The store queries go to: a store folder as given, or a temporary store holding an RDF
    file, loaded again when the file changes."""

    def __init__(self, graph: Path) -> None:
        self.source = graph
        self.lock = threading.Lock()
        self.generation = 0  # bumped by each update this server makes
        self.temporary: Path | None = None
        if graph.is_dir():
            if not is_store(graph):
                raise ServeError(f"{graph}: not a store folder; give graph.ttl or the store/ folder of a build")
            self.store_dir = graph
            self.file_signature = None
        else:
            self.file_signature = self._file_signature()
            self.store_dir = self._load()

    def _file_signature(self) -> tuple:
        st = self.source.stat()
        return (st.st_mtime_ns, st.st_size)

    def _load(self) -> Path:
        temporary = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        try:
            load_store(self.source, temporary / "store")
        except Exception as e:
            shutil.rmtree(temporary, ignore_errors=True)
            raise ServeError(f"{self.source}: cannot load: {' '.join(str(e).split())[:300]}") from None
        old, self.temporary = self.temporary, temporary
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return temporary / "store"

    def current(self) -> tuple[str, tuple]:
        """The store folder to query now, and a signature that changes when its content does."""
        with self.lock:
            if self.file_signature is not None:
                try:
                    signature = self._file_signature()
                except OSError:
                    signature = self.file_signature  # (being replaced: keep the last good load)
                if signature != self.file_signature:
                    try:
                        self.store_dir = self._load()
                        self.file_signature = signature
                    except ServeError:
                        pass  # a half-written file: the last good load answers until it is whole
            try:
                st = self.store_dir.stat()
                signature = (st.st_ino, st.st_mtime_ns, self.generation)
            except OSError:
                signature = (None, None, self.generation)
            return str(self.store_dir), signature

    def view_page(self) -> bytes:
        """The graph's HTML view: the build's own graph.html beside its store, else drawn now."""
        from kg.view.page import read_for_view, write_view

        beside = self.store_dir.parent / "graph.html"
        if self.file_signature is None and beside.is_file() and (self.store_dir.parent / "manifest.json").is_file():
            return beside.read_bytes()
        if self.file_signature is None:
            from kg.view.neighbourhood import read_store

            rdf = read_store(self.store_dir)
        else:
            rdf = read_for_view(self.source)
        with tempfile.TemporaryDirectory(prefix="kg-view-") as tmp:
            write_view(rdf, Path(tmp) / "graph.html", title=self.source.name)
            return (Path(tmp) / "graph.html").read_bytes()

    def close(self) -> None:
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
            self.temporary = None


# ---- HTTP -------------------------------------------------------------------------------


@dataclass
class Settings:
    allow_update: bool = False
    allow_service: bool = False
    cors: bool = False
    check_host: bool = True
    hosts: frozenset[str] = frozenset()
    timeout: float | None = DEFAULT_TIMEOUT
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES


class _WorkerTarget:
    """The pool as a target of `kg.query.execute`, for the page's library queries."""

    remote = True

    def __init__(self, handler: _Handler) -> None:
        self.handler = handler

    def query(self, sparql: str) -> Any:
        from kg.query import from_json_results

        content_type, body = self.handler.run("query", sparql, "application/sparql-results+json")
        return from_json_results(body, "the store")


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    settings: Settings
    graph: _Graph
    pool: _Pool

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (quiet: the banner says where it is)
        pass

    # -- replies --

    def reply(self, status: int, body: bytes, content_type: str, *, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        if self.settings.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def fail(self, status: int, message: str) -> None:
        self.reply(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    # -- checks --

    def check_request(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        if self.settings.check_host and host not in self.settings.hosts:
            raise Refused(403, f"Host {host or '(none)'!r} is not this server: it answers "
                               f"{', '.join(sorted(self.settings.hosts))} (kg serve --host NAME serves another name)")
        if self.settings.cors:
            return
        origin = self.headers.get("Origin")
        if origin and origin != "null" and urllib.parse.urlsplit(origin).netloc.lower() != host:
            raise Refused(403, f"cross-origin request from {origin} refused (kg serve --cors allows them)")
        if origin == "null" or self.headers.get("Sec-Fetch-Site") == "cross-site":
            raise Refused(403, "cross-origin request refused (kg serve --cors allows them)")

    def body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refused(400, "Content-Length is not a number") from None
        if length > MAX_REQUEST_BYTES:
            raise Refused(413, f"the request is larger than {MAX_REQUEST_BYTES // 2**20} MB")
        return self.rfile.read(length) if length else b""

    def run(self, op: str, text: str, accept: str) -> tuple[str, bytes]:
        path, signature = self.graph.current()
        if op != "query":
            with self.graph.lock:
                self.graph.generation += 1  # every worker opens the store again after a write
        from kg.rdf.prefixes import PREFIXES

        job = (path, signature, op, text, accept, self.settings.max_result_bytes, PREFIXES)
        reply = self.pool.run(job, self.settings.timeout)
        if op != "query":
            with self.graph.lock:
                self.graph.generation += 1
        if reply[0] == "error":
            raise Refused(reply[1], reply[2])
        return reply[1], reply[2]

    # -- routes --

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.handle_request(lambda: self.preflight())

    def do_HEAD(self) -> None:  # noqa: N802
        self.handle_request(self.get)

    def do_GET(self) -> None:  # noqa: N802
        self.handle_request(self.get)

    def do_POST(self) -> None:  # noqa: N802
        self.handle_request(self.post)

    def do_PUT(self) -> None:  # noqa: N802
        self.handle_request(self.put)

    def do_DELETE(self) -> None:  # noqa: N802
        self.handle_request(self.put)

    def handle_request(self, route) -> None:
        try:
            self.check_request()
            route()
        except Refused as e:
            self.fail(e.status, str(e))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as e:  # a reply, not a dropped connection
            self.fail(500, f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")

    def preflight(self) -> None:
        if not self.settings.cors:
            raise Refused(403, "cross-origin request refused (kg serve --cors allows them)")
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def get(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        args = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self.reply(200, _asset_bytes("serve_page.html"), "text/html; charset=utf-8", policy=_PAGE_POLICY)
        elif url.path.startswith("/assets/") and url.path[len("/assets/"):] in _ASSETS:
            name = url.path[len("/assets/"):]
            self.reply(200, _asset_bytes(name), _ASSETS[name], policy=_PAGE_POLICY)
        elif url.path == "/library.json":
            self.reply(200, _library_json(), "application/json; charset=utf-8")
        elif url.path.startswith("/library/"):
            self.library(urllib.parse.unquote(url.path[len("/library/"):]), args)
        elif url.path == "/view":
            self.reply(200, self.graph.view_page(), "text/html; charset=utf-8", policy=_VIEW_POLICY)
        elif url.path == "/query":
            if "query" not in args:
                raise Refused(400, "give the query as ?query=… (SPARQL 1.1 Protocol)")
            self.query(args["query"][0])
        elif url.path in ("/update", "/store"):
            raise Refused(405, f"{url.path} takes POST" + ("" if self.settings.allow_update else "; and this endpoint is read-only"))
        else:
            raise Refused(404, f"{url.path}: nothing here; the endpoint is /query, the query page /")

    def post(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/store":
            self.store("add", kind)
            return
        if url.path not in ("/query", "/update"):
            raise Refused(404, f"{url.path}: nothing here; the endpoint is /query")
        field_name = "query" if url.path == "/query" else "update"
        if url.path == "/update" and not self.settings.allow_update:
            raise Refused(403, "this endpoint is read-only: updates are refused (kg serve --allow-update accepts them)")
        raw = self.body()
        if kind == f"application/sparql-{field_name}":
            text = raw.decode("utf-8", "replace")
        elif kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
            if field_name not in form:
                raise Refused(400, f"the form has no {field_name}= field")
            text = form[field_name][0]
        else:
            raise Refused(415, f"send the {field_name} as application/sparql-{field_name} or a form with {field_name}=")
        if field_name == "query":
            self.query(text)
        else:
            check_query(text, allow_service=self.settings.allow_service)
            self.run("update", text, "")
            self.reply(200, b"", "text/plain; charset=utf-8")

    def put(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/store":
            raise Refused(405, f"{url.path} does not take {self.command}")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        self.store("replace" if self.command == "PUT" else "delete", kind)

    def store(self, op: str, kind: str) -> None:
        """The Graph Store Protocol on the default graph, when updates are allowed."""
        if not self.settings.allow_update:
            raise Refused(403, "this endpoint is read-only: /store refuses changes (kg serve --allow-update accepts them)")
        url = urllib.parse.urlsplit(self.path)
        if url.query and url.query != "default":
            raise Refused(400, "/store serves the default graph only (/store or /store?default)")
        if op == "delete":
            self.run("update", "CLEAR DEFAULT", "")
        else:
            fmt = {"application/n-triples": "nt", "text/turtle": "ttl", "text/plain": "nt"}.get(kind)
            if fmt is None:
                raise Refused(415, "send triples as application/n-triples or text/turtle")
            self.run(op, self.body().decode("utf-8", "replace"), fmt)
        self.reply(200, b"", "text/plain; charset=utf-8")

    def query(self, text: str) -> None:
        if re.match(r"\s*(?:(?:PREFIX|BASE)\b[^{]*?)?(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                    _NOT_CODE.sub(" ", text), re.I):
            raise Refused(403, "/query answers queries; updates are refused here (POST them to /update"
                               + (")" if self.settings.allow_update else ", which this read-only endpoint refuses too)"))
        check_query(text, allow_service=self.settings.allow_service)
        content_type, body = self.run("query", text, self.headers.get("Accept") or "")
        self.reply(200, body, content_type)

    def library(self, name: str, args: dict[str, list[str]]) -> None:
        """A library query run with its parameters (`?name=value`, `?iri.entity=IRI`), as
        {"sparql", "notes", "results"} JSON: what the page's tabs show."""
        from kg import query as q

        params: dict[str, Any] = {}
        try:
            for key, values in args.items():
                value = values[0]
                if not value:
                    continue
                if key.startswith("iri."):
                    params[key[4:]] = q.iri_value(value)
                else:
                    params[key] = value
            if name not in q.library():
                raise q.QueryError(f"unknown query name {name!r}; the library has: {', '.join(q.library())}")
            notes: list[str] = []
            result = q.execute(_WorkerTarget(self), name, params, notes=notes)
            sparql = q.prepare(name, params)
        except q.QueryError as e:
            raise Refused(400, str(e)) from None
        doc = {"sparql": sparql, "notes": notes, "results": json.loads(q.to_sparql_json(result))}
        self.reply(200, json.dumps(doc, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")


def _asset_bytes(name: str) -> bytes:
    return resources.files("kg").joinpath("data", name).read_bytes()


def _library_json() -> bytes:
    from kg.query import library
    from kg.rdf.prefixes import PREFIXES

    doc = {"prefixes": PREFIXES, "queries": [
        {"name": q.name, "description": q.description, "text": q.text,
         "params": [{"name": p.name, "required": p.required and not p.instead, "help": p.help} for p in q.params]}
        for q in library().values()]}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@dataclass
class Endpoint:
    """A running endpoint: `.url` is its base (the query page), `.query_url` the SPARQL endpoint."""

    url: str
    store_dir: Path
    allow_update: bool
    server: ThreadingHTTPServer = field(repr=False)
    pool: _Pool = field(repr=False)
    graph: _Graph = field(repr=False)
    thread: threading.Thread = field(repr=False)
    stopped: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    def running(self) -> bool:
        return self.thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Stops the server and its workers and removes a temporary store; safe to call twice."""
        if not self.stopped.is_set():
            self.stopped.set()
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout)
            self.pool.close()
            self.graph.close()

    def wait(self) -> int:
        """Blocks until the server ends; Ctrl-C or a TERM signal stops it and cleans up."""
        import signal

        def _terminate(signum, frame):  # noqa: ARG001
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            while not self.stopped.wait(0.5):
                pass
            return 0
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()
            signal.signal(signal.SIGTERM, previous)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port another server listens on is an error, never shared


def serve(graph: Path | str, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False, *,
          timeout_s: float | None = DEFAULT_TIMEOUT, max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
          allow_service: bool = False, cors: bool = False, check_host: bool | None = None,
          workers: int = DEFAULT_WORKERS) -> Endpoint:
    """Starts an endpoint over `graph` (a store folder, or an RDF file loaded into a temporary
    store) and returns once it listens. `port=0` picks a free port. Stop it with `.stop()`.

    `check_host` (by default: when `host` is a loopback address) answers only requests whose
    Host header is `localhost`, `127.0.0.1`, `[::1]` or `host`, with the port."""
    graph = Path(graph)
    if not graph.exists():
        raise ServeError(f"{graph}: no such graph; give a built graph.ttl or store folder")
    from kg.build.incremental import unfinished

    if why := unfinished(graph):
        raise ServeError(why)
    if check_host is None:
        check_host = is_loopback(host)
    try:
        server = _Server((host, port), _Handler)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use (another kg serve?); stop it, or choose another "
                             f"with --port (--port 0: any free port)") from None
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    try:
        served = _Graph(graph)
    except BaseException:
        server.server_close()
        raise
    bound_port = server.server_address[1]
    url_host = f"[{host}]" if ":" in host else host
    names = {*_LOOPBACK_NAMES, url_host.lower()}
    hosts = frozenset({f"{n}:{bound_port}" for n in names} | ({*names} if bound_port == 80 else set()))
    settings = Settings(allow_update=allow_update, allow_service=allow_service, cors=cors, check_host=check_host,
                        hosts=hosts, timeout=timeout_s or None, max_result_bytes=max_result_bytes)
    pool = _Pool(max(1, workers))
    handler = type("Handler", (_Handler,), {"settings": settings, "graph": served, "pool": pool})
    server.RequestHandlerClass = handler
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True, name="kg-serve")
    thread.start()
    return Endpoint(f"http://{url_host}:{bound_port}", served.store_dir, allow_update, server, pool, served, thread)
