"""What `kg build` says and leaves in OUT: undated files named, skipped files counted, and no
output of an earlier build left to answer from another graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

UNDATED = "青溪县召开经济工作会议\n\n本报讯（记者 方小雨）7月18日，县委书记林晓东主持召开青溪县2024年经济工作会议。副县长周若兰、郑立群出席会议。\n"
DATED = "2024年7月19日 星期五\n\n" + UNDATED


def build(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)])


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return folder


def meeting_dates(graph: Path) -> list[str]:
    out = CliRunner().invoke(main, ["query", str(graph), "SELECT ?d WHERE { ?e a kg:Meeting ; kg:date ?d }", "-f", "csv"])
    return out.output.split()[1:]


def test_build_names_a_file_without_issue_date_with_the_hint(corpus, tmp_path):
    out = build(corpus, "--out", tmp_path / "out", "--no-view")
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if "undated.txt" in line]
    assert len(lines) == 1
    assert "no issue date found" in lines[0] and "--date YYYY-MM-DD" in lines[0]
    dated = tmp_path / "in2"
    dated.mkdir()
    (dated / "dated.txt").write_text(DATED, encoding="utf-8")
    assert "no issue date found" not in build(dated, "--out", tmp_path / "out2", "--no-view").output


def test_build_event_takes_the_year_its_name_gives(corpus, tmp_path):
    """No masthead: the meeting named 青溪县2024年经济工作会议 on 7月18日 is dated 2024-07-18."""
    assert build(corpus, "--out", tmp_path / "out", "--no-view").exit_code == 0
    assert meeting_dates(tmp_path / "out" / "graph.ttl") == ["2024-07-18"]


def test_build_summary_counts_skipped_files(corpus, tmp_path):
    (corpus / "junk.txt").write_bytes(b"\x00\x01\x02 binary")
    (corpus / "empty.txt").write_text("\n\n", encoding="utf-8")
    out = build(corpus, "--out", tmp_path / "out", "--no-view")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[-1].startswith("3 files (2 skipped), 1 articles")


def test_build_removes_outputs_of_formats_not_asked_for(corpus, tmp_path):
    out = tmp_path / "out"
    assert build(corpus, "--out", out, "--format", "turtle", "--format", "json-ld").exit_code == 0
    assert (out / "graph.ttl").is_file() and (out / "graph.jsonld").is_file() and (out / "graph.html").is_file()
    (corpus / "undated.txt").write_text(UNDATED.replace("周若兰、", ""), encoding="utf-8")
    again = build(corpus, "--out", out, "--format", "nt", "--no-view")
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("graph")) == ["graph.nt"]
    # nothing older answers: explain reads the new graph or says there is none
    explained = CliRunner().invoke(main, ["explain", "周若兰", str(out / "graph.ttl")])
    assert explained.exit_code != 0
    assert "周若兰" not in CliRunner().invoke(main, ["query", str(out / "store"), "SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }"]).output


def test_build_without_store_removes_the_old_store(corpus, tmp_path):
    out = tmp_path / "out"
    assert build(corpus, "--out", out, "--no-view").exit_code == 0
    assert (out / "store").is_dir()
    assert build(corpus, "--out", out, "--no-view", "--no-store").exit_code == 0
    assert not (out / "store").exists()
