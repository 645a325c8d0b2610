"""Incremental builds: one N-Triples shard per source file, and a manifest saying which is which.

An output folder holds `manifest.json` and `shards/<key>.nt`, where the key hashes
the file's path and bytes, the issue date given and the code that extracts (the
*fingerprint*). Rebuilding reuses every shard whose key is unchanged, extracts
only new or changed files (and, within a changed file, only the articles not seen
before), and deletes the shards of files no longer given. The graph is the union
of the shards.

A shard is plain N-Triples, in blocks of sorted lines, one block per article, each
after a comment line `# article <article key> <facts>`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"
SHARDS = "shards"
VERSION = 2  # 2: articles' content ids and fact counts, to count a reprinted article once

# What turns text into triples: these stages and the generic knowledge under data/.
# Anything else (the build's orchestration, exports, the store, the view, queries, commands)
# changes how the graph is written or read, never what an article contributes to it.
_EXTRACTION = ("text", "nlp", "extract", "rdf/iris.py", "rdf/ontology.py", "rdf/namespace.py", "rdf/prefixes.py", "rdf/graph.py",
               "types.py", "resolve.py", "data")
_DATA_SUFFIXES = (".py", ".txt", ".tsv", ".json", ".csv")


def fingerprint(extractors: Sequence[str] | None = None) -> str:
    """A hash of the code and data that turn text into triples, and of the extractors chosen
    (None: all of them): any change invalidates every shard.

    Computed afresh at every build (a few milliseconds): a cached one could miss an edit.
    """
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1(b"jieba\0" + _jieba_code() + b"\0")
    if extractors is not None:
        h.update(b"extractors\0" + ",".join(extractors).encode() + b"\0")
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix not in _DATA_SUFFIXES:
            continue
        if not any(rel.as_posix() == part or rel.as_posix().startswith(part + "/") for part in _EXTRACTION):
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _jieba_code() -> bytes:
    """jieba's `__init__.py` (its version and segmenter), read without importing jieba (a tenth of a second)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return b"no jieba"
    return Path(spec.origin).read_bytes()


def source_key(path: Path | str, data: bytes, *, date: object, fingerprint: str) -> str:
    """The shard key of a source file: its path and bytes, the issue date given, the extraction code."""
    h = hashlib.sha1(f"{fingerprint}\0{path}\0{date or ''}\0".encode())
    h.update(data)
    return h.hexdigest()[:20]


@dataclass
class SourceEntry:
    key: str
    articles: list[str] = field(default_factory=list)  # article keys, in file order
    facts: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the file was read despite these (bad bytes)
    ids: list[str] = field(default_factory=list)  # the articles' content ids (kg.types.article_id), in file order
    counts: list[int] = field(default_factory=list)  # facts of each distinct article key, in file order

    @property
    def shard(self) -> str:
        return f"{SHARDS}/{self.key}.nt"


