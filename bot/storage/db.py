"""The database: one long-lived aiosqlite connection behind a small typed async API.

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
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

import aiosqlite

from bot.codec import to_json
from bot.errors import (
    DuplicateRecord,
    InUse,
    NotFound,
    PermissionDenied,
    Problem,
    StorageError,
    ValidationFailed,
)
from bot.models import (
    RECORD_KINDS,
    Bank,
    Citation,
    Fact,
    Person,
    Quote,
    Record,
    RecordKind,
    Source,
    kind_of,
)
from bot.storage.content import (
    content_hash,
    content_key,
    label,
    normalise_question,
    reference_message,
    references,
    structural_problems,
)
from bot.storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate, user_version
from bot.storage.reports import (
    AuditAction,
    AuditEntry,
    AuditKind,
    FeedbackSummary,
    ImportReport,
    RecordInfo,
    RecordRef,
    SyncReport,
    UnansweredQuestion,
)

#: How long a write waits for another process's write lock (e.g. the CLI) before failing.
BUSY_TIMEOUT_MS = 5000
#: The actor of the audit rows written by :meth:`Storage.sync_shipped`.
SYNC_ACTOR = "knowledge-files"
#: Longest question kept in the unanswered log and with feedback.
MAX_LOGGED_QUESTION = 1000
#: Records an import checks and writes at a time (its memory is about this many records).
IMPORT_BATCH = 5000


class ImportRejected(Exception):
    """Rolls an import back: its problems went to the caller's ``problems`` already."""

TABLES: dict[RecordKind, str] = {
    "source": "sources",
    "person": "people",
    "fact": "facts",
    "quote": "quotes",
}
_HEADER = (
    "id",
    "guild_id",
    "origin",
    "shipped_hash",
    "content_hash",
    "norm_key",
    "created_at",
    "updated_at",
)
_OWN: dict[RecordKind, tuple[str, ...]] = {
    "source": ("outlet", "title", "url", "published"),
    "person": ("name", "description"),
    "fact": ("text", "keywords", "reported"),
    "quote": ("speaker_id", "text", "context", "keywords"),
}
#: Child tables of each kind: (table, parent column, value columns after ``position``).
_CHILDREN: dict[RecordKind, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "source": (),
    "person": (("person_aliases", "person_id", ("alias",)),),
    "fact": (
        ("fact_citations", "fact_id", ("source_id", "passage")),
        ("fact_people", "fact_id", ("person_id",)),
    ),
    "quote": (("quote_citations", "quote_id", ("source_id", "passage")),),
}
_COLUMNS: dict[str, tuple[str, ...]] = {
    **{TABLES[k]: _HEADER + _OWN[k] for k in RECORD_KINDS},
    **{t: (parent, "position", *cols) for k in RECORD_KINDS for t, parent, cols in _CHILDREN[k]},
}
#: Parents before children, cited records before those citing them.
_INSERT_ORDER = (
    "sources",
    "people",
    "person_aliases",
    "facts",
    "fact_citations",
    "fact_people",
    "quotes",
    "quote_citations",
)
_INSERT_SQL = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in _COLUMNS.items()
}
_IN_JSON = "IN (SELECT value FROM json_each(?))"

Key = tuple[RecordKind, str]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _scope(guild_id: int | None) -> int:
    """The value of ``ifnull(guild_id, 0)``, which the scope indexes are built on."""
    return 0 if guild_id is None else guild_id


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _dumps(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False)


def _own_values(record: Record) -> tuple[Any, ...]:
    if isinstance(record, Source):
        return (record.outlet, record.title, record.url, record.published)
    if isinstance(record, Person):
        return (record.name, record.description)
    if isinstance(record, Fact):
        return (record.text, _json_list(record.keywords), record.reported)
    return (record.speaker, record.text, record.context, _json_list(record.keywords))


def _child_rows(record: Record) -> dict[str, list[tuple[Any, ...]]]:
    rid = record.id
    if isinstance(record, Person):
        return {"person_aliases": [(rid, i, a) for i, a in enumerate(record.aliases)]}
    if isinstance(record, Fact):
        return {
            "fact_citations": [
                (rid, i, c.source_id, c.passage) for i, c in enumerate(record.citations)
            ],
            "fact_people": [(rid, i, p) for i, p in enumerate(record.people)],
        }
    if isinstance(record, Quote):
        return {
            "quote_citations": [
                (rid, i, c.source_id, c.passage) for i, c in enumerate(record.citations)
            ]
        }
    return {}


@dataclass(frozen=True, slots=True)
class _Row:
    """The bookkeeping columns of a stored record."""

    guild_id: int | None
    origin: str
    shipped_hash: str | None
    content_hash: str
    norm_key: str

    @property
    def edited(self) -> bool:
        return self.origin == "shipped" and self.content_hash != self.shipped_hash


_AuditRow = tuple[str, str, int | None, str, str, str, str | None, str | None]


