"""The project's vocabulary, as declared in ontology/kg.ttl (a test keeps them in step)."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.rdf.prefixes import ENTITY_BASE, ONTOLOGY_BASE, PREFIXES, SPARQL_PREFIXES  # noqa: F401 (re-exported)

KGR = Namespace(ENTITY_BASE)


class KG(DefinedNamespace):
    """Terms of `ontology/kg.ttl`; a misspelt term raises instead of minting a new IRI."""

    _fail = True
    _NS = Namespace(ONTOLOGY_BASE)

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
    EventSeries: URIRef
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
    series: URIRef
    seat: URIRef
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
