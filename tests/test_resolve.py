"""One thing, one node: recurring meetings, namesakes, posts and places resolved from the articles' content.

Every article here is invented; a county's paper opens with its masthead (中共…委主办).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.extract import extract
from kg.inspect.explain import explain
from kg.query import run_query
from kg.resolve import Seat, is_county, relative_level
from kg.text.articles import split_articles
from kg.text.layout import paper_place, repair
from kg.types import Article
from tests.extract.sentences import extraction_of


def masthead(publisher: str, date: str) -> str:
    y, m, d = date.split("-")
    return f"中共{publisher}委主办 青江传媒集团承办\n{int(y)}年{int(m)}月{int(d)}日 星期二\n\n"


CHANGWEI_MARCH = masthead("青州市青江区", "2024-03-06") + (
    "青江区委常委会召开会议\n\n"
    "本报讯（记者 周明）3月5日，区委书记林晓东主持召开区委常委会会议，传达学习上级会议精神。"
    "区长贺文涛、区委副书记邱志远出席会议。\n"
)
CHANGWEI_APRIL = masthead("青州市青江区", "2024-04-09") + (
    "青江区委常委会召开会议\n\n"
    "本报讯（记者 周明）4月8日，区长贺文涛主持召开区委常委会会议，研究部署重点工作。"
    "区委副书记邱志远出席会议。\n"
)
# the same meeting as CHANGWEI_MARCH, reported by another page of the same paper
CHANGWEI_MARCH_AGAIN = masthead("青州市青江区", "2024-03-06") + (
    "区委常委会研究乡村振兴工作\n\n"
    "本报讯（记者 叶青）3月5日，区委书记林晓东主持召开区委常委会会议，听取乡村振兴工作汇报。"
    "区长贺文涛出席会议。\n"
)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def meetings(tmp_path_factory) -> Path:
    src = write(tmp_path_factory.mktemp("meetings"), {"a.txt": CHANGWEI_MARCH, "b.txt": CHANGWEI_APRIL, "c.txt": CHANGWEI_MARCH_AGAIN})
    out = tmp_path_factory.mktemp("meetings_out")
    build([src], out, jobs=1, view=False)
    return out / "store"


def test_resolve_recurring_meeting_is_one_instance_per_date(meetings):
    rows = run_query(meetings, """SELECT ?e ?d WHERE { ?e rdfs:label ?l ; kg:date ?d . ?e kg:series/rdfs:label "青江区委常委会会议"@zh }""")
    assert sorted(str(r["d"]) for r in rows) == ["2024-03-05", "2024-04-08"]  # two reports of 3月5日: one node


def test_resolve_chairs_stay_with_their_own_meeting(meetings):
    rows = run_query(meetings, """SELECT ?who ?d WHERE { ?p kg:presided ?e ; rdfs:label ?who . ?e kg:date ?d }""")
    assert sorted((str(r["who"]), str(r["d"])) for r in rows) == [("林晓东", "2024-03-05"), ("贺文涛", "2024-04-08")]


def test_resolve_series_answers_every_meeting_of_a_year(meetings):
    rows = run_query(meetings, "series", {"series": "区委常委会会议", "when": "2024"})
    assert [(str(r["date"]), r["presided"], r["seat"]) for r in rows] == [("2024-04-08", "贺文涛", "青江区"), ("2024-03-05", "林晓东", "青江区")]


def test_resolve_attendance_by_name_covers_every_instance(meetings):
    rows = run_query(meetings, "attendance", {"event": "区委常委会会议"})
    assert {str(r["date"]) for r in rows} == {"2024-03-05", "2024-04-08"}
    assert {r["event"] for r in rows} == {"青江区委常委会会议（2024-03-05）", "青江区委常委会会议（2024-04-08）"}


def test_resolve_people_of_one_county_paper_are_one_person(meetings):
    rows = run_query(meetings, """SELECT DISTINCT ?p WHERE { ?p rdfs:label "贺文涛"@zh ; a kg:Person }""")
    assert len(rows) == 1  # 区长 in three articles of the 青江区 paper


def test_resolve_posts_are_tied_to_their_seat(meetings):
    rows = run_query(meetings, "positions", {"place": "青江区"})
    held = {(r["person"], r["position"], r["seat"]) for r in rows}
    assert ("贺文涛", "区长", "青江区") in held and ("邱志远", "区委副书记", "青江区") in held
    assert run_query(meetings, "positions", {"place": "龙游县"}) == []


def _extract(text: str, source: str = "x.txt") -> list:
    return [extract(a) for a in split_articles(repair(text), source)]


def test_resolve_namesakes_of_two_counties_stay_apart(tmp_path):
    """柯城区区长王伟 and 龙游县县长王伟 were one person holding both posts."""
    a = "柯城区召开项目推进会\n\n本报讯 5月6日，柯城区区长王伟主持召开全区项目推进会。\n"
    b = "龙游县召开安全生产会议\n\n本报讯 5月7日，龙游县县长王伟主持召开全县安全生产工作会议。\n"
    src = write(tmp_path / "src", {"a.txt": "2024年5月8日 星期三\n\n" + a, "b.txt": "2024年5月8日 星期三\n\n" + b})
    build([src], tmp_path / "out", jobs=1, view=False)
    rows = run_query(tmp_path / "out" / "store", """SELECT ?p (GROUP_CONCAT(?pl) AS ?posts) WHERE {
        ?p rdfs:label "王伟"@zh ; kg:holdsPosition/rdfs:label ?pl } GROUP BY ?p""")
    assert sorted(r["posts"] for r in rows) == ["柯城区区长", "龙游县县长"]  # each holds one post
    text = explain(tmp_path / "out" / "graph.ttl", "王伟")
    assert text.startswith("2 entities are named 「王伟」, told apart by:")
    assert "seat 柯城区" in text and "seat 龙游县" in text


def test_resolve_person_without_any_tie_stays_in_their_article():
    """No masthead and no county named: two 张强 who spoke are not merged on the name alone."""
    one = _extract("座谈会召开\n\n本报讯 6月1日，全县民营企业座谈会召开，县委书记张强主持会议。\n", "a.txt")[0]
    two = _extract("推进会召开\n\n本报讯 6月2日，全县项目建设推进会召开，县委书记张强主持会议。\n", "b.txt")[0]
    p1 = {m.entity for m in one.mentions if m.entity.type == "Person"}
    p2 = {m.entity for m in two.mentions if m.entity.type == "Person"}
    assert p1 and p2 and not p1 & p2


def test_resolve_undated_meeting_stays_within_its_article():
    text = "研究部署工作\n\n本报讯 区委书记林晓东主持召开全区项目推进会。\n\n研究部署工作二\n\n本报讯 区长贺文涛主持召开全区项目推进会。\n"
    x, y = _extract(masthead("青州市青江区", "2024-03-06").replace("2024年3月6日 星期二\n", "") + text)
    ex = {m.entity for m in x.mentions if m.entity.type == "Meeting"}
    ey = {m.entity for m in y.mentions if m.entity.type == "Meeting"}
    assert ex and ey and not ex & ey
    assert {e.series_key for e in ex} == {e.series_key for e in ey} == {"全区项目推进会@青江区"}


def test_resolve_generic_ceremony_is_not_shared_by_two_articles():
    """签约仪式 on one day in one county were one node with every signing's guests."""
    page = masthead("青州市青江区", "2024-03-06") + (
        "甲项目签约\n\n本报讯 3月5日，副区长邱志远出席签约仪式并致辞。\n\n"
        "乙项目签约\n\n本报讯 3月5日，副区长贺文涛出席签约仪式并致辞。\n"
    )
    x, y = _extract(page)
    ex = {f.object for f in x.facts if f.predicate == "spokeAt"}
    ey = {f.object for f in y.facts if f.predicate == "spokeAt"}
    assert ex and ey and not ex & ey


