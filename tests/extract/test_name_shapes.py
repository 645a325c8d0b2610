"""Names of projects and events that a reader of the text would not accept, or that were cut,
kept as regression tests. The sentences are invented, in the shapes real reports use.
"""

from __future__ import annotations

from kg.extract.suffixed import find_named
from kg.nlp.analysis import Doc
from tests.extract.sentences import article_of, extraction_of, facts_of


def names(body: str, kind: str) -> set[str]:
    return {m.entity.name for m in extraction_of(body).mentions if m.entity.type == kind}


def test_project_name_starts_after_the_clause_that_holds_the_ceremony():
    """某镇隆重举行某项目开工仪式: the town and 隆重举行 were read into the project's name."""
    assert names("3月6日上午，青溪镇隆重举行华创机械设备制造项目开工仪式。", "Project") == {"华创机械设备制造项目"}


def test_project_after_an_event_joined_by_ji_is_named_alone():
    """某县重大项目集中开竣工活动暨某项目开工仪式: the event's words were the project's start."""
    found = facts_of("当天，万山县重大项目集中开竣工活动暨浙江明辉科技项目开工仪式在新市镇举行。")
    assert ("浙江明辉科技项目", "locatedIn", "新市镇") in found
    assert not any("活动暨" in s for s, _, _ in found)


def test_the_count_of_lines_before_a_capacity_is_not_the_name():
    assert names("新建厂房，建设一条年产3万吨铝锭生产线。", "Project") == {"年产3万吨铝锭生产线"}


def test_where_and_the_verb_before_a_project_are_not_its_name():
    found = names("彭城县在县域内建设辣椒深加工产业融合发展项目，总投资8000万元。", "Project")
    assert found == {"辣椒深加工产业融合发展项目"}


def test_a_zones_short_name_jing_kai_qu_is_kept_whole():
    """县经开区一期工程: 经 is the zone's first character here, not the preposition."""
    assert "县经开区一期工程" in names("我县将县经开区一期工程作为先行项目推进。", "Project")


def test_a_rare_character_jieba_tags_an_interjection_opens_the_name():
    """哇沿水库工程: jieba tags 哇 an interjection and the name lost it."""
    assert names("列入国家规划的哇沿水库工程开工。", "Project") == {"哇沿水库工程"}


def test_a_description_and_a_plans_category_are_no_projects():
    """是某流域重要的水源调蓄工程 describes the works named before; 省重点水源工程 is a plan's category."""
    assert names("该水库工程是白河流域重要的水源调蓄工程，已列入省重点水源工程。", "Project") == set()


def test_a_division_alone_before_xiangmu_is_no_project():
    """“浙商回归”某县项目投资座谈会: the projects of a county, not one."""
    assert "开化县项目" not in names("“浙商回归”开化县项目投资座谈会召开，县长王明出席。", "Project")


def test_the_whole_and_a_cut_part_are_no_projects():
    assert names("该公司总工程分5期进行，总投资1.5亿元。", "Project") == set()
    assert names("在众创城一期第四区块项目施工现场，厂房正在施工。", "Project") == set()


def test_a_company_and_a_generic_works_after_it_are_one_project():
    """某啤酒厂新厂区建设项目, 某公司生产线项目: what follows the company names no works alone."""
    assert "甘肃银河啤酒厂新厂区建设项目" in names("当天开工的有甘肃银河啤酒厂新厂区建设项目、城关小学建设项目。", "Project")
    found = facts_of("引进华美制衣有限公司生产线项目，投资2000万元。")
    assert ("华美制衣有限公司", "investedIn", "华美制衣有限公司生产线项目") in found


def test_a_total_two_clauses_after_a_count_of_projects_is_the_batchs():
    found = facts_of(
        "7月28日，浙江明辉科技项目开工仪式在新市镇举行。浙江明辉科技项目主要生产高速连接线。开工仪式上，镇党委书记王明介绍：“近年来，新市坚持项目为王，"
        "仅今年上半年，签约重点项目7个，全部为高新技术企业，协议总投资42亿元。”"
    )
    assert not any(p == "totalInvestment" for _, p, _ in found)


def test_event_word_describing_projects_names_no_event():
    """占某市集中开工项目个数的三成: 集中开工 qualifies the projects."""
    assert names("据悉，本次开工项目占衢州市集中开工项目个数的三成。", "Meeting") == set()


def test_signing_and_starting_works_are_one_event_name():
    """某县集中签约开工25个项目: the event was cut before 开工."""
    found = names("当天，临江县集中签约开工25个项目，总投资33.9亿元，县长王明出席。", "Meeting")
    assert "临江县集中签约" not in found
    assert found <= {"临江县集中签约开工"}


def test_a_numbered_session_without_its_body_is_no_event():
    """举行第二十七次会议(扩大): whose session it is was cut off; 第二十七次会议 alone names nothing."""
    assert names("区人大常委会举行第二十七次会议(扩大)，区长王明出席。", "Meeting") == set()


def test_an_event_cut_at_a_list_of_divisions_is_no_event():
    """各县、区招商引资推介活动: 区招商引资推介活动 is a cut."""
    assert "区招商引资推介活动" not in names("当天，北川各县、区招商引资推介活动拉开帷幕。", "Meeting")


def test_an_event_name_runs_through_an_event_word_jieba_cut():
    """集中|开|竣工活动暨某仪式: the name began at 竣工, cut where jieba split 开竣工."""
    text = "7月28日，安吉县一季度重大项目集中开竣工活动暨浙江明辉科技项目开工仪式在新市镇顺利举行。"
    doc = Doc(article_of(text))
    found = {m.entity.name for m in find_named(doc, []) if m.entity.type == "Meeting"}
    assert found == {"重大项目集中开竣工活动暨浙江明辉科技项目开工仪式"}



