"""`kg query`: run a named query, a .rq file or SPARQL text on a built graph."""

from __future__ import annotations

import click

from kg.formats import RESULT_FORMATS


@click.command("query")
@click.argument("graph", required=False, type=click.Path(path_type=str))
@click.argument("query", required=False)
@click.option("--format", "-f", "fmt", type=click.Choice(RESULT_FORMATS), default="table",
              show_default=True, help="table for reading; csv, tsv or json (SPARQL 1.1 results) for scripts.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query's parameter, e.g. --param name=林晓东 (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the named queries with what each answers.")
@click.option("--max-width", default=60, show_default=True, metavar="N",
              help="Cut table cells wider than N columns (0: never).")
@click.option("--show-sparql", is_flag=True, help="Print the SPARQL that runs instead of running it.")
@click.option("--expect-empty", is_flag=True, help="Exit with status 1 when the query returns rows (for checks).")
def command(graph, query, fmt, params, list_, max_width, show_sparql, expect_empty):
    """Query GRAPH (a built graph.ttl or store folder) with QUERY: a library name, a .rq file or SPARQL.

    \b
    Examples:
      kg query --list
      kg query build/graph.ttl attendance
      kg query build/store person-timeline --param name=林晓东
      kg query build/store facts-without-evidence --expect-empty
      kg query build/graph.ttl "SELECT ?p WHERE { ?p a kg:Person }" --format csv
    """
    from kg import query as q

    try:
        if list_:
            click.echo(q.list_queries())
            return
        if not graph or not query:
            raise click.UsageError("give GRAPH and QUERY, e.g. kg query build/graph.ttl attendance (kg query --list names the queries)")
        bound = q.parse_params(params)
        if show_sparql:
            click.echo(q.prepare(query, bound))
            return
        result = q.execute(graph, query, bound)
        click.echo(q.format_result(result, fmt, max_width=max_width), nl=fmt == "table")
    except q.QueryError as e:
        raise click.ClickException(str(e)) from None
    if expect_empty and len(result):
        raise SystemExit(1)
