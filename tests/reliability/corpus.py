"""A generated corpus of the genre for the fault tests: many small pages, each a little different."""

from __future__ import annotations

from pathlib import Path

from tests.scale_corpus import PAGES

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["立新", "建华", "雅琴", "国栋", "海波", "晓东", "志远", "明远", "思源", "文渊"]


def write_corpus(folder: Path, files: int, *, start: int = 0) -> Path:
    """`files` pages in `folder`, numbered from `start`; page i names its own district head."""
    folder.mkdir(parents=True, exist_ok=True)
    bodies = list(PAGES.values())
    for i in range(start, start + files):
        head = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        extra = f"\n第{i}次推进会召开\n本报讯（记者 周明）5月9日，区长{head}主持召开第{i}次乡村振兴推进会。\n"
        (folder / f"{i:04d}.txt").write_text(bodies[i % len(bodies)] + extra, encoding="utf-8")
    return folder
