"""Reading files: encodings the papers come in, and one clear line for every file that cannot be read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.text.reading import ReadError, decode, find_sources, read_source

TEXT = "本报讯（记者 林小鹿）青禾镇召开秋收工作会议。\n会议要求，各村抓好落实。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom"],
)
def test_reading_decodes_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == TEXT
    assert source.encoding == encoding
    assert not source.text.startswith("\ufeff")


def test_reading_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("第一行。\r\n第二行。\r第三行。".encode())
    assert read_source(path).text == "第一行。\n第二行。\n第三行。"


def _random_bytes(seed: int, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(4000))


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b" \n\r\n\t ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        ("正文\x00正文".encode(), "binary"),
        (_random_bytes(1), "binary"),
        (_random_bytes(2, low=1), "UTF-8"),
        (_random_bytes(3, low=0x80), "UTF-8"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "text"),
    ],
    ids=["empty", "whitespace", "bom-only", "nul", "random", "random-no-nul", "random-high", "control"],
)
def test_reading_rejects_non_text_with_one_line_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "坏文件.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_source(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    assert reason in message


def test_reading_decode_names_the_given_path() -> None:
    with pytest.raises(ReadError, match=r"^报纸/空\.txt: file is empty$"):
        decode(b"", "报纸/空.txt")


def test_reading_folder_given_as_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReadError, match="is a folder") as info:
        read_source(folder)
    assert str(folder) in str(info.value)


def test_reading_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(ReadError) as info:
        read_source(link)
    assert str(link) in str(info.value) and "\n" not in str(info.value)


def test_reading_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: simulate the refusal.
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ReadError, match="permission denied") as info:
        read_source(path)
    assert str(path) in str(info.value)


def test_reading_find_sources_recurses_and_sorts(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "1.TXT").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# 说明", encoding="utf-8")
    files, errors = find_sources([tmp_path])
    assert files == [tmp_path / "1.TXT", tmp_path / "b" / "2.txt"]
    assert errors == []


def test_reading_find_sources_takes_a_named_file_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.text"
    path.write_text(TEXT, encoding="utf-8")
    assert find_sources([path]) == ([path], [])


@pytest.mark.parametrize("case", ["empty-folder", "no-txt", "missing", "broken-link"])
def test_reading_find_sources_reports_inputs_without_text(tmp_path: Path, case: str) -> None:
    target = tmp_path / case
    if case == "empty-folder":
        target.mkdir()
        expected = "no .txt files"
    elif case == "no-txt":
        target.mkdir()
        (target / "photo.jpg").write_bytes(b"\xff\xd8\xff")
        expected = "no .txt files"
    elif case == "missing":
        expected = "no such file or folder"
    else:
        target.symlink_to(tmp_path / "nowhere")
        expected = f"broken symbolic link (to {tmp_path / 'nowhere'})"
    files, errors = find_sources([target])
    assert files == []
    assert errors == [f"{target}: {'folder has ' if expected.startswith('no .txt') else ''}{expected}"]


def test_reading_find_sources_lists_a_file_once(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    files, errors = find_sources([tmp_path, page, tmp_path / "." / "page.txt", tmp_path])
    assert files == [page]
    assert errors == []
