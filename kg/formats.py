"""The output formats, by name, in one place: a graph's files (written by `kg.rdf.export`)
and query results (by `kg.query`). Plain names, so that a command offers them without
loading what writes them (`kg build` run again on the same input loads neither rdflib
nor pyoxigraph)."""

GRAPH_FORMATS = ("turtle", "nt", "trig", "json-ld")  # kg build --format
RESULT_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "sparql-json")  # kg query --format
ANALYSIS_FORMATS = ("table", "csv", "json")  # kg analyze --format, kg path --format
NETWORK_FORMATS = ("graphml", "gexf")  # kg analyze --format: the network, for Gephi
