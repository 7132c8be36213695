"""``ingest --to FILE`` writes a new data file in the knowledge folder only, never through a
symlink, atomically (issue 8: ``--to ../../x.json`` wrote outside ``knowledge/`` and a
dangling symlink was followed). The command line through main(); real files in tmp_path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import KNOWLEDGE_DIR, ROOT

SECOND = ROOT / "tests" / "data" / "ingest" / "second-outlet.txt"


@pytest.fixture
def kdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A knowledge folder (a copy of the shipped one), the current folder of the command."""
    for name in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL", "ANSWER_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "work" / "knowledge"
    folder.mkdir(parents=True)
    for path in KNOWLEDGE_DIR.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("KNOWLEDGE_DIR", str(folder))
    monkeypatch.chdir(folder)
    return folder


def ingest_to(capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str,
              *extra: str) -> tuple[int, str]:
    code = main(["ingest", str(SECOND), "--outlet", "Daily Example", "--title",
                 "Stars keep up criticism", "--db", str(tmp_path / "b.db"), "--to", target,
                 *extra])
    _out, err = capsys.readouterr()
    return code, err


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_a_new_file_in_the_knowledge_folder_is_written_whole(kdir, tmp_path, capsys) -> None:
    before = files_under(kdir)
    code, err = ingest_to(capsys, tmp_path, "daily-example.json")
    assert code == 0, err
    doc = json.loads((kdir / "daily-example.json").read_text(encoding="utf-8"))
    assert doc["sources"][0]["outlet"] == "Daily Example"
    assert files_under(kdir) == before | {"daily-example.json"}  # no temporary file left
    assert main(["check", str(kdir)]) == 0


@pytest.mark.parametrize("where", ["../../x.json", "../x.json", "ABSOLUTE", "sub/x.json",
                                   "notes.txt"])
def test_a_path_outside_the_knowledge_folder_is_refused(kdir, tmp_path, capsys,
                                                        where: str) -> None:
    (kdir / "sub").mkdir()
    target = str(tmp_path / "elsewhere.json") if where == "ABSOLUTE" else where
    before = files_under(tmp_path)
    code, err = ingest_to(capsys, tmp_path, target)
    assert code == 1
    (line,) = [x for x in err.splitlines() if x.startswith("coverage-bot:")]
    assert "knowledge folder" in line and "--to-anywhere" in line
    assert "Traceback" not in err
    assert files_under(tmp_path) - before <= {"b.db", "b.db-wal", "b.db-shm"}


def test_a_symlinked_folder_pointing_outside_is_refused(kdir, tmp_path, capsys) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (kdir / "link").symlink_to(outside, target_is_directory=True)
    code, err = ingest_to(capsys, tmp_path, "link/x.json")
    assert code == 1 and "knowledge folder" in err
    assert not list(outside.iterdir())


@pytest.mark.parametrize("anywhere", [False, True])
def test_a_dangling_symlink_at_the_target_is_never_followed(kdir, tmp_path, capsys,
                                                            anywhere: bool) -> None:
    missing = tmp_path / "missing.json"
    (kdir / "new.json").symlink_to(missing)
    code, err = ingest_to(capsys, tmp_path, "new.json",
                          *(["--to-anywhere"] if anywhere else []))
    assert code == 1 and "symbolic link" in err
    assert not os.path.lexists(missing)
    assert (kdir / "new.json").is_symlink()


def test_a_symlink_to_an_existing_file_is_refused_and_the_file_kept(kdir, tmp_path,
                                                                    capsys) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text("{}", encoding="utf-8")
    (kdir / "new.json").symlink_to(victim)
    code, err = ingest_to(capsys, tmp_path, "new.json")
    assert code == 1 and "symbolic link" in err
    assert victim.read_text(encoding="utf-8") == "{}"


def test_to_anywhere_writes_outside_on_purpose(kdir, tmp_path, capsys) -> None:
    target = tmp_path / "staging" / "x.json"
    target.parent.mkdir()
    code, err = ingest_to(capsys, tmp_path, str(target), "--to-anywhere")
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["sources"]
    assert files_under(target.parent) == {"x.json"}
    code, err = ingest_to(capsys, tmp_path, str(target), "--to-anywhere")
    assert code == 1 and "exists already" in err


def test_to_anywhere_without_to_is_a_usage_error(kdir, tmp_path, capsys) -> None:
    code = main(["ingest", str(SECOND), "--outlet", "X", "--title", "Y", "--to-anywhere",
                 "--dry-run", "--db", str(tmp_path / "b.db")])
    _out, err = capsys.readouterr()
    assert code == 1 and "--to-anywhere" in err
