"""Generic knowledge of the genre, loaded once from the data files in kg/data/.

Titles, suffixes, trigger verbs and units are data, not code: each file lists one
entry per line (`#` starts a comment). Nothing here names a particular person,
place or company.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _entries(name: str) -> tuple[str, ...]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)


def _longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(items), key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class Vocabulary:
    furniture_patterns: tuple[str, ...]
    titles: tuple[str, ...]  # longest first
    company_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    project_suffixes: tuple[str, ...]
    meeting_suffixes: tuple[str, ...]
    event_words: tuple[str, ...]
    surnames: frozenset[str]
    name_followers: tuple[str, ...]  # words that may follow a person's name
    not_names: frozenset[str]
    stop_chars: frozenset[str]  # characters that do not start an organisation or place name
    person_nouns: tuple[str, ...]
    person_verbs: tuple[str, ...]
    generic_modifiers: frozenset[str]
    verbs_not_in_names: frozenset[str]
    false_suffix_words: frozenset[str]
    membership_titles: frozenset[str]
    generic_employers: frozenset[str]
    suffix_heads: frozenset[str]
    standalone_places: frozenset[str]
    capacity_words: tuple[str, ...]
    project_verbs: frozenset[str]
    money_non_triggers: tuple[str, ...]
    project_name_verbs: frozenset[str]
    industry_words: frozenset[str]
    org_name_verbs: frozenset[str]
    money_triggers: tuple[str, ...]
    relative_prefixes: tuple[str, ...] = ()  # 区委, 全县, 县: the paper's own county, unnamed
    not_relative: tuple[str, ...] = ()  # 市场: opens with 市 but is no relative prefix
    generic_event_words: tuple[str, ...] = ()
    # words that keep a phrase from being a name (kg.extract.suffixed): verbs taking a project
    # as object, adverbials opening a verb phrase, determiners, kinds of thing, facilities
    object_verbs: frozenset[str] = frozenset()
    manner_words: frozenset[str] = frozenset()
    determiners: tuple[str, ...] = ()  # longest first
    generic_kinds: frozenset[str] = frozenset()
    facility_words: tuple[str, ...] = ()  # longest first
    # derived once from `surnames`: name_at asks for them at every candidate name
    compound_surnames: frozenset[str] = frozenset()
    surname_initials: frozenset[str] = frozenset()  # single surnames and first characters of compound ones


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    surnames = frozenset(_entries("surnames.txt"))
    compound = frozenset(s for s in surnames if len(s) == 2)
    return Vocabulary(
        compound_surnames=compound,
        surname_initials=surnames | {s[0] for s in compound},
        furniture_patterns=_entries("furniture.txt"),
        titles=_longest_first(_entries("titles.txt")),
        company_suffixes=_longest_first(_entries("company_suffixes.txt")),
        org_suffixes=_longest_first(_entries("org_suffixes.txt")),
        place_suffixes=_longest_first(_entries("place_suffixes.txt")),
        project_suffixes=_longest_first(_entries("project_suffixes.txt")),
        meeting_suffixes=_longest_first(_entries("meeting_suffixes.txt")),
        event_words=_longest_first(_entries("event_words.txt")),
        surnames=surnames,
        name_followers=_longest_first(_entries("name_followers.txt")),
        not_names=frozenset(_entries("not_names.txt")),
        stop_chars=frozenset("".join(_entries("stop_chars.txt"))),
        person_nouns=_longest_first(_entries("person_nouns.txt")),
        person_verbs=_longest_first(_entries("person_verbs.txt")),
        generic_modifiers=frozenset(_entries("generic_modifiers.txt")),
        verbs_not_in_names=frozenset(_entries("verbs_not_in_names.txt")),
        false_suffix_words=frozenset(_entries("false_suffix_words.txt")),
        membership_titles=frozenset(_entries("membership_titles.txt")),
        generic_employers=frozenset(_entries("generic_employers.txt")),
        suffix_heads=frozenset(_entries("suffix_heads.txt")),
        standalone_places=frozenset(_entries("standalone_places.txt")),
        capacity_words=_longest_first(_entries("capacity_words.txt")),
        project_verbs=frozenset(_entries("project_verbs.txt")),
        money_non_triggers=_longest_first(_entries("money_non_triggers.txt")),
        project_name_verbs=frozenset(_entries("project_name_verbs.txt")),
        industry_words=frozenset(_entries("industry_words.txt")),
        org_name_verbs=frozenset(_entries("org_name_verbs.txt")),
        money_triggers=_longest_first(_entries("money_triggers.txt")),
        relative_prefixes=_longest_first(_entries("relative_prefixes.txt")),
        not_relative=_longest_first(_entries("not_relative.txt")),
        generic_event_words=_longest_first(_entries("generic_event_words.txt")),
        object_verbs=frozenset(_entries("object_verbs.txt")),
        manner_words=frozenset(_entries("manner_words.txt")),
        determiners=_longest_first(_entries("determiners.txt")),
        generic_kinds=frozenset(_entries("generic_kinds.txt")),
        facility_words=_longest_first(_entries("facility_words.txt")),
    )
