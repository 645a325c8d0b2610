"""Wrong or missing events, roles, dates and people found in articles of the genre, kept as regression tests
(sentences of our own, in the genre's shapes)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.suffixed import meeting_name_ok
from tests.extract.sentences import extraction_of, facts_of


def events_of(body: str, headline: str = "测试标题") -> set[str]:
    return {m.entity.name for m in extraction_of(body, headline).mentions if m.entity.type in ("Meeting", "Event")}


def test_events_name_before_held_in_a_list_of_towns_is_whole():
    """某县集中开竣工活动在甲、乙、丙等五个镇同步举行: the 在 clause was too long, and only 竣工活动 was left."""
    body = "3月12日上午，我县一季度重大项目集中开竣工活动在青川、白石、翠湖、云溪、松岭等五个镇同步举行。县长林小鹿讲话。"
    facts = facts_of(body)
    assert ("林小鹿", "spokeAt", "我县一季度重大项目集中开竣工活动") in facts
    assert ("我县一季度重大项目集中开竣工活动", "date", "2023-03-12") in facts


def test_events_roles_go_to_the_last_event_said_to_be_held():
    """A second ceremony 在某地举行 and the sentence after it: its speakers were given to the first event."""
    body = (
        "3月12日，全县重大项目集中开工活动在白石镇举行。"
        "当天上午，白石镇翠湖食品项目开工仪式在项目现场举行。县委书记林小鹿宣布项目开工，副县长周明远讲话。"
    )
    facts = facts_of(body)
    assert ("周明远", "spokeAt", "白石镇翠湖食品项目开工仪式") in facts
    assert ("白石镇翠湖食品项目开工仪式", "date", "2023-03-12") in facts


def test_events_numbered_session_of_a_body_keeps_the_body():
    """某人大常委会召开第三十三次会议: the meeting was named 第三十三次会议 alone, a session without its body."""
    facts = facts_of("3月10日，县人大常委会召开第十二次会议。县人大常委会主任林小鹿主持会议。", headline="县人大常委会召开第十二次会议")
    assert ("林小鹿", "presided", "县人大常委会第十二次会议") in facts


def test_events_standing_committee_session_is_a_meeting():
    """县政协七届四次常委会召开: the session was taken as an organisation and the article had no event."""
    facts = facts_of("3月10日上午，县政协七届四次常委会召开。县政协主席林小鹿，副主席周明远、陈立平参加会议。", headline="县政协七届四次常委会召开")
    assert ("周明远", "attended", "县政协七届四次常委会") in facts
    assert ("陈立平", "attended", "县政协七届四次常委会") in facts


def test_events_company_named_site_meeting_after_chuxi_le():
    """出席了某园区某有限公司项目开工建设现场会: the name lost its first characters (the park and the company's start)."""
    facts = facts_of("9月28日，县领导林小鹿、周明远等出席了翠湖工业园区长青米业有限公司项目开工建设现场会。")
    assert ("周明远", "attended", "翠湖工业园区长青米业有限公司项目开工建设现场会") in facts


def test_events_visit_with_quoted_object_and_fu():
    """区委书记某某赴甲街道、乙街道督导某“双百”行动某工作: the quotation marks and 赴 hid the visit."""
    facts = facts_of("2月25日下午，区委书记林小鹿赴白石街道、云溪街道督导“双百”行动重大项目推进工作。区领导周明远、陈立平参加。")
    assert ("林小鹿", "presided", "督导“双百”行动重大项目推进工作") in facts
    assert ("陈立平", "attended", "督导“双百”行动重大项目推进工作") in facts


def test_events_a_clause_with_a_visit_verb_is_no_event():
    """企业要调研市场需求: a visit with nobody making it was an event."""
    assert not any("调研" in name for name in events_of("会议要求，企业要调研市场需求，加快转型。"))


@pytest.mark.parametrize(
    "name",
    ["竣工活动", "重大项目集中开工", "誓师大会", "某区三大抓手突破年活动", "某区人民代表大会", "视察活动 喜看新变化", "介绍6月项目集中开工",
     "个项目集中开工", "白石镇隆重举行翠湖项目开工仪式", "本次集中开竣工活动"],
)
def test_events_names_no_reader_accepts_are_rejected(name):
    """A reader audit of sampled meetings found fragments, categories, campaigns, clauses and headlines taken as events."""
    assert not meeting_name_ok(name)


@pytest.mark.parametrize("name", ["县政府第15次常务会议", "白石镇集中开工仪式", "县政协七届二次会议", "翠湖食品项目开工仪式"])
def test_events_names_of_real_events_are_kept(name):
    assert meeting_name_ok(name)


def test_events_officials_listed_before_deng_lingdao_sat_on_the_rostrum():
    """甲、乙、丙等县领导在主席台就座: names with no title before them were no people, and 就座 no presence."""
    body = "县政协七届二次会议在县剧院胜利闭幕。林小鹿、周明远、陈立平、傅朝阳等县领导在主席台就座。"
    facts = facts_of(body, headline="县政协七届二次会议胜利闭幕")
    for name in ("林小鹿", "周明远", "陈立平", "傅朝阳"):
        assert (name, "attended", "县政协七届二次会议") in facts


def test_events_place_before_attend_verb_and_announcement():
    """某书记在主会场出席开工仪式并宣布项目开工: 在主会场 before the verb hid the role."""
    facts = facts_of("3月10日，县重点项目集中开工仪式举行。市委书记林小鹿在主会场出席开工仪式并宣布项目开工。")
    assert ("林小鹿", "spokeAt", "县重点项目集中开工仪式") in facts


def test_events_dateline_filing_date_is_not_the_event_date():
    """某网3月22日讯 3月21日上午，…集中开工: the report's filing date was taken as the event's."""
    facts = facts_of("新华网3月22日讯 3月21日上午，青川县一季度42个重大项目集中开工。县长林小鹿宣布项目开工。",
                     headline="青川县42个重大项目集中开工", date=dt.date(2023, 3, 23))
    assert ("青川县42个重大项目集中开工", "date", "2023-03-21") in facts


def test_events_yesterday_is_the_day_before_the_issue():
    """昨天上午，某会议召开: a day named relative to the issue gave the event no date."""
    facts = facts_of("昨天上午，县政府第8次常务会议召开。县长林小鹿主持会议。", headline="县政府召开常务会议", date=dt.date(2023, 3, 14))
    assert ("县政府第8次常务会议", "date", "2023-03-13") in facts


def test_events_dateline_fuller_name_of_the_headline_ceremony_wins():
    """Headline 某区四季度…集中开工, dateline 某区2024年第四季度…集中开工仪式在某村举行: roles went to the headline's shorter name."""
    facts = facts_of("10月15日上午，青川区2024年第四季度重点项目集中开工仪式在白石村举行。区长林小鹿致辞。",
                     headline="青川区四季度重点项目集中开工")
    assert ("林小鹿", "spokeAt", "青川区2024年第四季度重点项目集中开工仪式") in facts


def test_events_visit_name_stops_at_a_headline_space():
    """Headline 某政协开展视察活动 喜看家乡新变化: the visit ran on over the headline's second part."""
    names = events_of("昨日，县政协主席林小鹿带队视察重点工程。", headline="县政协开展重点工程视察活动 喜看家乡新变化")
    assert names and not any(" " in name for name in names)


def test_events_generic_ceremony_stands_when_the_article_names_no_other():
    """某公司近日举行竣工投产剪彩仪式: the generic-name filter left the article with no event at all."""
    facts = facts_of("青禾公司近日举行竣工投产剪彩仪式。副县长林小鹿出席仪式并讲话。")
    assert ("林小鹿", "spokeAt", "竣工投产剪彩仪式") in facts


def test_events_dateline_after_an_opening_phrase_dates_the_headline_event():
    """凝聚建设伟力。3月6日上午，某镇隆重举行…: the headline's ceremony got no date from the opening phrase."""
    facts = facts_of("凝聚建设伟力，奏响发展强音。3月6日上午，白石镇隆重举行翠湖机械项目开工仪式。",
                     headline="白石镇举行翠湖机械项目开工仪式")
    assert ("翠湖机械项目开工仪式", "date", "2023-03-06") in facts


def test_events_a_standing_committee_meeting_joined_to_an_analysis_meeting_is_one_event():
    """某区委常委会(扩大)会议暨上半年经济运行分析会: 分析会 is a meeting's ending, so the joined name is the event
    chaired, not the meeting whose spirit the session relayed."""
    facts = facts_of("7月20日，青江区委常委会(扩大)会议暨上半年经济运行分析会召开，传达学习青州市委常委会扩大会议精神。"
                     "区委书记林晓东出席会议并讲话。区委副书记贺文涛主持会议。")
    whole = "青江区委常委会(扩大)会议暨上半年经济运行分析会"
    assert ("贺文涛", "presided", whole) in facts and ("林晓东", "spokeAt", whole) in facts
    assert not any(o == "青州市委常委会扩大会议" for _, p, o in facts if p in ("attended", "presided", "spokeAt"))


def test_events_economy_word_does_not_cut_a_meeting_name():
    """经济 holds 经 (a preposition alone): 全省经济形势分析会 was cut to 形势分析会."""
    assert "全省经济形势分析会" in events_of("县委常委会召开会议，传达学习全省经济形势分析会精神。")


def test_events_a_relayed_meeting_is_attended_by_no_one_here():
    """传达学习某会议精神 tells of a meeting held before, elsewhere: 出席会议 in the next sentence is not at it."""
    facts = facts_of("8月21日，传达学习全省经济形势分析会精神。县委书记林晓东出席会议并讲话。")
    assert not any(o.endswith("形势分析会") for _, p, o in facts if p in ("attended", "presided", "spokeAt"))


def test_events_a_held_meeting_s_name_may_hold_quotes_and_a_dash():
    """某商会“某回归”——某县项目投资座谈会召开: the quotes kept the whole clause from being read as the name."""
    facts = facts_of("10月21日上午，青溪商会“乡贤回归”——白塔县项目投资座谈会召开。县长林晓东参加座谈会。")
    assert ("林晓东", "attended", "青溪商会“乡贤回归”——白塔县项目投资座谈会") in facts


def test_events_a_description_before_de_is_not_the_event_s_name():
    """首场“担纲”的某推介暨签约仪式, 高规格的某大会, 共同举办的“某交流会”: the name follows 的 (and its open quote)."""
    assert "白塔县县情说明、项目推介暨签约仪式" in events_of("10月17日上午，首场“担纲”的白塔县县情说明、项目推介暨签约仪式成功举行。")
    assert "青江区服务业发展大会" in events_of("3月2日，我区召开高规格的青江区服务业发展大会。")
    assert "2024青溪乡村振兴发布暨研讨交流会" in events_of("日前，由青溪日报与青溪大学共同举办的“2024青溪乡村振兴发布暨研讨交流会”召开。")


def test_events_came_to_the_scene_signed_and_set_out_the_work_are_roles_at_the_event():
    """到场祝贺 (attended), 代表双方签订某合同 (both attended the signing), 安排某工作 (the speech setting out the work)."""
    facts = facts_of(
        "3月2日，白塔县与青禾食品有限公司举行青禾食品生产基地项目签约仪式。县委书记林晓东主持仪式。"
        "县长张一鸣，青禾食品有限公司总裁王海波代表双方签订了项目合同。省食品学会会长周晓梅也专程到场祝贺。"
    )
    event = "青禾食品生产基地项目签约仪式"
    assert {("张一鸣", "attended", event), ("王海波", "attended", event), ("周晓梅", "attended", event)} <= facts
    facts = facts_of("3月5日，白塔县一季度重点项目集中开工现场会在县工业园区举行，县委书记林晓东主持会议，"
                     "县委副书记、县长张一鸣安排项目建设工作。")
    assert ("张一鸣", "spokeAt", "白塔县一季度重点项目集中开工现场会") in facts


def test_events_a_speaker_caption_names_an_official_who_spoke_at_the_event():
    """某镇镇长 某某：“……”: a title, a space, a name and a colon (a video report's caption) name the speaker and the post."""
    facts = facts_of("3月5日，白塔县一季度重点项目集中开工仪式在县工业园区举行。\n"
                     "白塔县青石镇镇长 周晓梅：“我们将全力当好服务员，保障项目早日投产。”\n")
    assert ("周晓梅", "holdsPosition", "白塔县青石镇镇长") in facts
    assert ("周晓梅", "spokeAt", "白塔县一季度重点项目集中开工仪式") in facts


def test_events_relaying_a_meeting_s_spirit_is_a_speech_and_a_later_chair_does_not_cut_the_attendees():
    """某区长传达了某会议精神 spoke at this meeting; in 甲主任某、乙主席某出席，某主持会议 both attended
    (the 主持 after the verb had ended the list before it)."""
    facts = facts_of("7月23日，青江区委常委会(扩大)会议召开。区委副书记、区长白海涛传达了青州市委常委会扩大会议精神。"
                     "区人大常委会主任王洪波、区政协主席苑树林出席，区委副书记齐中华主持会议。")
    meeting = "青江区委常委会(扩大)会议"
    assert ("白海涛", "spokeAt", meeting) in facts
    assert {("王洪波", "attended", meeting), ("苑树林", "attended", meeting), ("齐中华", "presided", meeting)} <= facts
