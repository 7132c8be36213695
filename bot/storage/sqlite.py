"""The SQLite backend (aiosqlite): the embedded default, one file on one machine.

Durability: WAL with ``synchronous = FULL``: the WAL is synced at every commit, so a write
whose coroutine returned survives a process crash *and* a power loss. Writes here are rare
(admin edits, unanswered questions, votes), so the extra fsync per commit costs nothing
that matters; an import or a sync is one commit whatever its size. A write transaction
starts with ``BEGIN IMMEDIATE``: it holds the file's write lock from its first statement,
so writes of several processes are serialised (another process waits up to
:data:`BUSY_TIMEOUT_MS`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Self

import aiosqlite

from bot.errors import StorageError
from bot.storage.backend import Backend
from bot.storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate, user_version

#: How long a write waits for another process's write lock (e.g. the CLI) before failing.
BUSY_TIMEOUT_MS = 5000
#: The settings of a large transaction (an import); the connection's own come back after it:
#: - its page cache, 512 MiB: an import is one transaction, and once its changed pages
#:   outgrow the cache they are written to the WAL before the commit, read back and written
#:   again as the indexes keyed by text (ids, content keys) take new rows all over;
#: - temporary files in memory: each INSERT (one row, which fires its change-log trigger)
#:   keeps the pages it changes in a statement journal, which otherwise goes to a file once
#:   it has outgrown 64 KiB, and is written there again for every row (at a million records:
#:   87 s without, 79 s with; 20 s of system time down to 7).
#: (benchmarks/RESULTS.md, "2026-12-04 (session 2) import".)
BULK_SETTINGS = (("cache_size", -512 * 1024), ("temp_store", 2))


def _preflight(path: Path) -> None:
    """Refuse, with what to do, a path SQLite would fail on (or silently open read-only)."""
    if path.is_dir():
        raise StorageError(f"the database path {path} is a directory: set DATABASE_PATH to a file")
    parent = path.parent
    if not parent.exists():
        raise StorageError(
            f"the database directory {parent} does not exist: create it, "
            "or set DATABASE_PATH to a file in an existing directory"
        )
    if not parent.is_dir():
        raise StorageError(
            f"the database directory {parent} is not a directory: set DATABASE_PATH elsewhere"
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StorageError(
            f"the database file {path} is read-only: make it writable (chmod u+rw), "
            "or set DATABASE_PATH to another file"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StorageError(
            f"the database directory {parent} is not writable (SQLite keeps its -wal and -shm "
            "files beside the database): make it writable, or set DATABASE_PATH elsewhere"
        )


async def _rollback(db: aiosqlite.Connection) -> None:
    """End the open transaction, whatever interrupted it.

    Always sent: a cancellation can land while BEGIN (or any statement) is still queued in
    aiosqlite's thread, before ``in_transaction`` says so; statements run in order there, so
    this ROLLBACK runs after it. Shielded, so a second cancellation cannot skip it. "No
    transaction is active" (the COMMIT went through first) is not an error here.
    """
    with contextlib.suppress(sqlite3.Error):
        await asyncio.shield(db.execute("ROLLBACK"))


async def _fetchone(conn: aiosqlite.Connection, sql: str) -> Any:
    async with conn.execute(sql) as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


async def _prepare(conn: aiosqlite.Connection, where: str, memory: bool) -> int:
    """Check the file is ours and not newer, then set it up and migrate it; its version."""
    try:
        version = await user_version(conn)
        app_id = await _fetchone(conn, "PRAGMA application_id")
        tables = await _fetchone(conn, "SELECT count(*) FROM sqlite_master")
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{where} is not an SQLite database ({exc}): set DATABASE_PATH to the bot's "
            "database file, or move this file away"
        ) from exc
    if version > LATEST_VERSION:
        raise StorageError(
            f"the database {where} has schema version {version}, newer than this coverage-bot "
            f"knows ({LATEST_VERSION}): upgrade coverage-bot or use another DATABASE_PATH "
            "(the database was not changed)"
        )
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        raise StorageError(
            f"{where} is another program's SQLite database, not coverage-bot's: set "
            "DATABASE_PATH to another file (this one was not changed)"
        )
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA foreign_keys = ON")
        if await _fetchone(conn, "PRAGMA foreign_keys") != 1:
            raise StorageError("this SQLite build cannot enforce foreign keys: use another build")
        mode = str(await _fetchone(conn, "PRAGMA journal_mode = WAL"))
        if not memory and mode.lower() != "wal":
            raise StorageError(
                f"the database {where} cannot use WAL mode (journal mode {mode}): "
                "keep it on a local disk"
            )
        await conn.execute("PRAGMA synchronous = FULL")
        await migrate(conn)
        return await user_version(conn)
    except sqlite3.DatabaseError as exc:
        if "readonly" in str(exc):
            raise StorageError(
                f"the database {where} is read-only: make the file and its directory "
                "writable, or set DATABASE_PATH elsewhere"
            ) from exc
        raise StorageError(
            f"cannot prepare the database {where} (schema version {version}): {exc}"
        ) from exc


async def _last_change(db: aiosqlite.Connection) -> int:
    """The number of the last change logged (the ``changes`` table's sequence)."""
    return int(await _fetchone(db, "SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
               or 0)


class SqliteBackend(Backend):
    """One aiosqlite connection (see the module docs). Open with :meth:`open`."""

    json_rows = True

    passthrough = (sqlite3.IntegrityError, sqlite3.ProgrammingError)
    failures = (sqlite3.DatabaseError,)

    def __init__(self, conn: aiosqlite.Connection, where: str, version: int) -> None:
        self._db = conn
        self.where = where
        self.version = version

    @classmethod
    async def open(cls, path: str | Path) -> Self:
        """Open (creating the file, not its directory) and migrate the database at ``path``;
        ``":memory:"`` gives a private in-memory database."""
        memory = str(path) == ":memory:"
        where = ":memory:"
        if not memory:
            target = Path(path).expanduser()
            _preflight(target)
            where = str(target)
        try:
            conn = await aiosqlite.connect(where, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(
                f"cannot open the database {where} ({exc}): check the path and its permissions"
            ) from exc
        try:
            version = await _prepare(conn, where, memory)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, where, version)

    @property
    def local_file(self) -> Path | None:
        return None if self.where == ":memory:" else Path(self.where)

    async def ready(self) -> None:
        return None

    async def begin(self, *, records: bool) -> None:
        await self._db.execute("BEGIN IMMEDIATE")

    async def commit(self) -> None:
        await self._db.execute("COMMIT")

    async def rollback(self, *, interrupted: bool = False) -> None:
        await _rollback(self._db)

    async def defer_foreign_keys(self) -> None:
        await self._db.execute("PRAGMA defer_foreign_keys = ON")

    async def bulk_begin(self) -> list[tuple[str, int]]:
        previous = []
        for name, value in BULK_SETTINGS:
            previous.append((name, int(await _fetchone(self._db, f"PRAGMA {name}"))))
            await self._db.execute(f"PRAGMA {name} = {value}")
        return previous

    async def bulk_end(self, previous: object) -> None:
        for name, value in previous:  # type: ignore[attr-defined]
            await self._db.execute(f"PRAGMA {name} = {int(value)}")

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._db.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._db.executemany(sql, rows)

    async def pipeline(
        self, steps: Sequence[Callable[[], Awaitable[object]]]
    ) -> Awaitable[object]:
        # aiosqlite runs a connection's statements one at a time, in the order they were
        # queued: one task per step, started in order, queues them all at once, and its
        # thread works through them while this one does other things.
        tasks = [asyncio.ensure_future(step()) for step in steps]
        await asyncio.sleep(0)
        return asyncio.gather(*tasks)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(await self._db.execute_fetchall(sql, params))  # type: ignore[arg-type]

    async def last_change(self) -> int:
        return await _last_change(self._db)

    async def settings(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {}
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"):
            out[name] = await _fetchone(self._db, f"PRAGMA {name}")
        return out

    async def integrity_check(self) -> str:
        result = "\n".join(
            str(r[0]) for r in await self._db.execute_fetchall("PRAGMA integrity_check"))
        violations = await self._db.execute_fetchall("PRAGMA foreign_key_check")
        return result + "".join(
            f"\nforeign key violation: {table} row {rowid} -> {parent}"
            for table, rowid, parent, _ in violations
        )

    async def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            await self._db.execute("PRAGMA optimize")
        await self._db.close()
