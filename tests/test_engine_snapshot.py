"""bot/engine/snapshot.py: the engine's bank on disk, trusted only when this engine wrote it
for this database; anything else reads as no snapshot."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.engine import Engine, lexicon, packed, snapshot
from tests.engine_records import BRIDGE, COST, COST_LATER, small_bank

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


def test_the_record_ids_of_a_snapshot_come_back_packed_and_take_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loaded bank's id tables are packed buffers (no key built at the load); lookups,
    edits and a second save work on them as on the dicts of a built bank."""
    monkeypatch.setattr(packed, "REPACK_AT", 0)  # (a bank this small is kept as dicts)
    built = Engine(small_bank())
    path, again = tmp_path / "bank.db.engine", tmp_path / "again.db.engine"
    snapshot.save(built.memory, path, stamp=1, database="db")
    found = snapshot.load(path, database="db")
    assert found is not None
    memory = found.memory
    assert memory.count() == built.memory.count() == 5
    assert not memory.rids["fact"]._new  # (all packed)
    assert _answers(Engine(memory=memory)) == _answers(built)
    snapshot.save(memory, again, stamp=1, database="db")
    reread = snapshot.load(again, database="db")
    assert reread is not None
    assert dict(reread.memory.rids["fact"]) == dict(built.memory.rids["fact"])
    memory.remove("fact", BRIDGE.id)
    memory.upsert(replace(COST, text="The bridge will cost more."))
    assert memory.count() == 4 and memory.get("fact", BRIDGE.id) is None
    assert memory.rids["fact"].keys() == {COST.id, COST_LATER.id}
    assert memory.get("fact", COST.id).text == "The bridge will cost more."  # type: ignore[union-attr]


def test_a_byte_changed_in_the_state_or_in_the_records_is_none(tmp_path: Path) -> None:
    path = tmp_path / "bank.db.engine"
    snapshot.save(Engine(small_bank()).memory, path, stamp=1, database="db")
    whole = path.read_bytes()
    for at in (len(whole) // 3, len(whole) - 10):  # the state, the records (at the end)
        damaged = bytearray(whole)
        damaged[at] ^= 0x20
        path.write_bytes(bytes(damaged))
        assert snapshot.load(path, database="db") is None
    path.write_bytes(whole)
    assert snapshot.load(path, database="db") is not None


def test_a_snapshot_gives_a_start_the_general_english_counts_packed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process reading a snapshot takes pyspellchecker's word counts from it (packed: no
    160,000-word JSON to decode for its first answer), the same counts, and answers alike."""
    built = Engine(small_bank())
    path = tmp_path / "bank.db.engine"
    snapshot.save(built.memory, path, stamp=1, database="db")
    read, top = lexicon._read_counts()
    monkeypatch.setattr(lexicon, "_COUNTS", [])  # (a new process: nothing read yet)
    found = snapshot.load(path, database="db")
    assert found is not None
    counts, given_top = lexicon._counts()
    assert isinstance(counts, packed.PackedMap) and given_top == top
    assert len(counts) == len(read)
    assert all(counts.get(word) == n for word, n in list(read.items())[::101])
    assert lexicon.is_ordinary("justify") and not lexicon.is_ordinary("zzzqx")
    assert _answers(Engine(memory=found.memory)) == _answers(built)


def test_counts_already_read_are_not_replaced_by_a_snapshots(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexicon, "_COUNTS", [])
    lexicon.adopt_counts({"word": 5}, 1.0)
    lexicon.adopt_counts({"other": 7}, 2.0)
    assert lexicon.english() == {"word": 5}
