"""Things named by a suffix: phrases that no reader takes for a name, and names cut short.

Each case is a wrong extraction of a kind found in county papers, written again in
sentences of our own; the docstrings say what went wrong.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.suffixed import is_bare_company, is_facility
from tests.extract.sentences import article_of, extraction_of


def names(body: str) -> set[tuple[str, str]]:
    return {(m.entity.type, m.entity.name) for m in extraction_of(body).mentions}


def named(body: str, kind: str) -> set[str]:
    return {name for k, name in names(body) if k == kind}


@pytest.mark.parametrize(
    "body",
    [
        "会议要求，各乡镇要抓项目、促投资，谋项目就是谋未来。",
        "全县上下要全力推进项目建设，力争项目早投产。",
        "县长实地查看项目进展，详细询问项目建设中遇到的困难。",
        "全县将掀起新一轮拼抢大项目、攻坚大项目的热潮。",
        "各部门要严格落实项目工作责任制，主动协调项目用地。",
    ],
)
def test_suffixed_verb_with_project_as_object_is_no_project(body):
    """抓项目, 全力推进项目, 实地查看项目: a verb (and its adverbial) before 项目 was taken for a project's name."""
    assert named(body, "Project") == set()


@pytest.mark.parametrize(
    "body",
    [
        "其中交通类项目3个，民生和基础设施项目5个。",
        "这些龙头项目的落地，带动了产业链项目集聚。",
        "全县坚持把招商引资作为“一号工程”来抓，实施“强县工程”。",
        "此次集中开工项目12个，半岛今年项目争速的号角吹响。",
    ],
)
def test_suffixed_phrase_of_kinds_is_no_name(body):
    """交通类项目, 民生和基础设施项目, “一号工程”, 法治政府: a category, a slogan or a quality was a name."""
    found = names(body)
    assert not any(kind in ("Project", "Organization") for kind, _ in found), found


def test_suffixed_quality_before_government_is_no_body():
    """法治政府建设情况: a quality of government (法治) was taken for a body next to the real 县政府."""
    orgs = named("会议听取了县政府关于法治政府建设情况的报告。", "Organization")
    assert "县政府" in orgs
    assert "法治政府" not in orgs


def test_suffixed_list_before_deng_keeps_the_kind_it_names():
    """甲路、乙路等市政道路改造工程: a list before 等 names the works, the kind after it stays their name."""
    assert "市政道路改造工程" in named("东湖路、西塘路等市政道路改造工程总投资3000万元。", "Project")


@pytest.mark.parametrize(
    ("body", "junk"),
    [
        ("整个园区将为小微企业提供标准厂房。", "整个园区"),
        ("所有五区厂房明年交付使用。", "所有五区"),
        ("整个项目采取分段施工。", "整个项目"),
        ("区人大常委会各室委负责同志列席会议。", "室委"),
    ],
)
def test_suffixed_determiner_phrase_is_no_name(body, junk):
    """整个园区, 所有五区, 各室委: a determiner's phrase referring to a whole kind was a place or a body."""
    assert junk not in {name for _, name in names(body)}


@pytest.mark.parametrize(
    ("body", "junk"),
    [
        ("该项目涉及9个行政村，总投资2亿元。", "个行政村"),
        ("要持续完善四省边际交通网络。", "完善四省"),
        ("新项目的建成将改善城镇基础条件、释放城镇发展活力。", "释放城镇"),
        ("该企业为上市募投项目，占地80亩。", "上市"),
        ("全镇坚持工业强镇、文旅兴镇。", "文旅兴镇"),
        ("某县获评全国百强县。", "百强县"),
        ("出席仪式的有华联集团西北区生产总监。", "西北区"),
    ],
)
def test_suffixed_fragment_ending_in_a_place_suffix_is_no_place(body, junk):
    """个行政村, 完善四省, 释放城镇, 上市, 文旅兴镇, 百强县, 西北区: a count, a verb, a slogan or a
    company's sales region ending in 村/省/镇/市/县/区 was taken for a place."""
    assert junk not in named(body, "Place")