def test_resolve_zone_with_and_without_its_town_is_one_place(tmp_path):
    a = "园区动态\n\n本报讯 浙江恒达机械有限公司位于青溪镇工业功能区，主要生产机械配件。\n"
    b = "项目进展\n\n本报讯 位于青溪工业功能区的青溪智能装备产业园项目总投资约4.2亿元。\n"
    src = write(tmp_path / "src", {"a.txt": "2024年5月8日 星期三\n\n" + a, "b.txt": "2024年5月8日 星期三\n\n" + b})
    build([src], tmp_path / "out", jobs=1, view=False)
    store = tmp_path / "out" / "store"
    zones = run_query(store, """SELECT ?z WHERE { ?z a kg:Place ; rdfs:label ?l FILTER(CONTAINS(?l, "工业功能区")) }""")
    assert len(zones) == 1
    assert run_query(store, """ASK { ?z rdfs:label "青溪工业功能区"@zh ; kg:locatedIn/rdfs:label "青溪镇"@zh }""") == [{"boolean": True}]
    rows = run_query(store, "projects-by-place", {"place": "青溪镇"})
    assert rows and "青溪智能装备产业园" in rows[0]["names"]


def test_resolve_duplicate_article_counts_once(tmp_path):
    page = "2024年5月8日 星期三\n\n" + CHANGWEI_APRIL.split("\n\n", 1)[1]
    src = write(tmp_path / "src", {"a.txt": page, "b.txt": page, "c.txt": page + "\n" + page.split("\n\n", 1)[1]})
    single = build([src / "a.txt"], tmp_path / "one", jobs=1, view=False, store=False)
    report = build([src], tmp_path / "out", jobs=1, view=False, store=False)
    assert single.facts > 0 and report.facts == single.facts and report.articles == single.articles
    assert any("printed more than once" in n and "b.txt#0" in n for n in report.notices)
    again = build([src], tmp_path / "out", jobs=1, view=False, store=False)  # unchanged: the same count
    assert again.facts == single.facts


