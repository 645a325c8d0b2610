"""The project's vocabulary, as declared in ontology/kg.ttl (a test keeps them in step)."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ENTITY_BASE = "https://w3id.org/kg-news/id/"
KGR = Namespace(ENTITY_BASE)


class KG(DefinedNamespace):
    """Terms of `ontology/kg.ttl`; a misspelt term raises instead of minting a new IRI."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-news/ontology#")

    # classes
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    Place: URIRef
    Project: URIRef
    Event: URIRef
    Meeting: URIRef
    Position: URIRef
    MonetaryAmount: URIRef
    Article: URIRef
    Evidence: URIRef
    # relations
    attended: URIRef
    presided: URIRef
    spokeAt: URIRef
    holdsPosition: URIRef
    worksFor: URIRef
    locatedIn: URIRef
    invested: URIRef
    investedIn: URIRef
    totalInvestment: URIRef
    ofOrganization: URIRef
    mentionedIn: URIRef
    # values
    date: URIRef
    value: URIRef
    currency: URIRef
    qualifier: URIRef
    title: URIRef
    byline: URIRef
    # provenance
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    rule: URIRef


PREFIXES = {
    "kg": str(KG._NS),
    "kgr": ENTITY_BASE,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
