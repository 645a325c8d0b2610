"""Splitting a page into articles: headline, byline, the issue's date (never invented)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.text.articles import DATELINE, split_articles
from kg.text.layout import repair

PAGE = (
    "青禾日报\n"
    "2023年3月14日 星期二\n"
    "中共青禾区委主办 青禾传媒集团承办\n"
    "白石镇召开乡村振兴推进会\n"
    "本报讯（记者 林小鹿 苏远山）3月13日，白石镇召开乡村振兴推进会。镇党委书记柯明远主持会议。\n"
    "会议要求，各村要抓好落实。\n"
    "下转第二版\n"
    "绿溪街道开展环境整治\n"
    "本报讯（记者 苏远山）近日，绿溪街道开展环境整治行动，清理垃圾200余吨。\n"
)


def test_articles_two_articles_on_a_page() -> None:
    articles = split_articles(repair(PAGE), "page.txt")
    assert [a.headline for a in articles] == ["白石镇召开乡村振兴推进会", "绿溪街道开展环境整治"]
    assert [a.byline for a in articles] == ["本报讯（记者 林小鹿 苏远山）", "本报讯（记者 苏远山）"]
    assert [a.date for a in articles] == [dt.date(2023, 3, 14)] * 2
    assert [a.index for a in articles] == [0, 1]
    assert all(a.source == "page.txt" for a in articles)
    first, second = articles
    assert "会议要求，各村要抓好落实。" in first.text
    assert "下转" not in first.text
    assert "绿溪街道" not in first.text
    assert first.text[first.head_end :].startswith("本报讯（记者 林小鹿 苏远山）")
    assert second.text[second.head_end :].startswith("本报讯（记者 苏远山）")


def test_articles_date_override() -> None:
    articles = split_articles(repair(PAGE), "page.txt", date=dt.date(2020, 1, 2))
    assert {a.date for a in articles} == {dt.date(2020, 1, 2)}


def test_articles_no_masthead_no_date() -> None:
    page = repair("白石镇召开乡村振兴推进会\n本报讯（记者 林小鹿）3月13日，白石镇召开乡村振兴推进会。\n")
    (article,) = split_articles(page, "page.txt")
    assert article.date is None
    assert article.headline == "白石镇召开乡村振兴推进会"


def test_articles_date_stands_in_for_missing_masthead() -> None:
    page = repair("白石镇召开乡村振兴推进会\n本报讯（记者 林小鹿）3月13日，白石镇召开乡村振兴推进会。\n")
    (article,) = split_articles(page, "page.txt", date=dt.date(2023, 3, 14))
    assert article.date == dt.date(2023, 3, 14)


def test_articles_dateline_starts_a_new_article_without_headline() -> None:
    page = repair(
        "白石镇召开乡村振兴推进会\n"
        "本报讯（记者 林小鹿）3月13日，白石镇召开乡村振兴推进会。\n"
        "本报讯（记者 苏远山）近日，绿溪街道开展环境整治行动。\n"
    )
    articles = split_articles(page, "page.txt")
    assert len(articles) == 2
    assert articles[1].byline == "本报讯（记者 苏远山）"


@pytest.mark.parametrize(
    "line, byline",
    [
        ("本报讯（记者 林小鹿 苏远山）3月13日，会议召开。", "本报讯（记者 林小鹿 苏远山）"),
        ("本报讯(记者 林小鹿)3月13日，会议召开。", "本报讯(记者 林小鹿)"),
        ("本报讯 3月13日，会议召开。", "本报讯"),
        ("云上青禾讯 记者林小鹿报道：3月13日，会议召开。", "云上青禾讯 记者林小鹿报道："),
    ],
)
def test_articles_dateline_byline(line: str, byline: str) -> None:
    match = DATELINE.match(line)
    assert match is not None and match.group(0).strip() == byline


def test_articles_page_without_body_gives_none() -> None:
    assert split_articles(repair("青禾日报\n2023年3月14日 星期二\n"), "page.txt") == []
