"""people.v1: who holds which post, and for which organisation.

Title phrases stand before names (区委书记王某, 某公司总经理李某), chained with 、
(区委常委、宣传部部长张某: two posts), or after them (王某教授).
"""

from __future__ import annotations

from kg.analysis import Doc
from kg.types import Entity, Fact
from kg.vocabulary import vocabulary

NAME = "people.v1"


def split_title(phrase: str) -> tuple[str, str]:
    """(organisation, title) of a title phrase: 青川市交通运输局副局长 → (青川市交通运输局, 副局长)."""
    for title in vocabulary().titles:
        if phrase.endswith(title):
            return phrase[: -len(title)], title
    return "", phrase


def employer(org: str) -> Entity | None:
    """The organisation a post belongs to, when the phrase names one (某公司市场部 → 某公司)."""
    vocab = vocabulary()
    for suffix in vocab.company_suffixes:
        idx = org.rfind(suffix)
        if idx > 0:
            return Entity("Company", org[: idx + len(suffix)])
    if len(org) >= 2 and org.endswith(vocab.org_suffixes):
        return Entity("Organization", org)
    return None


def extract(doc: Doc) -> list[Fact]:
    facts = []
    text = doc.text
    persons = {m.start: m for m in doc.of_type("Person")}
    for start, phrases in doc.title_phrases.items():
        person = persons.get(start)
        if person is None:
            continue
        sent = doc.sentence_of(start)
        companies = {m.entity for m in doc.of_type("Company")}
        for ps, pe in phrases:
            phrase = text[ps:pe]
            org_name, title = split_title(phrase)
            org = employer(org_name) if title not in vocabulary().membership_titles else None
            if org is None and len(org_name) >= 2 and title not in vocabulary().membership_titles:
                # 山西某某总经理 for 山西某某有限公司: the article's company whose name it opens
                named = {c for c in companies if c.name.startswith(org_name)}
                if len(named) == 1:
                    org = next(iter(named))
            if org_name in vocabulary().generic_employers and len(companies) == 1:
                org = next(iter(companies))  # 企业负责人王某: the one company the article is about
            position = Entity("Position", phrase, title=title, org=org)
            facts.append(Fact(person.entity, "holdsPosition", position, *sent, NAME))
            if org is not None:
                facts.append(Fact(person.entity, "worksFor", org, *sent, NAME))
    return facts
