"""bot/storage/sqlite.py: the SQLite backend's own settings (the refusals of bad paths and
files are in test_storage_connection.py, through ``Storage.open``)."""

from __future__ import annotations

from pathlib import Path

from bot.storage.sqlite import BUSY_TIMEOUT_MS, SqliteBackend


async def test_a_file_is_opened_durable_and_strict(tmp_path: Path) -> None:
    backend = await SqliteBackend.open(tmp_path / "bank.db")
    try:
        assert backend.local_file == tmp_path / "bank.db"
        assert await backend.settings() == {"journal_mode": "wal", "synchronous": 2,
                                            "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS}
        assert await backend.integrity_check() == "ok"
        assert await backend.last_change() == 0
    finally:
        await backend.close()


async def test_memory_has_no_file(tmp_path: Path) -> None:
    backend = await SqliteBackend.open(":memory:")
    try:
        assert backend.local_file is None and backend.where == ":memory:"
        await backend.begin(records=True)
        await backend.execute(
            "INSERT INTO sources (id, origin, content_hash, norm_key, created_at, updated_at, "
            "outlet, title) VALUES ('s', 'admin', 'h', 'k', 't', 't', 'o', 'T')")
        assert await backend.last_change() == 1  # the change log's trigger
        await backend.rollback()
        assert await backend.fetchall("SELECT id FROM sources") == []
    finally:
        await backend.close()
