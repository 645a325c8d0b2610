"""Push a graph into a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph server, Fuseki, …).

The graph goes in batches of N-Triples, each POSTed (which adds to the target
graph) to `URL?default` or `URL?graph=IRI`. A failed batch is retried a bounded
number of times with growing waits. Loading the same graph twice changes nothing:
a graph is a set of triples.

>>> load_graph(Path("build/graph.ttl"), "http://localhost:7878/store")   # doctest: +SKIP
LoadReport(triples=1484, batches=1, retries=0, seconds=0.1)
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.store import is_store, rdf_format


class LoadError(Exception):
    """The endpoint refused the graph or could not be reached; str() says which and what to do."""


@dataclass
class LoadReport:
    triples: int = 0
    batches: int = 0
    retries: int = 0
    seconds: float = 0.0

    def summary(self, endpoint: str) -> str:
        return f"{self.triples} triples in {self.batches} batches ({self.retries} retries) in {self.seconds:.1f} s → {endpoint}"


def graph_triples(path: Path) -> Iterator[ox.Triple]:
    """The triples of a graph file (any RDF format by extension) or of a store folder."""
    path = Path(path)
    if path.is_dir():
        if not is_store(path):
            raise FileNotFoundError(f"{path}: not a store folder; give graph.ttl, graph.nt or the store/ folder")
        store = ox.Store.read_only(str(path))
        for quad in store.quads_for_pattern(None, None, None, None):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)
        return
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such graph file; build one with kg build … --out DIR")
    for item in ox.parse(path=str(path), format=rdf_format(path)):
        yield ox.Triple(item.subject, item.predicate, item.object) if isinstance(item, ox.Quad) else item


def batches(triples: Iterable[ox.Triple], size: int) -> Iterator[tuple[int, bytes]]:
    """N-Triples documents of at most `size` triples each, with their triple counts."""
    it = iter(triples)
    while chunk := list(itertools.islice(it, size)):
        yield len(chunk), ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)


def load_graph(
    path: Path,
    endpoint: str,
    *,
    graph: str | None = None,
    batch_size: int = 10_000,
    retries: int = 4,
    backoff: float = 0.5,
    timeout: float = 60.0,
    client=None,
) -> LoadReport:
    """POST the graph at `path` to the Graph Store endpoint `endpoint`, into the named graph
    `graph` (an IRI) or the default graph; returns what was sent."""
    import httpx

    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.perf_counter()
    report = LoadReport()
    params = {"graph": graph} if graph else {"default": ""}
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        for count, body in batches(graph_triples(path), batch_size):
            report.retries += _post(client, endpoint, params, body, retries=retries, backoff=backoff)
            report.batches += 1
            report.triples += count
    finally:
        if own:
            client.close()
    report.seconds = time.perf_counter() - started
    return report


def _post(client, endpoint: str, params: dict, body: bytes, *, retries: int, backoff: float) -> int:
    """Sends one batch; returns how many retries it took. Client errors (4xx) are not retried."""
    import httpx

    for attempt in range(retries + 1):
        try:
            response = client.post(endpoint, params=params, content=body, headers={"Content-Type": "application/n-triples"})
        except httpx.TransportError as exc:
            problem = f"cannot reach {endpoint}: {exc}"
        else:
            if response.status_code < 300:
                return attempt
            problem = f"{endpoint} answered {response.status_code}: {response.text[:200].strip()}"
            if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                raise LoadError(f"{problem} (is it a Graph Store Protocol endpoint, such as http://host:7878/store?)")
        if attempt < retries:
            time.sleep(backoff * 2**attempt)
    raise LoadError(f"{problem} (gave up after {retries + 1} attempts; is the server running?)")
