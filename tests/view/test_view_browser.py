"""The view in a real browser: headless Debian Chromium, every network request blocked."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from browser import offline_browser, wait_until
from test_view import BUILT, TINY_ENTITIES, GraphMaker, tiny_graph

from kg.view.page import write_view

ROOT = Path(__file__).resolve().parents[2]

# Measured on a 2-core machine: the 20,000-entity graph, cut to 2,000 entities, settles
# in 5–7 s after the page starts loading (2 cores, other work running); the bound is ~3.5×.
SCALE_STABLE_BOUND_S = 25.0


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """One Chromium for the session (installed with apt-get when missing)."""
    with offline_browser(tmp_path_factory.mktemp("chromium-profile")) as browser:
        yield browser


@pytest.fixture
def open_view(chromium, tmp_path):
    """Write a graph's page, open it and wait for the layout to settle; afterwards check
    that the page asked the network for nothing and raised no error."""
    pages = []

    def open_(graph, **kw):
        out = tmp_path / "view.html"
        write_view(graph, out, built=BUILT, **kw)
        page = chromium.open(out)
        chromium.wait_stable(page)
        pages.append(page)
        return page

    chromium.blocked.clear()
    chromium.errors.clear()
    yield open_
    for page in pages:
        page.close()
    assert chromium.blocked == [], "the page tried to reach the network"
    assert chromium.errors == [], "the page raised errors"


def panel_title(page) -> str:
    return page.locator("#kg-panel h2").inner_text()


def search(page, text: str) -> None:
    page.fill("#kg-search", text)
    page.press("#kg-search", "Enter")


def node_id(page, label: str) -> int:
    return page.evaluate("(l) => kgView.data.nodes.find(n => n.l === l).i", label)


def wait_centred(page, node: int) -> None:
    """Until the view's animation has brought `node` to the centre."""
    wait_until(
        page,
        f"(() => {{ const c = kgView.network.getViewPosition(), p = kgView.network.getPositions([{node}])[{node}];"
        f" return Math.abs(c.x - p.x) < 1 && Math.abs(c.y - p.y) < 1; }})()",
        5000,
    )


def test_view_browser_draws_the_network(open_view):
    page = open_view(tiny_graph(), title="衢江新闻")
    assert page.evaluate("kgView.data.nodes.length") == TINY_ENTITIES
    assert page.evaluate("kgView.drawnNodeCount()") == TINY_ENTITIES
    # Some of the canvas is painted, and in the colour of people (#e8590c).
    painted, orange = page.evaluate(
        """() => {
          const c = document.querySelector('#kg-canvas canvas');
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let painted = 0, orange = 0;
          for (let i = 0; i < px.length; i += 4) {
            if (px[i + 3] > 0 && (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245)) painted++;
            if (Math.abs(px[i] - 0xe8) < 8 && Math.abs(px[i + 1] - 0x59) < 8 && Math.abs(px[i + 2] - 0x0c) < 8) orange++;
          }
          return [painted, orange];
        }"""
    )
    assert painted > 2000 and orange > 50
    assert page.locator("#kg-title").inner_text() == "衢江新闻"
    assert "实体 11 · 事实 11" in page.locator("#kg-stats").inner_text()
    assert page.locator("#kg-cut").is_hidden()


def test_view_browser_search_by_alternative_name_shows_fact_and_evidence(open_view):
    page = open_view(tiny_graph())
    search(page, "王书记")
    assert panel_title(page) == "王慧杰"
    fact = page.locator("#kg-panel ul.facts > li", has_text="主持 →")
    assert "区政府第70次常务会议" in fact.inner_text()
    assert fact.locator("blockquote.sent").inner_text() == "区政府第70次常务会议由区长王慧杰主持。"
    assert fact.locator(".src").inner_text() == "《区政府召开第70次常务会议》 2024-11-05"
    wang = node_id(page, "王慧杰")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [wang]
    wait_centred(page, wang)


def test_view_browser_search_lists_partial_matches(open_view):
    page = open_view(tiny_graph())
    page.fill("#kg-search", "廿里")
    hits = page.locator("#kg-results button").all_inner_texts()
    assert sorted(hits) == ["廿里彩虹智能装备产业园项目", "廿里镇地点", "衢州市彩虹廿里建设有限公司企业", "衢州市彩虹廿里建设有限公司总经理职务"]
    assert hits[0].startswith("廿里"), "names that start with the query come first"
    page.fill("#kg-search", "没有这个")
    assert page.locator("#kg-nohit").is_visible()