def test_suffixed_place_name_is_the_tail_the_gazetteer_knows():
    """仪式上晋中市, 故里祁县: the words before a county the gazetteer knows were kept in its name."""
    places = named("仪式上晋中市领导致辞，希望企业在晋商故里祁县发展壮大。", "Place")
    assert {"晋中市", "祁县"} <= places
    assert not places & {"仪式上晋中市", "故里祁县"}


def test_suffixed_zone_of_the_county_keeps_the_county():
    """在县工业集中区举行: the zone was cut to 工业集中区, losing the 县 that makes it the county's own."""
    assert "县工业集中区" in named("开工仪式在县工业集中区举行。", "Place")


def test_suffixed_zone_name_keeps_its_activity():
    """某绿色食品加工工业区: the activity (加工) ended the name, leaving the bare 工业区."""
    places = named("全县依托红河绿色食品加工工业区、东湖新城两大平台招商。", "Place")
    assert "红河绿色食品加工工业区" in places
    assert "工业区" not in places


def test_suffixed_village_after_its_town_is_its_own_name():
    """拐河镇东麦村: jieba's 河镇 was kept at the village's start (河镇东麦村)."""
    places = named("观摩组先后来到杨柳镇、拐河镇东麦村。", "Place")
    assert "河镇东麦村" not in places
    assert "东麦村" in places


def test_suffixed_list_item_ends_at_an_ellipsis():
    """甲产业园……县经济技术开发区: an ellipsis joined a list's items into one place."""
    places = named("智能制造产业园……县经济技术开发区一大批项目正在赶进度。", "Place")
    assert not any("…" in p for p in places)
    assert "县经济技术开发区" in places


def test_suffixed_zone_part_after_the_zone_is_no_place_of_its_own():
    """某开发区东区: the zone's east part became a place, and the project was placed in 东区."""
    places = named("该项目位于青岚经济开发区东区，规划用地80亩。", "Place")
    assert "东区" not in places
    assert "青岚经济开发区" in places


@pytest.mark.parametrize(
    ("body", "junk"),
    [
        ("会议强调，要全面建设法治高效阳光廉洁政府。", "全面建设法治高效阳光廉洁政府"),
        ("会议听取并分组评议区政府上半年工作报告。", "分组评议区政府"),
        ("项目建设内容包括技术研发中心、产品检测中心。", "产品检测中心"),
        ("镇党委要以恒心办恒业、以诚心招客商。", "恒心办"),
    ],
)
def test_suffixed_clause_or_facility_is_no_body(body, junk):
    """全面建设…政府, 分组评议区政府, 产品检测中心, 恒心办: a clause, a verb before the name, a
    project's facility or a verb (办) was an organisation."""
    assert junk not in named(body, "Organization")


def test_suffixed_party_committee_and_government_are_two_bodies():
    """县委县政府: two bodies written together became one organisation."""
    orgs = named("县长代表县委县政府对客商表示欢迎。", "Organization")
    assert "县委县政府" not in orgs
    assert "县政府" in orgs


def test_suffixed_verb_before_a_body_is_not_its_name():
    """县政府派出经贸局, 接受某某辞去某区人民政府: the verb and what precedes it were in the name."""
    orgs = named("为此，县政府派出经贸局干部驻企服务。", "Organization")
    assert "经贸局" in orgs
    assert not any("派出" in o for o in orgs)


@pytest.mark.parametrize("name", ["科技股份有限公司", "食品有限公司", "控股集团有限公司", "科技有限责任公司"])
def test_suffixed_company_suffix_after_industry_words_names_no_company(name):
    """科技股份有限公司, 食品有限公司: the distinctive name was lost and a suffix alone stood as a company."""
    assert is_bare_company(name)
    assert not is_bare_company("青禾" + name)


def test_suffixed_company_title_keeps_its_distinctive_word():
    """无穷食品有限公司总裁: the name's first word (tagged an adverb) was cut, leaving 食品有限公司."""
    companies = named("县长与无穷食品有限公司总裁代表双方签约。", "Company")
    assert "食品有限公司" not in companies
    assert "无穷食品有限公司" in companies


def test_suffixed_plant_is_a_project_not_a_company():
    """某县污水处理厂二期项目, 某公司智慧能源工厂: a plant being built was typed as a company."""
    found = names("当天开工的有青川县城北污水处理厂二期项目、堽城镇的辰安智慧能源工厂项目。")
    assert not any(kind == "Company" for kind, _ in found), found
    assert is_facility("辰安智慧能源工厂") and not is_facility("金星啤酒厂")


