"""`kg eval`: scores of a hand-made graph against hand-made gold facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.cli import main
from kg.inspect.evaluate import (
    EvalError,
    evaluate,
    format_report,
    load_gold,
)
from kg.rdf.namespace import KG, KGR
from kg.tables import display_width

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
SKOS_ALT = URIRef("http://www.w3.org/2004/02/skos/core#altLabel")
SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = Path(__file__).resolve().parents[1] / "data" / "eval"
GOLD = DATA / "gold.jsonl"
GRAPH = DATA / "graph.ttl"
ARTICLE = KGR["article/0a1b2c3d4e5f6a7b"]


@pytest.fixture()
def graph() -> Graph:
    g = Graph()
    g.parse(GRAPH, format="turtle")
    return g


def write_gold(tmp_path: Path, *extra: dict, drop: str = "") -> Path:
    """The fixture gold file, less lines containing `drop`, plus `extra` lines."""
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if not drop or drop not in line]
    lines += [json.dumps(e, ensure_ascii=False) for e in extra]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def add_entity(g: Graph, cls: str, name: str) -> URIRef:
    node = KGR[f"{cls}/{name}"]
    g.add((node, RDF.type, KG[cls]))
    g.add((node, RDFS.label, Literal(name, lang="zh")))
    return node


def add_evidence(g: Graph, s, p, o, sentence: str, rule: str) -> None:
    ev = KGR[f"fact/{abs(hash((s, p, o)))}"]
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, RDF.subject, s))
    g.add((ev, RDF.predicate, p))
    g.add((ev, RDF.object, o))
    g.add((ev, KG.sentence, Literal(sentence, lang="zh")))
    g.add((ev, KG.rule, Literal(rule)))
    g.add((ev, PROV.wasDerivedFrom, ARTICLE))


def test_evaluate_perfect_match_scores_one_everywhere():
    report = evaluate(GOLD, GRAPH)
    for rel, score in report.relations.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), rel
    assert set(report.relations) == {
        "attended", "holdsPosition", "locatedIn", "invested", "investedIn", "totalInvestment", "date"
    }
    assert (report.core.precision, report.core.recall, report.core.f1) == (1.0, 1.0, 1.0)
    assert (report.core.tp, report.core.fp, report.core.fn) == (10, 0, 0)
    assert report.types["Person"].precision == 1.0 and report.types["Person"].recall == 1.0
    assert report.types["Company"].f1 == 1.0
    for typ in ("Organization", "Place", "Project", "Meeting"):
        assert report.types[typ].recall == 1.0
    assert report.roles.accuracy == 1.0 and report.roles.total == 3
    assert report.misses == [] and report.false_facts == [] and report.role_errors == []


def test_evaluate_accepts_a_graph_object(graph):
    assert evaluate(GOLD, graph).core.f1 == 1.0


def test_evaluate_false_fact_lowers_precision_and_shows_its_evidence(graph):
    wang = KGR["Person/王强"]
    post = add_entity(graph, "Position", "副县长")
    graph.add((wang, KG.holdsPosition, post))
    add_evidence(graph, wang, KG.holdsPosition, post, "副县长王强出席会议。", "people.v1")
    report = evaluate(GOLD, graph)
    score = report.relations["holdsPosition"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 0)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(0.8)
    assert report.core.precision == pytest.approx(10 / 11)
    [false] = report.false_facts
    assert (false.row, false.subject, false.object) == ("holdsPosition", "王强", "副县长")
    text = format_report(report)
    [line] = [line for line in text.splitlines() if "王强 → 副县长" in line]
    assert "副县长王强出席会议。" in line and "rule=people.v1" in line and "papers/qingxi_0305.txt" in line


def test_evaluate_miss_lowers_recall_and_is_listed(tmp_path):
    gold = write_gold(tmp_path, {"rel": "holdsPosition", "s": ["王强"], "o": ["副县长"], "doc": "papers/x.txt"})
    report = evaluate(gold, GRAPH)
    score = report.relations["holdsPosition"]
    assert (score.tp, score.fn, score.fp) == (2, 1, 0)
    assert score.recall == pytest.approx(2 / 3) and score.precision == 1.0
    [miss] = report.misses
    assert miss.fact.s == ("王强",) and miss.hint == "graph has no holdsPosition for it"
    [line] = [line for line in format_report(report).splitlines() if "王强 → 副县长" in line]
    assert "[papers/x.txt]" in line


def test_evaluate_optional_miss_does_not_lower_recall(tmp_path):
    gold = write_gold(tmp_path, {"rel": "attended", "s": ["王强"], "o": ["县委常委会会议"], "role": "attended", "optional": True})
    report = evaluate(gold, GRAPH)
    assert report.relations["attended"].recall == 1.0
    assert report.relations["attended"].fn == 0
    assert report.misses == []


def test_evaluate_fact_only_optional_gold_supports_is_neither_right_nor_wrong(graph, tmp_path):
    wang = KGR["Person/王强"]
    post = add_entity(graph, "Position", "记者")
    graph.add((wang, KG.holdsPosition, post))
    gold = write_gold(tmp_path, {"rel": "holdsPosition", "s": ["王强"], "o": ["记者"], "optional": True})
    score = evaluate(gold, graph).relations["holdsPosition"]
    assert (score.tp, score.fp, score.fn, score.pred) == (2, 0, 0, 2)
    assert score.precision == 1.0


@pytest.mark.parametrize(
    ("gold_value", "found"),
    [
        (300000000, True),
        (301400000, True),  # 0.47 % off
        (298600000, True),  # 0.47 % under
        (301600000, False),  # 0.53 % off
        (290000000, False),
    ],
)
def test_evaluate_amounts_match_within_half_a_percent(tmp_path, gold_value, found):
    gold = write_gold(tmp_path, {"rel": "invested", "s": ["绿源公司"], "o": gold_value}, drop='"invested"')
    score = evaluate(gold, GRAPH).relations["invested"]
    assert (score.tp, score.fn, score.fp) == ((1, 0, 0) if found else (0, 1, 1))


def test_evaluate_wrong_date_is_a_miss_and_a_false_fact(tmp_path):
    gold = write_gold(tmp_path, {"rel": "date", "s": ["县委常委会会议"], "o": "2025-03-05"}, drop='"date"')
    score = evaluate(gold, GRAPH).relations["date"]
    assert (score.tp, score.fn, score.fp) == (0, 1, 1)


def test_evaluate_names_match_after_normalisation(tmp_path):
    """Quotes, spaces and a bracketed date on either side do not stop a match."""
    gold = write_gold(
        tmp_path,
        {"rel": "locatedIn", "s": ["青溪 “绿源” 食品有限公司"], "o": ["「青溪经济开发区」"]},
        {"rel": "attended", "s": ["张明"], "o": ["县委常委会会议(2025年3月4日)"], "role": "presided"},
        drop='"张明"], "o": ["县委常委会会议"',
    )
    report = evaluate(gold, GRAPH)
    assert report.relations["locatedIn"].recall == 1.0
    assert report.relations["attended"].recall == 1.0
    assert report.misses == []


def test_evaluate_other_names_do_not_match(tmp_path):
    gold = write_gold(tmp_path, {"rel": "type", "s": ["张明明"], "o": ["Person"]})
    report = evaluate(gold, GRAPH)
    assert report.types["Person"].fn == 1
    assert report.misses[0].hint == "name not in graph"


def test_evaluate_role_accuracy_is_separate_from_attendance(tmp_path):
    gold = write_gold(
        tmp_path,
        {"rel": "attended", "s": ["李红"], "o": ["全县招商引资工作会议"], "role": "presided"},
        drop='"李红"], "o": ["全县招商引资工作会议"',
    )
    report = evaluate(gold, GRAPH)
    assert report.relations["attended"].f1 == 1.0
    assert (report.roles.correct, report.roles.total) == (2, 3)
    assert report.roles.accuracy == pytest.approx(2 / 3)
    [error] = report.role_errors
    assert error.fact.s == ("李红",) and error.predicted == "spokeAt"
    assert "role accuracy (attended): 2/3 = 0.667" in format_report(report)


def test_evaluate_presided_wins_over_spoke_at(graph, tmp_path):
    zhang, meeting = KGR["Person/张明"], KGR["Meeting/县委常委会会议（2025-03-04）"]
    graph.add((zhang, KG.spokeAt, meeting))
    report = evaluate(GOLD, graph)
    assert report.roles.accuracy == 1.0
    assert report.relations["attended"].pred == 3  # one pair, however many properties state it


def test_evaluate_attendance_without_the_attended_triple_still_counts(graph):
    graph.remove((KGR["Person/李红"], KG.attended, None))
    report = evaluate(GOLD, graph)
    assert report.relations["attended"].recall == 1.0 and report.roles.accuracy == 1.0


def test_evaluate_recall_only_types_ignore_extra_entities(graph):
    add_entity(graph, "Place", "青溪镇")
    add_entity(graph, "Organization", "青溪县财政局")
    report = evaluate(GOLD, graph)
    for typ in ("Place", "Organization"):
        assert report.types[typ].fp == 0 and report.types[typ].precision is None
    assert report.false_facts == []


def test_evaluate_exhaustive_types_count_every_entity(graph):
    add_entity(graph, "Person", "张书记好")
    report = evaluate(GOLD, graph)
    person = report.types["Person"]
    assert (person.tp, person.fp, person.fn) == (3, 1, 0)
    assert person.precision == pytest.approx(0.75)
    assert [f.subject for f in report.false_facts] == ["张书记好"]


def test_evaluate_type_needs_the_right_class(graph, tmp_path):
    """A gold Meeting may be a graph Event; a gold Person may not be a graph Place."""
    add_entity(graph, "Event", "青溪县文明城市创建调研")
    add_entity(graph, "Place", "赵六")
    gold = write_gold(
        tmp_path,
        {"rel": "type", "s": ["青溪县文明城市创建调研"], "o": ["Meeting"], "recall_only": True},
        {"rel": "type", "s": ["赵六"], "o": ["Person"]},
        {"rel": "type", "s": ["绿源公司"], "o": ["Organization"], "recall_only": True},
    )
    report = evaluate(gold, graph)
    assert report.types["Meeting"].tp == 3 and report.types["Meeting"].fn == 0
    assert report.types["Organization"].tp == 2  # the Company counts as an Organization
    assert report.types["Person"].fn == 1
    [miss] = report.misses
    assert miss.hint == "graph types it Place"


def test_evaluate_company_not_in_company_gold_is_false(graph):
    add_entity(graph, "Company", "青溪红星建材有限公司")
    report = evaluate(GOLD, graph)
    assert report.types["Company"].fp == 1
    assert report.types["Organization"].fp == 0


def test_evaluate_relations_absent_from_gold_are_not_scored(graph):
    graph.add((KGR["Person/王强"], KG.worksFor, KGR["Organization/青溪县商务局"]))
    report = evaluate(GOLD, graph)
    assert "worksFor" not in report.relations
    assert report.false_facts == []


def test_evaluate_duplicate_entities_each_supported_are_not_false(graph):
    """Two unmerged nodes for one meeting: both attendance facts are true, neither is an error."""
    dup = add_entity(graph, "Meeting", "招商引资工作会议")
    graph.add((KGR["Person/李红"], KG.attended, dup))
    score = evaluate(GOLD, graph).relations["attended"]
    assert (score.tp, score.fp, score.pred) == (3, 0, 4)


def test_evaluate_date_literal_compares_as_iso(graph):
    meeting = KGR["Meeting/全县招商引资工作会议"]
    graph.add((meeting, KG.date, Literal("2025-03-05", datatype=XSD_DATE)))
    report = evaluate(GOLD, graph)
    assert report.relations["date"].fp == 1


def test_evaluate_alt_label_matches(tmp_path):
    gold = write_gold(tmp_path, {"rel": "type", "s": ["张书记"], "o": ["Person"]})
    assert evaluate(gold, GRAPH).types["Person"].tp == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"rel": "attended", "s": ["张明"]', "line 1: invalid JSON"),
        ('{"rel": "met", "s": ["张明"], "o": ["李红"]}', "unknown rel 'met'; one of attended"),
        ('{"rel": "invested", "s": ["绿源公司"], "o": "三亿"}', "amount in yuan"),
        ('{"rel": "date", "s": ["县委常委会会议"], "o": "3月4日"}', "ISO date"),
        ('{"rel": "type", "s": ["张明"], "o": ["Human"]}', "type: o must be one of Person"),
        ('{"rel": "attended", "s": ["张明"], "o": ["会议"], "role": "chaired"}', "unknown role 'chaired'"),
        ('{"rel": "holdsPosition", "s": [], "o": ["县长"]}', "s must be a non-empty list"),
        ("\n\n", "has no facts"),
    ],
)
def test_evaluate_bad_gold_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match="bad.jsonl") as info:
        load_gold(path)
    assert message in str(info.value)


def test_evaluate_missing_files_raise(tmp_path):
    with pytest.raises(EvalError, match="gold file not found: .*none.jsonl"):
        evaluate(tmp_path / "none.jsonl", GRAPH)
    with pytest.raises(EvalError, match="graph file not found: .*none.ttl"):
        evaluate(GOLD, tmp_path / "none.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(EvalError, match="cannot parse graph .*broken.ttl"):
        evaluate(GOLD, broken)


def test_evaluate_table_columns_align_with_chinese(graph):
    add_entity(graph, "Person", "张书记好")
    lines = format_report(evaluate(GOLD, graph)).splitlines()
    table = [line for line in lines if line.startswith(("row ", "attended ", "type:Person "))]
    assert len(table) == 3
    assert len({display_width(line) for line in table}) == 1


def test_evaluate_cli_prints_scores_and_core_line():
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(GRAPH)])
    assert result.exit_code == 0, result.output
    [core] = [line for line in result.output.splitlines() if line.startswith("core micro-average")]
    assert core.startswith("core micro-average (attended, holdsPosition, locatedIn, invested, totalInvestment): ")
    assert "P=1.000 R=1.000 F1=1.000" in core and "tp=10 fp=0 fn=0" in core
    assert "type:Person" in result.output


def test_evaluate_cli_json_summary():
    result = CliRunner().invoke(main, ["eval", "--json", str(GOLD), str(GRAPH)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["core"]["f1"] == 1.0
    assert summary["relations"]["attended"]["tp"] == 3
    assert summary["types"]["Place"]["precision"] is None
    assert summary["roles"]["accuracy"] == 1.0


def test_evaluate_cli_reports_missing_file_in_one_line(tmp_path):
    missing = tmp_path / "gone.ttl"
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: graph file not found: {missing} (build one with `kg build`)"


def graph_from_gold(path: Path) -> Graph:
    """A graph stating exactly the facts of a gold file, in the shape of docs/MODEL.md."""
    g = Graph()

    def node(names: list[str], cls: str = "Thing") -> URIRef:
        n = KGR[f"{cls}/{abs(hash(names[0]))}"]
        g.add((n, RDFS.label, Literal(names[0], lang="zh")))
        for alt in names[1:]:
            g.add((n, SKOS_ALT, Literal(alt, lang="zh")))
        return n

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        fact = json.loads(line)
        rel, obj = fact["rel"], fact["o"]
        if rel == "type":
            n = node(fact["s"], obj[0])
            g.add((n, RDF.type, KG[obj[0]]))
            if obj[0] in ("Company", "Meeting"):  # super-classes are stated too
                g.add((n, RDF.type, KG.Organization if obj[0] == "Company" else KG.Event))
        elif rel in ("invested", "totalInvestment"):
            amount = KGR[f"MonetaryAmount/{obj}"]
            g.add((amount, KG.value, Literal(str(obj), datatype=XSD_DECIMAL)))
            g.add((node(fact["s"]), KG[rel], amount))
        elif rel == "date":
            g.add((node(fact["s"]), KG.date, Literal(obj, datatype=XSD_DATE)))
        else:
            s, o = node(fact["s"]), node(obj)
            g.add((s, KG[rel], o))
            if fact.get("role", "attended") != "attended":
                g.add((s, KG[fact["role"]], o))
    return g


@pytest.mark.parametrize("name", ["seeds.jsonl", "dev.jsonl"])
def test_evaluate_shared_gold_scores_one_against_itself(name):
    """The team's gold files load, and a graph of exactly their facts scores 1 on every row."""
    path = SHARED / "gold" / name
    if not path.is_file():
        pytest.skip(f"no {path}")
    report = evaluate(path, graph_from_gold(path))
    for row, score in [*report.relations.items(), *report.types.items()]:
        assert score.recall == 1.0, row
        assert score.precision in (1.0, None), row
    assert report.core.f1 == 1.0 and report.roles.accuracy == 1.0
    assert report.misses == [] and report.false_facts == [] and report.role_errors == []
