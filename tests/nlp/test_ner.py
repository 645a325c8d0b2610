"""kg.nlp.ner: LAC's people as offsets into the text, only where the tagger is switched on."""

from __future__ import annotations

import pytest

from kg.nlp import ner


@pytest.fixture
def on():
    ner.enable(True)
    yield
    ner.enable(None)


def test_ner_is_off_by_default_and_finds_nothing(monkeypatch):
    monkeypatch.delenv(ner.ENV, raising=False)
    assert not ner.enabled()
    assert ner.persons("县委书记张三丰主持会议。") == []


@pytest.mark.parametrize("value, expected", [("lac", True), ("off", False), ("ON", True), ("0", False)])
def test_ner_switch_reads_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(ner.ENV, value)
    assert ner.enabled() is expected


def test_ner_switch_rejects_an_unknown_value(monkeypatch):
    monkeypatch.setenv(ner.ENV, "hanlp")
    with pytest.raises(ValueError, match="KG_NER"):
        ner.enabled()


@pytest.mark.parametrize(
    "text, names",
    [
        ("县委书记项乐民宣布项目开工。", ["项乐民"]),
        ("副县长欧阳明辉、区长司马青出席仪式。", ["欧阳明辉", "司马青"]),
    ],
)
def test_ner_persons_are_spans_of_the_text(on, text, names):
    spans = ner.persons(text)
    assert [text[s:e] for s, e in spans] == names


def test_ner_keeps_a_name_the_layout_spaced_out(on):
    """A justified line puts a space inside a two-character name (陈 健): LAC alone cuts it in two."""
    text = "常务副县长陈 健主持会议。"
    assert [text[s:e] for s, e in ner.persons(text)] == ["陈 健"]


def test_ner_persons_of_a_window_give_offsets_into_the_whole_text(on):
    text = "会上，县长李明辉讲话。会后，书记王建国带队调研。"
    start = text.index("会后")
    spans = ner.persons(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["王建国"] and spans[0][0] > start


def test_ner_entities_carry_labels(on):
    found = ner.entities("浙江省衢州市衢江区人民政府召开会议。", ("LOC", "ORG"))
    assert found and all(e.label in ("LOC", "ORG") for e in found)


def test_ner_worth_tagging_wants_a_title_or_a_person_word():
    assert ner.worth_tagging("县委书记某某出席")
    assert not ner.worth_tagging("今年以来，全县经济稳中有进。")
