"""kg load: push a built graph into a SPARQL Graph Store endpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("load")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Named graph to load into [default: the default graph].")
@click.option("--batch-size", type=click.IntRange(min=1), default=10_000, show_default=True, help="Triples per request.")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True, help="Retries of a failed request, with growing waits.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def command(graph_path, endpoint, graph_iri, batch_size, retries, quiet):
    """Load GRAPH (graph.ttl, graph.nt or a store/ folder) into a SPARQL endpoint.

    \b
    Loading the same graph again adds nothing (a graph is a set of triples).
    Example:
      kg load build/graph.ttl --endpoint http://localhost:7878/store
      kg load build/graph.nt --endpoint http://localhost:3030/ds/data --graph https://example.org/paper/2024
    """
    from kg.load import LoadError, load_graph

    try:
        report = load_graph(graph_path, endpoint, graph=graph_iri, batch_size=batch_size, retries=retries)
    except (LoadError, FileNotFoundError, ValueError) as exc:
        click.echo(f"kg load: {exc}", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(report.summary(endpoint))
