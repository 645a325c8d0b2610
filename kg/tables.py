"""Text laid out for a terminal, where Chinese characters take two columns: what
`kg query`'s tables and `kg eval`'s report align their columns by.

    >>> display_width("林晓东ab"), pad("林", 4) + "|"
    (8, '林  |')
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: East Asian wide and full-width characters take two,
    combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` filled with spaces to `width` columns (on the left with `right`)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap
