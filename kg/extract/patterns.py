"""Character classes and tag sets the name finders share (kg.extract.persons, .suffixed, .references)."""

from __future__ import annotations

import re

from kg.nlp.vocabulary import vocabulary

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
PERSON_TAGS = {"nr", "nrfg", "nrt"}
# Last characters of place and body names (祁县, 某某路, 某局): a name ending so is a place, not a person.
UNIT_CHARS = set("路区县市镇乡村局厅部委办院港省街")
NUMERAL = re.compile(r"^(?:[\d.%]+[年月日号]?|[第一二三四五六七八九十百千万亿两几多余]+|[年月日号])$")
# Tags of words that never belong inside a name: prepositions, conjunctions, particles, pronouns …
CLOSED_TAGS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "y", "e", "o", "x", "w", "d", "ad"}

_TITLE_SET: set[str] | None = None


def is_title(word: str) -> bool:
    """Whether `word` is a title of the vocabulary (县长, 总经理)."""
    global _TITLE_SET
    if _TITLE_SET is None:
        _TITLE_SET = set(vocabulary().titles)
    return word in _TITLE_SET
