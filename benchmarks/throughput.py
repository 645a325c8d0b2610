"""Build throughput and memory on a generated corpus of the genre.

Times, over the same articles: jieba's POS tagger alone (in this process), the
build in one process and with `--jobs 2` (each in a fresh process with jieba's
dictionary loaded, so neither inherits what the other remembered), and building
the same input again into the same folder (in this process, and as `kg build` in
a fresh one); then the peak memory of a one-process build of a small and a large
corpus, each in a fresh process: the build process and the helpers it runs (`sort`)
counted together (pages they share counted once), as the machine has to hold them at once.

The rebuilds follow the build at once and say how many articles they extracted:
an edit to the extraction code during the run changes the fingerprint and makes
them extract everything again, which the output flags instead of hiding.

    python benchmarks/throughput.py [--articles 1000] [--memory 1000,10000 | 0] [--jobs 2] [--length 650]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import LENGTH, write_corpus  # noqa: E402

CPU: dict[str, float] = {}


def timed(fn, name: str = "") -> float:
    """Wall-clock seconds of fn(); its CPU seconds in this process go to CPU[name] (the machine may be shared)."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    CPU[name] = time.process_time() - cpu
    return time.perf_counter() - started


def throughput(folder: Path, articles: int, jobs: int, length: int = LENGTH) -> dict:
    import jieba
    import jieba.posseg

    from kg.build.pipeline import build, read_articles

    write_corpus(folder / "corpus", articles, length=length)
    texts = [a.text for a in read_articles([folder / "corpus"], errors=[])]
    chars = sum(map(len, texts))
    jieba.setLogLevel(60)
    jieba.initialize()
    posseg = timed(lambda: [jieba.posseg.lcut(t) for t in texts], "posseg")
    single, CPU["single"] = build_in_fresh_process(folder / "corpus", folder / "one", 1)
    parallel, _ = build_in_fresh_process(folder / "corpus", folder / "par", jobs)
    same = (folder / "one" / "graph.ttl").read_bytes() == (folder / "par" / "graph.ttl").read_bytes()
    reports = []
    rebuild = timed(lambda: reports.append(build([folder / "corpus"], folder / "par", jobs=jobs, view=False, store=False)))
    cli_rebuild, cli_extracted = rebuild_in_fresh_process(folder / "corpus", folder / "par", jobs)
    return dict(articles=len(texts), chars=chars, posseg_s=posseg, single_s=single, parallel_s=parallel,
                jobs=jobs, identical=same, rebuild_s=rebuild, rebuild_extracted=reports[0].extracted,
                cli_rebuild_s=cli_rebuild, cli_rebuild_extracted=cli_extracted,
                posseg_cpu_s=CPU["posseg"], single_cpu_s=CPU["single"])


BUILD_RUN = """
import sys, time
from pathlib import Path
import jieba, jieba.posseg
jieba.setLogLevel(60)
jieba.initialize()
from kg.build.pipeline import build
started, cpu = time.perf_counter(), time.process_time()
build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]), view=False, store=False, incremental=False)
print(time.perf_counter() - started, time.process_time() - cpu)
"""