def test_suffixed_plant_without_a_name_is_nothing():
    """现代化工厂, 工业污水处理厂: a kind of plant with no name of its own was a company."""
    found = {name for _, name in names("该项目将建成可展示的现代化工厂，并配套建设污水处理厂。")}
    assert not found & {"现代化工厂", "污水处理厂"}


def test_suffixed_company_does_not_run_on_into_its_plant():
    """某有限公司某县某加工厂: one company's name ran on over the plant it owns."""
    found = names("委员们察看了浙江青禾乳业有限公司平阳县液态奶加工厂。")
    assert ("Company", "浙江青禾乳业有限公司") in found
    assert not any(kind == "Company" and name.endswith("加工厂") for kind, name in found)


def test_suffixed_branch_company_keeps_its_parent():
    """某股份有限公司某分公司: the branch is one name with its parent's."""
    companies = named("福建省青禾科化股份有限公司永春分公司负责人介绍了情况。", "Company")
    assert "福建省青禾科化股份有限公司永春分公司" in companies


def test_references_short_form_with_place_is_the_company_when_the_core_is_shared():
    """山西正大 for 山西正大有限公司: another company (正大集团) shared the core 正大, so the short
    form was dropped and the company's facts with it."""
    text = "山西青禾有限公司副总经理李明主持。青禾集团西北区总监出席。山西青禾落户祁县。"
    found = names(text)
    assert ("Company", "山西青禾有限公司") in found
    article = article_of(text)
    short = [m for m in extract(article).mentions if article.text[m.start : m.end] == "山西青禾"]
    assert short and short[0].entity.name == "山西青禾有限公司"


@pytest.mark.parametrize(
    ("body", "junk"),
    [
        ("会议专题询问会设项目等5个议题。", "设项目"),
        ("着力在引项目、聚资源上下功夫。", "引项目"),
        ("全县实施三五八工程，带动产业升级。", None),
    ],
)
def test_suffixed_one_verb_before_project_is_no_project(body, junk):
    """设项目, 引项目: a single verb before 项目 was a project; a programme named by numerals stays one."""
    projects = named(body, "Project")
    if junk is None:
        assert "三五八工程" in projects
    else:
        assert junk not in projects


def test_suffixed_preposition_before_a_project_is_not_its_name():
    """与某学院项目为两校融合项目: the preposition 与 opened the project's name."""
    projects = named("该项目与青岚技师学院项目为两校融合项目。", "Project")
    assert "青岚技师学院项目" in projects
    assert not any(p.startswith("与") for p in projects)


def test_suffixed_capacity_per_day_opens_the_project():
    """二期200t/d某回收项目: the name was cut after the slash, starting at d."""
    projects = named("公司二期200t/d尾矿综合回收项目明年投产。", "Project")
    assert "200t/d尾矿综合回收项目" in projects
    assert not any(p.startswith("d") for p in projects)


def test_suffixed_place_before_deng_belongs_to_the_kind():
    """某村等民生实事项目: the name was cut to the kind (民生实事项目) after 等."""
    assert "青石村等民生实事项目" in named("投资200万元的青石村等民生实事项目年内完工。", "Project")


@pytest.mark.parametrize(
    ("body", "junk"),
    [
        ("县政协十一届四次常委会召开。", "县政协十一届四次常委会"),
        ("项目建设内容包含电商中心、冷链中心、果品交易中心。", "果品交易中心"),
    ],
)
def test_suffixed_session_or_trade_centre_is_no_body(body, junk):
    """县政协十一届四次常委会 is a session; 果品交易中心 a part of a market being built: neither is a body."""
    assert junk not in named(body, "Organization")
    assert junk not in named(body, "Project")


def test_suffixed_data_centre_with_a_name_is_a_project():
    """某地数据中心项目: a data centre being built was an organisation."""
    found = names("领导一行来到青川移动西岭数据中心项目现场。")
    assert not any(kind == "Organization" and name.endswith("数据中心") for kind, name in found)


