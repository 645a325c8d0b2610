"""`kg view`: write the interactive HTML page of a graph."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("view")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@click.option("--focus", help="Draw only the neighbourhood of the entity with this name (label or alternative name).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(min=0), help="How many steps around --focus.")
@click.option("--max-nodes", type=click.IntRange(min=1),
              help="Draw at most this many entities, the best connected first [default: 2,000 for bigger graphs].")
@click.option("--title", default="", help="The title shown on the page (default: the graph file's name).")
def command(graph: Path, out: Path, focus: str | None, hops: int, max_nodes: int | None, title: str) -> None:
    """Write GRAPH (Turtle or any RDF file, or a store folder) as one self-contained,
    offline HTML page.

    The page finds entities by name, filters by class, relation and date, and shows
    each fact with its sentence and article. Graphs too big to draw well are cut to
    the best connected entities, and the page says so. From a store folder, --focus
    reads only the neighbourhood it draws: the way to browse a graph of years of papers.

    \b
    Example:
      kg view build/graph.ttl --out build/view.html --title 衢江新闻
      kg view build/graph.ttl --out wang.html --focus 王慧杰 --hops 2
      kg view build/store --out wang.html --focus 王慧杰 --hops 2
    """
    from kg.build.incremental import unfinished
    from kg.view.page import read_for_view, write_view

    if why := unfinished(graph):
        raise click.ClickException(why)
    if graph.is_dir():
        from kg.store import require_store

        try:
            require_store(graph)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc
    try:
        if graph.is_dir():
            from kg.view.neighbourhood import read_neighbourhood, read_store

            rdf = read_neighbourhood(graph, focus, hops=hops, max_nodes=max_nodes) if focus is not None else read_store(graph)
        else:
            rdf = read_for_view(graph)
    except ValueError as exc:  # no entity of that name
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # rdflib and Oxigraph raise many kinds; the user needs the file and the reason
        raise click.ClickException(f"cannot read {graph} as RDF: {exc}") from exc
    try:
        stats = write_view(rdf, out, title=title or graph.stem, focus=focus, hops=hops, max_nodes=max_nodes)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{out}: {stats.nodes:,} 个实体、{stats.edges:,} 条事实（图中共 {stats.total_nodes:,} 个实体、{stats.total_edges:,} 条事实）")
    if stats.note:
        click.echo(stats.note)
