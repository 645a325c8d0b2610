"""Wrong extractions found in text of the genre, kept as regression tests."""

from __future__ import annotations

from kg.extract import extract
from tests.extract.sentences import article_of, extraction_of, facts_of


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
    mentions = extraction_of("3月13日，县长林小鹿带队调研企业。", "领导调研企业").mentions
    names = {m.entity.name for m in mentions if m.entity.type in ("Event", "Meeting")}
    assert names and all("\n" not in name for name in names)


def mentions_of(body: str) -> set[tuple[str, str, str]]:
    article = article_of(body)
    return {(m.entity.type, m.entity.name, article.text[m.start : m.end]) for m in extract(article).mentions}


def test_names_company_short_form_resolves_to_the_full_name():
    """青禾 written alone after 浙江青禾塑胶设备有限公司 is the same company, not a new name."""
    found = mentions_of("3月1日，浙江青禾塑胶设备有限公司投资2亿元建设年产5万吨管材项目。青禾负责人表示，项目年底投产。")
    assert ("Company", "浙江青禾塑胶设备有限公司", "青禾") in found


def test_names_projects_listed_before_deng_are_projects():
    """甲、乙等重大文旅项目: the listed names were lost because they carry no suffix of their own."""
    found = mentions_of("会议要求，大力招引推进云栖谷、星河湾等重大文旅项目。")
    projects = {name for kind, name, _ in found if kind == "Project"}
    assert {"云栖谷", "星河湾"} <= projects


def test_places_home_county_resolves_wo_xian():
    """在我县某镇某村投资建设的某项目: 我县 hid the chain of places before the project."""
    facts = facts_of("青川县召开会议。会议认为，企业家拟在我县白石镇翠湖村投资建设的茶旅小镇项目前景良好。")
    assert ("茶旅小镇项目", "locatedIn", "翠湖村") in facts
    assert ("白石镇", "locatedIn", "青川县") in facts


def test_people_a_preposition_after_a_title_opens_no_name():
    """总书记|关于东北、辽宁振兴: 关 is a surname, but 关于 is a preposition; no person 关于东北, no post of one."""
    x = extraction_of("会议强调，各镇街要全面贯彻落实习近平总书记关于东北、辽宁振兴发展的重要讲话精神。县长林晓东主持会议。")
    people = {m.entity.name for m in x.mentions if m.entity.type == "Person"}
    assert not any(n.startswith("关于") for n in people) and "林晓东" in people
