"""Write graphs: Turtle by default, N-Triples, TriG, JSON-LD; always atomically."""

from __future__ import annotations

import os
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph

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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_graph(graph: Graph, path: Path, fmt: str = "turtle") -> Path:
    """Serialise `graph` to `path` in `fmt`; a crash leaves any previous file intact."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(sorted(set(FORMATS)))}")
    rdflib_format, _ = FORMATS[fmt]
    with atomic_path(path) as tmp:
        if rdflib_format == "nt":
            # sorted, so rebuilt graphs diff cleanly
            lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
            tmp.write_text("\n".join(l for l in lines if l) + "\n", encoding="utf-8")
        elif rdflib_format == "trig":
            with warnings.catch_warnings():  # rdflib's TriG writer calls its own deprecated API
                warnings.simplefilter("ignore", DeprecationWarning)
                tmp.write_bytes(_default_graph_dataset(graph).serialize(format="trig", encoding="utf-8"))
        elif rdflib_format == "json-ld":
            tmp.write_bytes(graph.serialize(format="json-ld", encoding="utf-8", ensure_ascii=False))
        else:
            tmp.write_bytes(graph.serialize(format=rdflib_format, encoding="utf-8"))
    return Path(path)


def _default_graph_dataset(graph: Graph) -> Dataset:
    """The triples of `graph` as a dataset's default graph.

    Serialised directly, a plain graph becomes a TriG graph named by a fresh blank node,
    which a reader loads as a named graph that changes on every build.
    """
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True)
    for triple in graph:
        dataset.add(triple)
    return dataset


def suffix_for(fmt: str) -> str:
    return FORMATS[fmt][1]
