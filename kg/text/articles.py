"""Split a repaired page into articles: headline block, byline and dateline, body.

A new article starts at a headline block (short unpunctuated lines) followed by
body text, or at a dateline paragraph (`本报讯（记者 洪纲）7月18日，…`) when the
current article already has a body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from kg.text.layout import Page, is_headline_like, is_section_heading
from kg.types import Article

# 本报讯 (记者 洪纲 李钱乾) / 云上崇阳讯 记者王细珍报道: / 新华社北京7月1日电
DATELINE = re.compile(
    r"^(?:本报讯|[\u4e00-\u9fff]{1,10}(?:\d{1,2}月\d{1,2}日)?讯|新华社[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电|本报[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日电)"
    r"\s*(?:[（(][^）)]{0,40}[）)]|记者[^:：，,。]{0,20}(?:报道)?[:：]?)?"
)


def split_articles(page: Page, source: str, *, date: dt.date | None = None, one_line: bool = False) -> list[Article]:
    """Articles of a page; `date` overrides the masthead's issue date (or stands in for a missing one).

    `one_line` says the file had no line break at all: its text is one article, however short.
    """
    issue = date or page.issue_date
    articles: list[Article] = []
    blocks = list(_blocks(page.paragraphs))
    if not blocks and one_line and len(page.paragraphs) == 1:
        blocks = [([], list(page.paragraphs))]  # (alone, a short unpunctuated line reads as a headline)
    for head, body in blocks:
        text, head_end = _compose(head, body)
        if not body or not text.strip():
            continue
        byline = ""
        match = DATELINE.match(body[0])
        if match:
            byline = match.group(0).strip()
        headline = _headline(head)
        articles.append(
            Article(
                text=text,
                source=source,
                headline=headline,
                date=issue,
                byline=byline,
                head_end=head_end,
                index=len(articles),
                paper=page.paper,
            )
        )
    return articles


def _headline(head: list[str]) -> str:
    # The main headline is the longest line of the block; kickers and column names are short.
    if not head:
        return ""
    return max(head, key=len)


def _compose(head: list[str], body: list[str]) -> tuple[str, int]:
    head_text = "\n".join(head)
    if head_text:
        head_text += "\n"
    return head_text + "\n".join(body), len(head_text)


COLUMN_LABEL_MAX = 4  # 评论, 短评, 要闻: a column's name, not a headline


def _blocks(paragraphs: tuple[str, ...]) -> Iterator[tuple[list[str], list[str]]]:
    head: list[str] = []
    body: list[str] = []
    orphan: list[str] = []  # a headline whose body the layout put after another column
    for paragraph in paragraphs:
        headline = is_headline_like(paragraph) and not is_section_heading(paragraph)
        if headline:
            if body:
                yield head, body
                head, body = [], []
            if len(paragraph) <= COLUMN_LABEL_MAX and any(len(line) > COLUMN_LABEL_MAX for line in head):
                orphan, head = head, []
            head.append(paragraph)
            continue
        if DATELINE.match(paragraph):
            if body:
                yield head, body
                head, body = [], []
            if not head and orphan:
                head, orphan = orphan, []
        body.append(paragraph)
    if body:
        yield head, body
