"""The assembled graph: the contract's classes and properties, super-classes stated, evidence for every fact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kg.extract import extract
from kg.rdf import ontology
from kg.rdf.graph import assemble
from kg.rdf.iris import article_iri, entity_iri
from kg.rdf.namespace import KG, SPARQL_PREFIXES
from kg.types import Article, Entity, Extraction, Fact, Mention

TEXT = (
    "白石镇召开乡村振兴推进会\n"
    "本报讯（记者 林小鹿）3月13日，白石镇召开乡村振兴推进会。镇党委书记柯明远主持会议。"
    "青禾科技有限公司总经理郑思源出席。该公司投资1.2亿元建设翠湖智能制造产业园，项目总投资约4.2亿元。"
)
ARTICLE = Article(
    text=TEXT,
    source="papers/白石.txt",
    headline="白石镇召开乡村振兴推进会",
    date=dt.date(2023, 3, 14),
    byline="本报讯（记者 林小鹿）",
    head_end=TEXT.index("本报讯"),
)


def span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


PERSON = Entity("Person", "郑思源")
CHAIR = Entity("Person", "柯明远")
COMPANY = Entity("Company", "青禾科技有限公司")
POSITION = Entity("Position", "青禾科技有限公司总经理", title="总经理", org=COMPANY)
MEETING = Entity("Meeting", "乡村振兴推进会")
PLACE = Entity("Place", "白石镇")
PROJECT = Entity("Project", "翠湖智能制造产业园")
INVESTED = Entity("MonetaryAmount", "1.2亿元", value=Decimal("1.2E8"))
TOTAL = Entity("MonetaryAmount", "约4.2亿元", value=Decimal("420000000.0"), qualifier="约")


def hand_made() -> Extraction:
    s1 = span("3月13日，白石镇召开乡村振兴推进会。")
    s2 = span("镇党委书记柯明远主持会议。")
    s3 = span("青禾科技有限公司总经理郑思源出席。")
    s4 = span("该公司投资1.2亿元建设翠湖智能制造产业园，项目总投资约4.2亿元。")
    mentions = (
        Mention(*span("柯明远"), CHAIR),
        Mention(*span("郑思源"), PERSON),
        Mention(*span("青禾科技有限公司"), COMPANY),
        Mention(*span("翠湖智能制造产业园"), PROJECT),
        Mention(*span("1.2亿元"), INVESTED),
    )
    facts = (
        Fact(CHAIR, "presided", MEETING, *s2, "events.v1"),
        Fact(PERSON, "attended", MEETING, *s3, "events.v1"),
        Fact(PERSON, "holdsPosition", POSITION, *s3, "people.v1"),
        Fact(PERSON, "worksFor", COMPANY, *s3, "people.v1"),
        Fact(MEETING, "locatedIn", PLACE, *s1, "places.v1"),
        Fact(MEETING, "date", dt.date(2023, 3, 13), *s1, "events.v1"),
        Fact(COMPANY, "invested", INVESTED, *s4, "money.v1"),
        Fact(COMPANY, "investedIn", PROJECT, *s4, "money.v1"),
        Fact(PROJECT, "totalInvestment", TOTAL, *s4, "money.v1"),
    )
    return Extraction(ARTICLE, mentions, facts)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return assemble([hand_made()])


def ask(g: Graph, query: str) -> bool:
    return bool(g.query(SPARQL_PREFIXES + query).askAnswer)


def test_graph_entities_typed_and_labelled(graph: Graph) -> None:
    for entity in (PERSON, CHAIR, COMPANY, POSITION, MEETING, PLACE, PROJECT, INVESTED, TOTAL):
        iri = entity_iri(entity)
        assert (iri, RDF.type, KG[entity.type]) in graph
        labels = list(graph.objects(iri, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh"
    assert (entity_iri(COMPANY), RDF.type, KG.Organization) in graph
    assert (entity_iri(MEETING), RDF.type, KG.Event) in graph


def test_graph_uses_only_contract_terms(graph: Graph) -> None:
    kg_ns = str(KG._NS)
    declared = set(ontology.TERMS)
    used = {str(p)[len(kg_ns) :] for p in graph.predicates() if str(p).startswith(kg_ns)}
    used |= {str(o)[len(kg_ns) :] for o in graph.objects(None, RDF.type) if str(o).startswith(kg_ns)}
    assert used <= declared
    assert {"attended", "presided", "holdsPosition", "worksFor", "locatedIn", "invested", "investedIn",
            "totalInvestment", "date", "value", "currency", "qualifier", "Evidence", "Article"} <= used


def test_graph_relation_triples(graph: Graph) -> None:
    chair, person = entity_iri(CHAIR), entity_iri(PERSON)
    meeting = entity_iri(MEETING)
    assert (chair, KG.presided, meeting) in graph
    assert (chair, KG.attended, meeting) in graph  # the super-property is stated too
    assert (person, KG.attended, meeting) in graph
    assert (person, KG.presided, meeting) not in graph
    assert (person, KG.holdsPosition, entity_iri(POSITION)) in graph
    assert (person, KG.worksFor, entity_iri(COMPANY)) in graph
    assert (meeting, KG.locatedIn, entity_iri(PLACE)) in graph
    assert (meeting, KG.date, Literal("2023-03-13", datatype=XSD.date)) in graph
    assert (entity_iri(COMPANY), KG.investedIn, entity_iri(PROJECT)) in graph


def test_graph_position_shape(graph: Graph) -> None:
    pos = entity_iri(POSITION)
    assert (pos, RDFS.label, Literal("青禾科技有限公司总经理", lang="zh")) in graph
    assert (pos, SKOS.altLabel, Literal("总经理", lang="zh")) in graph
    assert (pos, KG.title, Literal("总经理")) in graph
    assert (pos, KG.ofOrganization, entity_iri(COMPANY)) in graph


def test_graph_money_shape(graph: Graph) -> None:
    total = entity_iri(TOTAL)
    assert str(total).endswith("MonetaryAmount/420000000-约")
    assert (entity_iri(PROJECT), KG.totalInvestment, total) in graph
    values = list(graph.objects(total, KG.value))
    assert len(values) == 1 and values[0].datatype == XSD.decimal and values[0].toPython() == Decimal(420_000_000)
    assert (total, KG.currency, Literal("CNY")) in graph
    assert (total, KG.qualifier, Literal("约")) in graph
    invested = entity_iri(INVESTED)
    assert str(invested).endswith("MonetaryAmount/120000000")
    assert (invested, KG.value, Literal("120000000", datatype=XSD.decimal)) in graph
    assert not list(graph.objects(invested, KG.qualifier))


def test_graph_article_node(graph: Graph) -> None:
    a = article_iri(ARTICLE)
    assert (a, RDF.type, KG.Article) in graph
    assert (a, DCTERMS.title, Literal("白石镇召开乡村振兴推进会", lang="zh")) in graph
    assert (a, DCTERMS.date, Literal("2023-03-14", datatype=XSD.date)) in graph
    assert (a, DCTERMS.source, Literal("papers/白石.txt")) in graph
    assert (a, KG.byline, Literal("本报讯（记者 林小鹿）")) in graph
    for entity in (PERSON, CHAIR, COMPANY, PROJECT, MEETING):
        assert (entity_iri(entity), KG.mentionedIn, a) in graph


def test_graph_article_without_date_has_no_date() -> None:
    undated = Article(text=TEXT, source="x.txt", headline="白石镇召开乡村振兴推进会")
    g = assemble([Extraction(undated)])
    assert not list(g.objects(article_iri(undated), DCTERMS.date))


RELATIONS = "kg:attended kg:presided kg:spokeAt kg:holdsPosition kg:worksFor kg:locatedIn kg:invested kg:investedIn kg:totalInvestment kg:date"

UNSUPPORTED = f"""
SELECT ?s ?p ?o WHERE {{
  VALUES ?p {{ {RELATIONS} }}
  ?s ?p ?o .
  FILTER NOT EXISTS {{
    ?e a kg:Evidence ; rdf:subject ?s ; rdf:object ?o ; rdf:predicate ?q ;
       kg:sentence ?sentence ; kg:rule ?rule ; kg:charStart ?cs ; kg:charEnd ?ce ;
       prov:wasDerivedFrom ?a .
    ?a a kg:Article .
    FILTER(?q = ?p || (?p = kg:attended && ?q IN (kg:presided, kg:spokeAt)))
  }}
}}
"""


def unsupported(g: Graph) -> list:
    return list(g.query(SPARQL_PREFIXES + UNSUPPORTED))


def test_graph_every_relation_has_evidence(graph: Graph) -> None:
    assert unsupported(graph) == []
    # and the check would see a fact without evidence
    bare = Graph()
    for t in graph:
        bare.add(t)
    bare.add((entity_iri(CHAIR), KG.worksFor, URIRef("https://w3id.org/kg-news/id/Organization/x")))
    assert len(unsupported(bare)) == 1


def test_graph_evidence_sentence_and_offsets(graph: Graph) -> None:
    rows = list(graph.query(SPARQL_PREFIXES + """
        SELECT ?sentence ?cs ?ce ?rule WHERE {
          ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate kg:presided ; kg:sentence ?sentence ;
             kg:charStart ?cs ; kg:charEnd ?ce ; kg:rule ?rule .
        }"""))
    assert len(rows) == 1
    sentence, cs, ce, rule = rows[0]
    assert str(sentence) == "镇党委书记柯明远主持会议。" == TEXT[cs.toPython() : ce.toPython()]
    assert str(rule) == "events.v1"


def test_graph_evidence_query_from_the_model_doc(graph: Graph) -> None:
    rows = list(graph.query(SPARQL_PREFIXES + """
        SELECT ?subject ?property ?object ?sentence ?rule ?headline WHERE {
          ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?property ; rdf:object ?o ;
             kg:sentence ?sentence ; kg:rule ?rule ; prov:wasDerivedFrom ?a .
          ?s rdfs:label ?subject .
          OPTIONAL { ?o rdfs:label ?ol }
          BIND(COALESCE(?ol, ?o) AS ?object)
          OPTIONAL { ?a dcterms:title ?headline }
        }"""))
    found = {(str(r.subject), str(r.property).split("#")[1], str(r.object)) for r in rows}
    assert ("郑思源", "holdsPosition", "青禾科技有限公司总经理") in found
    assert ("翠湖智能制造产业园", "totalInvestment", "约4.2亿元") in found
    assert ("乡村振兴推进会", "date", "2023-03-13") in found
    assert {str(r.headline) for r in rows} == {"白石镇召开乡村振兴推进会"}


def test_graph_builds_merge_by_union() -> None:
    one = assemble([hand_made()])
    again = assemble([hand_made()])
    assert set(one) == set(again)
    both = assemble([hand_made(), hand_made()])
    assert len(both) == len(one)


def test_graph_from_extractors_has_evidence_for_every_relation() -> None:
    article = Article(text=TEXT, source="x.txt", headline=ARTICLE.headline, date=ARTICLE.date,
                      byline=ARTICLE.byline, head_end=ARTICLE.head_end)
    g = assemble([extract(article)])
    assert len(list(g.subjects(RDF.type, KG.Evidence))) > 0
    assert unsupported(g) == []
