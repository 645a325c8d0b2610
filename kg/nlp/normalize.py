"""Normalise what the genre writes: amounts of money (to yuan) and dates (against the issue's date)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_UNITS = {"亿": Decimal(100_000_000), "千万": Decimal(10_000_000), "百万": Decimal(1_000_000), "十万": Decimal(100_000), "万": Decimal(10_000)}

_NUM = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"
# 约4.2亿元, 600多亿, 超亿元, 6亿元以上, 3000万元, 三千万元, 1.8万元; not 12.5万元/亩.
MONEY = re.compile(
    rf"(?P<pre>约为|约|超过|超|近|逾|达到|达|共计|合计|累计|高达|不低于|不少于)?"
    rf"(?P<num>{_NUM})?(?P<many>多|余)?(?P<unit>千万|百万|十万|万|亿)?(?P<many2>多|余)?(?P<yuan>元)?"
    rf"(?P<post>以上|左右|多)?"
)
# Words before an amount that say nothing of its precision map to no qualifier.
_QUALIFIER = {"约为": "约", "达": "", "达到": "", "共计": "", "合计": "", "累计": "", "高达": ""}
_PER = re.compile(r"^\s*(?:/|每|／)")


def chinese_number(text: str) -> int:
    """三千 → 3000, 十二 → 12, 一百零五 → 105."""
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (current or 1) * _SMALL_UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: Decimal  # yuan
    qualifier: str  # 约, 多, 超, 以上 … as written, joined by a space when several


def parse_money(text: str, pos: int = 0) -> Money | None:
    """The amount of money written at text[pos:], or None.

    >>> parse_money("约4.2亿元").value
    Decimal('420000000')
    """
    m = MONEY.match(text, pos)
    if not m or m.end() == pos:
        return None
    num, unit, yuan = m.group("num"), m.group("unit"), m.group("yuan")
    if not (unit or yuan) or not (num or (unit and m.group("pre"))):
        return None
    if _PER.match(text[m.end() : m.end() + 2]):
        return None  # a price per unit (12.5万元/亩), not an amount
    if num is None:
        number = Decimal(1)  # 超亿元
    elif num[0].isdigit():
        number = Decimal(num)
    else:
        number = Decimal(chinese_number(num))
    value = number * (_UNITS[unit] if unit else 1)
    qualifiers = [_QUALIFIER.get(q, q) for q in (m.group("pre"), m.group("many"), m.group("many2"), m.group("post")) if q]
    qualifiers = [q for q in qualifiers if q]
    return Money(m.start(), m.end(), value, " ".join(qualifiers))


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`."""
    out = []
    pos = 0
    while pos < len(text):
        money = parse_money(text, pos)
        if money:
            out.append(money)
            pos = money.end
        else:
            pos += 1
    return out


_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
# a day of the issue's own month (5日，…) or a day named relative to the issue (昨天上午)
_RELATIVE_DAY = re.compile(r"(?P<word>今天|今日|昨天|昨日|前天)|(?<![\d月年])(?P<day>\d{1,2})日(?=[上下中晚凌早]|[，,])")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date


def resolve_month_day(month: int, day: int, issue: dt.date) -> dt.date | None:
    """A month and day against the issue's date; a date well after the issue is last year's."""
    try:
        candidate = dt.date(issue.year, month, day)
    except ValueError:
        return None
    if candidate > issue + dt.timedelta(days=31):
        try:
            candidate = dt.date(issue.year - 1, month, day)
        except ValueError:
            return None
    return candidate


def find_dates(text: str, issue: dt.date | None) -> list[DateMention]:
    """Full dates, and month–day dates when the issue's date is known (never invented otherwise)."""
    out = []
    taken = set()
    for m in _FULL_DATE.finditer(text):
        try:
            out.append(DateMention(m.start(), m.end(), dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
            taken.update(range(m.start(), m.end()))
        except ValueError:
            continue
    if issue is not None:
        for m in _MONTH_DAY.finditer(text):
            if m.start() in taken:
                continue
            date = resolve_month_day(int(m.group(1)), int(m.group(2)), issue)
            if date:
                out.append(DateMention(m.start(), m.end(), date))
        # 昨天上午 / 今日 / 5日: days the issue's date gives
        for m in _RELATIVE_DAY.finditer(text):
            if m.start() in taken or any(d.start <= m.start() < d.end for d in out):
                continue
            if m.group("word"):
                date = issue - dt.timedelta(days=_RELATIVE_DAYS[m.group("word")])
            else:
                day = int(m.group("day"))
                date = resolve_month_day(issue.month, day, issue) if day <= issue.day else None
                if date is None and day > issue.day:
                    previous = issue.replace(day=1) - dt.timedelta(days=1)
                    date = resolve_month_day(previous.month, day, previous)
            if date:
                out.append(DateMention(m.start(), m.end(), date))
    return sorted(out, key=lambda d: d.start)
