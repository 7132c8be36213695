"""Many records at once: an import (a bank, or a stream of records in batches) and an
ingested article, each all or nothing in one transaction."""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial

from bot.codec import to_json
from bot.errors import (
    NotFound,
    PermissionDenied,
    Problem,
    ValidationFailed,
)
from bot.models import (
    RECORD_KINDS,
    Bank,
    Record,
    RecordKind,
    kind_of,
)
from bot.storage.content import (
    canonical_json,
    content_key,
    hash_of,
    label,
)
from bot.storage.mapping import (
    AUDIT_SQL,
    BATCH_TABLE_SQL,
    CHANGES_SQL,
    IN_JSON,
    INSERT_ORDER,
    INSERT_SQL,
    LOGGED_BY_WRITER,
    TABLES,
    audit_row,
    insert_rows,
    json_insert_sql,
    json_list,
    scope_of,
    scope_problem,
    timestamp,
)
from bot.storage.records import RecordStore
from bot.storage.reports import (
    ImportReport,
)

#: Records an import checks and writes at a time (its memory is about this many records).
IMPORT_BATCH = 5000


#: The statements adding each kind's records from one JSON parameter (SQLite).
_JSON_INSERTS = {kind: json_insert_sql(kind) for kind in RECORD_KINDS}
_JSON_STRING = json.JSONEncoder(ensure_ascii=False).encode


class ImportRejected(Exception):
    """Rolls an import back: its problems went to the caller's ``problems`` already."""


#: A record ready to write: (record, its canonical JSON text, content hash, content key).
_Prepared = tuple[Record, str, str, str]


def _batches(records: Iterable[Record], guild_id: int | None) -> Iterator[list[Record]]:
    """``records`` placed in ``guild_id``'s scope, :data:`IMPORT_BATCH` at a time (the last
    batch may be empty)."""
    batch: list[Record] = []
    for record in records:
        if record.guild_id != guild_id:
            record = replace(record, guild_id=guild_id)
        batch.append(record)
        if len(batch) == IMPORT_BATCH:
            yield batch
            batch = []
    yield batch


def _prepare(batch: Sequence[Record]) -> dict[RecordKind, list[_Prepared]]:
    """A batch's records by kind, each with its canonical JSON text, hash and content key."""
    prepared: dict[RecordKind, list[_Prepared]] = defaultdict(list)
    for record in batch:
        text = canonical_json(to_json(record))
        prepared[kind_of(record)].append((record, text, hash_of(text), content_key(record)))
    return prepared


class Importing(RecordStore):
    """Imports and ingests (see the module docs)."""

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
            now = timestamp()
            await self._insert(((r, "admin", None) for r in records), now)
            await self._audit(
                [
                    audit_row(now, actor, guild_id, "import", kind_of(r), r.id, None, to_json(r))
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
        # The connection's settings for a large transaction (set before it begins), its own
        # ones back after it (bot.storage.sqlite.BULK_SETTINGS)
        async with self._read() as db:
            previous = await db.bulk_begin()
        try:
            async with self._write() as db:
                await db.defer_foreign_keys()
                now = timestamp()
                if db.json_rows:  # (SQLite: each batch through json_each, logged by us)
                    await db.execute(BATCH_TABLE_SQL)
                    await db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')",
                                     (LOGGED_BY_WRITER,))
                # The database writes one batch while the next is parsed and prepared here
                # (Backend.pipeline): then the next batch's look-ups, after those writes.
                writing: Awaitable[object] | None = None
                try:
                    for batch in _batches(records, guild_id):
                        prepared = _prepare(batch)
                        if writing is not None:
                            await writing
                            writing = None
                        fresh, same, bad, writes = await self._import_batch(
                            prepared, guild_id, now, actor, problems)
                        writing = await db.pipeline(writes)
                        unchanged, wrong = unchanged + same, wrong or bad
                        self._count(fresh, counts)
                        if added is not None:
                            added(fresh)
                    if writing is not None:
                        await writing
                        writing = None
                finally:
                    if writing is not None:  # (an error: let the statements end, then roll back)
                        with contextlib.suppress(BaseException):
                            await writing
                if db.json_rows:
                    await db.execute("DELETE FROM meta WHERE key = ?", (LOGGED_BY_WRITER,))
                if wrong or failed():
                    raise ImportRejected
        finally:
            async with self._read() as db:
                await db.bulk_end(previous)
        return ImportReport(guild_id, counts["source"], counts["person"], counts["fact"],
                            counts["quote"], unchanged)

    @staticmethod
    def _count(records: Sequence[Record], counts: dict[RecordKind, int]) -> None:
        for record in records:
            counts[kind_of(record)] += 1

    async def _import_batch(
        self, prepared: dict[RecordKind, list[_Prepared]], guild_id: int | None, now: str,
        actor: str, problems: Callable[[Problem], None],
    ) -> tuple[list[Record], int, bool, list[Callable[[], Awaitable[object]]]]:
        """The new records of one batch: (those to write, identical ones skipped, any problem,
        the statements that write them)."""
        fresh: list[Record] = []
        chosen: dict[RecordKind, list[_Prepared]] = defaultdict(list)  # (the ones to write)
        unchanged = 0
        wrong = False
        for kind, recs in prepared.items():
            table = TABLES[kind]
            stored = {
                rid: (owner, digest)
                for rid, owner, digest in await self._all(
                    f"SELECT id, guild_id, content_hash FROM {table} WHERE id {IN_JSON}",
                    (json_list(r.id for r, *_ in recs),),
                )
            }
            new: list[_Prepared] = []
            for item in recs:
                r, _text, digest, _key = item
                row = stored.get(r.id)
                if row is None:
                    new.append(item)
                    continue
                owner, stored_digest = row
                if owner not in (None, guild_id):
                    problems(Problem(label(kind, r.id), f"a {kind} with this id already exists "
                                     "in another server (ids are unique across every server)"))
                elif stored_digest != digest:
                    problems(Problem(label(kind, r.id), f"a {kind} with this id already exists, "
                                     "with other content (an import only adds)"))
                else:
                    unchanged += 1
                    continue
                wrong = True
            clashes = dict(await self._all(
                f"SELECT norm_key, id FROM {table} "
                f"WHERE ifnull(guild_id, 0) = ? AND norm_key {IN_JSON}",
                (scope_of(guild_id), json_list({key for *_, key in new})),
            ))
            firsts: dict[str, str] = {}
            for r, text, digest, key in new:
                other = clashes.get(key) or firsts.setdefault(key, r.id)
                if other != r.id:
                    problems(Problem(label(kind, r.id), f"says the same as {label(kind, other)}"
                                     + (", which already exists" if key in clashes else "")))
                    wrong = True
                else:
                    fresh.append(r)
                    chosen[kind].append((r, text, digest, key))
        db = self._conn()
        writes: list[Callable[[], Awaitable[object]]] = []
        every = [item for items in chosen.values() for item in items]
        if db.json_rows and not any("\\u0000" in text for _r, text, *_ in every):
            for kind in RECORD_KINDS:
                if chosen.get(kind):
                    payload = "[" + ",".join(f'[{text},"{digest}",{_JSON_STRING(key)}]'
                                             for _r, text, digest, key in chosen[kind]) + "]"
                    params = (guild_id, now, payload, actor)
                    writes += [partial(db.execute, sql, params[:count])
                               for sql, count in _JSON_INSERTS[kind]]
            return fresh, unchanged, wrong, writes
        tables = insert_rows(((r, "admin", None, digest, key) for r, _t, digest, key in every),
                             now)
        writes += [partial(db.executemany, INSERT_SQL[table], tables[table])
                   for table in INSERT_ORDER if tables[table]]
        if every:
            writes.append(partial(db.executemany, AUDIT_SQL, [
                (now, actor, guild_id, "import", kind_of(r), r.id, None, text)
                for r, text, *_ in every]))
        if db.json_rows and every:  # (the triggers leave the change log to this import)
            writes.append(partial(db.executemany, CHANGES_SQL,
                                  [(kind_of(r), r.id, guild_id) for r, *_ in every]))
        return fresh, unchanged, wrong, writes

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
                        scope_problem(kind, record.id, row.guild_id, guild_id)
                    )
                befores.append((await self._load_ids(kind, [record.id]))[record.id])
            now = timestamp()
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
                    audit_row(now, actor, guild_id, "import", kind_of(r), r.id, None, to_json(r))
                    for r in records
                ]
                + [
                    audit_row(
                        now, actor, guild_id, "update", kind_of(a), a.id, to_json(b), to_json(a)
                    )
                    for b, a in zip(befores, updates, strict=True)
                ]
            )
        return ImportReport(
            guild_id, len(adds.sources), len(adds.people), len(adds.facts), len(adds.quotes)
        )

