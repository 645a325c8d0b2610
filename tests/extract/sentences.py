"""An invented article of the genre around a few sentences of our own, for the extractors' regression tests."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract
from kg.types import Article, Extraction

BYLINE = "本报讯（记者 王五）"
HEADLINE = "测试标题"
ISSUE = dt.date(2023, 3, 14)


def article_of(body: str, headline: str = HEADLINE, date: dt.date = ISSUE) -> Article:
    """The headline, the byline and `body`, in an issue of `date`."""
    return Article(f"{headline}\n{BYLINE}{body}", "x.txt", headline, date, BYLINE, len(headline) + 1)


def extraction_of(body: str, headline: str = HEADLINE, date: dt.date = ISSUE) -> Extraction:
    return extract(article_of(body, headline, date))


def facts_of(body: str, headline: str = HEADLINE, date: dt.date = ISSUE) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) names of the facts read from `body`."""
    return {(f.subject.name, f.predicate, getattr(f.object, "name", str(f.object))) for f in extraction_of(body, headline, date).facts}
