"""What the reliability tests share: `kg` run as a user runs it, and small pages of the genre."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.prefixes import PREFIXES

ROOT = Path(__file__).resolve().parents[2]


def page(person: str, place: str = "白石镇") -> str:
    """One short article: a district head named `person` presides over a meeting in `place`."""
    return (
        f"{place}召开乡村振兴推进会\n"
        f"本报讯（记者 林小鹿）3月13日，区长{person}主持召开{place}乡村振兴推进会。\n"
    )


def kg(*args: str | Path, timeout: float = 300, **options) -> subprocess.CompletedProcess:
    """`kg ARGS…` in a process of its own, as a shell runs it; output captured as text."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **options.pop("env", {})}
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, **options)


def start_kg(*args: str | Path, **options) -> subprocess.Popen:
    """`kg ARGS…` started in the background (its own process group, so it can be killed whole)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **options.pop("env", {})}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True, **options)


PEOPLE = "SELECT ?l WHERE { ?x a kg:Person ; rdfs:label ?l }"


def people(graph: Path) -> set[str]:
    """The labels of the people in a graph file or store folder, read by Oxigraph."""
    graph = Path(graph)
    if graph.is_dir():
        store = ox.Store.read_only(str(graph))
    else:
        store = ox.Store()
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE if graph.suffix == ".ttl" else ox.RdfFormat.N_TRIPLES)
    return {row["l"].value for row in store.query(PEOPLE, prefixes=PREFIXES)}


def one_line_each(stderr: str) -> list[str]:
    """The lines of a command's error output; none of them a traceback."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.strip()]
