"""Loading a built graph into a SPARQL endpoint: an Oxigraph server started for the test."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.build.pipeline import build
from kg.load import LoadError, load_graph
from kg.rdf.namespace import SPARQL_PREFIXES
from kg.store import open_graph
from tests.scale_corpus import write_pages

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
WHO_PRESIDED = SPARQL_PREFIXES + """
SELECT ?name WHERE { ?p kg:presided ?m . ?p rdfs:label ?name } ORDER BY ?name"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """An Oxigraph server on a free port; always stopped."""
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    port = _free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _select(base: str, query: str) -> list[dict]:
    r = httpx.post(f"{base}/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return [{k: v["value"] for k, v in row.items()} for row in r.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("built")
    build([write_pages(root / "paper")], root / "out", formats=("turtle", "nt"), view=False, store=True)
    return root / "out"


def test_load_into_oxigraph_server_matches_the_local_store(server, built):
    report = load_graph(built / "graph.ttl", f"{server}/store", batch_size=50)
    local = open_graph(built / "store")
    assert report.triples == len(local) and report.batches == -(-len(local) // 50)
    assert int(_select(server, COUNT)[0]["n"]) == len(local)
    remote = [row["name"] for row in _select(server, WHO_PRESIDED)]
    assert remote == [str(sol["name"].value) for sol in local.query(WHO_PRESIDED)]
    assert remote  # people who presided meetings, as the local store answers


def test_load_twice_adds_nothing(server, built):
    load_graph(built / "graph.nt", f"{server}/store")
    first = int(_select(server, COUNT)[0]["n"])
    load_graph(built / "store", f"{server}/store", batch_size=7)
    assert int(_select(server, COUNT)[0]["n"]) == first > 100


def test_load_into_a_named_graph(server, built):
    report = load_graph(built / "graph.ttl", f"{server}/store", graph="https://example.org/paper/2024")
    rows = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/paper/2024> { ?s ?p ?o } }")
    assert int(rows[0]["n"]) == report.triples
    assert int(_select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:nowhere> { ?s ?p ?o } }")[0]["n"]) == 0


def test_load_unreachable_endpoint_gives_up_after_bounded_retries(built):
    port = _free_port()  # nothing listens there
    started = time.perf_counter()
    with pytest.raises(LoadError, match="gave up after 3 attempts"):
        load_graph(built / "graph.ttl", f"http://127.0.0.1:{port}/store", retries=2, backoff=0.01)
    assert time.perf_counter() - started < 5


def test_load_retries_a_failing_server_then_succeeds(built):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503 if len(calls) < 3 else 204)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        report = load_graph(built / "graph.nt", "http://endpoint/store", client=client, backoff=0.001)
    assert report.retries == 2 and report.batches == 1
    assert calls[-1].url.params["default"] == "" and calls[-1].headers["content-type"] == "application/n-triples"


def test_load_client_error_is_not_retried(built):
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(404, text="Not found")

    with httpx.Client(transport=httpx.MockTransport(handler)) as client, pytest.raises(LoadError, match="404"):
        load_graph(built / "graph.nt", "http://endpoint/wrong", client=client, backoff=0.001)
    assert len(calls) == 1
