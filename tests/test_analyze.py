"""`kg analyze` and `kg path`: the graph as a network, through the CLI as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import load_store

FIXTURE = Path(__file__).parent / "data" / "query" / "county.ttl"

# Two groups of people who meet apart, and one (甲一) who sits in both: the broker.
TWO_GROUPS = """@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix p: <https://w3id.org/kg-news/id/Person/> .
@prefix m: <https://w3id.org/kg-news/id/Meeting/> .
@prefix o: <https://w3id.org/kg-news/id/Organization/> .
""" + "".join(f'p:{n} a kg:Person ; rdfs:label "{n}"@zh .\n' for n in ("甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七")) + \
    "".join(f'm:{n} a kg:Meeting ; rdfs:label "{n}"@zh .\n' for n in ("东区会议", "东区例会", "西区会议", "西区例会")) + """
o:东区政府 a kg:Organization ; rdfs:label "东区政府"@zh .
p:乙二 kg:attended m:东区会议, m:东区例会 ; kg:worksFor o:东区政府 .
p:丙三 kg:attended m:东区会议, m:东区例会 ; kg:worksFor o:东区政府 .
p:丁四 kg:attended m:东区会议, m:东区例会 .
p:戊五 kg:attended m:西区会议, m:西区例会 .
p:己六 kg:attended m:西区会议, m:西区例会 .
p:庚七 kg:attended m:西区会议 .
p:甲一 kg:attended m:东区会议, m:西区会议 .
"""


@pytest.fixture
def groups(tmp_path):
    path = tmp_path / "groups.ttl"
    path.write_text(TWO_GROUPS, encoding="utf-8")
    return path


def run(*args):
    out = CliRunner().invoke(main, [str(a) for a in args])
    return out


def test_analyze_finds_the_broker_and_the_two_groups(groups):
    out = run("analyze", groups, "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["people"][0]["name"] == "甲一"  # every chain between the groups passes through 甲一
    assert doc["people"][0]["betweenness"] > doc["people"][1]["betweenness"]
    communities = [set(c["people"]) for c in doc["communities"]]
    east, west = {"乙二", "丙三", "丁四"}, {"戊五", "己六", "庚七"}
    assert any(east <= c and not (west & c) for c in communities)
    assert any(west <= c and not (east & c) for c in communities)
    assert doc["organisations"][0] == {"name": "东区政府", "cls": "Organization", "degree": 2, "people": 2,
                                       "iri": "https://w3id.org/kg-news/id/Organization/东区政府"}


def test_analyze_table_and_csv_agree(groups):
    table = run("analyze", groups)
    assert table.exit_code == 0
    assert "Central people" in table.output and "Communities of co-attendance" in table.output
    assert table.output.splitlines()[3].split()[1] == "甲一"
    rows = list(csv.DictReader(io.StringIO(run("analyze", groups, "-f", "csv").output)))
    assert rows[0]["section"] == "people" and rows[0]["name"] == "甲一"
    assert {r["section"] for r in rows} == {"people", "communities", "organisations"}


def test_analyze_reads_a_store_as_the_turtle(groups, tmp_path):
    load_store(groups, tmp_path / "store")
    assert run("analyze", tmp_path / "store", "-f", "json").output == run("analyze", groups, "-f", "json").output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_analyze_writes_a_network_gephi_opens(fmt, tmp_path):
    target = tmp_path / f"net.{fmt}"
    out = run("analyze", FIXTURE, "--format", fmt, "--out", target)
    assert out.exit_code == 0, out.output
    assert "opens in Gephi" in out.output
    root = ET.parse(target).getroot()
    assert root.tag == ("{http://graphml.graphdrawing.org/xmlns}graphml" if fmt == "graphml" else "{http://www.gexf.net/1.2draft}gexf")
    g = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"林晓东", "县政府第12次常务会议", "青溪镇"} <= labels
    lin = next(n for n, d in g.nodes(data=True) if d["label"] == "林晓东")
    assert g.nodes[lin]["cls"] == "Person" and g.nodes[lin]["cls_label"] == "人物"
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"presided", "locatedIn", "holdsPosition"} <= relations


def test_path_gives_each_step_with_its_sentence():
    out = run("path", FIXTURE, "林晓东", "青溪镇")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "1. 林晓东 —讲话→ 青溪智能制造产业园开工仪式"
    assert lines[1] == "    「县长林晓东在开工仪式上讲话。」 《青溪智能制造产业园开工》 2025-03-11"
    assert lines[2] == "2. 青溪智能制造产业园开工仪式 —位于→ 青溪镇"
    assert lines[-1] == "(2 steps)"
    steps = json.loads(run("path", FIXTURE, "林晓东", "青溪镇", "-f", "json").output)
    assert [s["relation"] for s in steps] == ["spokeAt", "locatedIn"] and all(s["sentence"] for s in steps)


def test_path_names_ambiguity_unknown_names_and_no_chain(groups):
    ambiguous = run("path", FIXTURE, "林晓东", "云州恒达")
    assert ambiguous.exit_code == 1 and "2 entities are named or contain 「云州恒达」" in ambiguous.output
    unknown = run("path", FIXTURE, "林晓冬", "青溪镇")
    assert unknown.exit_code == 1 and "did you mean: 林晓东" in unknown.output
    apart = groups.with_name("apart.ttl")
    apart.write_text(TWO_GROUPS + '<https://w3id.org/kg-news/id/Person/孤人> a <https://w3id.org/kg-news/ontology#Person> ; '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "孤人"@zh .\n', encoding="utf-8")
    none = run("path", apart, "孤人", "甲一")
    assert none.exit_code == 1 and "no chain of facts joins 「孤人」 and 「甲一」" in none.output
    across = run("path", groups, "乙二", "戊五")
    assert across.exit_code == 0 and "甲一" in across.output and "(4 steps)" in across.output
