"""Writing graphs: every format parses back to the same graph, and a failed write changes nothing."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic

from kg.rdf.export import FORMATS, WRITERS, ExportError, atomic_path, suffix_for, write_graph
from kg.rdf.graph import assemble
from kg.rdf.namespace import KG
from kg.types import Article, Entity, Extraction, Fact

TEXT = "翠湖产业园开工\n本报讯（记者 林小鹿）“预计明年投产。”青禾科技有限公司总经理郑思源说。项目总投资约4.2亿元，位于白石镇。"


def small_graph() -> Graph:
    article = Article(TEXT, "纸/第1版.txt", headline="翠湖产业园开工", date=dt.date(2023, 3, 14),
                      byline="本报讯（记者 林小鹿）", head_end=TEXT.index("本报讯"))
    s = TEXT.index("“预计")
    e = TEXT.index("说。") + 2
    company = Entity("Company", "青禾科技有限公司")
    person = Entity("Person", "郑思源")
    project = Entity("Project", "翠湖产业园")
    facts = (
        Fact(person, "holdsPosition", Entity("Position", "青禾科技有限公司总经理", title="总经理", org=company), s, e, "people.v1"),
        Fact(person, "worksFor", company, s, e, "people.v1"),
        Fact(project, "totalInvestment", Entity("MonetaryAmount", "约4.2亿元", value=Decimal("4.2E8"), qualifier="约"), e, len(TEXT), "money.v1"),
        Fact(project, "locatedIn", Entity("Place", "白石镇"), e, len(TEXT), "places.v1"),
        # names with characters an IRI must escape
        Fact(Entity("Project", "“大洲 俏娘”共富工坊"), "locatedIn", Entity("Place", "白石镇"), e, len(TEXT), "places.v1"),
    )
    return assemble([Extraction(article, (), facts)])


def read_back(path: Path, fmt: str) -> Graph:
    g = Graph()
    g.parse(path, format=WRITERS[fmt][0])
    return g


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trip_isomorphic(tmp_path: Path, fmt: str) -> None:
    graph = small_graph()
    path = write_graph(graph, tmp_path / f"graph{suffix_for(fmt)}", fmt)
    assert path.exists()
    back = read_back(path, fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


def test_export_turtle_keeps_chinese_readable_and_binds_prefixes(tmp_path: Path) -> None:
    path = write_graph(small_graph(), tmp_path / "graph.ttl")
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#>" in text
    assert "郑思源" in text and "\\u" not in text


def test_export_amounts_keep_their_written_form(tmp_path: Path) -> None:
    # rdflib's own Turtle writer turns "420000000"^^xsd:decimal into 420000000.0, another literal
    graph = small_graph()
    value = Literal("420000000", datatype=XSD.decimal)
    assert any(graph.triples((None, KG.value, value)))
    for fmt in ("turtle", "trig"):
        back = read_back(write_graph(graph, tmp_path / f"graph{suffix_for(fmt)}", fmt), fmt)
        assert any(back.triples((None, KG.value, value))), fmt


def test_export_trig_writes_the_default_graph(tmp_path: Path) -> None:
    graph = small_graph()
    path = write_graph(graph, tmp_path / "graph.trig", "trig")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG))
    assert len(quads) == len(graph)
    assert all(q.graph_name == pyoxigraph.DefaultGraph() for q in quads)


def test_export_turtle_parses_with_oxigraph(tmp_path: Path) -> None:
    graph = small_graph()
    path = write_graph(graph, tmp_path / "graph.ttl")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(graph)


def test_export_ntriples_sorted_and_stable(tmp_path: Path) -> None:
    one = write_graph(small_graph(), tmp_path / "a.nt", "nt").read_text(encoding="utf-8")
    two = write_graph(small_graph(), tmp_path / "b.nt", "nt").read_text(encoding="utf-8")
    lines = one.splitlines()
    assert one == two
    assert lines == sorted(lines) and all(lines)


def test_export_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format 'xml'"):
        write_graph(small_graph(), tmp_path / "graph.xml", "xml")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="one of json-ld, jsonld, nt, ntriples, trig, ttl, turtle"):
        suffix_for("xml")


@pytest.mark.parametrize("alias, name", [("ttl", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_export_aliases_write_what_their_format_writes(tmp_path: Path, alias: str, name: str) -> None:
    assert suffix_for(alias) == suffix_for(name)
    one = write_graph(small_graph(), tmp_path / f"a{suffix_for(alias)}", alias).read_bytes()
    assert one == write_graph(small_graph(), tmp_path / f"b{suffix_for(name)}", name).read_bytes()


def test_export_build_offers_the_formats_export_writes() -> None:
    from kg.commands.build import command

    [option] = [p for p in command.params if p.name == "formats"]
    assert tuple(option.type.choices) == FORMATS == tuple(WRITERS)


class Exploding(Graph):
    def serialize(self, *args, **kwargs):  # noqa: ANN002, ANN003
        raise RuntimeError("disk full")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_export_failed_write_leaves_previous_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "graph.out"
    path.write_text("previous graph\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        write_graph(Exploding(), path, fmt)
    assert path.read_text(encoding="utf-8") == "previous graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.out"]


def test_export_failure_midway_leaves_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("previous graph\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(path) as tmp:
            tmp.write_text("half a gra", encoding="utf-8")
            raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "previous graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_export_replaces_previous_file_and_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "graph.ttl"
    path.parent.mkdir(parents=True)
    path.write_text("previous graph\n", encoding="utf-8")
    write_graph(small_graph(), path)
    assert isomorphic(read_back(path, "turtle"), small_graph())
    assert [p.name for p in path.parent.iterdir()] == ["graph.ttl"]
    fresh = write_graph(small_graph(), tmp_path / "new" / "graph.nt", "nt")
    assert fresh.exists()


def test_export_empty_graph(tmp_path: Path) -> None:
    path = write_graph(Graph(), tmp_path / "graph.ttl")
    assert len(read_back(path, "turtle")) == 0


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_file_mode_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    before = os.umask(mask)
    try:
        write_graph(small_graph(), tmp_path / "g.ttl")
        with atomic_path(tmp_path / "plain.txt") as tmp:
            tmp.write_text("x", encoding="utf-8")
    finally:
        os.umask(before)
    assert (tmp_path / "g.ttl").stat().st_mode & 0o777 == mode
    assert (tmp_path / "plain.txt").stat().st_mode & 0o777 == mode
