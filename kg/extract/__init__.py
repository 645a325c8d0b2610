"""Extractors, registered by versioned name; an article in, mentions and facts with evidence out.

`extract(article)` is a pure function of the article: it can run in any process.
`extract(article, ["people.v1"])` runs that extractor and those it needs (see
kg.extract.registry).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kg.extract.registry import Extractor, ExtractorError, extractor, plan, registered, rule, run
from kg.nlp.analysis import Doc
from kg.types import Article, Extraction

__all__ = ["REGISTRY", "Extractor", "ExtractorError", "extract", "extractor", "plan", "registered", "rule"]

# Imports the extractor modules in the order of registry.MODULES, which registers them.
REGISTRY: dict[str, Extractor] = registered()


@lru_cache(maxsize=32)
def _plan(names: tuple[str, ...] | None) -> tuple[Extractor, ...]:
    return tuple(plan(names))


def extract(article: Article, extractors: Iterable[str] | None = None) -> Extraction:
    """Mentions and facts of one article, resolved within the article.

    `extractors`: the names to run (with those they need); default all.
    An unknown name raises `ExtractorError` listing the available ones.
    """
    from kg.resolve import resolve_article

    chosen = _plan(None if extractors is None else tuple(extractors))
    mentions, facts = run(Doc(article), chosen)
    return resolve_article(article, mentions, facts)
