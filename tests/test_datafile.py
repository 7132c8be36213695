"""bot/datafile.py: `ingest --to` writes a new data file, only where it should, atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.datafile import check_target, write_new_file
from bot.errors import IngestError


def test_a_new_json_file_in_the_knowledge_folder_is_the_target(tmp_path: Path) -> None:
    target = check_target(tmp_path / "new.json", tmp_path)
    assert target == tmp_path / "new.json"
    write_new_file(target, '{"sources": []}\n')
    assert target.read_text() == '{"sources": []}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]  # no temporary file left


@pytest.mark.parametrize(("name", "why"), [
    ("exists.json", "exists already"),
    ("notes.txt", "NAME.json"),
    ("sub/none.json", "does not exist"),
    (".hidden.json", "NAME.json"),
])
def test_anything_else_is_refused_with_why(tmp_path: Path, name: str, why: str) -> None:
    (tmp_path / "exists.json").write_text("{}")
    with pytest.raises(IngestError, match=why):
        check_target(tmp_path / name, tmp_path)


def test_a_symbolic_link_is_never_written_through(tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(IngestError, match="symbolic link"):
        check_target(tmp_path / "link.json", tmp_path, anywhere=True)


def test_anywhere_allows_another_folder(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert check_target(other / "x.txt", tmp_path / "knowledge", anywhere=True) == other / "x.txt"


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = check_target(tmp_path / "race.json", tmp_path)
    target.write_text("theirs")
    with pytest.raises(IngestError, match="appeared while writing"):
        write_new_file(target, "ours")
    assert target.read_text() == "theirs"
