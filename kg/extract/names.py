"""names.v1: find the named things of an article — people, organisations, companies,
places, projects and meetings — from titles, appositions, suffixes and jieba's tags.

The work is in three modules, one job each: kg.extract.persons (people and the title
phrases of their posts), kg.extract.suffixed (things named by a suffix) and
kg.extract.references (short forms and 该项目 referring back to them).
"""

from __future__ import annotations

from kg.extract.persons import find_people, name_at
from kg.extract.references import referring, short_forms
from kg.extract.registry import extractor
from kg.extract.suffixed import find_named, listed_projects, phases
from kg.nlp.analysis import Doc
from kg.types import Mention, TitlePhrase

NAME = "names.v1"

__all__ = ["NAME", "extract", "name_at"]


@extractor(NAME, makes=("Person", "Organization", "Company", "Place", "Project", "Meeting", "TitlePhrase"))
def extract(doc: Doc) -> list[Mention | TitlePhrase]:
    """People, organisations, companies, places, projects and meetings; the title phrases of people's posts."""
    people, titles = find_people(doc)
    named = find_named(doc, people)
    listed = listed_projects(doc, people + named) + phases(doc, named)
    referring_ = referring(doc, named + listed) + short_forms(doc, people + named + listed)
    return [*people, *named, *listed, *referring_, *titles]
