"""bot/storage/postgres.py: the PostgreSQL backend, against a real server (the throwaway
cluster of tests/postgres_server.py): the SQL it translates, the databases it refuses, the
order of the change log across connections, all-or-nothing writes, and reconnecting after
the server restarts. (The storage API itself runs on both backends: every test taking the
``storage`` fixture.)"""

from __future__ import annotations

import asyncio
import sys

import asyncpg
import pytest

from bot.errors import StorageError
from bot.storage import LATEST_VERSION, Storage
from bot.storage.postgres import redact, translate
from tests.postgres_server import PostgresServer
from tests.storage_records import GUILD_A, fact, seeded, source


async def _query(url: str, sql: str) -> list[asyncpg.Record]:
    """One statement on a connection of its own (as another program would run it)."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetch(sql)
    finally:
        await conn.close()


def test_placeholders_are_numbered_as_sqlite_numbers_them() -> None:
    assert translate("SELECT a FROM t WHERE x = ? AND y = ?") == (
        "SELECT a FROM t WHERE x = $1 AND y = $2")
    # ?N is parameter N; a bare ? after it takes the next number, as SQLite does
    assert translate("UPDATE t SET a = ?, b = ?1, c = ? WHERE d = ?") == (
        "UPDATE t SET a = $1, b = $1, c = $2 WHERE d = $3")
    assert translate("SELECT 'what?' FROM t WHERE x = ?") == "SELECT 'what?' FROM t WHERE x = $1"
    assert translate("SELECT 'it''s ?' , ?") == "SELECT 'it''s ?' , $1"


def test_sqlite_words_become_postgresql_words() -> None:
    assert translate("WHERE ifnull(guild_id, 0) = ?") == "WHERE coalesce(guild_id, 0) = $1"
    assert translate("WHERE id IN (SELECT value FROM json_each(?))") == (
        "WHERE id IN (SELECT json_array_elements_text(CAST($1 AS json)))")
    # content keys are looked up by the hash their unique index is on
    assert translate("AND norm_key IN (SELECT value FROM json_each(?))") == (
        "AND md5(norm_key) IN (SELECT md5(json_array_elements_text(CAST($1 AS json))))")


def test_a_password_is_never_shown() -> None:
    assert redact("postgresql://bot:s3cret@db.example:5432/bank") == (
        "postgresql://bot:***@db.example:5432/bank")
    assert redact("postgresql://bot@db/bank") == "postgresql://bot@db/bank"


async def test_the_schema_matches_sqlites(postgres_url: str, tmp_path: object) -> None:
    """Same tables and columns (PostgreSQL adds the records' ``rowid`` and its version
    table), same version."""
    from pathlib import Path

    sqlite_file = Path(str(tmp_path)) / "bank.db"
    async with await Storage.open(sqlite_file) as lite, await Storage.open(postgres_url) as pg:
        assert lite.schema_version == pg.schema_version == LATEST_VERSION
        await lite.get_meta("x")
    import sqlite3

    with sqlite3.connect(sqlite_file) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'")]
        lite_columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]
                        for t in tables}
    rows = await _query(postgres_url,
                        "SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")
    pg_columns: dict[str, list[str]] = {}
    for r in rows:
        pg_columns.setdefault(r["table_name"], []).append(r["column_name"])
    assert pg_columns.pop("coverage_bot_schema") == ["one", "application", "version"]
    for table in ("sources", "people", "facts", "quotes"):
        assert pg_columns[table][0] == "rowid"
        pg_columns[table] = pg_columns[table][1:]
    assert pg_columns == lite_columns


async def test_another_programs_database_is_refused_and_left_alone(postgres_url: str) -> None:
    await _query(postgres_url, "CREATE TABLE invoices (id int)")
    with pytest.raises(StorageError, match="another program's tables"):
        await Storage.open(postgres_url)
    tables = await _query(postgres_url,
                          "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    assert tables[0][0] == 1


async def test_a_newer_schema_is_refused(postgres_url: str) -> None:
    async with await Storage.open(postgres_url):
        pass
    await _query(postgres_url, "UPDATE coverage_bot_schema SET version = 99")
    with pytest.raises(StorageError, match="schema version 99, newer"):
        await Storage.open(postgres_url)


async def test_a_missing_database_or_server_is_said_plainly(
        postgres_server: PostgresServer) -> None:
    with pytest.raises(StorageError, match=r"does not exist.*createdb"):
        await Storage.open(postgres_server.url("no_such_db"))
    with pytest.raises(StorageError, match=r"cannot reach the database.*running"):
        await Storage.open("postgresql://coverage@127.0.0.1:1/x")


async def test_two_processes_opening_a_new_database_migrate_it_once(postgres_url: str) -> None:
    both = await asyncio.gather(Storage.open(postgres_url), Storage.open(postgres_url))
    try:
        assert [s.schema_version for s in both] == [LATEST_VERSION] * 2
        await both[0].add(source("s"), actor="a")
        assert await both[1].get("source", "s") is not None
    finally:
        for s in both:
            await s.close()


async def test_a_process_waiting_on_the_migration_lock_sees_the_schema_made_meanwhile(
        postgres_url: str) -> None:
    """The race of two bot processes started at once on a new database (4 of 10 such starts
    failed with 'relation "coverage_bot_schema" already exists'): the second looked the
    version table up before waiting for the first's migration, and its lookup was not
    renewed after the wait. Here the first holds the lock while the second starts."""
    from bot.storage.pg_schema import PG_MIGRATIONS
    from bot.storage.postgres import MIGRATION_LOCK, _prepare

    first, second = [await asyncpg.connect(postgres_url) for _ in range(2)]
    try:
        async with first.transaction():
            await first.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            waiting = asyncio.create_task(_prepare(second, "the database"))
            await asyncio.sleep(0.3)  # the second has looked and waits for the lock
            assert not waiting.done()
            await first.execute(str(PG_MIGRATIONS[0].step))
            await first.execute("INSERT INTO coverage_bot_schema (application, version) "
                                "VALUES ('coverage-bot', $1)", PG_MIGRATIONS[0].version)
        assert await asyncio.wait_for(waiting, 10) == LATEST_VERSION
    finally:
        for conn in (first, second):
            await conn.close()


async def test_concurrent_writers_log_changes_in_commit_order(postgres_url: str) -> None:
    """Record writes of several connections are serialised, so a reader that has seen
    change N never finds a smaller one committed later."""
    stores = [await Storage.open(postgres_url) for _ in range(4)]
    try:
        await stores[0].add(source("src"), actor="o")
        reader, seen, found = stores[0], await stores[0].change_seq(), []

        async def writer(i: int, store: Storage) -> None:
            for n in range(10):
                await store.add(fact(f"f-{i}-{n}", f"Claim {i} {n}."), actor=f"w{i}")

        async def read() -> None:
            nonlocal seen
            for _ in range(200):
                for change in await reader.changes_since(seen):
                    assert change.seq > seen
                    seen = change.seq
                    found.append(change.record_id)
                await asyncio.sleep(0.005)

        await asyncio.gather(read(), *(writer(i, s) for i, s in enumerate(stores[1:])))
        for change in await reader.changes_since(seen):
            found.append(change.record_id)
    finally:
        for s in stores:
            await s.close()
    assert sorted(found) == sorted(f"f-{i}-{n}" for i in range(3) for n in range(10))


async def test_an_import_killed_midway_leaves_nothing(postgres_url: str) -> None:
    async with await Storage.open(postgres_url) as db:
        await db.add(source("src"), actor="o")
    script = f"""
