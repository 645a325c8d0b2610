"""Extraction on a Dask cluster gives the graph a single process gives."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build.pipeline import build
from tests.scale_corpus import write_pages


def test_distributed_local_cluster_builds_the_same_graph(tmp_path):
    from distributed import Client, LocalCluster

    pages = write_pages(tmp_path / "paper")
    single = build([pages], tmp_path / "single", view=False, store=False, jobs=1)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        report = build([pages], tmp_path / "dask", view=False, store=False, executor=client.get_executor(pure=False))
        assert sum(client.run(lambda: 1).values()) == 2  # two workers took part in the cluster
    assert report.triples == single.triples and report.facts == single.facts
    g1, g2 = Graph(), Graph()
    g1.parse(tmp_path / "single" / "graph.ttl")
    g2.parse(tmp_path / "dask" / "graph.ttl")
    assert isomorphic(g1, g2)
    assert (tmp_path / "single" / "graph.ttl").read_bytes() == (tmp_path / "dask" / "graph.ttl").read_bytes()
