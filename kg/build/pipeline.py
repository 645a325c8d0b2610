"""The build: text files → articles → facts → graph → Turtle, HTML view and store.

`build()` is what `kg build` runs. One bad file or article is reported and
skipped; nothing is lost of the others; outputs are replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build.incremental import (
    SHARDS,
    Manifest,
    SourceEntry,
    count_facts,
    fingerprint,
    has_shard,
    read_shard,
    remove_stale_shards,
    shard_file_lines,
    shard_lines,
    source_key,
    stamp,
    unfinished,
    write_shard,
)
from kg.text.reading import ReadError, decode, decode_source, find_sources, read_bytes, read_source

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from rdflib import Graph

    from kg.build.parallel import ArticleResult
    from kg.types import Article, Extraction

# Only what an unchanged rebuild needs is imported here: jieba, rdflib and the
# extractors are loaded when an article is to be extracted or an output written.

log = logging.getLogger("kg")


class BuildError(Exception):
    """Nothing could be built; str() says why."""


@dataclass
class BuildReport:
    out: Path
    files: int = 0
    skipped: int = 0  # files not built: unreadable, or without article text
    articles: int = 0
    extracted: int = 0  # articles extracted by this build; the others came from OUT's shards
    facts: int = 0
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # files read despite damage, one line each
    notices: list[str] = field(default_factory=list)  # what the build chose not to do, and why
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.files} files{f' ({self.skipped} skipped)' if self.skipped else ''}, {self.articles} articles, "
            f"{self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s → {', '.join(str(p) for p in self.outputs)}"
        )


def read_articles(inputs: Sequence[Path], *, date: dt.date | None = None, errors: list[str]) -> Iterator[Article]:
    """Articles of every readable file; problems are appended to `errors`, one line each."""
    from kg.text.articles import split_articles
    from kg.text.layout import repair

    files, problems = find_sources(inputs)
    errors.extend(problems)
    for path in files:
        try:
            source = read_source(path)
        except ReadError as exc:
            errors.append(str(exc))
            continue
        page = repair(source.text)
        articles = split_articles(page, str(path), date=date, one_line="\n" not in source.text.strip())
        if source.bad_bytes:
            errors.append(source.damage())
        if not articles:
            errors.append(f"{path}: no article text found")
        yield from articles


def extract_all(articles: Iterable[Article], errors: list[str], *, strict: bool = False) -> Iterator[Extraction]:
    from kg.extract import extract

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
    view: bool | None = None,
    store: bool = True,
    strict: bool = False,
    on_article: Callable[[Article], None] | None = None,
    jobs: int | None = 1,
    executor: Executor | None = None,
    incremental: bool = True,
    progress: bool | None = False,
    follow_links: bool = False,
    extractors: Sequence[str] | None = None,
) -> BuildReport:
    """Build the graph of `inputs` (files or folders of .txt) into the folder `out`.

    `jobs` processes extract articles (`None`: every core); `executor` (a Dask client's,
    say) replaces them. With `incremental`, files already built into `out` (same path,
    bytes and extraction code) are not read again, and files no longer given leave the
    graph. The outputs do not depend on `jobs`, `executor` or `incremental`. The HTML view is
    written when `view` is True, and by default (None) when the graph holds at most
    `VIEW_MOST_TRIPLES` triples: past that, writing the page takes more memory than the rest
    of the build (`report.notices` says so). `extractors` names the extractors to run (with
    those they need; default all); shards record the set, so another set extracts afresh. Links inside a folder that
    lead out of it are followed only with `follow_links`.

    >>> build([Path("seeds")], Path("build"), jobs=2).summary()   # doctest: +SKIP
    """
    from kg.build.parallel import default_jobs

    chosen = chosen_extractors(extractors)
    cores = default_jobs() if jobs is None else max(1, jobs)
    out = Path(out)
    with writing(out):
        workers = _Workers(cores if executor is None else 1)
        try:
            return _build(inputs, out, date=date, formats=formats, view=view, store=store, strict=strict, on_article=on_article,
                          cores=cores, executor=executor, workers=workers, incremental=incremental, progress=progress,
                          extractors=chosen, follow_links=follow_links)
        except OSError as exc:  # a full disk, a folder made read-only under the build
            where = exc.filename or out
            raise BuildError(f"{where}: {exc.strerror or exc}; the previous outputs in {out} are kept") from exc
        finally:
            workers.shutdown()


LOCK = ".lock"


@contextmanager
def writing(out: Path) -> Iterator[None]:
    """Holds the lock on the output folder `out` (made if missing) for one build, and
    removes what an interrupted build left behind there. A second build into the same
    folder stops at once with a BuildError; the lock goes with its process, however that
    ends (the lock file itself is never written: an unchanged rebuild touches nothing)."""
    import fcntl

    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: --out names a file, not a folder; give a folder (it is made if missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"{exc.filename or out}: cannot write the output folder ({exc.strerror or exc})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{out}: another kg build is writing this folder; wait for it to end, or give another --out") from None
        remove_leftovers(out)
        yield
    finally:
        os.close(fd)  # releases the lock


# What a build writes beside its outputs before moving them in; left only by one interrupted.
LEFTOVERS = (".union.*", ".graph.*.tmp*", ".manifest.json.*.tmp", ".store.new-*", ".store.old-*")


def remove_leftovers(out: Path) -> list[Path]:
    """Deletes the temporaries interrupted builds left in `out` (the caller holds its lock); returns them."""
    found = [path for pattern in LEFTOVERS for path in out.glob(pattern)]
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found


class _Workers:
    """The build's worker processes, started as soon as it finds an article to extract, so
    that they load jieba and the extractors while it reads the other files."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Executor | None = None

    def start(self) -> None:
        if self.pool is None and self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            from kg.build.parallel import warm_up

            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=warm_up)
            for _ in range(self.jobs):  # processes start when there is work and none is idle
                self.pool.submit(int)

    def shutdown(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _build(
    inputs: Sequence[Path],
    out: Path,
    *,
    date: dt.date | None,
    formats: Sequence[str],
    view: bool | None,
    store: bool,
    strict: bool,
    on_article: Callable[[Article], None] | None,
    cores: int,
    executor: Executor | None,
    workers: _Workers,
    incremental: bool,
    progress: bool | None,
    extractors: tuple[str, ...] | None,
    follow_links: bool = False,
) -> BuildReport:
    """The build's steps: find what changed, extract it into shards, write the outputs."""
    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, problems = find_sources(inputs, follow_links=follow_links)
    report.files = len(sources) + len(problems)
    report.skipped = len(problems)
    report.errors.extend(problems)

    fp = fingerprint(extractors)
    old = Manifest.read(out) if incremental else Manifest()
    if old.fingerprint != fp:
        old = Manifest()
    new = Manifest(fingerprint=fp)

    changed = _ChangedFiles(out, old, new, report, date=date, fingerprint=fp)
    _scan(sources, changed, on_article=on_article, workers=workers)
    _extract(changed, cores=cores, executor=executor, workers=workers, strict=strict, progress=progress,
             extractors=extractors)

    report.facts, _, reprints = count_facts(new)
    report.articles -= len(reprints)
    if reprints:
        report.notices.append(f"{len(reprints)} article{'s' if len(reprints) > 1 else ''} printed more than once, "
                              f"facts counted once: {', '.join(reprints[:3])}{' …' if len(reprints) > 3 else ''}")
    if strict and report.errors:
        raise BuildError(report.errors[0])
    if not any(entry.articles for entry in new.sources.values()):
        raise BuildError("nothing to build: " + ("; ".join(report.errors) if report.errors else "no articles found"))

    new.graph = f"{new.digest()}.{OUTPUT_VERSION}"
    _outputs(out, old, new, formats, view=view, store=store, title=", ".join(str(p) for p in inputs), report=report, jobs=cores)
    new.outputs = [str(report.triples)]
    new.files = {p.name: stamp(p) for p in report.outputs if p.is_file()}  # named last: the set is complete
    remove_stale_shards(out, new)
    new.write(out)
    report.seconds = time.perf_counter() - started
    return report


class _ChangedFiles:
    """The new and changed files of a build, from the scan that finds them to their shards.

    Per file: its manifest entry, its path and its articles (held only up to KEEP_TEXT
    characters in all, and until they are handed to extraction; the others are read again
    when their turn comes, so a corpus of any size is never held in memory), the keys of
    the articles its old shard holds already, and how many distinct articles are still to
    come back from extraction (a count, not their keys: a hundred thousand articles' keys
    in sets weigh about 10 MB). A file's shard is written as soon as its last article is
    extracted, and its results freed. An article's key hashes its file's name too, so a
    result belongs to one file: its source.
    """

    def __init__(self, out: Path, old: Manifest, new: Manifest, report: BuildReport, *, date: dt.date | None,
                 fingerprint: str) -> None:
        self.out, self.old, self.new, self.report = out, old, new, report
        self.date, self.fingerprint = date, fingerprint
        self.files: dict[str, tuple[SourceEntry, Path, list[Article] | None]] = {}
        self.reused: dict[str, frozenset[str]] = {}  # file -> keys of the articles its old shard holds
        self.waiting: dict[str, int] = {}
        self.results: dict[str, ArticleResult] = {}
        self.todo = 0  # articles to extract
        self._kept = 0  # characters of article text held

    def old_keys(self, name: str) -> frozenset[str]:
        """The keys of the articles the old shard of file `name` holds."""
        return frozenset(read_shard(self.out / self.old.sources[name].shard) if name in self.old.sources else ())

    def add(self, name: str, entry: SourceEntry, path: Path, articles: list[Article], text_size: int,
            reused: frozenset[str]) -> None:
        keep = self._kept + text_size <= KEEP_TEXT
        self._kept += text_size if keep else 0
        self.files[name] = (entry, path, articles if keep else None)
        self.reused[name] = reused
        self.waiting[name] = len({akey for akey in entry.articles if akey not in reused})

    def pending(self) -> Iterator[Article]:
        """The articles to extract, file by file, each file read again if it was not kept."""
        for name in list(self.files):
            if name not in self.files:
                continue  # written already: none of its articles was left to extract
            entry, path, articles = self.files[name]
            if articles is None:
                try:
                    data = read_bytes(path)
                    if source_key(name, data, date=self.date, fingerprint=self.fingerprint) != entry.key:
                        raise ReadError(f"{path}: changed while the build was reading it; build again")
                    articles, _ = _articles_of(decode(data, path)[0], name, self.date)
                except ReadError as exc:
                    self.report.errors.append(str(exc))
                    self.drop(name)
                    continue
            else:
                self.files[name] = (entry, path, None)  # handed on: not kept any longer
            reused = self.reused[name]
            yield from (a for a, akey in zip(articles, entry.articles) if akey not in reused)

    def drop(self, name: str) -> None:
        """A file that could not be read again leaves this build (and its old shard with it)."""
        self.files.pop(name)
        self.reused.pop(name)
        self.waiting.pop(name)

    def take(self, result: ArticleResult) -> None:
        """An extracted article; its file's shard is written when it was the last one to come."""
        left = self.waiting.get(result.source, 0)
        if not left or result.key in self.results:
            return  # its file left this build or is written; or an article printed twice, met again
        self.results[result.key] = result
        self.waiting[result.source] = left - 1
        if left == 1:
            self.finish(result.source)

    def finish_unchanged_articles(self) -> None:
        """Writes the shards of the files none of whose articles is to be extracted."""
        for name in [n for n, left in self.waiting.items() if not left]:
            self.finish(name)

    def finish(self, name: str) -> None:
        """Writes the shard of file `name`: its old blocks that still serve and its new results."""
        entry, _, _ = self.files.pop(name)
        reused = read_shard(self.out / self.old.sources[name].shard) if self.reused.pop(name) else {}
        blocks = []
        for akey in dict.fromkeys(entry.articles):  # an article printed twice in a file counts once
            if akey in reused:
                ntriples, facts = reused[akey]
            else:
                result = self.results[akey]
                if result.error:
                    entry.errors.append(result.error)
                    entry.counts.append(0)
                    continue
                ntriples, facts = result.ntriples, result.facts
            entry.facts += facts
            entry.counts.append(facts)
            blocks.append((akey, ntriples, facts))
        self.report.facts += entry.facts
        self.report.errors.extend(e for e in entry.errors if e not in self.report.errors)
        write_shard(self.out / entry.shard, blocks)
        self.new.sources[name] = entry
        for akey in entry.articles:
            self.results.pop(akey, None)

    def forget(self) -> None:
        """Per article, not needed to write the outputs."""
        for bookkeeping in (self.waiting, self.results, self.reused):
            bookkeeping.clear()


def _scan(sources: Sequence[Path], changed: _ChangedFiles, *, on_article: Callable[[Article], None] | None,
          workers: _Workers) -> None:
    """Keeps the entries of unchanged files and records the new and changed ones in `changed`,
    their articles split to learn their keys (and which are in the old shard already). The
    workers start at the first article to extract, to load while the other files are read."""
    report, old, new = changed.report, changed.old, changed.new
    for path in sources:
        name = str(path)
        try:
            data = read_bytes(path)
        except ReadError as exc:
            report.errors.append(str(exc))
            report.skipped += 1
            continue
        key = source_key(name, data, date=changed.date, fingerprint=changed.fingerprint)
        entry = old.sources.get(name)
        if entry is not None and entry.key == key and has_shard(changed.out, entry):
            new.sources[name] = entry
            report.articles += len(entry.articles)
            report.facts += entry.facts
            report.errors.extend(entry.errors)
            report.warnings.extend(entry.warnings)
            report.skipped += not entry.articles
            continue
        try:
            source = decode_source(data, path)
        except ReadError as exc:
            report.errors.append(str(exc))
            report.skipped += 1
            continue
        del data
        text = source.text
        articles, keys = _articles_of(text, name, changed.date)
        entry = SourceEntry(key=key, articles=keys, ids=[a.id for a in articles])
        if source.bad_bytes:
            entry.warnings.append(source.damage())
            report.warnings.extend(entry.warnings)
        if not articles:
            entry.errors.append(f"{path}: no article text found")
            report.errors.extend(entry.errors)
            report.skipped += 1
        elif changed.date is None and all(a.date is None for a in articles):
            report.notices.append(f"{path}: no issue date found (no masthead); its events keep only the dates their "
                                  f"text gives: --date YYYY-MM-DD gives the issue's")
        reused = changed.old_keys(name)
        for article, akey in zip(articles, entry.articles):
            report.articles += 1
            if on_article:
                on_article(article)
            if akey not in reused:
                changed.todo += 1
                workers.start()
        changed.add(name, entry, path, articles, len(text), reused)


def _extract(changed: _ChangedFiles, *, cores: int, executor: Executor | None, workers: _Workers, strict: bool,
             progress: bool | None, extractors: tuple[str, ...] | None = None) -> None:
    """Extracts the articles of the changed files and writes their shards."""
    out = changed.out
    out.mkdir(parents=True, exist_ok=True)
    (out / SHARDS).mkdir(exist_ok=True)
    changed.finish_unchanged_articles()
    try:
        for result in extract_articles(changed.pending(), total=changed.todo, jobs=cores, executor=executor or workers.pool,
                                       strict=strict, progress=progress, extractors=extractors):
            changed.take(result)
    except Exception as exc:
        if strict:
            raise BuildError(f"{type(exc).__name__}: {exc}") from exc
        raise
    workers.shutdown()  # their processes hold jieba's dictionary: not kept through the outputs
    if changed.todo:  # nor this process's extraction caches
        from kg.build.parallel import forget

        forget()
    changed.report.extracted = changed.todo
    changed.forget()


def _outputs(out: Path, old: Manifest, new: Manifest, formats: Sequence[str], *, view: bool | None, store: bool, title: str,
             report: BuildReport, jobs: int) -> None:
    """Writes the outputs wanted, unless the graph and they are as the previous build left them."""
    wanted = [out / f"graph{_suffix(fmt)}" for fmt in formats]
    if view is None and new.graph == old.graph:  # unchanged: the view is wanted if the graph is small enough
        view = old_triples(old, out) <= VIEW_MOST_TRIPLES
    if view:
        wanted.append(out / "graph.html")
    if store:
        wanted.append(out / "store")
    if new.graph == old.graph and all(p.exists() and not unfinished(p) for p in wanted):
        report.triples = old_triples(old, out)
        report.outputs.extend(wanted)
    else:
        report.outputs.extend(_write_outputs(out, new, formats, view=view, store=store, title=title, report=report,
                                             jobs=jobs, old=old))
    _remove_unwanted(out, wanted, view=view, store=store)


# Characters of article text a build keeps between splitting files and extracting them;
# beyond this, files are read and split again when their articles' turn comes. (A short
# article costs more as an object than as text: 1 M characters of 100-character
# articles are about 30 MB.)
KEEP_TEXT = 2**20

# Past this many triples (about 15,000 articles), a build writes the HTML view only when asked:
# reading what the page draws takes about 170 MB per million triples (10,000 articles: 1.3 M
# triples, 216 MiB for the build process writing the page, 35 MiB without it).
VIEW_MOST_TRIPLES = 2_000_000

# Bump when the way outputs are written changes, so rebuilds rewrite them.
OUTPUT_VERSION = 4


def _remove_unwanted(out: Path, wanted: list[Path], *, view: bool | None, store: bool) -> None:
    """Removes outputs of an earlier build that this one did not write (graph.ttl beside a
    new graph.nt; a page or store built without --no-view/--no-store), so that nothing in OUT
    answers from another graph."""
    from kg.formats import GRAPH_FORMATS

    stale = {out / f"graph{_suffix(fmt)}" for fmt in GRAPH_FORMATS}
    if view is False:
        stale.add(out / "graph.html")
    for path in sorted(stale - set(wanted)):
        path.unlink(missing_ok=True)
    if not store and (out / "store").is_dir():
        shutil.rmtree(out / "store", ignore_errors=True)


def old_triples(manifest: Manifest, out: Path) -> int:
    try:
        return int(manifest.outputs[0])
    except (IndexError, ValueError):
        return sum(1 for _ in set(shard_lines(out, manifest)))




def _articles_of(text: str, name: str, date: dt.date | None) -> tuple[list[Article], list[str]]:
    """The articles of a new or changed file, and their keys."""
    from kg.build.parallel import article_key
    from kg.text.articles import split_articles
    from kg.text.layout import repair

    articles = split_articles(repair(text), name, date=date, one_line="\n" not in text.strip())
    return articles, [article_key(a) for a in articles]


def chosen_extractors(names: Sequence[str] | None) -> tuple[str, ...] | None:
    """The extractors a build runs for `names`, in order, with those they need; None for all of them
    (by default or when named in full), so that the default build loads no extractor before it must."""
    if names is None:
        return None
    from kg.extract.registry import ExtractorError, plan

    try:
        chosen = tuple(e.name for e in plan(names))
        every = tuple(e.name for e in plan())
    except ExtractorError as exc:
        raise BuildError(str(exc)) from None
    return None if chosen == every else chosen


def extract_articles(articles: Iterable[Article], *, total: int, **options) -> Iterator[ArticleResult]:
    """`kg.build.parallel.extract_articles`; with nothing to extract, jieba and the extractors are not loaded."""
    if not total:
        return iter(())
    from kg.build.parallel import extract_articles as extract_in_parallel

    return extract_in_parallel(articles, total=total, **options)


def _suffix(fmt: str) -> str:
    from kg.rdf.export import suffix_for

    return suffix_for(fmt)


def _write_outputs(out: Path, manifest: Manifest, formats: Sequence[str], *, view: bool | None, store: bool, title: str, report: BuildReport,
                   jobs: int = 1, old: Manifest | None = None) -> list[Path]:
    """Writes the graph's files, page and store from the union of the shards (graph.nt in the making)."""
    from kg.rdf.export import file_mode, suffix_for

    outputs: list[Path] = []
    fd, name = tempfile.mkstemp(prefix=".union.", suffix=".nt", dir=out)  # this build's own
    os.close(fd)
    union = Path(name)
    try:
        report.triples = union_of_shards(out, manifest, union)
        outputs.extend(_write_formats(union, out, formats, jobs=jobs))
        if view is None:
            view = report.triples <= VIEW_MOST_TRIPLES
            if not view:
                (out / "graph.html").unlink(missing_ok=True)  # an older, smaller graph's page
                report.notices.append(
                    f"graph.html not written: {report.triples:,} triples are more than {VIEW_MOST_TRIPLES:,}, and the page "
                    f"would take more memory than the rest of the build; --view writes it anyway, "
                    f"`kg view {out / ('graph' + suffix_for(formats[0] if formats else 'turtle'))} --focus NAME` draws one "
                    f"entity's neighbourhood")
        if view:
            outputs.append(_write_view(union, out / "graph.html", title=title))
        if store:
            outputs.append(_write_store(union, out, old=old or Manifest(), new=manifest, triples=report.triples))
        if any(suffix_for(fmt) == ".nt" for fmt in formats):
            os.chmod(union, file_mode())  # (mkstemp's files are private; an output is not)
            os.replace(union, out / "graph.nt")
            outputs.insert(0, out / "graph.nt")
    finally:
        union.unlink(missing_ok=True)
    return outputs


def _write_formats(union: Path, out: Path, formats: Sequence[str], *, jobs: int) -> list[Path]:
    """graph.ttl and the formats rdflib writes, in the order asked; graph.nt is the union itself, moved last."""
    from kg.rdf.export import suffix_for, write_graph, write_turtle

    outputs = []
    graph: Graph | None = None  # read once, for rdflib's formats only
    for fmt in formats:
        suffix = suffix_for(fmt)
        if suffix == ".ttl":
            outputs.append(write_turtle(union, out / "graph.ttl", jobs=jobs))
        elif suffix != ".nt":
            if graph is None:
                from kg.rdf.graph import new_graph

                graph = new_graph()
                graph.parse(union, format="nt")
            outputs.append(write_graph(graph, out / f"graph{suffix}", fmt))
    return outputs


def union_of_shards(out: Path, manifest: Manifest, target: Path) -> int:
    """Writes the sorted, distinct triple lines of every shard to `target`; returns how many.

    Large unions are sorted on disk by `sort` (bounded memory); without it, in memory.
    Both give the same bytes: UTF-8 byte order is code point order.
    """
    shards = [out / entry.shard for entry in manifest.sources.values()]
    sort = shutil.which("sort")
    if sort and sum(p.stat().st_size for p in shards) > SORT_IN_MEMORY:
        listing = target.with_name(target.name + ".files")
        listing.write_bytes(b"\0".join(str(p).encode() for p in shards) + b"\0")
        try:
            with open(target, "wb") as f:
                sorter = subprocess.Popen([sort, "-u", "-S", SORT_BUFFER, "-T", str(out), "--files0-from", str(listing)],
                                          stdout=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"})
                # Shard comments (#) and blank lines sort before every triple (<): skip them, copy the rest.
                count = 0
                for line in sorter.stdout:
                    if not line.startswith(b"#") and line.strip():
                        f.write(line)
                        count += 1
                        break
                while chunk := sorter.stdout.read(1 << 20):
                    f.write(chunk)
                    count += chunk.count(b"\n")
                if sorter.wait():
                    raise BuildError(f"sorting the shards in {out / SHARDS} failed (sort exited {sorter.returncode})")
            return count
        finally:
            listing.unlink(missing_ok=True)
    lines = sorted(set(shard_lines(out, manifest)))
    target.write_text("".join(lines), encoding="utf-8")
    return len(lines)


# Shards larger than this in total are merged by `sort` on disk rather than in memory.
SORT_IN_MEMORY = 4 * 2**20

# `sort`'s buffer: its memory runs beside the build's. Measured on 208 MB of shards, 32M
# sorted in 0.80 s at 35 MB against 1.52 s at 264 MB with 256M (16M: 1.43 s).
SORT_BUFFER = "32M"


def _write_view(union: Path, path: Path, *, title: str) -> Path:
    from kg.view.page import read_for_view, write_view

    write_view(read_for_view(union, grouped=True), path, title=title or "kg")  # the union is sorted
    return path


def _write_store(union: Path, out: Path, *, old: Manifest, new: Manifest, triples: int) -> Path:
    """Brings OUT/store to the union; a store holding the previous build's graph takes the
    triples of the shards that came and went, when they are few (`kg.store.sync_store`)."""
    from kg.store import sync_store

    came = {entry.shard for entry in new.sources.values()}
    went = {entry.shard for entry in old.sources.values()}
    return sync_store(out / "store", union, graph=new.graph, previous=old.graph, triples=triples,
                      came=(shard_file_lines(out / shard) for shard in came - went),
                      went=(shard_file_lines(out / shard) for shard in went - came))
