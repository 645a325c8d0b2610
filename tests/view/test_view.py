"""The interactive view's page data, cutting and file writing (no browser; see test_view_browser.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.rdf.iris import article_iri, entity_iri, evidence_iri
from kg.rdf.namespace import KG
from kg.types import Entity
from kg.view.page import CLASSES, RELATIONS, VALUES, ViewStats, write_view

ROOT = Path(__file__).resolve().parents[2]
# (rdflib's XSD namespace object at module level makes pytest warn while it collects)
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
BUILT = dt.datetime(2024, 12, 12, 8, 30, tzinfo=dt.UTC)

_SUPER = {"Company": KG.Organization, "Meeting": KG.Event}


class GraphMaker:
    """Writes a graph shaped as docs/MODEL.md says, fact by fact."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.graph.bind("kg", KG._NS)

    def article(self, key: str, headline: str, date: str | None = None) -> URIRef:
        a = article_iri(key)
        self.graph.add((a, RDF.type, KG.Article))
        self.graph.add((a, DCTERMS.title, Literal(headline, lang="zh")))
        if date:
            self.graph.add((a, DCTERMS.date, Literal(date, datatype=XSD_DATE)))
        return a

    def entity(self, kind: str, name: str, *alts: str, article: URIRef | None = None, **kw) -> URIRef:
        e = entity_iri(Entity(kind, name, **kw))
        g = self.graph
        g.add((e, RDF.type, KG[kind]))
        if kind in _SUPER:
            g.add((e, RDF.type, _SUPER[kind]))
        g.add((e, RDFS.label, Literal(name, lang="zh")))
        for alt in alts:
            g.add((e, SKOS.altLabel, Literal(alt, lang="zh")))
        if article is not None:
            g.add((e, KG.mentionedIn, article))
        return e

    def fact(self, s: URIRef, p: str, o, sentence: str, article: URIRef, rule: str = "test.v1") -> None:
        g = self.graph
        g.add((s, KG[p], o))
        if p in ("presided", "spokeAt"):
            g.add((s, KG.attended, o))
        for prop in (p, "attended") if p in ("presided", "spokeAt") else (p,):
            ev = evidence_iri(s, prop, o, article, sentence, rule)
            g.add((ev, RDF.type, KG.Evidence))
            g.add((ev, RDF.subject, s))
            g.add((ev, RDF.predicate, KG[prop]))
            g.add((ev, RDF.object, o))
            g.add((ev, KG.sentence, Literal(sentence, lang="zh")))
            g.add((ev, KG.rule, Literal(rule)))
            g.add((ev, PROV.wasDerivedFrom, article))


def tiny_graph() -> Graph:
    """Eleven entities of every class and eleven facts from two articles."""
    m = GraphMaker()
    g = m.graph
    a1 = m.article("a1", "廿里彩虹智能装备产业园预计明年2月投产", "2024-12-10")
    a2 = m.article("a2", "区政府召开第70次常务会议", "2024-11-05")
    wang = m.entity("Person", "王慧杰", "王书记", article=a2)
    chen = m.entity("Person", "陈雪翔", article=a1)
    meeting = m.entity("Meeting", "区政府第70次常务会议", article=a2)
    visit = m.entity("Event", "产业园现场调研", article=a1)
    gov = m.entity("Organization", "衢江区人民政府", article=a2)
    company = m.entity("Company", "衢州市彩虹廿里建设有限公司", article=a1)
    post = m.entity("Position", "衢州市彩虹廿里建设有限公司总经理", "总经理", article=a1)
    g.add((post, KG.title, Literal("总经理")))
    g.add((post, KG.ofOrganization, company))
    town = m.entity("Place", "廿里镇", article=a1)
    district = m.entity("Place", "衢江区", article=a2)
    park = m.entity("Project", "廿里彩虹智能装备产业园", "彩虹产业园", article=a1)
    amount = m.entity("MonetaryAmount", "约4.2亿元", value=Decimal(420000000), qualifier="约", article=a1)
    g.add((amount, KG.value, Literal("420000000", datatype=XSD_DECIMAL)))
    g.add((amount, KG.qualifier, Literal("约")))
    g.add((amount, KG.currency, Literal("CNY")))

    m.fact(wang, "presided", meeting, "区政府第70次常务会议由区长王慧杰主持。", a2)
    m.fact(wang, "worksFor", gov, "区政府第70次常务会议由区长王慧杰主持。", a2)
    m.fact(meeting, "date", Literal("2024-11-05", datatype=XSD_DATE), "11月5日，区政府召开第70次常务会议。", a2)
    m.fact(chen, "attended", visit, "陈雪翔参加了产业园现场调研。", a1)
    m.fact(visit, "date", Literal("2024-12-09", datatype=XSD_DATE), "12月9日，陈雪翔到产业园现场调研。", a1)
    m.fact(chen, "holdsPosition", post, "衢州市彩虹廿里建设有限公司总经理陈雪翔说。", a1)
    m.fact(chen, "worksFor", company, "衢州市彩虹廿里建设有限公司总经理陈雪翔说。", a1)
    m.fact(company, "investedIn", park, "该公司投资建设廿里彩虹智能装备产业园。", a1)
    m.fact(park, "locatedIn", town, "廿里彩虹智能装备产业园位于廿里镇。", a1)
    m.fact(park, "totalInvestment", amount, "项目总投资约4.2亿元。", a1)
    m.fact(town, "locatedIn", district, "廿里镇位于衢江区东部。", a1)
    m.fact(visit, "locatedIn", town, "调研在廿里镇进行。", a1)
    return g