def test_view_browser_clicking_a_neighbour_moves_the_panel(open_view):
    page = open_view(tiny_graph())
    search(page, "王慧杰")
    page.locator("#kg-panel button.kg-link", has_text="区政府第70次常务会议").click()
    assert panel_title(page) == "区政府第70次常务会议"
    text = page.locator("#kg-panel").inner_text()
    assert "← 主持" in text and "王慧杰" in text
    assert "2024-11-05" in page.locator("#kg-panel dl.props").inner_text()
    assert page.evaluate("kgView.network.getSelectedNodes()") == [node_id(page, "区政府第70次常务会议")]


def test_view_browser_clicking_a_node_on_the_canvas_opens_it(open_view):
    page = open_view(tiny_graph())
    chen = node_id(page, "陈雪翔")
    # The node's place on the screen, taken once the network itself finds the node there
    # (the canvas may still be redrawn just after the layout has settled).
    where = """(id) => { const n = kgView.network, p = n.canvasToDOM(n.getPositions([id])[id]);
                         const r = document.querySelector('#kg-canvas').getBoundingClientRect();
                         return [r.left + p.x, r.top + p.y, n.getNodeAt(p) === id]; }"""
    for _ in range(40):
        x, y, found = page.evaluate(where, chen)
        if found:
            break
        page.wait_for_timeout(50)
    assert found, "the network finds no node at the node's own position"
    page.mouse.click(x, y)
    assert panel_title(page) == "陈雪翔"
    assert "担任 →" in page.locator("#kg-panel").inner_text()


def test_view_browser_class_and_relation_checkboxes_hide(open_view):
    page = open_view(tiny_graph())
    before = page.evaluate("kgView.network.getPositions()")
    page.uncheck("input[data-cls=Person]")
    assert page.evaluate("kgView.drawnNodeCount()") == TINY_ENTITIES - 2
    labels = page.evaluate("kgView.visibleNodeIds().map(id => kgView.data.nodes[id].l)")
    assert "王慧杰" not in labels and "陈雪翔" not in labels and "廿里镇" in labels
    page.check("input[data-cls=Person]")
    assert page.evaluate("kgView.drawnNodeCount()") == TINY_ENTITIES
    assert page.evaluate("kgView.network.getPositions()") == before, "shown again where they were"
    edges = page.evaluate("kgView.network.body.edgeIndices.length")
    page.uncheck("input[data-rel=locatedIn]")
    assert page.evaluate("kgView.network.body.edgeIndices.length") == edges - 3


def test_view_browser_date_range_hides_events(open_view):
    page = open_view(tiny_graph())
    page.fill("#kg-from", "2024-12-01")
    labels = page.evaluate("kgView.visibleNodeIds().map(id => kgView.data.nodes[id].l)")
    assert "区政府第70次常务会议" not in labels and "产业园现场调研" in labels and "王慧杰" in labels
    page.fill("#kg-from", "")
    page.fill("#kg-to", "2024-11-30")
    labels = page.evaluate("kgView.visibleNodeIds().map(id => kgView.data.nodes[id].l)")
    assert "区政府第70次常务会议" in labels and "产业园现场调研" not in labels


EVIL_SCRIPT = "<script>window.__pwned=1</script>"
EVIL_IMG = '<img src=x onerror="window.__pwned=1">'


def malicious_graph():
    m = GraphMaker()
    a = m.article("evil", f"标题{EVIL_IMG}", "2024-05-06")
    person = m.entity("Person", f"{EVIL_SCRIPT}张三", f'{EVIL_IMG}"', article=a)
    meeting = m.entity("Meeting", f'"{EVIL_IMG}"会议', article=a)
    m.fact(person, "spokeAt", meeting, f'他说："{EVIL_SCRIPT}{EVIL_IMG}"', a)
    return m.graph


