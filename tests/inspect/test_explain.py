"""`kg explain`: an entity's types, labels, facts and their evidence, from a hand-made graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.inspect.explain import AmbiguousName, EntityNotFound, describe, explain, find_entities
from kg.inspect.index import GraphIndex
from kg.rdf.namespace import KGR

GRAPH = Path(__file__).resolve().parents[1] / "data" / "eval" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(GRAPH, format="turtle")
    return g


def test_explain_shows_types_labels_facts_and_evidence(graph):
    text = explain(graph, "张明")
    lines = text.splitlines()
    assert lines[0].startswith("张明  [Person]")
    assert "  labels: 张明; also 张书记" in lines
    [presided] = [i for i, line in enumerate(lines) if "—kg:presided→" in line]
    assert "县委常委会会议（2025-03-04） [Meeting, Event]" in lines[presided]
    assert lines[presided + 1].strip() == "「3月4日，县委书记张明主持召开县委常委会会议。」"
    assert "rule meetings.v1" in lines[presided + 2]
    assert "《青溪县召开全县招商引资工作会议》 · 2025-03-05 · papers/qingxi_0305.txt" in lines[presided + 2]
    assert "张明 —kg:holdsPosition→ 青溪县委书记 [Position]" in text
    assert "rule people.v1" in text


def test_explain_lists_facts_where_the_entity_is_the_object(graph):
    text = explain(graph, "全县招商引资工作会议")
    assert "李红 —kg:spokeAt→ 全县招商引资工作会议 [Person]" in text
    assert "「县长李红在全县招商引资工作会议上讲话。」" in text
    assert "王强 —kg:attended→ 全县招商引资工作会议 [Person]" in text


def test_explain_finds_by_alt_label(graph):
    assert explain(graph, "张书记").splitlines()[0].startswith("张明  [Person]")


def test_explain_finds_by_normalised_name(graph):
    """The company's label has Chinese quotes; the name without them still finds it."""
    text = explain(graph, "青溪绿源食品有限公司")
    assert text.startswith("青溪“绿源”食品有限公司  [Company, Organization]")
    assert "—kg:invested→ 3亿元 (300000000 元)" in text


def test_explain_finds_a_unique_substring(graph):
    assert explain(graph, "经济开发").startswith("青溪经济开发区  [Place]")


def test_explain_lists_candidates_when_ambiguous(graph):
    with pytest.raises(AmbiguousName) as info:
        find_entities(graph, "会议")
    labels = [label for label, _, _ in info.value.candidates]
    assert labels == ["全县招商引资工作会议", "县委常委会会议（2025-03-04）"]
    assert "give one of" in info.value.format()


def test_explain_exact_label_wins_over_substrings(graph):
    """青溪县 is also inside 青溪县商务局 and 青溪县委书记: the exact label is the one meant."""
    assert find_entities(graph, "青溪县") == [KGR["Place/青溪县"]]


def test_explain_unknown_name_raises(graph):
    with pytest.raises(EntityNotFound, match="赵六"):
        find_entities(graph, "赵六")


def test_explain_marks_the_attended_triple_stated_with_the_role(graph):
    view = describe(GraphIndex(graph), KGR["Person/李红"])
    notes = {f.predicate: f.note for f in view.facts}
    assert notes["kg:attended"] == "stated with kg:spokeAt"
    assert notes["kg:holdsPosition"] == "no evidence in graph"
    assert notes["kg:spokeAt"] == ""


def test_explain_cli_prints_the_entity():
    result = CliRunner().invoke(main, ["explain", "王强", str(GRAPH)])
    assert result.exit_code == 0, result.output
    assert "「王强参加全县招商引资工作会议。」" in result.output
    assert "rule meetings.v1" in result.output


def test_explain_cli_ambiguous_lists_candidates_and_fails():
    result = CliRunner().invoke(main, ["explain", "会议", str(GRAPH)])
    assert result.exit_code == 1
    assert "全县招商引资工作会议  [Meeting, Event]" in result.output


def test_explain_cli_unknown_name_is_one_line():
    result = CliRunner().invoke(main, ["explain", "赵六", str(GRAPH)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "赵六" in result.output


@pytest.mark.parametrize("name", ["张明", "张书记", "张"])
def test_explain_command_answers_from_a_store_as_from_the_file(tmp_path, name):
    """`kg explain NAME build/store`: the store is read (only around the entity), and says what the file says."""
    from kg.store import load_store

    load_store(GRAPH, tmp_path / "store")
    from_file = CliRunner().invoke(main, ["explain", name, str(GRAPH)])
    from_store = CliRunner().invoke(main, ["explain", name, str(tmp_path / "store")])
    assert from_store.exit_code == from_file.exit_code
    assert from_store.output == from_file.output
    assert from_store.output.strip()
    in_memory = explain(Graph().parse(GRAPH, format="turtle"), name) if from_file.exit_code == 0 else None
    assert in_memory is None or from_file.output.strip() == in_memory.strip()


def test_explain_command_names_a_folder_that_is_not_a_store(tmp_path):
    out = CliRunner().invoke(main, ["explain", "张明", str(tmp_path)])
    assert out.exit_code == 1 and "not a store folder" in out.output
