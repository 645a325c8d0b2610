"""The small, frozen data that flows through the pipeline.

An `Article` owns its text; a `Mention` is a span of that text (offsets, never a
copy); a `Fact` carries its evidence: the sentence's offsets and the rule that
made it. `Extractor` is the contract every extractor meets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from kg.rdf.ontology import ENTITY_CLASSES
from kg.rdf.ontology import RELATIONS as _ONTOLOGY_RELATIONS

if TYPE_CHECKING:
    from kg.nlp.analysis import Doc

ENTITY_TYPES = tuple(name for name, _ in ENTITY_CLASSES)

# What a fact states: a relation between entities, or an event's date. kg:ofOrganization
# is no fact of its own: the graph writes it from a Position's organisation.
RELATIONS = tuple(name for name, _ in _ONTOLOGY_RELATIONS if name != "ofOrganization") + ("date",)

# What extractors hand each other besides mentions of the classes above; never in the graph.
ANNOTATIONS = ("TitlePhrase",)


def article_id(text: str) -> str:
    """Content hash of an article's text: the same text gives the same id anywhere."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article. `text` starts with the headline block, then the body."""

    text: str
    source: str
    headline: str = ""
    date: dt.date | None = None
    byline: str = ""
    head_end: int = 0  # offset where the headline block ends and the body starts
    index: int = 0  # position of the article in its file
    paper: str = ""  # the place whose paper printed it, from the masthead (衢州市衢江区, 江桥)

    @cached_property
    def id(self) -> str:
        return article_id(self.text)


@dataclass(frozen=True)
class Entity:
    """A thing in the world, by type and canonical name.

    Positions carry `title` and `org`; amounts carry `value` (yuan) and `qualifier`.
    What tells apart things of one name (see kg.resolve and docs/MODEL.md): `seat`, the
    county or city a person, post, body or meeting belongs to (衢江区); `date`, an event's
    day; `scope`, the article an entity is known from alone (its id), when nothing else
    ties it.
    """

    type: str
    name: str
    title: str = ""
    org: Entity | None = None
    value: Decimal | None = None
    qualifier: str = ""
    seat: str = ""
    date: dt.date | None = None
    scope: str = ""

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}; one of {', '.join(ENTITY_TYPES)}")

    @property
    def key(self) -> str:
        """What identifies the entity within its type (the basis of its IRI)."""
        if self.type == "MonetaryAmount":
            assert self.value is not None, "an amount carries its value"
            return f"{self.value.normalize():f}-{self.qualifier}" if self.qualifier else f"{self.value.normalize():f}"
        key = self.name
        if self.seat:
            key += f"@{self.seat}"
        if self.date is not None:
            key += f"({self.date.isoformat()})"
        if self.scope:
            key += f"~{self.scope}"
        return key

    @property
    def label(self) -> str:
        """The name shown (`rdfs:label`): a dated event's carries its day, 区委常委会会议（2024-03-05）."""
        return f"{self.name}（{self.date.isoformat()}）" if self.date is not None else self.name

    @property
    def series_key(self) -> str:
        """What the instances of a recurring event share: its name and seat."""
        return f"{self.name}@{self.seat}" if self.seat else self.name


@dataclass(frozen=True)
class Mention:
    """An entity named at `article.text[start:end]`."""

    start: int
    end: int
    entity: Entity

    def surface(self, article: Article) -> str:
        return article.text[self.start : self.end]


@dataclass(frozen=True)
class TitlePhrase:
    """A post written with a person's name: `article.text[start:end]` (区委书记, 某公司总经理) is the
    post of the person whose mention starts at `person`."""

    start: int
    end: int
    person: int

    def surface(self, article: Article) -> str:
        return article.text[self.start : self.end]


Value = Entity | dt.date


@dataclass(frozen=True)
class Fact:
    """subject –predicate→ object, read from the sentence `article.text[start:end]` by `rule`
    (`extractor:rule`, as `events.v1:headline-roles`)."""

    subject: Entity
    predicate: str
    object: Value
    start: int
    end: int
    rule: str

    def __post_init__(self) -> None:
        if self.predicate not in RELATIONS:
            raise ValueError(f"unknown relation {self.predicate!r}; one of {', '.join(RELATIONS)}")

    @property
    def extractor(self) -> str:
        """The extractor that made the fact: `events.v1` of `events.v1:headline-roles`."""
        return self.rule.partition(":")[0]


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()
    errors: tuple[str, ...] = field(default=())


class Extractor(Protocol):
    """An article's analysis in, mentions, title phrases and facts out. Registered by a versioned
    name (`people.v1`) with `kg.extract.registry.extractor`."""

    def __call__(self, doc: Doc) -> Iterable[Mention | Fact | TitlePhrase]:
        ...
