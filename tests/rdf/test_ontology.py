"""The ontology file and the Python vocabulary say the same thing, and every term is labelled in Chinese and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.rdf.namespace import KG, PREFIXES
from kg.types import ENTITY_TYPES, RELATIONS

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl"
NS = str(KG._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def python_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def declared_terms(g: Graph) -> set[str]:
    out = set()
    for kind in KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                out.add(str(s)[len(NS) :])
    return out


def test_ontology_parses_and_declares_itself(ontology: Graph) -> None:
    assert len(ontology) > 0
    assert (URIRef(NS.rstrip("#")), RDF.type, OWL.Ontology) in ontology
    assert PREFIXES["kg"] == NS


def test_ontology_declares_every_python_term(ontology: Graph) -> None:
    assert python_terms() - declared_terms(ontology) == set()


def test_ontology_declares_nothing_python_lacks(ontology: Graph) -> None:
    assert declared_terms(ontology) - python_terms() == set()


def test_ontology_no_undeclared_kg_term_used(ontology: Graph) -> None:
    used = {str(t)[len(NS) :] for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= declared_terms(ontology)


def test_ontology_every_term_labelled_in_chinese_and_english(ontology: Graph) -> None:
    for name in sorted(declared_terms(ontology)):
        labels = list(ontology.objects(KG[name], RDFS.label))
        languages = sorted(label.language for label in labels)
        assert languages == ["en", "zh"], f"kg:{name} has labels in {languages}"


def test_ontology_pipeline_types_and_relations_are_declared(ontology: Graph) -> None:
    terms = declared_terms(ontology)
    assert set(ENTITY_TYPES) <= terms
    assert set(RELATIONS) <= terms
    for name in ENTITY_TYPES + ("Article", "Evidence"):
        assert (KG[name], RDF.type, OWL.Class) in ontology
    for name in RELATIONS:
        kinds = set(ontology.objects(KG[name], RDF.type))
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
def test_ontology_hierarchy_of_the_contract(ontology: Graph, sub: str, sup: str, relation: URIRef) -> None:
    assert (KG[sub], relation, KG[sup]) in ontology


def test_ontology_evidence_is_a_statement(ontology: Graph) -> None:
    assert (KG.Evidence, RDFS.subClassOf, RDF.Statement) in ontology


def test_ontology_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        KG.presidedd  # noqa: B018
