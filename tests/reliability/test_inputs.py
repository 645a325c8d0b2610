"""Hostile inputs, met as a user meets them: `kg build` on a folder holding them beside good files.

Each problem file is read with its damage named, or skipped with one line naming it; the
other files' facts are kept; no traceback.
"""

from __future__ import annotations

import codecs
import os
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from tests.reliability.user import kg, one_line_each, page, people

GOOD = page("孙立群")
DATE = "2023-03-14"  # the pages have no masthead: the issue date is given, as a user does


def build_folder(tmp_path: Path, files: dict[str, bytes], *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    out = tmp_path / "out"
    return kg("build", inputs, "--out", out, "--no-view", "--no-store", "-j", "1", "--date", DATE, *args), out


# Damaged files: each holds its own district head, whose facts must survive the damage.
DAMAGED = {
    "utf16-bom-odd-length.txt": (codecs.BOM_UTF16_LE + page("赵明远").encode("utf-16-le") + b"\x41", "赵明远", "1 byte not valid utf-16"),
    "utf16-lone-surrogate.txt": (codecs.BOM_UTF16_LE + page("钱伯钧").encode("utf-16-le") + b"\x00\xd8" + "本报讯。".encode("utf-16-le"),
                                 "钱伯钧", "2 bytes not valid utf-16"),
    "utf8-bom-invalid-byte.txt": (codecs.BOM_UTF8 + page("周文渊").encode()[:12] + b"\xff" + page("周文渊").encode()[12:], "周文渊",
                                  "1 byte not valid utf-8"),
    "utf8-invalid-in-the-middle.txt": (page("吴思远").encode() + b"\xc3\x28\xa0\xa1" + page("吴思远", "青禾镇").encode(), "吴思远",
                                       "3 bytes not valid utf-8"),
}


def test_inputs_damaged_files_read_with_their_bad_bytes_named(tmp_path: Path) -> None:
    """A cut UTF-16 file, a lone surrogate, a UTF-8 file with a BOM and a bad byte: each once
    stopped the whole build with a UnicodeDecodeError traceback."""
    result, out = build_folder(tmp_path, {name: data for name, (data, _, _) in DAMAGED.items()})
    assert result.returncode == 0, result.stderr
    lines = one_line_each(result.stderr)
    for name, (_, _, said) in DAMAGED.items():
        (line,) = [line for line in lines if name in line]
        assert said in line and "U+FFFD" in line
    assert people(out / "graph.ttl") >= {"孙立群"} | {person for _, person, _ in DAMAGED.values()}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_inputs_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    """UTF-16 without a byte-order mark was called a binary file."""
    result, out = build_folder(tmp_path, {"no-bom.txt": page("郑思源").encode(encoding)})
    assert result.returncode == 0, result.stderr
    assert one_line_each(result.stderr) == []
    assert people(out / "graph.ttl") >= {"孙立群", "郑思源"}


def test_inputs_odd_bytes_and_line_ends(tmp_path: Path) -> None:
    """NUL bytes: skipped with one line. A lone CR ends lines like LF. A file with no line
    break at all is one article (it was "no article text found")."""
    files = {
        "nul.txt": page("冯远征").encode() + b"\x00\x00PK\x03\x04",
        "lone-cr.txt": page("陈景行").replace("\n", "\r").encode(),
        "one-line.txt": "本报讯（记者 林小鹿）3月13日，区长何振华主持召开青禾镇乡村振兴推进会。会议要求，各村抓好落实。".encode(),
    }
    result, out = build_folder(tmp_path, files)
    assert result.returncode == 0, result.stderr
    lines = one_line_each(result.stderr)
    assert lines == [f"kg build: skipped {tmp_path / 'in' / 'nul.txt'}: binary file (contains NUL bytes), not text"]
    assert people(out / "graph.ttl") >= {"孙立群", "陈景行", "何振华"}


def test_inputs_one_long_line_without_punctuation_is_one_article(tmp_path: Path) -> None:
    """A file with no line breaks and no dateline (text pasted from a web page) was "no article text found"."""
    text = "区长何振华主持召开青禾镇乡村振兴推进会会议要求各村抓好落实"
    result, out = build_folder(tmp_path, {"flat.txt": text.encode()})
    assert result.returncode == 0, result.stderr
    assert not [line for line in one_line_each(result.stderr) if "flat.txt" in line]


NAMES = ["带 空格.txt", "引'号\".txt", "换\n行.txt", "表情😀.txt", "-dash.txt", "反\\斜杠.txt"]


def test_inputs_file_names_with_spaces_quotes_newlines_and_emoji(tmp_path: Path) -> None:
    """Odd file names reach the graph as article sources: every one must give valid RDF."""
    persons = ["何振华", "陈景行", "冯远征", "郑思源", "赵明远", "周文渊"]
    files = {name: page(p).encode() for name, p in zip(NAMES, persons, strict=True)}
    result, out = build_folder(tmp_path, files, *(a for f in ("turtle", "nt", "trig", "json-ld") for a in ("--format", f)))
    assert result.returncode == 0, result.stderr
    assert one_line_each(result.stderr) == []
    assert people(out / "graph.ttl") >= set(persons)
    from rdflib import Graph

    sources = {str(o) for o in Graph().parse(out / "graph.nt", format="nt").objects() if "in/" in str(o)}
    assert {Path(s).name for s in sources} >= set(NAMES)


def test_inputs_special_files_named_and_skipped(tmp_path: Path) -> None:
    """A FIFO named pipe.txt was skipped without a word (or would hang a reader); the others
    had no test. Each is named, with what it is, and the good file's facts are kept."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(inputs / "socket.txt"))
    (inputs / "loop.txt").symlink_to(inputs / "loop.txt")
    (inputs / "dangling.txt").symlink_to(inputs / "gone.txt")
    devices = [inputs / "null.txt"]
    try:
        os.mknod(devices[0], stat.S_IFCHR | 0o644, os.makedev(1, 3))
    except PermissionError:  # not root: a link to a device is a device as well
        devices[0].symlink_to("/dev/null")
    try:
        result, out = build_folder(tmp_path, {})
    finally:
        sock.close()
    assert result.returncode == 0, result.stderr
    said = {line.split(": ", 2)[1].split("/")[-1]: line for line in one_line_each(result.stderr)}
    assert "a FIFO" in said["pipe.txt"]
    assert "a socket" in said["socket.txt"]
    assert "symbolic link loop" in said["loop.txt"]
    assert "broken symbolic link" in said["dangling.txt"]
    assert "a character device" in said["null.txt"]
    assert len(said) == 5
    assert people(out / "graph.ttl") - {"林小鹿"} == {"孙立群"}  # (the reporter is a person too)


def without_root_reading() -> None:
    """In a child process: drop the powers by which root reads any file (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) from the capability bounding set, so the program it runs meets
    file modes as a user does."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_inputs_unreadable_file_named_and_skipped(tmp_path: Path) -> None:
    """A file the user may not read. Tests may run as root, who reads any file: the build
    then runs without root's power to read it."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    (inputs / "locked.txt").write_text(page("冯远征"), encoding="utf-8")
    os.chmod(inputs / "locked.txt", 0)
    result = kg("build", inputs, "--out", tmp_path / "out", "--no-view", "--no-store", "-j", "1", "--date", DATE,
                preexec_fn=without_root_reading if os.geteuid() == 0 else None)
    assert result.returncode == 0, result.stderr
    assert one_line_each(result.stderr) == [f"kg build: skipped {inputs / 'locked.txt'}: permission denied"]
    assert people(tmp_path / "out" / "graph.ttl") - {"林小鹿"} == {"孙立群"}


def test_inputs_links_out_of_the_folder_named_and_followed_only_when_asked(tmp_path: Path) -> None:
    """A link inside the input folder to a file or folder elsewhere was followed silently."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "page.txt").write_text(page("何振华"), encoding="utf-8")
    (elsewhere / "sub" / "more.txt").write_text(page("陈景行"), encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "outside.txt").symlink_to(elsewhere / "page.txt")
    (inputs / "folder").symlink_to(elsewhere / "sub")
    (inputs / "inside.txt").symlink_to(inputs / "good.txt")  # inside: read once, as good.txt

    result, out = build_folder(tmp_path, {})
    assert result.returncode == 0, result.stderr
    lines = one_line_each(result.stderr)
    assert len(lines) == 2 and all("outside" in line and "--follow-links" in line for line in lines)
    assert {Path(line.split(": ")[1]).name for line in lines} == {"outside.txt", "folder"}
    assert people(out / "graph.ttl") - {"林小鹿"} == {"孙立群"}  # (the reporter is a person too)

    result = kg("build", inputs, "--out", tmp_path / "followed", "--no-view", "--no-store", "-j", "1", "--date", DATE, "--follow-links")
    assert result.returncode == 0, result.stderr
    assert one_line_each(result.stderr) == []
    assert people(tmp_path / "followed" / "graph.ttl") - {"林小鹿"} == {"孙立群", "何振华", "陈景行"}
