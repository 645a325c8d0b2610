"""The embedded store: a built graph on disk in Oxigraph, ready for SPARQL.

`load_store` turns `graph.ttl` into a store folder; `update_store` adds and
removes triples of one; `sync_store` brings one to a rebuilt graph (by its change
when that is small); `open_graph` opens a Turtle file or a store folder for
querying. A store folder is replaced whole: the new store is built beside it (an
update, on a copy made with hard links) and swapped in, so an interrupted load
never leaves a half-written store where a good one was.

>>> n = load_store(Path("build/graph.ttl"), Path("build/store"))   # doctest: +SKIP
>>> target = open_graph(Path("build/store"))                        # doctest: +SKIP
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.rdf.prefixes import PREFIXES

# File extensions Oxigraph reads, by format.
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

# Triples per bulk load when loading from an iterable: one bulk load holds its input in memory.
BATCH = 10_000

# A file in a store folder naming the graph the store holds (the build's digest of it), so
# that a build can tell whether the store is the one its changes apply to.
GRAPH_FILE = "kg-graph"


@dataclass
class QueryTarget:
    """A graph open for SPARQL: an Oxigraph store, in memory (from a file) or on disk."""

    store: ox.Store
    path: Path
    on_disk: bool

    def query(self, sparql: str, **kwargs: Any) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Runs a query; the project's prefixes are known even when the query omits them."""
        kwargs.setdefault("prefixes", PREFIXES)
        return self.store.query(sparql, **kwargs)

    def __len__(self) -> int:
        return len(self.store)


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension; an error lists the known ones."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise ValueError(f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}") from None


