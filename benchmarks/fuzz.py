"""Fuzz the pipeline: generated inputs through reading, layout repair, articles, every extractor
and the graph's lines; no input may raise, and each one's time is bounded.

    python benchmarks/fuzz.py                    # 10,000 inputs
    python benchmarks/fuzz.py --inputs 500 --seed 7

Inputs mix random CJK, punctuation, digits (ASCII, full-width, Chinese), the genre's words
(titles, trigger verbs, suffixes from kg/data), odd characters (U+FFFD, Unicode line breaks,
controls, private use, emoji) and line breaks; each is written as bytes in one of UTF-8,
UTF-8 with BOM, UTF-16 with and without BOM, or GB18030, and some are cut or have flipped bytes.
Prints the count, the failures (with the seed that makes each), and the slowest inputs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
GENRE_FILES = ("titles.txt", "person_verbs.txt", "meeting_suffixes.txt", "org_suffixes.txt", "place_suffixes.txt",
               "project_suffixes.txt", "project_verbs.txt", "money_triggers.txt", "company_suffixes.txt", "event_words.txt", "surnames.txt")
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>\"'{}|^\\/-_=+*&%$#@~` 　"
DIGITS = "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿元年月日"
ODD = ["\ufffd", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\x01", "\ue000", "\ufdd0", "😀", "\u200b", "\r", "\t", "\ud800"]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030")


def genre_words() -> list[str]:
    words = []
    for name in GENRE_FILES:
        path = DATA / name
        if path.exists():
            words += [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return words or ["书记", "区长", "主持召开", "会议", "投资", "万元", "项目", "有限公司"]


def generate(seed: int, words: list[str]) -> bytes:
    """One input's bytes, a pure function of `seed`."""
    rng = random.Random(seed)
    parts: list[str] = []
    for _ in range(rng.randrange(1, 120)):
        kind = rng.random()
        if kind < 0.3:
            parts.append("".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(rng.randrange(1, 6))))
        elif kind < 0.5:
            parts.append(rng.choice(words))
        elif kind < 0.6:  # a sentence of the genre's shape: title, name, verb, place, meeting
            name = rng.choice(SURNAMES) + "".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(rng.randrange(1, 3)))
            parts.append(f"{rng.choice(words)}{name}{rng.choice(('主持召开', '出席', '调研', '投资', '担任'))}"
                         f"{rng.choice(words)}{rng.choice(('会议', '大会', '项目', '有限公司', '镇'))}{rng.choice('，。、')}")
        elif kind < 0.75:
            parts.append(rng.choice(PUNCTUATION) * rng.choice((1, 1, 1, 2, 30)))
        elif kind < 0.87:
            parts.append("".join(rng.choice(DIGITS) for _ in range(rng.randrange(1, 12))))
        elif kind < 0.95:
            parts.append("\n" * rng.randrange(1, 4))
        else:
            parts.append(rng.choice(ODD))
    text = "".join(parts)
    if rng.random() < 0.1:  # a long run: quadratic or backtracking rules show here
        text += rng.choice(words) * rng.randrange(50, 400)
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors="replace" if encoding == "gb18030" else "surrogatepass")
    damage = rng.random()
    if damage < 0.15:
        data = data[: rng.randrange(len(data) + 1)]  # cut
    elif damage < 0.3 and data:
        flipped = bytearray(data)
        for _ in range(rng.randrange(1, 4)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        data = bytes(flipped)
    return data


@dataclass
class Outcome:
    seed: int
    seconds: float
    articles: int
    facts: int
    error: str = ""


def run_one(seed: int, words: list[str]) -> Outcome:
    from kg.extract import extract
    from kg.rdf.graph import extraction_lines
    from kg.text.articles import split_articles
    from kg.text.layout import repair
    from kg.text.reading import ReadError, decode_source

    data = generate(seed, words)
    started = time.perf_counter()
    articles = facts = 0
    try:
        try:
            source = decode_source(data, f"fuzz-{seed}.txt")
        except ReadError:
            return Outcome(seed, time.perf_counter() - started, 0, 0)
        for article in split_articles(repair(source.text), f"fuzz-{seed}.txt", one_line="\n" not in source.text.strip()):
            articles += 1
            extraction = extract(article)
            facts += len(extraction.facts)
            for line in extraction_lines(extraction):
                line.encode("utf-8")  # a lone surrogate in a line would stop the writer here
            for mention in extraction.mentions:
                assert 0 <= mention.start < mention.end <= len(article.text), "a mention's offsets lie in its article"
    except Exception:
        return Outcome(seed, time.perf_counter() - started, articles, facts, traceback.format_exc(limit=3).strip().splitlines()[-1])
    return Outcome(seed, time.perf_counter() - started, articles, facts)


def fuzz(inputs: int, seed: int = 0) -> list[Outcome]:
    words = genre_words()
    run_one(-1, words)  # loads jieba and the extractors: not one input's time
    return [run_one(seed * 1_000_003 + i, words) for i in range(inputs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import jieba

    jieba.setLogLevel(60)
    started = time.perf_counter()
    outcomes = fuzz(args.inputs, args.seed)
    wall = time.perf_counter() - started
    failed = [o for o in outcomes if o.error]
    print(f"{len(outcomes):,} inputs in {wall:.0f} s: {sum(o.articles for o in outcomes):,} articles, "
          f"{sum(o.facts for o in outcomes):,} facts, {len(failed)} failures")
    for o in failed[:20]:
        print(f"  FAILED seed {o.seed}: {o.error}")
    times = sorted(o.seconds for o in outcomes)
    print(f"per input: median {times[len(times) // 2] * 1000:.1f} ms, 99th percentile {times[int(len(times) * 0.99)] * 1000:.0f} ms")
    for o in sorted(outcomes, key=lambda o: -o.seconds)[:3]:
        print(f"  slowest: seed {o.seed}, {o.seconds:.2f} s, {len(generate(o.seed, genre_words())):,} bytes, {o.articles} articles")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
