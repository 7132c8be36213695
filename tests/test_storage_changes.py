"""bot/storage/changes.py: every write to a record is in the change log, in commit order;
a connection knows its own changes; a rolled-back write logs nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import aiosqlite
import pytest

from bot.errors import DuplicateRecord
from bot.storage import Storage
from bot.storage.migrations import MIGRATIONS, migrate
from tests.storage_records import fact, small_bank


async def test_every_record_write_is_logged_in_order(storage: Storage) -> None:
    bank = small_bank(5)
    await storage.import_bank(bank, actor="t", guild_id=5)
    start = await storage.change_seq()
    assert start == len(bank)
    award = next(f for f in bank.facts if f.id == "award")
    await storage.update(replace(award, text="Doechii won a second award."), actor="t")
    new = fact("extra", "An extra fact.", sources=("src",), guild_id=5)
    await storage.add(new, actor="t")
    await storage.remove("fact", "extra", actor="t", guild_id=5)
    changes = await storage.changes_since(start)
    assert [(c.kind, c.record_id, c.guild_id) for c in changes] == [
        ("fact", "award", 5), ("fact", "extra", 5), ("fact", "extra", 5)]
    assert await storage.changes_since(start, limit=1) == changes[:1]


async def test_a_rolled_back_write_logs_nothing(storage: Storage) -> None:
    bank = small_bank()
    await storage.import_bank(bank, actor="t", guild_id=None)
    before = await storage.change_seq()
    with pytest.raises(DuplicateRecord):
        await storage.add(bank.facts[0], actor="t")
    assert await storage.change_seq() == before
    assert await storage.changes_since(before) == []


async def test_a_connection_knows_its_own_changes_and_not_anothers(tmp_path: Path) -> None:
    path = tmp_path / "bank.db"
    async with await Storage.open(path) as one, await Storage.open(path) as two:
        await one.import_bank(small_bank(), actor="t", guild_id=None)
        await two.add(fact("theirs", "Their fact.", sources=("src",)), actor="t")
        seqs = [c.seq for c in await one.changes_since(0)]
        assert [one.own_change(s) for s in seqs] == [True] * (len(seqs) - 1) + [False]
        assert [two.own_change(s) for s in seqs] == [False] * (len(seqs) - 1) + [True]
        one.forget_own_changes(seqs[-1])
        assert not any(one.own_change(s) for s in seqs)
        loaded = await one.load_records("fact", ["theirs", "gone"])
        assert list(loaded) == ["theirs"]


async def test_a_version_1_database_gains_the_log(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate(conn, MIGRATIONS[:1])
    async with await Storage.open(path) as storage:
        assert storage.schema_version == len(MIGRATIONS)
        await storage.import_bank(small_bank(), actor="t", guild_id=None)
        assert await storage.change_seq() == len(small_bank())


async def test_a_streamed_import_logs_each_record_once_and_leaves_the_triggers_logging(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a streamed import writes its change rows itself (migration 3: the insert
    triggers stand aside while its transaction holds changes.logged_by_writer); the key never
    outlives the transaction, whether the import lands or is refused."""
    import bot.storage.importing as importing

    monkeypatch.setattr(importing, "IMPORT_BATCH", 2)
    bank = small_bank(7)
    report = await storage.import_records(list(bank.records()), actor="t", guild_id=7,
                                          problems=lambda p: pytest.fail(str(p)))
    assert report.total == len(bank)
    changes = await storage.changes_since(0)
    assert sorted((c.kind, c.record_id) for c in changes) == sorted(
        (r.__class__.__name__.lower(), r.id) for r in bank.records())
    assert {c.guild_id for c in changes} == {7}
    assert await storage.get_meta("changes.logged_by_writer") is None
    with pytest.raises(importing.ImportRejected):
        await storage.import_records(
            [fact("new-one", "A new fact.", guild_id=7), fact("new-two", "A new fact.")],
            actor="t", guild_id=7, problems=lambda p: None)
    assert await storage.get_meta("changes.logged_by_writer") is None
    assert await storage.change_seq() == len(bank)
    await storage.add(fact("later", "A later fact.", guild_id=7), actor="t")
    assert [(c.kind, c.record_id) for c in await storage.changes_since(len(bank))] == [
        ("fact", "later")]


async def test_the_insert_triggers_stand_aside_only_for_a_transaction_holding_the_key(
    storage: Storage,
) -> None:
    async with storage._write() as db:
        await db.execute("INSERT INTO meta (key, value) VALUES ('changes.logged_by_writer', '1')")
        await db.execute("INSERT INTO sources (id, origin, content_hash, norm_key, created_at, "
                         "updated_at, outlet, title) VALUES ('quiet', 'admin', 'h', 'k', 't', "
                         "'t', 'o', 'q')")
        await db.execute("UPDATE sources SET title = 'r' WHERE id = 'quiet'")
        await db.execute("DELETE FROM meta WHERE key = 'changes.logged_by_writer'")
        await db.execute("INSERT INTO sources (id, origin, content_hash, norm_key, created_at, "
                         "updated_at, outlet, title) VALUES ('loud', 'admin', 'h2', 'k2', 't', "
                         "'t', 'o', 'l')")
    assert [(c.kind, c.record_id) for c in await storage.changes_since(0)] == [
        ("source", "quiet"), ("source", "loud")]
