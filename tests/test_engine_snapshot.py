"""bot/engine/snapshot.py: the engine's bank on disk, trusted only when this engine wrote it
for this database; anything else reads as no snapshot."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine, snapshot
from tests.engine_records import small_bank

QUESTIONS = ("how much will the bridge cost", "what did quill say", "who is ada quill",
             "when does the steel arrive", "volcanoes erupting")


def _answers(engine: Engine) -> list[tuple[str | None, float]]:
    return [(a.record_id, a.score) for a in map(engine.answer, QUESTIONS)]


def test_a_snapshot_answers_as_the_engine_it_was_taken_of(tmp_path: Path) -> None:
    built = Engine(small_bank())
    path = tmp_path / "bank.db.engine"
    snapshot.save(built.memory, path, stamp=7, database="db-1")
    found = snapshot.load(path, database="db-1")
    assert found is not None and found.stamp == 7
    assert _answers(Engine(memory=found.memory)) == _answers(built)
    assert list(tmp_path.iterdir()) == [path]  # written atomically: no temporary file left


def test_another_databases_or_engines_snapshot_is_none(tmp_path: Path) -> None:
    path = tmp_path / "bank.db.engine"
    snapshot.save(Engine(small_bank()).memory, path, stamp=1, database="db-1")
    assert snapshot.load(path, database="db-2") is None
    text = path.read_bytes().replace(snapshot.fingerprint().encode(), b"0" * 64, 1)
    path.write_bytes(text)
    assert snapshot.load(path, database="db-1") is None


def test_a_truncated_corrupt_or_missing_file_is_none(tmp_path: Path) -> None:
    path = tmp_path / "bank.db.engine"
    snapshot.save(Engine(small_bank()).memory, path, stamp=1, database="db")
    path.write_bytes(path.read_bytes()[:-200])
    assert snapshot.load(path, database="db") is None
    path.write_bytes(b"not a snapshot at all")
    assert snapshot.load(path, database="db") is None
    assert snapshot.load(tmp_path / "missing", database="db") is None
