"""Extract many articles at once: chunks of articles spread over processes (or any executor).

Extraction is a pure function of one article and every article's triples are
computed from that article alone, so each worker returns N-Triples lines and the
graph is their union: the result does not depend on how articles were spread.

>>> results = extract_articles(articles, jobs=2)        # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from dataclasses import dataclass

from kg.types import Article

# Fewer articles than this are not worth starting processes for.
MIN_PARALLEL = 8


@dataclass(frozen=True)
class ArticleResult:
    """What one article contributes: its sorted, distinct N-Triples lines as one text, or an error.
    (One string, not a tuple of lines: it crosses from a worker process at a tenth of the cost.)"""

    key: str
    ntriples: str = ""
    facts: int = 0
    error: str = ""
    source: str = ""  # the file the article is in


def extract(article: Article, extractors: Sequence[str] | None = None):
    """`kg.extract.extract`, looked up at each call, so that a replaced extractor is the one used
    (and imported only when there is something to extract). `extractors`: the names to run (default all)."""
    from kg import extract as extraction

    return extraction.extract(article) if extractors is None else extraction.extract(article, extractors)


def article_key(article: Article) -> str:
    """Everything the article's triples depend on besides the extractors: text, source, date, headline."""
    import hashlib

    parts = (article.text, article.source, article.headline, str(article.date or ""), article.byline, str(article.head_end), article.paper)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def extract_one(article: Article, *, strict: bool = False, extractors: Sequence[str] | None = None) -> ArticleResult:
    """The triples of one article (by `extractors`, default all); with `strict`, an extraction
    error is raised instead of reported."""
    from kg.rdf.graph import extraction_lines

    key = article_key(article)
    try:
        extraction = extract(article) if extractors is None else extract(article, extractors)
        return ArticleResult(key, "".join(sorted(set(extraction_lines(extraction)))), len(extraction.facts), source=article.source)
    except Exception as exc:  # one bad article never costs the others
        if strict:
            raise
        where = f"{article.source}: article {article.index} ({article.headline[:20] or 'no headline'})"
        return ArticleResult(key, error=f"{where}: {type(exc).__name__}: {exc}", source=article.source)


def extract_chunk(articles: Sequence[Article], strict: bool = False, extractors: Sequence[str] | None = None) -> list[ArticleResult]:
    """A worker's task: extract a chunk of articles."""
    return [extract_one(article, strict=strict, extractors=extractors) for article in articles]


def warm_up() -> None:
    """Loads jieba's dictionary, the project's words, the tagger's tables and the extractors
    once per worker process, before its first task; and ends the worker when the build
    that started it is gone (killed, say), rather than leave it waiting for work forever."""
    _end_with_parent()
    import jieba

    from kg.nlp.analysis import _jieba
    from kg.nlp.tagger import _model

    jieba.setLogLevel(60)
    jieba.initialize()
    _jieba()
    _model()
    # The extractors, and rdflib through kg.rdf.graph (0.15 s): loaded while the build is still
    # reading files, rather than at the first task.
    import kg.extract  # noqa: F401
    import kg.rdf.graph  # noqa: F401


def _end_with_parent() -> None:
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


# Seconds between a worker's checks that its build still runs (a check costs a system call).
PARENT_CHECK = 0.5


def forget() -> None:
    """Empties what extraction remembers between articles in this process (the tagger's cut
    blocks, entity IRIs and lines): a build calls it when extraction ends, so its outputs and
    the store are not written beside caches nobody will read."""
    caches = {"kg.nlp.tagger": ("_words", "_cut_hmm", "_weights"), "kg.rdf.graph": ("entity_lines",), "kg.rdf.iris": ("entity_iri",)}
    for module, names in caches.items():
        if module in sys.modules:  # a module never loaded remembers nothing
            for name in names:
                getattr(sys.modules[module], name).cache_clear()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def chunked(items: Iterable[Article], jobs: int, *, total: int, most: int = 64) -> Iterator[list[Article]]:
    """Chunks of `items` (`total` of them), taken from `items` only as they are asked for: up
    to `most` while many are left, to amortise the hand-over, then an eighth of what is left
    per worker, down to one, so that the workers finish together rather than one waiting
    for the other's last large chunk."""
    items = iter(items)
    left = total
    while chunk := list(itertools.islice(items, max(1, min(most, left // (jobs * 4))))):
        left -= len(chunk)
        yield chunk


def extract_articles(
    articles: Iterable[Article],
    *,
    total: int | None = None,
    jobs: int | None = 1,
    executor: Executor | None = None,
    strict: bool = False,
    progress: bool | None = None,
    extractors: Sequence[str] | None = None,
) -> Iterator[ArticleResult]:
    """Results for `articles`, in no particular order.

    `articles` may be any iterable (a generator reading files as it goes: it is read only
    as far as the workers need); `total` says how many there are (default: `len(articles)`).
    `jobs=1` extracts in this process; `jobs=None` uses every core; `executor` (any
    `concurrent.futures.Executor`, such as a Dask client's) overrides `jobs`.
    `progress` shows a bar with articles/s and time left (default: when stderr is a terminal).
    `extractors` names the extractors to run (with those they need; default all).
    """
    total = len(articles) if total is None else total
    jobs = default_jobs() if jobs is None else max(1, jobs)
    bar = _bar(total, progress)
    try:
        if executor is None and (jobs == 1 or total < MIN_PARALLEL):
            for article in articles:
                result = extract_one(article, strict=strict, extractors=extractors)
                bar.update(1)
                yield result
            return
        own = executor is None
        pool = executor or ProcessPoolExecutor(max_workers=jobs, initializer=warm_up)
        try:
            workers = jobs if own else _workers(pool)
            chunks = chunked(articles, workers, total=total)
            running: set = set()
            while True:
                # A bounded number of chunks in flight: results are handed on, not piled up.
                for chunk in itertools.islice(chunks, workers * 3 - len(running)):
                    running.add(pool.submit(extract_chunk, chunk, strict, extractors))
                if not running:
                    break
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    results = future.result()
                    bar.update(len(results))
                    yield from results
        finally:
            if own:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        bar.close()


def _workers(executor: Executor) -> int:
    client = getattr(executor, "_client", None)  # a Dask ClientExecutor
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:
            return 2
    return getattr(executor, "_max_workers", None) or default_jobs()


def _bar(total: int, progress: bool | None):
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    return tqdm(total=total, unit="article", desc="extracting", disable=not show or total == 0, file=sys.stderr, smoothing=0.1)
