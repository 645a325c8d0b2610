"""RDF: IRIs minted from content, the namespace of the ontology, graph lines and exports."""
