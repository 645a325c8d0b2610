"""IRIs derived from content: the same name and type give the same IRI on any machine."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.prefixes import ENTITY_BASE
from kg.types import Article, Entity

# Characters kept as they are: unreserved ASCII plus the non-ASCII characters RFC 3987 allows
# in an IRI's path (`ucschar`) that are not white space, controls or format characters;
# everything else (U+FFFD, private use, noncharacters, `<>"{}|^\` …) is percent-encoded.
_SAFE = "-._~()!*,;=:@"

# RFC 3987 `ucschar`: private use, surrogates, U+FDD0–FDEF and U+FFF0–FFFF, and each plane's
# last two code points are outside it.
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane << 16, (plane << 16) + 0xFFFD) for plane in range(1, 15))


def _encode(name: str) -> str:
    return "".join(_encode_char(c) for c in name)


def _encode_char(c: str) -> str:
    if ord(c) > 127 and _in_ucschar(ord(c)) and not unicodedata.category(c).startswith(("Z", "C")):
        return c
    return quote(c.encode("utf-8", "surrogatepass"), safe=_SAFE)


def _in_ucschar(code: int) -> bool:
    return any(low <= code <= high for low, high in _UCSCHAR)


@lru_cache(maxsize=4096)
def entity_iri(entity: Entity) -> URIRef:
    """`kgr:Person/王慧杰`; Chinese stays readable, unsafe characters are percent-encoded."""
    return URIRef(f"{ENTITY_BASE}{entity.type}/{_encode(entity.key)}")


def article_iri(article: Article | str) -> URIRef:
    aid = article if isinstance(article, str) else article.id
    return URIRef(f"{ENTITY_BASE}article/{aid}")


def evidence_iri(*parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{ENTITY_BASE}fact/{digest}")


@lru_cache(maxsize=4096)
def series_iri(event: Entity) -> URIRef:
    """`kgr:EventSeries/区委常委会会议@衢江区`: what every instance of a recurring event shares."""
    return URIRef(f"{ENTITY_BASE}EventSeries/{_encode(event.series_key)}")
