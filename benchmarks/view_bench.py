"""How fast `kg view` writes a page, and how soon the page settles in headless Chromium.

For generated graphs of 500, 5,000 and 20,000 entities it times `write_view` and
the page's time to a still layout (`window.__kgStable`), against pyvis 0.3.2's own
`Network.from_nx` + `write_html` with its default physics as a baseline, and
prints a table.

    .venv/bin/python benchmarks/view_bench.py            # all sizes
    .venv/bin/python benchmarks/view_bench.py 500 5000   # some sizes
    .venv/bin/python benchmarks/view_bench.py --baseline-timeout 120

pyvis is the baseline only, not a dependency of kg: `pip install -e '.[bench]'` first.

`generated_graph` is also what the view's scale test draws.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.rdf.iris import article_iri, entity_iri, evidence_iri  # noqa: E402
from kg.rdf.namespace import KG  # noqa: E402
from kg.types import Entity  # noqa: E402

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501 (one string of data)
_GIVEN = "慧杰雪翔建国志强海燕丽华明辉晓东文博振宇国平永红春林卫东秀英德胜立新玉兰金凤宏伟少华建华小平晓峰"
_PLACES = "廿里樟潭大洲高家莲花湖南杜泽横路全旺峡川上方举村云溪黄坛岭洋太真灰坪后溪周家安仁"
_MIX = (  # class, share of the entities
    ("Person", 0.34),
    ("Organization", 0.08),
    ("Company", 0.10),
    ("Place", 0.10),
    ("Project", 0.10),
    ("Event", 0.08),
    ("Meeting", 0.07),
    ("Position", 0.08),
    ("MonetaryAmount", 0.05),
)
_SUPER = {"Company": KG.Organization, "Meeting": KG.Event}


def _name(kind: str, i: int, rng: random.Random) -> str:
    place = rng.choice(_PLACES) + rng.choice(_PLACES)
    if kind == "Person":
        return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN) + (str(i) if i > 2000 else "")
    return {
        "Organization": f"{place}第{i}局",
        "Company": f"衢州市{place}第{i}有限公司",
        "Place": f"{place}{i}镇",
        "Project": f"{place}第{i}产业园",
        "Event": f"{place}第{i}次现场调研",
        "Meeting": f"区政府第{i}次常务会议",
        "Position": f"第{i}局局长",
        "MonetaryAmount": f"{i}.5亿元",
    }[kind]


def generated_graph(n_entities: int, *, seed: int = 0, facts_per_entity: float = 1.6) -> Graph:
    """A graph shaped as docs/MODEL.md says, with made-up names and random facts.

    Facts follow the contract's domains and ranges; their objects are picked with a
    skewed (Zipf-like) preference, so a few entities become hubs as in real news.
    Every fact has one evidence sentence and one of n/10 articles.
    """
    rng = random.Random(seed)
    triples: list[tuple] = []
    add = triples.append
    articles = []
    for k in range(max(1, n_entities // 10)):
        a = article_iri(f"generated-{seed}-{k}")
        add((a, RDF.type, KG.Article))
        add((a, DCTERMS.title, Literal(f"第{k}篇报道：{rng.choice(_PLACES)}{rng.choice(_PLACES)}推进重点项目", lang="zh")))
        add((a, DCTERMS.date, Literal(f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}", datatype=XSD.date)))
        articles.append(a)
    by_kind: dict[str, list[URIRef]] = {kind: [] for kind, _ in _MIX}
    names: dict[URIRef, str] = {}
    kinds = rng.choices([k for k, _ in _MIX], weights=[w for _, w in _MIX], k=n_entities)
    for i, kind in enumerate(kinds):
        name = _name(kind, i, rng)
        if kind == "MonetaryAmount":
            from decimal import Decimal

            e = entity_iri(Entity(kind, name, value=Decimal(i * 100_000_000 + 50_000_000)))
        else:
            e = entity_iri(Entity(kind, name))
        if e in names:
            continue
        names[e] = name
        by_kind[kind].append(e)
        add((e, RDF.type, KG[kind]))
        if kind in _SUPER:
            add((e, RDF.type, _SUPER[kind]))
        add((e, RDFS.label, Literal(name, lang="zh")))
        if kind == "Person" and rng.random() < 0.2:
            add((e, SKOS.altLabel, Literal(name[0] + "书记", lang="zh")))
        add((e, KG.mentionedIn, rng.choice(articles)))
        if kind in ("Event", "Meeting"):
            add((e, KG.date, Literal(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)))
    events = by_kind["Event"] + by_kind["Meeting"]
    orgs = by_kind["Organization"] + by_kind["Company"]
    located = by_kind["Project"] + by_kind["Company"] + events
    for pool in (events, orgs, located):
        rng.shuffle(pool)  # hubs of every class, not only of the first

    def skewed(pool: list[URIRef]) -> URIRef:
        # index ~ Pareto: low indices (the hubs) are picked far more often
        return pool[min(len(pool) - 1, int(rng.paretovariate(1.2)) - 1)]

    # (relation, domain pool, range pool)
    rules = [
        ("attended", by_kind["Person"], events),
        ("presided", by_kind["Person"], events),
        ("spokeAt", by_kind["Person"], events),
        ("holdsPosition", by_kind["Person"], by_kind["Position"]),
        ("worksFor", by_kind["Person"], orgs),
        ("locatedIn", located, by_kind["Place"]),
        ("locatedIn", by_kind["Place"], by_kind["Place"]),
        ("invested", by_kind["Company"], by_kind["MonetaryAmount"]),
        ("investedIn", by_kind["Company"], by_kind["Project"]),
        ("totalInvestment", by_kind["Project"], by_kind["MonetaryAmount"]),
    ]
    rules = [r for r in rules if r[1] and r[2]]
    seen = set()
    for _ in range(int(n_entities * facts_per_entity)):
        rel, domain, rng_pool = rng.choice(rules)
        s, o = rng.choice(domain), skewed(rng_pool)
        if s == o or (s, rel, o) in seen:
            continue
        seen.add((s, rel, o))
        a = rng.choice(articles)
        sentence = f"{names[s]}{_VERB[rel]}{names[o]}。"
        for prop in (rel, "attended") if rel in ("presided", "spokeAt") else (rel,):
            add((s, KG[prop], o))
            ev = evidence_iri(s, prop, o, a, sentence)
            add((ev, RDF.type, KG.Evidence))
            add((ev, RDF.subject, s))
            add((ev, RDF.predicate, KG[prop]))
            add((ev, RDF.object, o))
            add((ev, KG.sentence, Literal(sentence, lang="zh")))
            add((ev, KG.rule, Literal("generated.v1")))
            add((ev, PROV.wasDerivedFrom, a))
    g = Graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


_VERB = {
    "attended": "出席",
    "presided": "主持",
    "spokeAt": "在会上讲话，会议为",
    "holdsPosition": "担任",
    "worksFor": "任职于",
    "locatedIn": "位于",
    "invested": "投资",
    "investedIn": "投资建设",
    "totalInvestment": "总投资",
}


# ---- measuring -------------------------------------------------------------------


def _time_kg(graph: Graph, out: Path, browser) -> tuple[float, float, int]:
    from kg.view.page import write_view

    t = time.perf_counter()
    stats = write_view(graph, out, title="基准")
    write_s = time.perf_counter() - t
    browser.blocked.clear()
    page = browser.open(out)
    stable_s = browser.wait_stable(page, timeout_ms=600_000) / 1000
    page.close()
    assert not browser.blocked, f"the page tried the network: {browser.blocked}"
    return write_s, stable_s, stats.nodes


def _time_pyvis(graph: Graph, out: Path, browser, timeout_s: float) -> tuple[float, float | None]:
    """pyvis as its docs show it: networkx graph → from_nx → write_html, default physics."""
    import networkx as nx
    from pyvis.network import Network

    from kg.view.page import read_entities, read_facts

    entities = read_entities(graph)
    facts = read_facts(graph, entities)
    nxg = nx.DiGraph()
    for iri, e in entities.items():
        nxg.add_node(str(iri), label=e.label)
    for f in facts:
        nxg.add_edge(str(f.s), str(f.o))
    cwd = os.getcwd()
    os.chdir(out.parent)  # pyvis writes lib/ into the working directory
    try:
        t = time.perf_counter()
        net = Network(directed=True, cdn_resources="in_line")
        net.from_nx(nxg)
        net.write_html(str(out), notebook=False)
        write_s = time.perf_counter() - t
    finally:
        os.chdir(cwd)
    # pyvis's template hides its loading bar when stabilization is done. At 20,000 nodes
    # its page blocks while laying out, so even the load event may not come in time.
    page = browser.open(out, wait_until="commit")
    try:
        page.wait_for_function(
            "() => { const b = document.getElementById('loadingBar'); return b && (b.style.display === 'none' || b.style.opacity === '0'); }",
            timeout=timeout_s * 1000,
            polling=100,
        )
        stable_s = page.evaluate("performance.now()") / 1000
    except Exception:  # the page did not settle within the budget
        stable_s = None
    page.close()
    return write_s, stable_s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5_000, 20_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of kg view per size (median reported)")
    parser.add_argument("--baseline-timeout", type=float, default=180, help="seconds to wait for pyvis's page")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "tests"))
    from browser import offline_browser

    head = ("entities", "triples", "drawn", "kg write s", "kg stable s", "pyvis write s", "pyvis stable s", "write ratio", "stable ratio")
    print("  ".join(f"{h:>14}" for h in head), flush=True)
    with tempfile.TemporaryDirectory() as tmp, offline_browser() as browser:
        for n in args.sizes:
            t = time.perf_counter()
            graph = generated_graph(n)
            gen_s = time.perf_counter() - t
            runs = [_time_kg(graph, Path(tmp) / f"kg-{n}.html", browser) for _ in range(args.repeat)]
            kg_write = statistics.median(r[0] for r in runs)
            kg_stable = statistics.median(r[1] for r in runs)
            drawn = runs[0][2]
            if args.no_baseline:
                pv_write = pv_stable = None  # shown as "—"
            else:
                pv_write, pv_stable = _time_pyvis(graph, Path(tmp) / f"pyvis-{n}.html", browser, args.baseline_timeout)
            _print_row((n, len(graph), gen_s, drawn, kg_write, kg_stable, pv_write, pv_stable), args.baseline_timeout)
    print("ratios: pyvis time / kg view time (higher is better for kg view); stable = page load to a still layout")


def _print_row(row: tuple, timeout_s: float) -> None:
    def s(x: float | None) -> str:
        return "—" if x is None else f"{x:.2f}"

    n, triples, _gen, drawn, kw, ks, pw, ps = row
    cells = (
        f"{n:,}", f"{triples:,}", f"{drawn:,}", s(kw), s(ks), s(pw),
        s(ps) if ps is not None or pw is None else f">{timeout_s:.0f}",
        "—" if pw is None else f"{pw / kw:.1f}×",
        "—" if pw is None else f"{ps / ks:.1f}×" if ps is not None else f">{timeout_s / ks:.0f}×",
    )  # fmt: skip
    print("  ".join(f"{c:>14}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
