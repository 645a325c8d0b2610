"""The endpoint's promises, over HTTP and the CLI: loopback, read-only, no other host reached,
no file read, a time limit and a size limit answered with an error status and one line."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import DEFAULT_TIMEOUT
from kg.serve import serve
from kg.store import load_store

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "county.ttl"
JSON = {"Accept": "application/sparql-results+json"}
NEW = 'INSERT DATA { <https://w3id.org/kg-news/id/Person/王新> <http://www.w3.org/2000/01/rdf-schema#label> "王新"@zh }'
ASK_NEW = {"query": 'ASK { ?p ?l "王新"@zh }'}
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(4096))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self) -> None:
        self.done.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    ear = Listener()
    yield ear
    ear.close()


@pytest.fixture(scope="module")
def endpoint():
    with serve(FIXTURE, port=0, timeout_s=2, max_result_bytes=4000) as ep:
        yield ep


@pytest.fixture
def writable(tmp_path):
    load_store(FIXTURE, tmp_path / "store")
    with serve(tmp_path / "store", port=0, allow_update=True) as ep:
        yield ep


def ask_new(ep) -> bool:
    return httpx.get(ep.query_url, params=ASK_NEW, headers=JSON, timeout=10).json()["boolean"]


def one_line(response) -> str:
    text = response.text
    assert text.endswith("\n") and text.count("\n") == 1, text
    return text.strip()


# ---- where it listens --------------------------------------------------------


def test_endpoint_binds_loopback_by_default(endpoint):
    assert endpoint.server.socket.getsockname()[0] == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_endpoint_command_states_its_defaults():
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and f"[default: {DEFAULT_TIMEOUT:g}]" in help_text.replace("60.0", "60")
    assert f"{DEFAULT_TIMEOUT:g}" in CliRunner().invoke(main, ["query", "--help"]).output


def test_endpoint_host_header_must_name_this_server(endpoint):
    port = endpoint.url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert httpx.get(endpoint.query_url, params=ASK_NEW, headers={**JSON, "Host": host}, timeout=10).status_code == 200
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", ""):
        r = httpx.get(endpoint.query_url, params=ASK_NEW, headers={**JSON, "Host": host}, timeout=10)
        assert r.status_code == 403, host
        assert "is not this server" in one_line(r)
    page = httpx.get(endpoint.url + "/", headers={"Host": "evil.example"}, timeout=10)
    assert page.status_code == 403 and "kg 查询" not in page.text


def test_endpoint_refuses_cross_origin_requests(endpoint):
    r = httpx.get(endpoint.query_url, params=ASK_NEW, headers={**JSON, "Origin": "http://evil.example"}, timeout=10)
    assert r.status_code == 403 and "cross-origin" in one_line(r)
    assert "access-control-allow-origin" not in r.headers
    fetch = httpx.get(endpoint.query_url, params=ASK_NEW, headers={**JSON, "Sec-Fetch-Site": "cross-site"}, timeout=10)
    assert fetch.status_code == 403
    same = httpx.get(endpoint.query_url, params=ASK_NEW, headers={**JSON, "Origin": endpoint.url}, timeout=10)
    assert same.status_code == 200 and "access-control-allow-origin" not in same.headers
    assert httpx.options(endpoint.query_url, headers={"Origin": "http://evil.example"}, timeout=10).status_code == 403


def test_endpoint_answers_cross_origin_when_asked():
    with serve(FIXTURE, port=0, cors=True) as ep:
        r = httpx.get(ep.query_url, params=ASK_NEW, headers={**JSON, "Origin": "http://elsewhere.example"}, timeout=10)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"


# ---- read-only ---------------------------------------------------------------


def test_endpoint_refuses_updates_everywhere_by_default(endpoint):
    tries = [
        httpx.post(endpoint.url + "/update", content=NEW.encode(), headers={"Content-Type": "application/sparql-update"}, timeout=10),
        httpx.post(endpoint.url + "/update", data={"update": NEW}, timeout=10),
        httpx.post(endpoint.query_url, content=NEW.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=10),
        httpx.post(endpoint.query_url, data={"query": NEW}, timeout=10),
        httpx.get(endpoint.query_url, params={"query": "PREFIX x: <http://x/>\n" + NEW}, timeout=10),
        httpx.post(endpoint.url + "/store", content=b'<http://x/s> <http://www.w3.org/2000/01/rdf-schema#label> "\xe7\x8e\x8b\xe6\x96\xb0"@zh .\n',
                   headers={"Content-Type": "application/n-triples"}, timeout=10),
        httpx.put(endpoint.url + "/store", content=b"", headers={"Content-Type": "application/n-triples"}, timeout=10),
        httpx.delete(endpoint.url + "/store", timeout=10),
    ]
    for r in tries:
        assert r.status_code in (400, 403, 405), (r.request.method, r.request.url, r.status_code, r.text)
        one_line(r)
    assert ask_new(endpoint) is False
    assert httpx.get(endpoint.query_url, params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=10).json()["boolean"] is True


def test_endpoint_updates_and_store_when_allowed(writable):
    r = httpx.post(writable.update_url, content=NEW.encode(), headers={"Content-Type": "application/sparql-update"}, timeout=10)
    assert r.status_code == 200, r.text
    assert ask_new(writable) is True
    triple = '<https://w3id.org/kg-news/id/Person/李白> <http://www.w3.org/2000/01/rdf-schema#label> "李白"@zh .\n'
    r = httpx.post(writable.url + "/store", content=triple.encode(),
                   headers={"Content-Type": "application/n-triples"}, timeout=10)
    assert r.status_code == 200, r.text
    assert httpx.get(writable.query_url, params={"query": 'ASK { ?p ?l "李白"@zh }'}, headers=JSON, timeout=10).json()["boolean"] is True


# ---- no other host, no file ----------------------------------------------------

SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z . { SELECT * WHERE { SeRvIcE <http://127.0.0.1:{port}/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { # a comment\nSERVICE\n<http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u { ?s ?p ?o } } ",
    "SELECT * WHERE { VALUES ?u { <http://127.0.0.1:{port}/> } SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(\"}\" != \"{\") SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_endpoint_service_is_refused_and_nothing_leaves(endpoint, listener, form):
    query = form.replace("{port}", str(listener.port))
    r = httpx.post(endpoint.query_url, data={"query": query}, headers=JSON, timeout=10)
    assert r.status_code == 403
    assert "SERVICE is refused" in one_line(r) and "--allow-service" in r.text
    time.sleep(0.3)
    assert listener.connections == []


def test_endpoint_service_in_an_update_is_refused(writable, listener):
    update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    r = httpx.post(writable.update_url, data={"update": update}, timeout=10)
    assert r.status_code == 403 and "SERVICE is refused" in r.text
    time.sleep(0.3)
    assert listener.connections == []


def test_endpoint_service_runs_only_when_allowed(listener):
    """The listener does catch a SERVICE call: the refusal above is what keeps it empty."""
    with serve(FIXTURE, port=0, allow_service=True, timeout_s=5) as ep:
        query = f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        httpx.post(ep.query_url, data={"query": query}, headers=JSON, timeout=15)
    deadline = time.monotonic() + 3
    while not listener.connections and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections and listener.connections[0].startswith(b"POST")


def test_endpoint_keyword_inside_a_string_or_name_is_not_service(endpoint):
    ok = httpx.post(endpoint.query_url, data={"query": 'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) }'}, headers=JSON, timeout=10)
    assert ok.status_code == 200
    named = httpx.post(endpoint.query_url, data={"query": "SELECT ?service WHERE { ?service a kg:Person }"}, headers=JSON, timeout=10)
    assert named.status_code == 200 and len(named.json()["results"]["bindings"]) == 3


def test_endpoint_load_is_refused_even_when_updates_are_allowed(writable, tmp_path, listener):
    secret = tmp_path / "secret.nt"
    secret.write_text('<http://x/secret> <http://x/is> "秘密" .\n', encoding="utf-8")
    for source in (secret.as_uri(), f"http://127.0.0.1:{listener.port}/data.nt"):
        for update in (f"LOAD <{source}>", f"LOAD SILENT <{source}> INTO GRAPH <http://x/g>"):
            r = httpx.post(writable.update_url, data={"update": update}, timeout=10)
            assert r.status_code == 403 and "LOAD is refused" in one_line(r)
    query = {"query": 'ASK { { ?s ?p "秘密" } UNION { GRAPH ?g { ?s ?p "秘密" } } }'}
    assert httpx.get(writable.query_url, params=query, headers=JSON, timeout=10).json()["boolean"] is False
    time.sleep(0.3)
    assert listener.connections == []


def test_endpoint_from_a_file_reads_no_file(endpoint, tmp_path):
    secret = tmp_path / "secret.nt"
    secret.write_text('<http://x/secret> <http://x/is> "秘密" .\n', encoding="utf-8")
    for query in (f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ GRAPH <{secret.as_uri()}> {{ ?s ?p ?o }} }}",
                  "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"):
        r = httpx.post(endpoint.query_url, data={"query": query}, headers=JSON, timeout=10)
        assert r.status_code in (200, 400, 403)
        assert "秘密" not in r.text and "root:" not in r.text


# ---- limits --------------------------------------------------------------------


def test_endpoint_cut_query_is_an_error_status_with_one_line(endpoint):
    started = time.monotonic()
    r = httpx.post(endpoint.query_url, data={"query": CROSS_JOIN}, headers=JSON, timeout=60)
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert "ran longer than 2 s and was stopped" in one_line(r)
    assert elapsed < 15
    # the server goes on answering (the stopped worker was replaced)
    assert httpx.get(endpoint.query_url, params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=30).json()["boolean"] is True


def test_endpoint_too_large_an_answer_is_an_error_status_with_one_line(endpoint):
    r = httpx.post(endpoint.query_url, data={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=JSON, timeout=30)
    assert r.status_code == 507
    assert "larger than" in one_line(r) and "LIMIT" in r.text
    small = httpx.post(endpoint.query_url, data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, headers=JSON, timeout=30)
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 3


def test_endpoint_kg_query_is_cut_at_its_time_limit_in_one_line():
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(FIXTURE), CROSS_JOIN, "--timeout", "2"],
                          capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.strip() == "Error: the query ran longer than 2 s and was stopped (--timeout SECONDS to allow more, 0 for no limit)"
    assert elapsed < 30


def test_endpoint_kg_query_through_the_endpoint_reports_its_limit(endpoint):
    out = CliRunner().invoke(main, ["query", endpoint.query_url, CROSS_JOIN])
    assert out.exit_code == 1
    assert out.output.strip().count("\n") == 0 and "503" in out.output and "stopped" in out.output


def test_endpoint_kg_query_runs_the_library_on_the_endpoint(endpoint):
    out = CliRunner().invoke(main, ["query", endpoint.query_url, "positions", "--param", "name=林晓东", "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1].startswith("林晓东,县长,")
