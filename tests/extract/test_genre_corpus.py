"""Extraction quality on an invented corpus of the genre (`tests/data/genre/`).

Twelve county-newspaper articles written for this check, with invented people,
counties, companies, projects and amounts, and the facts a careful reader takes
from them (`gold.jsonl`, annotated by `shared/gold/GUIDE.md`).

Measured blind on 2026-11-21, before any rule had seen these texts (core relations
attended, holdsPosition, locatedIn, invested, totalInvestment): P = 0.971,
R = 0.770. Its misses then guided rules for the genre's shapes (年产N万吨 projects,
由某公司投资建设, 先后发言 …), so it is now a development set like the others:
P = 1.000, R = 0.891 after those changes. The floors sit about 0.05 under that,
so a regression fails; raise them when the rules improve.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.inspect.evaluate import Report, evaluate, load_gold

CORPUS = Path(__file__).resolve().parents[1] / "data" / "genre"
GOLD = CORPUS / "gold.jsonl"
ARTICLES = sorted(CORPUS.glob("*.txt"))

CORE_PRECISION_FLOOR = 0.95
CORE_RECALL_FLOOR = 0.85

MASTHEAD_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日]$")


@pytest.fixture(scope="module")
def genre_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("genre-build")
    result = build([CORPUS], out, view=False, store=False)
    assert result.errors == []
    assert result.files == len(ARTICLES)
    return evaluate(GOLD, out / "graph.ttl")


def test_genre_corpus_core_precision_at_least_floor(genre_report: Report) -> None:
    precision = genre_report.core.precision
    assert precision is not None and precision >= CORE_PRECISION_FLOOR, precision


def test_genre_corpus_core_recall_at_least_floor(genre_report: Report) -> None:
    recall = genre_report.core.recall
    assert recall is not None and recall >= CORE_RECALL_FLOOR, recall


def test_genre_corpus_every_core_relation_is_annotated(genre_report: Report) -> None:
    # A core relation with no gold facts would silently drop out of the micro-average.
    for rel in ("attended", "holdsPosition", "locatedIn", "invested", "totalInvestment"):
        assert genre_report.relations[rel].gold > 0, rel


def test_genre_corpus_articles_are_dated_and_of_the_genre_length() -> None:
    assert len(ARTICLES) == 12
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        assert MASTHEAD_DATE.match(text.splitlines()[0]), path.name
        length = len(text.replace("\n", ""))
        assert 300 <= length <= 900, (path.name, length)


def test_genre_corpus_gold_names_are_read_from_their_article() -> None:
    # Every gold line names its article, and the people and companies it types are
    # written there as given: a typo in the gold would otherwise count as a miss.
    texts = {f"genre/{p.name}": p.read_text(encoding="utf-8") for p in ARTICLES}
    facts = load_gold(GOLD)
    assert {f.doc for f in facts} == set(texts)
    for fact in facts:
        if fact.rel == "type" and fact.type in ("Person", "Company"):
            assert fact.s[0] in texts[fact.doc], (fact.doc, fact.s[0])


def test_genre_corpus_gold_lines_follow_the_guide() -> None:
    lines = [json.loads(raw) for raw in GOLD.read_text(encoding="utf-8").splitlines() if raw.strip()]
    for line in lines:
        if line["rel"] == "attended":
            assert line.get("role") in ("presided", "spokeAt", "attended"), line
        if line["rel"] == "type" and line["o"][0] in ("Organization", "Place", "Project", "Meeting"):
            assert line.get("recall_only") is True, line
        if line["rel"] == "type" and line["o"][0] in ("Person", "Company"):
            assert not line.get("recall_only"), line


# The second invented corpus (tests/data/genre_blind/) was measured blind at core
# P = 0.793, R = 0.676 on 2026-11-21; its misses then guided rules (（扩大）会议,
# 检查 visits, 在致辞中说, company-owned projects, county zones …), which brought it to
# P = 0.976, R = 0.882. Floors about 0.05 under that keep those gains.
BLIND = Path(__file__).resolve().parents[1] / "data" / "genre_blind"


@pytest.fixture(scope="module")
def second_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    out = tmp_path_factory.mktemp("genre-blind-build")
    result = build([BLIND], out, view=False, store=False)
    assert result.errors == []
    return evaluate(BLIND / "gold.jsonl", out / "graph.ttl")


def test_genre_corpus_second_corpus_core_scores_at_least_floors(second_report: Report) -> None:
    precision, recall = second_report.core.precision, second_report.core.recall
    assert precision is not None and precision >= 0.92, precision
    assert recall is not None and recall >= 0.83, recall


# The third and fourth invented corpora, each measured blind once (P 0.933 / R 0.693 and
# P 0.889 / R 0.750, see their READMEs), then used as development data like the others:
# floors about 0.05 under their scores after that (0.976 / 0.879 and 0.959 / 0.853; with the
# filters of junk names, 0.984 / 0.879 and 0.984 / 0.868).
LATER = {
    "genre_final": (0.92, 0.82),
    "genre_fresh": (0.93, 0.81),
}


@pytest.mark.parametrize("name", sorted(LATER))
def test_genre_corpus_later_corpora_core_scores_at_least_floors(name: str, tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "data" / name
    result = build([corpus], tmp_path / "out", view=False, store=False)
    assert result.errors == []
    report = evaluate(corpus / "gold.jsonl", tmp_path / "out" / "graph.ttl")
    precision_floor, recall_floor = LATER[name]
    assert report.core.precision is not None and report.core.precision >= precision_floor, report.core.precision
    assert report.core.recall is not None and report.core.recall >= recall_floor, report.core.recall
