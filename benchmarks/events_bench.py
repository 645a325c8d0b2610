"""Events of the generated corpus: how many people the largest event holds, and how long
`co-attendance` and `attendance` take on the store of its build.

Builds `benchmarks/corpus.py`'s corpus (3,000 articles by default) into a temporary folder,
or measures an existing build's store, and prints the three largest events and the
queries' times (median of 3 runs, through `kg.query.execute`).

    .venv/bin/python benchmarks/events_bench.py                 # build 3,000 articles, then measure
    .venv/bin/python benchmarks/events_bench.py --store build/store
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from kg.query import execute, run_query  # noqa: E402
from kg.store import open_graph  # noqa: E402

LARGEST = """SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?p) AS ?people) (COUNT(DISTINCT ?d) AS ?dates) WHERE {
  ?p kg:attended ?e . ?e rdfs:label ?l . OPTIONAL { ?e kg:date ?d } } GROUP BY ?e ORDER BY DESC(?people) LIMIT 3"""


def timed(store, query: str, params=None, runs: int = 3) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(execute(store, query, params))
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def measure(store_dir: Path) -> None:
    store = open_graph(store_dir)
    largest = run_query(store, LARGEST)
    for row in largest:
        print(f"event {row['label']}: {row['people']} people, {row['dates']} dates")
    print("events:", run_query(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event }")[0]["n"])
    for name in ("co-attendance", "attendance"):
        seconds, rows = timed(store, name)
        print(f"{name}: {rows} rows, {seconds * 1000:.0f} ms")
    seconds, rows = timed(store, "attendance", {"event": largest[0]["label"]})
    print(f"attendance --param event={largest[0]['label']}: {rows} rows, {seconds * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="measure this build's store instead of building the corpus")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.store:
        measure(args.store)
        return
    from kg.build.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "corpus", args.articles)
        build([Path(tmp) / "corpus"], Path(tmp) / "out", jobs=args.jobs, view=False)
        measure(Path(tmp) / "out" / "store")


if __name__ == "__main__":
    main()