import asyncio, os
from bot.models import Citation, Fact
from bot.storage import Storage

def written(batch):  # called inside the transaction, once a batch's rows are in
    print("killing after", len(batch), flush=True)
    os._exit(9)  # the process dies mid-transaction: no rollback sent, no close

async def main():
    db = await Storage.open({postgres_url!r})
    facts = (Fact(f"f-{{i}}", f"Claim number {{i}}.", (Citation("src", "p"),))
             for i in range(30000))
    await db.import_records(facts, actor="x", guild_id=None, problems=print, added=written)

asyncio.run(main())
"""
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", script,
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    assert b"killing after" in out and proc.returncode == 9
    async with await Storage.open(postgres_url) as db:
        stats = await db.stats()
        assert stats["facts_global"] == 0 and stats["audit_rows"] == 1
        assert await db.integrity_check() == "ok"


async def test_the_server_restarting_loses_no_acknowledged_write(
        postgres_server: PostgresServer, postgres_url: str) -> None:
    """The connection dies with the server; the next operations reconnect (a write that
    finds the connection gone before it began is not lost), and an acknowledged write is
    still there."""
    async with await Storage.open(postgres_url) as db:
        await seeded(db, GUILD_A, "a-")
        await db.add(source("before", title="Before"), actor="o")
        await asyncio.to_thread(postgres_server.pg_ctl, "restart", "-m", "fast")
        await db.add(source("after", title="After"), actor="o")  # reconnects, then writes
        assert await db.get("source", "before") is not None
        await asyncio.to_thread(postgres_server.pg_ctl, "restart", "-m", "fast")
        assert await db.get("source", "after") is not None  # a read reconnects too
        assert (await db.stats())["sources_global"] == 2
    async with await Storage.open(postgres_url) as again:
        bank = await again.load_bank()
    assert {s.id for s in bank.sources} >= {"before", "after"}


async def test_a_server_gone_for_good_is_a_clear_error(
        postgres_server: PostgresServer, postgres_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.storage import postgres

    monkeypatch.setattr(postgres, "RECONNECT_SECONDS", 0.5)
    db = await Storage.open(postgres_url)
    try:
        await asyncio.to_thread(postgres_server.pg_ctl, "stop", "-m", "fast")
        try:
            with pytest.raises(StorageError, match="cannot reach the database"):
                await db.add(source("lost"), actor="o")
        finally:
            await asyncio.to_thread(postgres_server.pg_ctl, "start")
        await db.add(source("back"), actor="o")  # and it recovers once the server is back
        assert [s.id for s in (await db.load_bank()).sources] == ["back"]
    finally:
        await db.close()


async def test_a_bank_moves_from_sqlite_to_postgresql(postgres_url: str, tmp_path: object
                                                      ) -> None:
    from pathlib import Path

    async with await Storage.open(Path(str(tmp_path)) / "old.db") as old:
        await seeded(old, GUILD_A, "g-")
        exported = await old.export_bank(GUILD_A)
    assert exported.facts and exported.quotes
    async with await Storage.open(postgres_url) as new:
        await new.import_bank(exported, actor="move", guild_id=GUILD_A)
        assert await new.export_bank(GUILD_A) == exported
