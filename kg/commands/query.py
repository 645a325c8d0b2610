"""`kg query`: run a named query, a .rq file or SPARQL text on a built graph or an endpoint."""

from __future__ import annotations

import os
import sys

import click

from kg.formats import RESULT_FORMATS
from kg.limits import QUERY_MAX_ROWS, QUERY_TIMEOUT


@click.command("query")
@click.argument("graph", required=False, type=click.Path(path_type=str))
@click.argument("query", required=False)
@click.option("--format", "-f", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="table for reading; csv, tsv, json (records) or jsonl with plain values for scripts; "
                   "sparql-json for the SPARQL 1.1 results shape.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query's parameter to one literal, e.g. --param name=林晓东 (repeatable). An exact name "
                   "first; failing that, the names containing it.")
@click.option("--param-iri", "iri_params", multiple=True, metavar="NAME=IRI",
              help="Bind a parameter to an IRI, e.g. --param-iri entity=kgr:Person/林晓东.")
@click.option("--list", "list_", is_flag=True, help="List the named queries with what each answers.")
@click.option("--max-width", default=60, show_default=True, metavar="N",
              help="Cut table cells wider than N columns (0: never).")
@click.option("--timeout", "timeout", type=float, default=QUERY_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop a query running longer (0: no limit).")
@click.option("--max-rows", type=int, default=QUERY_MAX_ROWS, show_default=True, metavar="N",
              help="Fail when the answer has more rows (0: no limit).")
@click.option("--show-sparql", is_flag=True, help="Print the SPARQL that runs instead of running it.")
@click.option("--expect-empty", is_flag=True, help="Exit with status 1 when the query returns rows (for checks).")
def command(graph, query, fmt, params, iri_params, list_, max_width, timeout, max_rows, show_sparql, expect_empty):
    """Query GRAPH with QUERY: a library name, a .rq file, SPARQL text, or - to read it from standard input.

    GRAPH is a built graph.ttl, a store folder, or the URL of any SPARQL 1.1 endpoint
    (kg serve, Oxigraph, Fuseki …). The project's prefixes (kg:, kgr:, rdfs: …) are
    declared for every query.

    \b
    Examples:
      kg query --list
      kg query build/graph.ttl attendance --param event=常务会议
      kg query build/store person-timeline --param name=林晓东 --format jsonl
      kg query http://127.0.0.1:7878/query attendance
      kg query build/store facts-without-evidence --expect-empty
      echo 'SELECT ?p WHERE { ?p a kg:Person }' | kg query build/graph.ttl - --format csv
    """
    from kg import query as q

    try:
        if list_:
            click.echo(q.list_queries())
            return
        if not graph or not query:
            raise click.UsageError("give GRAPH and QUERY, e.g. kg query build/graph.ttl attendance (kg query --list names the queries)")
        text = q.read_query(query)
        bound = q.parse_params(params, iri_params)
        if show_sparql:
            click.echo(q.prepare(text, bound))
            return
        target = q.RemoteEndpoint(graph, timeout=timeout or None) if q.is_endpoint(graph) else graph
        notes: list[str] = []
        result = q.execute(target, text, bound, timeout=timeout or None, max_rows=max_rows or None, notes=notes)
        for note in notes:
            click.echo(note, err=True)
        click.echo(q.format_result(result, fmt, max_width=max_width), nl=fmt == "table")
    except q.QueryTimeout as e:
        # The query's thread cannot be stopped from Python: the process ends instead.
        click.echo(f"Error: {e}", err=True)
        sys.stderr.flush()
        os._exit(3)
    except q.QueryError as e:
        raise click.ClickException(str(e)) from None
    if expect_empty and len(result):
        raise SystemExit(1)
