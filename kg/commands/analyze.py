"""`kg analyze`: the graph as a network — central people, communities, organisations, Gephi files."""

from __future__ import annotations

from pathlib import Path

import click

from kg.formats import ANALYSIS_FORMATS as FORMATS
from kg.formats import NETWORK_FORMATS


@click.command("analyze")
@click.argument("graph", type=click.Path(path_type=str))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS + NETWORK_FORMATS), default="table", show_default=True,
              help="table to read, csv or json for scripts; graphml or gexf writes the network for Gephi (with --out).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="The file to write (graphml, gexf; else standard output).")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1), help="How many people and organisations to list.")
def command(graph: str, fmt: str, out: Path | None, top: int) -> None:
    """Analyse GRAPH (graph.ttl, a store folder or an endpoint URL) as a network.

    Lists the central people (betweenness in the network of facts, degree, events
    attended), the communities of co-attendance (people who attend the same events,
    by modularity) and the most connected organisations. --format graphml or gexf
    writes the network (labels, classes, communities, relations) for Gephi.

    \b
    Example:
      kg analyze build/store
      kg analyze build/graph.ttl --format csv > network.csv
      kg analyze build/store --format gexf --out network.gexf
    """
    from kg.analyze import AnalyzeError, analyze, format_analysis, read_network, write_network

    try:
        net = read_network(graph)
        if fmt in NETWORK_FORMATS:
            target = out or Path(f"network.{fmt}")
            write_network(net, target, fmt)
            click.echo(f"{target}: {net.graph.number_of_nodes():,} entities, {net.graph.number_of_edges():,} facts ({fmt}, opens in Gephi)")
            return
        text = format_analysis(analyze(net, top=top), fmt)
    except AnalyzeError as e:
        raise click.ClickException(str(e)) from None
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