def test_resolve_identity_survives_incremental_and_parallel_builds(tmp_path):
    """Identity is decided per article: adding a file later, or extracting with two processes, gives the same graph."""
    src = write(tmp_path / "src", {"a.txt": CHANGWEI_MARCH, "b.txt": CHANGWEI_APRIL})
    build([src / "a.txt"], tmp_path / "inc", jobs=1, view=False, store=False, formats=("nt",))
    build([src], tmp_path / "inc", jobs=1, view=False, store=False, formats=("nt",))
    write(src, {"c.txt": CHANGWEI_MARCH_AGAIN})
    build([src], tmp_path / "inc", jobs=1, view=False, store=False, formats=("nt",))
    build([src], tmp_path / "par", jobs=2, view=False, store=False, formats=("nt",), incremental=False)
    assert (tmp_path / "inc" / "graph.nt").read_bytes() == (tmp_path / "par" / "graph.nt").read_bytes()


@pytest.mark.parametrize("name, level", [("区委常委会会议", "区"), ("县长", "县"), ("全市安全生产大会", "市"),
                                         ("市场监管局局长", ""), ("青江区委", ""), ("县城", "")])
def test_resolve_relative_level(name, level):
    assert relative_level(name) == level


@pytest.mark.parametrize("name, county", [("衢江区", True), ("龙游县", True), ("衢州市", True), ("高新区", False), ("社区", False),
                                          ("廿里工业功能区", False)])
def test_resolve_is_county(name, county):
    assert is_county(name) is county


@pytest.mark.parametrize("text, place", [
    ("中共青州市青江区委主办 青江传媒集团承办\n2024年3月6日 星期三\n", "青州市青江区"),
    ("江桥日报 2024年1月1日\n\n正文", "江桥"),
    ("2024年1月1日 星期一\n", ""),
])
def test_layout_paper_place(text, place):
    assert paper_place(text) == place


def test_resolve_seat_of_a_paper_named_without_its_level():
    """江桥日报's 县长 is 江桥县's."""
    article = Article(text="标题\n正文", source="x.txt", paper="江桥")
    assert Seat(article, []).of("县") == "江桥县"
    city = Article(text="标题\n正文", source="x.txt", paper="青州市青江区")
    assert Seat(city, []).of("区") == "青江区" and Seat(city, []).of("市") == "青州市"


def test_resolve_city_post_in_a_county_paper_is_the_city_s_by_the_gazetteer():
    """A 市委书记 in 衢江区's paper, whose masthead names no city: the city the gazetteer puts 衢江区 in."""
    article = Article(text="标题\n正文", source="x.txt", paper="衢江区")
    assert Seat(article, []).of("市") == "衢州市"
    assert Seat(article, []).of("区") == "衢江区"


def _entities(extraction, type_: str) -> set:
    return {m.entity for m in extraction.mentions if m.entity.type == type_}


def _project_facts(extraction) -> set[tuple[str, str, str]]:
    return {(f.subject.name, f.predicate, getattr(f.object, "name", str(f.object))) for f in extraction.facts
            if "Project" in (f.subject.type, getattr(f.object, "type", ""))}


def test_resolve_project_named_in_full_only_in_its_ceremony_is_one_node():
    """The full name only inside the ceremony's name, the short form in the next sentence: one project, not two."""
    x = extraction_of("3月6日上午，青石镇举行高强度紧固件等五金配件加工项目开工仪式。"
                      "高强度紧固件等五金配件加工项目由临川明达机械有限公司投资建设，项目总投资2亿元。")
    assert {e.name for e in _entities(x, "Project")} | {f.subject.name for f in x.facts if f.subject.type == "Project"} == {
        "高强度紧固件等五金配件加工项目"}
    assert ("临川明达机械有限公司", "investedIn", "高强度紧固件等五金配件加工项目") in _project_facts(x)
    assert ("高强度紧固件等五金配件加工项目", "locatedIn", "青石镇") in _project_facts(x)


def test_resolve_project_written_after_its_builder_is_the_project_mentioned():
    """某有限公司|某产业园项目开工仪式 and the headline's 远航|某产业园项目 (the builder's short form) are one project."""
    x = extraction_of("3月8日上午，浙江远航电子科技有限公司智能传感器产业园项目开工仪式在县经济开发区举行。"
                      "县委书记李明宣布项目开工。该项目落户县经济开发区，由浙江远航电子科技有限公司投资建设，总投资8亿元。",
                      headline="远航智能传感器产业园项目开工")
    projects = {f.subject.name for f in x.facts if f.subject.type == "Project"} | {e.name for e in _entities(x, "Project")}
    assert projects == {"远航智能传感器产业园项目"}
    assert ("远航智能传感器产业园项目", "locatedIn", "县经济开发区") in _project_facts(x)

