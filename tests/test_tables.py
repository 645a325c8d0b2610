"""Terminal columns: Chinese characters take two."""

from __future__ import annotations

import pytest

from kg.tables import display_width, pad


def test_tables_display_width_counts_chinese_double():
    assert display_width("abc") == 3
    assert display_width("张明") == 4
    assert display_width("（１）") == 6
    assert display_width("e\u0301") == 1  # e and a combining accent


@pytest.mark.parametrize("text", ["abc", "张明", "林晓东ab", ""])
def test_tables_pad_fills_to_the_display_width(text):
    assert display_width(pad(text, 10)) == 10
    assert pad(text, 10).startswith(text)
    assert pad(text, 10, right=True).endswith(text)
    assert pad(text, 0) == text
