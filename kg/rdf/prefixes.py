"""The project's IRI bases and prefixes as plain strings, for the code that writes or
queries graphs without rdflib (Turtle by Oxigraph, the store): rdflib takes 0.1 s to
import, which a parallel build would otherwise spend after its workers are done."""

ENTITY_BASE = "https://w3id.org/kg-news/id/"
ONTOLOGY_BASE = "https://w3id.org/kg-news/ontology#"

PREFIXES = {
    "kg": ONTOLOGY_BASE,
    "kgr": ENTITY_BASE,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
