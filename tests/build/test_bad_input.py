"""Bad input: every problem file is skipped with one line naming it, and nothing is lost of the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

import kg.build.parallel
import kg.extract
from kg.build.pipeline import BuildError, build
from kg.rdf.namespace import SPARQL_PREFIXES

GOOD = (
    "青禾日报\n2023年3月14日 星期二\n"
    "白石镇召开乡村振兴推进会\n"
    "本报讯（记者 林小鹿）3月13日，区长孙立群主持召开白石镇乡村振兴推进会。\n"
)
OTHER = (
    "翠湖产业园开工\n"
    "本报讯（记者 苏远山）“预计明年投产。”青禾智能科技有限公司总经理郑思源说。\n"
)


def labels(out: Path) -> set[str]:
    g = Graph().parse(out / "graph.ttl", format="turtle")
    return {str(r.l) for r in g.query(SPARQL_PREFIXES + "SELECT ?l WHERE { ?x a kg:Person ; rdfs:label ?l }")}


def make(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


BAD = {
    "empty": (b"", "file is empty"),
    "blank": (b"\n \n\t\n", "file is empty"),
    "nul": (b"PK\x03\x04\x00\x00\x08\x00", "binary file"),
    "latin": ("Überschrift".encode("latin-1") + bytes(range(0x80, 0xFF)), "neither UTF-8 nor GB18030"),
    "furniture-only": ("富强 民主 文明 和谐\n下转第二版\n".encode(), "no article text found"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_skipped_with_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    data, reason = BAD[case]
    inputs = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8"), f"{case}.txt": data})
    report = build([inputs], tmp_path / "out", view=False, store=False)
    assert len(report.errors) == 1
    (error,) = report.errors
    assert error.startswith(str(inputs / f"{case}.txt") + ":")
    assert reason in error and "\n" not in error
    assert "孙立群" in labels(tmp_path / "out")


def test_bad_input_gbk_file_builds_like_utf8(tmp_path: Path) -> None:
    utf8 = make(tmp_path / "u", {"page.txt": GOOD.encode("utf-8")})
    gbk = make(tmp_path / "g", {"page.txt": GOOD.encode("gbk")})
    build([utf8], tmp_path / "out-u", formats=("nt",), view=False, store=False)
    build([gbk], tmp_path / "out-g", formats=("nt",), view=False, store=False)
    one = (tmp_path / "out-u" / "graph.nt").read_text(encoding="utf-8")
    two = (tmp_path / "out-g" / "graph.nt").read_text(encoding="utf-8").replace(str(gbk), str(utf8))
    assert one == two


def test_bad_input_missing_and_empty_inputs_reported_beside_good_ones(tmp_path: Path) -> None:
    good = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8")})
    empty = make(tmp_path / "empty", {})
    missing = tmp_path / "missing.txt"
    report = build([good, empty, missing], tmp_path / "out", view=False, store=False)
    assert sorted(report.errors) == sorted([f"{empty}: folder has no .txt files", f"{missing}: no such file or folder"])
    assert "孙立群" in labels(tmp_path / "out")


def test_bad_input_folder_of_bad_files_fails_naming_them(tmp_path: Path) -> None:
    inputs = make(tmp_path / "in", {"a.txt": b"", "b.txt": b"\x00\x00"})
    with pytest.raises(BuildError) as info:
        build([inputs], tmp_path / "out", view=False, store=False)
    message = str(info.value)
    assert message.startswith("nothing to build")
    assert str(inputs / "a.txt") in message and str(inputs / "b.txt") in message
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_bad_input_failed_build_keeps_previous_graph(tmp_path: Path) -> None:
    good = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8")})
    out = tmp_path / "out"
    build([good], out, view=False, store=False)
    before = (out / "graph.ttl").read_bytes()
    with pytest.raises(BuildError):
        build([make(tmp_path / "bad", {"x.txt": b""})], out, view=False, store=False)
    assert (out / "graph.ttl").read_bytes() == before


def test_bad_input_article_that_breaks_an_extractor_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = make(tmp_path / "in", {"a.txt": GOOD.encode("utf-8"), "b.txt": OTHER.encode("utf-8")})
    real = kg.extract.extract

    def flaky(article):
        if "翠湖" in article.text:
            raise ValueError("unexpected layout")
        return real(article)

    # one process (jobs=1); wherever the build looks the extractor up
    monkeypatch.setattr(kg.extract, "extract", flaky)
    monkeypatch.setattr(kg.build.parallel, "extract", flaky, raising=False)
    report = build([inputs], tmp_path / "out", view=False, store=False)
    assert len(report.errors) == 1
    assert report.errors[0].startswith(str(inputs / "b.txt"))
    assert "ValueError: unexpected layout" in report.errors[0]
    assert "孙立群" in labels(tmp_path / "out")
    assert "郑思源" not in labels(tmp_path / "out")


def test_bad_input_strict_stops_at_the_first_problem(tmp_path: Path) -> None:
    inputs = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8"), "bad.txt": b""})
    with pytest.raises(BuildError, match="bad.txt: file is empty"):
        build([inputs], tmp_path / "out", view=False, store=False, strict=True)


@pytest.mark.parametrize(
    "text",
    [
        "。。。。，，，\n" * 20,
        "a" * 5000,
        "本报讯" * 300,
        "（记者\n" * 50,
        "1.2亿元 3000万元/亩 约超多余以上\n" * 10,
        "主持召开等出席讲话位于的投资总投资\n" * 10,
    ],
)
def test_bad_input_odd_text_never_crashes_the_build(tmp_path: Path, text: str) -> None:
    inputs = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8"), "odd.txt": text.encode("utf-8")})
    report = build([inputs], tmp_path / "out", view=False, store=False, strict=False)
    assert all("Error" not in e for e in report.errors), report.errors
    assert "孙立群" in labels(tmp_path / "out")


def test_bad_input_file_named_twice_is_built_once(tmp_path: Path) -> None:
    inputs = make(tmp_path / "in", {"good.txt": GOOD.encode("utf-8")})
    once = build([inputs], tmp_path / "once", formats=("nt",), view=False, store=False)
    twice = build([inputs, inputs / "good.txt"], tmp_path / "twice", formats=("nt",), view=False, store=False)
    assert (twice.files, twice.articles, twice.facts) == (once.files, once.articles, once.facts) == (1, 1, once.facts)
    assert (tmp_path / "twice" / "graph.nt").read_bytes() == (tmp_path / "once" / "graph.nt").read_bytes()
