"""kg build: text files in, graph out."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from kg.build.pipeline import VIEW_MOST_TRIPLES
from kg.formats import GRAPH_FORMATS


@click.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--date", "issue_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Issue date for files without a masthead (YYYY-MM-DD).")
@click.option("--format", "formats", multiple=True, default=("turtle",), show_default=True,
              type=click.Choice(GRAPH_FORMATS), help="RDF formats to write (repeatable).")
@click.option("--view/--no-view", default=None,
              help=f"Write graph.html, or not [default: when the graph holds at most {VIEW_MOST_TRIPLES:,} triples].")
@click.option("--no-store", is_flag=True, help="Do not load the query store.")
@click.option("--strict", is_flag=True, help="Fail on the first bad file or article instead of skipping it.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes extracting articles [default: all cores; 1: this process].")
@click.option("--fresh", is_flag=True, help="Extract every file again, ignoring what OUT already holds.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where extraction runs.")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler (tcp://host:8786) for --engine dask [default: a local cluster].")
@click.option("--extractors", "extractor_names", default=None, metavar="NAME,...",
              help="Run only these extractors, with those they need (see kg extractors) [default: all].")
@click.option("--follow-links", is_flag=True, help="Follow links inside INPUTS folders that lead out of them [default: name and skip them].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def command(inputs, out, issue_date, formats, view, no_store, strict, jobs, fresh, engine, scheduler, extractor_names, follow_links, quiet):
    """Build the knowledge graph of INPUTS (.txt files or folders).

    \b
    Writes OUT/graph.ttl (and other --format files), OUT/graph.html (for graphs
    small enough to draw, or with --view) and OUT/store/.
    Building again into the same OUT extracts only new or changed files
    (OUT/manifest.json and OUT/shards/ record what was built).
    Example:
      kg build seeds/ --out build/
      kg build paper/2024-05-01.txt --date 2024-05-01 --format nt --jobs 2
      kg build paper/ --engine dask --scheduler tcp://10.0.0.5:8786
      kg build seeds/ --extractors people.v1,places.v1 --out build-places/
    """
    from kg.build.pipeline import BuildError, build

    date = issue_date.date() if isinstance(issue_date, dt.datetime) else None
    if engine == "dask":
        from kg.build.distributed import dask_executor

        running = dask_executor(scheduler)
    else:
        running = nullcontext(None)
    try:
        with running as executor:
            report = build(list(inputs), out, date=date, formats=formats, view=view, store=not no_store,
                           strict=strict, jobs=jobs, executor=executor, incremental=not fresh,
                           progress=None if not quiet else False, follow_links=follow_links,
                           extractors=None if extractor_names is None else [n.strip() for n in extractor_names.split(",") if n.strip()])
    except BuildError as exc:
        click.echo(f"kg build: {exc}", err=True)
        sys.exit(1)
    missing = [path for path in report.outputs if not path.exists()]
    if missing:  # never a success line for an output that is not there
        click.echo(f"kg build: {missing[0]}: not written (removed while the build ran?); build again", err=True)
        sys.exit(1)
    for error in report.errors:
        click.echo(f"kg build: skipped {error}", err=True)
    for warning in report.warnings:
        click.echo(f"kg build: {warning}", err=True)
    for notice in report.notices if not quiet else ():
        click.echo(f"kg build: {notice}", err=True)
    if not quiet:
        click.echo(report.summary())
