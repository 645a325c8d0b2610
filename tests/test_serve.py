"""`kg serve`: a real SPARQL 1.1 Protocol endpoint on a loopback port, talked to over HTTP."""

from __future__ import annotations

import re
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


def test_serve_page_is_kgs_own_with_the_library(endpoint):
    page = httpx.get(endpoint.url + "/", timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<title>kg 查询" in page.text and "Oxigraph" not in page.text
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page.text):
        assert httpx.get(endpoint.url + asset, timeout=10).status_code == 200, asset  # served here: works offline
    library = httpx.get(endpoint.url + "/library.json", timeout=10).json()
    assert {"attendance", "entity", "contacts"} <= {q["name"] for q in library["queries"]}
    assert library["prefixes"]["kgr"] == "https://w3id.org/kg-news/id/"


def test_serve_library_query_with_parameters_over_http(endpoint):
    r = httpx.get(endpoint.url + "/library/positions", params={"name": "林晓东"}, timeout=10)
    assert r.status_code == 200
    doc = r.json()
    assert [b["title"]["value"] for b in doc["results"]["results"]["bindings"]] == ["县长"]
    assert 'VALUES ?name { "林晓东"@zh }' in doc["sparql"]
    partial = httpx.get(endpoint.url + "/library/attendance", params={"event": "常务会议"}, timeout=10).json()
    assert partial["notes"] and "县政府第12次常务会议" in partial["notes"][0]
    missing = httpx.get(endpoint.url + "/library/positions", params={"name": "林晓西"}, timeout=10)
    assert missing.status_code == 400 and "did you mean: 林晓东" in missing.text and missing.text.count("\n") == 1


def test_serve_predeclares_the_prefixes_and_errors_in_one_line(endpoint):
    bare = "SELECT ?name WHERE { ?p kg:presided ?m ; rdfs:label ?name }"
    r = httpx.get(endpoint.query_url, params={"query": bare}, headers={"Accept": JSON_TYPE}, timeout=10)
    assert r.status_code == 200 and _names(r.json()) == ["林晓东"]
    bad = httpx.get(endpoint.query_url, params={"query": "SELECT ?x WHERE { ?x foo:bar ?y }"}, timeout=10)
    assert bad.status_code == 400
    assert bad.text.count("\n") == 1 and "unknown prefix foo:" in bad.text and "u{" not in bad.text


def test_serve_port_in_use_is_an_error_not_a_success(endpoint):
    port = int(endpoint.url.rsplit(":", 1)[1])
    with pytest.raises(ServeError, match=rf"port {port} on 127.0.0.1 is in use"):
        serve(FIXTURE, port=port)


def test_serve_command_port_in_use_exits_non_zero_in_one_line(endpoint):
    import subprocess
    import sys

    port = endpoint.url.rsplit(":", 1)[1]
    done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(FIXTURE), "--port", port],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (f"Error: port {port} on 127.0.0.1 is in use (another kg serve?); stop it, "
                                   "or choose another with --port (--port 0: any free port)")


def test_serve_follows_a_store_a_rebuild_replaced(tmp_path):
    """kg build swaps a new store folder in: the running endpoint answers from the new one."""
    import shutil

    load_store(FIXTURE, tmp_path / "store")
    with serve(tmp_path / "store", port=0) as ep:
        ask = {"query": 'ASK { ?p ?l "王新"@zh }'}
        assert httpx.get(ep.query_url, params=ask, headers={"Accept": JSON_TYPE}, timeout=10).json()["boolean"] is False
        extra = tmp_path / "more.nt"
        extra.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
        import pyoxigraph as ox

        from kg.store import update_store

        update_store(tmp_path / "store", add=[ox.Triple(ox.NamedNode("https://w3id.org/kg-news/id/Person/王新"),
                                                        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                                        ox.Literal("王新", language="zh"))])
        r = httpx.get(ep.query_url, params={"query": 'ASK { ?p ?l "王新"@zh }'}, headers={"Accept": JSON_TYPE}, timeout=10)
        assert r.json()["boolean"] is True
        shutil.rmtree(tmp_path / "store")
        gone = httpx.get(ep.query_url, params={"query": "ASK {}"}, timeout=10)
        assert gone.status_code == 503 and "try again" in gone.text


