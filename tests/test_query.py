"""The query library on a hand-made county graph (tests/data/query/county.ttl), and `kg query`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import (
    Iri,
    QueryError,
    bind_params,
    execute,
    format_table,
    library,
    queries_dir,
    run_query,
    shorten,
    to_csv,
    to_json,
    to_jsonl,
    to_sparql_json,
    to_tsv,
    with_prefixes,
)
from kg.store import load_store, open_graph
from kg.tables import display_width

FIXTURE = Path(__file__).parent / "data" / "query" / "county.ttl"
KG = "https://w3id.org/kg-news/ontology#"
KGR = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def county():
    return open_graph(FIXTURE)


def rows(county, query, /, **params):
    return run_query(county, query, params or None)


def test_query_library_has_the_named_queries_each_described():
    lib = library()
    wanted = {"attendance", "person-timeline", "projects-by-place", "company-investments", "entity",
              "co-attendance", "places", "facts-without-evidence", "positions", "meetings-by-date", "evidence"}
    assert wanted <= set(lib)
    assert all(q.description for q in lib.values())
    assert queries_dir().name == "queries"


@pytest.mark.parametrize("name", sorted(library()))
def test_query_every_library_query_runs_on_the_county_graph(county, name):
    params = {p.name: "林晓东" for p in library()[name].params if p.required}
    result = execute(county, name, params)
    assert result.kind == "select"
    if name != "facts-without-evidence":
        assert result.rows, f"{name} found nothing in the county graph"


def test_query_attendance_gives_presider_speaker_and_attendee(county):
    got = {(r["event"], r["person"], r["role"]) for r in rows(county, "attendance")}
    assert ("县政府第12次常务会议", "林晓东", "主持") in got
    assert ("县政府第12次常务会议", "周若兰", "讲话") in got
    assert ("县政府第12次常务会议", "郑立群", "出席") in got
    assert ("青溪智能制造产业园开工仪式", "林晓东", "讲话") in got
    assert len(got) == 5


def test_query_attendance_of_one_event_lists_presider_first(county):
    result = rows(county, "attendance", event="县政府第12次常务会议")
    assert [(r["person"], r["role"]) for r in result] == [("林晓东", "主持"), ("周若兰", "讲话"), ("郑立群", "出席")]
    assert result[0]["date"].isoformat() == "2025-03-05"
    assert result[0]["headline"] == "县政府召开第12次常务会议"


def test_query_projects_roll_up_the_place_hierarchy(county):
    by_place = {r["place"]: r for r in rows(county, "projects-by-place")}
    assert by_place["青溪镇"]["investment"] == 350_000_000
    assert by_place["青溪县"]["investment"] == 370_000_000  # 青溪镇's 3.5亿 + 丰和乡's 2000万
    assert by_place["青溪县"]["projects"] == 2
    assert by_place["云州市"]["investment"] == 370_000_000
    assert float(by_place["青溪镇"]["亿元"]) == 3.5
    only = rows(county, "projects-by-place", place="青溪县")
    assert [r["place"] for r in only] == ["青溪县"]


def test_query_person_timeline_is_in_date_order(county):
    timeline = rows(county, "person-timeline", name="林晓东")
    assert [(r["kind"], r["what"]) for r in timeline] == [
        ("主持", "县政府第12次常务会议"),
        ("职务", "青溪县人民政府县长"),
        ("讲话", "青溪智能制造产业园开工仪式"),
    ]
    dates = [r["date"] for r in timeline]
    assert dates == sorted(dates)


def test_query_company_investments_names_amount_project_and_sentence(county):
    [row] = rows(county, "company-investments")
    assert row["company"] == "云州恒达机械有限公司"
    assert row["amount"] == "1.2亿元" and row["value"] == 120_000_000
    assert row["project"] == "青溪智能制造产业园" and row["place"] == "青溪镇"
    assert "投资1.2亿元" in row["sentence"]


def test_query_entity_shows_each_fact_with_its_evidence_sentence(county):
    facts = rows(county, "entity", name="周若兰")
    spoke = [r for r in facts if r["property"] == "kg:spokeAt"]
    assert [r["sentence"] for r in spoke] == ["周若兰在会上强调，要抓好项目建设。"]
    assert spoke[0]["rule"] == "speech.v1" and spoke[0]["direction"] == "→"
    assert {r["entity"] for r in facts} == {"kgr:Person/周若兰"}
    incoming = rows(county, "entity", name="青溪县")
    assert {(r["direction"], r["other"]) for r in incoming if r["property"] == "kg:locatedIn"} == {
        ("←", "青溪镇"), ("←", "丰和乡"), ("→", "云州市")}


def test_query_entity_requires_a_name(county):
    with pytest.raises(QueryError, match="needs --param name"):
        execute(county, "entity")


def test_query_co_attendance_counts_shared_events(county):
    pairs = {frozenset((r["person"], r["with"])): r["together"] for r in rows(county, "co-attendance")}
    assert pairs == {frozenset(("林晓东", "郑立群")): 2, frozenset(("周若兰", "林晓东")): 1, frozenset(("周若兰", "郑立群")): 1}
    contacts = rows(county, "contacts", name="郑立群")
    assert [(r["with"], r["together"]) for r in contacts] == [("林晓东", 2), ("周若兰", 1)]


def test_query_places_gives_parent_and_depth(county):
    places = {r["place"]: r for r in rows(county, "places")}
    assert places["青溪镇"]["parent"] == "青溪县" and places["青溪镇"]["depth"] == 2
    assert places["云州市"]["depth"] == 0 and places["云州市"]["parent"] is None
    assert places["青溪镇"]["top"] == "云州市"


def test_query_positions_and_meetings_by_date(county):
    posts = rows(county, "positions", name="林晓东")
    assert [(r["title"], r["organisation"], r["position"]) for r in posts] == [("县长", "青溪县人民政府", "青溪县人民政府县长")]
    [meeting] = rows(county, "meetings-by-date")
    assert meeting["meeting"] == "县政府第12次常务会议" and meeting["presided"] == "林晓东" and meeting["attendees"] == 3
    assert rows(county, "meetings-by-date", month="2025-03")
    assert rows(county, "meetings-by-date", month="2024-12") == []


def test_query_evidence_lists_every_fact_with_rule_and_headline(county):
    facts = rows(county, "evidence")
    assert len(facts) == 24  # every evidence node of the fixture
    presided = rows(county, "evidence", relation="presided")
    assert [(r["subject"], r["object"], r["rule"], r["headline"]) for r in presided] == [
        ("林晓东", "县政府第12次常务会议", "meeting.v1", "县政府召开第12次常务会议")]


def test_query_facts_without_evidence_is_empty_then_finds_an_unsupported_fact(tmp_path):
    store = ox.Store()
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    assert execute(store, "facts-without-evidence").rows == []
    store.add(ox.Quad(ox.NamedNode(KGR + "Person/周若兰"), ox.NamedNode(KG + "presided"),
                      ox.NamedNode(KGR + "Meeting/县政府第12次常务会议")))
    found = run_query(store, "facts-without-evidence")
    assert found == [{"subject": "kgr:Person/周若兰", "property": "kg:presided", "object": "kgr:Meeting/县政府第12次常务会议"}]


def test_query_syntax_error_reports_its_position(county):
    with pytest.raises(QueryError, match=r"SPARQL syntax error: line 1, column 25 \(near 「WHERE \{ \?s \?p \}」\): expected") as e:
        execute(county, "SELECT * WHERE { ?s ?p }")
    assert "\n" not in str(e.value) and "u{" not in str(e.value)  # one line, not the grammar's character classes


def test_query_unknown_prefix_names_it_and_lists_the_known_ones(county):
    with pytest.raises(QueryError, match=r"unknown prefix foo:; the known ones are kg:, kgr:, .*rdfs:") as e:
        execute(county, "SELECT ?x WHERE { ?x foo:bar ?y }")
    assert len(str(e.value)) < 250


def test_query_unknown_name_lists_the_library(county):
    with pytest.raises(QueryError, match="unknown query name 'attendence'.*attendance, .*person-timeline"):
        execute(county, "attendence")


def test_query_missing_graph_is_named():
    with pytest.raises(QueryError, match="nowhere.ttl: no such graph"):
        execute("nowhere.ttl", "attendance")


def test_query_unknown_parameter_lists_the_declared_ones(county):
    with pytest.raises(QueryError, match="takes no parameter 'who'; its parameters: name"):
        execute(county, "positions", {"who": "林晓东"})


def test_query_bind_params_injects_values_at_the_marker_keeping_lines():
    text = "SELECT ?x WHERE {\n  # @params\n  ?x rdfs:label ?name .\n}\n"
    bound = bind_params(text, {"name": '林"晓东'})
    assert bound.splitlines()[1] == '  VALUES ?name { "林\\"晓东"@zh }'
    assert len(bound.splitlines()) == len(text.splitlines())
    assert 'VALUES ?x { <https://w3id.org/kg-news/id/Person/林晓东> }' in bind_params(
        "SELECT ?x WHERE { ?x ?p ?o }", {"x": Iri("kgr:Person/林晓东")})
    assert 'VALUES ?x { "kgr:Person/林晓东"@zh }' in bind_params("SELECT ?x WHERE { ?x ?p ?o }", {"x": "kgr:Person/林晓东"})


def test_query_inline_sparql_and_rq_file_get_the_project_prefixes(county, tmp_path):
    result = execute(county, "SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l } ORDER BY ?l")
    assert [r[0].value for r in result.rows] == sorted(["林晓东", "周若兰", "郑立群"])
    rq = tmp_path / "mine.rq"
    rq.write_text("# Places.\nSELECT ?l WHERE { ?p a kg:Place ; rdfs:label ?l }\n", encoding="utf-8")
    assert len(execute(county, str(rq)).rows) == 4
    assert with_prefixes("PREFIX kg: <x#>\nASK {}").count("PREFIX kg:") == 1
    assert "PREFIX prov:" in with_prefixes("ASK {}")


def test_query_runs_on_a_store_folder(tmp_path):
    load_store(FIXTURE, tmp_path / "store")
    assert run_query(tmp_path / "store", "positions", {"name": "周若兰"})[0]["title"] == "副县长"


def test_query_table_aligns_chinese_by_display_width(county):
    table = format_table(execute(county, "positions"))
    lines = table.splitlines()
    assert lines[-1] == "(3 rows)"
    body = lines[:-1]
    # every column starts at the same display offset on every line
    header = body[0]
    starts = [display_width(header[: header.index(h)]) for h in ("title", "organisation", "seat", "position", "articles")]
    full = [line for line in body[2:] if len(line.split()) == len(starts) + 1]  # (a company's post has no seat)
    assert len(full) == 2
    for line in full:
        cells = line.split()
        offsets = []
        pos = 0
        for cell in cells:
            i = line.index(cell, pos)
            offsets.append(display_width(line[:i]))
            pos = i + len(cell)
        assert offsets[1:] == starts, line
    assert display_width("林晓东ab") == 8


def test_query_table_cuts_long_cells_and_shortens_iris(county):
    table = format_table(execute(county, "entity", {"name": "林晓东"}), max_width=12)
    assert "kgr:Person/…" in table or "kgr:Person/林" in table
    assert all(display_width(cell) <= 12 for line in table.splitlines()[2:-1] for cell in line.split("  ") if cell)
    assert shorten(KGR + "Place/青溪镇") == "kgr:Place/青溪镇"
    assert shorten(KG + "locatedIn") == "kg:locatedIn"


def test_query_csv_tsv_json_and_jsonl_give_the_same_plain_values(county):
    result = execute(county, "positions", {"name": "林晓东"})
    parsed = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert parsed == [{"person": "林晓东", "title": "县长", "organisation": "青溪县人民政府", "seat": "青溪县",
                       "position": "青溪县人民政府县长", "articles": "1"}]
    assert list(csv.DictReader(io.StringIO(to_tsv(result)), delimiter="\t")) == parsed  # plain values, like csv
    records = json.loads(to_json(result))
    assert records == [{"person": "林晓东", "title": "县长", "organisation": "青溪县人民政府", "seat": "青溪县",
                        "position": "青溪县人民政府县长", "articles": 1}]
    assert [json.loads(line) for line in to_jsonl(result).splitlines()] == records
    assert {k: str(v) for k, v in records[0].items()} == parsed[0]


def test_query_sparql_json_is_the_protocol_shape(county):
    result = execute(county, "positions", {"name": "林晓东"})
    to_json = to_sparql_json
    doc = json.loads(to_json(result))
    assert doc["head"]["vars"] == ["person", "title", "organisation", "seat", "position", "articles"]
    binding = doc["results"]["bindings"][0]
    assert binding["organisation"] == {"type": "literal", "value": "青溪县人民政府", "xml:lang": "zh"}
    assert binding["articles"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "林晓东" in to_json(result)  # readable, not \\u escapes
    ask = json.loads(to_json(execute(county, "ASK { ?p a kg:Person }")))
    assert ask == {"head": {}, "boolean": True}


def test_query_command_offers_every_format_the_library_writes(county):
    from kg.commands.query import command
    from kg.formats import RESULT_FORMATS
    from kg.query import format_result

    [option] = [p for p in command.params if p.name == "fmt"]
    assert tuple(option.type.choices) == RESULT_FORMATS
    result = execute(county, "places")
    assert all(format_result(result, fmt) for fmt in RESULT_FORMATS)
    with pytest.raises(QueryError, match="use one of table, csv, tsv, json"):
        format_result(result, "xml")


def test_query_to_dataframe_keeps_column_order(county):
    pytest.importorskip("pandas")
    from kg.query import to_dataframe

    df = to_dataframe(county, "projects-by-place")
    assert list(df.columns) == ["place", "projects", "investment", "亿元", "names"]
    assert df.set_index("place").loc["青溪县", "investment"] == 370_000_000


def test_query_command_prints_a_table_and_csv():
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(FIXTURE), "attendance", "--param", "event=县政府第12次常务会议"])
    assert out.exit_code == 0, out.output
    assert "林晓东  主持" in out.output
    out = runner.invoke(main, ["query", str(FIXTURE), "positions", "-f", "csv"])
    assert out.exit_code == 0 and out.output.startswith("person,title,organisation,seat,position,articles")


def test_query_command_lists_the_library_and_reports_errors_in_one_line():
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    assert listed.exit_code == 0
    assert any(line.startswith("attendance ") and "presided" in line for line in listed.output.splitlines())
    bad = runner.invoke(main, ["query", str(FIXTURE), "SELECT * WHERE { ?s ?p }"])
    assert bad.exit_code == 1
    assert bad.output.strip().count("\n") == 0 and "line 1, column 25" in bad.output
    missing = runner.invoke(main, ["query", "nowhere/graph.ttl", "attendance"])
    assert missing.exit_code == 1 and "nowhere/graph.ttl" in missing.output


def test_query_command_expect_empty_fails_on_rows():
    runner = CliRunner()
    assert runner.invoke(main, ["query", str(FIXTURE), "facts-without-evidence", "--expect-empty"]).exit_code == 0
    assert runner.invoke(main, ["query", str(FIXTURE), "places", "--expect-empty"]).exit_code == 1


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):
    from kg.build.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([Path(__file__).resolve().parent.parent / "seeds"], out, view=False)
    return out


def test_query_seeds_presider_of_the_70th_executive_meeting(seeds_graph):
    presiders = [r["person"] for r in run_query(seeds_graph / "store", "attendance", {"event": "衢江区政府第70次常务会议"})
                 if r["role"] == "主持"]
    assert presiders == ["贵青"]


def test_query_seeds_every_fact_has_evidence_and_the_turtle_agrees_with_the_store(seeds_graph):
    assert run_query(seeds_graph / "store", "facts-without-evidence") == []
    from_store = run_query(seeds_graph / "store", "stats")
    from_turtle = run_query(seeds_graph / "graph.ttl", "stats")
    assert from_store == from_turtle
    assert {r["term"] for r in from_store if r["count"]} >= {"kg:Person", "kg:Meeting", "kg:presided", "kg:Evidence"}


def test_query_command_partial_parameter_matches_names_containing_it():
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(FIXTURE), "attendance", "--param", "event=常务会议", "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert "--param event=常务会议: no exact name; 1 name contains it: 县政府第12次常务会议" in out.output
    assert "林晓东" in out.output


def test_query_command_parameter_matching_nothing_suggests_the_nearest_names():
    runner = CliRunner()
    out = runner.invoke(main, ["query", str(FIXTURE), "positions", "--param", "name=林晓西"])
    assert out.exit_code == 1
    line = out.output.strip()
    assert line.count("\n") == 0
    assert "no Person name is or contains 「林晓西」" in line and "did you mean: 林晓东" in line


def test_query_command_exact_name_without_rows_is_not_widened():
    """周若兰 is a name of the graph; a query about her with no answer stays empty (no 'did you mean')."""
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "company-investments", "--param", "company=青溪县人民政府", "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert "no exact name" not in out.output


def test_query_command_reads_the_query_from_standard_input():
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "-", "-f", "jsonl"],
                             input="SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l } ORDER BY ?l")
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["l"] for line in out.output.splitlines()] == sorted(["林晓东", "周若兰", "郑立群"])
    empty = CliRunner().invoke(main, ["query", str(FIXTURE), "-"], input="")
    assert empty.exit_code == 1 and "standard input" in empty.output


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "sparql-json"])
def test_query_command_every_format_parses_back(fmt):
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "positions", "-f", fmt])
    assert out.exit_code == 0, out.output
    if fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(out.output), delimiter="," if fmt == "csv" else "\t"))
        names = [r["person"] for r in rows]
    elif fmt == "json":
        names = [r["person"] for r in json.loads(out.output)]
    elif fmt == "jsonl":
        names = [json.loads(line)["person"] for line in out.output.splitlines()]
    else:
        names = [b["person"]["value"] for b in json.loads(out.output)["results"]["bindings"]]
    assert sorted(names) == sorted(["林晓东", "周若兰", "郑立群"])


def test_query_command_max_rows_fails_in_one_line():
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "10"])
    assert out.exit_code == 1
    assert out.output.strip() == "Error: the answer has more than 10 rows (--max-rows N to allow more, 0 for no limit; or add LIMIT)"


def test_query_command_runs_the_library_against_an_oxigraph_server(tmp_path):
    """`kg query URL NAME` on a stock SPARQL endpoint: the Oxigraph server, on loopback."""
    import shutil
    import socket
    import subprocess
    import sys
    import time

    binary = Path(sys.executable).parent / "oxigraph"
    binary = str(binary) if binary.is_file() else shutil.which("oxigraph")
    assert binary, "the oxigraph server comes with the test extra (pip install -e '.[test]')"
    load_store(FIXTURE, tmp_path / "store")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the oxigraph server did not start"
                time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/query"
        out = CliRunner().invoke(main, ["query", url, "attendance", "--param", "event=常务会议", "-f", "csv"])
        assert out.exit_code == 0, out.output
        assert "林晓东" in out.output and "no exact name; 1 name contains it" in out.output
        graph = CliRunner().invoke(main, ["query", url, "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }"])
        assert graph.exit_code == 0 and graph.output.count("ontology#Person") == 3
    finally:
        server.terminate()
        server.wait(10)
    down = CliRunner().invoke(main, ["query", url, "attendance"])
    assert down.exit_code == 1 and "cannot reach the endpoint" in down.output
