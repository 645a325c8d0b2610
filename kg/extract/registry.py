"""The extractors by versioned name: each declares, where it is defined, what it needs and what it makes.

    @extractor("people.v1", needs=("names.v1",), makes=("holdsPosition", "worksFor", "Position"))
    def positions(doc: Doc) -> list[Fact]: ...

`plan(["people.v1"])` gives the extractors to run for that one, those it needs first;
`run(doc, plan)` runs them, handing each one's mentions and title phrases to the
next through the `Doc` and checking that an extractor makes only what it declares.
The extractor modules are imported on first use (`kg.extract` imports them all).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.types import ANNOTATIONS, ENTITY_TYPES, RELATIONS, Fact, Mention, TitlePhrase

# The modules that define extractors, in the order their extractors are registered:
# among extractors that do not need each other, the earlier runs first.
MODULES = ("kg.extract.names", "kg.extract.people", "kg.extract.events", "kg.extract.places", "kg.extract.money")

_NAME = re.compile(r"^[a-z][a-z0-9_]*\.v\d+$")
# What an extractor may say it makes: the ontology's relations and classes, and the
# annotations extractors hand each other (which never enter the graph).
MAKEABLE = (*RELATIONS, *ENTITY_TYPES, *ANNOTATIONS)


class ExtractorError(ValueError):
    """An extractor asked for by a name that does not exist, or declared wrongly; str() is one line."""


@dataclass(frozen=True)
class Extractor:
    """A registered extractor: its versioned name, what it needs and makes, and the function."""

    name: str
    needs: tuple[str, ...]
    makes: tuple[str, ...]
    function: Callable[..., Iterable[Mention | Fact | TitlePhrase]]

    @property
    def family(self) -> str:
        """`people` of `people.v1`."""
        return self.name.rsplit(".v", 1)[0]

    @property
    def version(self) -> int:
        return int(self.name.rsplit(".v", 1)[1])

    @property
    def summary(self) -> str:
        """The first line of the function's docstring."""
        return (self.function.__doc__ or "").strip().split("\n")[0]

    def __call__(self, doc) -> Iterable[Mention | Fact | TitlePhrase]:
        return self.function(doc)


_REGISTRY: dict[str, Extractor] = {}


def extractor(name: str, *, needs: Sequence[str] = (), makes: Sequence[str] = ()) -> Callable:
    """Register the decorated function as the extractor `name` (`family.vN`).

    `needs`: extractors whose mentions or annotations it reads; `makes`: the relations,
    classes and annotations (`TitlePhrase`) it produces, checked against the ontology.
    """
    if not _NAME.match(name):
        raise ExtractorError(f"extractor name {name!r} is not of the form family.vN (people.v1)")
    unknown = [m for m in makes if m not in MAKEABLE]
    if unknown:
        raise ExtractorError(f"extractor {name} makes {', '.join(unknown)}, not in the ontology; one of {', '.join(MAKEABLE)}")

    def register(function: Callable) -> Callable:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ExtractorError(f"extractor {name} is registered twice ({_REGISTRY[name].function.__module__} and {function.__module__})")
        _REGISTRY[name] = Extractor(name, tuple(needs), tuple(makes), function)
        return function

    return register


def rule(extractor_name: str, rule_name: str) -> str:
    """The `kg:rule` of a fact: the extractor and the rule inside it (`events.v1:headline-roles`)."""
    return f"{extractor_name}:{rule_name}"


def registered() -> dict[str, Extractor]:
    """Every extractor by name, in registration order (the extractor modules imported first)."""
    for module in MODULES:
        importlib.import_module(module)
    return _REGISTRY


def available() -> list[Extractor]:
    return list(registered().values())


def plan(names: Iterable[str] | None = None) -> list[Extractor]:
    """The extractors to run for `names` (default: all), each after those it needs.

    >>> [e.name for e in plan(["people.v1"])]
    ['names.v1', 'people.v1']
    """
    known = registered()
    wanted = list(known) if names is None else list(names)
    for name in wanted:
        if name not in known:
            raise ExtractorError(f"unknown extractor {name!r}; available: {', '.join(known)}")
    chosen: set[str] = set()

    def pull(name: str, chain: tuple[str, ...]) -> None:
        if name in chosen:
            return
        if name in chain:
            raise ExtractorError(f"extractors need each other in a circle: {' → '.join(chain + (name,))}")
        if name not in known:
            raise ExtractorError(f"extractor {chain[-1]} needs {name!r}, which does not exist; available: {', '.join(known)}")
        for need in known[name].needs:
            pull(need, chain + (name,))
        chosen.add(name)

    for name in wanted:
        pull(name, ())
    # each after those it needs; otherwise in registration order (MODULES)
    remaining = [known[n] for n in known if n in chosen]
    ordered: list[Extractor] = []
    while remaining:
        done = {e.name for e in ordered}
        ready = next(e for e in remaining if all(n in done for n in e.needs))
        ordered.append(ready)
        remaining.remove(ready)
    return ordered


def run(doc, extractors: Sequence[Extractor]) -> tuple[list[Mention], list[Fact]]:
    """Run `extractors` in order over `doc`; the mentions and facts they found, in the order found.

    Each extractor's mentions and title phrases are added to the `Doc` for those after it;
    a mention or fact of a class or relation it does not declare is an error.
    """
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for ex in extractors:
        made = set(ex.makes)
        for item in list(ex(doc)):  # all of it before the Doc changes: an extractor sees only those before it
            if isinstance(item, Fact):
                if item.predicate not in made:
                    raise ExtractorError(f"extractor {ex.name} made a {item.predicate} fact but does not declare it in makes")
                facts.append(item)
            elif isinstance(item, Mention):
                if item.entity.type not in made:
                    raise ExtractorError(f"extractor {ex.name} made a {item.entity.type} mention but does not declare it in makes")
                mentions.append(item)
                doc.mentions.append(item)
            elif isinstance(item, TitlePhrase):
                if "TitlePhrase" not in made:
                    raise ExtractorError(f"extractor {ex.name} made a TitlePhrase but does not declare it in makes")
                doc.title_phrases.append(item)
            else:
                raise ExtractorError(f"extractor {ex.name} gave a {type(item).__name__}, not a Mention, Fact or TitlePhrase")
    return mentions, facts


FORMATS = ("table", "json")


def describe(extractors: Iterable[Extractor] | None = None) -> list[dict]:
    """Name, family, version, needs, makes and summary of each extractor (default: all, in run order)."""
    return [
        {"name": e.name, "family": e.family, "version": e.version, "needs": list(e.needs), "makes": list(e.makes), "summary": e.summary}
        for e in (plan() if extractors is None else extractors)
    ]


def listing(fmt: str = "table") -> str:
    """The extractors as an aligned table (the summary last) or as JSON."""
    rows = describe()
    if fmt == "json":
        import json

        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise ExtractorError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    table = [["extractor", "version", "needs", "makes", "what it finds"]]
    table += [[r["name"], str(r["version"]), ", ".join(r["needs"]) or "-", ", ".join(r["makes"]), r["summary"]] for r in rows]
    # every column but the last is ASCII: padding by characters aligns them
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(row, widths)), row[-1]]).rstrip() for row in table)
