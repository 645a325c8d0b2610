"""The code passes the linter and the typed core the type checker, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "kg", "tests", "benchmarks"],
        ["mypy"],  # the files of [tool.mypy]
    ],
    ids=["ruff", "mypy"],
)
def test_lint_passes(command: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
