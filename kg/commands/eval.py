"""`kg eval`: score a built graph against gold facts."""

from __future__ import annotations

import click


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("graph", default="build/graph.ttl", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary instead of the tables.")
def command(gold: str, graph: str, as_json: bool) -> None:
    """Score GRAPH (default build/graph.ttl) against the gold facts in GOLD (JSONL).

    Prints precision, recall and F1 per relation and entity type, the
    micro-average over the core relations, then every missed gold fact and
    every graph fact no gold fact supports, with its evidence sentence and rule.

    \b
    Example:
      kg eval ../shared/gold/seeds.jsonl build/graph.ttl
      kg eval ../shared/gold/dev.jsonl --json | jq .core
    """
    import json

    from kg.inspect.evaluate import EvalError, evaluate, format_report

    try:
        report = evaluate(gold, graph)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
