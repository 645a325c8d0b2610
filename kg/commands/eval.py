"""`kg eval`: score a built graph against gold facts, or sample its entities for a reader to judge."""

from __future__ import annotations

import click


@click.command("eval")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary instead of the tables.")
@click.option("--audit", "audit", type=int, metavar="N", help="Sample N entities of each class of the GRAPHs for a reader to judge.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default="audit.tsv", show_default=True, help="Where --audit writes the sample.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of --audit's sample.")
@click.option("--audit-score", "audit_score", type=click.Path(dir_okay=False), metavar="FILE", help="Precision per class of a judged audit file.")
def command(files: tuple[str, ...], as_json: bool, audit: int | None, out: str, seed: int, audit_score: str | None) -> None:
    """Score a graph against gold facts: kg eval GOLD [GRAPH] (GRAPH defaults to build/graph.ttl).

    Prints precision, recall and F1 per relation and entity type, the
    micro-average over the core relations, then every missed gold fact and
    every graph fact no gold fact supports, with its evidence sentence and rule.

    With --audit N GRAPH..., writes N entities of each class (Place, Project,
    Organization, Meeting, Company, Person) of the graphs, each with a sentence it
    was read in, to a TSV file with an empty verdict column; write y or n in it
    (is this a real, correctly bounded name of a thing of that class?) and score
    it with --audit-score FILE.

    \b
    Example:
      kg eval ../shared/gold/seeds.jsonl build/graph.ttl
      kg eval ../shared/gold/dev.jsonl --json | jq .core
      kg eval --audit 40 build/graph.ttl --out audit.tsv
      kg eval --audit-score audit.tsv
    """
    import json

    from kg.inspect.evaluate import EvalError, evaluate, format_report

    try:
        if audit_score is not None:
            from kg.inspect.audit import format_audit_score, score_audit

            if files or audit is not None:
                raise click.UsageError("--audit-score takes only the judged FILE")
            scores = score_audit(audit_score)
            if as_json:
                data = {s.cls: {"sampled": s.sampled, "judged": s.judged, "correct": s.correct, "precision": s.precision} for s in scores}
                click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                click.echo(format_audit_score(scores))
            return
        if audit is not None:
            from kg.inspect.audit import sample_entities, write_audit

            rows = sample_entities(list(files) or ["build/graph.ttl"], audit, seed=seed)
            write_audit(rows, out)
            counts = {}
            for row in rows:
                counts[row.cls] = counts.get(row.cls, 0) + 1
            click.echo(f"{len(rows)} entities ({', '.join(f'{c} {n}' for c, n in counts.items())}) → {out}")
            return
        if not 1 <= len(files) <= 2:
            raise click.UsageError("give GOLD and optionally GRAPH (or --audit N GRAPH..., --audit-score FILE)")
        gold, graph = files[0], files[1] if len(files) > 1 else "build/graph.ttl"
        report = evaluate(gold, graph)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
