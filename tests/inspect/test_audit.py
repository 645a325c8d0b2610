"""kg.inspect.audit and `kg eval --audit/--audit-score`: a reproducible sample, judged by a reader, scored per class."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.inspect.audit import AuditRow, audit_class, read_audit, sample_entities, score_audit, write_audit
from kg.inspect.evaluate import EvalError

GRAPH = Path(__file__).resolve().parents[1] / "data" / "eval" / "graph.ttl"


def test_audit_sample_takes_up_to_n_of_each_class_with_a_sentence():
    rows = sample_entities(GRAPH, 1)
    assert [r.cls for r in rows] == ["Place", "Project", "Organization", "Meeting", "Company", "Person"]
    with_fact = [r for r in rows if r.cls in ("Project", "Person", "Meeting")]
    assert all(r.name in r.sentence for r in with_fact)  # the sentence that shows the name
    assert all(r.verdict == "" and r.headline for r in rows)


def test_audit_sample_is_the_same_for_the_same_seed_and_can_change_with_another():
    assert sample_entities(GRAPH, 1, seed=13) == sample_entities(GRAPH, 1, seed=13)
    seeds = {tuple(r.name for r in sample_entities(GRAPH, 1, seed=s)) for s in range(12)}
    assert len(seeds) > 1


def test_audit_sample_of_several_graphs_reads_their_union(tmp_path):
    assert sample_entities([GRAPH, GRAPH], 5) == sample_entities(GRAPH, 5)


@pytest.mark.parametrize(
    "types, cls",
    [({"Company", "Organization"}, "Company"), ({"Event"}, "Meeting"), ({"Meeting", "Event"}, "Meeting"), ({"Position"}, "")],
)
def test_audit_class_takes_the_most_specific(types, cls):
    assert audit_class(types) == cls


def test_audit_file_round_trips_and_scores_per_class(tmp_path):
    rows = [
        AuditRow("Project", "绿源食品加工项目", "y", sentence="在开发区建设绿源食品加工项目。"),
        AuditRow("Project", "引项目", "n", "verb before 项目"),
        AuditRow("Project", "整个项目", "N"),
        AuditRow("Place", "青溪县", "✓"),
        AuditRow("Place", "整个园区", ""),
    ]
    path = tmp_path / "audit.tsv"
    write_audit(rows, path)
    assert read_audit(path) == rows
    assert path.stat().st_mode & 0o044  # readable by the group and others, like any file the user writes
    scores = {s.cls: s for s in score_audit(path)}
    assert (scores["Project"].correct, scores["Project"].wrong) == (1, 2)
    assert scores["Project"].precision == pytest.approx(1 / 3)
    assert scores["Place"].judged == 1 and scores["Place"].precision == 1.0
    assert scores["all"].sampled == 5 and scores["all"].precision == pytest.approx(2 / 4)


def test_audit_score_names_the_line_of_a_bad_verdict(tmp_path):
    path = tmp_path / "audit.tsv"
    write_audit([AuditRow("Place", "青溪县", "maybe")], path)
    with pytest.raises(EvalError, match=r"line 2: verdict 'maybe'"):
        score_audit(path)


def test_audit_cli_writes_the_sample_and_scores_it(tmp_path):
    out = tmp_path / "a.tsv"
    result = CliRunner().invoke(main, ["eval", "--audit", "2", str(GRAPH), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "→" in result.output and out.read_text(encoding="utf-8").startswith("cls\tname\tverdict")
    text = out.read_text(encoding="utf-8").splitlines()
    judged = [text[0]] + [line.replace("\t\t", "\ty\t", 1) for line in text[1:]]
    out.write_text("\n".join(judged) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--audit-score", str(out)])
    assert result.exit_code == 0, result.output
    assert "Person" in result.output and "1.000" in result.output


def test_audit_cli_reports_a_missing_graph_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--audit", "3", str(tmp_path / "none.ttl"), "--out", str(tmp_path / "a.tsv")])
    assert result.exit_code != 0 and "graph file not found" in result.output
    assert not (tmp_path / "a.tsv").exists()
