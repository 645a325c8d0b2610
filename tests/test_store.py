"""The embedded store: loading a graph into a folder, swapping it in whole, opening it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.store import load_store, open_graph

FIXTURE = Path(__file__).parent / "data" / "query" / "county.ttl"
KG = "https://w3id.org/kg-news/ontology#"
PERSON = "https://w3id.org/kg-news/id/Person/"


def _labels(target) -> set[str]:
    rows = target.query("SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }")
    return {row["l"].value for row in rows}


def test_store_load_counts_triples_and_opens_read_only(tmp_path):
    n = load_store(FIXTURE, tmp_path / "store")
    assert n == len(open_graph(FIXTURE))
    target = open_graph(tmp_path / "store")
    assert target.on_disk
    assert len(target) == n
    assert _labels(target) == {"林晓东", "周若兰", "郑立群"}
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        target.store.add(ox.Quad(ox.NamedNode(PERSON + "新人"), ox.NamedNode(KG + "attended"), ox.NamedNode(PERSON + "x")))


def test_store_load_without_count_returns_none_and_loads_everything(tmp_path):
    assert load_store(FIXTURE, tmp_path / "store", count=False) is None
    assert len(open_graph(tmp_path / "store")) == len(open_graph(FIXTURE))


def test_store_replace_leaves_only_the_new_graph_and_no_temporary_folders(tmp_path):
    load_store(FIXTURE, tmp_path / "store")
    small = tmp_path / "small.nt"
    small.write_text(f'<{PERSON}王小明> <http://www.w3.org/2000/01/rdf-schema#label> "王小明"@zh .\n', encoding="utf-8")
    assert load_store(small, tmp_path / "store") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.nt", "store"]
    assert len(open_graph(tmp_path / "store")) == 1


def test_store_failed_load_keeps_the_previous_store(tmp_path):
    n = load_store(FIXTURE, tmp_path / "store")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> 这不是Turtle .\n", encoding="utf-8")
    with pytest.raises(SyntaxError):
        load_store(bad, tmp_path / "store")
    assert len(open_graph(tmp_path / "store")) == n
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "store"]


def test_store_loads_rdflib_triples_and_appends_without_replace(tmp_path):
    person = URIRef(PERSON + "李青")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert load_store([(person, label, Literal("李青", lang="zh"))], tmp_path / "store") == 1
    typed = (person, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KG + "Person"))
    assert load_store([typed], tmp_path / "store", replace=False) == 2
    assert _labels(open_graph(tmp_path / "store")) == {"李青"}


def test_store_open_graph_names_a_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.ttl"):
        open_graph(tmp_path / "nowhere.ttl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="not a store folder"):
        open_graph(tmp_path / "empty")


def test_store_loads_an_iterable_in_batches(tmp_path, monkeypatch):
    import kg.store

    monkeypatch.setattr(kg.store, "BATCH", 7)
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    triples = ((URIRef(f"{PERSON}人{i}"), label, Literal(f"人{i}", lang="zh")) for i in range(30))
    assert load_store(triples, tmp_path / "store") == 30