def test_suffixed_slogan_and_zone_kinds_are_no_places():
    """“中国牛县”, 打造…的旅游综合功能业态园区: a slogan and a kind of zone were places."""
    places = named("全县以打造“东北瓷都、中国牛县”为目标，建设集游购娱于一体的旅游综合功能业态园区。", "Place")
    assert not places & {"中国牛县", "旅游综合功能业态园区"}


def test_suffixed_place_does_not_open_with_a_zone_suffix():
    """某自主创新示范区瓯海片区: the verb 创新 cut the name and left 示范区瓯海片区."""
    places = named("青川国家自主创新示范区东江片区基础配套工程开工。", "Place")
    assert "示范区东江片区" not in places
    assert "东江片区" in places


def test_suffixed_quoted_name_after_a_zone_belongs_to_the_works():
    """某经济技术开发区“九通一平”道路建设工程: the name stopped at the quote, leaving 道路建设工程."""
    projects = named("青川经济技术开发区“九通一平”道路建设工程总投资0.7亿元。", "Project")
    assert "青川经济技术开发区“九通一平”道路建设工程" in projects
    assert "道路建设工程" not in projects


def test_suffixed_bracketed_place_is_part_of_the_name():
    """某食品(山东)生产基地, 某科技(海南)有限公司: the bracket cut the name after the place."""
    assert "青禾食品(山东)生产基地建设项目" in named("青禾食品(山东)生产基地建设项目总投资约11亿元。", "Project")
    assert "美青(海南)科技有限责任公司" in named("美青(海南)科技有限责任公司代表签约。", "Company")


@pytest.mark.parametrize(
    "body",
    ["更有城市更新、民生保障等基础配套项目。", "项目已完成桩基基础工程。", "要进一步加快食品产业项目建设。"],
)
def test_suffixed_kinds_of_works_in_lists_or_alone_are_no_projects(body):
    """城市更新、民生保障等…, 桩基基础工程, 食品产业项目: kinds of works or a trade were projects."""
    assert named(body, "Project") == set()


def test_suffixed_county_wide_word_opens_no_project():
    """全镇某创业园项目: 全镇 (the whole town) was kept at the project's start."""
    assert "青石村综合楼项目" in named("全镇青石村综合楼项目开工。", "Project")
    assert "红星产业园项目" in named("全县红星产业园项目开工。", "Project")


def test_suffixed_approval_verb_opens_no_project():
    """会议原则同意某开发区某项目: the approval and the meeting were read into the project's name."""
    projects = named("会议原则同意青岚经济开发区标准厂房三期项目建设方案。", "Project")
    assert "青岚经济开发区标准厂房三期项目" in projects


def test_suffixed_company_name_cut_into_single_characters_is_kept_whole():
    """均胜汽车安全系统(长兴)有限公司, 达碳厂: jieba cut the unknown name into single characters (均/d 胜/v),
    and the leading 'adverb' and 'verb' were trimmed off the company's name."""
    assert "均盛汽车安全系统(长兴)有限公司" in named("位于虹星桥镇的均盛汽车安全系统(长兴)有限公司厂房内。", "Company")
    assert "青禾新材料有限公司" in named("近日，引进青禾新材料有限公司落户。", "Company")


def test_suffixed_projects_of_a_month_are_no_project():
    """县发改局负责人介绍6月项目集中开工情况: a verb and a month before 项目 were a project's name."""
    assert named("县发改局主要负责人介绍6月项目集中开工情况。", "Project") == set()


def test_suffixed_committee_of_a_session_stays_a_body():
    """某政协七届二次会议提案审查委员会: the rule against sessions (某届某次常委会) dropped the committee too."""
    assert "县政协七届二次会议提案审查委员会" in named("大会通过了县政协七届二次会议提案审查委员会的报告。", "Organization")


def test_suffixed_company_works_and_capacity_keep_their_words():
    """某公司种植基地 (a verb before the suffix, but the company's own base) and 某公司年|加工鲜奶N万吨某项目
    (年 cut as a leading number) lost the project or its first word."""
    assert "种植基地" in named("来到青石村的青禾农业开发有限公司种植基地。", "Project")
    assert "年加工鲜奶20万吨智能化工厂项目" in named("青禾乳业有限公司年加工鲜奶20万吨智能化工厂项目总投资约9亿元。", "Project")
