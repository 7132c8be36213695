"""What storage needs of a database, whichever it is: SQLite (:mod:`bot.storage.sqlite`, the
embedded default) or PostgreSQL (:mod:`bot.storage.postgres`, one bank shared by processes on
several machines).

The queries of :mod:`bot.storage` are written once, in the SQL both understand, with ``?``
placeholders (``?1`` for a parameter used twice); the PostgreSQL backend translates the few
things that differ (placeholders, ``ifnull``, the JSON list of ids) as it runs them. Nothing
above :mod:`bot.storage` knows which backend it talks to.
"""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bot.settings import is_database_url


def is_postgres_url(target: str | Path) -> bool:
    """Whether a database target names a PostgreSQL server, not an SQLite file (a ``Path``
    is always a file; a string by the settings' one rule, :func:`is_database_url`)."""
    return isinstance(target, str) and is_database_url(target)


class Backend(abc.ABC):
    """One open connection to a migrated coverage-bot database.

    Used only through :class:`bot.storage.connection.Connection`, which holds the lock that
    makes one operation run at a time; a backend is never used by two coroutines at once.
    """

    #: The database as shown in messages (a file path, ``:memory:``, or a URL without its
    #: password).
    where: str
    #: The schema version the database was migrated to.
    version: int
    #: Errors let through as they are (a constraint broken, a statement misused): the caller
    #: made them, and tests look for them.
    passthrough: tuple[type[BaseException], ...] = ()
    #: Whether an import may add records through ``json_each`` statements, each batch's
    #: records of a kind as one JSON parameter (:func:`bot.storage.mapping.json_insert_sql`):
    #: the database then runs a batch's writes without Python's lock (executemany takes it
    #: back for every row), beside the parsing of the next batch.
    json_rows: bool = False
    #: Errors of the database itself (disk, server, connection), shown as a StorageError.
    failures: tuple[type[BaseException], ...] = ()

    @property
    def local_file(self) -> Path | None:
        """The database file on this machine, if there is one (not ``:memory:``, not a
        server): files that belong with the database (the engine snapshot) go beside it."""
        return None

    # ------------------------------------------------------------------ transactions

    @abc.abstractmethod
    async def ready(self) -> None:
        """Make sure the connection is usable (a server backend reconnects here)."""

    @abc.abstractmethod
    async def begin(self, *, records: bool) -> None:
        """Start a write transaction that holds the database's write lock. ``records``: it
        may change records, so it must be ordered with every other such transaction (the
        change log's numbers are then in commit order)."""

    @abc.abstractmethod
    async def commit(self) -> None:
        """Commit the open transaction."""

    @abc.abstractmethod
    async def rollback(self, *, interrupted: bool = False) -> None:
        """End the open transaction, if any, changing nothing; never raises.
        ``interrupted``: the transaction was cancelled, perhaps in the middle of a statement."""

    @abc.abstractmethod
    async def defer_foreign_keys(self) -> None:
        """Check the foreign keys of the open transaction at its commit, not per statement."""

    async def bulk_begin(self) -> object:
        """Set the connection up for a large transaction (an import), before it begins;
        what :meth:`bulk_end` needs to set it back. (Nothing to do by default.)"""
        return None

    async def bulk_end(self, previous: object) -> None:
        """Set the connection back as it was before :meth:`bulk_begin`."""
        return None

    # ------------------------------------------------------------------ statements

    @abc.abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abc.abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    async def pipeline(
        self, steps: Sequence[Callable[[], Awaitable[object]]]
    ) -> Awaitable[object]:
        """Start ``steps`` (statements of this connection) in order and return without waiting
        for them: the returned awaitable ends when all have run and raises the first error.
        The caller meanwhile does other work (an import parses its next batch), and must
        await the result before it ends the transaction. By default they run one after
        another in one task."""

        async def run() -> None:
            for step in steps:
                await step()

        task = asyncio.ensure_future(run())
        await asyncio.sleep(0)  # (started: a backend that queues statements has them queued)
        return task

    @abc.abstractmethod
    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one query; its rows."""

    # ------------------------------------------------------------------ the rest

    @abc.abstractmethod
    async def last_change(self) -> int:
        """The number of the last change logged (0: none)."""

    @abc.abstractmethod
    async def settings(self) -> dict[str, str | int]:
        """The connection's settings that make writes safe (for ``stats`` and tests)."""

    @abc.abstractmethod
    async def integrity_check(self) -> str:
        """``"ok"`` when the database is sound, else what is wrong, one problem a line."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Close the connection (after tidying up what the backend tidies at the end)."""
