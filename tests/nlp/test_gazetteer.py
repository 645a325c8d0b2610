"""kg.nlp.gazetteer: China's divisions by full or short name, chosen by the article's own county."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from kg.nlp.gazetteer import Division, Gazetteer, gazetteer, parent_of, read_divisions, resolve


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def test_gazetteer_counts_every_level_of_the_shipped_file(g):
    levels = {}
    for d in g.divisions:
        levels[d.level] = levels.get(d.level, 0) + 1
    assert levels["province"] == 34
    assert levels["county"] > 2800 and levels["town"] > 40000
    assert "village" not in levels  # villages are read per county, on request


@pytest.mark.parametrize(
    "name, path",
    [
        ("樟潭街道", "浙江省/衢州市/衢江区/樟潭街道"),
        ("樟潭", "浙江省/衢州市/衢江区/樟潭街道"),
        ("廿里镇", "浙江省/衢州市/衢江区/廿里镇"),
        ("衢江区", "浙江省/衢州市/衢江区"),
        ("衢江", "浙江省/衢州市/衢江区"),
        ("浙江", "浙江省"),
        ("嘉定区", "上海市/嘉定区"),  # a municipality's counties lie directly in it
    ],
)
def test_gazetteer_lookup_full_and_short_forms(g, name, path):
    assert [d.path for d in g.lookup(name)] == [path]


def test_gazetteer_lookup_gives_every_namesake_full_names_first(g):
    towns = g.lookup("城关镇")
    assert len(towns) > 50 and all(d.level == "town" and d.name == "城关镇" for d in towns)
    xinshi = g.lookup("新市")
    assert {d.level for d in xinshi} >= {"county", "town"}  # 新市区 and many a 新市镇


@pytest.mark.parametrize(
    "name, context, expected",
    [
        ("新市", ["德清县"], "浙江省/湖州市/德清县/新市镇"),
        ("新市", ["湖州市"], "浙江省/湖州市/德清县/新市镇"),
        ("樟潭", ["衢州市"], "浙江省/衢州市/衢江区/樟潭街道"),
        ("鼓楼区", ["福州市"], "福建省/福州市/鼓楼区"),
        ("鼓楼区", ["南京市"], "江苏省/南京市/鼓楼区"),
        ("城关镇", ["江苏省", "南京市"], None),  # no 城关镇 under the context: no guess
    ],
)
def test_gazetteer_resolve_chooses_by_the_articles_own_divisions(g, name, context, expected):
    found = g.resolve(name, context)
    assert (found.path if found else None) == expected


def test_gazetteer_resolve_refuses_an_ambiguous_name_without_context(g):
    assert g.resolve("新市") is None
    assert g.resolve("城关镇") is None
    assert g.resolve("不存在的镇名") is None


def test_gazetteer_resolve_reads_a_chain_of_names(g):
    assert g.resolve("衢江区廿里镇").path == "浙江省/衢州市/衢江区/廿里镇"
    assert g.resolve("浙江省衢州市衢江区樟潭街道").path == "浙江省/衢州市/衢江区/樟潭街道"
    assert g.resolve("南京市城关镇") is None  # the town is not in that city


def test_gazetteer_parent_of_climbs_town_county_city_province(g):
    town = g.resolve("樟潭街道")
    assert parent_of(town).name == "衢江区"
    assert parent_of("衢江区").name == "衢州市"
    assert parent_of("衢州市").name == "浙江省"
    assert parent_of("浙江省") is None
    assert g.parent_of("新市", context=["德清县"]).name == "德清县"
    assert [d.name for d in town.chain] == ["樟潭街道", "衢江区", "衢州市", "浙江省"]
    assert town.ancestor("city").name == "衢州市" and town.within(g.resolve("浙江省"))


def test_gazetteer_villages_only_under_a_county_of_the_context(g):
    county = resolve("衢江区")
    villages = g.villages(county)
    assert villages and all(v.level == "village" and v.parent.parent is county for v in villages)
    some = villages[0]
    assert g.resolve(some.name, [county]) is some or len([v for v in villages if v.name == some.name]) > 1
    assert g.resolve(some.name) is None  # never searched across the country


def test_gazetteer_context_of_reads_an_articles_counties_and_a_masthead(g):
    ctx = g.context_of("福州市鼓楼区召开专题会议，市领导出席。")
    assert [d.path for d in ctx] == ["福建省/福州市", "福建省/福州市/鼓楼区"]
    assert [d.name for d in g.context_of("今日衢江", short=True)] == ["衢江区"]
    assert g.context_of("今日衢江") == ()  # short forms only on request


def test_gazetteer_mentions_give_offsets_into_the_text(g):
    text = "浙江省衢州市衢江区召开大会"
    found = g.mentions(text)
    assert [text[s:e] for s, e, _ in found] == ["浙江省", "衢州市", "衢江区"]


def test_gazetteer_reads_a_tree_of_its_own():
    tree = ["某省\t990000\t某", "\t某省", "\t\t甲县\t990101\t甲", "\t\t\t乙镇\t\t乙乙", "\t\t\t\t丙村"]
    g = Gazetteer(read_divisions(tree))
    town = g.resolve("乙乙")
    assert town.path == "某省/甲县/乙镇" and town.parent.code == "990101"
    assert isinstance(town, Division) and len(g) == 3  # the pseudo-city and the village are not divisions


def test_gazetteer_data_file_is_the_documented_tree():
    raw = resources.files("kg").joinpath("data", "china_divisions.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert lines[0].count("\t") == 2 and not lines[0].startswith("\t")
    assert max(len(line) - len(line.lstrip("\t")) for line in lines) == 3  # towns at most
