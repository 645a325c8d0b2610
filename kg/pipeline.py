"""The build: text files → articles → facts → graph → Turtle, HTML view and store.

`build()` is what `kg build` runs. One bad file or article is reported and
skipped; nothing is lost of the others; outputs are replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from rdflib import Graph

from kg.articles import split_articles
from kg.export import suffix_for, write_graph
from kg.extractors import extract
from kg.graph import assemble, new_graph
from kg.layout import repair
from kg.reading import ReadError, find_sources, read_source
from kg.types import Article, Extraction

log = logging.getLogger("kg")


class BuildError(Exception):
    """Nothing could be built; str() says why."""


@dataclass
class BuildReport:
    out: Path
    files: int = 0
    articles: int = 0
    facts: int = 0
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.files} files, {self.articles} articles, {self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s → {', '.join(str(p) for p in self.outputs)}"
        )


def read_articles(inputs: Sequence[Path], *, date: dt.date | None = None, errors: list[str]) -> Iterator[Article]:
    """Articles of every readable file; problems are appended to `errors`, one line each."""
    files, problems = find_sources(inputs)
    errors.extend(problems)
    for path in files:
        try:
            source = read_source(path)
        except ReadError as exc:
            errors.append(str(exc))
            continue
        page = repair(source.text)
        articles = split_articles(page, str(path), date=date)
        if not articles:
            errors.append(f"{path}: no article text found")
        yield from articles


def extract_all(articles: Iterable[Article], errors: list[str], *, strict: bool = False) -> Iterator[Extraction]:
    for article in articles:
        try:
            yield extract(article)
        except Exception as exc:  # one bad article never costs the others
            if strict:
                raise
            errors.append(f"{article.source}: article {article.index} ({article.headline[:20] or 'no headline'}): {type(exc).__name__}: {exc}")


def build(
    inputs: Sequence[Path],
    out: Path,
    *,
    date: dt.date | None = None,
    formats: Sequence[str] = ("turtle",),
    view: bool = True,
    store: bool = True,
    strict: bool = False,
    on_article: Callable[[Article], None] | None = None,
) -> BuildReport:
    """Build the graph of `inputs` (files or folders of .txt) into the folder `out`."""
    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, _ = find_sources(inputs)
    report.files = len(sources)

    def counted(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            report.articles += 1
            if on_article:
                on_article(article)
            yield article

    extractions = []
    for extraction in extract_all(counted(read_articles(inputs, date=date, errors=report.errors)), report.errors, strict=strict):
        report.facts += len(extraction.facts)
        extractions.append(extraction)
    if strict and report.errors:
        raise BuildError(report.errors[0])
    if not extractions:
        raise BuildError("nothing to build: " + ("; ".join(report.errors) if report.errors else "no articles found"))
    graph = assemble(extractions)
    report.triples = len(graph)
    out.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        report.outputs.append(write_graph(graph, out / f"graph{suffix_for(fmt)}", fmt))
    turtle = out / "graph.ttl"
    if view:
        report.outputs.append(_write_view(graph, out / "graph.html", title=", ".join(str(p) for p in inputs), errors=report.errors))
    if store and turtle.exists():
        stored = _load_store(turtle, out / "store", report.errors)
        if stored:
            report.outputs.append(stored)
    report.seconds = time.perf_counter() - started
    return report


def _write_view(graph: Graph, path: Path, *, title: str, errors: list[str]) -> Path:
    from kg.view import write_view

    write_view(graph, path, title=title or "kg")
    return path


def _load_store(turtle: Path, store_dir: Path, errors: list[str]) -> Path | None:
    try:
        from kg.store import load_store
    except ImportError:
        return None
    load_store(turtle, store_dir)
    return store_dir
