"""Write graphs: Turtle by default, N-Triples, TriG, JSON-LD; always atomically.

`FORMATS` names the formats a graph is written in (what `kg build --format` offers);
`write_graph` writes an rdflib Graph in any of them, `write_turtle` a build's sorted
N-Triples as Turtle, in parts written at once when the graph is large.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kg.formats import GRAPH_FORMATS

if TYPE_CHECKING:  # rdflib loads in 0.06 s: only a build that writes needs it
    from rdflib import Graph

FORMATS = GRAPH_FORMATS
# How each format is written: (rdflib's name, file suffix); a test keeps it to FORMATS.
WRITERS = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "trig": ("trig", ".trig"),
    "json-ld": ("json-ld", ".jsonld"),
}
# Other names `write_graph` takes for them.
ALIASES = {"ttl": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


class ExportError(Exception):
    pass


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` that replaces it only when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, file_mode())  # mkstemp's files are private; an output is not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_mode() -> int:
    """The mode of a file created here: 0666 less the process's umask, as `open()` gives."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode of a folder created here: 0777 less the process's umask, as `mkdir()` gives."""
    return 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_graph(graph: Graph, path: Path, fmt: str = "turtle") -> Path:
    """Serialise `graph` to `path` in `fmt`; a crash leaves any previous file intact."""
    rdflib_format, _ = WRITERS[_format_name(fmt)]
    with atomic_path(path) as tmp:
        if rdflib_format in ("nt", "turtle", "trig"):
            # sorted, so rebuilt graphs diff cleanly; cut at "\n" only: a literal may hold U+2028, U+0085 …
            lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")))
            data = ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
            if rdflib_format == "nt":
                tmp.write_bytes(data)
            else:
                _write_oxigraph(data, tmp, rdflib_format)
        else:
            tmp.write_bytes(graph.serialize(format="json-ld", encoding="utf-8", ensure_ascii=False))
    return Path(path)


def _write_oxigraph(ntriples: bytes, path: Path, fmt: str) -> None:
    """Turtle or TriG (the default graph) of N-Triples, by Oxigraph.

    Oxigraph keeps every literal as written (rdflib's Turtle writer turns the decimal
    "420000000" into 420000000.0, which reads back as another literal) and is much faster.
    """
    import pyoxigraph as ox

    target = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), str(path), format=target, prefixes=_turtle_prefixes())


def _turtle_prefixes() -> dict[str, str]:
    from kg.rdf.prefixes import ENTITY_BASE, PREFIXES

    # Entity IRIs stay whole: as prefixed names their slashes would need escaping (kgr:Person\/王慧杰).
    return {p: iri for p, iri in PREFIXES.items() if iri != ENTITY_BASE}


def suffix_for(fmt: str) -> str:
    """The file suffix of a format: `suffix_for("json-ld")` → ".jsonld"."""
    return WRITERS[_format_name(fmt)][1]


def _format_name(fmt: str) -> str:
    name = ALIASES.get(fmt, fmt)
    if name not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(sorted([*WRITERS, *ALIASES]))}")
    return name


# Unions larger than this are written as Turtle in parts, one process per part, when jobs > 1.
TURTLE_IN_PARTS = 8 * 2**20


def write_turtle(union: Path, path: Path, *, jobs: int = 1) -> Path:
    """Turtle of sorted N-Triples, by Oxigraph: 50× faster than rdflib, the same input gives the same bytes.

    With several jobs, a large union is cut between subjects into parts written at once
    by as many processes; Oxigraph ends each subject's block with " .", so the parts,
    laid end to end without their repeated prefix lines, are the bytes one writer gives.
    """
    size = union.stat().st_size
    cuts = subject_cuts(union, jobs) if jobs > 1 and size > TURTLE_IN_PARTS else [0, size]
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
                            raise ExportError(f"{part}: a part of the Turtle output does not start with the prefixes")
                        shutil.copyfileobj(src, f, 1 << 20)
        finally:
            for part in parts:
                part.unlink(missing_ok=True)
    return path


def _turtle_part(union: Path, start: int, end: int, target: Path) -> None:
    """Turtle of the union's bytes [start, end), which hold whole subjects."""
    import pyoxigraph as ox

    prefixes = _turtle_prefixes()
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


def subject_cuts(union: Path, parts: int) -> list[int]:
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
