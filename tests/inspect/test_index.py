"""The graph index: names looked up in the form `kg eval` compares them in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.inspect.index import normalize_name


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("“绿源” 食品 有限公司", "绿源食品有限公司"),
        ('"绿源"食品有限公司', "绿源食品有限公司"),
        ("「青溪」 论坛", "青溪论坛"),
        ("‘双招双引’专题会", "双招双引专题会"),
        ("县委常委会会议（2025-03-04）", "县委常委会会议"),
        ("县委常委会会议(2025年3月4日)", "县委常委会会议"),
        ("县委常委会会议（3月4日）", "县委常委会会议"),
        ("县委常委会会议　（2025-03-04）", "县委常委会会议"),
        ("县委常委会（扩大）会议", "县委常委会(扩大)会议"),  # not a date: kept (full-width folded)
        ("（2025-03-04）县委常委会会议", "(2025-03-04)县委常委会会议"),  # not at the end: kept
        ("第１５次常务会议", "第15次常务会议"),
    ],
)
def test_index_normalize_name(name, normal):
    assert normalize_name(name) == normal


@given(st.text())
def test_index_normalize_name_is_idempotent(name):
    once = normalize_name(name)
    assert normalize_name(once) == once
    assert not any(c.isspace() for c in once)


@given(st.text(alphabet="青溪县委常委会议“”「」 （）()-0123456789年月日"))
def test_index_normalize_name_ignores_spacing_and_quotes(name):
    assert normalize_name(name) == normalize_name(name.replace(" ", "").replace("“", "").replace("」", ""))