def _to_ox(term: Any) -> Any:
    """An rdflib term (or an Oxigraph one) as an Oxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: not an RDF term")


def _quads(triples: Iterable[Any]) -> Iterable[ox.Quad]:
    for t in triples:
        if isinstance(t, ox.Quad):
            yield t
        elif isinstance(t, ox.Triple):
            yield ox.Quad(t.subject, t.predicate, t.object)
        else:
            s, p, o = t
            yield ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o))


def _fill(store: ox.Store, source: Path | Iterable[Any]) -> None:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such graph file")
        store.bulk_load(path=str(path), format=rdf_format(path))
    else:
        quads = _quads(source)
        while batch := list(itertools.islice(quads, BATCH)):  # bounds the loader's memory
            store.bulk_extend(batch)
    store.flush()


def load_store(source: Path | Iterable[Any], store_dir: Path, *, replace: bool = True, count: bool = True,
               graph: str | None = None) -> int | None:
    """Loads a graph file (Turtle, N-Triples, …) or an iterable of triples into the store at
    `store_dir`; returns the number of triples the store then holds, or None without `count`
    (counting reads the whole store once more: on a million triples, 26 MB more memory at
    the end of the load; a caller that knows the number skips it).

    With `replace` (the default) the store is built in a sibling temporary folder and swapped
    in only once complete; without it, the triples are added to the store already there.
    Triples may be rdflib `(s, p, o)` tuples or Oxigraph `Triple`/`Quad`s. `graph` names what
    the store then holds (see `store_graph`).
    """
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    if not replace:
        store = ox.Store(str(store_dir))
        _fill(store, source)
        n = len(store) if count else None
        del store
        gc.collect()
        return n

    with _replacing(store_dir, graph) as tmp:
        store = ox.Store(str(tmp))
        _fill(store, source)
        n = len(store) if count else None
        del store  # closes the database before the folder moves
    return n


def update_store(store_dir: Path, *, add: Iterable[Any] = (), remove: Iterable[Any] = (), graph: str | None = None) -> None:
    """Removes the triples `remove` from the store at `store_dir` and adds `add`, on a copy of
    it (RocksDB's checkpoint: hard links to its immutable files, so a moment and little disk)
    swapped in once complete: a reader or an interruption sees the old store or the new one.
    `graph` names what the store then holds."""
    store_dir = Path(store_dir)
    with _replacing(store_dir, graph) as tmp:
        os.rmdir(tmp)  # the checkpoint makes the folder
        store = ox.Store.read_only(str(store_dir))  # (read-only: a server may hold the store's lock)
        store.backup(str(tmp))
        del store
        gc.collect()
        (tmp / GRAPH_FILE).unlink(missing_ok=True)  # (the copy holds the old name until it holds the new graph)
        store = ox.Store(str(tmp))
        for quad in _quads(remove):
            store.remove(quad)
        quads = _quads(add)
        # extend, not _fill's bulk_extend: with bulk_extend, the triples added to the copy
        # were missing after the swap while another handle held the original store open
        # (test_incremental_store_updated_while_a_server_holds_it); the cause is not known
        while batch := list(itertools.islice(quads, BATCH)):
            store.extend(batch)
        store.flush()
        del store  # closes the database before the folder moves


# A store takes a build's change in place of a new load while the change is at most this
# share of the graph's triples (or CHANGE_LEAST, whichever is more), and never more than
# CHANGE_MOST lines: the change is held in memory (100,000 lines, about 40 MB).
CHANGE_SHARE = 0.1
CHANGE_LEAST = 10_000
CHANGE_MOST = 100_000


def sync_store(store_dir: Path, ntriples: Path, *, graph: str, previous: str | None, triples: int,
               came: Iterable[Iterable[str]] = (), went: Iterable[Iterable[str]] = ()) -> Path:
    """Brings the store at `store_dir` to the triples of `ntriples` (sorted, distinct N-Triples
    lines, `triples` of them) and names it `graph`.

    A store holding the graph `previous` takes the change alone, when it is small (today's
    issue added to years of papers): `came` and `went` are the triple lines of the parts that
    graph gained and lost (a build's shards), each read when needed. Otherwise the store is
    loaded again from `ntriples` as a stream: `load_store` takes it in batches (a bulk load of
    the whole file would hold it all in memory) and swaps the new store in once complete."""
    change = change_set(ntriples, came, went, triples=triples) if previous and store_graph(store_dir) == previous else None
    if change is not None:
        added, removed = change
        parse = lambda lines: ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)  # noqa: E731
        update_store(store_dir, add=parse(added), remove=parse(removed), graph=graph)
        return store_dir
    load_store(ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES), store_dir, count=False,  # the lines are the count
               graph=graph)
    return store_dir


def change_set(ntriples: Path, came: Iterable[Iterable[str]], went: Iterable[Iterable[str]], *,
               triples: int) -> tuple[list[str], list[str]] | None:
    """The triple lines to add to and remove from a store to make it hold the graph of
    `ntriples` (sorted, distinct lines, `triples` of them): the lines of the parts that came,
    and those of the parts that went which `ntriples` no longer states. None when the change
    is too large to be worth it, or a part cannot be read (a load from `ntriples` is right
    whatever happened)."""
    limit = min(CHANGE_MOST, max(CHANGE_LEAST, int(triples * CHANGE_SHARE)))
    lines: list[set[str]] = []
    for parts in (came, went):
        found: set[str] = set()
        for part in parts:
            try:
                found.update(part)
            except OSError:
                return None
            if len(found) > limit:
                return None
        lines.append(found)
    added, gone = lines[0] - lines[1], lines[1] - lines[0]
    if len(added) + len(gone) > limit or any(line.startswith("_:") or " _:" in line for line in added | gone):
        return None  # (blank nodes: the store names them its own way)
    if gone:
        with open(ntriples, encoding="utf-8") as f:
            for line in f:  # still stated by a part that stays
                gone.discard(line)
    return sorted(added), sorted(gone)


@contextmanager
def _replacing(store_dir: Path, graph: str | None) -> Iterator[Path]:
    """A sibling temporary folder for a new store that, once the block succeeds (and has
    dropped its store), is named `graph` and swapped in at `store_dir`; on failure it is removed."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.new-", dir=store_dir.parent))
    try:
        yield tmp
        gc.collect()  # closes the database the block dropped
        _name_graph(tmp, graph)
        _swap(tmp, store_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def store_graph(store_dir: Path) -> str | None:
    """The name of the graph the store at `store_dir` holds, as given when it was loaded or
    updated; None for a store loaded without one, or no store."""
    try:
        return (Path(store_dir) / GRAPH_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _name_graph(store_dir: Path, graph: str | None) -> None:
    if graph:
        (Path(store_dir) / GRAPH_FILE).write_text(graph + "\n", encoding="utf-8")


def _swap(new: Path, target: Path) -> None:
    """Puts the folder `new` at `target`, removing what was there only after the move. The
    folder gets the mode of one the user makes (mkdtemp's are private)."""
    from kg.rdf.export import folder_mode

    os.chmod(new, folder_mode())
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)  # put the good store back
        raise
    shutil.rmtree(old, ignore_errors=True)


def is_store(path: Path) -> bool:
    """True when `path` is a folder holding an Oxigraph store."""
    return Path(path).is_dir() and any(Path(path).glob("CURRENT"))


def require_store(path: Path) -> None:
    """Raises FileNotFoundError, saying so in one line, unless the folder `path` holds a store."""
    if not is_store(path):
        raise FileNotFoundError(f"{path}: not a store folder (no Oxigraph database in it); give graph.ttl or the store/ folder")


def open_graph(path: Path | str) -> QueryTarget:
    """Opens a graph for querying: a store folder read-only, or an RDF file loaded in memory.

    >>> open_graph("build/graph.ttl").query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
    """
    from kg.build.incremental import unfinished

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such graph; give a built graph.ttl or store folder (kg build … --out DIR)")
    if why := unfinished(path):
        raise ValueError(why)
    if path.is_dir():
        require_store(path)
        return QueryTarget(ox.Store.read_only(str(path)), path, on_disk=True)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format(path))
    except SyntaxError as e:
        raise ValueError(f"{path}: not valid RDF: {e}") from None
    return QueryTarget(store, path, on_disk=False)
