"""bot/storage/migrations.py: versioned migrations, one transaction each.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg
import pytest

from bot.errors import (
    DuplicateRecord,
    StorageError,
)
from bot.models import Fact, Person, Quote, Source
from bot.storage import LATEST_VERSION, Storage
from bot.storage.backend import is_postgres_url
from bot.storage.migrations import APPLICATION_ID, MIGRATIONS, Migration, migrate, user_version
from bot.storage.pg_schema import PG_MIGRATIONS
from bot.storage.postgres import migrate as pg_migrate
from bot.storage.postgres import translate
from tests.storage_records import (
    EXPECTED_TABLES,
    GUILD_A,
    fact,
    file_digest,
    old_question_norm,
    person,
    quote,
    raw,
    source,
    version_3_rows,
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


# --------------------------------------------------------------------------- migration 4

#: Records stored before version 4, oldest first: texts that fold alike only by the new
#: rules (accents, curly quotes, dashes), in one scope and across scopes and speakers.
BEFORE_4: list[Source | Person | Fact | Quote] = [
    source("src", url="https://x.org/Café–menu"),
    source("src-2", title="The “Menu”"),
    person("kim-kardashian"),
    person("jose", "José Núñez"),
    person("jose-2", "Jose Nunez"),
    # the older one's key changes to the newer one's stored key (which must give way first)
    fact("cafe", "Café society — tonight."),
    fact("cafe-plain", "cafe society - tonight."),
    fact("cafe-a", "Café society — tonight.", guild_id=GUILD_A),
    fact("plain", "Nothing to fold here."),
    quote("q1", "We’re done – for now."),
    quote("q2", "we're done - for now."),
    quote("q3", "We’re done – for now.", speaker=None),
]
QUESTIONS_BEFORE_4 = ["Who is Beyoncé?", "who is beyonce", "WHO IS BEYONCÉ…", "\u200b?",
                      "What did “Kim” say?"]
#: The keys from version 4 on, by table and id.
KEYS_4 = {
    ("sources", "src"): "https://x.org/café–menu\x1fnewsnation",
    ("sources", "src-2"): 'the "menu"\x1fnewsnation',
    ("people", "kim-kardashian"): "kim kardashian",
    ("people", "jose"): "jose nunez",
    ("people", "jose-2"): "jose nunez\x1ejose-2",
    ("facts", "cafe"): "cafe society - tonight.",
    ("facts", "cafe-plain"): "cafe society - tonight.\x1ecafe-plain",
    ("facts", "cafe-a"): "cafe society - tonight.",
    ("facts", "plain"): "nothing to fold here.",
    ("quotes", "q1"): "we're done - for now.\x1fkim-kardashian",
    ("quotes", "q2"): "we're done - for now.\x1fkim-kardashian\x1eq2",
    ("quotes", "q3"): "we're done - for now.\x1f",
}


async def _rows(target: str, sql: str) -> list[tuple[Any, ...]]:
    if is_postgres_url(target):
        conn = await asyncpg.connect(target)
        try:
            return [tuple(r) for r in await conn.fetch(sql)]
        finally:
            await conn.close()
    with raw(Path(target)) as conn:
        return conn.execute(sql).fetchall()


async def _at_version_3(target: str) -> None:
    """A database at schema version 3 holding :data:`BEFORE_4` and its questions, with
    the keys version 3 gave them."""
    questions = [("2024-01-01T00:00:00.000+00:00", None, 7, q, old_question_norm(q))
                 for q in QUESTIONS_BEFORE_4]
    ask = "INSERT INTO unanswered (at, guild_id, user_id, question, norm) VALUES (?, ?, ?, ?, ?)"
    if is_postgres_url(target):
        pg = await asyncpg.connect(target)
        try:
            assert [m.version for m in await pg_migrate(pg, PG_MIGRATIONS[:3])] == [1, 2, 3]
            async with pg.transaction():
                await pg.execute("SET CONSTRAINTS ALL DEFERRED")
                for sql, rows in version_3_rows(BEFORE_4):
                    await pg.executemany(translate(sql), rows)
                await pg.executemany(translate(ask), questions)
        finally:
            await pg.close()
        return
    async with aiosqlite.connect(target, isolation_level=None) as conn:
        await migrate(conn, MIGRATIONS[:3])
        assert await user_version(conn) == 3
        for sql, rows in version_3_rows(BEFORE_4):
            await conn.executemany(sql, rows)
        await conn.executemany(ask, questions)


@pytest.fixture(params=["sqlite", "postgresql"])
def version_3_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a database of schema version 3 will be: an SQLite file, a PostgreSQL one."""
    if request.param == "sqlite":
        return str(tmp_path / "v3.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


async def test_migration_4_recomputes_the_keys_and_the_older_record_keeps_a_shared_one(
    version_3_target: str,
) -> None:
    target = version_3_target
    await _at_version_3(target)
    stored = {(t, rid): key for t in ("sources", "people", "facts", "quotes")
              for rid, key in await _rows(target, f"SELECT id, norm_key FROM {t}")}
    assert stored[("facts", "cafe")] == "café society — tonight."  # (version 3's keys)
    changes_before = await _rows(target, "SELECT count(*) FROM changes")

    async with await Storage.open(target) as db:
        assert db.schema_version == LATEST_VERSION == 4
        bank = await db.load_bank()
        assert sorted(bank.records(), key=repr) == sorted(BEFORE_4, key=repr)
        migrated = {(t, rid): key for t in ("sources", "people", "facts", "quotes")
                    for rid, key in await _rows(target, f"SELECT id, norm_key FROM {t}")}
        assert migrated == KEYS_4
        # the records did not change: nothing for other processes to follow
        assert await _rows(target, "SELECT count(*) FROM changes") == changes_before
        # the older record holds the key: the same text again is its duplicate
        with pytest.raises(DuplicateRecord, match="fact 'cafe'"):
            await db.add(fact("again", "CAFE SOCIETY – TONIGHT."), actor="t")
        with pytest.raises(DuplicateRecord, match="person 'jose'"):
            await db.add(person("jose-3", "JOSÉ NUÑEZ"), actor="t")
        # the newer one is still a record like any other: it can be edited, and is logged
        await db.update(fact("cafe-plain", "Tea society, tomorrow."), actor="t")
        await db.update(quote("q2", "We are not done."), actor="t")
        assert len(await _rows(target, "SELECT seq FROM changes")) == changes_before[0][0] + 2
        assert (await _rows(target, "SELECT norm_key FROM facts WHERE id = 'cafe-plain'")) == [
            ("tea society, tomorrow.",)]
        top = await db.top_unanswered(guild_id=None)
        assert sorted(q.count for q in top) == [1, 1, 3]
        assert "\u200b?" in [q.question for q in top]
    if not is_postgres_url(target):
        # the update triggers it set aside are back, word for word
        async with await Storage.open(Path(target).with_name("new.db")):
            pass
        schema = ("SELECT type, name, sql FROM sqlite_master "
                  "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name")
        assert await _rows(target, schema) == await _rows(
            str(Path(target).with_name("new.db")), schema)
