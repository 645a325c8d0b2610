"""Layout repair: page furniture removed, sentences broken by the layout joined, the issue's date."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.text.layout import is_furniture, issue_date, repair

BODY = "本报讯（记者 林小鹿）青禾镇召开秋收工作会议，部署下一阶段工作。"


@pytest.mark.parametrize(
    "line",
    [
        "中共青禾区委主办 青禾传媒集团承办",
        "JIN RI QING HE 今日8版 总第3576期",
        "下转第二版",
        "富强 民主 文明 和谐",
        "爱国 敬业 诚信 友善",
        "从 严 从 紧 抓 好 落 实",
        "2022年7月19日 星期二",
        "青禾日报 2024年5月10日",
        "今日青禾 2022年7月19日 第3版",
        "   ",
    ],
)
def test_layout_furniture_lines_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [BODY, "青禾镇召开秋收工作会议", "会议要求，各村抓好落实。", "一、关于秋收工作", "全县大会 2024年5月10日召开", "会议于 2024年5月10日 举行。"],
)
def test_layout_text_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_layout_furniture_removed_from_page() -> None:
    page = repair(
        "中共青禾区委主办 青禾传媒集团承办\n"
        "JIN RI QING HE 今日8版 总第3576期\n"
        "2022年7月19日 星期二\n"
        "富强 民主 文明 和谐\n"
        f"{BODY}\n"
        "下转第二版\n"
        "从 严 从 紧 抓 好 落 实\n"
    )
    assert page.paragraphs == (BODY,)


@pytest.mark.parametrize(
    "text, joined",
    [
        ("会议指出，要立足青\n\n禾区位交通优势，加快发展。", "会议指出，要立足青禾区位交通优势，加快发展。"),
        ("会议强调，各部门要\n\n加强协作，形成合力。", "会议强调，各部门要加强协作，形成合力。"),
        ("林小鹿表示，要抓好产业、\n人才和服务三件事。", "林小鹿表示，要抓好产业、人才和服务三件事。"),
        ("白石村今年种植水稻三百亩，\n\n\n预计增收二十万元。", "白石村今年种植水稻三百亩，预计增收二十万元。"),
    ],
)
def test_layout_sentence_broken_by_blank_line_joined(text: str, joined: str) -> None:
    assert repair(text).paragraphs == (joined,)


def test_layout_finished_sentences_stay_apart() -> None:
    text = "会议要求，各村抓好落实。\n\n白石村今年种植水稻三百亩。"
    assert repair(text).paragraphs == ("会议要求，各村抓好落实。", "白石村今年种植水稻三百亩。")


def test_layout_section_heading_not_joined_to_previous_line() -> None:
    text = "会议指出，要抓好以下工作\n一、关于秋收工作\n各村要按时完成收割。"
    assert repair(text).paragraphs[1] == "一、关于秋收工作"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("青禾日报\n2022年7月19日 星期二\n" + BODY, dt.date(2022, 7, 19)),
        ("青禾日报 2023年1月3日 星期二 农历腊月十二\n" + BODY, dt.date(2023, 1, 3)),
        ("2021年12月31日\n" + BODY, dt.date(2021, 12, 31)),
        ("2022 年 7 月 19 日 周二\n" + BODY, dt.date(2022, 7, 19)),
        ("青禾日报 2024年5月10日\n\n" + BODY, dt.date(2024, 5, 10)),
        ("今日青禾 2022年7月19日 第3版\n" + BODY, dt.date(2022, 7, 19)),
    ],
)
def test_layout_issue_date_from_masthead(text: str, expected: dt.date) -> None:
    assert issue_date(text) == expected
    assert repair(text).issue_date == expected


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "青禾镇7月15日召开会议。\n" + BODY,  # a month-day date in the body is not the issue's
        "2022年2月30日 星期三\n" + BODY,  # an impossible date
        "青禾镇召开秋收工作会议\n青禾日报 2024年5月10日\n" + BODY,  # the paper's name and date, not first
        "",
    ],
)
def test_layout_no_issue_date_when_absent(text: str) -> None:
    assert issue_date(text) is None
    assert repair(text).issue_date is None


def test_layout_name_and_date_masthead_is_neither_headline_nor_missing_date() -> None:
    """`青禾日报 2024年5月10日` on the first line is the masthead: the first article keeps its
    own headline and the issue's date, from which its meeting's year comes."""
    from kg.text.articles import split_articles

    text = "青禾日报 2024年5月10日\n\n青禾镇召开秋收工作会议\n本报讯 5月9日，青禾镇召开秋收工作会议。\n"
    articles = split_articles(repair(text), "p.txt")
    assert [(a.headline, a.date) for a in articles] == [("青禾镇召开秋收工作会议", dt.date(2024, 5, 10))]
