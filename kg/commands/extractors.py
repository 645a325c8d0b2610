"""kg extractors: what each extractor needs and makes."""

from __future__ import annotations

import click

from kg.extract.registry import FORMATS


@click.command("extractors")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")
def command(fmt: str) -> None:
    """List the extractors: versioned name, the extractors each needs, the relations and classes it makes.

    \b
    `kg build --extractors NAME,...` runs a chosen set (with what they need).
    Example:
      kg extractors
      kg extractors --format json | jq '.[].name'
      kg build seeds/ --extractors people.v1 --out build-people/
    """
    from kg.extract.registry import listing

    click.echo(listing(fmt))
