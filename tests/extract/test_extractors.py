"""Extractors on sentences of the genre: people and posts, events and roles, places, money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.extract import REGISTRY, extract
from kg.text.articles import split_articles
from kg.text.layout import repair
from kg.types import Article, Entity, Extraction

ISSUE = dt.date(2023, 3, 14)


def article(body: str, headline: str = "白石镇工作动态", byline: str = "本报讯（记者 林小鹿）") -> Article:
    (art,) = split_articles(repair(f"{headline}\n{byline}{body}\n"), "test.txt", date=ISSUE)
    return art


def facts(extraction: Extraction, predicate: str | None = None) -> set[tuple]:
    out = set()
    for f in extraction.facts:
        if predicate is not None and f.predicate != predicate:
            continue
        obj = f.object.name if isinstance(f.object, Entity) else f.object
        out.add((f.subject.name, f.predicate, obj))
    return out


def objects(extraction: Extraction, subject: str, predicate: str) -> dict[str, Entity]:
    return {f.object.name: f.object for f in extraction.facts if f.subject.name == subject and f.predicate == predicate}


def test_extractors_registry_names_are_versioned() -> None:
    assert list(REGISTRY) == ["names.v1", "people.v1", "events.v1", "divisions.v1", "places.v1", "money.v1"]


# ---- people and positions --------------------------------------------------


@pytest.mark.parametrize(
    "body, person, position, title",
    [
        ("3月13日，区长孙立群主持召开全区安全生产工作会议。", "孙立群", "区长", "区长"),
        ("3月13日，区委书记周建国主持召开区委常委会会议。", "周建国", "区委书记", "书记"),
        ("3月13日，镇党委书记柯明远主持召开乡村振兴推进会。", "柯明远", "镇党委书记", "党委书记"),
    ],
)
def test_extractors_people_title_before_name(body: str, person: str, position: str, title: str) -> None:
    ex = extract(article(body))
    held = objects(ex, person, "holdsPosition")
    assert position in held
    assert held[position].type == "Position"
    assert held[position].title == title
    assert all(f.rule == "people.v1:title-before-name" for f in ex.facts if f.predicate == "holdsPosition")


def test_extractors_people_two_titles_chained() -> None:
    ex = extract(article("3月13日，区长孙立群主持召开全区安全生产工作会议。区委常委、宣传部部长吴海燕等出席。"))
    held = objects(ex, "吴海燕", "holdsPosition")
    assert {"区委常委", "宣传部部长"} <= set(held)
    assert held["宣传部部长"].org == Entity("Organization", "宣传部")
    assert ("吴海燕", "worksFor", "宣传部") in facts(ex)


@pytest.mark.parametrize(
    "body, person, company, title",
    [
        ("“今年订单很多。”青禾智能科技有限公司总经理郑思源说。", "郑思源", "青禾智能科技有限公司", "总经理"),
        ("“我们正在扩产。”白石新材料股份有限公司董事长沈一帆介绍。", "沈一帆", "白石新材料股份有限公司", "董事长"),
    ],
)
def test_extractors_people_company_title_works_for_company(body: str, person: str, company: str, title: str) -> None:
    ex = extract(article(body))
    held = objects(ex, person, "holdsPosition")
    assert company + title in held
    position = held[company + title]
    assert position.title == title
    assert position.org == Entity("Company", company)
    employers = objects(ex, person, "worksFor")
    assert employers == {company: Entity("Company", company)}


def test_extractors_people_byline_reporters() -> None:
    ex = extract(article("3月13日，白石镇召开乡村振兴推进会。", byline="本报讯（记者 林小鹿 苏远山）"))
    persons = {m.entity.name for m in ex.mentions if m.entity.type == "Person"}
    assert {"林小鹿", "苏远山"} <= persons
    assert {("林小鹿", "holdsPosition", "记者"), ("苏远山", "holdsPosition", "记者")} <= facts(ex)
    # reporters do not attend the events they report
    assert not {f for f in facts(ex, "attended") if f[0] in ("林小鹿", "苏远山")}


# ---- events ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, person, meeting",
    [
        ("3月13日，区长孙立群主持召开全区安全生产工作会议。", "孙立群", "全区安全生产工作会议"),
        ("3月13日，区委书记周建国主持召开区委常委会会议。", "周建国", "区委常委会会议"),
        ("3月13日，孙立群主持召开区政府第12次常务会议。", "孙立群", "区政府第12次常务会议"),
    ],
)
def test_extractors_events_presided(body: str, person: str, meeting: str) -> None:
    ex = extract(article(body))
    assert (person, "presided", meeting) in facts(ex)
    (event,) = objects(ex, person, "presided").values()
    assert event.type == "Meeting"
    assert (meeting, "date", dt.date(2023, 3, 13)) in facts(ex)


def test_extractors_events_attended_with_等出席() -> None:
    ex = extract(article("3月13日，区长孙立群主持召开全区安全生产工作会议。区委常委、宣传部部长吴海燕等出席。"))
    assert ("吴海燕", "attended", "全区安全生产工作会议") in facts(ex)
    assert ("吴海燕", "presided", "全区安全生产工作会议") not in facts(ex)


def test_extractors_events_presided_and_spoke() -> None:
    ex = extract(article("3月13日，白石镇召开乡村振兴推进会。镇党委书记柯明远主持会议并讲话。", headline="白石镇召开乡村振兴推进会"))
    assert {("柯明远", "presided", "乡村振兴推进会"), ("柯明远", "spokeAt", "乡村振兴推进会")} <= facts(ex)


def test_extractors_events_headline_roles() -> None:
    # the headline names who presided and who attended; the body names the meeting
    ex = extract(
        article(
            "3月13日，青川县水利建设推进会召开。会议总结了去年工作。",
            headline="青川县水利建设推进会召开\n孙立群主持 吴海燕参加",
        )
    )
    assert ("孙立群", "presided", "青川县水利建设推进会") in facts(ex)
    assert ("吴海燕", "attended", "青川县水利建设推进会") in facts(ex)


def test_extractors_events_headline_speaker_chair_attendee() -> None:
    ex = extract(
        article(
            "3月13日，青川县水利建设推进会召开。会议总结了去年工作。",
            headline="青川县水利建设推进会召开\n周建国讲话 孙立群主持 吴海燕参加",
        )
    )
    roles = {(s, p) for s, p, o in facts(ex) if o == "青川县水利建设推进会"}
    assert ("周建国", "spokeAt") in roles and ("周建国", "presided") not in roles
    assert ("孙立群", "presided") in roles
    assert ("吴海燕", "attended") in roles


def test_extractors_events_led_visit() -> None:
    ex = extract(article("3月13日，区委书记周建国带队调研重点项目建设情况，要求加快进度。", headline="周建国调研重点项目"))
    presided = objects(ex, "周建国", "presided")
    assert "调研重点项目建设情况" in presided
    assert presided["调研重点项目建设情况"].type == "Event"


# ---- places ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "近日，位于白石镇的翠湖智能制造产业园开工建设。",
        "近日，翠湖智能制造产业园位于白石镇，开工建设。",
    ],
)
def test_extractors_places_located_in(body: str) -> None:
    ex = extract(article(body))
    assert ("翠湖智能制造产业园", "locatedIn", "白石镇") in facts(ex)
    located = objects(ex, "翠湖智能制造产业园", "locatedIn")
    assert located["白石镇"].type == "Place"
    assert all(f.extractor == "places.v1" for f in ex.facts if f.predicate == "locatedIn")


@pytest.mark.parametrize(
    "body, town, county",
    [
        ("近日，青川区白石镇开展环境整治。", "白石镇", "青川区"),
        ("近日，在青川区白石镇，翠湖智能制造产业园开工建设。", "白石镇", "青川区"),
        ("近日，松溪县青山镇开展环境整治。", "青山镇", "松溪县"),
    ],
)
def test_extractors_places_district_town_hierarchy(body: str, town: str, county: str) -> None:
    ex = extract(article(body))
    assert (town, "locatedIn", county) in facts(ex)
    assert (county, "locatedIn", town) not in facts(ex)


# ---- money -------------------------------------------------------------------


def test_extractors_money_company_invested_in_project() -> None:
    ex = extract(article("青禾智能科技有限公司投资1.2亿元启动技改项目——年产五万台智能机床项目。"))
    invested = objects(ex, "青禾智能科技有限公司", "invested")
    assert list(invested) == ["1.2亿元"]
    amount = invested["1.2亿元"]
    assert amount.value == Decimal(120_000_000) and amount.qualifier == ""
    assert ("青禾智能科技有限公司", "investedIn", "年产五万台智能机床项目") in facts(ex)


@pytest.mark.parametrize(
    "body",
    [
        "翠湖智能制造产业园正在加紧建设。该项目总投资约4.2亿元，预计明年投产。",
        "翠湖智能制造产业园总投资约4.2亿元，预计明年投产。",
    ],
)
def test_extractors_money_total_investment_of_project_named_before(body: str) -> None:
    ex = extract(article(body))
    totals = objects(ex, "翠湖智能制造产业园", "totalInvestment")
    assert list(totals) == ["约4.2亿元"]
    amount = totals["约4.2亿元"]
    assert amount.value == Decimal(420_000_000)
    assert amount.qualifier == "约"


def test_extractors_money_price_per_unit_is_no_investment() -> None:
    ex = extract(article("据悉，白石镇土地流转价格为1.5万元/亩，农户收入达3000万元。"))
    assert not facts(ex, "invested") and not facts(ex, "totalInvestment")


# ---- every mention and fact points into the article ----------------------------


BODIES = [
    "3月13日，区长孙立群主持召开全区安全生产工作会议。区委常委、宣传部部长吴海燕等出席。",
    "“今年订单很多。”青禾智能科技有限公司总经理郑思源说。",
    "青禾智能科技有限公司投资1.2亿元启动技改项目——年产五万台智能机床项目。",
    "近日，位于白石镇的翠湖智能制造产业园开工建设。该项目总投资约4.2亿元。",
]


@pytest.mark.parametrize("body", BODIES)
def test_extractors_offsets_give_back_surface(body: str) -> None:
    art = article(body)
    ex = extract(art)
    assert ex.mentions
    for mention in ex.mentions:
        assert 0 <= mention.start < mention.end <= len(art.text)
        surface = mention.surface(art)
        assert surface == art.text[mention.start : mention.end]
        if mention.entity.type == "MonetaryAmount":
            assert surface == mention.entity.name
    for fact in ex.facts:
        assert 0 <= fact.start < fact.end <= len(art.text)
        assert fact.extractor in REGISTRY and fact.rule.startswith(fact.extractor + ":")


@pytest.mark.parametrize("body", BODIES)
def test_extractors_pure_function_of_the_article(body: str) -> None:
    art = article(body)
    assert extract(art) == extract(art)
