"""ontology/kg.ttl and kg.rdf.ontology, the one module stating the vocabulary in Python, say the same
thing: the same terms, of the same kinds, with the same Chinese labels and hierarchy; every term is
labelled in Chinese and English, and docs/MODEL.md names no term the ontology lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.rdf import ontology
from kg.rdf.namespace import KG, PREFIXES
from kg.types import ENTITY_TYPES, RELATIONS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
NS = str(KG._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def python_terms() -> set[str]:
    return set(ontology.TERMS)


def declared_terms(g: Graph) -> set[str]:
    out = set()
    for kind in KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                out.add(str(s)[len(NS) :])
    return out


def test_ontology_parses_and_declares_itself(ontology_graph: Graph) -> None:
    assert len(ontology_graph) > 0
    assert (URIRef(NS.rstrip("#")), RDF.type, OWL.Ontology) in ontology_graph
    assert PREFIXES["kg"] == NS


def test_ontology_declares_every_python_term(ontology_graph: Graph) -> None:
    assert python_terms() - declared_terms(ontology_graph) == set()


def test_ontology_declares_nothing_python_lacks(ontology_graph: Graph) -> None:
    assert declared_terms(ontology_graph) - python_terms() == set()


def test_ontology_no_undeclared_kg_term_used(ontology_graph: Graph) -> None:
    used = {str(t)[len(NS) :] for triple in ontology_graph for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= declared_terms(ontology_graph)


def test_ontology_every_term_labelled_in_chinese_and_english(ontology_graph: Graph) -> None:
    for name in sorted(declared_terms(ontology_graph)):
        labels = list(ontology_graph.objects(KG[name], RDFS.label))
        languages = sorted(label.language for label in labels)
        assert languages == ["en", "zh"], f"kg:{name} has labels in {languages}"


def test_ontology_pipeline_types_and_relations_are_declared(ontology_graph: Graph) -> None:
    terms = declared_terms(ontology_graph)
    assert set(ENTITY_TYPES) <= terms
    assert set(RELATIONS) <= terms
    for name in ENTITY_TYPES + ("Article", "Evidence"):
        assert (KG[name], RDF.type, OWL.Class) in ontology_graph
    for name in RELATIONS:
        kinds = set(ontology_graph.objects(KG[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name


@pytest.mark.parametrize(
    "sub, sup, relation",
    [
        ("Company", "Organization", RDFS.subClassOf),
        ("Meeting", "Event", RDFS.subClassOf),
        ("presided", "attended", RDFS.subPropertyOf),
        ("spokeAt", "attended", RDFS.subPropertyOf),
    ],
)
def test_ontology_hierarchy_of_the_contract(ontology_graph: Graph, sub: str, sup: str, relation: URIRef) -> None:
    assert (KG[sub], relation, KG[sup]) in ontology_graph


def test_ontology_evidence_is_a_statement(ontology_graph: Graph) -> None:
    assert (KG.Evidence, RDFS.subClassOf, RDF.Statement) in ontology_graph


def test_ontology_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        KG.presidedd  # noqa: B018


def test_ontology_terms_are_unique() -> None:
    assert len(ontology.TERMS) == len(ontology.CLASSES) + len(ontology.PROPERTIES)


def test_ontology_namespace_knows_every_term() -> None:
    for name in ontology.TERMS:
        assert name in KG and KG[name] == URIRef(NS + name)


def test_ontology_chinese_labels_are_those_of_the_file(ontology_graph: Graph) -> None:
    for name, label in ontology.LABELS.items():
        assert Literal(label, lang="zh") in set(ontology_graph.objects(KG[name], RDFS.label)), name


@pytest.mark.parametrize(
    "group, kind",
    [
        (ontology.CLASSES, OWL.Class),
        (ontology.RELATIONS, OWL.ObjectProperty),
        (ontology.VALUES, OWL.DatatypeProperty),
    ],
)
def test_ontology_kinds_are_those_of_the_file(ontology_graph: Graph, group, kind) -> None:
    for name, _ in group:
        assert (KG[name], RDF.type, kind) in ontology_graph, name


def test_ontology_relations_link_entities(ontology_graph: Graph) -> None:
    """A relation drawn by the view goes from an entity to an entity; mentionedIn goes to an article."""
    entities = {KG[name] for name, _ in ontology.ENTITY_CLASSES}
    for name, _ in ontology.RELATIONS:
        for prop in (RDFS.domain, RDFS.range):
            assert set(ontology_graph.objects(KG[name], prop)) <= entities, name
    assert (KG.mentionedIn, RDFS.range, KG.Article) in ontology_graph


def test_ontology_hierarchy_is_that_of_the_file(ontology_graph: Graph) -> None:
    def among_terms(prop: URIRef) -> dict[str, str]:
        return {
            str(s)[len(NS) :]: str(o)[len(NS) :]
            for s, o in ontology_graph.subject_objects(prop)
            if str(s).startswith(NS) and str(o).startswith(NS)
        }

    assert among_terms(RDFS.subClassOf) == ontology.SUPERCLASS
    assert among_terms(RDFS.subPropertyOf) == ontology.SUPERPROPERTY


def test_ontology_hierarchy_helpers() -> None:
    assert ontology.subclasses("Event") == ("Event", "Meeting")
    assert ontology.subclasses("Organization") == ("Organization", "Company")
    assert ontology.subproperties("attended") == ("presided", "spokeAt")
    order = ontology.most_specific_first()
    assert sorted(order) == sorted(name for name, _ in ontology.ENTITY_CLASSES)
    for sub, sup in ontology.SUPERCLASS.items():
        assert order.index(sub) < order.index(sup)


def test_ontology_model_page_names_only_declared_terms_and_every_relation() -> None:
    import re

    named = set(re.findall(r"\bkg:([A-Za-z]+)", (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")))
    assert named - set(ontology.TERMS) == set()
    assert {name for name, _ in ontology.RELATIONS} - named == set()
