"""Extractors, registered by versioned name; an article in, mentions and facts with evidence out.

`extract(article)` is a pure function of the article: it can run in any process.
"""

from __future__ import annotations

from typing import Callable, Iterable

from kg.nlp.analysis import Doc
from kg.extract import events, money, names, people, places
from kg.types import Article, Extraction, Fact, Mention

# Order matters: names first (the others read the mentions it finds).
REGISTRY: dict[str, Callable[[Doc], Iterable[Mention | Fact]]] = {
    names.NAME: names.extract,
    people.NAME: people.extract,
    events.NAME: events.extract,
    places.NAME: places.extract,
    money.NAME: money.extract,
}


def extract(article: Article, extractors: Iterable[str] | None = None) -> Extraction:
    """Mentions and facts of one article, resolved within the article."""
    from kg.resolve import resolve_article

    doc = Doc(article)
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for name in extractors or REGISTRY:
        for item in REGISTRY[name](doc):
            (facts if isinstance(item, Fact) else mentions).append(item)
    return resolve_article(article, mentions, facts)
