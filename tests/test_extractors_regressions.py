"""Wrong extractions found in text of the genre, kept as regression tests."""

from __future__ import annotations

import datetime as dt

from kg.extractors import extract
from kg.types import Article

BYLINE = "本报讯（记者 王五）"


def facts_of(body: str, headline: str = "测试标题") -> set[tuple[str, str, str]]:
    text = f"{headline}\n{BYLINE}{body}"
    article = Article(text, "x.txt", headline, dt.date(2023, 3, 14), BYLINE, len(headline) + 1)
    return {(f.subject.name, f.predicate, getattr(f.object, "name", str(f.object))) for f in extract(article).facts}


def test_places_chain_before_de_locates_the_thing_in_the_innermost_place():
    """位于某区某镇的X: X was given no place because the chain 某区某镇 was read as 某区 alone."""
    facts = facts_of("近日，位于青川区白石镇的翠湖智能制造产业园开工建设。")
    assert ("翠湖智能制造产业园", "locatedIn", "白石镇") in facts
    assert ("白石镇", "locatedIn", "青川区") in facts


def test_money_total_investment_after_a_project_name_ending_in_xiangmu():
    """某产业园项目总投资约4.2亿元: the trigger 项目总投资 started inside the project's name and was lost."""
    facts = facts_of("翠湖智能制造产业园项目总投资约4.2亿元，预计明年投产。")
    assert ("翠湖智能制造产业园项目", "totalInvestment", "约4.2亿元") in facts


def test_events_visit_name_stops_at_the_line_end():
    """Headline 领导调研企业 ran on into the dateline and made an event named across two lines."""
    text = f"领导调研企业\n{BYLINE}3月13日，县长林小鹿带队调研企业。"
    article = Article(text, "x.txt", "领导调研企业", dt.date(2023, 3, 14), BYLINE, len("领导调研企业") + 1)
    names = {m.entity.name for m in extract(article).mentions if m.entity.type in ("Event", "Meeting")}
    assert names and all("\n" not in name for name in names)
