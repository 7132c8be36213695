"""The PostgreSQL backend (asyncpg): one bank shared by bot processes on several machines.

``DATABASE_URL=postgresql://user:password@host:port/database`` (or ``--db`` with such a URL)
selects it; the database must exist, and is migrated at the first open (the schema is
:mod:`bot.storage.pg_schema`).

- **Ordering.** A transaction that may change records takes one advisory lock first
  (:data:`RECORDS_LOCK`), so those transactions run one at a time across every process, as
  they do on SQLite: the change log's numbers are then handed out in commit order, and a
  process that read up to change N never later finds a change below N committed.
- **Durability.** A commit returns once the server has it on disk (PostgreSQL's default,
  ``synchronous_commit = on``); an edit the bot acknowledged survives a server restart.
- **Reconnection.** A connection the server closed (a restart, a failover) is opened again
  at the next operation, trying for up to :data:`RECONNECT_SECONDS`. A write whose
  ``BEGIN`` finds the connection gone reconnects and begins again, so it is not lost; one
  cut off half way fails as a whole (nothing of it is kept) with a clear message.
"""

from __future__ import annotations

import asyncio
import functools
import re
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.errors import StorageError
from bot.storage.backend import Backend
from bot.storage.mapping import IN_JSON, TABLES
from bot.storage.migrations import LATEST_VERSION, Migration
from bot.storage.pg_schema import PG_MIGRATIONS, VERSION_TABLE

_T = TypeVar("_T")

#: What coverage-bot writes in its schema table.
APPLICATION = "coverage-bot"
#: Advisory lock held by every transaction that may change records (see the module docs).
RECORDS_LOCK = 0x436F7642
#: Advisory lock held while migrating, so two processes opening a new database do not both
#: apply a migration.
MIGRATION_LOCK = RECORDS_LOCK + 1
#: How long an operation keeps trying to reach a server that went away (seconds).
RECONNECT_SECONDS = 15.0
#: How long a ROLLBACK may take before the connection is dropped instead (the server then
#: rolls the transaction back itself).
ROLLBACK_SECONDS = 5.0
#: Errors that mean the connection is gone (the server restarted, the network failed).
LOST = (
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InterfaceError,
    OSError,
)

# --------------------------------------------------------------------------- SQL dialect

_LITERAL_OR_PARAM = re.compile(r"'(?:[^']|'')*'|\?(\d*)")
_IFNULL = re.compile(r"\bifnull\(", re.IGNORECASE)
#: The JSON list of values (``IN_JSON``), as PostgreSQL reads it.
_PG_IN_JSON = "IN (SELECT json_array_elements_text(CAST(? AS json)))"
#: A lookup by content key, hashed as its unique index is (:mod:`bot.storage.pg_schema`).
_KEY_IN_JSON = "norm_key " + IN_JSON
_PG_KEY_IN_JSON = "md5(norm_key) IN (SELECT md5(json_array_elements_text(CAST(? AS json))))"


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """A statement of :mod:`bot.storage` (SQLite's words) in PostgreSQL's: ``?`` and ``?N``
    placeholders numbered as SQLite numbers them (``$N``), ``ifnull`` as ``coalesce``, a
    JSON list of values unpacked with ``json_array_elements_text``."""
    sql = sql.replace(_KEY_IN_JSON, _PG_KEY_IN_JSON).replace(IN_JSON, _PG_IN_JSON)
    sql = _IFNULL.sub("coalesce(", sql)
    highest = 0

    def number(match: re.Match[str]) -> str:
        nonlocal highest
        if match.group(0).startswith("'"):
            return match.group(0)
        # ?N is parameter N; a bare ? follows the highest number so far, as in SQLite
        n = int(match.group(1)) if match.group(1) else highest + 1
        highest = max(highest, n)
        return f"${n}"

    return _LITERAL_OR_PARAM.sub(number, sql)


def redact(url: str) -> str:
    """A URL as shown to people: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def _count(status: str) -> int:
    """The row count of a command status (``"DELETE 3"``, ``"INSERT 0 1"``)."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


# --------------------------------------------------------------------------- the backend


