"""`kg serve`: a SPARQL endpoint over a built graph, with a query page for the browser."""

from __future__ import annotations

import click


@click.command("serve")
@click.argument("graph", type=click.Path(path_type=str))
@click.option("--port", "-p", default=7878, show_default=True, help="TCP port (0: any free port).")
@click.option("--host", "host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates at /update (changes the store).")
@click.option("--timeout", "timeout_s", type=int, default=None, metavar="SECONDS", help="Cut queries running longer.")
def command(graph, port, host, allow_update, timeout_s):
    """Serve GRAPH (a built graph.ttl or store folder) as a SPARQL 1.1 endpoint at /query.

    Read-only unless --allow-update. Open the printed address in a browser to type
    queries and see results. Ctrl-C stops it.

    \b
    Example:
      kg serve build/store --port 7878
      curl 'http://127.0.0.1:7878/query' -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from kg.serve import ServeError, serve

    try:
        endpoint = serve(graph, host=host, port=port, allow_update=allow_update, timeout_s=timeout_s)
    except ServeError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"SPARQL endpoint {endpoint.query_url}  (query page {endpoint.url}/, "
               f"{'updates at ' + endpoint.update_url if allow_update else 'read-only'}); Ctrl-C stops it")
    endpoint.wait()
