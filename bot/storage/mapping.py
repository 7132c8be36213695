"""Rows and records: the tables of each kind, a record's column values and child rows, the
bookkeeping columns and the audit rows. Pure: the statements that use them are in
:mod:`bot.storage.records` and the modules beside it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.models import (
    RECORD_KINDS,
    Fact,
    Person,
    Quote,
    Record,
    RecordKind,
    Source,
    kind_of,
)
from bot.storage.content import (
    canonical_json,
    label,
)
from bot.storage.reports import (
    AuditAction,
    AuditKind,
    RecordRef,
)

TABLES: dict[RecordKind, str] = {
    "source": "sources",
    "person": "people",
    "fact": "facts",
    "quote": "quotes",
}
HEADER_COLUMNS = (
    "id",
    "guild_id",
    "origin",
    "shipped_hash",
    "content_hash",
    "norm_key",
    "created_at",
    "updated_at",
)
OWN_COLUMNS: dict[RecordKind, tuple[str, ...]] = {
    "source": ("outlet", "title", "url", "published"),
    "person": ("name", "description"),
    "fact": ("text", "keywords", "reported"),
    "quote": ("speaker_id", "text", "context", "keywords"),
}
#: Child tables of each kind: (table, parent column, value columns after ``position``).
CHILDREN: dict[RecordKind, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "source": (),
    "person": (("person_aliases", "person_id", ("alias",)),),
    "fact": (
        ("fact_citations", "fact_id", ("source_id", "passage")),
        ("fact_people", "fact_id", ("person_id",)),
    ),
    "quote": (("quote_citations", "quote_id", ("source_id", "passage")),),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    **{TABLES[k]: HEADER_COLUMNS + OWN_COLUMNS[k] for k in RECORD_KINDS},
    **{t: (parent, "position", *cols) for k in RECORD_KINDS for t, parent, cols in CHILDREN[k]},
}
#: Parents before children, cited records before those citing them.
INSERT_ORDER = (
    "sources",
    "people",
    "person_aliases",
    "facts",
    "fact_citations",
    "fact_people",
    "quotes",
    "quote_citations",
)
INSERT_SQL = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in COLUMNS.items()
}
IN_JSON = "IN (SELECT value FROM json_each(?))"

Key = tuple[RecordKind, str]


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False)  # (json.dumps makes one a call)


def timestamp() -> str:
    """Now, as the ISO text the tables keep (UTC, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def scope_of(guild_id: int | None) -> int:
    """The value of ``ifnull(guild_id, 0)``, which the scope indexes are built on."""
    return 0 if guild_id is None else guild_id


def json_list(values: Iterable[str]) -> str:
    """Values as a JSON list (for ``json_each`` and list columns)."""
    return _JSON_TEXT.encode(list(values))


def dumps_json(data: dict[str, Any] | None) -> str | None:
    """A record's JSON form as (canonical) text, or None."""
    return None if data is None else canonical_json(data)


def own_values(record: Record) -> tuple[Any, ...]:
    """A record's own columns of its kind's table, in table order."""
    if isinstance(record, Source):
        return (record.outlet, record.title, record.url, record.published)
    if isinstance(record, Person):
        return (record.name, record.description)
    if isinstance(record, Fact):
        return (record.text, _words(record.keywords), record.reported)
    return (record.speaker, record.text, record.context, _words(record.keywords))


def _words(words: tuple[str, ...]) -> str:
    return json_list(words) if words else "[]"


def rows_of_children(record: Record) -> dict[str, list[tuple[Any, ...]]]:
    """A record's rows of its child tables (aliases, citations, people), by table."""
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


#: A record to insert: (record, origin, shipped hash, content hash, content key).
NewRecord = tuple[Record, str, str | None, str, str]


def insert_rows(items: Iterable[NewRecord], now: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of new records (:data:`NewRecord` s), by table (insert them in
    :data:`INSERT_ORDER`)."""
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in INSERT_ORDER}
    for record, origin, shipped, digest, key in items:
        rows[TABLES[kind_of(record)]].append(
            (record.id, record.guild_id, origin, shipped, digest, key, now, now,
             *own_values(record))
        )
        for table, child_rows in rows_of_children(record).items():
            rows[table].extend(child_rows)
    return rows


@dataclass(frozen=True, slots=True)
class StoredRow:
    """The bookkeeping columns of a stored record."""

    guild_id: int | None
    origin: str
    shipped_hash: str | None
    content_hash: str
    norm_key: str

    @property
    def edited(self) -> bool:
        """A shipped record whose content is no longer the files' (an owner edited it)."""
        return self.origin == "shipped" and self.content_hash != self.shipped_hash


#: Where each own column's value is in a record's JSON form (``codec.to_json``).
OWN_JSON_KEYS: dict[RecordKind, tuple[str, ...]] = {
    "source": ("outlet", "title", "url", "published"),
    "person": ("name", "description"),
    "fact": ("text", "keywords", "reported"),
    "quote": ("speaker", "text", "context", "keywords"),
}
#: Each child table's list in the JSON form, and its values' keys in each item (None: the
#: item itself), after ``position``.
CHILD_JSON_KEYS: dict[str, tuple[str, tuple[str | None, ...]]] = {
    "person_aliases": ("aliases", (None,)),
    "fact_citations": ("citations", ("source", "passage")),
    "fact_people": ("people", (None,)),
    "quote_citations": ("citations", ("source", "passage")),
}


#: Where :func:`json_insert_sql` reads each record of a batch once: its id, content hash and
#: key, its JSON form, its own columns' values and its child lists (this connection's own,
#: emptied by the batch's last statement).
BATCH_TABLE_SQL = ("CREATE TEMP TABLE IF NOT EXISTS import_batch (id TEXT, hash TEXT, key TEXT, "
                   "json TEXT, v0, v1, v2, v3, list0 TEXT, list1 TEXT)")
#: While a transaction holds this key in ``meta``, the record tables' insert triggers leave
#: the change log to the writer (migration 3): an import logs a batch in one statement.
LOGGED_BY_WRITER = "changes.logged_by_writer"
#: A change log row written by such a writer: (kind, record id, guild id).
CHANGES_SQL = "INSERT INTO changes (kind, record_id, guild_id) VALUES (?, ?, ?)"


def json_insert_sql(kind: RecordKind) -> list[tuple[str, int]]:
    """The statements that add a batch of new records of ``kind`` given as one JSON
    parameter: each record read once into the batch table (:data:`BATCH_TABLE_SQL`), then
    their table's rows, child rows, audit rows and change log rows (the transaction holds
    :data:`LOGGED_BY_WRITER`), then the batch table emptied. Parameters: ?1 the guild id,
    ?2 the time, ?3 a JSON array of ``[JSON form, content hash, content key]`` (one a
    record), ?4 the actor; each statement with the number of parameters it takes (the
    first ones). SQLite (json_each) only: :func:`insert_rows` is the portable way."""
    own = OWN_JSON_KEYS[kind]
    lists = [CHILD_JSON_KEYS[child][0] for child, _parent, _cols in CHILDREN[kind]]
    picks = (["'$[0].id'", "'$[1]'", "'$[2]'", "'$[0]'"]
             + [f"'$[0].{key}'" for key in own] + ["NULL"] * (4 - len(own))
             + [f"'$[0].{key}'" for key in lists] + ["NULL"] * (2 - len(lists)))
    table = TABLES[kind]
    out = [
        ("INSERT INTO temp.import_batch SELECT "
         + ", ".join(p if p == "NULL" else f"json_extract(value, {p})" for p in picks)
         + " FROM json_each(?3)", 3),
        (f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) "
         "SELECT id, ?1, 'admin', NULL, hash, key, ?2, ?2, "
         f"{', '.join(f'v{i}' for i in range(len(own)))} FROM temp.import_batch", 2),
    ]
    for n, (child, _parent, _cols) in enumerate(CHILDREN[kind]):
        values = ", ".join("c.value" if k is None else f"json_extract(c.value, '$.{k}')"
                           for k in CHILD_JSON_KEYS[child][1])
        out.append((f"INSERT INTO {child} ({', '.join(COLUMNS[child])}) "
                    f"SELECT b.id, c.key, {values} "
                    f"FROM temp.import_batch AS b, json_each(b.list{n}) AS c", 0))
    out += [
        (f"INSERT INTO audit_log ({', '.join(AUDIT_COLUMNS)}) "
         f"SELECT ?2, ?4, ?1, 'import', '{kind}', id, NULL, json FROM temp.import_batch", 4),
        ("INSERT INTO changes (kind, record_id, guild_id) "
         f"SELECT '{kind}', id, ?1 FROM temp.import_batch", 1),
        ("DELETE FROM temp.import_batch", 0),
    ]
    return out


AuditRow = tuple[str, str, int | None, str, str, str, str | None, str | None]
AUDIT_COLUMNS = ("at", "actor", "guild_id", "action", "kind", "record_id", "before", "after")
AUDIT_SQL = (f"INSERT INTO audit_log ({', '.join(AUDIT_COLUMNS)}) "
             f"VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})")


def audit_row(
    at: str,
    actor: str,
    guild_id: int | None,
    action: AuditAction,
    kind: AuditKind,
    record_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditRow:
    """One audit row: who did what to which record, with both states as JSON."""
    return (at, actor, guild_id, action, kind, record_id, dumps_json(before), dumps_json(after))


def record_refs(keys: Iterable[Key]) -> tuple[RecordRef, ...]:
    """Keys as :class:`RecordRef` s."""
    return tuple(RecordRef(*k) for k in keys)


def scope_problem(kind: RecordKind, record_id: str, stored: int | None, asked: int | None) -> str:
    """Why a server may not change a record of another scope, in words."""
    what = label(kind, record_id)
    if stored is None:
        return f"{what} is a global record: a server can change only its own records"
    if asked is None:
        return f"{what} belongs to a server: change it from that server"
    return f"{what} belongs to another server: a server can change only its own records"


