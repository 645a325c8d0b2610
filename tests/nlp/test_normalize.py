"""Normalising amounts of money (to yuan, with qualifiers as written) and dates (against the issue's date)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.nlp.normalize import chinese_number, find_dates, find_money, parse_money


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("1.2亿元", "120000000", ""),
        ("600多亿", "60000000000", "多"),
        ("约4.2亿元", "420000000", "约"),
        ("约为5亿元", "500000000", "约"),
        ("3000万元", "30000000", ""),
        ("超亿元", "100000000", "超"),
        ("6亿元以上", "600000000", "以上"),
        ("1.8万元", "18000", ""),
        ("三千万元", "30000000", ""),
        ("两千万元", "20000000", ""),
        ("逾百亿元", "10000000000", "逾"),
        ("500余万元", "5000000", "余"),
        ("800元", "800", ""),
        ("达2.5亿元", "250000000", ""),
    ],
)
def test_normalize_money_forms(text: str, value: str, qualifier: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.value == Decimal(value)
    assert money.qualifier == qualifier
    assert (money.start, money.end) == (0, len(text))


@pytest.mark.parametrize("text", ["12.5万元/亩", "3元每斤", "3000", "亿", "约", "万人", "今年"])
def test_normalize_not_money(text: str) -> None:
    assert parse_money(text) is None


def test_normalize_money_found_in_sentence() -> None:
    text = "白石村去年集体收入达120万元，今年预计超过200万元。"
    found = find_money(text)
    assert [(text[m.start : m.end], m.value) for m in found] == [
        ("达120万元", Decimal(1_200_000)),
        ("超过200万元", Decimal(2_000_000)),
    ]
    assert found[1].qualifier == "超过"


@pytest.mark.parametrize("text, number", [("三千", 3000), ("十二", 12), ("一百零五", 105), ("两万", None)])
def test_normalize_chinese_numbers(text: str, number: int | None) -> None:
    if number is None:
        with pytest.raises(ValueError):
            chinese_number(text)
    else:
        assert chinese_number(text) == number


@pytest.mark.parametrize(
    "text, issue, expected",
    [
        ("7月15日，白石镇召开会议。", dt.date(2022, 7, 19), dt.date(2022, 7, 15)),
        ("12月28日，白石镇召开会议。", dt.date(2023, 1, 3), dt.date(2022, 12, 28)),
        ("1月2日，白石镇召开会议。", dt.date(2023, 1, 3), dt.date(2023, 1, 2)),
        ("预计于2025年2月1日正式投产。", dt.date(2024, 12, 10), dt.date(2025, 2, 1)),
        ("预计于2025年2月1日正式投产。", None, dt.date(2025, 2, 1)),
        ("8月5号，白石镇召开会议。", dt.date(2022, 7, 19), dt.date(2022, 8, 5)),
    ],
)
def test_normalize_dates_resolved(text: str, issue: dt.date | None, expected: dt.date) -> None:
    (mention,) = find_dates(text, issue)
    assert mention.date == expected
    assert text[mention.start : mention.end].endswith(("日", "号"))


@pytest.mark.parametrize(
    "text, issue",
    [
        ("7月15日，白石镇召开会议。", None),
        ("2月30日，白石镇召开会议。", dt.date(2022, 7, 19)),
        ("2022年13月1日，白石镇召开会议。", None),
        ("白石镇召开会议。", dt.date(2022, 7, 19)),
    ],
)
def test_normalize_dates_not_invented(text: str, issue: dt.date | None) -> None:
    assert find_dates(text, issue) == []


def test_normalize_full_date_not_also_read_as_month_day() -> None:
    found = find_dates("2021年3月4日与3月5日", dt.date(2022, 7, 19))
    assert [m.date for m in found] == [dt.date(2021, 3, 4), dt.date(2022, 3, 5)]

