"""Large inputs, as `kg build` meets them: time and peak memory (the build and its children).

    python benchmarks/big_inputs.py                       # a 50 MB file and a 5 MB single line
    python benchmarks/big_inputs.py --file-mb 5 --line-mb 0.5
    python benchmarks/big_inputs.py --long-article 25000,100000,1000000   # one article of dense title lists

The ratio that matters is seconds per character across sizes, measured in one run: a
build linear in its input keeps it flat.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scale_corpus import PAGES  # noqa: E402  (pages of the genre written for the tests)

TITLES = ["区委书记王某", "区长李某", "常务副区长赵某", "副区长钱某", "区委副书记孙某", "区人大常委会主任周某"]


def many_articles(megabytes: float) -> str:
    """Pages of the genre repeated, each copy its own articles, to `megabytes` of UTF-8."""
    pages = list(PAGES.values())
    parts, size, i = [], 0, 0
    while size < megabytes * 2**20:
        page = pages[i % len(pages)].replace("5月", f"{i % 12 + 1}月")
        parts.append(page)
        size += len(page.encode("utf-8"))
        i += 1
    return "\n".join(parts)


def single_line(megabytes: float) -> str:
    sentence = "本报讯记者周明报道，县长孙建华主持召开县政府常务会议，副县长郑海波、方丽等出席会议。"
    return sentence * int(megabytes * 2**20 // len(sentence.encode("utf-8")))


def long_article(chars: int) -> str:
    """One article of dense title lists, as a long meeting report holds them."""
    body = "出席会议的有" + "，".join(TITLES) + "。"
    return "全区干部大会召开\n本报讯（记者 周明）" + body * (chars // len(body) + 1)


def measure(text: str, label: str) -> tuple[float, float]:
    """Seconds and peak MiB of `kg build` on a file holding `text`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_text(text, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(path), "--out", str(Path(folder) / "out"), "-j", "1",
                                 "--no-view", "-q"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.strip().splitlines()[-1:]}"
    mib = max(peak, before) / 1024
    print(f"{label:<28} {len(text):>12,} chars {seconds:8.1f} s {seconds / len(text) * 1e6:8.2f} µs/char "
          f"peak {mib:7.0f} MiB (largest child so far)  {status}", flush=True)
    return seconds, mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file-mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=5)
    parser.add_argument("--long-article", default="", help="comma-separated sizes (characters) of one long article")
    args = parser.parse_args()
    if args.long_article:
        sizes = [int(s) for s in args.long_article.split(",")]
        rates = [measure(long_article(n), f"one article, {n:,} chars")[0] / n for n in sizes]
        print(f"time per char, largest / smallest: {rates[-1] / rates[0]:.2f}×")
        return
    # each large input after a baseline a tenth (a fiftieth) of its size, in the same run: the
    # ratio of time per character says whether the build stays linear on this (noisy) machine
    if args.file_mb:
        small = measure(many_articles(args.file_mb / 50), f"{args.file_mb / 50:g} MB of articles (baseline)")
        large = measure(many_articles(args.file_mb), f"{args.file_mb:g} MB of articles")
        print(f"time per char, {args.file_mb:g} MB / baseline: {per_char(large, args.file_mb) / per_char(small, args.file_mb / 50):.2f}×")
    if args.line_mb:
        small = measure(single_line(args.line_mb / 10), f"{args.line_mb / 10:g} MB single line (baseline)")
        large = measure(single_line(args.line_mb), f"{args.line_mb:g} MB single line")
        print(f"time per char, {args.line_mb:g} MB line / baseline: {per_char(large, args.line_mb) / per_char(small, args.line_mb / 10):.2f}×")


def per_char(measured: tuple[float, float], megabytes: float) -> float:
    return measured[0] / megabytes


if __name__ == "__main__":
    main()
