"""The shipped coverage: the knowledge files' records kept in step with the database.

Two steps: :func:`plan_sync` decides, from the files and what the database holds
(:class:`StoredState`), what to add, update, remove and keep, and why (pure: no database,
unit-tested alone); :meth:`Shipped.sync_shipped` reads the state and applies the plan in one
transaction, with its audit rows.

The rules: idempotent (a second run with the same files writes nothing). A changed file
record updates its row; a record gone from the files is removed unless an owner edited it or
a remaining record still cites or names it; a shipped record an owner edited or removed
through the bot is kept as the owner left it; admin and server records are never touched.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import cast

from bot.codec import to_json
from bot.errors import Problem, ValidationFailed
from bot.models import RECORD_KINDS, Bank, Record, RecordKind, kind_of
from bot.storage.content import (
    content_hash,
    content_key,
    label,
    references,
    structural_problems,
)
from bot.storage.mapping import (
    IN_JSON,
    TABLES,
    AuditRow,
    Key,
    StoredRow,
    audit_row,
    json_list,
    record_refs,
    timestamp,
)
from bot.storage.records import RecordStore
from bot.storage.reports import RecordRef, SyncReport

#: Where a record's content key is parked while texts move between records (a sync may
#: swap two texts): its id after a control character that written text does not start with
#: (were a key to be exactly that, the sync would fail on the unique key, changing nothing).
PARKED_KEY = "\x01"

#: The actor of the audit rows written by :meth:`Shipped.sync_shipped`.
SYNC_ACTOR = "knowledge-files"

#: Meta key of the digest of the knowledge files last synced: the same files again are not
#: synced again (a sync of unchanged files changes nothing, and reads every row to find so).
SYNCED_KEY = "shipped.synced_digest"


def _digest(bank: Bank) -> str:
    """A digest of the files' records: ids, kinds and content."""
    parts = sorted(f"{kind_of(r)} {r.id} {content_hash(r)}" for r in bank.records())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


#: Where each reference of a stored record is kept: (statement, kind, kind referred to).
_REFERENCE_ROWS: tuple[tuple[str, RecordKind, RecordKind], ...] = (
    ("SELECT fact_id, source_id FROM fact_citations", "fact", "source"),
    ("SELECT fact_id, person_id FROM fact_people", "fact", "person"),
    ("SELECT quote_id, source_id FROM quote_citations", "quote", "source"),
    ("SELECT id, speaker_id FROM quotes WHERE speaker_id IS NOT NULL", "quote", "person"),
)


@dataclass(slots=True)
class StoredState:
    """What the database holds, as far as a sync is concerned."""

    #: every stored record's bookkeeping, by (kind, id)
    rows: dict[Key, StoredRow] = field(default_factory=dict)
    #: what each stored record cites or names
    refs: dict[Key, list[Key]] = field(default_factory=dict)
    #: shipped records an owner removed through the bot (not to be brought back)
    tombstones: set[Key] = field(default_factory=set)


@dataclass(slots=True)
class SyncPlan:
    """What a sync does, and what it leaves and why."""

    files: dict[Key, Record]
    hashes: dict[Key, str]
    added: list[Key] = field(default_factory=list)
    updated: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    #: records an owner edited whose file content caught up with the edit
    catch_up: list[Key] = field(default_factory=list)
    kept_edited: list[Key] = field(default_factory=list)
    kept_removed: list[Key] = field(default_factory=list)
    kept_in_use: list[Key] = field(default_factory=list)
    skipped: dict[Key, str] = field(default_factory=dict)

    def report(self) -> SyncReport:
        """The plan as the report a sync returns."""
        return SyncReport(
            added=record_refs(self.added),
            updated=record_refs(self.updated),
            removed=record_refs(self.removed),
            kept_edited=record_refs(self.kept_edited),
            kept_removed=record_refs(self.kept_removed),
            kept_in_use=record_refs(self.kept_in_use),
            skipped=tuple((RecordRef(*k), why) for k, why in self.skipped.items()),
        )


def _read_files(bank: Bank) -> tuple[dict[Key, Record], dict[Key, str], list[Problem]]:
    """The files' records (global) by key, their content keys, and their own problems."""
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
    norms = {key: content_key(r) for key, r in files.items()}
    seen_norm: dict[tuple[RecordKind, str], Key] = {}
    for key, norm in norms.items():
        other = seen_norm.setdefault((key[0], norm), key)
        if other != key:
            problems.append(Problem(label(*key), f"says the same as {label(*other)}"))
    return files, norms, problems


