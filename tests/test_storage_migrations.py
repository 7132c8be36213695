"""bot/storage/migrations.py: versioned migrations, one transaction each.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.errors import (
    StorageError,
)
from bot.storage import LATEST_VERSION, Storage
from bot.storage.migrations import APPLICATION_ID, MIGRATIONS, Migration, migrate, user_version
from tests.storage_records import (
    EXPECTED_TABLES,
    file_digest,
    raw,
)


async def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        assert db.schema_version == LATEST_VERSION == len(MIGRATIONS)
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables - {"sqlite_sequence"} == EXPECTED_TABLES


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    async def broken(conn: aiosqlite.Connection) -> None:
        await conn.execute("CREATE TABLE half_done (x)")
        await conn.execute("INSERT INTO no_such_table VALUES (1)")

    migrations = [MIGRATIONS[0], Migration(2, "broken", broken)]
    async with aiosqlite.connect(tmp_path / "m.db", isolation_level=None) as conn:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(conn, migrations)
        assert await user_version(conn) == 1
        rows = await conn.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE name = 'half_done'"
        )
        assert list(rows) == []
        assert not conn.in_transaction


async def test_migrations_apply_in_order_from_empty(tmp_path: Path) -> None:
    extra = Migration(2, "add a column", "ALTER TABLE meta ADD COLUMN note TEXT;")
    async with aiosqlite.connect(tmp_path / "m.db", isolation_level=None) as conn:
        applied = await migrate(conn, [MIGRATIONS[0], extra])
        assert [m.version for m in applied] == [1, 2]
        assert await user_version(conn) == 2
        cols = [r[1] for r in await conn.execute_fetchall("PRAGMA table_info(meta)")]
        assert cols == ["key", "value", "note"]


async def test_newer_schema_is_refused_and_the_file_is_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with raw(path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.execute("CREATE TABLE from_the_future (x)")
    before = file_digest(path)
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    message = str(caught.value)
    assert f"schema version {LATEST_VERSION + 1}" in message
    assert "upgrade coverage-bot" in message
    assert "\n" not in message
    assert file_digest(path) == before
    assert not Path(f"{path}-wal").exists()
    with raw(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