TINY_ENTITIES = 11
TINY_FACTS = 11  # ten relations above plus kg:ofOrganization; the implied kg:attended is not drawn


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    assert found, "the page has no data element"
    return json.loads(found.group(1))


def node_named(data: dict, label: str) -> dict:
    return next(n for n in data["nodes"] if n["l"] == label)


def test_view_writes_every_entity_and_fact(tmp_path):
    out = tmp_path / "view.html"
    stats = write_view(tiny_graph(), out, title="衢江新闻", built=BUILT)
    assert stats == ViewStats(nodes=TINY_ENTITIES, edges=TINY_FACTS, total_nodes=TINY_ENTITIES, total_edges=TINY_FACTS, cut=False)
    data = page_data(out)
    assert len(data["nodes"]) == TINY_ENTITIES and all(n["s"] == 1 for n in data["nodes"])
    assert len(data["edges"]) == TINY_FACTS
    expected = {"title": "衢江新闻", "entities": 11, "facts": 11, "built": "2024-12-12 08:30 UTC", "note": ""}
    assert {k: data["meta"][k] for k in expected} == expected


def test_view_most_specific_class_names_the_node(tmp_path):
    out = tmp_path / "view.html"
    write_view(tiny_graph(), out, built=BUILT)
    data = page_data(out)
    cls = {n["l"]: data["classes"][n["c"]][0] for n in data["nodes"]}
    assert cls["衢州市彩虹廿里建设有限公司"] == "Company"
    assert cls["区政府第70次常务会议"] == "Meeting"
    assert cls["产业园现场调研"] == "Event"
    assert cls["约4.2亿元"] == "MonetaryAmount"
    assert not any(n["l"].startswith(("廿里彩虹智能装备产业园预计", "区政府召开")) for n in data["nodes"]), "articles are not entities"


def test_view_role_replaces_implied_attended_edge(tmp_path):
    out = tmp_path / "view.html"
    write_view(tiny_graph(), out, built=BUILT)
    data = page_data(out)
    wang, meeting = node_named(data, "王慧杰")["i"], node_named(data, "区政府第70次常务会议")["i"]
    rels = [data["rels"][e[2]][1] for e in data["edges"] if (e[0], e[1]) == (wang, meeting)]
    assert rels == ["主持"]
    chen, visit = node_named(data, "陈雪翔")["i"], node_named(data, "产业园现场调研")["i"]
    assert [data["rels"][e[2]][1] for e in data["edges"] if (e[0], e[1]) == (chen, visit)] == ["出席"]


def test_view_fact_carries_sentence_and_article(tmp_path):
    out = tmp_path / "view.html"
    write_view(tiny_graph(), out, built=BUILT)
    data = page_data(out)
    park, amount = node_named(data, "廿里彩虹智能装备产业园")["i"], node_named(data, "约4.2亿元")["i"]
    (edge,) = [e for e in data["edges"] if (e[0], e[1]) == (park, amount)]
    assert data["rels"][edge[2]][1] == "总投资"
    [(sentence, article)] = edge[3]
    assert data["sents"][sentence] == "项目总投资约4.2亿元。"
    assert data["arts"][article] == ["廿里彩虹智能装备产业园预计明年2月投产", "2024-12-10"]


def test_view_values_and_event_dates(tmp_path):
    out = tmp_path / "view.html"
    write_view(tiny_graph(), out, built=BUILT)
    data = page_data(out)
    amount = node_named(data, "约4.2亿元")
    assert ["数值（元）", "420,000,000"] in [p[:2] for p in amount["p"]]
    meeting = node_named(data, "区政府第70次常务会议")
    assert meeting["d"] == "2024-11-05"
    (date_row,) = [p for p in meeting["p"] if p[0] == "日期"]
    assert data["sents"][date_row[2][0][0]] == "11月5日，区政府召开第70次常务会议。"
    assert (data["meta"]["dateMin"], data["meta"]["dateMax"]) == ("2024-11-05", "2024-12-09")
    assert "d" not in node_named(data, "廿里镇")


