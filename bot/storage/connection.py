"""The connection: one database connection (a :class:`~bot.storage.backend.Backend`: SQLite
or PostgreSQL), its locking and its transactions.

Every write is one transaction (rolled back on any error, so a failed write changes nothing)
holding its audit rows, and every operation goes through one :class:`asyncio.Lock`: writes
are serialised, and a read never sees another coroutine's transaction half done. How each
backend makes a commit durable and orders the writes of several processes is told in its
module (:mod:`bot.storage.sqlite`, :mod:`bot.storage.postgres`).

Removal is a hard delete: the audit row keeps the full before state (``codec.to_json``
form), so a removal is undone by adding that record again. A removed *shipped* record is
also remembered in ``shipped_removals`` so that the next load of the knowledge files does
not bring it back.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from bot.errors import StorageError
from bot.storage.backend import Backend, is_postgres_url
from bot.storage.mapping import TABLES

#: Meta key of the database's own id (see :meth:`Connection.database_id`).
DATABASE_ID_KEY = "database.id"


async def open_backend(target: str | Path) -> Backend:
    """The backend of a database target: a ``postgresql://`` URL, else an SQLite file (or
    ``":memory:"``)."""
    if is_postgres_url(target):
        from bot.storage.postgres import PostgresBackend  # asyncpg only when it is used

        return await PostgresBackend.open(str(target))
    from bot.storage.sqlite import SqliteBackend

    return await SqliteBackend.open(target)


class Connection:
    """The database connection and its transactions; the rest of :class:`Storage` is built
    on :meth:`_read` and :meth:`_write`. Open with ``await Storage.open(target)``."""

    def __init__(self, backend: Backend) -> None:
        self._db: Backend | None = backend
        self._where = backend.where
        self._version = backend.version
        self._local_file = backend.local_file
        self._lock = asyncio.Lock()
        #: (first, last) change numbers of the transactions this connection committed, so
        #: that following the change log skips what this process already knows
        self._own_changes: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, target: str | Path) -> Self:
        """Open and migrate the database ``target``: an SQLite file (created, not its
        directory), ``":memory:"`` (a private in-memory database), or a PostgreSQL URL
        (``postgresql://user:password@host:port/database``, the database created already).

        A missing directory, a read-only file, a file that is not a database, a server that
        cannot be reached, or a schema newer than this code each raise
        :class:`StorageError` with one line saying what and what to do.
        """
        return cls(await open_backend(target))

    async def close(self) -> None:
        """Close the connection after the operations already waiting."""
        async with self._lock:  # after the operations already waiting
            db, self._db = self._db, None
            if db is not None:
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
        """The database as shown to people: its file, ``":memory:"``, or its URL without
        the password."""
        return self._where

    @property
    def local_file(self) -> Path | None:
        """The database's file on this machine (None for ``:memory:`` and a server)."""
        return self._local_file

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has run."""
        return self._db is None

    # ------------------------------------------------------------------ plumbing

    def _conn(self) -> Backend:
        if self._db is None:
            raise StorageError("the database is closed")
        return self._db

    def _failure(self, exc: BaseException) -> StorageError:
        if isinstance(exc, StorageError):
            return exc
        return StorageError(
            f"the database {self._where} failed ({exc}): check the disk (space, permissions)"
            if self._local_file is not None or self._where == ":memory:" else
            f"the database {self._where} failed ({exc}): check the server, then try again"
        )

    @contextlib.contextmanager
    def _errors(self, db: Backend) -> Iterator[None]:
        """The backend's own errors as storage shows them: a broken constraint or misused
        statement as it is, a failure of the database itself as a :class:`StorageError`."""
        try:
            yield
        except db.passthrough:
            raise
        except db.failures as exc:
            raise self._failure(exc) from exc

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[Backend]:
        async with self._lock:
            db = self._conn()
            with self._errors(db):
                await db.ready()
                yield db

    @contextlib.asynccontextmanager
    async def _write(self, *, records: bool = True) -> AsyncIterator[Backend]:
        """One write transaction; rolled back (nothing changed) on any exception.

        ``records``: the transaction may change records, so the changes it logs are noted
        as this connection's own (:mod:`bot.storage.changes`); logs and settings, which
        change no record, spare the two look-ups."""
        async with self._lock:
            db = self._conn()
            with self._errors(db):
                await db.ready()
                try:
                    await db.begin(records=records)
                    before = await db.last_change() if records else 0
                    yield db
                    after = await db.last_change() if records else 0
                    await db.commit()
                    if after > before:
                        self._own_changes.append((before + 1, after))
                except BaseException as exc:
                    await db.rollback(interrupted=isinstance(exc, asyncio.CancelledError))
                    raise

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return await self._conn().fetchall(sql, params)

    async def database_id(self) -> str:
        """This database's own id, made at its first use (what a file beside it, such as an
        engine snapshot, names to say which database it belongs to)."""
        stored = await self.get_meta(DATABASE_ID_KEY)
        if stored is None:
            async with self._write(records=False) as db:
                await db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO NOTHING",
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
        """The connection's settings that make writes safe: for SQLite its journal mode,
        synchronous, foreign keys and busy timeout; for PostgreSQL the server's equivalents."""
        async with self._read() as db:
            return await db.settings()

    async def integrity_check(self) -> str:
        """``"ok"`` when the database is sound (SQLite's integrity check; on both, every
        foreign key pointing at a row), else each problem on a line."""
        async with self._read() as db:
            return await db.integrity_check()
