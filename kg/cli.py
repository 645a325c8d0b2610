"""The `kg` command: a thin layer over the library; one module per command in kg/commands/."""

from __future__ import annotations

import importlib
import pkgutil

import click

import kg.commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Build knowledge graphs from Chinese local government news, then query, view and export them.

    \b
    Example:
      kg build seeds/ --out build/
      kg query build/graph.ttl attendance
    """


# Every module in kg/commands/ defines one click command named `command`.
for _info in sorted(pkgutil.iter_modules(kg.commands.__path__), key=lambda m: m.name):
    main.add_command(importlib.import_module(f"kg.commands.{_info.name}").command)


if __name__ == "__main__":
    main()
