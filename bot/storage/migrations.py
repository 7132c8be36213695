"""Versioned schema migrations (sqlite-utils / Datasette style).

``MIGRATIONS[i]`` takes the database from ``PRAGMA user_version = i`` to ``i + 1``. Each one
runs in its own transaction together with the bump of ``user_version``, so a migration that
fails leaves the database exactly as it was. Never edit a released migration: append a new
one. (A future migration that rebuilds a table must run the 12-step ALTER recipe; foreign
keys are enforced on the connection, so it has to switch them off outside its transaction.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.storage import rekey

#: ``PRAGMA application_id`` of a coverage-bot database ("CovB"), set by the first migration.
APPLICATION_ID = 0x436F7642

#: A migration step: a SQL script, or a coroutine function given the connection (the
#: backend's own: aiosqlite's here, asyncpg's in :mod:`bot.storage.pg_schema`).
Step = str | Callable[[Any], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: its version, what it is for, and its statements."""
    version: int
    name: str
    step: Step


_RECORD_COLUMNS = """
    id            TEXT PRIMARY KEY,
    guild_id      INTEGER,                 -- NULL: a global record
    origin        TEXT NOT NULL CHECK (origin IN ('shipped', 'admin')),
    shipped_hash  TEXT,                    -- hash of the content last loaded from the files
    content_hash  TEXT NOT NULL,           -- hash of the content now (differs: owner edited)
    norm_key      TEXT NOT NULL,           -- normalised content, for duplicate detection
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
"""
_RECORD_CHECKS = """
    CHECK ((origin = 'shipped') = (shipped_hash IS NOT NULL)),
    CHECK (origin = 'admin' OR guild_id IS NULL)
"""

INITIAL_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};

CREATE TABLE sources ({_RECORD_COLUMNS}
    outlet        TEXT NOT NULL,
    title         TEXT NOT NULL,
    url           TEXT,
    published     TEXT,{_RECORD_CHECKS}
);
CREATE UNIQUE INDEX sources_content ON sources (ifnull(guild_id, 0), norm_key);

CREATE TABLE people ({_RECORD_COLUMNS}
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',{_RECORD_CHECKS}
);
CREATE UNIQUE INDEX people_content ON people (ifnull(guild_id, 0), norm_key);

CREATE TABLE person_aliases (
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    alias         TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
) WITHOUT ROWID;

CREATE TABLE facts ({_RECORD_COLUMNS}
    text          TEXT NOT NULL,
    keywords      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    reported      TEXT,{_RECORD_CHECKS}
);
CREATE UNIQUE INDEX facts_content ON facts (ifnull(guild_id, 0), norm_key);

CREATE TABLE fact_citations (
    fact_id       TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    source_id     TEXT NOT NULL REFERENCES sources (id),
    passage       TEXT NOT NULL,
    PRIMARY KEY (fact_id, position)
) WITHOUT ROWID;
CREATE INDEX fact_citations_source ON fact_citations (source_id);

CREATE TABLE fact_people (
    fact_id       TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (fact_id, position)
) WITHOUT ROWID;
CREATE INDEX fact_people_person ON fact_people (person_id);

CREATE TABLE quotes ({_RECORD_COLUMNS}
    speaker_id    TEXT REFERENCES people (id),
    text          TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',
    keywords      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings{_RECORD_CHECKS}
);
CREATE UNIQUE INDEX quotes_content ON quotes (ifnull(guild_id, 0), norm_key);
CREATE INDEX quotes_speaker ON quotes (speaker_id);

CREATE TABLE quote_citations (
    quote_id      TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    source_id     TEXT NOT NULL REFERENCES sources (id),
    passage       TEXT NOT NULL,
    PRIMARY KEY (quote_id, position)
) WITHOUT ROWID;
CREATE INDEX quote_citations_source ON quote_citations (source_id);

-- Shipped records an owner removed through the bot: the next sync must not bring them back.
CREATE TABLE shipped_removals (
    kind          TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    removed_at    TEXT NOT NULL,
    actor         TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    guild_id      INTEGER,
    action        TEXT NOT NULL
                  CHECK (action IN ('add', 'update', 'remove', 'import', 'sync')),
    kind          TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    before        TEXT,                    -- JSON (codec.to_json form), NULL for an addition
    after         TEXT                     -- JSON, NULL for a removal
);
CREATE INDEX audit_log_guild ON audit_log (ifnull(guild_id, 0), id);
CREATE INDEX audit_log_record ON audit_log (record_id, id);

CREATE TABLE unanswered (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    guild_id      INTEGER,
    user_id       INTEGER,
    question      TEXT NOT NULL,
    norm          TEXT NOT NULL
);
CREATE INDEX unanswered_group ON unanswered (ifnull(guild_id, 0), norm);

CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    guild_id      INTEGER,
    user_id       INTEGER NOT NULL,
    message_id    INTEGER,
    question      TEXT NOT NULL,
    record_id     TEXT,
    helpful       INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    UNIQUE (user_id, message_id)
);
CREATE INDEX feedback_guild ON feedback (ifnull(guild_id, 0), record_id);

CREATE TABLE guild_channels (
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER NOT NULL,
    added_at      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) WITHOUT ROWID;

CREATE TABLE meta (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
) WITHOUT ROWID;
"""

#: The record tables and the kind each logs (PostgreSQL's schema uses the same).
LOGGED_TABLES = (("sources", "source"), ("people", "person"), ("facts", "fact"),
                 ("quotes", "quote"))


def _logged_trigger(table: str, kind: str, event: str, when: str = "") -> str:
    """The trigger that logs ``event`` (INSERT, UPDATE, DELETE) on ``table`` to ``changes``."""
    row = "OLD" if event == "DELETE" else "NEW"
    return (f"CREATE TRIGGER {table}_{event.lower()}_logged AFTER {event} ON {table} {when}"
            f"BEGIN INSERT INTO changes (kind, record_id, guild_id) "
            f"VALUES ('{kind}', {row}.id, {row}.guild_id); END;")


def _change_triggers() -> str:
    """Triggers that log every insert, update and delete of a record to ``changes``."""
    return "\n".join(_logged_trigger(table, kind, event) for table, kind in LOGGED_TABLES
                     for event in ("INSERT", "UPDATE", "DELETE"))


#: Every change to a record, in commit order, for the processes that keep an engine of the
#: same database in step (the bot while ``coverage-bot import`` runs, several bot processes):
#: they read what came after the last change they saw (``Storage.changes_since``).
CHANGE_LOG = """
-- the database's own id, named by files beside it (an engine snapshot)
INSERT OR IGNORE INTO meta (key, value) VALUES ('database.id', lower(hex(randomblob(16))));
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    guild_id   INTEGER
);
""" + _change_triggers()


def _writer_logged_inserts() -> str:
    """Migration 3: the insert triggers log nothing while the transaction holds the key
    ``changes.logged_by_writer`` in ``meta``: a bulk import then writes its change rows
    itself, one statement a batch (a trigger costs it a quarter of its database time)."""
    when = "WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'changes.logged_by_writer') "
    return "\n".join(f"DROP TRIGGER {table}_insert_logged;\n"
                     + _logged_trigger(table, kind, "INSERT", when)
                     for table, kind in LOGGED_TABLES)


async def rekey_sqlite(conn: aiosqlite.Connection) -> None:
    """Migration 4: the content keys and the unanswered questions' groups recomputed by the
    fold of :mod:`bot.textfold`. Of two records of one kind and scope that now fold to one
    key, the older (inserted first) keeps it and the newer keeps its content under the key,
    ``\x1e`` and its id, which no text folds to: the unique index holds, nothing is removed
    (:mod:`bot.storage.rekey`). Keys are parked on their ids first, since the index is
    checked row by row. The records' content does not change, so the change log is not
    told: each table's update trigger is set aside while its keys are written."""
    await rekey.apply(
        LOGGED_TABLES, conn.execute_fetchall, conn.execute, conn.executemany,
        lambda _n: "?",
        lambda table, kind: (f"DROP TRIGGER {table}_update_logged",
                             _logged_trigger(table, kind, "UPDATE")))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", INITIAL_SCHEMA),
    Migration(2, "change log", CHANGE_LOG),
    Migration(3, "imports log their own changes", _writer_logged_inserts()),
    Migration(4, "content keys fold as the engine does", rekey_sqlite),
)


def split_statements(script: str) -> list[str]:
    """A SQL script as single statements (``executescript`` would commit the transaction)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        # Only comments or whitespace may trail the last statement.
        remainder = "\n".join(
            ln for ln in current.splitlines() if not ln.strip().startswith("--")
        ).strip()
        if remainder:
            raise ValueError(f"incomplete SQL statement in migration: {remainder[:60]!r}")
    return statements


async def user_version(conn: aiosqlite.Connection) -> int:
    """The schema version stored in the database file."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(
    conn: aiosqlite.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[Migration]:
    """Apply the migrations the database lacks, each in one transaction; those applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The version is read
    again inside each transaction (``BEGIN IMMEDIATE``), so two processes opening the same
    new database do not both apply a migration.
    """
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise ValueError(
                f"migration {migration.name!r} has version {migration.version}, expected {expected}"
            )
    applied: list[Migration] = []
    for migration in migrations:
        await conn.execute("BEGIN IMMEDIATE")
        try:
            if await user_version(conn) >= migration.version:
                await conn.execute("ROLLBACK")
                continue
            if isinstance(migration.step, str):
                for statement in split_statements(migration.step):
                    await conn.execute(statement)
            else:
                await migration.step(conn)
            await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise
        applied.append(migration)
    return applied


LATEST_VERSION = len(MIGRATIONS)
