"""Read text files: find them, detect UTF-8, UTF-16 or GB18030, and say clearly what is wrong with the rest.

A file damaged in a few places (a cut download, one flipped byte) is read with U+FFFD
where its bytes were bad, and the count is said; it never stops the build.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt",)


class ReadError(Exception):
    """A file that cannot be read as newspaper text; str() is a one-line message naming the file."""


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    encoding: str
    bad_bytes: int = 0  # bytes not valid in `encoding`, read as U+FFFD

    def damage(self) -> str:
        """One line naming the file and how much of it was bad; empty for a sound file."""
        return damaged(self.path, self.encoding, self.bad_bytes)


def damaged(path: Path | str, encoding: str, bad_bytes: int) -> str:
    if not bad_bytes:
        return ""
    return f"{path}: {bad_bytes} byte{'s' if bad_bytes != 1 else ''} not valid {encoding}, read as U+FFFD"


def find_sources(inputs: Iterable[Path], *, follow_links: bool = False) -> tuple[list[Path], list[str]]:
    """The text files named by `inputs` (files, or folders searched recursively), and errors for the rest.

    A file named twice (itself and through its folder, say) is listed once, where first named.
    Inside a folder, special files (FIFOs, sockets, devices), broken links and link loops are
    named and skipped; a link leading out of the folder is named and skipped unless
    `follow_links`. A file or link named itself is always read.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    errors: list[str] = []

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            files.append(path)

    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found, problems = _walk(path, follow_links=follow_links)
            errors.extend(problems)
            if not found and not problems:
                errors.append(f"{path}: folder has no .txt files")
            for found_path in found:
                add(found_path)
        elif path.is_file():
            add(path)
        elif path.exists():
            errors.append(f"{path}: {_kind(path)}, not a regular file")
        elif path.is_symlink():
            errors.append(f"{path}: {_broken_link(path)}")
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def _walk(folder: Path, *, follow_links: bool) -> tuple[list[Path], list[str]]:
    """The .txt files under `folder`, sorted, and one line for each entry that is not read."""
    root = folder.resolve()
    found: list[Path] = []
    errors: list[str] = []
    visited = {root}

    def visit(directory: Path) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            errors.append(f"{directory}: cannot list folder ({exc.strerror or exc})")
            return
        for entry in entries:
            path = Path(entry.path)
            text_name = path.suffix.lower() in TEXT_SUFFIXES
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    if text_name or not path.suffix:
                        errors.append(f"{path}: {_broken_link(path)}")
                    continue
                if not (real == root or root in real.parents):
                    if not real.is_dir() and not text_name:
                        continue
                    if not follow_links:
                        errors.append(f"{path}: link to {real}, outside {folder}; not followed (--follow-links follows it)")
                        continue
                if real.is_dir():
                    if real in visited:
                        continue  # a folder already searched, or a loop
                    visited.add(real)
                    visit(path)
                    continue
            elif entry.is_dir(follow_symlinks=False):
                visit(path)
                continue
            if not text_name:
                continue
            mode = path.stat().st_mode
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                errors.append(f"{path}: {_kind(path)}, not a regular file")

    visit(folder)
    return found, errors


def _kind(path: Path) -> str:
    """What a path that is not a regular file is, in a word or two."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "unreadable entry"
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return kind
    return "a special file"


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(path)})"


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Text and encoding of `data`: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or GB18030.

    Bad bytes in a file otherwise in one of these are read as U+FFFD (`decode_source` counts them).
    """
    source = decode_source(data, path)
    return source.text, source.encoding


def decode_source(data: bytes, path: Path | str = "<bytes>") -> Source:
    """`data` read as text, with the count of bytes that were not valid in its encoding."""
    if not data.strip():
        raise ReadError(f"{path}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(*_lenient(data[3:], "utf-8"), "utf-8-sig", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(*_lenient(data, "utf-16"), "utf-16", path)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReadError(f"{path}: binary file (contains NUL bytes), not text")
        return _checked(*_lenient(data, utf16), utf16, path)
    try:
        return _checked(data.decode("utf-8"), 0, "utf-8", path)
    except UnicodeDecodeError:
        pass
    text, bad = _lenient(data, "utf-8")
    if bad <= max(MOST_BAD_BYTES, len(data) // 200):  # UTF-8 with a few bad bytes; GB18030 read as UTF-8 is bad everywhere
        return _checked(text, bad, "utf-8", path)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(*_lenient(data, utf16), utf16, path)
    try:
        return _checked(data.decode("gb18030"), 0, "gb18030", path)
    except UnicodeDecodeError:
        pass
    raise ReadError(f"{path}: neither UTF-8 nor GB18030 text (nor UTF-16); convert it to UTF-8")


# A file with more bad bytes than this (or than 1 in 200) is not UTF-8 text.
MOST_BAD_BYTES = 16

_bad = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    assert isinstance(exc, UnicodeDecodeError)  # (registered for decoding only)
    _bad.count += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error("kg-count-replace", _count_and_replace)


def _lenient(data: bytes, encoding: str) -> tuple[str, int]:
    """`data` decoded with U+FFFD for each bad stretch, and how many bytes were bad."""
    _bad.count = 0
    text = data.decode(encoding, errors="kg-count-replace")
    return text, _bad.count


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` reads as text in it: nearly every code unit
    Chinese, CJK punctuation, full-width forms or printable ASCII (random bytes: a third)."""
    sample = data[:20000]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text, _ = _lenient(sample, encoding)
        share = len(_UTF16_TEXT.findall(text)) / len(text)
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= 0.95 else None


_UTF16_TEXT = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\n\r\t]")


# Control characters other than tab, line feed, form feed and carriage return; private-use code points.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _checked(text: str, bad_bytes: int, encoding: str, path: Path | str) -> Source:
    # Bytes that happen to decode (GB18030 accepts much) but are mostly control characters
    # or private-use code points are not newspaper text.
    sample = text[:20000]
    bad = len(_NOT_TEXT.findall(sample))
    if bad > max(3, len(sample) // 50):
        raise ReadError(f"{path}: does not look like text ({bad} control characters in the first {len(sample)})")
    if not text.strip():
        raise ReadError(f"{path}: file is empty")
    return Source(Path(path), text.replace("\r\n", "\n").replace("\r", "\n"), encoding, bad_bytes)


def read_bytes(path: Path) -> bytes:
    """A file's bytes; raises ReadError with a one-line message naming the file."""
    try:
        return Path(path).read_bytes()
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_source(path: Path) -> Source:
    """Read one file; raises ReadError with a one-line message naming the file."""
    return decode_source(read_bytes(path), path)
