"""A focused page read from a store: the same page as from the whole graph, from a part of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.view.neighbourhood import read_neighbourhood, read_store
from kg.view.page import page_data, read_entities, read_for_view

BUILT = dt.datetime(2026, 1, 1, 8, 0)


@pytest.fixture(scope="module")
def seeds_built(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build.pipeline import build

    out = tmp_path_factory.mktemp("seeds-store")
    build([seeds_dir], out, formats=("nt",), view=False, store=True)
    return out


def names(out: Path) -> list[str]:
    return sorted({e.label for e in read_entities(read_for_view(out / "graph.nt")).values()})


def test_neighbourhood_page_is_the_whole_graph_s_page(seeds_built):
    """Every sixth name of the seeds' graph (people, meetings, places, positions, amounts),
    at 0, 1 and 2 hops, with and without a cut: the page read from the store is the page
    read from the whole graph, totals included."""
    whole = read_for_view(seeds_built / "graph.nt")
    checked = 0
    for name in names(seeds_built)[::6]:
        for hops in (0, 1, 2):
            for max_nodes in (None, 3):
                options = {"title": "t", "built": BUILT, "focus": name, "hops": hops, "max_nodes": max_nodes}
                part = read_neighbourhood(seeds_built / "store", name, hops=hops, max_nodes=max_nodes)
                assert page_data(part, **options) == page_data(whole, **options), (name, hops, max_nodes)
                checked += 1
    assert checked >= 150


def test_neighbourhood_reads_a_part_of_the_graph(seeds_built):
    whole = read_for_view(seeds_built / "graph.nt")
    part = read_neighbourhood(seeds_built / "store", "王慧杰", hops=1)
    assert 0 < len(part) < len(whole) / 3
    data, stats = page_data(part, title="t", built=BUILT, focus="王慧杰", hops=1, max_nodes=None)
    assert stats.total_nodes == len(read_entities(whole)) > stats.nodes > 1
    assert any(edge[3] for edge in data["edges"])  # with their sentences


def test_neighbourhood_whole_store_is_the_whole_graph_s_page(seeds_built):
    options = {"title": "t", "built": BUILT, "focus": None, "hops": 1, "max_nodes": 5}
    assert page_data(read_store(seeds_built / "store"), **options) == page_data(read_for_view(seeds_built / "graph.nt"), **options)


def test_neighbourhood_unknown_name_is_the_view_s_error(seeds_built):
    with pytest.raises(ValueError) as from_store:
        read_neighbourhood(seeds_built / "store", "王慧", hops=1)
    with pytest.raises(ValueError) as from_file:
        page_data(read_for_view(seeds_built / "graph.nt"), title="t", built=BUILT, focus="王慧", hops=1, max_nodes=None)
    assert str(from_store.value) == str(from_file.value)
    assert "王慧杰" in str(from_store.value)  # a near name


def test_neighbourhood_cli_draws_from_a_store(seeds_built, tmp_path):
    out = tmp_path / "wang.html"
    result = CliRunner().invoke(main, ["view", str(seeds_built / "store"), "--out", str(out), "--focus", "王慧杰", "--hops", "2"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "王慧杰" in result.output
    plain = tmp_path / "plain"
    plain.mkdir()
    refused = CliRunner().invoke(main, ["view", str(plain), "--out", str(out)])
    assert refused.exit_code != 0 and f"{plain}: not a store folder" in refused.output
    unknown = CliRunner().invoke(main, ["view", str(seeds_built / "store"), "--out", str(out), "--focus", "不存在的人"])
    assert unknown.exit_code != 0 and "不存在的人" in unknown.output and "Traceback" not in unknown.output
