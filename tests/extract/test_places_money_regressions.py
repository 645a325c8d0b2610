"""Wrong or missing places and amounts found in text of the genre, kept as regression tests.

The sentences are invented; the places are real divisions of one county, as the gazetteer knows them.
"""

from __future__ import annotations

import datetime as dt

from kg.extract import extract
from kg.types import Article
from tests.extract.sentences import extraction_of, facts_of


def totals(facts: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts if p == "totalInvestment"}


def test_money_a_total_after_a_count_of_projects_is_the_batchs():
    """本次集中开工的项目共12项，总投资N; 产业项目5项，总投资N: each total went to the last project named."""
    facts = facts_of(
        "在翠湖智能制造产业园项目现场，县长宣布开工。本次集中开工的项目共12项，总投资56.2亿元。"
        "其中，产业项目5项，总投资31.4亿元；民生项目7项，总投资24.8亿元。"
    )
    assert totals(facts) == set()


def test_money_amounts_listed_before_de_pair_with_their_own_projects():
    """投资3亿元的甲项目、投资7000万元的乙项目: 乙's amount was given to 甲, named just before it."""
    facts = facts_of("8个项目分别是：投资3亿元的云栖科技产业项目、投资7000万元的东岭村综合楼项目、投资600万元的西岭村文化礼堂项目。")
    assert ("云栖科技产业项目", "3亿元") in totals(facts)
    assert ("东岭村综合楼项目", "7000万元") in totals(facts)
    assert ("云栖科技产业项目", "7000万元") not in totals(facts)


def test_money_amount_before_de_belongs_to_the_thing_after_it():
    """在某开发区，总投资66亿元的某工厂: the amount went to a project of the sentence before."""
    facts = facts_of(
        "总投资5亿元的汽车轻量化部件项目已进入设备调试阶段。在县经济开发区，总投资12亿元的星驰电驱智慧工厂已完成桩基施工。"
    )
    assert ("星驰电驱智慧工厂", "12亿元") in totals(facts)
    assert ("汽车轻量化部件项目", "12亿元") not in totals(facts)


def test_money_a_project_named_after_its_company_costs_and_is_invested_in():
    """某有限公司项目总投资1.2亿元: the amount went to a phrase of the sentence before, and no company invested."""
    facts = facts_of("大家一路走、一路看，新投产产业项目亮点多。青禾筑路材料有限公司项目总投资1.2亿元，占地37亩。")
    assert ("青禾筑路材料有限公司项目", "1.2亿元") in totals(facts)
    assert ("青禾筑路材料有限公司", "investedIn", "青禾筑路材料有限公司项目") in facts


def test_money_company_builds_the_project_named_after_de():
    """由某公司投资3.96亿元建设的某项目: the company was said to invest in a project named before 由."""
    facts = facts_of("会议听取了民生工程进展。在东岭镇，由青禾风电有限公司投资3.96亿元建设的49.5兆瓦风电项目破土动工。")
    invested_in = {(s, o) for s, p, o in facts if p == "investedIn"}
    assert any(s.endswith("风电有限公司") and o == "49.5兆瓦风电项目" for s, o in invested_in)
    assert ("49.5兆瓦风电项目", "3.96亿元") in totals(facts)
    assert not any(o == "民生工程" for _, o in invested_in)


def test_money_the_sentence_subject_costs_what_it_plans_to_invest():
    """某区的某项目为某类项目，占地N亩，计划投资15亿元: the amount was lost, no project in its clause."""
    facts = facts_of("县经济开发区的青禾新型医疗材料项目为上市募投项目，占地157亩，计划投资15亿元。")
    assert ("青禾新型医疗材料项目", "15亿元") in totals(facts)


def test_places_word_fragments_and_batches_locate_nothing():
    """上市募投项目 → 上市, 城镇基础类项目 → 城镇, 某县2022年第四季度集中开工项目 → 某县: no place, no thing."""
    facts = facts_of(
        "缙云县2022年第四季度集中开工项目共18个。城镇基础类项目3个，总投资9833万元。青禾医疗材料项目为上市募投项目。"
    )
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert not any(o in ("上市", "城镇") for _, o in located)
    assert not any("集中开工项目" in s for s, _ in located)


