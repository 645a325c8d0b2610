"""How fast the query library answers on a big graph: Oxigraph's store against rdflib.

Generates a synthetic graph in the shape of docs/MODEL.md (invented names, meetings
with dates and attendance, posts, places in a hierarchy, projects with amounts,
companies investing, an evidence node for every fact), loads it into the on-disk
store, and times every library query (median of several runs). rdflib's in-memory
engine runs on a smaller graph of the same shape, each query in a child process
capped at a timeout, since it can take minutes where Oxigraph takes milliseconds.

    .venv/bin/python benchmarks/query_bench.py                      # ~1M triples, rdflib on ~100k
    .venv/bin/python benchmarks/query_bench.py --triples 200000 --rdflib-triples 20000 --timeout 10
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import execute, library, prepare, with_prefixes  # noqa: E402
from kg.store import load_store, open_graph  # noqa: E402

KG = "https://w3id.org/kg-news/ontology#"
KGR = "https://w3id.org/kg-news/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501 (one string of data)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玉兰志红春梅海燕金凤晓东雪青林立群若慧杰翔宇浩然思远嘉欣子涵一鸣"
PLACE_CHARS = "青溪丰和云州安平东阳西岭南湖北山清河金华长乐永宁石门桃源龙泉白沙临江望海"
TITLES = ["书记", "副书记", "区长", "副区长", "县长", "副县长", "局长", "主任", "镇长", "董事长", "总经理"]
EVENT_KINDS = ["区政府第{n}次常务会议", "区委常委会第{n}次会议", "{place}项目推进会", "{place}现场调研", "{place}工作座谈会"]


def _name(rng: random.Random, used: set[str], chars: str, length: tuple[int, int], prefix: str = "") -> str:
    while True:
        s = prefix + "".join(rng.choice(chars) for _ in range(rng.randint(*length)))
        if s not in used:
            used.add(s)
            return s


class _Writer:
    """N-Triples lines, with an evidence node per fact."""

    def __init__(self, rng: random.Random) -> None:
        self.lines: list[str] = []
        self.rng = rng
        self.facts = 0

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def fact(self, s: str, p: str, o: str, article: str, sentence: str, rule: str) -> None:
        self.t(s, p, o)
        self.facts += 1
        e = f"<{KGR}fact/{self.facts:012x}>"
        start = self.rng.randint(0, 3000)
        self.t(e, f"<{RDF}type>", f"<{KG}Evidence>")
        self.t(e, f"<{RDF}subject>", s)
        self.t(e, f"<{RDF}predicate>", p)
        self.t(e, f"<{RDF}object>", o)
        self.t(e, f"<{KG}sentence>", f'"{sentence}"@zh')
        self.t(e, f"<{KG}charStart>", f'"{start}"^^<{XSD}integer>')
        self.t(e, f"<{KG}charEnd>", f'"{start + len(sentence)}"^^<{XSD}integer>')
        self.t(e, f"<{KG}rule>", f'"{rule}"')
        self.t(e, f"<{PROV}wasDerivedFrom>", article)


def _iri(cls: str, name: str) -> str:
    return f"<{KGR}{cls}/{name}>"


def _label(name: str) -> str:
    return f'"{name}"@zh'


def generate(target_triples: int, seed: int = 7) -> tuple[str, dict[str, str]]:
    """N-Triples text of a synthetic graph of about `target_triples` triples, and realistic
    parameter values for the library's queries (names that exist in it)."""
    rng = random.Random(seed)
    w = _Writer(rng)
    used: set[str] = set()
    a, lab, typ = f"<{RDF}type>", f"<{RDFS}label>", f"<{KG}"
    scale = max(1, target_triples // 120)  # about 120 triples per event, all told

    n_events = scale
    n_people = max(20, scale // 2)
    n_articles = max(10, scale // 3)
    n_projects = max(10, scale // 3)
    n_companies = max(5, scale // 6)

    # articles
    articles = []
    start = 19000  # days since 1970: 2022
    for i in range(n_articles):
        art = f"<{KGR}article/{i:016x}>"
        articles.append(art)
        day = time.strftime("%Y-%m-%d", time.gmtime((start + i * 1500 // n_articles) * 86400))
        w.t(art, a, f"{typ}Article>")
        w.t(art, f"<{DCT}title>", _label(_name(rng, used, GIVEN + PLACE_CHARS, (8, 14), "新闻")))
        w.t(art, f"<{DCT}date>", f'"{day}"^^<{XSD}date>')
        w.t(art, f"<{DCT}source>", f'"news/{i:05d}.txt"')

    # places: a city, counties, towns
    city = _name(rng, used, PLACE_CHARS, (2, 2), "") + "市"
    places = [(city, None)]
    counties = [_name(rng, used, PLACE_CHARS, (2, 3)) + "县" for _ in range(max(2, scale // 800))]
    places += [(c, city) for c in counties]
    towns = [(_name(rng, used, PLACE_CHARS, (2, 3)) + rng.choice("镇乡") , rng.choice(counties))
             for _ in range(max(4, scale // 40))]
    places += towns
    for name, parent in places:
        p = _iri("Place", name)
        w.t(p, a, f"{typ}Place>")
        w.t(p, lab, _label(name))
        if parent:
            w.fact(p, f"{typ}locatedIn>", _iri("Place", parent), rng.choice(articles), f"{parent}{name}", "place.v1")

    # organisations, people and their posts
    orgs = [_name(rng, used, PLACE_CHARS, (2, 3)) + rng.choice(["人民政府", "发改局", "经信局", "自然资源局"])
            for _ in range(max(5, scale // 40))]
    for o in orgs:
        w.t(_iri("Organization", o), a, f"{typ}Organization>")
        w.t(_iri("Organization", o), lab, _label(o))
    people = [_name(rng, used, GIVEN, (1, 2), rng.choice(SURNAMES)) for _ in range(n_people)]
    for person in people:
        p = _iri("Person", person)
        art = rng.choice(articles)
        w.t(p, a, f"{typ}Person>")
        w.t(p, lab, _label(person))
        w.t(p, f"<{KG}mentionedIn>", art)
        org, title = rng.choice(orgs), rng.choice(TITLES)
        pos = _iri("Position", org + title)
        w.t(pos, a, f"{typ}Position>")
        w.t(pos, lab, _label(org + title))
        w.t(pos, f"<{KG}title>", f'"{title}"')
        w.t(pos, f"<{KG}ofOrganization>", _iri("Organization", org))
        sentence = f"{org}{title}{person}出席会议。"
        w.fact(p, f"{typ}holdsPosition>", pos, art, sentence, "people.v1")
        w.fact(p, f"{typ}worksFor>", _iri("Organization", org), art, sentence, "people.v1")

    # events with date, place, presider, speaker and attendees
    counters = {"n": 0}
    events = []
    attendance: dict[str, int] = {}
    for i in range(n_events):
        counters["n"] += 1
        place = rng.choice(places)[0]
        kind = rng.choice(EVENT_KINDS)
        name = kind.format(n=counters["n"], place=place)
        if name in used:
            name += str(i)
        used.add(name)
        meeting = "会议" in kind
        e = _iri("Meeting" if meeting else "Event", name)
        events.append(name)
        art = rng.choice(articles)
        day = time.strftime("%Y-%m-%d", time.gmtime((start + rng.randint(0, 1500)) * 86400))
        if meeting:
            w.t(e, a, f"{typ}Meeting>")
        w.t(e, a, f"{typ}Event>")
        w.t(e, lab, _label(name))
        w.t(e, f"<{KG}mentionedIn>", art)
        w.fact(e, f"{typ}date>", f'"{day}"^^<{XSD}date>', art, f"{day}，{name}召开。", "date.v1")
        w.fact(e, f"{typ}locatedIn>", _iri("Place", place), art, f"{name}在{place}举行。", "place.v1")
        who = rng.sample(people, k=min(len(people), rng.randint(3, 8)))
        for j, person in enumerate(who):
            attendance[person] = attendance.get(person, 0) + 1
            p = _iri("Person", person)
            if j == 0:
                sentence = f"{person}主持召开{name}。"
                w.fact(p, f"{typ}presided>", e, art, sentence, "meeting.v1")
            elif j == 1:
                sentence = f"{person}在{name}上讲话。"
                w.fact(p, f"{typ}spokeAt>", e, art, sentence, "speech.v1")
            else:
                sentence = f"{person}等参加{name}。"
            w.fact(p, f"{typ}attended>", e, art, sentence, "meeting.v1")

    # projects and the companies investing in them
    projects = []
    for _ in range(n_projects):
        place = rng.choice(towns)[0]
        name = place + _name(rng, used, GIVEN + PLACE_CHARS, (2, 4)) + rng.choice(["产业园", "工程", "项目", "基地"])
        projects.append(name)
        j = _iri("Project", name)
        art = rng.choice(articles)
        value = rng.randint(1, 500) * 1_000_000
        qualifier = rng.choice(["", "约", "超"])
        m = _iri("MonetaryAmount", f"{value}-{qualifier}" if qualifier else str(value))
        label = f"{qualifier}{value / 1e8:g}亿元"
        w.t(j, a, f"{typ}Project>")
        w.t(j, lab, _label(name))
        w.t(m, a, f"{typ}MonetaryAmount>")
        w.t(m, lab, _label(label))
        w.t(m, f"<{KG}value>", f'"{value}"^^<{XSD}decimal>')
        w.t(m, f"<{KG}currency>", '"CNY"')
        if qualifier:
            w.t(m, f"<{KG}qualifier>", f'"{qualifier}"')
        sentence = f"{name}位于{place}，总投资{label}。"
        w.fact(j, f"{typ}locatedIn>", _iri("Place", place), art, sentence, "project.v1")
        w.fact(j, f"{typ}totalInvestment>", m, art, sentence, "project.v1")
    companies = []
    for _ in range(n_companies):
        name = _name(rng, used, PLACE_CHARS + GIVEN, (2, 4)) + rng.choice(["机械", "科技", "新材料", "建设"]) + "有限公司"
        companies.append(name)
        c = _iri("Company", name)
        art = rng.choice(articles)
        w.t(c, a, f"{typ}Company>")
        w.t(c, a, f"{typ}Organization>")
        w.t(c, lab, _label(name))
        project = rng.choice(projects)
        value = rng.randint(1, 100) * 1_000_000
        m = _iri("MonetaryAmount", str(value))
        w.t(m, a, f"{typ}MonetaryAmount>")
        w.t(m, lab, _label(f"{value / 1e4:g}万元"))
        w.t(m, f"<{KG}value>", f'"{value}"^^<{XSD}decimal>')
        sentence = f"{name}投资{value / 1e4:g}万元建设{project}。"
        w.fact(c, f"{typ}invested>", m, art, sentence, "invest.v1")
        w.fact(c, f"{typ}investedIn>", _iri("Project", project), art, sentence, "invest.v1")

    busiest = max(people, key=lambda p: attendance.get(p, 0))
    params = {
        "attendance": {"event": events[len(events) // 2]},
        "person-timeline": {"name": people[len(people) // 3]},
        "entity": {"name": people[len(people) // 3]},
        "contacts": {"name": busiest},
        "positions": {"name": people[len(people) // 3]},
        "company-investments": {"company": companies[len(companies) // 2]},
        "projects-by-place": {"place": counties[0]},
        "meetings-by-date": {"month": "2023-06"},
        "evidence": {"relation": "presided"},
    }
    return "".join(w.lines), params


def _median_ms(target, sparql: str, runs: int) -> tuple[float, int]:
    execute(target, sparql)  # warm
    times, n = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        n = len(execute(target, sparql))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), n


_RDFLIB_GRAPH = None


def _rdflib_child(sparql: str, conn) -> None:
    t0 = time.perf_counter()
    n = len(list(_RDFLIB_GRAPH.query(sparql)))
    conn.send(((time.perf_counter() - t0) * 1000, n))


def _rdflib_ms(sparql: str, timeout: float) -> float | None:
    """One run in a forked child holding the graph; None when it passes `timeout` seconds."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(sparql, child))
    proc.start()
    if parent.poll(timeout):
        ms, _ = parent.recv()
        proc.join()
        return ms
    proc.kill()
    proc.join()
    return None


def main(argv: list[str] | None = None) -> int:
    global _RDFLIB_GRAPH
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the store's graph")
    ap.add_argument("--rdflib-triples", type=int, default=100_000, help="size of rdflib's graph (0: skip rdflib)")
    ap.add_argument("--runs", type=int, default=5, help="runs per query on the store (median)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per rdflib query")
    ap.add_argument("--workdir", type=Path, default=None, help="where to write the graphs and the store")
    args = ap.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lib = library()
    # Each query as shipped, with a realistic parameter where it takes one; queries whose
    # parameter is optional also run without it (over the whole graph), marked "(all)".
    names = []
    for name, q in lib.items():
        names.append(name)
        if q.params and not any(p.required for p in q.params):
            names.append(f"{name} (all)")

    def sparql_of(name: str, params: dict) -> str:
        if name.endswith(" (all)"):
            return prepare(name[: -len(" (all)")])
        return prepare(name, params.get(name))

    def build(n: int, tag: str):
        t0 = time.perf_counter()
        text, params = generate(n)
        nt = work / f"graph-{tag}.nt"
        nt.write_text(text, encoding="utf-8")
        t1 = time.perf_counter()
        count = load_store(nt, work / f"store-{tag}")
        t2 = time.perf_counter()
        print(f"{tag}: {count:,} triples generated in {t1 - t0:.1f} s, loaded into the store in {t2 - t1:.1f} s", flush=True)
        return nt, params, open_graph(work / f"store-{tag}")

    _, params_big, big = build(args.triples, "big")
    results = {}
    for name in names:
        sparql = sparql_of(name, params_big)
        results[name] = list(_median_ms(big, sparql, args.runs))
        print(f"  store {name}: {results[name][0]:.1f} ms, {results[name][1]} rows", flush=True)

    if args.rdflib_triples:
        import rdflib

        nt_small, params_small, small = build(args.rdflib_triples, "small")
        t0 = time.perf_counter()
        _RDFLIB_GRAPH = rdflib.Graph()
        _RDFLIB_GRAPH.parse(str(nt_small), format="nt")
        print(f"small: rdflib parsed {len(_RDFLIB_GRAPH):,} triples in {time.perf_counter() - t0:.1f} s", flush=True)
        for name in names:
            sparql = sparql_of(name, params_small)
            ox_ms, _ = _median_ms(small, sparql, args.runs)
            rd_ms = _rdflib_ms(with_prefixes(sparql), args.timeout)
            results[name] += [ox_ms, rd_ms]
            shown = f"{rd_ms:.0f} ms" if rd_ms is not None else f">{args.timeout:g} s"
            print(f"  rdflib {name}: {shown} (store {ox_ms:.1f} ms)", flush=True)

    big_n, small_n = f"{len(big):,}", f"{len(_RDFLIB_GRAPH):,}" if _RDFLIB_GRAPH is not None else ""
    print()
    head = f"| query | rows | store, {big_n} triples (ms) |"
    if args.rdflib_triples:
        head += f" store, {small_n} (ms) | rdflib, {small_n} (ms) | rdflib ÷ store |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name in names:
        r = results[name]
        line = f"| {name} | {r[1]} | {r[0]:.1f} |"
        if args.rdflib_triples:
            ox_ms, rd_ms = r[2], r[3]
            if rd_ms is None:
                line += f" {ox_ms:.1f} | >{args.timeout * 1000:.0f} | >{args.timeout * 1000 / max(ox_ms, 0.01):.0f}× |"
            else:
                line += f" {ox_ms:.1f} | {rd_ms:.0f} | {rd_ms / max(ox_ms, 0.01):.0f}× |"
        print(line)
    slow = [n for n in names if results[n][0] >= 100]
    print(f"\nqueries at or over 100 ms on the store: {', '.join(slow) if slow else 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
