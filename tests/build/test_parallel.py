"""Parallel extraction gives exactly the graph a single process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg.build.parallel
import kg.build.pipeline
import kg.rdf.export
from kg.build.parallel import chunked, extract_articles
from kg.build.pipeline import BuildError, build, extract_all, read_articles
from kg.rdf.export import write_graph
from kg.rdf.graph import assemble
from tests.scale_corpus import write_pages


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    return write_pages(tmp_path_factory.mktemp("pages") / "paper")


def test_parallel_two_jobs_write_the_same_bytes_as_one(pages, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.build.parallel, "MIN_PARALLEL", 1)  # so the small corpus really goes to processes
    monkeypatch.setattr(kg.rdf.export, "TURTLE_IN_PARTS", 0)  # and its Turtle is written in parts
    one = build([pages], tmp_path / "one", formats=("turtle", "nt"), view=False, store=False, jobs=1)
    two = build([pages], tmp_path / "two", formats=("turtle", "nt"), view=False, store=False, jobs=2)
    assert one.articles == two.articles == 7
    assert one.facts == two.facts > 10
    for name in ("graph.ttl", "graph.nt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_parallel_build_matches_the_plain_assembled_graph(pages, tmp_path):
    """The sharded build writes the graph `assemble` makes, and the same N-Triples bytes `write_graph` would."""
    errors: list[str] = []
    reference = assemble(extract_all(read_articles([pages], errors=errors), errors))
    write_graph(reference, tmp_path / "reference.nt", "nt")
    report = build([pages], tmp_path / "out", formats=("turtle", "nt"), view=False, store=False, jobs=1)
    assert report.triples == len(reference)
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "reference.nt").read_bytes()
    assert isomorphic(Graph().parse(tmp_path / "out" / "graph.ttl"), reference)


def test_parallel_chunks_cover_every_article_once():
    items = list(range(103))
    chunks = list(chunked(items, 2, total=len(items)))
    assert [i for chunk in chunks for i in chunk] == items
    assert len(chunks) >= 8  # enough to keep two workers busy to the end


def test_parallel_chunks_shrink_towards_the_end():
    items = list(range(1000))
    sizes = [len(chunk) for chunk in chunked(items, 2, total=len(items))]
    assert sum(sizes) == 1000
    assert sizes[0] == 64  # large while many are left
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-3:] == [1, 1, 1]  # the workers' last chunks are single articles


def test_parallel_bad_article_is_reported_and_the_others_kept(pages, tmp_path, monkeypatch):
    real = kg.build.parallel.extract

    def flaky(article):
        if "石梁镇" in article.text:
            raise ValueError("broken analysis")
        return real(article)

    monkeypatch.setattr(kg.build.parallel, "extract", flaky)
    report = build([pages], tmp_path / "out", view=False, store=False, jobs=1)
    assert len(report.errors) == 1 and "ValueError: broken analysis" in report.errors[0]
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "恒瑞智能装备" in text and "石梁古村" not in text
    with pytest.raises(BuildError, match="broken analysis"):
        build([pages], tmp_path / "strict", view=False, store=False, jobs=1, strict=True)


def test_parallel_results_are_one_per_article(pages, monkeypatch):
    monkeypatch.setattr(kg.build.parallel, "MIN_PARALLEL", 1)
    articles = list(read_articles([pages], errors=[]))
    results = list(extract_articles(articles, jobs=2))
    assert sorted(r.key for r in results) == sorted(kg.build.parallel.article_key(a) for a in articles)
    assert all(r.ntriples and not r.error for r in results)
    graph = Graph()
    graph.parse(data="".join(r.ntriples for r in results), format="nt")
    assert isomorphic(graph, assemble(extract_all(articles, [])))


def test_turtle_written_in_parts_is_the_turtle_written_at_once(pages, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.rdf.export, "TURTLE_IN_PARTS", 0)
    build([pages], tmp_path / "out", formats=("nt",), view=False, store=False, jobs=1)
    union = tmp_path / "out" / "graph.nt"
    kg.rdf.export.write_turtle(union, tmp_path / "whole.ttl", jobs=1)
    whole = (tmp_path / "whole.ttl").read_bytes()
    lines = union.read_bytes().splitlines(keepends=True)
    starts = {sum(map(len, lines[:i])): line.split(b" ", 1)[0] for i, line in enumerate(lines)}
    for parts in (2, 3, 7):
        cuts = kg.rdf.export.subject_cuts(union, parts)
        assert cuts[0] == 0 and cuts[-1] == union.stat().st_size and len(cuts) == parts + 1
        for cut in cuts[1:-1]:  # each cut starts a line whose subject the line before does not have
            previous = max(offset for offset in starts if offset < cut)
            assert cut in starts and starts[cut] != starts[previous]
        kg.rdf.export.write_turtle(union, tmp_path / f"parts{parts}.ttl", jobs=parts)
        assert (tmp_path / f"parts{parts}.ttl").read_bytes() == whole
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no part left behind


def test_parallel_articles_are_taken_only_as_workers_need_them(pages, monkeypatch):
    """A generator of articles is read a few chunks ahead of the workers, not to its end first."""
    articles = list(read_articles([pages], errors=[])) * 40  # 280 articles, chunks of 35
    taken = 0

    def lazily():
        nonlocal taken
        for article in articles:
            taken += 1
            yield article

    results = extract_articles(lazily(), total=len(articles), jobs=2)
    next(results)
    assert taken <= 2 * 3 * 35 < len(articles)  # at most three chunks a worker in flight
    assert 1 + sum(1 for _ in results) == len(articles)


def test_parallel_workers_start_at_the_first_article_to_extract_and_not_on_an_unchanged_rebuild(pages, tmp_path, monkeypatch):
    """The workers load jieba while the build reads the other files; a build with nothing new starts none."""
    seen: list[int] = []
    starts: list[int] = []
    real = kg.build.pipeline._Workers.start

    def start(self):
        starts.append(len(seen))
        real(self)

    monkeypatch.setattr(kg.build.pipeline._Workers, "start", start)
    build([pages], tmp_path / "out", view=False, store=False, jobs=2, on_article=lambda a: seen.append(a.index))
    assert starts[0] == 1 and len(seen) == 7  # at the first article, before the other six were read
    starts.clear()
    build([pages], tmp_path / "out", view=False, store=False, jobs=2)
    assert starts == []


def test_one_process_build_empties_the_extraction_caches_when_extraction_ends(pages, tmp_path):
    """The tagger's blocks and the entity IRIs and lines are remembered while articles come,
    and let go before the outputs and the store are written."""
    from kg.nlp import tagger
    from kg.rdf import graph, iris

    caches = (tagger._words, tagger._cut_hmm, graph.entity_lines, iris.entity_iri)
    assert build([pages], tmp_path / "out", jobs=1, view=False, store=False).extracted == 7
    assert [c.cache_info().currsize for c in caches] == [0, 0, 0, 0]
    tagger.tag("县委书记钱立新主持召开会议")
    assert tagger._words.cache_info().currsize > 0
    kg.build.parallel.forget()
    assert tagger._words.cache_info().currsize == 0
