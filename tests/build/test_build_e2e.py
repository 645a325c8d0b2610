"""The whole build on the repo's seeds, checked by SPARQL, and `kg build` on good and bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build.pipeline import BuildError, build
from kg.commands.build import command as build_command
from kg.rdf.namespace import SPARQL_PREFIXES


@pytest.fixture(scope="module")
def seeds_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Graph]:
    out = tmp_path_factory.mktemp("seeds-build")
    report = build([seeds_dir], out, formats=("turtle", "nt", "json-ld"), view=False, store=False)
    assert report.errors == []
    assert report.files == 2 and report.articles > 2 and report.facts > 0
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) == report.triples
    return out, graph


def ask(graph: Graph, query: str) -> bool:
    return bool(graph.query(SPARQL_PREFIXES + query).askAnswer)


def test_build_e2e_seeds_position_of_general_manager(seeds_build) -> None:
    _, graph = seeds_build
    assert ask(graph, """
        ASK {
          ?p a kg:Person ; rdfs:label "陈雪翔"@zh ; kg:holdsPosition ?pos .
          ?pos a kg:Position .
          { ?pos rdfs:label "总经理"@zh } UNION { ?pos skos:altLabel "总经理"@zh }
        }""")


def test_build_e2e_seeds_total_investment(seeds_build) -> None:
    _, graph = seeds_build
    assert ask(graph, """
        ASK {
          ?project a kg:Project ; rdfs:label "廿里彩虹智能装备产业园"@zh ; kg:totalInvestment ?amount .
          ?amount a kg:MonetaryAmount ; kg:value ?v ; kg:currency "CNY" .
          FILTER(?v = 420000000)
        }""")


def test_build_e2e_seeds_district_head_presided_standing_meeting(seeds_build) -> None:
    _, graph = seeds_build
    assert ask(graph, """
        ASK {
          ?p a kg:Person ; rdfs:label "贵青"@zh ; kg:presided ?m ; kg:attended ?m .
          ?m a kg:Meeting, kg:Event ; rdfs:label "衢江区政府第70次常务会议"@zh .
          ?e a kg:Evidence ; rdf:subject ?p ; rdf:predicate kg:presided ; rdf:object ?m ; kg:sentence ?s .
          FILTER(CONTAINS(STR(?s), "贵青主持召开区政府第70次常务会议"))
        }""")


RELATIONS = "kg:attended kg:presided kg:spokeAt kg:holdsPosition kg:worksFor kg:locatedIn kg:invested kg:investedIn kg:totalInvestment kg:date"


def test_build_e2e_seeds_every_relation_has_evidence(seeds_build) -> None:
    _, graph = seeds_build
    rows = list(graph.query(SPARQL_PREFIXES + f"""
        SELECT ?s ?p ?o WHERE {{
          VALUES ?p {{ {RELATIONS} }}
          ?s ?p ?o .
          FILTER NOT EXISTS {{
            ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?q ; rdf:object ?o ;
               kg:sentence ?sentence ; kg:rule ?rule ; prov:wasDerivedFrom ?a .
            ?a a kg:Article ; dcterms:source ?source .
            FILTER(?q = ?p || (?p = kg:attended && ?q IN (kg:presided, kg:spokeAt)))
          }}
        }}"""))
    assert rows == []
    assert ask(graph, "ASK { ?e a kg:Evidence ; rdf:predicate kg:holdsPosition }")


def test_build_e2e_seeds_articles_have_source_and_date(seeds_build, seeds_dir: Path) -> None:
    _, graph = seeds_build
    rows = list(graph.query(SPARQL_PREFIXES + "SELECT ?a ?source ?date WHERE { ?a a kg:Article ; dcterms:source ?source . "
                                              "OPTIONAL { ?a dcterms:date ?date } }"))
    assert rows
    names = {p.name for p in seeds_dir.glob("*.txt")}
    assert {Path(str(r.source)).name for r in rows} == names
    # the first page carries a masthead date; the other has none, and none is invented
    dates: dict[str, set] = {}
    for r in rows:
        dates.setdefault(Path(str(r.source)).name, set()).add(None if r.date is None else str(r.date))
    assert dates["000_d75ccf555e03be28.txt"] == {"2022-07-19"}
    assert dates["002_a7ac662c6e85e3a8.txt"] == {None}


def test_build_e2e_seeds_ntriples_and_jsonld_agree(seeds_build) -> None:
    out, graph = seeds_build
    nt = Graph().parse(out / "graph.nt", format="nt")
    jsonld = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert len(nt) == len(graph)
    assert isomorphic(nt, jsonld)


def test_build_e2e_seeds_turtle_round_trip(seeds_build) -> None:
    out, graph = seeds_build
    nt = Graph().parse(out / "graph.nt", format="nt")
    assert isomorphic(graph, nt)  # graph: graph.ttl read back


def test_build_e2e_seeds_turtle_parses_with_oxigraph(seeds_build) -> None:
    out, graph = seeds_build
    quads = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(graph)


def test_build_e2e_seeds_same_graph_twice(seeds_build, seeds_dir: Path, tmp_path: Path) -> None:
    out, _ = seeds_build
    build([seeds_dir], tmp_path, formats=("nt",), view=False, store=False)
    assert (tmp_path / "graph.nt").read_bytes() == (out / "graph.nt").read_bytes()


# ---- the command -------------------------------------------------------------

GOOD = (
    "青禾日报\n2023年3月14日 星期二\n"
    "白石镇召开乡村振兴推进会\n"
    "本报讯（记者 林小鹿）3月13日，区长孙立群主持召开白石镇乡村振兴推进会。\n"
)


def test_build_e2e_cli_skips_bad_file(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    out = tmp_path / "out"
    result = CliRunner().invoke(build_command, [str(inputs), "--out", str(out), "--no-view", "--no-store"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("kg build: skipped")]
    assert len(skipped) == 1
    assert str(inputs / "bad.txt") in skipped[0]
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert ask(graph, """
        ASK {
          ?p rdfs:label "孙立群"@zh ; kg:presided ?m ; kg:holdsPosition ?pos .
          ?pos rdfs:label "区长"@zh .
          ?m a kg:Meeting ; kg:date "2023-03-13"^^xsd:date .
        }""")


@pytest.mark.parametrize("bad", [b"", b"\x00\x00\x00\x00", b"  \n"])
def test_build_e2e_cli_only_bad_files_fails(tmp_path: Path, bad: bytes) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bad.txt").write_bytes(bad)
    out = tmp_path / "out"
    result = CliRunner().invoke(build_command, [str(inputs), "--out", str(out), "--no-view", "--no-store"])
    assert result.exit_code != 0
    assert "nothing to build" in result.output
    assert str(inputs / "bad.txt") in result.output
    assert "Traceback" not in result.output
    assert not (out / "graph.ttl").exists()


def test_build_e2e_cli_folder_without_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_command, [str(tmp_path), "--out", str(tmp_path / "out"), "--no-view", "--no-store"])
    assert result.exit_code != 0
    assert f"{tmp_path}: folder has no .txt files" in result.output


def test_build_e2e_build_raises_when_nothing_readable(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no such file or folder"):
        build([tmp_path / "missing"], tmp_path / "out", view=False, store=False)


@pytest.fixture
def umask():
    def set_umask(mask: int) -> None:
        os.umask(mask)

    before = os.umask(0o022)
    yield set_umask
    os.umask(before)


def test_build_e2e_outputs_are_readable_as_the_umask_allows(tmp_path: Path, umask) -> None:
    """Outputs are written to private temporary files first; the files a build leaves get the
    mode any file created under the user's umask gets, not the temporary file's 0600."""
    (tmp_path / "in.txt").write_text(GOOD, encoding="utf-8")
    umask(0o022)
    build([tmp_path / "in.txt"], tmp_path / "out", formats=("turtle", "nt", "json-ld"), view=True, store=True)
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    names = {p.name for p in written}
    assert {"graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "manifest.json"} <= names
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in written} == {p.name: "0o644" for p in written}
    folders = [p for p in (tmp_path / "out").rglob("*") if p.is_dir()]
    assert {"store", "shards"} <= {p.name for p in folders}
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in folders} == {p.name: "0o755" for p in folders}


def test_build_e2e_cli_says_why_a_large_graph_has_no_view(tmp_path: Path, monkeypatch) -> None:
    import kg.build.pipeline

    monkeypatch.setattr(kg.build.pipeline, "VIEW_MOST_TRIPLES", 5)
    (tmp_path / "in.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(build_command, [str(tmp_path / "in.txt"), "--out", str(tmp_path / "out"), "--no-store"])
    assert result.exit_code == 0, result.output
    notice = [line for line in result.output.splitlines() if "graph.html not written" in line]
    assert len(notice) == 1 and notice[0].startswith("kg build: ") and "triples are more than 5" in notice[0]
    assert f"kg view {tmp_path / 'out' / 'graph.ttl'} --focus NAME" in notice[0]
    assert not (tmp_path / "out" / "graph.html").exists()
    result = CliRunner().invoke(build_command, [str(tmp_path / "in.txt"), "--out", str(tmp_path / "out"), "--no-store", "--view"])
    assert result.exit_code == 0 and "not written" not in result.output
    assert (tmp_path / "out" / "graph.html").exists()
