"""Extraction on a Dask cluster: chunks of articles are tasks; the results come back as N-Triples lines.

The cluster's workers need `kg` installed (the same version as here); the build
itself (shards, Turtle, view, store) stays on this machine.

>>> build([Path("paper/")], Path("build"), executor=dask_executor("tcp://10.0.0.5:8786"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dask_executor(scheduler: str | None = None) -> Iterator[object]:
    """A `concurrent.futures` executor running on the Dask scheduler at `scheduler`
    (`tcp://host:8786`); without one, on a local cluster of this machine's cores."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the Dask engine needs dask[distributed]: pip install 'dask[distributed]'") from None
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(_warm_up)
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _warm_up() -> None:
    from kg.build.parallel import warm_up

    warm_up()
