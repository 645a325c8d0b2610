"""Rebuilding into the same folder extracts only what is new, and the graph stays the graph of the inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg.build.incremental
import kg.build.pipeline
from kg.build.incremental import Manifest, fingerprint, read_shard
from kg.build.pipeline import build
from tests.scale_corpus import PAGES, write_pages


@pytest.fixture
def counted(monkeypatch) -> list[list[int]]:
    """The articles each build sent to extraction (their indexes, as extraction took them)."""
    calls: list[list[int]] = []
    real = kg.build.pipeline.extract_articles

    def counting(articles, **kwargs):
        taken: list = []
        calls.append(taken)

        def each():
            for article in articles:
                taken.append(article.index)
                yield article

        return real(each(), **kwargs)

    monkeypatch.setattr(kg.build.pipeline, "extract_articles", counting)
    return calls


def sizes(counted: list[list[int]]) -> list[int]:
    return [len(taken) for taken in counted]


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_incremental_same_input_twice_changes_no_byte(tmp_path, counted):
    pages = write_pages(tmp_path / "paper")
    first = build([pages], tmp_path / "out", formats=("turtle", "nt"), view=True, store=True)
    before = _files(tmp_path / "out")
    second = build([pages], tmp_path / "out", formats=("turtle", "nt"), view=True, store=True)
    assert sizes(counted) == [7, 0]
    assert _files(tmp_path / "out") == before  # the view's build time included
    assert (second.articles, second.facts, second.triples) == (first.articles, first.facts, first.triples)


def test_incremental_same_input_twice_touches_no_file(tmp_path):
    """An unchanged rebuild rewrites nothing, the manifest included: a file watcher or rsync sees no change."""
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", formats=("turtle", "nt"), view=True, store=True)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    report = build([pages], tmp_path / "out", formats=("turtle", "nt"), view=True, store=True)
    assert report.extracted == 0 and report.articles == 7
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == before


def test_incremental_large_graph_leaves_the_view_unless_asked(tmp_path, monkeypatch):
    """Past VIEW_MOST_TRIPLES the default build writes no page (and removes a smaller graph's
    page, which no longer shows this graph); an unchanged rebuild then rewrites nothing; and
    asking for the view writes it whatever the size."""
    pages = write_pages(tmp_path / "paper")
    out = tmp_path / "out"
    small = build([pages], out, store=False)
    assert (out / "graph.html").exists() and small.notices == []
    monkeypatch.setattr(kg.build.pipeline, "VIEW_MOST_TRIPLES", small.triples - 1)
    large = build([pages], out, store=False, incremental=False)
    assert not (out / "graph.html").exists()
    assert out / "graph.html" not in large.outputs
    assert len(large.notices) == 1 and f"{large.triples:,} triples" in large.notices[0] and "--view" in large.notices[0]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = build([pages], out, store=False)
    assert again.extracted == 0 and again.notices == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    asked = build([pages], out, store=False, view=True)
    assert (out / "graph.html").exists() and out / "graph.html" in asked.outputs and asked.notices == []


UNCHANGED_REBUILD = """
import sys
from pathlib import Path
from kg.build.pipeline import build
report = build([Path(sys.argv[1])], Path(sys.argv[2]))
print(report.extracted, *sorted(m for m in ("jieba", "kg.extract", "kg.nlp.analysis", "pyoxigraph") if m in sys.modules))
"""


def test_incremental_unchanged_rebuild_loads_no_extractor(tmp_path):
    """`kg build` run again on the same input neither loads jieba nor the extractors (they were most of its time)."""
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out")
    child = subprocess.run([sys.executable, "-c", UNCHANGED_REBUILD, str(pages), str(tmp_path / "out")],
                           capture_output=True, text=True, check=True)
    assert child.stdout.split() == ["0"]


def test_incremental_fingerprint_follows_jieba(monkeypatch):
    """Another jieba may tag differently: its code is part of the fingerprint, read without importing it."""
    before = fingerprint()
    assert fingerprint() == before
    monkeypatch.setattr(kg.build.incremental, "_jieba_code", lambda: b"__version__ = '9.9'")
    assert fingerprint() != before


def test_incremental_removed_file_leaves_the_graph(tmp_path, counted):
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    assert "石梁镇" in (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    (pages / "b.txt").unlink()
    report = build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    build([pages], tmp_path / "fresh", formats=("nt",), view=False, store=False)
    assert sizes(counted) == [7, 0, 4]
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "fresh" / "graph.nt").read_bytes()
    assert "石梁镇" not in (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert len(list((tmp_path / "out" / "shards").glob("*.nt"))) == 2
    assert report.articles == 4


def store_lines(store_dir: Path) -> list[str]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(store_dir))
    try:
        return sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in store)
    finally:
        del store


def graph_lines(out: Path) -> list[str]:
    return sorted((out / "graph.nt").read_text(encoding="utf-8").splitlines(keepends=True))


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """How each build brought its store up to date: "load" (whole, from the union) or "update"."""
    import kg.store

    seen: list[str] = []
    load, update = kg.store.load_store, kg.store.update_store
    monkeypatch.setattr(kg.store, "load_store", lambda *a, **k: seen.append("load") or load(*a, **k))
    monkeypatch.setattr(kg.store, "update_store", lambda *a, **k: seen.append("update") or update(*a, **k))
    return seen


def test_incremental_store_takes_the_change_alone(tmp_path, loads):
    """A file added, a file changed, a file removed: the store is updated with the triples that
    came and went, not loaded again, and holds exactly the graph each time."""
    pages = write_pages(tmp_path / "paper", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    options = dict(formats=("nt",), view=False, store=True)
    build([pages], out, **options)
    assert store_lines(out / "store") == graph_lines(out)
    write_pages(pages, ["c.txt"])
    build([pages], out, **options)
    assert store_lines(out / "store") == graph_lines(out)
    extra = "\n县领导调研乡村振兴工作\n本报讯 5月11日，县长孙建华到石梁镇调研乡村振兴工作，副县长方丽陪同。\n"
    (pages / "c.txt").write_text(PAGES["c.txt"] + extra, encoding="utf-8")
    build([pages], out, **options)
    assert store_lines(out / "store") == graph_lines(out)
    assert any("到石梁镇调研乡村振兴工作" in line for line in store_lines(out / "store"))  # the new article's evidence
    (pages / "b.txt").unlink()
    build([pages], out, **options)
    lines = store_lines(out / "store")
    assert lines == graph_lines(out)
    assert not any("石梁古村" in line for line in lines)  # b.txt's project is gone
    assert any("钱立新" in line for line in lines)  # a.txt's chairman stays
    assert loads == ["load", "update", "update", "update"]
    assert [p.name for p in tmp_path.glob("out/.store*")] == []  # no copy left beside it


def test_incremental_store_updated_while_a_server_holds_it(tmp_path, loads):
    """`kg serve` keeps the store open for writing (RocksDB's lock): the update reads it
    without the lock, and swaps the new one in beside the server."""
    import pyoxigraph

    pages = write_pages(tmp_path / "paper", ["a.txt"])
    out = tmp_path / "out"
    build([pages], out, formats=("nt",), view=False)
    server = pyoxigraph.Store(str(out / "store"))
    try:
        write_pages(pages, ["b.txt"])
        build([pages], out, formats=("nt",), view=False)
    finally:
        del server
    assert loads == ["load", "update"]
    assert store_lines(out / "store") == graph_lines(out)


def test_incremental_store_loaded_again_when_it_is_not_the_last_build_s(tmp_path, loads, monkeypatch):
    pages = write_pages(tmp_path / "paper", ["a.txt"])
    out = tmp_path / "out"
    build([pages], out, view=False)
    (out / "store" / "kg-graph").unlink()  # a store that does not say what it holds
    write_pages(pages, ["b.txt"])
    build([pages], out, view=False)
    write_pages(pages, ["c.txt"])
    monkeypatch.setattr(kg.store, "CHANGE_LEAST", 1)  # a change larger than worth it
    monkeypatch.setattr(kg.store, "CHANGE_SHARE", 0.01)
    build([pages], out, view=False, formats=("nt",))
    assert loads == ["load", "load", "load"]
    assert store_lines(out / "store") == graph_lines(out)


def test_incremental_store_update_interrupted_leaves_the_old_store(tmp_path, loads, monkeypatch):
    import kg.store

    pages = write_pages(tmp_path / "paper", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    build([pages], out, formats=("nt",), view=False)
    before = store_lines(out / "store")
    write_pages(pages, ["c.txt"])

    def broken(new, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.store, "_swap", broken)
    with pytest.raises(KeyboardInterrupt):
        build([pages], out, formats=("nt",), view=False)
    assert loads == ["load", "update"]
    monkeypatch.undo()
    assert store_lines(out / "store") == before
    assert [p.name for p in out.glob(".store*")] == []
    build([pages], out, formats=("nt",), view=False)
    assert store_lines(out / "store") == graph_lines(out)
    assert len(store_lines(out / "store")) > len(before)


def test_incremental_changed_file_extracts_only_its_new_articles(tmp_path, counted):
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    extra = "\n县领导调研乡村振兴工作\n本报讯 5月11日，县长孙建华到石梁镇调研乡村振兴工作，副县长方丽陪同。\n"
    (pages / "c.txt").write_text(PAGES["c.txt"] + extra, encoding="utf-8")
    build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    build([pages], tmp_path / "fresh", formats=("nt",), view=False, store=False)
    assert sizes(counted) == [7, 1, 8]
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "fresh" / "graph.nt").read_bytes()


def test_incremental_edit_keeping_size_and_time_is_seen(tmp_path, counted):
    """Files are compared by their bytes, not by size and modification time, which an edit can keep."""
    import os

    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    path = pages / "c.txt"
    stat = path.stat()
    path.write_text(PAGES["c.txt"].replace("何志远", "何志达"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    report = build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    assert sizes(counted) == [7, 1] and report.extracted == 1
    graph = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert "何志达" in graph and "何志远" not in graph


def test_incremental_builds_of_two_corpora_merge_by_union(tmp_path):
    pages = write_pages(tmp_path / "paper")
    ab = build([pages / "a.txt", pages / "b.txt"], tmp_path / "ab", formats=("nt",), view=False, store=False)
    c = build([pages / "c.txt"], tmp_path / "c", formats=("nt",), view=False, store=False)
    both = build([pages / "a.txt", pages / "b.txt", pages / "c.txt"], tmp_path / "abc", formats=("nt",), view=False, store=False)

    def lines(name):
        return set((tmp_path / name / "graph.nt").read_text(encoding="utf-8").splitlines())

    assert lines("ab") | lines("c") == lines("abc")
    assert both.triples < ab.triples + c.triples  # shared people and places are one node


def test_incremental_new_extraction_code_rebuilds_everything(tmp_path, counted, monkeypatch):
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", view=False, store=False)
    monkeypatch.setattr(kg.build.pipeline, "fingerprint", lambda extractors=None: "another-version")
    build([pages], tmp_path / "out", view=False, store=False)
    assert sizes(counted) == [7, 7]
    assert Manifest.read(tmp_path / "out").fingerprint == "another-version"


def test_incremental_unreadable_manifest_means_a_full_build(tmp_path, counted):
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "out", view=False, store=False)
    expected = (tmp_path / "out" / "graph.ttl").read_bytes()
    (tmp_path / "out" / "manifest.json").write_text("{not json", encoding="utf-8")
    build([pages], tmp_path / "out", view=False, store=False)
    assert sizes(counted) == [7, 7]
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == expected
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(p).name for p in manifest["sources"]) == ["a.txt", "b.txt", "c.txt"]


def test_incremental_shard_blocks_read_back(tmp_path):
    pages = write_pages(tmp_path / "paper", ["a.txt"])
    build([pages], tmp_path / "out", view=False, store=False)
    entry = next(iter(Manifest.read(tmp_path / "out").sources.values()))
    blocks = read_shard(tmp_path / "out" / entry.shard)
    assert list(blocks) == entry.articles
    assert sum(facts for _, facts in blocks.values()) == entry.facts
    assert all(line.endswith(" .") for text, _ in blocks.values() for line in text.splitlines())
    assert all(text.endswith("\n") for text, _ in blocks.values())


def test_incremental_union_sorted_on_disk_gives_the_same_bytes(tmp_path, monkeypatch):
    """Large unions go through `sort` on disk; the graph must not depend on which way it was merged."""
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "memory", formats=("turtle", "nt"), view=False, store=False)
    monkeypatch.setattr(kg.build.pipeline, "SORT_IN_MEMORY", 0)
    build([pages], tmp_path / "disk", formats=("turtle", "nt"), view=False, store=False)
    for name in ("graph.nt", "graph.ttl"):
        assert (tmp_path / "memory" / name).read_bytes() == (tmp_path / "disk" / name).read_bytes()
    assert not [p for p in (tmp_path / "disk").iterdir() if p.name.startswith(".") and p.name != ".lock"]


def test_streaming_files_read_again_give_the_same_graph(tmp_path, monkeypatch, counted):
    """Past KEEP_TEXT characters a build keeps no article between splitting a file and
    extracting it: the file is read again when its turn comes, and the graph is the same."""
    pages = write_pages(tmp_path / "paper")
    build([pages], tmp_path / "kept", formats=("turtle", "nt"), view=False, store=False)
    reads: list[str] = []
    real = kg.build.pipeline._articles_of

    def reading(text, name, date):
        reads.append(Path(name).name)
        return real(text, name, date)

    monkeypatch.setattr(kg.build.pipeline, "_articles_of", reading)
    monkeypatch.setattr(kg.build.pipeline, "KEEP_TEXT", 0)
    build([pages], tmp_path / "streamed", formats=("turtle", "nt"), view=False, store=False)
    assert sorted(reads) == sorted(2 * list(PAGES))  # split once to plan, once to extract
    assert sizes(counted) == [7, 7]
    for name in ("graph.ttl", "graph.nt"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "streamed" / name).read_bytes()


def test_streaming_file_changed_during_the_build_is_named_and_the_others_kept(tmp_path, monkeypatch):
    pages = write_pages(tmp_path / "paper")
    monkeypatch.setattr(kg.build.pipeline, "KEEP_TEXT", 0)
    real = kg.build.pipeline._articles_of
    planned: list[str] = []

    def editing(text, name, date):
        planned.append(name)
        if len(planned) == len(PAGES):  # every file planned: now someone edits b.txt
            (pages / "b.txt").write_text(PAGES["b.txt"] + "\n县长孙建华出席会议。\n", encoding="utf-8")
        return real(text, name, date)

    monkeypatch.setattr(kg.build.pipeline, "_articles_of", editing)
    report = build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    assert [e for e in report.errors if "b.txt" in e] == [f"{pages / 'b.txt'}: changed while the build was reading it; build again"]
    graph = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert "钱立新" in graph and "恒瑞" in graph  # a.txt's and c.txt's facts
    assert "石梁" not in graph
    monkeypatch.setattr(kg.build.pipeline, "_articles_of", real)
    again = build([pages], tmp_path / "out", formats=("nt",), view=False, store=False)
    assert not again.errors and "石梁" in (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")


def test_article_printed_twice_in_a_file_is_one_article_of_the_graph(tmp_path, counted):
    """A page that prints an article twice, another after it: both copies are extracted, the
    file is written once all its distinct articles are in, and the graph is that of the page
    printing it once."""
    page, last = PAGES["c.txt"], PAGES["c.txt"].split("\n\n")[-1]
    other = PAGES["b.txt"].split("\n\n")[-1]
    for name, text in (("once", page + "\n" + other), ("twice", page + "\n" + last + "\n\n" + other)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "c.txt").write_text(text, encoding="utf-8")
    a = build([tmp_path / "once"], tmp_path / "a", formats=("nt",), view=False, store=False)
    b = build([tmp_path / "twice"], tmp_path / "b", formats=("nt",), view=False, store=False)
    assert sizes(counted) == [3, 4]
    assert (b.articles, b.facts, b.errors) == (3, a.facts, [])  # the reprint counts once, and is told
    assert any("printed more than once" in n for n in b.notices) and not a.notices
    assert (tmp_path / "b" / "graph.nt").read_bytes() == (tmp_path / "a" / "graph.nt").read_bytes().replace(
        str(tmp_path / "once").encode(), str(tmp_path / "twice").encode())


def test_manifest_compared_a_source_at_a_time_sees_any_difference(tmp_path):
    from kg.build.incremental import SourceEntry, _same_bytes

    manifest = Manifest(fingerprint="f", sources={"b.txt": SourceEntry("k2", ["a3"]), "a.txt": SourceEntry("k1", ["a1", "a2"], 3)})
    path = manifest.write(tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["sources"]["a.txt"] == {"key": "k1", "articles": ["a1", "a2"], "facts": 3, "errors": [],
                                                                                     "ids": [], "counts": []}
    assert Manifest.read(tmp_path) == manifest
    assert _same_bytes(path, manifest._chunks())
    assert not _same_bytes(path, [path.read_bytes()[:-1]])  # the file is longer
    assert not _same_bytes(path, [path.read_bytes(), b" "])  # the file is shorter
    assert not _same_bytes(tmp_path / "none.json", [b""])
