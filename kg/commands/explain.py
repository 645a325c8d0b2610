"""`kg explain`: what the graph says of one entity, with the evidence of each fact."""

from __future__ import annotations

import click


@click.command("explain")
@click.argument("entity")
@click.argument("graph", default="build/graph.ttl", type=click.Path())
def command(entity: str, graph: str) -> None:
    """Show ENTITY as GRAPH (graph.ttl, default build/graph.ttl, or a store folder) has it: types, labels, facts.

    ENTITY is any of its labels; failing an exact one, a part of a label
    (candidates are listed when several entities match). Each fact comes with
    its evidence sentences, the extraction rule and the article.

    \b
    Example:
      kg explain 王慧杰 build/graph.ttl
      kg explain 王慧杰 build/store
      kg explain 常务会议
    """
    from kg.inspect.explain import AmbiguousName, EntityNotFound, explain
    from kg.inspect.index import EvalError

    try:
        click.echo(explain(graph, entity))
    except AmbiguousName as exc:
        click.echo(exc.format(), err=True)
        raise SystemExit(1) from None
    except (EntityNotFound, EvalError) as exc:
        raise click.ClickException(f"{exc} (graph: {graph})" if isinstance(exc, EntityNotFound) else str(exc)) from None