def test_view_browser_shows_malicious_text_literally(open_view):
    page = open_view(malicious_graph(), title=EVIL_SCRIPT)
    search(page, "张三")
    assert panel_title(page) == f"{EVIL_SCRIPT}张三"
    panel = page.locator("#kg-panel").inner_text()
    assert f'又名：{EVIL_IMG}"' in panel
    assert f'他说："{EVIL_SCRIPT}{EVIL_IMG}"' in panel
    assert f"《标题{EVIL_IMG}》 2024-05-06" in panel
    assert page.locator("#kg-title").inner_text() == EVIL_SCRIPT
    page.locator("#kg-panel button.kg-link", has_text="会议").click()
    assert panel_title(page) == f'"{EVIL_IMG}"会议'
    # the node's tooltip is text too
    meeting = node_id(page, f'"{EVIL_IMG}"会议')
    wait_centred(page, meeting)
    x, y = page.evaluate(
        """(id) => { const p = kgView.network.canvasToDOM(kgView.network.getPositions([id])[id]);
                     const r = document.querySelector('#kg-canvas').getBoundingClientRect();
                     return [r.left + p.x, r.top + p.y]; }""",
        meeting,
    )
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)
    wait_until(page, "!!document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'", 5000)
    assert page.locator("div.vis-tooltip").inner_text().startswith(f'"{EVIL_IMG}"会议')
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, vis-network, the page's own


def test_view_browser_address_names_the_entity(open_view):
    page = open_view(tiny_graph())
    search(page, "王书记")
    assert page.evaluate("decodeURIComponent(location.hash)") == "#王慧杰"
    page.evaluate("location.hash = '#' + encodeURIComponent('廿里镇')")
    wait_until(page, "document.querySelector('#kg-panel h2') && document.querySelector('#kg-panel h2').textContent === '廿里镇'", 5000)
    assert page.evaluate("kgView.network.getSelectedNodes()") == [node_id(page, "廿里镇")]


def test_view_browser_entities_without_facts_are_hidden_until_asked(open_view):
    graph = tiny_graph()
    maker = GraphMaker()
    maker.graph = graph
    maker.entity("Person", "李四")  # named in an article, in no fact
    page = open_view(graph)
    assert page.evaluate("kgView.drawnNodeCount()") == TINY_ENTITIES
    assert "李四" not in page.evaluate("kgView.visibleNodeIds().map(id => kgView.data.nodes[id].l)")
    assert not page.is_checked("#kg-lonely")
    page.check("#kg-lonely")
    assert page.evaluate("kgView.drawnNodeCount()") == TINY_ENTITIES + 1
    assert "李四" in page.evaluate("kgView.visibleNodeIds().map(id => kgView.data.nodes[id].l)")
    page.click("#kg-fit")


def test_view_browser_exports_the_facts_shown_as_csv(open_view, tmp_path):
    import csv
    import io

    page = open_view(tiny_graph())
    with page.expect_download() as done:
        page.click("#kg-export-csv")
    saved = tmp_path / "facts.csv"
    done.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(rows) == page.evaluate("kgView.network.body.edgeIndices.length")
    presided = [r for r in rows if r["relation"] == "主持"]
    assert presided[0]["subject"] == "王慧杰" and presided[0]["object"] == "区政府第70次常务会议"
    assert presided[0]["sentence"] == "区政府第70次常务会议由区长王慧杰主持。"
    assert presided[0]["headline"] == "区政府召开第70次常务会议" and presided[0]["date"] == "2024-11-05"
    # what is hidden is not exported
    page.uncheck("input[data-rel=locatedIn]")
    with page.expect_download() as done:
        page.click("#kg-export-csv")
    done.value.save_as(saved)
    fewer = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(fewer) == len(rows) - 3 and all(r["relation"] != "位于" for r in fewer)


def test_view_browser_exports_the_network_as_png(open_view, tmp_path):
    page = open_view(tiny_graph())
    with page.expect_download() as done:
        page.click("#kg-export-png")
    saved = tmp_path / "graph.png"
    done.value.save_as(saved)
    data = saved.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    canvas = page.evaluate("[document.querySelector('#kg-canvas canvas').width, document.querySelector('#kg-canvas canvas').height]")
    assert [width, height] == canvas and len(data) > 5000


