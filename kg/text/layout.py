"""Repair newspaper layout: text pulled from PDFs breaks sentences across blank lines,
leaves page furniture between paragraphs and runs columns into each other.

`repair(text)` gives the paragraphs of a page in reading order, furniture removed,
lines broken mid-sentence joined again, and the issue's date from the masthead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.vocabulary import vocabulary

# 2022年7月19日 星期二 (a masthead), or a first line that is only a date, or the paper's
# name and the date on one line (衢南日报 2024年5月10日, 今日衢江 2022年7月19日 第3版).
_YMD = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
_MASTHEAD_DATE = re.compile(_YMD + r"\s*" + _WEEKDAY)
_DATE_LINE = re.compile(r"^\s*" + _YMD + r"\s*$")
_NAME_DATE_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{2,12}\s+" + _YMD + r"(?:\s*" + _WEEKDAY + r")?(?:\s*第?\s*\d+\s*版)?\s*$")
_SENTENCE_END = "。！？!?；;…”』」）)"
_CLAUSE_MARKS = re.compile(r"[，,。；;：:！？!?]")


@dataclass(frozen=True)
class Page:
    """A file's text after layout repair."""

    paragraphs: tuple[str, ...]
    issue_date: dt.date | None
    paper: str = ""  # the place whose paper it is, from the masthead (衢州市衢江区, 江桥): see paper_place


def issue_date(text: str) -> dt.date | None:
    """The issue's date from a masthead (`2022年7月19日 星期二`), or a first line holding only the
    date, or the paper's name and the date (`衢南日报 2024年5月10日`); None if absent."""
    head = text[:600]
    match = _MASTHEAD_DATE.search(head)
    if not match:
        first = next((line for line in head.splitlines() if line.strip()), "")
        match = _DATE_LINE.match(first) or _NAME_DATE_LINE.match(first)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# 中共衢州市衢江区委主办 (the paper's publisher), or the paper's name on its date line
# (江桥日报 2024年5月10日, 今日衢江 2022年7月19日): whose county or city paper it is.
_PUBLISHER = re.compile(r"中共([\u4e00-\u9fff]{2,20}?)(?:市|区|县)?委(?:员会)?主办")
_PAPER_NAME = re.compile(r"^\s*(?:今日)?([\u4e00-\u9fff]{2,6}?)(?:日报|晚报|报|新闻)?\s+" + _YMD)


def paper_place(text: str) -> str:
    """The place a paper serves, as its masthead names it: `中共衢州市衢江区委主办` → 衢州市衢江区
    (the chain, outermost first); `江桥日报 2024年5月10日` → 江桥 (the name without its level); '' if none."""
    head = text[:600]
    match = _PUBLISHER.search(head)
    if match:
        whole = match.group(0)
        level = re.search(r"(市|区|县)委(?:员会)?主办$", whole)
        return match.group(1) + (level.group(1) if level else "")
    first = next((line for line in head.splitlines() if line.strip()), "")
    match = _PAPER_NAME.match(first)
    return match.group(1) if match else ""


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern:
    """The furniture patterns as one expression, matching where any of them does (one
    search a line instead of one a pattern: a build reads every line of every file)."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in vocabulary().furniture_patterns))


def is_furniture(line: str) -> bool:
    """Page furniture: mastheads, slogans, jump lines (下转第二版), letter-spaced banners."""
    stripped = line.strip()
    if not stripped:
        return True
    if _furniture().search(stripped):
        return True
    if (_MASTHEAD_DATE.search(stripped) and len(stripped) < 40) or _NAME_DATE_LINE.match(stripped):
        return True
    tokens = stripped.split()
    if len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.6 * len(tokens):
        return True  # letter-spaced banner: 从 严 从 紧 打 好 …
    if len(tokens) >= 3 and all(len(t) == 2 for t in tokens) and not _CLAUSE_MARKS.search(stripped):
        return True  # slogan of two-character words: 富强 民主 文明 和谐
    return False


def is_headline_like(line: str) -> bool:
    """Short, unpunctuated lines: headlines, subheads, column names."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= 50
        and stripped.count("“") == stripped.count("”")
        and not _CLAUSE_MARKS.search(stripped.rstrip("!！?？"))
        and not stripped.endswith(tuple("、，,"))
    )


def is_section_heading(line: str) -> bool:
    """Numbered sections inside an article: 一、关于… / （二）… / 3. …"""
    return bool(re.match(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])", line))


def _broken(paragraph: str) -> bool:
    """A body paragraph cut mid-sentence by the page layout."""
    stripped = paragraph.rstrip()
    if not stripped or stripped[-1] in _SENTENCE_END:
        return False
    return not is_headline_like(stripped) or stripped.endswith(tuple("、，,"))


def repair(text: str) -> Page:
    """Paragraphs in reading order with furniture removed and broken sentences joined."""
    lines = [line.strip() for line in text.split("\n")]
    kept = [line for line in lines if line and not is_furniture(line)]
    paragraphs: list[str] = []
    for line in kept:
        if paragraphs and _broken(paragraphs[-1]) and not is_section_heading(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return Page(tuple(paragraphs), issue_date(text), paper_place(text))