def build_in_fresh_process(corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a build in a new process, as `kg build` starts: nothing
    of kg loaded or remembered yet, jieba's dictionary loaded (as it is for the tagger alone)."""
    out_ = subprocess.run([sys.executable, "-c", BUILD_RUN, str(corpus), str(out), str(jobs)],
                          capture_output=True, text=True, check=True).stdout.split()
    return float(out_[0]), float(out_[1])


def rebuild_in_fresh_process(corpus: Path, out: Path, jobs: int) -> tuple[float, bool]:
    """Wall-clock seconds of `kg build` on an unchanged input, as a user runs it, and whether it extracted anything."""
    manifest = (out / "manifest.json").read_bytes()
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-view", "--no-store",
               "--quiet", "--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started, (out / "manifest.json").read_bytes() != manifest


MEMORY_RUN = """
import resource, sys, time
from pathlib import Path
from kg.build.pipeline import build
started = time.perf_counter()
r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, view=False, store=True, incremental=False)
print(r.articles, r.triples, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _descendants(pid: int) -> list[int]:
    try:
        kids = [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [d for k in kids for d in _descendants(k)]


def _pss(pid: int) -> int:
    """Bytes of memory a process holds, pages it shares counted in proportion (a child
    forked from the build, before it starts `sort`, shares all the build's pages)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def peak_memory(folder: Path, articles: int, length: int = LENGTH) -> dict:
    """Peak memory of a one-process build with the store, in a fresh process: the build
    process's own peak (exact, from the kernel) and the peak of everything it runs at
    once, itself and its helpers such as `sort` (their proportional set sizes summed every
    20 ms from /proc; the kernel's figure for children counts a child's pages from before it
    starts its own program), and never less than the build process's own peak."""
    corpus = folder / f"mem{articles}"
    write_corpus(corpus, articles, seed=articles, length=length)
    run = subprocess.Popen([sys.executable, "-c", MEMORY_RUN, str(corpus), str(folder / f"memout{articles}")],
                           stdout=subprocess.PIPE, text=True)
    together = helpers = 0
    before: set[int] = set()
    while run.poll() is None:
        # A helper counts from its second sample: between fork and exec a child is the build's
        # copy (with vfork, the build's very memory), not memory of its own.
        now = set(_descendants(run.pid))
        theirs = sum(map(_pss, now & before))
        together, helpers = max(together, _pss(run.pid) + theirs), max(helpers, theirs)
        before = now
        time.sleep(0.02)
    if run.returncode:
        raise SystemExit(f"the {articles}-article build failed (exit {run.returncode})")
    out = run.stdout.read().split()
    n, triples, seconds, own = int(out[0]), int(out[1]), float(out[2]), int(out[3])
    return dict(articles=n, triples=triples, seconds=seconds, own_mib=own / 1024, helper_mib=helpers / 2**20,
                peak_mib=max(together / 2**20, own / 1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--memory", default="1000,10000", help="corpus sizes for the peak-memory runs")
    parser.add_argument("--length", type=int, default=LENGTH,
                        help=f"characters an article holds on average (default {LENGTH}, as the genre; 0: its facts alone, ~100)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        t = throughput(Path(tmp), args.articles, args.jobs, args.length)
        cps = lambda s: t["chars"] / s  # noqa: E731
        print(f"{t['articles']} articles, {t['chars']:,} chars ({t['chars'] // t['articles']} an article)")
        print(f"  jieba.posseg.lcut alone   {t['posseg_s']:7.2f} s  {cps(t['posseg_s']):9,.0f} chars/s")
        print(f"  build, 1 process          {t['single_s']:7.2f} s  {cps(t['single_s']):9,.0f} chars/s  "
              f"({t['posseg_s'] / t['single_s']:.2f}× posseg's speed)")
        print(f"  CPU seconds: posseg {t['posseg_cpu_s']:.2f}, build {t['single_cpu_s']:.2f} ({t['posseg_cpu_s'] / t['single_cpu_s']:.2f}×)")
        print(f"  build, --jobs {t['jobs']}           {t['parallel_s']:7.2f} s  {cps(t['parallel_s']):9,.0f} chars/s  "
              f"({t['single_s'] / t['parallel_s']:.2f}× one process; same bytes: {t['identical']})")
        polluted = "  (not a rebuild of nothing: it extracted again, the extraction code changed during the run)"
        print(f"  rebuild, nothing changed  {t['rebuild_s']:7.2f} s  ({t['rebuild_s'] / t['parallel_s']:.1%} of the build)"
              + (polluted if t["rebuild_extracted"] else ""))
        print(f"  the same, by kg build     {t['cli_rebuild_s']:7.2f} s  (a fresh process: start-up and imports included)"
              + (polluted if t["cli_rebuild_extracted"] else ""))
        sizes = [int(s) for s in args.memory.split(",") if s and int(s) > 0]  # --memory 0: no memory runs
        runs = [peak_memory(Path(tmp), n, args.length) for n in sizes]
        for run in runs:
            print(f"  peak memory, {run['articles']:>6} articles ({run['triples']:,} triples, {run['seconds']:.1f} s): "
                  f"{run['peak_mib']:.0f} MiB with its helpers (the build process alone {run['own_mib']:.0f} MiB, "
                  f"its helpers at most {run['helper_mib']:.0f} MiB)")
        if len(runs) > 1:
            print(f"  ratio {runs[-1]['articles']} / {runs[0]['articles']} articles: {runs[-1]['peak_mib'] / runs[0]['peak_mib']:.2f}×")
        print(json.dumps(dict(throughput=t, memory=runs)))


if __name__ == "__main__":
    main()