def test_view_max_nodes_keeps_the_best_connected(tmp_path):
    out = tmp_path / "view.html"
    stats = write_view(tiny_graph(), out, max_nodes=4, built=BUILT)
    assert (stats.nodes, stats.total_nodes, stats.cut) == (4, TINY_ENTITIES, True)
    data = page_data(out)
    drawn = {n["l"] for n in data["nodes"] if n["s"]}
    # these four have three facts each, the rest two or fewer
    assert drawn == {"廿里镇", "陈雪翔", "廿里彩虹智能装备产业园", "衢州市彩虹廿里建设有限公司"}
    assert "--max-nodes" in data["meta"]["note"] and "11" in data["meta"]["note"]
    assert stats.edges == sum(1 for e in data["edges"] if data["nodes"][e[0]]["s"] and data["nodes"][e[1]]["s"])


def test_view_panel_lists_a_bounded_number_of_facts_with_entities_not_drawn(tmp_path, monkeypatch):
    """A post held by many people: the page keeps every fact between drawn entities, and
    of the post's facts with people not drawn the first few (by relation, then IRI), and
    counts the rest for its panel."""
    import kg.view.page

    monkeypatch.setattr(kg.view.page, "_MAX_OUTSIDE_FACTS", 3)
    m = GraphMaker()
    a = m.article("a", "副区长名单", "2024-05-06")
    post = m.entity("Position", "副区长", article=a)
    town = m.entity("Place", "廿里镇", article=a)
    people = [m.entity("Person", f"{name}", article=a) for name in ("甲一", "乙二", "丙三", "丁四", "戊五", "己六")]
    for person in people:
        m.fact(person, "holdsPosition", post, "名单。", a)
    m.fact(post, "locatedIn", town, "名单。", a)
    m.fact(people[0], "locatedIn", town, "名单。", a)
    out = tmp_path / "view.html"
    write_view(m.graph, out, max_nodes=3, built=BUILT)  # the post, the town and one person are drawn
    data = page_data(out)
    drawn = {n["l"] for n in data["nodes"] if n["s"]}
    assert drawn == {"副区长", "廿里镇", "甲一"}
    node = node_named(data, "副区长")
    ids = {n["i"]: n["l"] for n in data["nodes"]}
    listed = sorted(ids[e[0]] for e in data["edges"] if ids[e[1]] == "副区长" and ids[e[0]] not in drawn)
    holders = sorted((str(p), ids_name) for p, ids_name in zip(people[1:], ("乙二", "丙三", "丁四", "戊五", "己六")))
    assert listed == sorted(name for _, name in holders[:3])  # the first three by IRI
    assert node["x"] == 2  # and two more, counted
    assert len([e for e in data["edges"] if {ids[e[0]], ids[e[1]]} <= drawn]) == 3  # every drawn edge stays
    assert "x" not in node_named(data, "廿里镇")


def test_view_focus_draws_the_neighbourhood(tmp_path):
    out = tmp_path / "view.html"
    stats = write_view(tiny_graph(), out, focus="王书记", hops=1, built=BUILT)
    data = page_data(out)
    assert {n["l"] for n in data["nodes"] if n["s"]} == {"王慧杰", "区政府第70次常务会议", "衢江区人民政府"}
    assert stats.cut and stats.nodes == 3 and stats.edges == 2
    assert "王书记" in data["meta"]["note"]
    assert data["meta"]["focus"] == [node_named(data, "王慧杰")["i"]]
    two = write_view(tiny_graph(), out, focus="廿里镇", hops=2, built=BUILT)
    assert two.nodes == 7  # 廿里镇; 产业园, 衢江区, 调研; 企业, 金额, 陈雪翔


def test_view_unknown_focus_suggests_names(tmp_path):
    with pytest.raises(ValueError, match="廿里彩虹智能装备产业园"):
        write_view(tiny_graph(), tmp_path / "v.html", focus="彩虹智能")


def test_view_default_cut_above_the_limit(tmp_path, monkeypatch):
    import kg.view.page

    monkeypatch.setattr(kg.view.page, "DEFAULT_MAX_NODES", 5)
    stats = write_view(tiny_graph(), tmp_path / "v.html", built=BUILT)
    assert (stats.nodes, stats.cut) == (5, True)
    assert "图较大" in stats.note


