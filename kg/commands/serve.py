"""`kg serve`: a SPARQL endpoint over a built graph, with kg's query page for the browser."""

from __future__ import annotations

import click

from kg.limits import QUERY_TIMEOUT, SERVE_MAX_RESULT_BYTES


@click.command("serve")
@click.argument("graph", type=click.Path(path_type=str))
@click.option("--port", "-p", default=7878, show_default=True, help="TCP port (0: any free port).")
@click.option("--host", "host", default=None, metavar="ADDRESS",
              help="Address to listen on [default: 127.0.0.1]. Given a non-loopback address, the server answers "
                   "any Host name; on loopback only localhost and the address.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates at /update and triples at /store (changes the store).")
@click.option("--allow-service", is_flag=True, help="Run SPARQL SERVICE clauses (the server then sends requests to other hosts).")
@click.option("--cors", is_flag=True, help="Answer cross-origin requests (pages of other sites may then query it).")
@click.option("--timeout", "timeout_s", type=float, default=QUERY_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop a query running longer; it is answered 503 with one line (0: no limit).")
@click.option("--max-result-mb", type=float, default=SERVE_MAX_RESULT_BYTES / 2**20, show_default=True, metavar="MB",
              help="Refuse an answer larger than this (507 with one line).")
def command(graph, port, host, allow_update, allow_service, cors, timeout_s, max_result_mb):
    """Serve GRAPH (a built graph.ttl or store folder) as a SPARQL 1.1 endpoint at /query.

    The page at / has the query library as tabs (parameters as fields, results linked
    to the entities) and /view the graph's HTML view; nothing on it comes from another
    host. Read-only unless --allow-update; SERVICE refused unless --allow-service;
    LOAD always refused. The store is followed across rebuilds. Ctrl-C stops it.

    \b
    Example:
      kg serve build/store --port 7878
      curl 'http://127.0.0.1:7878/query' -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a kg:Person } LIMIT 5'
      kg query http://127.0.0.1:7878/query attendance
    """
    from kg.serve import ServeError, serve

    try:
        endpoint = serve(graph, host=host or "127.0.0.1", port=port, allow_update=allow_update, timeout_s=timeout_s,
                         max_result_bytes=int(max_result_mb * 2**20), allow_service=allow_service, cors=cors)
    except ServeError as e:
        raise click.ClickException(str(e)) from None
    limit = f"queries stopped after {timeout_s:g} s" if timeout_s else "no time limit"
    click.echo(f"SPARQL endpoint {endpoint.query_url}  (query page {endpoint.url}/, "
               f"{'updates at ' + endpoint.update_url if allow_update else 'read-only'}, {limit}); Ctrl-C stops it", )
    endpoint.wait()