def test_serve_follows_a_turtle_file_that_changed(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    with serve(graph, port=0) as ep:
        ask = {"query": 'ASK { ?p ?l "王新"@zh }'}
        assert httpx.get(ep.query_url, params=ask, headers={"Accept": JSON_TYPE}, timeout=10).json()["boolean"] is False
        graph.write_text(FIXTURE.read_text(encoding="utf-8") + '\n<https://w3id.org/kg-news/id/Person/王新> rdfs:label "王新"@zh .\n',
                         encoding="utf-8")
        assert httpx.get(ep.query_url, params=ask, headers={"Accept": JSON_TYPE}, timeout=10).json()["boolean"] is True


def test_serve_view_is_the_graphs_html_view(endpoint):
    r = httpx.get(endpoint.url + "/view", timeout=30)
    assert r.status_code == 200 and "林晓东" in r.text and "vis-network" in r.text


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


def test_serve_query_page_in_the_browser_reaches_nothing_else(tmp_path):
    """A person opens the page, picks a library tab, fills its parameter, runs it, follows an
    entity link and opens the HTML view; every request the browser makes is recorded, and
    each goes to this server."""
    from browser import ARGS, ensure_chromium, wait_until
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with serve(FIXTURE, port=0) as ep, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), headless=True, args=ARGS)
        try:
            context = browser.new_context()
            requests: list[str] = []
            context.on("request", lambda request: requests.append(request.url))
            errors: list[str] = []
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(ep.url + "/", wait_until="load", timeout=30_000)
            wait_until(page, "window.__kgReady === true", 20_000)
            tabs = page.locator("#kg-tabs button").all_inner_texts()
            assert {"attendance", "positions", "entity", "sparql"} <= set(tabs)
            assert "kgr:" in page.inner_text("#kg-prefixes")
            page.click("#kg-tabs button[data-name=positions]")
            page.fill("input[data-param=name]", "林晓东")
            page.click("#kg-run")
            page.wait_for_selector("#kg-table td", timeout=20_000)
            assert "县长" in page.inner_text("#kg-table")
            # a partial name: the page says which names it matched
            page.click("#kg-tabs button[data-name=attendance]")
            page.fill("input[data-param=event]", "常务会议")
            page.click("#kg-run")
            page.wait_for_selector("#kg-notes li", timeout=20_000)
            assert "县政府第12次常务会议" in page.inner_text("#kg-notes")
            # an entity in the table links to what the graph says of it
            page.click("#kg-tabs button[data-name=sparql]")
            page.fill("#kg-sparql", "SELECT ?p WHERE { ?p a kg:Person ; rdfs:label \"周若兰\"@zh }")
            page.click("#kg-run")
            page.wait_for_selector("#kg-table a.kg-entity", timeout=20_000)
            page.click("#kg-table a.kg-entity")
            wait_until(page, "document.querySelector('#kg-name').textContent === 'entity' && !!document.querySelector('#kg-table td')", 20_000)
            assert "副县长" in page.inner_text("#kg-table")
            # a syntax error is one readable line
            page.click("#kg-tabs button[data-name=sparql]")
            page.fill("#kg-sparql", "SELECT ?x WHERE { ?x foo:bar ?y }")
            page.click("#kg-run")
            wait_until(page, "document.querySelector('#kg-status').className === 'error'", 20_000)
            assert "unknown prefix foo:" in page.inner_text("#kg-status")
            with context.expect_page() as opened:
                page.click("#kg-view-link")
            view = opened.value
            view.wait_for_load_state("load")
            wait_until(view, "window.__kgStable === true", 60_000)
            assert view.evaluate("kgView.data.nodes.length") > 5
            page.screenshot(path=str(tmp_path / "query-page.png"))
            assert errors == []
            outside = [url for url in requests if not url.startswith(ep.url + "/") and not url.startswith(("data:", "blob:"))]
            assert outside == [], outside
            assert any(url.startswith(ep.url + "/library/") for url in requests)
        finally:
            browser.close()