def _audit_row(
    at: str,
    actor: str,
    guild_id: int | None,
    action: AuditAction,
    kind: AuditKind,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> _AuditRow:
    return (at, actor, guild_id, action, kind, record_id, _dumps(before), _dumps(after))


def _refs(keys: Iterable[Key]) -> tuple[RecordRef, ...]:
    return tuple(RecordRef(*k) for k in keys)


def _scope_problem(kind: RecordKind, record_id: str, stored: int | None, asked: int | None) -> str:
    what = label(kind, record_id)
    if stored is None:
        return f"{what} is a global record: a server can change only its own records"
    if asked is None:
        return f"{what} belongs to a server: change it from that server"
    return f"{what} belongs to another server: a server can change only its own records"


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


class Storage:
    """The bot's database. Open with ``await Storage.open(path)``; close when done."""

    def __init__(self, conn: aiosqlite.Connection, where: str, version: int) -> None:
        self._db: aiosqlite.Connection | None = conn
        self._where = where
        self._version = version
        self._lock = asyncio.Lock()

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(cls, path: str | Path) -> Storage:
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
        return self._version

    @property
    def path(self) -> str:
        """The database file (``":memory:"`` for an in-memory database)."""
        return self._where

    @property
    def closed(self) -> bool:
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
    async def _write(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; rolled back (nothing changed) on any exception."""
        async with self._lock:
            db = self._conn()
            try:
                try:
                    await db.execute("BEGIN IMMEDIATE")
                    yield db
                    await db.execute("COMMIT")
                except BaseException:
                    await _rollback(db)
                    raise
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise
            except sqlite3.DatabaseError as exc:
                raise self._failure(exc) from exc

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self._conn().execute_fetchall(sql, params))

    async def _rows(self, kind: RecordKind, ids: Iterable[str] | None = None) -> dict[str, _Row]:
        """Bookkeeping of the stored records of ``kind`` (``ids``: only those)."""
        sql = (
            f"SELECT id, guild_id, origin, shipped_hash, content_hash, norm_key FROM {TABLES[kind]}"
        )
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += f" WHERE id {_IN_JSON}"
            params = (_json_list(ids),)
        return {r[0]: _Row(*r[1:]) for r in await self._all(sql, params)}

    async def _load(
        self, kind: RecordKind, where: str = "", params: Sequence[Any] = ()
    ) -> list[Record]:
        """Records of ``kind`` (``where``: a WHERE clause on its table), in insertion order."""
        table = TABLES[kind]
        rows = await self._all(
            f"SELECT id, guild_id, {', '.join(_OWN[kind])} FROM {table} {where} ORDER BY rowid",
            params,
        )
        if not rows:
            return []
        children: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
        for child, parent, cols in _CHILDREN[kind]:
            sql = f"SELECT {parent}, {', '.join(cols)} FROM {child}"
            if where:
                sql += f" WHERE {parent} IN (SELECT id FROM {table} {where})"
            grouped: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for r in await self._all(sql + f" ORDER BY {parent}, position", params):
                grouped[r[0]].append(tuple(r[1:]))
            children[child] = grouped
        out: list[Record] = []
        for r in rows:
            rid, guild_id = r[0], r[1]
            if kind == "source":
                out.append(Source(rid, r[2], r[3], r[4], r[5], guild_id))
            elif kind == "person":
                aliases = tuple(a for (a,) in children["person_aliases"].get(rid, ()))
                out.append(Person(rid, r[2], aliases, r[3], guild_id))
            elif kind == "fact":
                cites = tuple(Citation(s, p) for s, p in children["fact_citations"].get(rid, ()))
                people = tuple(p for (p,) in children["fact_people"].get(rid, ()))
                out.append(Fact(rid, r[2], cites, people, tuple(json.loads(r[3])), r[4], guild_id))
            else:
                cites = tuple(Citation(s, p) for s, p in children["quote_citations"].get(rid, ()))
                out.append(Quote(rid, r[2], r[3], r[4], cites, tuple(json.loads(r[5])), guild_id))
        return out

    async def _load_ids(self, kind: RecordKind, ids: Iterable[str]) -> dict[str, Record]:
        records = await self._load(kind, f"WHERE id {_IN_JSON}", (_json_list(ids),))
        return {r.id: r for r in records}

    async def _insert(self, items: Iterable[tuple[Record, str, str | None]], now: str) -> None:
        """Insert (record, origin, shipped hash) items with executemany, table by table."""
        rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for record, origin, shipped in items:
            rows[TABLES[kind_of(record)]].append(
                (
                    record.id,
                    record.guild_id,
                    origin,
                    shipped,
                    content_hash(record),
                    content_key(record),
                    now,
                    now,
                    *_own_values(record),
                )
            )
            for table, child_rows in _child_rows(record).items():
                rows[table].extend(child_rows)
        db = self._conn()
        for table in _INSERT_ORDER:
            if rows.get(table):
                await db.executemany(_INSERT_SQL[table], rows[table])

    async def _rewrite(
        self, kind: RecordKind, records: Sequence[Record], now: str, *, shipped: bool
    ) -> None:
        """Replace the content of stored records (``shipped``: also as the files' content)."""
        if not records:
            return
        db = self._conn()
        table = TABLES[kind]
        sets = ["content_hash = ?", "norm_key = ?", "updated_at = ?"]
        sets += [f"{col} = ?" for col in _OWN[kind]]
        if shipped:  # (the right side of SET sees the old row: pass the new hash again)
            sets.append("shipped_hash = ?1")
        await db.executemany(
            f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?",
            [(content_hash(r), content_key(r), now, *_own_values(r), r.id) for r in records],
        )
        ids = _json_list(r.id for r in records)
        child_rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for r in records:
            for child, rows in _child_rows(r).items():
                child_rows[child].extend(rows)
        for child, parent, _cols in _CHILDREN[kind]:
            await db.execute(f"DELETE FROM {child} WHERE {parent} {_IN_JSON}", (ids,))
            if child_rows[child]:
                await db.executemany(_INSERT_SQL[child], child_rows[child])

    async def _delete(self, kind: RecordKind, ids: Iterable[str]) -> None:
        await self._conn().execute(
            f"DELETE FROM {TABLES[kind]} WHERE id {_IN_JSON}", (_json_list(ids),)
        )

    async def _audit(self, rows: Sequence[_AuditRow]) -> None:
        if rows:
            await self._conn().executemany(
                "INSERT INTO audit_log (at, actor, guild_id, action, kind, record_id, before, "
                "after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    async def _users(self, kind: RecordKind, record_id: str) -> list[RecordRef]:
        """The records citing a source, or naming or quoting a person."""
        if kind == "source":
            sql = (
                "SELECT 'fact', fact_id FROM fact_citations WHERE source_id = ?1 UNION "
                "SELECT 'quote', quote_id FROM quote_citations WHERE source_id = ?1"
            )
        elif kind == "person":
            sql = (
                "SELECT 'fact', fact_id FROM fact_people WHERE person_id = ?1 UNION "
                "SELECT 'quote', id FROM quotes WHERE speaker_id = ?1"
            )
        else:
            return []
        return [RecordRef(k, i) for k, i in await self._all(sql + " ORDER BY 1, 2", (record_id,))]

    # ------------------------------------------------------------------ validation

    async def _check(
        self, records: Sequence[Record], guild_id: int | None, *, updating: bool = False
    ) -> list[tuple[str, Problem]]:
        """Every problem with storing ``records`` (all in ``guild_id``'s scope), categorised:
        ``id`` (id taken), ``invalid``, ``missing`` (reference), ``content`` (duplicate)."""
        found: list[tuple[str, Problem]] = []
        by_kind: dict[RecordKind, list[Record]] = defaultdict(list)
        for record in records:
            by_kind[kind_of(record)].append(record)
            found.extend(("invalid", p) for p in structural_problems(record))
        batch_ids = {kind: {r.id for r in recs} for kind, recs in by_kind.items()}
        for kind, recs in by_kind.items():
            seen_ids: set[str] = set()
            seen_keys: dict[str, str] = {}
            keys: dict[str, str] = {}
            for r in recs:
                where = label(kind, r.id)
                if r.id in seen_ids:
                    found.append(("id", Problem(where, "the id appears more than once")))
                seen_ids.add(r.id)
                key = keys[r.id] = content_key(r)
                first = seen_keys.setdefault(key, r.id)
                if first != r.id:
                    found.append(
                        ("content", Problem(where, f"says the same as {label(kind, first)}"))
                    )
            table = TABLES[kind]
            if not updating:
                taken = await self._all(
                    f"SELECT id FROM {table} WHERE id {_IN_JSON}", (_json_list(seen_ids),)
                )
                for (rid,) in taken:
                    found.append(
                        ("id", Problem(label(kind, rid), f"a {kind} with this id already exists"))
                    )
            clashes = await self._all(
                f"SELECT norm_key, id FROM {table} "
                f"WHERE ifnull(guild_id, 0) = ? AND norm_key {_IN_JSON}",
                (_scope(guild_id), _json_list(set(keys.values()))),
            )
            existing = dict(clashes)
            for r in recs:
                other = existing.get(keys[r.id])
                if other is not None and other != r.id:
                    found.append(
                        (
                            "content",
                            Problem(
                                label(kind, r.id),
                                f"says the same as {label(kind, other)}, which already exists",
                            ),
                        )
                    )
        wanted: dict[RecordKind, set[str]] = defaultdict(set)
        for record in records:
            for kind, rid, _field in references(record):
                if rid not in batch_ids.get(kind, ()):
                    wanted[kind].add(rid)
        visible: dict[RecordKind, set[str]] = defaultdict(set)
        for kind, ids in wanted.items():
            for rid, owner in await self._all(
                f"SELECT id, guild_id FROM {TABLES[kind]} WHERE id {_IN_JSON}", (_json_list(ids),)
            ):
                if owner is None or owner == guild_id:
                    visible[kind].add(rid)
        for record in records:
            where = label(kind_of(record), record.id)
            for kind, rid, field in references(record):
                if rid not in batch_ids.get(kind, ()) and rid not in visible[kind]:
                    found.append(
                        ("missing", Problem(f"{where}.{field}", reference_message(rid, field)))
                    )
        return found

    @staticmethod
    def _raise_for_one(problems: list[tuple[str, Problem]], what: str) -> None:
        """The exception for problems with one record: taken id, invalid, missing, duplicate."""
        if not problems:
            return
        by_category: dict[str, list[Problem]] = defaultdict(list)
        for category, problem in problems:
            by_category[category].append(problem)
        if "id" in by_category:
            raise DuplicateRecord(f"{by_category['id'][0]} (ids are unique across every server)")
        if "invalid" in by_category:
            raise ValidationFailed(by_category["invalid"], what=what)
        if "missing" in by_category:
            raise NotFound("; ".join(str(p) for p in by_category["missing"]))
        raise DuplicateRecord("; ".join(str(p) for p in by_category["content"]))

    # ------------------------------------------------------------------ records

    async def load_bank(self) -> Bank:
        """Every record of every scope (each with its ``guild_id``), for the engine."""
        async with self._read():
            return await self._bank("", ())

    async def export_bank(self, guild_id: int | None) -> Bank:
        """The records of one scope only (``None``: the global records)."""
        async with self._read():
            return await self._bank("WHERE ifnull(guild_id, 0) = ?", (_scope(guild_id),))

    async def _bank(self, where: str, params: Sequence[Any]) -> Bank:
        loaded = {kind: await self._load(kind, where, params) for kind in RECORD_KINDS}
        return Bank(
            sources=tuple(cast(list[Source], loaded["source"])),
            people=tuple(cast(list[Person], loaded["person"])),
            facts=tuple(cast(list[Fact], loaded["fact"])),
            quotes=tuple(cast(list[Quote], loaded["quote"])),
        )

    async def get(self, kind: RecordKind, record_id: str) -> Record | None:
        """The record of ``kind`` with this id, whatever its scope (check ``guild_id``)."""
        async with self._read():
            return (await self._load_ids(kind, [record_id])).get(record_id)

    async def record_info(self, kind: RecordKind, record_id: str) -> RecordInfo | None:
        """Where a record came from and whether an owner edited a shipped one."""
        async with self._read():
            rows = await self._all(
                f"SELECT guild_id, origin, shipped_hash, content_hash, created_at, updated_at "
                f"FROM {TABLES[kind]} WHERE id = ?",
                (record_id,),
            )
        if not rows:
            return None
        guild_id, origin, shipped, current, created, updated = rows[0]
        return RecordInfo(
            kind,
            record_id,
            guild_id,
            origin,
            origin == "shipped" and shipped != current,
            created,
            updated,
        )

    async def add(self, record: Record, *, actor: str) -> None:
        """Add an admin record in ``record.guild_id``'s scope.

        :class:`DuplicateRecord` if its id exists (any scope) or a record of its kind in the
        same scope says the same; :class:`NotFound` if it cites a source or names a person
        not visible in its scope; :class:`ValidationFailed` if it is unusable (blank text,
        no citation, bad id).
        """
        kind = kind_of(record)
        async with self._write():
            self._raise_for_one(
                await self._check([record], record.guild_id), label(kind, record.id)
            )
            now = _now()
            await self._insert([(record, "admin", None)], now)
            await self._audit(
                [
                    _audit_row(
                        now, actor, record.guild_id, "add", kind, record.id, None, to_json(record)
                    )
                ]
            )

    async def update(self, record: Record, *, actor: str) -> Record:
        """Replace the stored record with this id by ``record``; the state before.

        The caller passes the scope it acts for in ``record.guild_id``: it must be the stored
        record's (:class:`PermissionDenied` otherwise). A shipped record changed here counts
        as edited by an owner: loading the files no longer overwrites it.
        """
        kind = kind_of(record)
        async with self._write():
            row = (await self._rows(kind, [record.id])).get(record.id)
            if row is None:
                raise NotFound(f"there is no {label(kind, record.id)}")
            if row.guild_id != record.guild_id:
                raise PermissionDenied(
                    _scope_problem(kind, record.id, row.guild_id, record.guild_id)
                )
            before = (await self._load_ids(kind, [record.id]))[record.id]
            if content_hash(record) == row.content_hash:
                return before
            self._raise_for_one(
                await self._check([record], record.guild_id, updating=True), label(kind, record.id)
            )
            now = _now()
            await self._rewrite(kind, [record], now, shipped=False)
            await self._audit(
                [
                    _audit_row(
                        now,
                        actor,
                        record.guild_id,
                        "update",
                        kind,
                        record.id,
                        to_json(before),
                        to_json(record),
                    )
                ]
            )
            return before

    async def remove(
        self, kind: RecordKind, record_id: str, *, actor: str, guild_id: int | None
    ) -> Record:
        """Delete a record of scope ``guild_id``; the removed record (kept in the audit log).

        :class:`InUse` if it is a source still cited or a person still named or quoted.
        """
        async with self._write():
            row = (await self._rows(kind, [record_id])).get(record_id)
            if row is None:
                raise NotFound(f"there is no {label(kind, record_id)}")
            if row.guild_id != guild_id:
                raise PermissionDenied(_scope_problem(kind, record_id, row.guild_id, guild_id))
            users = await self._users(kind, record_id)
            if users:
                shown = ", ".join(str(u) for u in users[:5])
                more = f" and {len(users) - 5} more" if len(users) > 5 else ""
                verb = "cited" if kind == "source" else "named or quoted"
                raise InUse(
                    f"{label(kind, record_id)} is still {verb} by {shown}{more}: "
                    "change or remove those first"
                )
            before = (await self._load_ids(kind, [record_id]))[record_id]
            now = _now()
            await self._delete(kind, [record_id])
            if row.origin == "shipped":
                await self._conn().execute(
                    "INSERT OR REPLACE INTO shipped_removals (kind, record_id, removed_at, actor) "
                    "VALUES (?, ?, ?, ?)",
                    (kind, record_id, now, actor),
                )
            await self._audit(
                [_audit_row(now, actor, guild_id, "remove", kind, record_id, to_json(before), None)]
            )
            return before

    async def import_bank(self, bank: Bank, *, actor: str, guild_id: int | None) -> ImportReport:
        """Add every record of ``bank`` to ``guild_id``'s scope, or none of them.

        Everything is checked first (ids and content duplicated inside the bank or taken in
        the scope, references resolvable within the bank and the scope) and
        :class:`ValidationFailed` lists every problem.
        """
        records = [
            r if r.guild_id == guild_id else replace(r, guild_id=guild_id) for r in bank.records()
        ]
        async with self._write():
            problems = await self._check(records, guild_id)
            if problems:
                raise ValidationFailed([p for _, p in problems], what="the import")
            now = _now()
            await self._insert(((r, "admin", None) for r in records), now)
            await self._audit(
                [
                    _audit_row(now, actor, guild_id, "import", kind_of(r), r.id, None, to_json(r))
                    for r in records
                ]
            )
        return ImportReport(
            guild_id, len(bank.sources), len(bank.people), len(bank.facts), len(bank.quotes)
        )

    async def import_records(
        self,
        records: Iterable[Record],
        *,
        actor: str,
        guild_id: int | None,
        problems: Callable[[Problem], None],
        added: Callable[[Sequence[Record]], None] | None = None,
        failed: Callable[[], bool] = lambda: False,
    ) -> ImportReport:
        """Add a stream of records to ``guild_id``'s scope in one transaction, or none.

        A record stored already, identical and visible in that scope, is a no-op (so an
        export imports into any database, including the one it came from). A record whose
        id is taken otherwise, or that says the same as another, goes to ``problems``; so do
        the problems of the records themselves, found by whoever produces ``records`` (the
        streaming parser), who says with ``failed`` whether any was found. Records are
        written in batches as they come, with foreign keys checked at the commit (a fact
        may come before the source it cites), and all rolled back if anything failed.
        ``added`` sees each batch actually written (to index it once committed).
        """
        counts = dict.fromkeys(RECORD_KINDS, 0)
        unchanged = 0
        wrong = False
        async with self._write() as db:
            await db.execute("PRAGMA defer_foreign_keys = ON")
            now = _now()
            batch: list[Record] = []
            for record in records:
                if record.guild_id != guild_id:
                    record = replace(record, guild_id=guild_id)
                batch.append(record)
                if len(batch) < IMPORT_BATCH:
                    continue
                fresh, same, bad = await self._import_batch(batch, guild_id, now, actor, problems)
                batch, unchanged, wrong = [], unchanged + same, wrong or bad
                self._count(fresh, counts)
                if added is not None:
                    added(fresh)
            fresh, same, bad = await self._import_batch(batch, guild_id, now, actor, problems)
            unchanged, wrong = unchanged + same, wrong or bad
            self._count(fresh, counts)
            if added is not None:
                added(fresh)
            if wrong or failed():
                raise ImportRejected
        return ImportReport(guild_id, counts["source"], counts["person"], counts["fact"],
                            counts["quote"], unchanged)

    @staticmethod
    def _count(records: Sequence[Record], counts: dict[RecordKind, int]) -> None:
        for record in records:
            counts[kind_of(record)] += 1

    async def _import_batch(
        self, batch: Sequence[Record], guild_id: int | None, now: str, actor: str,
        problems: Callable[[Problem], None],
    ) -> tuple[list[Record], int, bool]:
        """Write the new records of one batch; (written, identical ones skipped, any problem)."""
        fresh: list[Record] = []
        unchanged = 0
        wrong = False
        by_kind: dict[RecordKind, list[Record]] = defaultdict(list)
        for record in batch:
            by_kind[kind_of(record)].append(record)
        for kind, recs in by_kind.items():
            table = TABLES[kind]
            stored = {
                rid: (owner, digest)
                for rid, owner, digest in await self._all(
                    f"SELECT id, guild_id, content_hash FROM {table} WHERE id {_IN_JSON}",
                    (_json_list(r.id for r in recs),),
                )
            }
            new: list[Record] = []
            keys: dict[str, str] = {}
            for r in recs:
                row = stored.get(r.id)
                if row is None:
                    new.append(r)
                    continue
                owner, digest = row
                if owner not in (None, guild_id):
                    problems(Problem(label(kind, r.id), f"a {kind} with this id already exists "
                                     "in another server (ids are unique across every server)"))
                elif digest != content_hash(r):
                    problems(Problem(label(kind, r.id), f"a {kind} with this id already exists, "
                                     "with other content (an import only adds)"))
                else:
                    unchanged += 1
                    continue
                wrong = True
            for r in new:
                keys[r.id] = content_key(r)
            clashes = dict(await self._all(
                f"SELECT norm_key, id FROM {table} "
                f"WHERE ifnull(guild_id, 0) = ? AND norm_key {_IN_JSON}",
                (_scope(guild_id), _json_list(set(keys.values()))),
            ))
            firsts: dict[str, str] = {}
            for r in new:
                key = keys[r.id]
                other = clashes.get(key) or firsts.setdefault(key, r.id)
                if other != r.id:
                    problems(Problem(label(kind, r.id), f"says the same as {label(kind, other)}"
                                     + (", which already exists" if key in clashes else "")))
                    wrong = True
                else:
                    fresh.append(r)
        if fresh:
            await self._insert(((r, "admin", None) for r in fresh), now)
            await self._audit([
                _audit_row(now, actor, guild_id, "import", kind_of(r), r.id, None, to_json(r))
                for r in fresh
            ])
        return fresh, unchanged, wrong

    async def apply_ingest(
        self,
        adds: Bank,
        updates: Sequence[Record],
        *,
        actor: str,
        guild_id: int | None,
    ) -> ImportReport:
        """An ingested article in one transaction: new records added to ``guild_id``'s scope
        and existing ones (an extra citation linked in) replaced — all of it, or nothing.

        Updated records must already be stored in the same scope (:class:`PermissionDenied`
        otherwise); the new records are checked as :meth:`import_bank` checks them.
        """
        records = [
            r if r.guild_id == guild_id else replace(r, guild_id=guild_id) for r in adds.records()
        ]
        async with self._write():
            problems = await self._check(records, guild_id)
            if problems:
                raise ValidationFailed([p for _, p in problems], what="the ingest")
            befores: list[Record] = []
            for record in updates:
                kind = kind_of(record)
                row = (await self._rows(kind, [record.id])).get(record.id)
                if row is None:
                    raise NotFound(f"there is no {label(kind, record.id)}")
                if row.guild_id != guild_id or record.guild_id != guild_id:
                    raise PermissionDenied(
                        _scope_problem(kind, record.id, row.guild_id, guild_id)
                    )
                befores.append((await self._load_ids(kind, [record.id]))[record.id])
            now = _now()
            # The new records go in first: the updates may cite the new source. Any problem
            # below still rolls the whole transaction back.
            await self._insert(((r, "admin", None) for r in records), now)
            update_problems = await self._check(list(updates), guild_id, updating=True)
            if update_problems:
                raise ValidationFailed([p for _, p in update_problems], what="the ingest")
            for record in updates:
                await self._rewrite(kind_of(record), [record], now, shipped=False)
            await self._audit(
                [
                    _audit_row(now, actor, guild_id, "import", kind_of(r), r.id, None, to_json(r))
                    for r in records
                ]
                + [
                    _audit_row(
                        now, actor, guild_id, "update", kind_of(a), a.id, to_json(b), to_json(a)
                    )
                    for b, a in zip(befores, updates, strict=True)
                ]
            )
        return ImportReport(
            guild_id, len(adds.sources), len(adds.people), len(adds.facts), len(adds.quotes)
        )

    # ------------------------------------------------------------------ shipped knowledge

    async def sync_shipped(self, bank: Bank) -> SyncReport:
        """Make the global shipped records match the knowledge files in ``bank``.

        Idempotent (a second run with the same files writes nothing). A changed file record
        updates its row; a record gone from the files is removed unless an owner edited it
        or a remaining record still cites or names it; a shipped record an owner edited or
        removed through the bot is kept as the owner left it; admin and server records are
        never touched. One transaction, audit rows with actor ``knowledge-files``.
        :class:`ValidationFailed` if the bank itself is inconsistent (nothing is changed).
        """
        files: dict[Key, Record] = {}
        problems: list[Problem] = []
        for record in bank.records():
            if record.guild_id is not None:
                record = replace(record, guild_id=None)
            key: Key = (kind_of(record), record.id)
            if key in files:
                problems.append(Problem(label(*key), "the id appears more than once"))
            files[key] = record
            problems.extend(structural_problems(record))
        norms: dict[Key, str] = {key: content_key(r) for key, r in files.items()}
        seen_norm: dict[tuple[RecordKind, str], Key] = {}
        for key, norm in norms.items():
            other = seen_norm.setdefault((key[0], norm), key)
            if other != key:
                problems.append(Problem(label(*key), f"says the same as {label(*other)}"))
        file_refs: dict[Key, list[Key]] = {
            key: [(k, rid) for k, rid, _ in references(r)] for key, r in files.items()
        }

        async with self._write() as db:
            existing: dict[Key, _Row] = {}
            for kind in RECORD_KINDS:
                existing.update({(kind, rid): row for rid, row in (await self._rows(kind)).items()})
            db_refs: dict[Key, list[Key]] = defaultdict(list)
            for sql, kind, ref_kind in (
                ("SELECT fact_id, source_id FROM fact_citations", "fact", "source"),
                ("SELECT fact_id, person_id FROM fact_people", "fact", "person"),
                ("SELECT quote_id, source_id FROM quote_citations", "quote", "source"),
                (
                    "SELECT id, speaker_id FROM quotes WHERE speaker_id IS NOT NULL",
                    "quote",
                    "person",
                ),
            ):
                for owner, ref in await self._all(sql):
                    db_refs[(cast(RecordKind, kind), owner)].append(
                        (cast(RecordKind, ref_kind), ref)
                    )
            tombstones: set[Key] = {
                (k, rid)
                for k, rid in await self._all("SELECT kind, record_id FROM shipped_removals")
            }
            for key, refs in file_refs.items():
                for ref in refs:
                    row = existing.get(ref)
                    if ref not in files and (row is None or row.guild_id is not None):
                        problems.append(
                            Problem(label(*key), f"refers to {label(*ref)}, which does not exist")
                        )
            if problems:
                raise ValidationFailed(problems, what="the knowledge files")

            hashes = {key: content_hash(r) for key, r in files.items()}
            to_add: list[Key] = []
            to_update: list[Key] = []
            catch_up: list[Key] = []
            kept_edited: list[Key] = []
            kept_removed: list[Key] = []
            skipped: dict[Key, str] = {}
            for key in files:
                row = existing.get(key)
                if row is None:
                    (kept_removed if key in tombstones else to_add).append(key)
                elif row.guild_id is not None:
                    skipped[key] = "its id is taken by a server's record"
                elif row.origin == "admin":
                    skipped[key] = "its id is taken by a global record an admin added"
                elif row.edited:
                    (catch_up if hashes[key] == row.content_hash else kept_edited).append(key)
                elif hashes[key] != row.shipped_hash:
                    to_update.append(key)
            candidates: list[Key] = []
            for key, row in existing.items():
                if row.origin == "shipped" and key not in files:
                    (kept_edited if row.edited else candidates).append(key)

            # Skipping a record can keep another in use or break a reference: repeat until
            # nothing new is skipped (the skipped set only grows, so this ends).
            while True:
                applied = [k for k in (*to_add, *to_update) if k not in skipped]
                applied_set = set(applied)
                removed = {k for k in candidates if k[0] in ("fact", "quote")}
                final_citing = {
                    k for k in existing if k[0] in ("fact", "quote") and k not in removed
                } | {k for k in applied if k[0] in ("fact", "quote")}
                in_use: set[Key] = set()
                for k in final_citing:
                    in_use.update(file_refs[k] if k in applied_set else db_refs.get(k, ()))
                removed |= {
                    k for k in candidates if k[0] in ("source", "person") and k not in in_use
                }
                final_global = {
                    k for k, row in existing.items() if row.guild_id is None and k not in removed
                } | applied_set
                new_skips: dict[Key, str] = {}
                for k in applied:
                    for ref in file_refs[k]:
                        if ref not in final_global:
                            new_skips[k] = f"it refers to {label(*ref)}, which was not loaded"
                owners: dict[tuple[RecordKind, str], Key] = {
                    (k[0], row.norm_key): k
                    for k, row in existing.items()
                    if row.guild_id is None and k not in removed and k not in applied_set
                }
                for k in applied:
                    holder = owners.get((k[0], norms[k]))
                    if holder is not None and holder != k:
                        new_skips.setdefault(
                            k, f"it says the same as global {label(*holder)}, which stays"
                        )
                if not new_skips:
                    break
                skipped.update(new_skips)
            kept_in_use = [k for k in candidates if k not in removed]
            removed_list = [k for k in candidates if k in removed]
            added = [k for k in to_add if k in applied_set]
            updated = [k for k in to_update if k in applied_set]

            now = _now()
            audit: list[_AuditRow] = []
            await db.execute("PRAGMA defer_foreign_keys = ON")
            for kind in RECORD_KINDS:
                gone = [rid for k, rid in removed_list if k == kind]
                changed = [rid for k, rid in updated if k == kind]
                before = await self._load_ids(kind, [*gone, *changed]) if gone or changed else {}
                if gone:
                    await self._delete(kind, gone)
                    audit += [
                        _audit_row(
                            now, SYNC_ACTOR, None, "sync", kind, rid, to_json(before[rid]), None
                        )
                        for rid in gone
                    ]
                if changed:
                    # Park the content keys first: two records may swap their texts.
                    await db.execute(
                        f"UPDATE {TABLES[kind]} SET norm_key = char(0) || id WHERE id {_IN_JSON}",
                        (_json_list(changed),),
                    )
                    await self._rewrite(
                        kind, [files[(kind, rid)] for rid in changed], now, shipped=True
                    )
                    audit += [
                        _audit_row(
                            now,
                            SYNC_ACTOR,
                            None,
                            "sync",
                            kind,
                            rid,
                            to_json(before[rid]),
                            to_json(files[(kind, rid)]),
                        )
                        for rid in changed
                    ]
            await self._insert(((files[k], "shipped", hashes[k]) for k in added), now)
            audit += [
                _audit_row(now, SYNC_ACTOR, None, "sync", k[0], k[1], None, to_json(files[k]))
                for k in added
            ]
            for kind, rid in catch_up:
                await db.execute(
                    f"UPDATE {TABLES[kind]} SET shipped_hash = content_hash WHERE id = ?", (rid,)
                )
            await self._audit(audit)

        return SyncReport(
            added=_refs(added),
            updated=_refs(updated),
            removed=_refs(removed_list),
            kept_edited=_refs(kept_edited),
            kept_removed=_refs(kept_removed),
            kept_in_use=_refs(kept_in_use),
            skipped=tuple((RecordRef(*k), why) for k, why in skipped.items()),
        )

    # ------------------------------------------------------------------ audit log

    async def audit_log(
        self,
        *,
        guild_id: int | None,
        limit: int = 20,
        record_id: str | None = None,
        kind: AuditKind | None = None,
    ) -> list[AuditEntry]:
        """The newest audit entries of one scope (``None``: the global records)."""
        sql = (
            "SELECT id, at, actor, guild_id, action, kind, record_id, before, after "
            "FROM audit_log WHERE ifnull(guild_id, 0) = ?"
        )
        params: list[Any] = [_scope(guild_id)]
        if record_id is not None:
            sql += " AND record_id = ?"
            params.append(record_id)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(max(0, limit))
        async with self._read():
            rows = await self._all(sql, params)
        return [
            AuditEntry(
                id=r[0],
                at=r[1],
                actor=r[2],
                guild_id=r[3],
                action=r[4],
                kind=r[5],
                record_id=r[6],
                before=json.loads(r[7]) if r[7] is not None else None,
                after=json.loads(r[8]) if r[8] is not None else None,
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ questions, votes

    async def log_unanswered(
        self, question: str, *, guild_id: int | None, user_id: int | None
    ) -> None:
        """Remember a question the bot could not answer (blank questions are ignored)."""
        text = " ".join(question.split())[:MAX_LOGGED_QUESTION]
        norm = normalise_question(text)
        if not norm:
            return
        async with self._write() as db:
            await db.execute(
                "INSERT INTO unanswered (at, guild_id, user_id, question, norm) "
                "VALUES (?, ?, ?, ?, ?)",
                (_now(), guild_id, user_id, text, norm),
            )

    async def top_unanswered(
        self, *, guild_id: int | None, limit: int = 10
    ) -> list[UnansweredQuestion]:
        """The most asked unanswered questions of one scope, grouped by normalised wording."""
        async with self._read():
            rows = await self._all(
                "SELECT question, at, count(*) AS n, count(DISTINCT user_id), max(id) AS last "
                "FROM unanswered WHERE ifnull(guild_id, 0) = ? GROUP BY norm "
                "ORDER BY n DESC, last DESC LIMIT ?",
                (_scope(guild_id), max(0, limit)),
            )
        return [
            UnansweredQuestion(question=q, count=n, users=u, last_asked=at)
            for q, at, n, u, _ in rows
        ]

    async def record_feedback(
        self,
        *,
        question: str,
        record_id: str | None,
        helpful: bool,
        user_id: int,
        guild_id: int | None,
        message_id: int | None = None,
    ) -> None:
        """A user's vote on an answer; one vote per user per message (a later one replaces)."""
        async with self._write() as db:
            await db.execute(
                "INSERT INTO feedback (at, guild_id, user_id, message_id, question, record_id, "
                "helpful) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (user_id, message_id) DO UPDATE SET at = excluded.at, "
                "guild_id = excluded.guild_id, question = excluded.question, "
                "record_id = excluded.record_id, helpful = excluded.helpful",
                (
                    _now(),
                    guild_id,
                    user_id,
                    message_id,
                    question[:MAX_LOGGED_QUESTION],
                    record_id,
                    int(helpful),
                ),
            )

    async def feedback_summary(
        self, *, guild_id: int | None, limit: int = 10
    ) -> list[FeedbackSummary]:
        """Votes per record in one scope, the most voted unhelpful first."""
        async with self._read():
            rows = await self._all(
                "SELECT record_id, sum(helpful), sum(1 - helpful) AS bad, count(*) AS n "
                "FROM feedback WHERE ifnull(guild_id, 0) = ? GROUP BY record_id "
                "ORDER BY bad DESC, n DESC, record_id LIMIT ?",
                (_scope(guild_id), max(0, limit)),
            )
        return [FeedbackSummary(rid, good, bad) for rid, good, bad, _ in rows]

    # ------------------------------------------------------------------ answer channels

    async def answer_channels(self, guild_id: int) -> set[int]:
        """The channels of a guild where the bot answers every message."""
        async with self._read():
            rows = await self._all(
                "SELECT channel_id FROM guild_channels WHERE guild_id = ?", (guild_id,)
            )
        return {r[0] for r in rows}

    async def set_answer_channel(
        self, guild_id: int, channel_id: int, enabled: bool, *, actor: str
    ) -> None:
        """Turn answering every message in a channel on or off (audited when it changes)."""
        async with self._write() as db:
            now = _now()
            if enabled:
                cursor = await db.execute(
                    "INSERT OR IGNORE INTO guild_channels (guild_id, channel_id, added_at, actor) "
                    "VALUES (?, ?, ?, ?)",
                    (guild_id, channel_id, now, actor),
                )
            else:
                cursor = await db.execute(
                    "DELETE FROM guild_channels WHERE guild_id = ? AND channel_id = ?",
                    (guild_id, channel_id),
                )
            if cursor.rowcount > 0:
                state = {"channel_id": channel_id}
                await self._audit(
                    [
                        _audit_row(
                            now,
                            actor,
                            guild_id,
                            "add" if enabled else "remove",
                            "channel",
                            str(channel_id),
                            None if enabled else state,
                            state if enabled else None,
                        )
                    ]
                )

    # ------------------------------------------------------------------ meta, health

    async def get_meta(self, key: str) -> str | None:
        async with self._read():
            rows = await self._all("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    async def set_meta(self, key: str, value: str) -> None:
        async with self._write() as db:
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


__all__ = ["Storage", "StorageError"]
