"""The connection: one long-lived aiosqlite connection, its locking and its transactions.

Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any
error, so a failed write changes nothing) holding its audit rows, and every operation goes
through one :class:`asyncio.Lock`: writes are serialised, and a read never sees another
coroutine's transaction half done.

Durability: WAL with ``synchronous = FULL``: the WAL is synced at every commit, so a write
whose coroutine returned survives a process crash *and* a power loss. Writes here are rare
(admin edits, unanswered questions, votes), so the extra fsync per commit costs nothing
that matters; an import or a sync is one commit whatever its size.

Removal is a hard delete: the audit row keeps the full before state (``codec.to_json``
form), so a removal is undone by adding that record again. A removed *shipped* record is
also remembered in ``shipped_removals`` so that the next load of the knowledge files does
not bring it back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiosqlite

from bot.errors import (
    StorageError,
)
from bot.storage.mapping import TABLES
from bot.storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate, user_version

#: Meta key of the database's own id (see :meth:`Connection.database_id`).
DATABASE_ID_KEY = "database.id"
#: How long a write waits for another process's write lock (e.g. the CLI) before failing.
BUSY_TIMEOUT_MS = 5000


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


class Connection:
    """The database connection and its transactions; the rest of :class:`Storage` is built
    on :meth:`_read` and :meth:`_write`. Open with ``await Storage.open(path)``."""

    def __init__(self, conn: aiosqlite.Connection, where: str, version: int) -> None:
        self._db: aiosqlite.Connection | None = conn
        self._where = where
        self._version = version
        self._lock = asyncio.Lock()
        #: (first, last) change numbers of the transactions this connection committed, so
        #: that following the change log skips what this process already knows
        self._own_changes: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, path: str | Path) -> Self:
        """Open (creating the file, not its directory) and migrate the database at ``path``.

        ``":memory:"`` gives a private in-memory database. A missing directory, a read-only
        file, a file that is not a database, or a schema newer than this code each raise
        :class:`StorageError` with one line saying what and what to do.
        """
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

    async def close(self) -> None:
        """Close the connection after the operations already waiting (optimising first)."""
        async with self._lock:  # after the operations already waiting
            db, self._db = self._db, None
            if db is None:
                return
            with contextlib.suppress(sqlite3.Error):
                await db.execute("PRAGMA optimize")
            await db.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def schema_version(self) -> int:
        """The schema version the database was migrated to."""
        return self._version

    @property
    def path(self) -> str:
        """The database file (``":memory:"`` for an in-memory database)."""
        return self._where

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has run."""
        return self._db is None

    # ------------------------------------------------------------------ plumbing

    def _conn(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StorageError("the database is closed")
        return self._db

    def _failure(self, exc: sqlite3.DatabaseError) -> StorageError:
        return StorageError(
            f"the database {self._where} failed ({exc}): check the disk (space, permissions)"
        )

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            db = self._conn()
            try:
                yield db
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise
            except sqlite3.DatabaseError as exc:
                raise self._failure(exc) from exc

    @contextlib.asynccontextmanager
    async def _write(self, *, records: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; rolled back (nothing changed) on any exception.

        ``records``: the transaction may change records, so the changes it logs are noted
        as this connection's own (:mod:`bot.storage.changes`); logs and settings, which
        change no record, spare the two look-ups."""
        async with self._lock:
            db = self._conn()
            try:
                try:
                    await db.execute("BEGIN IMMEDIATE")
                    before = await _last_change(db) if records else 0
                    yield db
                    after = await _last_change(db) if records else 0
                    await db.execute("COMMIT")
                    if after > before:
                        self._own_changes.append((before + 1, after))
                except BaseException:
                    await _rollback(db)
                    raise
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise
            except sqlite3.DatabaseError as exc:
                raise self._failure(exc) from exc

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self._conn().execute_fetchall(sql, params))


    async def database_id(self) -> str:
        """This database's own id, made at its first use (what a file beside it, such as an
        engine snapshot, names to say which database it belongs to)."""
        stored = await self.get_meta(DATABASE_ID_KEY)
        if stored is None:
            async with self._write(records=False) as db:
                await db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                                 (DATABASE_ID_KEY, uuid.uuid4().hex))
            stored = await self.get_meta(DATABASE_ID_KEY)
        assert stored is not None
        return stored

    async def get_meta(self, key: str) -> str | None:
        """A value the bot keeps for itself, or None."""
        async with self._read():
            rows = await self._all("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    async def set_meta(self, key: str, value: str) -> None:
        """Keep a value for the bot itself (replacing the old one)."""
        async with self._write(records=False) as db:
            await db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    async def stats(self) -> dict[str, int]:
        """Counts: ``<table>_global`` / ``<table>_guild`` per kind, ``audit_rows``,
        ``unanswered``, ``feedback``, ``answer_channels``, ``schema_version``."""
        out: dict[str, int] = {}
        async with self._read():
            for table in TABLES.values():
                rows = await self._all(
                    f"SELECT count(*) FILTER (WHERE guild_id IS NULL), "
                    f"count(*) FILTER (WHERE guild_id IS NOT NULL) FROM {table}"
                )
                out[f"{table}_global"], out[f"{table}_guild"] = rows[0]
            for name, table in (
                ("audit_rows", "audit_log"),
                ("unanswered", "unanswered"),
                ("feedback", "feedback"),
                ("answer_channels", "guild_channels"),
            ):
                out[name] = (await self._all(f"SELECT count(*) FROM {table}"))[0][0]
        out["schema_version"] = self._version
        return out

    async def pragmas(self) -> dict[str, str | int]:
        """The connection's settings: journal mode, synchronous, foreign keys, busy timeout."""
        out: dict[str, str | int] = {}
        async with self._read():
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"):
                out[name] = (await self._all(f"PRAGMA {name}"))[0][0]
        return out

    async def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` (``"ok"`` when sound) plus any foreign key violation."""
        async with self._read():
            result = "\n".join(str(r[0]) for r in await self._all("PRAGMA integrity_check"))
            violations = await self._all("PRAGMA foreign_key_check")
        if violations:
            result += "".join(
                f"\nforeign key violation: {table} row {rowid} -> {parent}"
                for table, rowid, parent, _ in violations
            )
        return result


