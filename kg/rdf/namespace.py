"""The project's vocabulary as rdflib terms: `KG.attended`, `KG["Person"]`.

The terms are those of `kg.rdf.ontology` (checked against ontology/kg.ttl by a test).
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

from kg.rdf.ontology import TERMS
from kg.rdf.prefixes import ENTITY_BASE, ONTOLOGY_BASE, PREFIXES, SPARQL_PREFIXES  # noqa: F401 (re-exported)

KGR = Namespace(ENTITY_BASE)


class KG(DefinedNamespace):
    """Terms of `ontology/kg.ttl`; a misspelt term raises instead of minting a new IRI."""

    _fail = True
    _NS = Namespace(ONTOLOGY_BASE)
    _extras = list(TERMS)  # the terms, from the one module that states them
