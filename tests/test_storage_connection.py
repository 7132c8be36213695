"""bot/storage/connection.py: opening (and refusing) databases, transactions, closing,
meta, health, durability.

Against real databases: the tests taking ``storage`` run on SQLite (in memory) and on
PostgreSQL; those of files on SQLite files in tmp_path (the SQLite backend's own checks are
in test_storage_sqlite.py, PostgreSQL's in test_storage_postgres.py)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import subprocess
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.errors import (
    DuplicateRecord,
    StorageError,
)
from bot.models import Bank, Source
from bot.storage import LATEST_VERSION, Storage
from bot.storage.migrations import migrate, user_version
from tests.storage_records import (
    GUILD_A,
    ROOT,
    fact,
    fail_audit_rows,
    file_digest,
    raw,
    read_only,
    seeded,
    small_bank,
    source,
)


async def test_a_new_database_works(storage: Storage, storage_target: str) -> None:
    assert storage.schema_version == LATEST_VERSION
    assert storage.path == storage_target  # (no password in these URLs to hide)
    assert storage.local_file is None  # neither in memory nor on a server
    await storage.add(source("s1"), actor="me")
    assert await storage.get("source", "s1") == source("s1")


async def test_connection_settings(file_storage: Storage) -> None:
    assert await file_storage.pragmas() == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


async def test_wal_mode_is_persistent_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await (await Storage.open(path)).close()
    with raw(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_reopen_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await seeded(db)
        stats = await db.stats()
        bank = await db.load_bank()
    async with await Storage.open(path) as db:
        assert db.schema_version == LATEST_VERSION
        assert await db.stats() == stats
        assert await db.load_bank() == bank
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn) == []
        assert await user_version(conn) == LATEST_VERSION


async def test_missing_directory_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "bot.db"
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "does not exist" in str(caught.value)
    assert "create it" in str(caught.value)
    assert not (tmp_path / "no").exists()


async def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await (await Storage.open(path)).close()
    before = file_digest(path)
    with read_only(path), pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "read-only" in str(caught.value)
    assert "writable" in str(caught.value)
    assert file_digest(path) == before


async def test_unwritable_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(StorageError) as caught:
        await Storage.open(folder / "bot.db")
    assert "not writable" in str(caught.value)
    assert not (folder / "bot.db").exists()


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    before = file_digest(path)
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "not an SQLite database" in str(caught.value)
    assert "DATABASE_PATH" in str(caught.value)
    assert file_digest(path) == before


async def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with raw(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    before = file_digest(path)
    with pytest.raises(StorageError, match="another program's SQLite database"):
        await Storage.open(path)
    assert file_digest(path) == before


async def test_a_directory_as_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a directory"):
        await Storage.open(tmp_path)


async def test_close_waits_for_pending_operations(tmp_path: Path) -> None:
    db = await Storage.open(tmp_path / "bot.db")
    writes = [db.log_unanswered(f"question {i}", guild_id=None, user_id=i) for i in range(20)]
    results = await asyncio.gather(*writes, db.close(), db.load_bank(), return_exceptions=True)
    assert results[:20] == [None] * 20
    assert isinstance(results[21], StorageError) and "closed" in str(results[21])
    async with await Storage.open(tmp_path / "bot.db") as again:
        assert (await again.stats())["unanswered"] == 20


async def test_closed_storage_raises_storage_error(tmp_path: Path) -> None:
    async with await Storage.open(tmp_path / "bot.db") as db:
        assert not db.closed
    assert db.closed
    with pytest.raises(StorageError, match="closed"):
        await db.load_bank()
    await db.close()  # closing twice is fine


async def test_a_write_that_fails_midway_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await seeded(db)
        bank, stats = await db.load_bank(), await db.stats()
    fail_audit_rows(path)
    async with await Storage.open(path) as db:
        with pytest.raises(sqlite3.IntegrityError, match="simulated failure"):
            await db.add(source("new-src", title="New"), actor="a")
        with pytest.raises(sqlite3.IntegrityError):
            await db.update(fact("raids", "Changed text."), actor="a")
        with pytest.raises(sqlite3.IntegrityError):
            await db.remove("fact", "raids", actor="a", guild_id=None)
        with pytest.raises(sqlite3.IntegrityError):
            await db.sync_shipped(small_bank(None, "s-"))
        assert await db.load_bank() == bank
        assert await db.stats() == stats


@pytest.mark.parametrize("delay", [0.0, 0.0005, 0.002, 0.01, 0.03])
async def test_a_write_cancelled_at_any_point_leaves_the_database_usable(
    storage: Storage, delay: float
) -> None:
    """Regression: a cancellation that landed while BEGIN was still queued in aiosqlite's
    thread left a transaction open, and every later write failed; on PostgreSQL, one that
    landed in an ``executemany`` never ended."""
    await storage.add(source("src"), actor="o")
    facts = tuple(fact(f"f-{i}", f"Claim {i}.") for i in range(2_000))
    task = asyncio.create_task(
        storage.import_bank(Bank(facts=facts), actor="bulk", guild_id=GUILD_A)
    )
    await asyncio.sleep(delay)
    task.cancel()
    # (asyncpg's own clean-up after a cancel once waited for ever here, 1 run in 2 on a
    # loaded machine: a hang is a failure, not a stuck test run)
    done, _ = await asyncio.wait({task}, timeout=10)
    assert done, "the cancelled write never ended"
    with contextlib.suppress(asyncio.CancelledError):
        await task
    stored = (await storage.stats())["facts_guild"]
    assert stored in (0, len(facts))  # all or nothing
    await storage.add(source("after", title="Still usable"), actor="o")
    assert await storage.get("source", "after") is not None
    assert await storage.integrity_check() == "ok"


async def test_meta(storage: Storage) -> None:
    assert await storage.get_meta("command-hash") is None
    await storage.set_meta("command-hash", "abc")
    await storage.set_meta("command-hash", "def")
    await storage.set_meta("other", "x")
    assert await storage.get_meta("command-hash") == "def"
    assert await storage.get_meta("other") == "x"


async def test_stats_and_integrity(storage: Storage) -> None:
    await seeded(storage, None, "g-")
    await seeded(storage, GUILD_A, "a-")
    stats = await storage.stats()
    assert (stats["sources_global"], stats["sources_guild"]) == (1, 1)
    assert (stats["people_global"], stats["people_guild"]) == (2, 2)
    assert (stats["facts_global"], stats["facts_guild"]) == (2, 2)
    assert (stats["quotes_global"], stats["quotes_guild"]) == (1, 1)
    assert stats["audit_rows"] == 12
    assert stats["schema_version"] == LATEST_VERSION
    assert await storage.integrity_check() == "ok"


async def test_concurrent_writers_never_see_a_locked_database(storage: Storage) -> None:
    await storage.add(source("src"), actor="o")
    jobs: list[Coroutine[Any, Any, object]] = []
    for i in range(40):
        jobs.append(storage.add(fact(f"f{i}", f"Concurrent claim {i}."), actor=f"u{i}"))
        jobs.append(storage.log_unanswered(f"question {i}", guild_id=None, user_id=i))
        jobs.append(storage.set_meta(f"k{i}", str(i)))
        jobs.append(storage.load_bank())
    jobs.append(storage.add(fact("f0", "Clashing id."), actor="late"))  # fails alone
    results = await asyncio.gather(*jobs, return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], DuplicateRecord)
    stats = await storage.stats()
    assert (stats["facts_global"], stats["unanswered"], stats["audit_rows"]) == (40, 40, 41)
    loaded = [r for r in results if isinstance(r, Bank)]
    assert len(loaded) == 40
    # Each read saw whole writes only: a fact never without its citation.
    assert all(all(f.citations for f in bank.facts) for bank in loaded)


async def test_an_acknowledged_write_is_visible_to_another_connection(
    file_storage: Storage,
) -> None:
    await file_storage.add(source("seen", title="Committed"), actor="o")
    with raw(Path(file_storage.path)) as conn:
        rows = conn.execute("SELECT id, origin FROM sources").fetchall()
    assert rows == [("seen", "admin")]


async def test_an_acknowledged_write_survives_a_process_crash(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    script = f"""
import asyncio, os
from bot.models import Source
from bot.storage import Storage

async def main():
    db = await Storage.open({str(path)!r})
    await db.add(Source("durable", "NewsNation", "Survives"), actor="crash-test")
    os._exit(0)  # no close, no checkpoint: the process just dies

asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=60)
    assert Path(f"{path}-wal").exists()  # the write lives in the WAL only
    async with await Storage.open(path) as db:
        assert await db.get("source", "durable") == Source("durable", "NewsNation", "Survives")
        assert [e.actor for e in await db.audit_log(guild_id=None)] == ["crash-test"]
        assert await db.integrity_check() == "ok"
