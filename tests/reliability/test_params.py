"""`--param` values stay one literal in their VALUES block, whatever they hold."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.query import QueryError, bind_params, execute, iri_value

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "query" / "county.ttl"
ECHO = "SELECT ?name WHERE {\n  # @params\n}\n"

HOSTILE = [
    '"nobody"@zh UNDEF',
    'nobody" UNDEF "x',
    'x"@zh } UNDEF { "y',
    "x> UNDEF <y",
    "<https://w3id.org/kg-news/id/Person/林晓东>",
    "kgr:Person/林晓东",
    'x"\n} UNDEF {\n"',
    "x\\\" UNDEF \\\"",
    "\\u0022 UNDEF \\u0022",
    "\\U00000022 UNDEF",
    "a\\",
    "}}}{{{",
    "'''\"\"\" # UNDEF",
    "林晓东\"@zh \"周若兰",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_params_hostile_value_is_exactly_one_literal(value):
    store = ox.Store()
    rows = list(store.query(bind_params(ECHO, {"name": value})))
    assert len(rows) == 1
    assert rows[0]["name"] == ox.Literal(value, language="zh")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_params_any_text_is_exactly_one_literal(value):
    rows = list(ox.Store().query(bind_params(ECHO, {"name": value})))
    assert [r["name"] for r in rows] == [ox.Literal(value, language="zh")]


@pytest.mark.parametrize("value", HOSTILE)
def test_params_hostile_values_return_no_more_than_the_honest_answer(value):
    """The honest answer for a name that no person has, and no person's name contains, is none."""
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "contacts", "--param", f"name={value}", "-f", "jsonl"])
    if "林晓东" in value or "周若兰" in value:
        return  # (such a value contains a real name: a partial match is the honest answer)
    assert out.exit_code == 1, out.output
    assert "no Person name is or contains" in out.output
    assert out.output.strip().count("\n") == 0


def test_params_a_value_that_is_a_name_plus_injection_matches_nothing_more():
    """`name="nobody"@zh UNDEF` once bound every person (UNDEF): now it is one literal, a name
    no one has, and the answer is empty."""
    with pytest.raises(QueryError, match="no Person name is or contains"):
        execute(FIXTURE, "contacts", {"name": '"nobody"@zh UNDEF'})
    honest = execute(FIXTURE, "contacts", {"name": "林晓东"})
    assert {r[1].value for r in honest.rows} == {"周若兰", "郑立群"}


@pytest.mark.parametrize("value", ["<x>", "http://a b", 'http://a"b', "http://a>b", "http://a}b", "not an iri", "kgr:a b"])
def test_params_iri_value_that_could_end_the_iri_is_refused(value):
    with pytest.raises(QueryError, match="not an IRI"):
        iri_value(value)


def test_params_iri_option_binds_an_iri():
    out = CliRunner().invoke(main, ["query", str(FIXTURE), "entity", "--param-iri", "entity=kgr:Person/周若兰", "-f", "jsonl"])
    assert out.exit_code == 0, out.output
    assert '"entity": "https://w3id.org/kg-news/id/Person/周若兰"' in out.output
    bad = CliRunner().invoke(main, ["query", str(FIXTURE), "entity", "--param-iri", "entity=kgr:x> UNDEF <y"])
    assert bad.exit_code == 1 and "not an IRI" in bad.output
