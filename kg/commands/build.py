"""kg build: text files in, graph out."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click


@click.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--date", "issue_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Issue date for files without a masthead (YYYY-MM-DD).")
@click.option("--format", "formats", multiple=True, default=("turtle",), show_default=True,
              type=click.Choice(["turtle", "nt", "trig", "json-ld"]), help="RDF formats to write (repeatable).")
@click.option("--no-view", is_flag=True, help="Do not write graph.html.")
@click.option("--no-store", is_flag=True, help="Do not load the query store.")
@click.option("--strict", is_flag=True, help="Fail on the first bad file or article instead of skipping it.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def command(inputs, out, issue_date, formats, no_view, no_store, strict, quiet):
    """Build the knowledge graph of INPUTS (.txt files or folders).

    \b
    Writes OUT/graph.ttl (and other --format files), OUT/graph.html and OUT/store/.
    Example:
      kg build seeds/ --out build/
      kg build paper/2024-05-01.txt --date 2024-05-01 --format nt
    """
    from kg.pipeline import BuildError, build

    date = issue_date.date() if isinstance(issue_date, dt.datetime) else None
    try:
        report = build(list(inputs), out, date=date, formats=formats, view=not no_view, store=not no_store, strict=strict)
    except BuildError as exc:
        click.echo(f"kg build: {exc}", err=True)
        sys.exit(1)
    for error in report.errors:
        click.echo(f"kg build: skipped {error}", err=True)
    if not quiet:
        click.echo(report.summary())