@dataclass
class Manifest:
    fingerprint: str = ""
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    graph: str = ""  # digest of the shards the outputs were last written from
    outputs: list[str] = field(default_factory=list)
    # Output file name -> its stamp (inode, size, mtime) when the build that wrote it finished:
    # a file replaced by a build that did not finish no longer matches (see `unfinished`).
    files: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest of `out`, or an empty one when there is none (or it cannot be read)."""
        try:
            data = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                return cls()
            sources = {path: SourceEntry(**entry) for path, entry in data["sources"].items()}
            return cls(data["fingerprint"], sources, data.get("graph", ""), data.get("outputs", []), data.get("files", {}))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, out: Path) -> Path:
        """Writes `out/manifest.json`, unless it already holds exactly this (an unchanged rebuild touches nothing).

        The file is written and compared a source at a time, one per line: a hundred thousand
        articles' keys never sit in memory as one text (a single `json.dumps` took 8 MB more)."""
        path = Path(out) / MANIFEST
        if _same_bytes(path, self._chunks()):
            return path
        from kg.rdf.export import atomic_path

        with atomic_path(path) as tmp, open(tmp, "wb") as f:
            for chunk in self._chunks():
                f.write(chunk)
        return path

    def _chunks(self) -> Iterator[bytes]:
        head = {"version": VERSION, "fingerprint": self.fingerprint, "graph": self.graph, "outputs": self.outputs}
        if self.files:
            head["files"] = dict(sorted(self.files.items()))
        yield json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "sources": {'
        for i, (path, e) in enumerate(sorted(self.sources.items())):
            entry = {"key": e.key, "articles": e.articles, "facts": e.facts, "errors": e.errors, "ids": e.ids, "counts": e.counts}
            if e.warnings:
                entry["warnings"] = e.warnings
            yield f"{',' if i else ''}\n {json.dumps(path, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}".encode()
        yield b"\n}}\n"

    def digest(self) -> str:
        """Identifies the graph: the same shards give the same digest."""
        keys = sorted(entry.key for entry in self.sources.values())
        return hashlib.sha1("\n".join(keys).encode()).hexdigest()[:20]


Block = tuple[str, str, int]  # article key, its N-Triples lines (one text), facts


def _same_bytes(path: Path, chunks: Iterable[bytes]) -> bool:
    """True when the file at `path` holds exactly the bytes of `chunks`, compared as they come."""
    try:
        with open(path, "rb") as f:
            for chunk in chunks:
                if f.read(len(chunk)) != chunk:
                    return False
            return f.read(1) == b""
    except OSError:
        return False


def write_shard(path: Path, blocks: Iterable[Block]) -> Path:
    from kg.rdf.export import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for key, ntriples, facts in blocks:
            f.write(f"# article {key} {facts}\n")
            f.write(ntriples)
    return path


def read_shard(path: Path) -> dict[str, tuple[str, int]]:
    """The blocks (N-Triples text, facts) of a shard by article key; an unreadable shard reads as empty (its file is re-extracted)."""
    blocks: dict[str, tuple[str, int]] = {}
    key, facts, lines = None, 0, []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# article "):
                    if key is not None:
                        blocks[key] = ("".join(lines), facts)
                    _, _, key, n = line.split()
                    facts, lines = int(n), []
                elif line.strip():
                    lines.append(line)
    except (OSError, ValueError):
        return {}
    if key is not None:
        blocks[key] = ("".join(lines), facts)
    return blocks


def shard_lines(out: Path, manifest: Manifest) -> Iterator[str]:
    """Every triple line of every shard the manifest names (with repeats across shards)."""
    for entry in manifest.sources.values():
        yield from shard_file_lines(Path(out) / entry.shard)


def shard_file_lines(path: Path) -> Iterator[str]:
    """The triple lines of one shard (its article comments and blank lines left out)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line


def remove_stale_shards(out: Path, manifest: Manifest) -> int:
    """Deletes shards the manifest no longer names; returns how many."""
    keep = {Path(entry.shard).name for entry in manifest.sources.values()}
    removed = 0
    folder = Path(out) / SHARDS
    for path in folder.glob("*.nt") if folder.is_dir() else ():
        if path.name not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    for path in folder.glob(".*.tmp") if folder.is_dir() else ():
        path.unlink(missing_ok=True)  # left by an interrupted build
    return removed


def stamp(path: Path) -> list[int]:
    """What tells one file from its replacement: inode, size, modification time."""
    st = os.stat(path)
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def unfinished(path: Path) -> str:
    """One line when `path` (an output file or the store of a build folder) was written by a
    build into its folder that did not finish, so that a reader never takes one build's
    graph for the folder's while another output holds the last finished build's; else "".

    A build replaces its outputs one by one and names them in the manifest last: a file
    the manifest does not know, or a store holding another graph, is from a build cut short.
    """
    path = Path(path)
    folder = path.parent
    if not (folder / MANIFEST).is_file():
        return ""
    manifest = Manifest.read(folder)
    if not manifest.files:
        return ""  # a folder built before outputs were stamped, or not by kg
    why = (f"{path}: not what the last finished build into {folder} wrote (a build that did not finish, "
           f"or a file replaced by hand); build again (kg build … --out {folder})")
    if path.is_dir():
        try:  # the name kg.store.GRAPH_FILE, read here without loading Oxigraph (an unchanged rebuild loads none)
            held = (path / "kg-graph").read_text(encoding="utf-8").strip()
        except OSError:
            return ""
        return why if held and held != manifest.graph else ""
    known = manifest.files.get(path.name)
    try:
        return why if known is not None and stamp(path) != known else ""
    except OSError:
        return ""


def has_shard(out: Path, entry: SourceEntry) -> bool:
    return os.path.isfile(Path(out) / entry.shard)


def count_facts(manifest: Manifest) -> tuple[int, int, list[str]]:
    """Facts and articles of the build, an article printed more than once (the same text in two
    files, or twice in one) counted once; and where each reprint was found (`b.txt#3 = a.txt#0`)."""
    first: dict[str, str] = {}
    facts = 0
    reprints = []
    for name, entry in sorted(manifest.sources.items()):
        counts = dict(zip(dict.fromkeys(entry.articles), entry.counts))
        for i, (key, aid) in enumerate(zip(entry.articles, entry.ids)):
            if aid in first:
                reprints.append(f"{name}#{i} = {first[aid]}")
                continue
            first[aid] = f"{name}#{i}"
            facts += counts.get(key, 0)
    return facts, len(first), reprints
