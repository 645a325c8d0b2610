"""Wrong extractions found in text of the genre, kept as regression tests."""

from __future__ import annotations

from kg.extract import extract
from kg.text.articles import DATELINE
from kg.types import Article
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


def _people(x) -> set[str]:
    return {m.entity.name for m in x.mentions if m.entity.type == "Person"}


def test_people_reporters_of_credit_lines_are_people():
    """A credit line under the headline (某报记者 某某 某某 实习生 某某), a bracket ending a paragraph
    ((某日报记者 某某), (某某 某某)): reporters are people of the article, as the byline's are."""
    text = ("项目集中开工\n青溪日报记者 林小鹿 贺文涛 实习生 邱志远\n"
            "3月5日，青石镇5个项目集中开工，县长张强出席。(青溪日报记者 周晓梅)\n"
            "项目总投资3亿元，年底建成。(王海波 李红梅)\n"
            "项目分两期(一期)建设，产品销往内蒙古(包头)。\n")
    x = extract(Article(text, "x.txt", "项目集中开工", None, "", len("项目集中开工\n青溪日报记者 林小鹿 贺文涛 实习生 邱志远\n")))
    people = _people(x)
    assert {"林小鹿", "贺文涛", "邱志远", "周晓梅", "王海波", "李红梅", "张强"} <= people
    assert not any(p in people for p in ("一期", "包头"))


def test_people_a_dated_dateline_s_byline_is_read_and_a_team_is_no_post():
    """某在线某地3月22日讯(记者 某某 县委报道组 某某): the date before 讯 hid the byline; the team member is no 记者."""
    body = "青溪在线白塔3月22日讯(记者 叶小青 县委报道组 张一鸣) 3月21日上午，白塔县一季度重大项目集中开工。"
    text = "项目集中开工\n" + body
    byline = DATELINE.match(body).group(0).strip()
    x = extract(Article(text, "x.txt", "项目集中开工", None, byline, len("项目集中开工\n")))
    people = _people(x)
    posts = {(f.subject.name, f.object.name) for f in x.facts if f.predicate == "holdsPosition"}
    assert {"叶小青", "张一鸣"} <= people
    assert ("叶小青", "记者") in posts and ("张一鸣", "记者") not in posts
