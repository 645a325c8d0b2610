"""How long `kg explain` takes on a store of a million triples, against reading the Turtle file.

Generates the graph of `query_bench.generate`, loads it into a store, and times
`explain(store, NAME)` for a few of its people and meetings (median of `--runs`), then
the whole `explain(graph.ttl, NAME)` once (which loads the file into Oxigraph first).

    .venv/bin/python benchmarks/explain_bench.py                 # 1M triples
    .venv/bin/python benchmarks/explain_bench.py --triples 100000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_bench import generate  # noqa: E402

from kg.inspect.explain import explain  # noqa: E402
from kg.store import load_store  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-explain-bench-") as tmp:
        text, params = generate(args.triples)
        nt = Path(tmp) / "graph.nt"
        nt.write_text(text, encoding="utf-8")
        count = load_store(nt, Path(tmp) / "store")
        names = [v for k, v in sorted(params.items()) if k in ("person-timeline", "contacts", "attendance", "positions")]
        names = [v.get("name") or v.get("event") for v in names if isinstance(v, dict)] or []
        print(f"{count:,} triples; names: {', '.join(names)}")
        for name in names:
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                explain(Path(tmp) / "store", name)
                times.append(time.perf_counter() - t0)
            print(f"  store  {name}: median {statistics.median(times) * 1000:.0f} ms (of {args.runs})")
        t0 = time.perf_counter()
        explain(nt, names[0])
        print(f"  file   {names[0]}: {time.perf_counter() - t0:.1f} s (the file loaded into Oxigraph first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
