"""`kg serve`: a real SPARQL 1.1 Protocol endpoint on a loopback port, talked to over HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.serve import ServeError, serve
from kg.store import load_store

FIXTURE = Path(__file__).parent / "data" / "query" / "county.ttl"
PRESIDER = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?p kg:presided ?m ; rdfs:label ?name . ?m rdfs:label "县政府第12次常务会议"@zh }"""
INSERT = 'INSERT DATA { <https://w3id.org/kg-news/id/Person/王新> <http://www.w3.org/2000/01/rdf-schema#label> "王新"@zh }'
JSON_TYPE = "application/sparql-results+json"


@pytest.fixture
def endpoint():
    ep = serve(FIXTURE, port=0)
    try:
        yield ep
    finally:
        ep.stop()


def _names(doc: dict) -> list[str]:
    return [b["name"]["value"] for b in doc["results"]["bindings"]]


def test_serve_answers_get_with_query_parameter(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:")
    r = httpx.get(endpoint.query_url, params={"query": PRESIDER}, headers={"Accept": JSON_TYPE}, timeout=10)
    assert r.status_code == 200
    assert _names(r.json()) == ["林晓东"]


def test_serve_answers_post_sparql_query_and_form_encoded(endpoint):
    direct = httpx.post(endpoint.query_url, content=PRESIDER.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query", "Accept": JSON_TYPE}, timeout=10)
    assert direct.status_code == 200 and _names(direct.json()) == ["林晓东"]
    form = httpx.post(endpoint.query_url, data={"query": PRESIDER}, headers={"Accept": "text/csv"}, timeout=10)
    assert form.status_code == 200
    assert form.text.splitlines() == ["name", "林晓东"]


def test_serve_works_with_sparqlwrapper(endpoint):
    client = SPARQLWrapper(endpoint.query_url)
    client.setQuery(PRESIDER)
    client.setReturnFormat(JSON)
    assert _names(client.query().convert()) == ["林晓东"]
    client.setMethod("POST")
    assert _names(client.query().convert()) == ["林晓东"]


def test_serve_refuses_updates_by_default(endpoint):
    r = httpx.post(endpoint.update_url, content=INSERT.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"}, timeout=10)
    assert r.status_code in (403, 405)
    count = httpx.get(endpoint.query_url, params={"query": 'ASK { ?p ?l "王新"@zh }'}, headers={"Accept": JSON_TYPE}, timeout=10)
    assert count.json()["boolean"] is False


def test_serve_page_for_the_browser(endpoint):
    page = httpx.get(endpoint.url + "/", timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert httpx.get(endpoint.url + "/yasgui.min.js", timeout=10).status_code == 200  # served locally, works offline


def test_serve_accepts_updates_when_allowed(tmp_path):
    load_store(FIXTURE, tmp_path / "store")
    with serve(tmp_path / "store", port=0, allow_update=True) as ep:
        r = httpx.post(ep.update_url, content=INSERT.encode("utf-8"),
                       headers={"Content-Type": "application/sparql-update"}, timeout=10)
        assert r.status_code in (200, 204)
        ask = httpx.get(ep.query_url, params={"query": 'ASK { ?p ?l "王新"@zh }'}, headers={"Accept": JSON_TYPE}, timeout=10)
        assert ask.json()["boolean"] is True
    assert not ep.running()


def test_serve_stop_ends_the_server_and_removes_its_temporary_store():
    ep = serve(FIXTURE, port=0)
    store_dir = ep.store_dir
    assert store_dir.is_dir()
    ep.stop()
    ep.stop()
    assert not ep.running()
    assert not store_dir.exists()
    with pytest.raises(httpx.TransportError):
        httpx.get(ep.query_url, params={"query": "ASK {}"}, timeout=2)


def test_serve_names_a_missing_graph(tmp_path):
    with pytest.raises(ServeError, match="nowhere.ttl: no such graph"):
        serve(tmp_path / "nowhere.ttl", port=0)


def test_serve_command_serves_until_terminated_and_cleans_up():
    import re
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(FIXTURE), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/query", line).group(0)
        assert "read-only" in line
        r = httpx.get(url, params={"query": PRESIDER}, headers={"Accept": JSON_TYPE}, timeout=10)
        assert _names(r.json()) == ["林晓东"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    with pytest.raises(httpx.TransportError):
        httpx.get(url, params={"query": "ASK {}"}, timeout=2)


def test_serve_query_page_runs_a_query_in_the_browser(tmp_path):
    """A person opens the endpoint's page, types a query, presses run and reads the answer."""
    from browser import ARGS, ensure_chromium
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    query = PRESIDER.replace("?name", "?主持人")
    with serve(FIXTURE, port=0) as ep, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), headless=True, args=ARGS)
        try:
            page = browser.new_page()
            outside = []

            def local_only(route):  # the page's prefix autocompletion asks prefix.cc: never let it out
                if route.request.url.startswith((ep.url, "data:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", local_only)
            page.goto(ep.url + "/", wait_until="load", timeout=30_000)
            page.wait_for_selector(".CodeMirror", timeout=30_000)
            page.evaluate("q => document.querySelector('.CodeMirror').CodeMirror.setValue(q)", query)
            page.click(".yasqe_queryButton")
            page.wait_for_selector("text=林晓东", timeout=30_000)
            assert "主持人" in page.inner_text(".yasr")
            assert all("prefix.cc" in url for url in outside), outside  # only the optional autocompletion
            page.screenshot(path=str(tmp_path / "query-page.png"))
        finally:
            browser.close()