def test_places_gazetteer_confirms_a_town_written_after_its_county():
    """缙云县壶镇镇某项目: the town inside a project's name was no place, and its county not known."""
    facts = facts_of("缙云县召开会议。当天开工的有缙云县壶镇镇五金产业园建设项目等9个项目。")
    assert ("壶镇镇", "locatedIn", "缙云县") in facts
    assert ("缙云县壶镇镇五金产业园建设项目", "locatedIn", "壶镇镇") in facts


def test_places_gazetteer_short_form_county_and_dateline():
    """丽水缙云新闻网讯 …缙云新碧街道: a town after its county's short form was not linked to the county."""
    text = "测试标题\n缙云新闻网讯 3月13日，缙云新碧街道举行项目推进会。"
    article = Article(text, "x.txt", "测试标题", dt.date(2023, 3, 14), "", len("测试标题") + 1)
    facts = {(f.subject.name, f.predicate, getattr(f.object, "name", "")) for f in extract(article).facts}
    assert ("新碧街道", "locatedIn", "缙云县") in facts


def test_places_town_list_by_short_forms_are_places_of_the_county():
    """在壶镇、新建等两个镇同步举行: towns written by their short forms were no places at all."""
    text = "测试标题\n本报讯 缙云县一季度重大项目集中开工活动在壶镇、新建等两个镇同步举行。"
    article = Article(text, "x.txt", "测试标题", dt.date(2023, 3, 14), "本报讯", len("测试标题") + 1)
    names = {m.entity.name for m in extract(article).mentions if m.entity.type == "Place"}
    assert {"壶镇", "新建"} <= names


def test_places_gazetteer_never_links_what_the_text_does_not_write_together():
    """樟城镇城南社区: a namesake village of another town in the gazetteer must not move it there."""
    facts = facts_of("缙云县召开会议。在新建镇双溪村的一家农家乐，检查组发现问题。")
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert ("双溪村", "壶镇镇") not in located


def test_places_a_place_opening_the_sentence_frames_the_next_clause():
    """在某镇某公司建设现场，总投资N的某项目…: the project got no place, the place being a clause away."""
    facts = facts_of("在东岭镇青禾铝业建设现场，总投资11.6亿元的汽车轻量化铝型材项目现已进入设备调试阶段。")
    assert ("汽车轻量化铝型材项目", "locatedIn", "东岭镇") in facts


def test_places_a_projects_ceremony_held_in_a_place_locates_it():
    """某镇举行某项目开工仪式: the ceremony's town was not the project's; a batch's ceremony locates no project."""
    facts = facts_of("2月6日上午，东岭镇举行新型装饰材料加工项目开工仪式。3月1日，西岭镇举行2023年一季度项目集中开工仪式。")
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert ("新型装饰材料加工项目", "东岭镇") in located
    assert not any(o == "西岭镇" and "季度" in s for s, o in located)


def test_places_a_companys_place_is_not_its_projects():
    """总投资N的某市某公司某项目: the city in the company's name was taken as the project's place."""
    facts = facts_of("分别是总投资0.6亿元的缙云县青禾机械设备公司机电配件生产线项目。")
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert not any(o == "缙云县" and "生产线" in s for s, o in located)


def test_places_the_countys_short_form_opening_a_project_name_locates_it():
    """缙云某某小镇开发项目: the county's short form before a project's name was no place at all."""
    facts = facts_of("缙云县召开项目推进会。会议听取了缙云仙都康养小镇开发项目进展情况。")
    assert ("缙云仙都康养小镇开发项目", "locatedIn", "缙云县") in facts


def test_places_a_company_within_a_town_is_there():
    """地处某镇境内的某公司: 境内 stood between the town and 的, and the company got no place."""
    facts = facts_of("缙云县召开会议。壶镇镇境内的青禾五金有限公司是全县示范企业。")
    assert ("青禾五金有限公司", "locatedIn", "壶镇镇") in facts


def test_money_a_batch_is_not_the_project_the_article_speaks_of():
    """此次集中开工项目5个…某公司…，总投入N: the amount went to the batch 集中开工项目."""
    facts = facts_of("东岭镇此次集中开工项目5个，总投资1.9亿元。开工项目分别为，青禾公司将电厂脱硫系统改造升级，总投入2800万元。")
    assert not any("集中开工项目" in s for s, _ in totals(facts))