class PostgresBackend(Backend):
    """One asyncpg connection (see the module docs). Open with :meth:`open`."""

    passthrough = (
        asyncpg.IntegrityConstraintViolationError,
        asyncpg.exceptions.SyntaxOrAccessError,
        asyncpg.exceptions.DataError,
    )
    failures = (asyncpg.PostgresError, *LOST)

    def __init__(self, url: str, conn: asyncpg.Connection, version: int) -> None:
        self._url = url
        self._db: asyncpg.Connection | None = conn
        self.where = redact(url)
        self.version = version

    @classmethod
    async def open(cls, url: str) -> Self:
        """Connect to the database at ``url`` and migrate it."""
        conn = await _connect(url, redact(url), wait=0.0)
        try:
            version = await _prepare(conn, redact(url))
        except BaseException:
            await conn.close(timeout=5)
            raise
        return cls(url, conn, version)

    def _conn(self) -> asyncpg.Connection:
        if self._db is None or self._db.is_closed():
            raise StorageError(f"lost the connection to the database {self.where}: try again")
        return self._db

    async def _reconnect(self) -> None:
        old, self._db = self._db, None
        if old is not None and not old.is_closed():
            old.terminate()
        self._db = await _connect(self._url, self.where, wait=RECONNECT_SECONDS)

    async def ready(self) -> None:
        if self._db is None or self._db.is_closed():
            await self._reconnect()

    async def _run(self, op: Callable[[asyncpg.Connection], Awaitable[_T]]) -> _T:
        """``op`` on the connection, cut off at once if the caller is cancelled.

        asyncpg answers a cancellation by asking the server to cancel the statement and
        waiting for the server's answer, which may never come (asyncpg issue 873; here an
        ``executemany`` cut off half way hung one run in two of the cancellation test on a
        loaded machine). The connection is dropped instead: the server rolls back what it
        was doing, and the next operation connects again."""
        conn = self._conn()
        task = asyncio.ensure_future(op(conn))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            conn.terminate()
            task.add_done_callback(_retrieved)
            raise

    async def begin(self, *, records: bool) -> None:
        try:
            await self._run(lambda c: c.execute("BEGIN"))
        except (*LOST, StorageError):  # gone since the last operation: nothing was sent
            await self._reconnect()
            await self._run(lambda c: c.execute("BEGIN"))
        if records:
            await self._run(lambda c: c.execute(f"SELECT pg_advisory_xact_lock({RECORDS_LOCK})"))

    async def commit(self) -> None:
        await self._run(lambda c: c.execute("COMMIT"))

    async def rollback(self, *, interrupted: bool = False) -> None:
        db = self._db
        if db is None or db.is_closed():
            return  # the server ended the transaction with the connection
        if interrupted:
            # A statement cut off half way leaves asyncpg waiting on the server's answer to
            # its cancel request; a ROLLBACK after it could wait for ever (1 run in 3 of the
            # cancellation test hung so). Dropping the connection makes the server roll the
            # transaction back; the next operation connects again.
            db.terminate()
            return
        try:
            if db.is_in_transaction():
                await asyncio.wait_for(asyncio.shield(db.execute("ROLLBACK")), ROLLBACK_SECONDS)
        except (asyncpg.PostgresError, TimeoutError, *LOST):
            db.terminate()  # a connection in an unknown state is not used again

    async def defer_foreign_keys(self) -> None:
        await self._run(lambda c: c.execute("SET CONSTRAINTS ALL DEFERRED"))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return _count(await self._run(lambda c: c.execute(translate(sql), *params)))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._run(lambda c: c.executemany(translate(sql), rows))

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await self._run(lambda c: c.fetch(translate(sql), *params))]

    async def last_change(self) -> int:
        return int(await self._run(
            lambda c: c.fetchval("SELECT coalesce(max(seq), 0) FROM changes")))

    async def settings(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {}
        for name in ("server_version", "synchronous_commit", "fsync",
                     "default_transaction_isolation"):
            out[name] = str((await self.fetchall(f"SHOW {name}"))[0][0])
        return out

    async def integrity_check(self) -> str:
        problems = []
        for child, column, parent in _FOREIGN_KEYS:
            orphans = await self.fetchall(
                f"SELECT c.{column} FROM {child} AS c LEFT JOIN {parent} AS p "
                f"ON p.id = c.{column} WHERE c.{column} IS NOT NULL AND p.id IS NULL LIMIT 5")
            problems += [f"foreign key violation: {child}.{column} -> {parent} {r[0]!r}"
                         for r in orphans]
        return "\n".join(problems) or "ok"

    async def close(self) -> None:
        db, self._db = self._db, None
        if db is not None and not db.is_closed():
            try:
                await db.close(timeout=5)
            except (asyncpg.PostgresError, *LOST, TimeoutError):
                db.terminate()


def _retrieved(task: asyncio.Future[Any]) -> None:
    """Take the outcome of an operation given up on (it ends with the dropped connection's
    error), so that asyncio does not log it as never retrieved."""
    if not task.cancelled():
        task.exception()


#: (child table, column, parent table) of every foreign key.
_FOREIGN_KEYS = (
    ("person_aliases", "person_id", TABLES["person"]),
    ("fact_citations", "fact_id", TABLES["fact"]),
    ("fact_citations", "source_id", TABLES["source"]),
    ("fact_people", "fact_id", TABLES["fact"]),
    ("fact_people", "person_id", TABLES["person"]),
    ("quotes", "speaker_id", TABLES["person"]),
    ("quote_citations", "quote_id", TABLES["quote"]),
    ("quote_citations", "source_id", TABLES["source"]),
)


async def _connect(url: str, where: str, *, wait: float) -> asyncpg.Connection:
    """A connection to ``url``; a server that cannot be reached is tried again for ``wait``
    seconds, then refused with what to do."""
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            conn: asyncpg.Connection = await asyncpg.connect(
                url, timeout=10, server_settings={"application_name": APPLICATION})
            return conn
        except (asyncpg.InvalidAuthorizationSpecificationError,
                asyncpg.InvalidPasswordError) as exc:
            raise StorageError(f"the database {where} refused the login ({exc}): check the "
                               "user and password of DATABASE_URL") from exc
        except asyncpg.InvalidCatalogNameError as exc:
            raise StorageError(f"the database {where} does not exist ({exc}): create it "
                               "(createdb), or set DATABASE_URL to one that does") from exc
        except (*LOST, asyncpg.PostgresError, TimeoutError) as exc:
            if time.monotonic() >= deadline:
                raise StorageError(
                    f"cannot reach the database {where} ({exc or type(exc).__name__}): check "
                    "that the PostgreSQL server is running and DATABASE_URL names it"
                ) from exc
            await asyncio.sleep(delay)
            delay = min(1.0, delay * 2)


async def _version(conn: asyncpg.Connection) -> int:
    # Whether the version table exists, read from pg_tables (a query with this statement's
    # snapshot), not to_regclass: that looks up the cache of this connection, where a miss
    # from before waiting for MIGRATION_LOCK survives another process's migration meanwhile
    # (two bot processes started at once on a new database then both created the schema).
    exists = await conn.fetchval(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = $1", VERSION_TABLE)
    if not exists:
        return 0
    row = await conn.fetchrow(f"SELECT application, version FROM {VERSION_TABLE}")
    return 0 if row is None else int(row["version"])


async def _prepare(conn: asyncpg.Connection, where: str) -> int:
    """Check the database is ours and not newer, then migrate it; its version."""
    try:
        version = await _version(conn)
        if version > LATEST_VERSION:
            raise StorageError(
                f"the database {where} has schema version {version}, newer than this "
                f"coverage-bot knows ({LATEST_VERSION}): upgrade coverage-bot or use another "
                "database (the database was not changed)")
        if version == 0:
            others = await conn.fetchval(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
            # Another process may have migrated it since the version was read.
            if others and await _version(conn) == 0:
                raise StorageError(
                    f"{where} holds another program's tables, not coverage-bot's: create a "
                    "database for the bot (createdb coverage_bot) and name it in DATABASE_URL "
                    "(this one was not changed)")
        await migrate(conn)
        return await _version(conn)
    except asyncpg.PostgresError as exc:
        raise StorageError(f"cannot prepare the database {where}: {exc}") from exc


async def migrate(conn: asyncpg.Connection,
                  migrations: Sequence[Migration] = PG_MIGRATIONS) -> list[Migration]:
    """Apply the migrations the database lacks, each in one transaction with the bump of
    its version, under :data:`MIGRATION_LOCK`; those applied."""
    applied: list[Migration] = []
    for migration in migrations:
        async with conn.transaction():
            await conn.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            if await _version(conn) >= migration.version:
                continue
            if isinstance(migration.step, str):
                await conn.execute(migration.step)
            else:
                await migration.step(conn)
            await conn.execute(
                f"INSERT INTO {VERSION_TABLE} (application, version) VALUES ($1, $2) "
                "ON CONFLICT (one) DO UPDATE SET version = excluded.version",
                APPLICATION, migration.version)
        applied.append(migration)
    return applied