def test_view_page_is_self_contained(tmp_path):
    out = tmp_path / "view.html"
    write_view(tiny_graph(), out, built=BUILT)
    text = out.read_text(encoding="utf-8")
    assert "vis-network" in text and "@license" in text
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text), "nothing is loaded from elsewhere"
    assert "bootstrap" not in text.lower() and "fonts.googleapis" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.html"], "no lib/ folder, no temp file left"


def test_view_escapes_article_text_in_the_data(tmp_path):
    m = GraphMaker()
    a = m.article("x", "</script><script>window.__pwned=1</script>", "2024-01-02")
    bad = m.entity("Person", '<img src=x onerror="window.__pwned=1">&amp;', article=a)
    place = m.entity("Place", "廿里镇")
    m.fact(bad, "worksFor", m.entity("Organization", "区委"), "<!-- </script> -->", a)
    m.fact(place, "locatedIn", m.entity("Place", "衢江区"), "廿里镇位于衢江区。", a)
    out = tmp_path / "v.html"
    write_view(m.graph, out, title="<b>标题</b>", built=BUILT)
    text = out.read_text(encoding="utf-8")
    block = re.search(r'id="kg-data">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "<title>&lt;b&gt;标题&lt;/b&gt;</title>" in text
    data = json.loads(block)
    assert data["arts"][0][0] == "</script><script>window.__pwned=1</script>"
    assert any(n["l"] == '<img src=x onerror="window.__pwned=1">&amp;' for n in data["nodes"])


def test_view_replaces_the_file_atomically(tmp_path, monkeypatch):
    out = tmp_path / "view.html"
    out.write_text("old", encoding="utf-8")
    import kg.view.page

    def broken(data, *, title=""):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kg.view.page, "render_page", broken)
    with pytest.raises(RuntimeError):
        write_view(tiny_graph(), out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_view_empty_graph(tmp_path):
    stats = write_view(Graph(), tmp_path / "v.html")
    assert stats == ViewStats(0, 0, 0, 0, False)


def test_view_labels_match_ontology():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")

    def zh(name: str) -> str:
        return next(str(o) for o in onto.objects(KG[name], RDFS.label) if o.language == "zh")

    for name, label, *_ in CLASSES:
        assert zh(name) == label, name
    for name, label in RELATIONS + VALUES:
        assert zh(name) == label, name


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("nt", ".nt"), ("xml", ".rdf")])
def test_view_read_graph_gives_the_same_triples(tmp_path, fmt, suffix):
    from kg.view.page import read_graph

    path = tmp_path / f"g{suffix}"
    tiny_graph().serialize(path, format=fmt, encoding="utf-8")
    assert set(read_graph(path)) == set(Graph().parse(path, format=fmt))


def test_view_cli_writes_the_page(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    src = tmp_path / "g.ttl"
    tiny_graph().serialize(src, format="turtle")
    out = tmp_path / "out" / "v.html"
    result = CliRunner().invoke(main, ["view", str(src), "--out", str(out), "--title", "衢江", "--max-nodes", "4"])
    assert result.exit_code == 0, result.output
    assert "4" in result.output and out.exists()
    assert page_data(out)["meta"]["title"] == "衢江"
    bad = CliRunner().invoke(main, ["view", str(src), "--out", str(out), "--focus", "不存在的人"])
    assert bad.exit_code != 0 and "不存在的人" in bad.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("kg:a kg:b", encoding="utf-8")
    unreadable = CliRunner().invoke(main, ["view", str(broken), "--out", str(out)])
    assert unreadable.exit_code != 0 and "broken.ttl" in unreadable.output


@pytest.mark.parametrize("options", [{}, {"max_nodes": 5}, {"focus": "王慧杰", "hops": 2}])
def test_view_page_from_the_triples_it_reads_is_the_page_from_the_whole_graph(seeds_dir, tmp_path, options):
    """The build and `kg view` draw from the few predicates the page reads, held without
    rdflib's indexes: the page must be the one rdflib's whole graph gives."""
    from kg.build.pipeline import build
    from kg.view.page import ViewTriples, page_data, read_for_view, read_graph

    build([seeds_dir], tmp_path / "out", formats=("nt",), view=False, store=False)
    path = tmp_path / "out" / "graph.nt"
    lean, grouped, whole = read_for_view(path), read_for_view(path, grouped=True), read_graph(path)
    assert isinstance(lean, ViewTriples) and 0 < len(grouped) < len(lean) < len(whole)
    built = dt.datetime(2026, 1, 1, 8, 0)
    options = {"focus": None, "hops": 1, "max_nodes": None, **options}
    page = page_data(whole, title="t", built=built, **options)
    assert page_data(lean, title="t", built=built, **options) == page
    assert page_data(grouped, title="t", built=built, **options) == page
    assert page[1].edges > 0
    assert any(edge[3] for edge in page[0]["edges"])  # with their sentences