def test_places_county_short_form_opens_a_quoted_project_name():
    """“开化某小镇”开发项目 in an article of 开化县: the county's short form after the opening quote is where it lies."""
    facts = facts_of("开化县招商座谈会召开。会上，“开化云湖康养小镇”开发项目举行投资意向签约。")
    assert ("“开化云湖康养小镇”开发项目", "locatedIn", "开化县") in facts


def test_names_a_national_park_is_a_place_not_a_works():
    """某国家公园 ends in 公园 (a park being built) and in 国家公园 (a protected area): the longer ending decides."""
    x = extraction_of("钱江源国家公园体制试点为开化带来了新的发展机遇。县里还将建设青溪湿地公园。")
    kinds = {(m.entity.type, m.entity.name) for m in x.mentions if m.entity.type in ("Place", "Project")}
    assert ("Place", "钱江源国家公园") in kinds and ("Project", "钱江源国家公园") not in kinds
    assert ("Project", "青溪湿地公园") in kinds


def test_places_a_town_named_in_full_is_a_place_where_no_county_is_named():
    """No county in the article to resolve it by: 永和镇 (jieba: 永和|镇) is still a town, and the project after it lies there."""
    x = extraction_of("连日来，永和镇青禾食品加工项目正加班加点赶进度。项目总投资1.2亿元。")
    assert ("Place", "永和镇") in {(m.entity.type, m.entity.name) for m in x.mentions}
    located = {(f.subject.name, f.object.name) for f in x.facts if f.predicate == "locatedIn"}
    assert ("青禾食品加工项目", "永和镇") in located


def test_places_a_bracketed_place_of_the_article_s_county_is_the_project_s_site():
    """某药业(仙居)某基地项目 in a paper of 仙居县 lies in 仙居县; 某公司(内蒙古)冷链项目 is a branch's name, no site."""
    facts = facts_of("仙居县重大项目集中签约。签约项目包括青禾药业(仙居)创新药生产基地项目、金果农业(内蒙古)冷链物流项目。")
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert ("青禾药业(仙居)创新药生产基地项目", "仙居县") in located
    assert not any(s.startswith("金果农业") for s, _ in located)


def test_places_a_county_that_brought_a_project_in_is_where_it_lies():
    """某县引进的某项目: the county attracted it, so it is built there."""
    facts = facts_of("仙居县引进的年产3万吨竹木制品加工项目，由仙居县青竹工艺品有限公司负责实施。")
    assert ("年产3万吨竹木制品加工项目", "locatedIn", "仙居县") in facts


def test_places_landed_in_is_settled_in_but_not_inside_a_works_name():
    """某项目落地某园区 says where; 某匝道落地某大道工程 is one works' name, no place of anything."""
    facts = facts_of("青禾职业学校迁建项目落地白塔工业园区。城南水厂及配套管网工程、东门大桥匝道落地环城大道工程等5个工程列入计划。")
    located = {(s, o) for s, p, o in facts if p == "locatedIn"}
    assert ("青禾职业学校迁建项目", "白塔工业园区") in located
    assert not any(o == "环城大道" for _, o in located)


def test_money_the_company_a_sentence_opens_with_spends_the_total_on_its_own_work():
    """某公司利用余热供热，总投入N: no project is named; the company that opens the sentence invested N
    (and the company keeps its first character, which jieba tags an adverb: 正|豪华|盛公司)."""
    facts = facts_of("开工项目分别为，正豪华盛公司采用双碱法方案将电厂脱硫系统改造升级，总投入2800万元。"
                     "青禾科技公司利用电厂余热实现供热，总投入1600万元。")
    assert ("正豪华盛公司", "invested", "2800万元") in facts
    assert ("青禾科技公司", "invested", "1600万元") in facts


def test_money_a_company_visited_does_not_invest_the_county_s_total():
    """县长考察了某公司，全县今年总投资N: the company does not open the sentence, so it invests nothing."""
    facts = facts_of("县长林晓东考察了青禾科技公司，全县今年重大项目总投资50亿元。")
    assert not any(p == "invested" for _, p, _ in facts)


def test_places_built_in_our_county_lies_in_the_county_the_article_names():
    """某集团拟在我县建设某项目, in an article of 仙居县: the project lies in 仙居县."""
    facts = facts_of("仙居县政府常务会议召开。会议听取了青禾集团投资项目情况汇报：青禾集团拟在我县建设20万头生猪养殖项目。")
    assert ("20万头生猪养殖项目", "locatedIn", "仙居县") in facts
