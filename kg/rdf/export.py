"""Write graphs: Turtle by default, N-Triples, TriG, JSON-LD; always atomically."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # rdflib loads in 0.06 s: only a build that writes needs it
    from rdflib import Graph

FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "ttl": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "ntriples": ("nt", ".nt"),
    "trig": ("trig", ".trig"),
    "json-ld": ("json-ld", ".jsonld"),
    "jsonld": ("json-ld", ".jsonld"),
}


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
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(sorted(set(FORMATS)))}")
    rdflib_format, _ = FORMATS[fmt]
    with atomic_path(path) as tmp:
        if rdflib_format in ("nt", "turtle", "trig"):
            # sorted, so rebuilt graphs diff cleanly; cut at "\n" only: a literal may hold U+2028, U+0085 …
            lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")))
            data = ("\n".join(l for l in lines if l) + "\n").encode("utf-8")
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

    from kg.rdf.prefixes import ENTITY_BASE, PREFIXES

    # Entity IRIs stay whole: as prefixed names their slashes would need escaping (kgr:Person\/王慧杰).
    prefixes = {p: iri for p, iri in PREFIXES.items() if iri != ENTITY_BASE}
    target = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), str(path), format=target, prefixes=prefixes)


def suffix_for(fmt: str) -> str:
    return FORMATS[fmt][1]