def test_works_before_jianshe_is_a_name_of_its_own():
    """第二期工程建设种羊培育基地: jieba reads 工程建设 as one word, and the clause became a name."""
    found = names("第二期工程建设良种羊培育基地已经立项，计划明年开工。", "Project")
    assert "第二期工程建设良种羊培育基地" not in found
    assert "良种羊培育基地" in found


def test_an_aim_after_dazao_is_no_works():
    """努力打造国内一流的某生产基地, 以打造“某产业园”为目标: what a town aims at, not a works being built."""
    assert names("该企业将努力打造国内一流的光纤电缆科研生产基地。", "Project") == set()
    assert names("今天开工的项目，以打造“锂电循环经济产业园”为目标。", "Project") == set()


def test_a_roads_section_from_one_place_to_another_is_in_its_name():
    """某路甲-乙段道路工程: the name was cut at the dash."""
    assert "环县河滨南路李庄-王湾段道路工程" in names("当天开工的有环县河滨南路李庄-王湾段道路工程、城关小学建设项目。", "Project")


def test_a_quoted_word_inside_an_events_name_is_kept():
    """某区“迎国庆”某集中开竣工: the name began after the quotes."""
    found = names("当天，平阳区“迎国庆”双百亿重大项目集中开竣工，区长王明出席。", "Meeting")
    assert found == {"平阳区“迎国庆”双百亿重大项目集中开竣工"}


def test_names_works_word_before_a_lab_or_a_profession_names_no_works():
    """某光伏工程实验室首席科学家: 工程 opens a body's name here (实验室), and 工程师 a profession; neither is a works."""
    kinds = {(m.entity.type, m.entity.name) for m in extraction_of(
        "青溪生态光伏工程实验室首席科学家雷小强、高级工程师周晓梅介绍情况。青溪水库工程总投资3亿元。").mentions}
    assert ("Organization", "青溪生态光伏工程实验室") in kinds
    assert not any(t == "Project" and n.startswith("青溪生态光伏") for t, n in kinds)
    assert ("Project", "青溪水库工程") in kinds


def test_names_a_base_set_as_an_aim_is_no_works_and_a_starting_verb_is_cut():
    """以“…，建设某加工基地”为目标 is an aim; 开启某项目 starts the project, 开启 is no part of its name."""
    names = {m.entity.name for m in extraction_of(
        "公司以“打造白塔黄金产业园的核心企业，建设西北精矿加工基地”为目标，开启了二期金精矿综合回收项目。").mentions
        if m.entity.type == "Project"}
    assert "西北精矿加工基地" not in names and "二期金精矿综合回收项目" in names


def test_names_a_grade_and_a_category_name_no_body():
    """省级重点实验室标准: a grade and a category before a body's ending name no body."""
    orgs = {m.entity.name for m in extraction_of("研发中心建成后将达到省级重点实验室标准。").mentions if m.entity.type == "Organization"}
    assert "省级重点实验室" not in orgs


def test_names_residents_of_a_place_are_part_of_a_works_name():
    """某村居民屋顶开发工程: 居民 after the village is whom the works serves; the name was cut to 屋顶开发工程."""
    facts = facts_of("目前我县将县经开区一期工程及青溪村居民屋顶开发工程作为全县光伏开发先行先试项目强力推进。")
    assert ("青溪村居民屋顶开发工程", "locatedIn", "青溪村") in facts


def test_names_a_brand_s_first_character_tagged_an_adverb_after_a_town_stays():
    """某镇|正|威新|材料项目: jieba tags 正 an adverb; the project lost its first character (威新材料项目).
    An adverb after 全县 (全县|共|落地某项目) still opens no name."""
    x = extraction_of("领导一行来到精武镇正威新材料项目现场考察。全县共落地招商引资项目12个。")
    names = {m.entity.name for m in x.mentions if m.entity.type == "Project"}
    assert "精武镇正威新材料项目" in names and "威新材料项目" not in names
    assert not any(n.startswith(("县共", "共落地")) for n in names)


def test_names_equipment_of_a_country_and_a_base_to_be_built_into_are_no_works():
    """引进德国、意大利生产线 (where the machines come from), 将建设成某加工基地 (what a phase becomes)."""
    names = {m.entity.name for m in extraction_of(
        "总投资约5亿元的青禾化妆品项目计划引进德国、意大利生产线。第四期工程将建设成绒山羊肉食品加工基地。"
        "青溪县新建年产5万吨保温材料生产线。").mentions if m.entity.type == "Project"}
    assert "意大利生产线" not in names and not any(n.startswith("成绒") for n in names)
    assert {"青禾化妆品项目", "年产5万吨保温材料生产线"} <= names


def test_names_a_verb_acting_on_projects_or_building_them_is_no_part_of_a_name():
    """齐心推进|项目, 要素跟着|项目走: a verb before 项目 names no project; 还同步建设|某物流中心: the works is the centre;
    开展水电站评估: a common noun jieba knows whole names no works."""
    names = {m.entity.name for m in extraction_of(
        "全县上下齐心推进项目建设，要素跟着项目走。眼下，青溪产业园还同步建设智慧物流中心、纸浆仓储中心等配套设施。"
        "全面开展水电站评估。").mentions if m.entity.type in ("Project", "Organization")}
    assert not any(n.endswith(("推进项目", "跟着项目")) for n in names)
    assert "智慧物流中心" in names and not any(n.startswith(("同步建设", "建设智慧")) for n in names)
    assert "水电站" not in names
