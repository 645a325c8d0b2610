#!/usr/bin/env python3
"""Set-up and tasks on a fresh machine with only Python 3.11: `python3 tasks.py demo|test`.

demo: creates .venv, installs kg, builds the seeds' graph into build/.
test: creates .venv, installs kg with its test dependencies, runs the test suite
      (the browser tests install Debian's chromium and a CJK font where missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*cmd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def ensure_env(extras: str = "") -> None:
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".{extras}")


def demo() -> None:
    ensure_env()
    run(str(BIN / "kg"), "build", "seeds/", "--out", "build/")


def test() -> None:
    ensure_env("[test]")
    result = subprocess.run([str(BIN / "python"), "-m", "pytest", "-q", *sys.argv[2:]], cwd=ROOT)
    sys.exit(result.returncode)


if __name__ == "__main__":
    tasks = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in tasks:
        sys.exit(f"usage: python3 tasks.py {'|'.join(tasks)}")
    tasks[sys.argv[1]]()
