"""The build: text files → articles → facts → graph → Turtle, HTML view and store.

`build()` is what `kg build` runs. One bad file or article is reported and
skipped; nothing is lost of the others; outputs are replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

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
    write_shard,
)
from kg.text.reading import ReadError, decode, find_sources, read_bytes, read_source

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
    articles: int = 0
    extracted: int = 0  # articles extracted by this build; the others came from OUT's shards
    facts: int = 0
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what the build chose not to do, and why
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.files} files, {self.articles} articles, {self.facts} facts, {self.triples} triples "
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
        articles = split_articles(page, str(path), date=date)
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
) -> BuildReport:
    """Build the graph of `inputs` (files or folders of .txt) into the folder `out`.

    `jobs` processes extract articles (`None`: every core); `executor` (a Dask client's,
    say) replaces them. With `incremental`, files already built into `out` (same path,
    bytes and extraction code) are not read again, and files no longer given leave the
    graph. The outputs do not depend on `jobs`, `executor` or `incremental`. The HTML view is
    written when `view` is True, and by default (None) when the graph holds at most
    `VIEW_MOST_TRIPLES` triples: past that, writing the page takes more memory than the rest
    of the build (`report.notices` says so).

    >>> build([Path("seeds")], Path("build"), jobs=2).summary()   # doctest: +SKIP
    """
    from kg.build.parallel import default_jobs

    cores = default_jobs() if jobs is None else max(1, jobs)
    workers = _Workers(cores if executor is None else 1)
    try:
        return _build(inputs, out, date=date, formats=formats, view=view, store=store, strict=strict, on_article=on_article,
                      cores=cores, executor=executor, workers=workers, incremental=incremental, progress=progress)
    finally:
        workers.shutdown()


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
) -> BuildReport:
    started = time.perf_counter()
    out = Path(out)
    report = BuildReport(out=out)
    sources, problems = find_sources(inputs)
    report.files = len(sources)
    report.errors.extend(problems)

    fp = fingerprint()
    old = Manifest.read(out) if incremental else Manifest()
    if old.fingerprint != fp:
        old = Manifest()
    new = Manifest(fingerprint=fp)

    # Which files need reading: new or changed ones. Their articles are split here to
    # learn their keys (and which are in the old shard already); the articles themselves
    # are kept only up to KEEP_TEXT characters in all, the others read again when their
    # turn comes, so a corpus of any size is never held in memory.
    todo = 0
    kept = 0
    changed_blocks: dict[str, frozenset[str]] = {}  # file -> keys of the articles its old shard holds
    changed: dict[str, tuple[SourceEntry, Path, list[Article] | None]] = {}
    for path in sources:
        name = str(path)
        try:
            data = read_bytes(path)
        except ReadError as exc:
            report.errors.append(str(exc))
            continue
        key = source_key(name, data, date=date, fingerprint=fp)
        entry = old.sources.get(name)
        if entry is not None and entry.key == key and has_shard(out, entry):
            new.sources[name] = entry
            report.articles += len(entry.articles)
            report.facts += entry.facts
            report.errors.extend(entry.errors)
            continue
        try:
            text, _ = decode(data, path)
        except ReadError as exc:
            report.errors.append(str(exc))
            continue
        del data
        articles, keys = _articles_of(text, name, date)
        entry = SourceEntry(key=key, articles=keys, ids=[a.id for a in articles])
        if not articles:
            entry.errors.append(f"{path}: no article text found")
            report.errors.extend(entry.errors)
        reused = frozenset(read_shard(out / old.sources[name].shard) if name in old.sources else ())  # (one empty set for all)
        for article, akey in zip(articles, entry.articles):
            report.articles += 1
            if on_article:
                on_article(article)
            if akey not in reused:
                todo += 1
                workers.start()
        keep = kept + len(text) <= KEEP_TEXT
        kept += len(text) if keep else 0
        changed[name] = (entry, path, articles if keep else None)
        changed_blocks[name] = reused

    def pending() -> Iterator[Article]:
        """The articles to extract, file by file, each file read again if it was not kept."""
        for name in list(changed):
            if name not in changed:
                continue  # written already: none of its articles was left to extract
            entry, path, articles = changed[name]
            if articles is None:
                try:
                    data = read_bytes(path)
                    if source_key(name, data, date=date, fingerprint=fp) != entry.key:
                        raise ReadError(f"{path}: changed while the build was reading it; build again")
                    articles, _ = _articles_of(decode(data, path)[0], name, date)
                except ReadError as exc:
                    report.errors.append(str(exc))
                    drop(name)
                    continue
            else:
                changed[name] = (entry, path, None)  # handed on: not kept any longer
            reused = changed_blocks[name]
            yield from (a for a, akey in zip(articles, entry.articles) if akey not in reused)

    out.mkdir(parents=True, exist_ok=True)
    (out / SHARDS).mkdir(exist_ok=True)
    # A file's shard is written as soon as its last article is extracted, and its results freed.
    # An article's key hashes its file's name too, so a result belongs to one file: its source.
    # Per file, how many distinct articles are still to come (a count, not their keys: a
    # hundred thousand articles' keys in sets weigh about 10 MB).
    waiting: dict[str, int] = {}
    for name, (entry, _, _) in changed.items():
        reused = changed_blocks[name]
        waiting[name] = len({akey for akey in entry.articles if akey not in reused})
    results: dict[str, ArticleResult] = {}

    def drop(name: str) -> None:
        """A file that could not be read again leaves this build (and its old shard with it)."""
        changed.pop(name)
        changed_blocks.pop(name)
        waiting.pop(name)

    def finish(name: str) -> None:
        entry, _, _ = changed.pop(name)
        reused = read_shard(out / old.sources[name].shard) if changed_blocks.pop(name) else {}
        blocks = []
        for akey in dict.fromkeys(entry.articles):  # an article printed twice in a file counts once
            if akey in reused:
                ntriples, facts = reused[akey]
            else:
                result = results[akey]
                if result.error:
                    entry.errors.append(result.error)
                    entry.counts.append(0)
                    continue
                ntriples, facts = result.ntriples, result.facts
            entry.facts += facts
            entry.counts.append(facts)
            blocks.append((akey, ntriples, facts))
        report.facts += entry.facts
        report.errors.extend(e for e in entry.errors if e not in report.errors)
        write_shard(out / entry.shard, blocks)
        new.sources[name] = entry
        for akey in entry.articles:
            results.pop(akey, None)

    for name in [n for n, left in waiting.items() if not left]:
        finish(name)
    try:
        for result in extract_articles(pending(), total=todo, jobs=cores, executor=executor or workers.pool, strict=strict, progress=progress):
            left = waiting.get(result.source, 0)
            if not left or result.key in results:
                continue  # its file left this build or is written; or an article printed twice, met again
            results[result.key] = result
            waiting[result.source] = left - 1
            if left == 1:
                finish(result.source)
    except Exception as exc:
        if strict:
            raise BuildError(f"{type(exc).__name__}: {exc}") from exc
        raise
    workers.shutdown()  # their processes hold jieba's dictionary: not kept through the outputs
    if todo:  # nor this process's extraction caches
        from kg.build.parallel import forget

        forget()
    report.extracted = todo
    for bookkeeping in (waiting, results, changed_blocks):  # per article: not needed to write the outputs
        bookkeeping.clear()

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
    wanted = [out / f"graph{_suffix(fmt)}" for fmt in formats]
    if view is None and new.graph == old.graph:  # unchanged: the view is wanted if the graph is small enough
        view = old_triples(old, out) <= VIEW_MOST_TRIPLES
    if view:
        wanted.append(out / "graph.html")
    if store:
        wanted.append(out / "store")
    if new.graph == old.graph and all(p.exists() for p in wanted):
        report.triples = old_triples(old, out)
        report.outputs.extend(wanted)
    else:
        report.outputs.extend(_write_outputs(out, new, formats, view=view, store=store, title=", ".join(str(p) for p in inputs), report=report,
                                             jobs=cores, old=old))
    new.outputs = [str(report.triples)]
    remove_stale_shards(out, new)
    new.write(out)
    report.seconds = time.perf_counter() - started
    return report


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


def old_triples(manifest: Manifest, out: Path) -> int:
    try:
        return int(manifest.outputs[0])
    except (IndexError, ValueError):
        return sum(1 for _ in set(shard_lines(out, manifest)))




def _articles_of(text: str, name: str, date: dt.date | None) -> tuple[list[Article], list[str]]:
    """The articles of a new or changed file, and their keys."""
    from kg.text.articles import split_articles
    from kg.text.layout import repair
    from kg.build.parallel import article_key

    articles = split_articles(repair(text), name, date=date)
    return articles, [article_key(a) for a in articles]


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
    from kg.rdf.export import suffix_for, write_graph

    outputs: list[Path] = []
    graph: Graph | None = None
    union = out / ".union.nt"  # graph.nt in the making
    try:
        report.triples = union_of_shards(out, manifest, union)

        def rdflib_graph() -> Graph:
            nonlocal graph
            if graph is None:
                from kg.rdf.graph import new_graph  # rdflib: only for rdflib's formats

                graph = new_graph()
                graph.parse(union, format="nt")
            return graph

        for fmt in formats:
            if suffix_for(fmt) == ".ttl":
                outputs.append(_write_turtle(union, out / "graph.ttl", jobs=jobs))
            elif suffix_for(fmt) != ".nt":
                outputs.append(write_graph(rdflib_graph(), out / f"graph{suffix_for(fmt)}", fmt))
        graph = None
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
            stored = _load_store(union, out / "store", out=out, old=old or Manifest(), new=manifest, triples=report.triples)
            if stored:
                outputs.append(stored)
        if any(suffix_for(fmt) == ".nt" for fmt in formats):
            os.replace(union, out / "graph.nt")
            outputs.insert(0, out / "graph.nt")
    finally:
        union.unlink(missing_ok=True)
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


# Unions larger than this are written as Turtle in parts, one process per part, when jobs > 1.
TURTLE_IN_PARTS = 8 * 2**20


def _write_turtle(union: Path, path: Path, *, jobs: int = 1) -> Path:
    """Turtle of sorted N-Triples, by Oxigraph: 50× faster than rdflib, the same input gives the same bytes.

    With several jobs, a large union is cut between subjects into parts written at once
    by as many processes; Oxigraph ends each subject's block with " .", so the parts,
    laid end to end without their repeated prefix lines, are the bytes one writer gives.
    """
    from kg.rdf.export import atomic_path

    size = union.stat().st_size
    cuts = _subject_cuts(union, jobs) if jobs > 1 and size > TURTLE_IN_PARTS else [0, size]
    with atomic_path(path) as tmp:
        if len(cuts) == 2:
            _turtle_part(union, 0, size, tmp)
            return path
        from concurrent.futures import ProcessPoolExecutor

        parts = [tmp.with_name(f"{tmp.name}.{i}") for i in range(len(cuts) - 1)]
        try:
            with ProcessPoolExecutor(max_workers=len(parts)) as pool:
                list(pool.map(_turtle_part, [union] * len(parts), cuts[:-1], cuts[1:], parts))
            header = _prefix_lines(parts[0])
            with open(tmp, "wb") as f:
                for i, part in enumerate(parts):
                    with open(part, "rb") as src:
                        if i and src.read(len(header)) != header:
                            raise BuildError(f"{part}: a part of the Turtle output does not start with the prefixes")
                        shutil.copyfileobj(src, f, 1 << 20)
        finally:
            for part in parts:
                part.unlink(missing_ok=True)
    return path


def _turtle_part(union: Path, start: int, end: int, target: Path) -> None:
    """Turtle of the union's bytes [start, end), which hold whole subjects."""
    import pyoxigraph as ox

    from kg.rdf.prefixes import ENTITY_BASE, PREFIXES

    # Entity IRIs stay whole: as prefixed names their slashes would need escaping (kgr:Person\/王慧杰).
    prefixes = {p: iri for p, iri in PREFIXES.items() if iri != ENTITY_BASE}
    with open(union, "rb") as f:  # streamed: a province's union does not fit in memory
        triples = ox.parse(io.BufferedReader(_ByteRange(f, start, end), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(triples, str(target), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


class _ByteRange(io.RawIOBase):
    """The bytes [start, end) of an open binary file, as a file."""

    def __init__(self, f, start: int, end: int) -> None:
        f.seek(start)
        self._f, self._left = f, end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._f.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        self._left -= len(data)
        return len(data)


def _subject_cuts(union: Path, parts: int) -> list[int]:
    """Byte offsets that cut the sorted N-Triples file `union` into about `parts` pieces, each
    starting where a subject starts (a subject's lines are together: the file is sorted)."""
    size = union.stat().st_size
    cuts = [0]
    with open(union, "rb") as f:
        for i in range(1, parts):
            f.seek(max(cuts[-1], size * i // parts))
            if f.tell():
                f.readline()  # to the start of the next line
            subject = f.readline().split(b" ", 1)[0]
            pos = f.tell()
            while (line := f.readline()) and line.split(b" ", 1)[0] == subject:
                pos = f.tell()
            if pos < size and pos > cuts[-1]:
                cuts.append(pos)
    cuts.append(size)
    return cuts


def _prefix_lines(turtle: Path) -> bytes:
    """The @prefix lines that open a Turtle file Oxigraph wrote."""
    header = b""
    with open(turtle, "rb") as f:
        for line in f:
            if not line.startswith(b"@prefix "):
                break
            header += line
    return header


def _write_view(union: Path, path: Path, *, title: str) -> Path:
    from kg.view.page import read_for_view, write_view

    write_view(read_for_view(union, grouped=True), path, title=title or "kg")  # the union is sorted
    return path


def _load_store(union: Path, store_dir: Path, *, out: Path, old: Manifest, new: Manifest, triples: int) -> Path:
    """Brings the store to the union's triples. A store holding the previous build's graph
    takes the change alone, when it is small (today's issue added to years of papers: the
    triples of the files that came and went); otherwise the store is loaded again from the
    union as a stream: `load_store` takes it in batches (a bulk load of the whole file would
    hold it all in memory) and swaps the new store in once complete."""
    import pyoxigraph as ox

    from kg.store import load_store, store_graph, update_store

    change = _store_change(union, out, old, new, triples) if old.graph and store_graph(store_dir) == old.graph else None
    if change is not None:
        added, removed = change
        parse = lambda lines: ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)  # noqa: E731
        update_store(store_dir, add=parse(added), remove=parse(removed), graph=new.graph)
        return store_dir
    load_store(ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES), store_dir, count=False,  # the union's lines are its count
               graph=new.graph)
    return store_dir


# A store takes a build's change in place of a new load while the change is at most this
# share of the graph's triples (or STORE_CHANGE_LEAST, whichever is more), and never more than
# STORE_CHANGE_MOST lines: the change is held in memory (100,000 lines, about 40 MB).
STORE_CHANGE_SHARE = 0.1
STORE_CHANGE_LEAST = 10_000
STORE_CHANGE_MOST = 100_000


def _store_change(union: Path, out: Path, old: Manifest, new: Manifest, triples: int) -> tuple[list[str], list[str]] | None:
    """The triple lines to add to and remove from a store holding `old`'s graph to make it
    hold `new`'s (the sorted, distinct lines of `union`): the lines of the shards that came,
    and those of the shards that went which no shard still states. None when the change is
    too large to be worth it, or an old shard cannot be read (a load from the union is right
    whatever happened)."""
    came = {entry.shard for entry in new.sources.values()}
    went = {entry.shard for entry in old.sources.values()}
    came, went = came - went, went - came
    limit = min(STORE_CHANGE_MOST, max(STORE_CHANGE_LEAST, int(triples * STORE_CHANGE_SHARE)))
    lines: list[set[str]] = []
    for shards in (came, went):
        found: set[str] = set()
        for shard in shards:
            try:
                found.update(shard_file_lines(out / shard))
            except OSError:
                return None
            if len(found) > limit:
                return None
        lines.append(found)
    added, gone = lines[0] - lines[1], lines[1] - lines[0]
    if len(added) + len(gone) > limit or any(line.startswith("_:") or " _:" in line for line in added | gone):
        return None  # (blank nodes: the store names them its own way)
    if gone:
        with open(union, encoding="utf-8") as f:
            for line in f:  # still stated by a shard that stays
                gone.discard(line)
    return sorted(added), sorted(gone)