def plan_sync(bank: Bank, state: StoredState) -> SyncPlan:
    """What syncing the files in ``bank`` into a database in ``state`` does (see the module
    docs); :class:`ValidationFailed` with every problem if the files are inconsistent."""
    files, norms, problems = _read_files(bank)
    existing = state.rows
    file_refs = {key: [(k, rid) for k, rid, _ in references(r)] for key, r in files.items()}
    for key, refs in file_refs.items():
        for ref in refs:
            row = existing.get(ref)
            if ref not in files and (row is None or row.guild_id is not None):
                problems.append(
                    Problem(label(*key), f"refers to {label(*ref)}, which does not exist"))
    if problems:
        raise ValidationFailed(problems, what="the knowledge files")

    plan = SyncPlan(files=files, hashes={key: content_hash(r) for key, r in files.items()})
    to_add: list[Key] = []
    to_update: list[Key] = []
    for key in files:
        row = existing.get(key)
        if row is None:
            (plan.kept_removed if key in state.tombstones else to_add).append(key)
        elif row.guild_id is not None:
            plan.skipped[key] = "its id is taken by a server's record"
        elif row.origin == "admin":
            plan.skipped[key] = "its id is taken by a global record an admin added"
        elif row.edited:
            same = plan.hashes[key] == row.content_hash
            (plan.catch_up if same else plan.kept_edited).append(key)
        elif plan.hashes[key] != row.shipped_hash:
            to_update.append(key)
    candidates: list[Key] = []
    for key, row in existing.items():
        if row.origin == "shipped" and key not in files:
            (plan.kept_edited if row.edited else candidates).append(key)

    # Skipping a record can keep another in use or break a reference: repeat until nothing
    # new is skipped (the skipped set only grows, so this ends).
    while True:
        applied = [k for k in (*to_add, *to_update) if k not in plan.skipped]
        applied_set = set(applied)
        removed = {k for k in candidates if k[0] in ("fact", "quote")}
        final_citing = {
            k for k in existing if k[0] in ("fact", "quote") and k not in removed
        } | {k for k in applied if k[0] in ("fact", "quote")}
        in_use: set[Key] = set()
        for k in final_citing:
            in_use.update(file_refs[k] if k in applied_set else state.refs.get(k, ()))
        removed |= {k for k in candidates if k[0] in ("source", "person") and k not in in_use}
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
                new_skips.setdefault(k, f"it says the same as global {label(*holder)}, "
                                        "which stays")
        if not new_skips:
            break
        plan.skipped.update(new_skips)
    plan.kept_in_use = [k for k in candidates if k not in removed]
    plan.removed = [k for k in candidates if k in removed]
    plan.added = [k for k in to_add if k in applied_set]
    plan.updated = [k for k in to_update if k in applied_set]
    return plan


class Shipped(RecordStore):
    """Syncing the shipped records (see the module docs)."""

    async def _stored_state(self) -> StoredState:
        state = StoredState()
        for kind in RECORD_KINDS:
            state.rows.update({(kind, rid): row for rid, row in (await self._rows(kind)).items()})
        refs: dict[Key, list[Key]] = defaultdict(list)
        for sql, kind, ref_kind in _REFERENCE_ROWS:
            for owner, ref in await self._all(sql):
                refs[(kind, owner)].append((ref_kind, ref))
        state.refs = dict(refs)
        state.tombstones = {
            (cast(RecordKind, k), rid)
            for k, rid in await self._all("SELECT kind, record_id FROM shipped_removals")
        }
        return state

    async def sync_shipped(self, bank: Bank, *, unless_unchanged: bool = False) -> SyncReport:
        """Make the global shipped records match the knowledge files in ``bank``, by the
        rules of the module docs: one transaction, audit rows with actor
        ``knowledge-files``. :class:`ValidationFailed` if the bank itself is inconsistent
        (nothing is changed). ``unless_unchanged``: the same files as at the last sync are
        not synced again (a start need not read every row to find that nothing changes);
        the report is then empty."""
        digest = _digest(bank)
        if unless_unchanged:
            async with self._read():
                rows = await self._all("SELECT value FROM meta WHERE key = ?", (SYNCED_KEY,))
            if rows and rows[0][0] == digest:
                return SyncReport()
        async with self._write() as db:
            plan = plan_sync(bank, await self._stored_state())
            await self._apply(plan)
            await db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (SYNCED_KEY, digest))
        return plan.report()

    async def _apply(self, plan: SyncPlan) -> None:
        db = self._conn()
        files = plan.files
        now = timestamp()
        audit: list[AuditRow] = []
        await db.defer_foreign_keys()
        for kind in RECORD_KINDS:
            gone = [rid for k, rid in plan.removed if k == kind]
            changed = [rid for k, rid in plan.updated if k == kind]
            before = await self._load_ids(kind, [*gone, *changed]) if gone or changed else {}
            if gone:
                await self._delete(kind, gone)
                audit += [audit_row(now, SYNC_ACTOR, None, "sync", kind, rid,
                                    to_json(before[rid]), None) for rid in gone]
            if changed:
                # Park the content keys first: two records may swap their texts.
                await db.execute(
                    f"UPDATE {TABLES[kind]} SET norm_key = CAST(? AS TEXT) || id "
                    f"WHERE id {IN_JSON}", (PARKED_KEY, json_list(changed)),
                )
                await self._rewrite(kind, [files[(kind, rid)] for rid in changed], now,
                                    shipped=True)
                audit += [audit_row(now, SYNC_ACTOR, None, "sync", kind, rid,
                                    to_json(before[rid]), to_json(files[(kind, rid)]))
                          for rid in changed]
        await self._insert(((files[k], "shipped", plan.hashes[k]) for k in plan.added), now)
        audit += [audit_row(now, SYNC_ACTOR, None, "sync", k[0], k[1], None, to_json(files[k]))
                  for k in plan.added]
        for kind, rid in plan.catch_up:
            await db.execute(
                f"UPDATE {TABLES[kind]} SET shipped_hash = content_hash WHERE id = ?", (rid,))
        await self._audit(audit)
