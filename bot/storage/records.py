"""Records in and out: loading them as rows, the checks before a write (taken ids, duplicate
content, references visible in the scope), and the one-record writes (add, update, remove),
each one transaction with its audit row."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from bot.codec import to_json
from bot.errors import (
    DuplicateRecord,
    InUse,
    NotFound,
    PermissionDenied,
    Problem,
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
from bot.storage.connection import Connection
from bot.storage.content import (
    content_hash,
    content_key,
    label,
    reference_message,
    references,
    structural_problems,
)
from bot.storage.mapping import (
    AUDIT_SQL,
    CHILDREN,
    IN_JSON,
    INSERT_ORDER,
    INSERT_SQL,
    OWN_COLUMNS,
    TABLES,
    AuditRow,
    StoredRow,
    audit_row,
    insert_rows,
    json_list,
    own_values,
    rows_of_children,
    scope_of,
    scope_problem,
    timestamp,
)
from bot.storage.reports import (
    RecordInfo,
    RecordRef,
)


class RecordStore(Connection):
    """Reading and writing records over the connection (see the module docs)."""

    async def _rows(self, kind: RecordKind, ids: Iterable[str] | None = None
                    ) -> dict[str, StoredRow]:
        """Bookkeeping of the stored records of ``kind`` (``ids``: only those)."""
        sql = (
            f"SELECT id, guild_id, origin, shipped_hash, content_hash, norm_key FROM {TABLES[kind]}"
        )
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += f" WHERE id {IN_JSON}"
            params = (json_list(ids),)
        return {r[0]: StoredRow(*r[1:]) for r in await self._all(sql, params)}

    async def _load(
        self, kind: RecordKind, where: str = "", params: Sequence[Any] = ()
    ) -> list[Record]:
        """Records of ``kind`` (``where``: a WHERE clause on its table), in insertion order."""
        table = TABLES[kind]
        rows = await self._all(
            f"SELECT id, guild_id, {', '.join(OWN_COLUMNS[kind])} FROM {table} {where} "
            "ORDER BY rowid",
            params,
        )
        if not rows:
            return []
        children: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
        for child, parent, cols in CHILDREN[kind]:
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
        records = await self._load(kind, f"WHERE id {IN_JSON}", (json_list(ids),))
        return {r.id: r for r in records}

    async def _insert(self, items: Iterable[tuple[Record, str, str | None]], now: str) -> None:
        """Insert (record, origin, shipped hash) items with executemany, table by table."""
        rows = insert_rows(
            ((r, origin, shipped, content_hash(r), content_key(r)) for r, origin, shipped in items),
            now,
        )
        db = self._conn()
        for table in INSERT_ORDER:
            if rows[table]:
                await db.executemany(INSERT_SQL[table], rows[table])

    async def _rewrite(
        self, kind: RecordKind, records: Sequence[Record], now: str, *, shipped: bool
    ) -> None:
        """Replace the content of stored records (``shipped``: also as the files' content)."""
        if not records:
            return
        db = self._conn()
        table = TABLES[kind]
        sets = ["content_hash = ?", "norm_key = ?", "updated_at = ?"]
        sets += [f"{col} = ?" for col in OWN_COLUMNS[kind]]
        if shipped:  # (the right side of SET sees the old row: pass the new hash again)
            sets.append("shipped_hash = ?1")
        await db.executemany(
            f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?",
            [(content_hash(r), content_key(r), now, *own_values(r), r.id) for r in records],
        )
        ids = json_list(r.id for r in records)
        child_rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for r in records:
            for child, rows in rows_of_children(r).items():
                child_rows[child].extend(rows)
        for child, parent, _cols in CHILDREN[kind]:
            await db.execute(f"DELETE FROM {child} WHERE {parent} {IN_JSON}", (ids,))
            if child_rows[child]:
                await db.executemany(INSERT_SQL[child], child_rows[child])

    async def _delete(self, kind: RecordKind, ids: Iterable[str]) -> None:
        await self._conn().execute(
            f"DELETE FROM {TABLES[kind]} WHERE id {IN_JSON}", (json_list(ids),)
        )

    async def _audit(self, rows: Sequence[AuditRow]) -> None:
        if rows:
            await self._conn().executemany(AUDIT_SQL, rows)

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
                    f"SELECT id FROM {table} WHERE id {IN_JSON}", (json_list(seen_ids),)
                )
                for (rid,) in taken:
                    found.append(
                        ("id", Problem(label(kind, rid), f"a {kind} with this id already exists"))
                    )
            clashes = await self._all(
                f"SELECT norm_key, id FROM {table} "
                f"WHERE ifnull(guild_id, 0) = ? AND norm_key {IN_JSON}",
                (scope_of(guild_id), json_list(set(keys.values()))),
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
                f"SELECT id, guild_id FROM {TABLES[kind]} WHERE id {IN_JSON}", (json_list(ids),)
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
            return await self._bank("WHERE ifnull(guild_id, 0) = ?", (scope_of(guild_id),))

    async def _bank(self, where: str, params: Sequence[Any]) -> Bank:
        loaded = {kind: await self._load(kind, where, params) for kind in RECORD_KINDS}
        return Bank(
            sources=tuple(cast(list[Source], loaded["source"])),
            people=tuple(cast(list[Person], loaded["person"])),
            facts=tuple(cast(list[Fact], loaded["fact"])),
            quotes=tuple(cast(list[Quote], loaded["quote"])),
        )

    async def visible_ids(self, kind: RecordKind, guild_id: int | None) -> set[str]:
        """The ids of the records of ``kind`` that ``guild_id`` sees (the shared ones too)."""
        async with self._read():
            rows = await self._all(f"SELECT id FROM {TABLES[kind]} WHERE guild_id IS NULL "
                                   "OR guild_id = ?", (guild_id,))
        return {r[0] for r in rows}

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
            now = timestamp()
            await self._insert([(record, "admin", None)], now)
            await self._audit(
                [
                    audit_row(
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
                    scope_problem(kind, record.id, row.guild_id, record.guild_id)
                )
            before = (await self._load_ids(kind, [record.id]))[record.id]
            if content_hash(record) == row.content_hash:
                return before
            self._raise_for_one(
                await self._check([record], record.guild_id, updating=True), label(kind, record.id)
            )
            now = timestamp()
            await self._rewrite(kind, [record], now, shipped=False)
            await self._audit(
                [
                    audit_row(
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
                raise PermissionDenied(scope_problem(kind, record_id, row.guild_id, guild_id))
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
            now = timestamp()
            await self._delete(kind, [record_id])
            if row.origin == "shipped":
                await self._conn().execute(
                    "INSERT INTO shipped_removals (kind, record_id, removed_at, actor) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (kind, record_id) DO UPDATE SET "
                    "removed_at = excluded.removed_at, actor = excluded.actor",
                    (kind, record_id, now, actor),
                )
            await self._audit(
                [audit_row(now, actor, guild_id, "remove", kind, record_id, to_json(before), None)]
            )
            return before

