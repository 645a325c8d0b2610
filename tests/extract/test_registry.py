"""The extractor registry: declared needs pulled in and ordered, unknown names refused in one line,
what an extractor makes checked, rule names carried into the graph, `kg extractors`, `kg build --extractors`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.build.incremental import Manifest, fingerprint
from kg.cli import main
from kg.extract import REGISTRY, extract
from kg.extract import registry as reg
from kg.extract.registry import Extractor, ExtractorError, extractor, plan, run
from kg.nlp.analysis import Doc
from kg.rdf.graph import assemble
from kg.rdf.namespace import KG
from kg.text.articles import split_articles
from kg.text.layout import repair
from kg.types import Entity, Fact, Mention, TitlePhrase

ISSUE = dt.date(2023, 3, 14)
PAGE = (
    "县长孙立群讲话 副县长周明远主持\n"
    "本报讯（记者 林小鹿）3月13日，全县安全生产工作会议在县行政中心召开。"
    "县长孙立群出席会议并讲话，副县长周明远主持会议。青禾科技有限公司总经理郑思源参加会议。\n"
)


def article(text: str = PAGE):
    (art,) = split_articles(repair(text), "test.txt", date=ISSUE)
    return art


def names(extractors) -> list[str]:
    return [e.name for e in extractors]


@pytest.mark.parametrize(
    "asked, order",
    [
        (["people.v1"], ["names.v1", "people.v1"]),
        (["places.v1"], ["names.v1", "events.v1", "divisions.v1", "money.v1", "places.v1"]),  # places reads meetings, towns, projects
        (["money.v1", "people.v1"], ["names.v1", "people.v1", "money.v1"]),
        (["names.v1"], ["names.v1"]),
        (None, ["names.v1", "people.v1", "events.v1", "divisions.v1", "money.v1", "places.v1"]),
    ],
)
def test_registry_plan_pulls_in_what_is_needed_first(asked, order) -> None:
    assert names(plan(asked)) == order


def test_registry_one_extractor_asked_for_still_finds_its_facts() -> None:
    """people.v1 alone once found nothing: the names it reads came from an extractor not asked for."""
    ex = extract(article(), ["people.v1"])
    assert {f.predicate for f in ex.facts} == {"holdsPosition", "worksFor"}
    assert ("郑思源", "青禾科技有限公司") in {(f.subject.name, f.object.name) for f in ex.facts if f.predicate == "worksFor"}
    full = extract(article())
    assert set(ex.facts) == {f for f in full.facts if f.extractor == "people.v1"}


def test_registry_unknown_name_is_one_line_listing_the_available() -> None:
    with pytest.raises(ExtractorError) as caught:
        extract(article(), ["people.v2"])
    message = str(caught.value)
    assert "\n" not in message and "people.v2" in message
    assert all(name in message for name in REGISTRY)
    assert not isinstance(caught.value, KeyError)


@pytest.mark.parametrize(
    "name, makes, problem",
    [
        ("speech.v1", ("spokeAtt",), "spokeAtt"),  # a relation the ontology lacks
        ("speech.v1", ("Speaker",), "Speaker"),  # a class the ontology lacks
        ("speech", ("spokeAt",), "family.vN"),  # no version
    ],
)
def test_registry_declaration_checked_against_the_ontology(name, makes, problem) -> None:
    with pytest.raises(ExtractorError, match=problem):
        extractor(name, makes=makes)


def test_registry_needs_in_a_circle_are_refused(monkeypatch) -> None:
    def nothing(doc):
        return []

    monkeypatch.setitem(reg._REGISTRY, "aa.v1", Extractor("aa.v1", ("bb.v1",), (), nothing))
    monkeypatch.setitem(reg._REGISTRY, "bb.v1", Extractor("bb.v1", ("aa.v1",), (), nothing))
    with pytest.raises(ExtractorError, match="circle"):
        plan(["aa.v1"])


def test_registry_need_that_does_not_exist_is_named(monkeypatch) -> None:
    monkeypatch.setitem(reg._REGISTRY, "aa.v1", Extractor("aa.v1", ("gone.v3",), (), lambda doc: []))
    with pytest.raises(ExtractorError, match="aa.v1 needs 'gone.v3'"):
        plan(["aa.v1"])


def test_registry_undeclared_fact_or_mention_is_an_error() -> None:
    art = article()
    person = Entity("Person", "孙立群")
    sneaky_fact = Extractor("sneaky.v1", (), ("Person",), lambda doc: [Fact(person, "attended", Entity("Meeting", "某会议"), 0, 5, "sneaky.v1:x")])
    with pytest.raises(ExtractorError, match="sneaky.v1 made a attended fact"):
        run(Doc(art), [sneaky_fact])
    sneaky_mention = Extractor("sneaky.v1", (), ("attended",), lambda doc: [Mention(0, 2, person)])
    with pytest.raises(ExtractorError, match="sneaky.v1 made a Person mention"):
        run(Doc(art), [sneaky_mention])
    sneaky_phrase = Extractor("sneaky.v1", (), ("Person",), lambda doc: [TitlePhrase(0, 2, 2)])
    with pytest.raises(ExtractorError, match="TitlePhrase"):
        run(Doc(art), [sneaky_phrase])


def test_registry_title_phrases_are_declared_data_on_the_doc() -> None:
    """names.v1 hands people.v1 and events.v1 the posts written with names as TitlePhrase records."""
    assert "TitlePhrase" in REGISTRY["names.v1"].makes
    art = article()
    doc = Doc(art)
    mentions, facts = run(doc, plan(["names.v1"]))
    assert facts == [] and all(isinstance(m, Mention) for m in mentions)
    held = {(p.surface(art), art.text[p.person : p.person + 3]) for p in doc.title_phrases}
    assert {("县长", "孙立群"), ("副县长", "周明远"), ("青禾科技有限公司总经理", "郑思源")} <= held


def test_registry_rule_names_reach_the_graph() -> None:
    ex = extract(article())
    rules = {(f.subject.name, f.predicate, f.rule) for f in ex.facts}
    assert ("周明远", "presided", "events.v1:headline-roles") in rules
    assert ("周明远", "presided", "events.v1:presided-verb") in rules  # the same role read from the body: its own evidence
    assert ("郑思源", "attended", "events.v1:attended-verb") in rules
    assert ("郑思源", "worksFor", "people.v1:title-names-employer") in rules
    graph: Graph = assemble([ex])
    in_graph = {str(o) for o in graph.objects(None, KG.rule)}
    assert {"events.v1:headline-roles", "events.v1:attended-verb", "people.v1:title-before-name"} <= in_graph
    assert all(":" in rule and rule.split(":")[0] in REGISTRY for rule in in_graph)


def test_registry_kg_extractors_lists_version_needs_and_makes() -> None:
    result = CliRunner().invoke(main, ["extractors"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["extractor", "version", "needs", "makes"]
    places = next(line for line in lines if line.startswith("places.v1"))
    assert "names.v1, events.v1" in places and "locatedIn" in places
    assert [line.split()[0] for line in lines[1:]] == names(plan())  # in the order they run

    result = CliRunner().invoke(main, ["extractors", "--format", "json"])
    rows = json.loads(result.output)
    people = next(r for r in rows if r["name"] == "people.v1")
    assert people["version"] == 1 and people["needs"] == ["names.v1"] and "holdsPosition" in people["makes"]


def predicates(graph_file: Path) -> set[str]:
    g = Graph().parse(graph_file)
    return {str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for p in g.predicates()}


def test_registry_kg_build_runs_the_chosen_extractors(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    args = [str(tmp_path / "in"), "--out", str(out), "--no-view", "--no-store", "-j", "1", "-q"]
    result = CliRunner().invoke(main, ["build", *args, "--extractors", "people.v1"])
    assert result.exit_code == 0, result.output
    only_people = predicates(out / "graph.ttl")
    assert {"holdsPosition", "worksFor"} <= only_people and not {"attended", "presided"} & only_people
    chosen = Manifest.read(out).fingerprint
    assert chosen == fingerprint(["names.v1", "people.v1"])

    # another set does not reuse the shards made by the first
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code == 0, result.output
    assert {"holdsPosition", "attended", "presided"} <= predicates(out / "graph.ttl")
    assert Manifest.read(out).fingerprint == fingerprint() != chosen


def test_registry_kg_build_unknown_extractor_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "page.txt"), "--out", str(tmp_path / "out"), "--extractors", "people.v2"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "unknown extractor 'people.v2'; available: names.v1, people.v1" in result.output
