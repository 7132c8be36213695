"""bot/storage/backend.py and the choice of backend (bot/storage/connection.py's
``open_backend``): a postgresql:// URL selects PostgreSQL, anything else is an SQLite file."""

from __future__ import annotations

from pathlib import Path

from bot.storage.backend import is_postgres_url
from bot.storage.connection import open_backend
from bot.storage.postgres import PostgresBackend
from bot.storage.sqlite import SqliteBackend


def test_only_postgresql_urls_select_postgresql() -> None:
    assert is_postgres_url("postgresql://u:p@host:5432/db")
    assert is_postgres_url("POSTGRES://host/db")
    assert not is_postgres_url("bank.db")
    assert not is_postgres_url(":memory:")
    assert not is_postgres_url(Path("postgresql://looks-like-a-url"))  # a Path is a file
    assert not is_postgres_url("mysql://host/db")


async def test_the_target_chooses_the_backend(tmp_path: Path, postgres_url: str) -> None:
    lite = await open_backend(tmp_path / "bank.db")
    pg = await open_backend(postgres_url)
    try:
        assert isinstance(lite, SqliteBackend) and lite.local_file == tmp_path / "bank.db"
        assert isinstance(pg, PostgresBackend) and pg.local_file is None
        for backend in (lite, pg):
            await backend.begin(records=False)
            assert await backend.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)", ("a", "1", "b", "2")) == 2
            assert await backend.fetchall("SELECT key FROM meta WHERE key IN (?, ?) ORDER BY key",
                                          ("a", "b")) == [("a",), ("b",)]
            await backend.rollback()
            assert await backend.fetchall("SELECT key FROM meta WHERE key = ?", ("a",)) == []
    finally:
        await lite.close()
        await pg.close()
