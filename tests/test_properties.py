"""Properties over generated text: extraction never crashes, offsets give back the text, exports round-trip."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.extract import REGISTRY, extract
from kg.nlp.analysis import sentences
from kg.nlp.normalize import find_dates, find_money, parse_money
from kg.rdf.export import write_graph
from kg.rdf.graph import assemble
from kg.text.articles import split_articles
from kg.text.layout import repair
from kg.types import Article

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the genre, recombined: names, titles, verbs, places, amounts, punctuation.
PIECES = [
    "孙立群", "吴海燕", "郑思源", "柯明远", "区长", "区委书记", "区委常委、宣传部部长", "总经理", "记者",
    "主持召开", "主持", "出席", "等出席", "讲话", "并讲话", "参加", "带队调研", "调研", "表示", "说",
    "白石镇", "青川区", "翠湖智能制造产业园", "青禾智能科技有限公司", "项目", "位于", "的", "在", "落户",
    "投资", "总投资", "约", "1.2亿元", "3000万元", "600多亿", "超亿元", "12.5万元/亩", "三千万元",
    "全区安全生产工作会议", "第12次常务会议", "3月13日", "2025年2月1日", "12月28日",
    "本报讯（记者 林小鹿）", "本报讯(", "（", "）", "“", "”", "，", "。", "、", "；", "：", " ", "\n", "\n\n",
]
genre_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(max_size=200)
text = st.one_of(genre_text, any_text, st.tuples(genre_text, any_text).map("".join))
headline = st.one_of(st.just(""), st.sampled_from(["白石镇召开推进会", "孙立群主持 吴海燕参加", "调研企业"]))
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))


def make_article(head: str, body: str, date: dt.date | None) -> Article:
    prefix = head + "\n" if head else ""
    return Article(text=prefix + body, source="gen.txt", headline=head, date=date, head_end=len(prefix))


@SETTINGS
@given(head=headline, body=text, date=dates)
def test_properties_extract_never_crashes_and_offsets_give_back_surface(head: str, body: str, date) -> None:
    article = make_article(head, body, date)
    ex = extract(article)
    assert ex.article == article
    for mention in ex.mentions:
        assert 0 <= mention.start <= mention.end <= len(article.text)
        assert mention.surface(article) == article.text[mention.start : mention.end]
        assert mention.entity.name
        if mention.entity.type == "MonetaryAmount":
            assert mention.surface(article) == mention.entity.name
    for fact in ex.facts:
        assert 0 <= fact.start <= fact.end <= len(article.text)
        assert fact.extractor in REGISTRY and fact.rule.startswith(fact.extractor + ":")
        if isinstance(fact.object, dt.date) and date is None:
            # without an issue date only dates written with their year are resolved
            assert str(fact.object.year) in article.text


@SETTINGS
@given(page=text, date=dates)
def test_properties_layout_and_split_never_crash(page: str, date) -> None:
    repaired = repair(page)
    assert all(p and p == p.strip() for p in repaired.paragraphs)
    for article in split_articles(repaired, "gen.txt", date=date):
        assert article.text.strip()
        assert 0 <= article.head_end <= len(article.text)
        assert article.date == (date or repaired.issue_date)


@SETTINGS
@given(body=text)
def test_properties_sentences_are_trimmed_spans_in_order(body: str) -> None:
    spans = sentences(body)
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 <= s2
    for start, end in spans:
        assert 0 <= start < end <= len(body)
        assert body[start:end] == body[start:end].strip()


@SETTINGS
@given(body=text, issue=dates)
def test_properties_money_and_dates_point_into_the_text(body: str, issue) -> None:
    for money in find_money(body):
        assert body[money.start : money.end]
        assert parse_money(body, money.start) == money
        assert money.value >= 0
    for mention in find_dates(body, issue):
        written = body[mention.start : mention.end]
        assert str(mention.date.month) in written and str(mention.date.day) in written


@SETTINGS
@given(head=headline, body=genre_text, date=dates)
def test_properties_export_round_trip_isomorphic(head: str, body: str, date) -> None:
    graph = assemble([extract(make_article(head, body, date))])
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, suffix in (("turtle", ".ttl"), ("nt", ".nt"), ("trig", ".trig"), ("json-ld", ".jsonld")):
            path = write_graph(graph, Path(tmp) / f"graph{suffix}", fmt)
            back = Graph().parse(path, format=fmt)
            assert isomorphic(back, graph), fmt