def test_view_browser_draws_the_path_between_two_entities(open_view):
    page = open_view(tiny_graph())
    page.fill("#kg-path-from", "陈雪翔")
    page.fill("#kg-path-to", "廿里镇")
    page.click("#kg-path-go")
    assert panel_title(page) == "路径"
    steps = page.locator("#kg-panel ol.path > li")
    assert steps.count() >= 1
    assert "陈雪翔" in steps.first.inner_text() and "廿里镇" in steps.last.inner_text()
    assert steps.first.locator("blockquote.sent").count() == 1
    path = page.evaluate("kgView.lastPath()")
    assert sorted(page.evaluate("kgView.network.getSelectedNodes()")) == sorted(path["nodes"])
    labels = page.evaluate("(ids) => ids.map(id => kgView.data.nodes[id].l)", path["nodes"])
    assert labels[0] == "陈雪翔" and labels[-1] == "廿里镇" and len(labels) == steps.count() + 1
    page.fill("#kg-path-to", "没有这个")
    page.click("#kg-path-go")
    assert "未找到终点" in page.locator("#kg-panel").inner_text()


def test_view_browser_shared_link_opens_on_the_entity(chromium, tmp_path):
    """A link view.html#王慧杰, as README documents it, opens the page on that entity."""
    out = tmp_path / "shared.html"
    write_view(tiny_graph(), out, built=BUILT)
    page = chromium.context.new_page()
    try:
        page.goto(out.resolve().as_uri() + "#" + "%E7%8E%8B%E6%85%A7%E6%9D%B0", wait_until="load")
        chromium.wait_stable(page)
        wait_until(page, "document.querySelector('#kg-panel h2') && document.querySelector('#kg-panel h2').textContent === '王慧杰'", 10_000)
    finally:
        page.close()


def test_view_browser_focus_selects_the_entity(open_view):
    page = open_view(tiny_graph(), focus="廿里镇", hops=1)
    assert page.evaluate("kgView.drawnNodeCount()") == 4
    assert panel_title(page) == "廿里镇"
    assert "廿里镇" in page.locator("#kg-cut").inner_text()


def test_view_browser_twenty_thousand_entities_settle(open_view, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from view_bench import generated_graph

    from kg.view.page import DEFAULT_MAX_NODES

    graph = generated_graph(20_000)
    started = time.perf_counter()
    page = open_view(graph, title="两万实体")
    elapsed = time.perf_counter() - started
    assert elapsed < SCALE_STABLE_BOUND_S + 10, f"writing and settling took {elapsed:.1f} s"
    stable_s = page.evaluate("window.__kgStableMs") / 1000
    print(f"20,000 entities: page written and settled in {elapsed:.1f} s, layout settled {stable_s:.1f} s after load began")
    assert stable_s < SCALE_STABLE_BOUND_S, f"the layout settled after {stable_s:.1f} s"
    assert page.evaluate("kgView.data.meta.nodes") == DEFAULT_MAX_NODES
    assert page.evaluate("kgView.drawnNodeCount()") == DEFAULT_MAX_NODES
    assert page.locator("#kg-cut").is_visible()
    assert "2,000" in page.locator("#kg-cut").inner_text()
    # physics is off once settled: nothing moves any more
    before = page.evaluate("JSON.stringify(kgView.network.getPositions())")
    page.wait_for_timeout(500)
    assert page.evaluate("JSON.stringify(kgView.network.getPositions())") == before


def test_view_browser_panel_counts_the_facts_it_does_not_list(open_view, monkeypatch):
    import kg.view.page

    monkeypatch.setattr(kg.view.page, "_MAX_OUTSIDE_FACTS", 2)
    m = GraphMaker()
    a = m.article("a", "副区长名单", "2024-05-06")
    post = m.entity("Position", "副区长", article=a)
    town = m.entity("Place", "廿里镇", article=a)
    m.fact(post, "locatedIn", town, "名单。", a)
    for name in ("甲一", "乙二", "丙三", "丁四", "戊五"):
        m.fact(m.entity("Person", name, article=a), "holdsPosition", post, "名单。", a)
    page = open_view(m.graph, max_nodes=2)
    search(page, "副区长")
    assert panel_title(page) == "副区长"
    text = page.locator("#kg-panel").inner_text()
    assert "事实（6）" in text  # one drawn, two listed, three counted
    assert page.locator("#kg-panel ul.facts > li").count() == 4
    assert "另有 3 条与图外实体的事实未列出" in text
