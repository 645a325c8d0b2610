"""Read text files: find them, detect UTF-8 or GB18030, and say clearly what is wrong with the rest."""

from __future__ import annotations

import codecs
import re
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


def find_sources(inputs: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The text files named by `inputs` (files, or folders searched recursively), and errors for the rest.

    A file named twice (itself and through its folder, say) is listed once, where first named.
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
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                errors.append(f"{path}: folder has no .txt files")
            for found_path in found:
                add(found_path)
        elif path.is_file():
            add(path)
        elif path.exists():
            errors.append(f"{path}: not a regular file")
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Text and encoding of `data`: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if not data.strip():
        raise ReadError(f"{path}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16"), "utf-16", path)
    if b"\x00" in data:
        raise ReadError(f"{path}: binary file (contains NUL bytes), not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding, path)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{path}: neither UTF-8 nor GB18030 text; convert it to UTF-8")


# Control characters other than tab, line feed, form feed and carriage return; private-use code points.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _checked(text: str, encoding: str, path: Path | str) -> tuple[str, str]:
    # Bytes that happen to decode (GB18030 accepts much) but are mostly control characters
    # or private-use code points are not newspaper text.
    sample = text[:20000]
    bad = len(_NOT_TEXT.findall(sample))
    if bad > max(3, len(sample) // 50):
        raise ReadError(f"{path}: does not look like text ({bad} control characters in the first {len(sample)})")
    if not text.strip():
        raise ReadError(f"{path}: file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


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
    data = read_bytes(path)
    text, encoding = decode(data, path)
    return Source(Path(path), text, encoding)
