"""`kg path`: the shortest chain of facts between two entities, each with its sentence."""

from __future__ import annotations

import click

from kg.formats import ANALYSIS_FORMATS


@click.command("path")
@click.argument("graph", type=click.Path(path_type=str))
@click.argument("a")
@click.argument("b")
@click.option("--format", "-f", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="table", show_default=True)
def command(graph: str, a: str, b: str, fmt: str) -> None:
    """How A and B are connected in GRAPH: the shortest chain of facts between them.

    A and B are names (an exact label, or a part of one label). Each step is a fact
    with the sentence it was read from and its article.

    \b
    Example:
      kg path build/store 王慧杰 贵青
      kg path build/graph.ttl 王慧杰 廿里镇 --format json
    """
    from kg.analyze import AnalyzeError, format_path, read_network, shortest_path

    try:
        click.echo(format_path(shortest_path(read_network(graph), a, b), fmt), nl=False)
    except AnalyzeError as e:
        raise click.ClickException(str(e)) from None
