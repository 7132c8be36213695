"""The storage layer against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.codec import to_json
from bot.errors import (
    CoverageBotError,
    DuplicateRecord,
    InUse,
    NotFound,
    PermissionDenied,
    StorageError,
    ValidationFailed,
)
from bot.models import Bank, Citation, Fact, Person, Quote, Source
from bot.storage import LATEST_VERSION, SYNC_ACTOR, RecordRef, Storage
from bot.storage.migrations import APPLICATION_ID, MIGRATIONS, Migration, migrate, user_version
from tests.storage_records import fact, person, quote, read_only, small_bank, source

GUILD_A = 111111111111111111
GUILD_B = 222222222222222222
ROOT = Path(__file__).resolve().parent.parent

EXPECTED_TABLES = {
    "sources",
    "people",
    "person_aliases",
    "facts",
    "fact_citations",
    "fact_people",
    "quotes",
    "quote_citations",
    "shipped_removals",
    "audit_log",
    "unanswered",
    "feedback",
    "guild_channels",
    "meta",
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw(path: Path) -> sqlite3.Connection:
    """A second, independent connection to a database file."""
    return sqlite3.connect(path)


async def seeded(storage: Storage, guild_id: int | None = None, prefix: str = "") -> Bank:
    bank = small_bank(guild_id, prefix)
    await storage.import_bank(bank, actor="seed", guild_id=guild_id)
    return bank


# ============================================================================ opening, schema


async def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        assert db.schema_version == LATEST_VERSION == len(MIGRATIONS)
    with raw(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables - {"sqlite_sequence"} == EXPECTED_TABLES


async def test_memory_database_works(storage: Storage) -> None:
    assert storage.schema_version == LATEST_VERSION
    assert storage.path == ":memory:"
    await storage.add(source("s1"), actor="me")
    assert await storage.get("source", "s1") == source("s1")


async def test_connection_settings(file_storage: Storage) -> None:
    assert await file_storage.pragmas() == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


async def test_wal_mode_is_persistent_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await (await Storage.open(path)).close()
    with raw(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_reopen_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await seeded(db)
        stats = await db.stats()
        bank = await db.load_bank()
    async with await Storage.open(path) as db:
        assert db.schema_version == LATEST_VERSION
        assert await db.stats() == stats
        assert await db.load_bank() == bank
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn) == []
        assert await user_version(conn) == LATEST_VERSION


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    async def broken(conn: aiosqlite.Connection) -> None:
        await conn.execute("CREATE TABLE half_done (x)")
        await conn.execute("INSERT INTO no_such_table VALUES (1)")

    migrations = [MIGRATIONS[0], Migration(2, "broken", broken)]
    async with aiosqlite.connect(tmp_path / "m.db", isolation_level=None) as conn:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(conn, migrations)
        assert await user_version(conn) == 1
        rows = await conn.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE name = 'half_done'"
        )
        assert list(rows) == []
        assert not conn.in_transaction


async def test_migrations_apply_in_order_from_empty(tmp_path: Path) -> None:
    extra = Migration(2, "add a column", "ALTER TABLE meta ADD COLUMN note TEXT;")
    async with aiosqlite.connect(tmp_path / "m.db", isolation_level=None) as conn:
        applied = await migrate(conn, [MIGRATIONS[0], extra])
        assert [m.version for m in applied] == [1, 2]
        assert await user_version(conn) == 2
        cols = [r[1] for r in await conn.execute_fetchall("PRAGMA table_info(meta)")]
        assert cols == ["key", "value", "note"]


async def test_newer_schema_is_refused_and_the_file_is_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with raw(path) as conn:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.execute("CREATE TABLE from_the_future (x)")
    before = file_digest(path)
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    message = str(caught.value)
    assert f"schema version {LATEST_VERSION + 1}" in message
    assert "upgrade coverage-bot" in message
    assert "\n" not in message
    assert file_digest(path) == before
    assert not Path(f"{path}-wal").exists()
    with raw(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


async def test_missing_directory_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "bot.db"
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "does not exist" in str(caught.value)
    assert "create it" in str(caught.value)
    assert not (tmp_path / "no").exists()


async def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await (await Storage.open(path)).close()
    before = file_digest(path)
    with read_only(path), pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "read-only" in str(caught.value)
    assert "writable" in str(caught.value)
    assert file_digest(path) == before


async def test_unwritable_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(StorageError) as caught:
        await Storage.open(folder / "bot.db")
    assert "not writable" in str(caught.value)
    assert not (folder / "bot.db").exists()


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    before = file_digest(path)
    with pytest.raises(StorageError) as caught:
        await Storage.open(path)
    assert "not an SQLite database" in str(caught.value)
    assert "DATABASE_PATH" in str(caught.value)
    assert file_digest(path) == before


async def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with raw(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    before = file_digest(path)
    with pytest.raises(StorageError, match="another program's SQLite database"):
        await Storage.open(path)
    assert file_digest(path) == before


async def test_a_directory_as_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a directory"):
        await Storage.open(tmp_path)


async def test_close_waits_for_pending_operations(tmp_path: Path) -> None:
    db = await Storage.open(tmp_path / "bot.db")
    writes = [db.log_unanswered(f"question {i}", guild_id=None, user_id=i) for i in range(20)]
    results = await asyncio.gather(*writes, db.close(), db.load_bank(), return_exceptions=True)
    assert results[:20] == [None] * 20
    assert isinstance(results[21], StorageError) and "closed" in str(results[21])
    async with await Storage.open(tmp_path / "bot.db") as again:
        assert (await again.stats())["unanswered"] == 20


async def test_closed_storage_raises_storage_error(tmp_path: Path) -> None:
    async with await Storage.open(tmp_path / "bot.db") as db:
        assert not db.closed
    assert db.closed
    with pytest.raises(StorageError, match="closed"):
        await db.load_bank()
    await db.close()  # closing twice is fine


# ============================================================================ records


def every_kind(guild_id: int | None = None) -> list[Source | Person | Fact | Quote]:
    return [
        Source(
            "src",
            "NewsNation",
            "Celebrities speak out",
            "https://example.com/a",
            "2025-06-10",
            guild_id,
        ),
        Person("kim", "Kim Kardashian", ("Kardashian", "Kim K"), "reality TV star", guild_id),
        Person("doechii", "Doechii", (), "", guild_id),
        Fact(
            "award",
            "Doechii won an award.",
            (Citation("src", "The Florida rapper won."),),
            ("doechii", "kim"),
            ("award", "won"),
            "2025-06-09",
            guild_id,
        ),
        Quote(
            "better-way",
            "kim",
            "There has to be a better way.",
            "Instagram story",
            (Citation("src", "first passage"), Citation("src", "second passage")),
            ("protest",),
            guild_id,
        ),
        Quote(
            "anonymous",
            None,
            "Nobody knows who said this.",
            "",
            (Citation("src", "p"),),
            (),
            guild_id,
        ),
    ]


@pytest.mark.parametrize("guild_id", [None, GUILD_A])
async def test_add_then_get_round_trips_every_field(storage: Storage, guild_id: int | None) -> None:
    records = every_kind(guild_id)
    for record in records:
        await storage.add(record, actor="alice")
    for record in records:
        kind = type(record).__name__.lower()
        assert await storage.get(kind, record.id) == record  # type: ignore[arg-type]
    bank = await storage.load_bank()
    assert list(bank.records()) == records
    info = await storage.record_info("fact", "award")
    assert info is not None
    assert (info.origin, info.guild_id, info.edited) == ("admin", guild_id, False)


async def test_get_unknown_is_none(storage: Storage) -> None:
    assert await storage.get("fact", "nope") is None
    assert await storage.record_info("fact", "nope") is None


async def test_add_is_audited_with_the_after_state(storage: Storage) -> None:
    await storage.add(source("s1", guild_id=GUILD_A), actor="alice#1")
    [entry] = await storage.audit_log(guild_id=GUILD_A)
    assert (entry.actor, entry.action, entry.kind, entry.record_id) == (
        "alice#1",
        "add",
        "source",
        "s1",
    )
    assert entry.guild_id == GUILD_A
    assert entry.before is None
    assert entry.after == to_json(source("s1"))
    assert entry.at.endswith("+00:00")


async def test_update_returns_the_before_state_and_audits_both(storage: Storage) -> None:
    await seeded(storage, GUILD_A)
    old = await storage.get("fact", "award")
    assert old is not None
    assert isinstance(old, Fact)
    new = replace(old, text="Doechii was named best female hip hop artist.", keywords=("bet",))
    before = await storage.update(new, actor="bob")
    assert before == old
    assert await storage.get("fact", "award") == new
    entry = (await storage.audit_log(guild_id=GUILD_A, limit=1))[0]
    assert (entry.action, entry.actor) == ("update", "bob")
    assert entry.before == to_json(old)
    assert entry.after == to_json(new)


async def test_update_without_change_writes_nothing(storage: Storage) -> None:
    await seeded(storage)
    rows = (await storage.stats())["audit_rows"]
    record = await storage.get("person", "kim")
    assert record is not None
    assert await storage.update(record, actor="bob") == record
    assert (await storage.stats())["audit_rows"] == rows


async def test_update_and_remove_of_missing_records_are_not_found(storage: Storage) -> None:
    with pytest.raises(NotFound, match="there is no fact 'ghost'"):
        await storage.update(fact("ghost"), actor="bob")
    with pytest.raises(NotFound):
        await storage.remove("source", "ghost", actor="bob", guild_id=None)


async def test_remove_returns_the_record_and_the_audit_keeps_it_for_undo(storage: Storage) -> None:
    await seeded(storage, GUILD_A)
    original = await storage.get("fact", "raids")
    assert original is not None
    removed = await storage.remove("fact", "raids", actor="carol", guild_id=GUILD_A)
    assert removed == original
    assert await storage.get("fact", "raids") is None
    [entry] = await storage.audit_log(guild_id=GUILD_A, record_id="raids", kind="fact", limit=1)
    assert (entry.action, entry.before, entry.after) == ("remove", to_json(original), None)
    # Undo: the audit's before state re-added gives the same record back.
    from bot.codec import from_json

    assert entry.before is not None
    await storage.add(from_json("fact", entry.before, GUILD_A), actor="carol")
    assert await storage.get("fact", "raids") == original


async def test_remove_of_a_cited_source_or_referenced_person_is_refused(storage: Storage) -> None:
    await seeded(storage)
    with pytest.raises(InUse) as caught:
        await storage.remove("source", "src", actor="x", guild_id=None)
    assert "fact 'award'" in str(caught.value) and "quote 'better-way'" in str(caught.value)
    with pytest.raises(InUse, match="quote 'better-way'"):
        await storage.remove("person", "kim", actor="x", guild_id=None)
    with pytest.raises(InUse, match="fact 'award'"):
        await storage.remove("person", "doechii", actor="x", guild_id=None)
    assert isinstance(caught.value, CoverageBotError)
    assert await storage.get("source", "src") is not None
    # Once nothing uses them, they can go.
    for kind, rid in (("quote", "better-way"), ("fact", "award"), ("fact", "raids")):
        await storage.remove(kind, rid, actor="x", guild_id=None)  # type: ignore[arg-type]
    await storage.remove("person", "kim", actor="x", guild_id=None)
    await storage.remove("source", "src", actor="x", guild_id=None)
    assert len(await storage.load_bank()) == 1  # doechii


async def test_duplicate_id_is_refused_in_any_scope(storage: Storage) -> None:
    await storage.add(source("shared", guild_id=GUILD_A), actor="a")
    for guild in (GUILD_A, GUILD_B, None):
        with pytest.raises(DuplicateRecord, match="already exists"):
            await storage.add(source("shared", guild_id=guild, title="Other"), actor="b")
    # Ids are per kind: a fact may share a source's id.
    await storage.add(source("s", guild_id=GUILD_A), actor="a")
    await storage.add(fact("shared", sources=("s",), guild_id=GUILD_A), actor="a")


async def test_duplicate_content_is_refused_in_the_same_scope(storage: Storage) -> None:
    await storage.add(source("src"), actor="a")
    await storage.add(fact("f1", "Doechii won an  award."), actor="a")
    with pytest.raises(DuplicateRecord, match="says the same as fact 'f1'"):
        await storage.add(fact("f2", "  DOECHII won\tan award. "), actor="a")
    # Another scope may say the same.
    await storage.add(fact("f3", "Doechii won an award.", guild_id=GUILD_A), actor="a")
    with pytest.raises(DuplicateRecord):
        await storage.add(fact("f4", "doechii WON an award.", guild_id=GUILD_A), actor="a")
    await storage.add(fact("f5", "Doechii won an award.", guild_id=GUILD_B), actor="a")


async def test_duplicate_content_rules_per_kind(storage: Storage) -> None:
    await storage.add(source("a", url="https://example.com/x", title="One"), actor="a")
    with pytest.raises(DuplicateRecord):  # same url and outlet, other title
        await storage.add(source("b", url="https://EXAMPLE.com/x", title="Two"), actor="a")
    await storage.add(source("c", url="https://example.com/x", outlet="AP"), actor="a")
    await storage.add(source("d", title="No Link"), actor="a")
    with pytest.raises(DuplicateRecord):  # no url: title and outlet
        await storage.add(source("e", title="no  link"), actor="a")
    await storage.add(person("p1", "Kim Kardashian"), actor="a")
    with pytest.raises(DuplicateRecord):
        await storage.add(person("p2", "kim kardashian"), actor="a")
    await storage.add(person("p3", "Doechii"), actor="a")
    await storage.add(quote("q1", "Enough.", speaker="p1", sources=("a",)), actor="a")
    with pytest.raises(DuplicateRecord):
        await storage.add(quote("q2", "enough.", speaker="p1", sources=("a",)), actor="a")
    await storage.add(quote("q3", "Enough.", speaker="p3", sources=("a",)), actor="a")


async def test_update_to_duplicate_content_is_refused(storage: Storage) -> None:
    await seeded(storage)
    with pytest.raises(DuplicateRecord, match="fact 'award'"):
        await storage.update(fact("raids", " doechii won an award."), actor="a")
    assert (await storage.get("fact", "raids")) == small_bank().facts[1]


async def test_references_must_exist_and_be_visible(storage: Storage) -> None:
    await storage.add(source("global-src"), actor="o")
    await storage.add(source("a-src", guild_id=GUILD_A, title="A"), actor="a")
    await storage.add(person("a-kim", guild_id=GUILD_A), actor="a")
    with pytest.raises(NotFound, match="cites source 'nope'"):
        await storage.add(fact("f1", sources=("nope",)), actor="o")
    with pytest.raises(NotFound, match="cites source 'a-src'"):  # guild B cannot see A's
        await storage.add(fact("f2", sources=("a-src",), guild_id=GUILD_B), actor="b")
    with pytest.raises(NotFound, match="cites source 'a-src'"):  # global cannot cite a guild's
        await storage.add(fact("f3", sources=("a-src",)), actor="o")
    with pytest.raises(NotFound, match="names person 'a-kim'"):
        await storage.add(fact("f4", sources=("global-src",), people=("a-kim",)), actor="o")
    with pytest.raises(NotFound, match="speaker, person 'ghost'"):
        await storage.add(quote("q1", speaker="ghost", sources=("global-src",)), actor="o")
    # A guild may cite the global records and its own.
    await storage.add(
        fact("f5", sources=("global-src", "a-src"), people=("a-kim",), guild_id=GUILD_A), actor="a"
    )
    await storage.add(quote("q2", speaker="a-kim", sources=("a-src",), guild_id=GUILD_A), actor="a")
    assert (await storage.stats())["facts_guild"] == 1


async def test_unusable_records_are_refused(storage: Storage) -> None:
    await storage.add(source("src"), actor="a")
    no_citation = Fact("f1", "A claim.", ())
    with pytest.raises(ValidationFailed, match="must cite at least one source"):
        await storage.add(no_citation, actor="a")
    with pytest.raises(ValidationFailed, match="must not be blank"):
        await storage.add(fact("f2", "   "), actor="a")
    with pytest.raises(ValidationFailed, match="id must be"):
        await storage.add(fact("Not A Slug"), actor="a")
    assert (await storage.stats())["facts_global"] == 0
    assert (await storage.stats())["audit_rows"] == 1


# ============================================================================ scope


async def test_a_guild_cannot_touch_another_guilds_or_global_records(storage: Storage) -> None:
    await seeded(storage, None, "g-")
    await seeded(storage, GUILD_B, "b-")
    before_bank = await storage.load_bank()
    before_stats = await storage.stats()
    attempts = [
        storage.update(
            fact("b-award", "Changed.", sources=("b-src",), guild_id=GUILD_A), actor="a"
        ),
        storage.update(
            fact("g-award", "Changed.", sources=("g-src",), guild_id=GUILD_A), actor="a"
        ),
        storage.update(fact("b-award", "Changed.", sources=("b-src",), guild_id=None), actor="o"),
        storage.remove("fact", "b-award", actor="a", guild_id=GUILD_A),
        storage.remove("fact", "g-award", actor="a", guild_id=GUILD_A),
        storage.remove("fact", "b-award", actor="o", guild_id=None),
    ]
    messages = []
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            await attempt
        messages.append(str(caught.value))
    assert "belongs to another server" in messages[0]
    assert "is a global record" in messages[1]
    assert "belongs to a server" in messages[2]
    assert await storage.load_bank() == before_bank
    assert await storage.stats() == before_stats


async def test_export_holds_only_that_scope(storage: Storage) -> None:
    shipped = await seeded(storage, None, "g-")
    bank_a = await seeded(storage, GUILD_A, "a-")
    bank_b = await seeded(storage, GUILD_B, "b-")
    assert await storage.export_bank(GUILD_A) == bank_a
    assert await storage.export_bank(GUILD_B) == bank_b
    assert await storage.export_bank(None) == shipped
    every = await storage.load_bank()
    assert {r.guild_id for r in every.records()} == {None, GUILD_A, GUILD_B}
    assert len(every) == len(shipped) + len(bank_a) + len(bank_b)


async def test_audit_log_is_scoped_newest_first_and_filtered(storage: Storage) -> None:
    await seeded(storage, GUILD_A, "a-")
    await seeded(storage, GUILD_B, "b-")
    await storage.remove("fact", "a-raids", actor="x", guild_id=GUILD_A)
    log_a = await storage.audit_log(guild_id=GUILD_A, limit=100)
    assert len(log_a) == 7
    assert {e.guild_id for e in log_a} == {GUILD_A}
    assert all(e.record_id.startswith("a-") for e in log_a)
    assert log_a[0].action == "remove"
    assert [e.id for e in log_a] == sorted((e.id for e in log_a), reverse=True)
    assert len(await storage.audit_log(guild_id=GUILD_A, limit=3)) == 3
    assert [e.action for e in await storage.audit_log(guild_id=GUILD_A, record_id="a-raids")] == [
        "remove",
        "import",
    ]
    assert await storage.audit_log(guild_id=None) == []


# ============================================================================ shipped sync


def shipped(*, facts_text: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Bank:
    """The 'knowledge files' of the sync tests (global): edit fact texts, drop records."""
    bank = small_bank(None, "")
    facts = tuple(
        replace(f, text=(facts_text or {}).get(f.id, f.text))
        for f in bank.facts
        if f.id not in drop
    )
    return Bank(
        tuple(s for s in bank.sources if s.id not in drop),
        tuple(p for p in bank.people if p.id not in drop),
        facts,
        tuple(q for q in bank.quotes if q.id not in drop),
    )


async def test_sync_adds_then_is_idempotent(storage: Storage) -> None:
    first = await storage.sync_shipped(shipped())
    assert first.added == (
        RecordRef("source", "src"),
        RecordRef("person", "kim"),
        RecordRef("person", "doechii"),
        RecordRef("fact", "award"),
        RecordRef("fact", "raids"),
        RecordRef("quote", "better-way"),
    )
    assert first.changed
    assert await storage.load_bank() == shipped()
    stats = await storage.stats()
    assert stats["audit_rows"] == 6
    entry = (await storage.audit_log(guild_id=None, limit=1))[0]
    assert (entry.actor, entry.action, entry.before) == (SYNC_ACTOR, "sync", None)
    info = await storage.record_info("fact", "award")
    assert info is not None and (info.origin, info.edited) == ("shipped", False)

    second = await storage.sync_shipped(shipped())
    assert not second.changed
    assert second.counts == dict.fromkeys(second.counts, 0)
    assert await storage.stats() == stats
    assert str(second).startswith("added 0, updated 0, removed 0")


async def test_sync_updates_a_changed_file_record(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    report = await storage.sync_shipped(shipped(facts_text={"raids": "ICE raids hit LA."}))
    assert report.updated == (RecordRef("fact", "raids"),)
    assert (report.added, report.removed) == ((), ())
    raids = await storage.get("fact", "raids")
    assert raids is not None and raids.text == "ICE raids hit LA."  # type: ignore[union-attr]
    entry = (await storage.audit_log(guild_id=None, limit=1))[0]
    assert (entry.action, entry.actor, entry.record_id) == ("sync", SYNC_ACTOR, "raids")
    assert entry.before is not None and entry.before["text"] == " ICE raids took place in LA."
    assert entry.after is not None and entry.after["text"] == "ICE raids hit LA."
    info = await storage.record_info("fact", "raids")
    assert info is not None and not info.edited
    assert not (
        await storage.sync_shipped(shipped(facts_text={"raids": "ICE raids hit LA."}))
    ).changed


async def test_sync_keeps_a_record_an_owner_edited(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    owners = fact("raids", "Owner's wording of the raids.")
    await storage.update(owners, actor="owner")
    info = await storage.record_info("fact", "raids")
    assert info is not None and info.edited and info.origin == "shipped"
    rows = (await storage.stats())["audit_rows"]

    report = await storage.sync_shipped(shipped(facts_text={"raids": "Files' new wording."}))
    assert report.kept_edited == (RecordRef("fact", "raids"),)
    assert not report.changed
    assert await storage.get("fact", "raids") == owners
    # Gone from the files: still kept, since the owner edited it.
    report = await storage.sync_shipped(shipped(drop=("raids",)))
    assert report.kept_edited == (RecordRef("fact", "raids"),)
    assert report.removed == ()
    assert await storage.get("fact", "raids") == owners
    assert (await storage.stats())["audit_rows"] == rows


async def test_sync_accepts_files_that_caught_up_with_the_owners_edit(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    await storage.update(fact("raids", "Agreed wording."), actor="owner")
    report = await storage.sync_shipped(shipped(facts_text={"raids": "Agreed wording."}))
    assert report.kept_edited == () and not report.changed
    info = await storage.record_info("fact", "raids")
    assert info is not None and not info.edited
    report = await storage.sync_shipped(shipped(facts_text={"raids": "Later file wording."}))
    assert report.updated == (RecordRef("fact", "raids"),)


async def test_sync_never_touches_admin_records(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    await storage.add(source("admin-src", title="Admin's source"), actor="owner")
    await storage.add(fact("admin-fact", "An admin fact.", sources=("src",)), actor="owner")
    await storage.add(source("guild-src", guild_id=GUILD_A, title="G"), actor="a")
    await storage.add(fact("guild-fact", "A guild fact.", guild_id=GUILD_A), actor="a")
    admin_records = [
        await storage.get("source", "admin-src"),
        await storage.get("fact", "admin-fact"),
    ]

    report = await storage.sync_shipped(shipped(drop=("raids",)))
    assert report.removed == (RecordRef("fact", "raids"),)
    assert [await storage.get("source", "admin-src"), await storage.get("fact", "admin-fact")] == (
        admin_records
    )
    assert await storage.get("fact", "guild-fact") is not None

    # A file record whose id an admin (or a server) already uses is skipped, not overwritten.
    clash = Bank(
        (*shipped().sources, source("admin-src", title="Shipped"), source("guild-src", title="S")),
        shipped().people,
        shipped().facts,
        shipped().quotes,
    )
    report = await storage.sync_shipped(clash)
    assert dict(report.skipped) == {
        RecordRef("source", "admin-src"): "its id is taken by a global record an admin added",
        RecordRef("source", "guild-src"): "its id is taken by a server's record",
    }
    assert await storage.get("source", "admin-src") == admin_records[0]


async def test_sync_removes_a_dropped_record_unless_still_in_use(storage: Storage) -> None:
    files = Bank(
        (*shipped().sources, source("old-src", title="Old"), source("cited-src", title="Cited")),
        shipped().people,
        shipped().facts,
        shipped().quotes,
    )
    await storage.sync_shipped(files)
    await storage.add(fact("admin-fact", "Admin cites it.", sources=("cited-src",)), actor="o")
    report = await storage.sync_shipped(shipped(drop=("better-way",)))
    assert set(report.removed) == {RecordRef("source", "old-src"), RecordRef("quote", "better-way")}
    assert report.kept_in_use == (RecordRef("source", "cited-src"),)
    assert await storage.get("source", "old-src") is None
    assert await storage.get("source", "cited-src") is not None
    entry = (await storage.audit_log(guild_id=None, record_id="old-src"))[0]
    assert (entry.action, entry.after) == ("sync", None)
    assert entry.before == to_json(source("old-src", title="Old"))
    # The person only the dropped quote named is still shipped, so it stays.
    assert await storage.get("person", "kim") is not None
    assert await storage.integrity_check() == "ok"


async def test_sync_does_not_bring_back_a_record_an_owner_removed(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    await storage.remove("fact", "raids", actor="owner", guild_id=None)
    report = await storage.sync_shipped(shipped())
    assert report.kept_removed == (RecordRef("fact", "raids"),)
    assert not report.changed
    assert await storage.get("fact", "raids") is None


async def test_sync_with_inconsistent_files_changes_nothing(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    stats = await storage.stats()
    broken = Bank(
        shipped().sources,
        shipped().people,
        (*shipped().facts, fact("new", "New.", sources=("missing-src",))),
        shipped().quotes,
    )
    with pytest.raises(ValidationFailed) as caught:
        await storage.sync_shipped(broken)
    assert "source 'missing-src'" in str(caught.value)
    doubled = Bank(
        shipped().sources,
        shipped().people,
        (*shipped().facts, fact("again", " Doechii won an award.")),
        shipped().quotes,
    )
    with pytest.raises(ValidationFailed, match="says the same as fact 'award'"):
        await storage.sync_shipped(doubled)
    assert await storage.stats() == stats
    assert await storage.load_bank() == shipped()


async def test_sync_skips_file_records_whose_content_an_admin_owns(storage: Storage) -> None:
    await storage.add(source("admin-src", title="REPORT"), actor="owner")
    report = await storage.sync_shipped(shipped())
    skipped = dict(report.skipped)
    assert "says the same as global source 'admin-src'" in skipped[RecordRef("source", "src")]
    # Everything citing the skipped source is skipped with it; the people still load.
    for ref in (
        RecordRef("fact", "award"),
        RecordRef("fact", "raids"),
        RecordRef("quote", "better-way"),
    ):
        assert "source 'src'" in skipped[ref]
    assert set(report.added) == {RecordRef("person", "kim"), RecordRef("person", "doechii")}
    assert await storage.integrity_check() == "ok"


async def test_sync_handles_renames_and_swapped_texts(storage: Storage) -> None:
    await storage.sync_shipped(shipped())
    texts = {f.id: f.text for f in shipped().facts}
    swapped = shipped(facts_text={"award": texts["raids"], "raids": texts["award"]})
    report = await storage.sync_shipped(swapped)
    assert set(report.updated) == {RecordRef("fact", "award"), RecordRef("fact", "raids")}
    assert await storage.load_bank() == swapped
    # A source renamed in the files (same content, new id): the old one goes, the new comes.
    renamed_src = replace(swapped.sources[0], id="renamed")

    def recite(c: Citation) -> Citation:
        return Citation("renamed", c.passage)

    renamed = Bank(
        (renamed_src,),
        swapped.people,
        tuple(replace(f, citations=tuple(map(recite, f.citations))) for f in swapped.facts),
        tuple(replace(q, citations=tuple(map(recite, q.citations))) for q in swapped.quotes),
    )
    report = await storage.sync_shipped(renamed)
    assert report.removed == (RecordRef("source", "src"),)
    assert report.added == (RecordRef("source", "renamed"),)
    assert await storage.load_bank() == renamed
    assert await storage.integrity_check() == "ok"


# ============================================================================ import


async def test_import_places_records_in_the_scope_and_resolves_global_references(
    storage: Storage,
) -> None:
    await storage.add(source("global-src"), actor="o")
    bank = Bank(
        people=(person("p", "Someone"),),
        facts=(fact("f", "Something happened.", sources=("global-src",), people=("p",)),),
    )
    report = await storage.import_bank(bank, actor="admin", guild_id=GUILD_A)
    assert (report.guild_id, report.people, report.facts, report.total) == (GUILD_A, 1, 1, 2)
    assert await storage.export_bank(GUILD_A) == Bank(
        people=(person("p", "Someone", guild_id=GUILD_A),),
        facts=(
            fact(
                "f", "Something happened.", sources=("global-src",), people=("p",), guild_id=GUILD_A
            ),
        ),
    )
    entries = await storage.audit_log(guild_id=GUILD_A)
    assert {(e.action, e.record_id, e.actor) for e in entries} == {
        ("import", "p", "admin"),
        ("import", "f", "admin"),
    }


async def test_import_is_all_or_nothing(storage: Storage) -> None:
    await seeded(storage)
    stats = await storage.stats()
    good = small_bank(GUILD_A, "a-")
    bad = Bank(
        good.sources, good.people, (*good.facts, fact("a-bad", sources=("nowhere",))), good.quotes
    )
    with pytest.raises(ValidationFailed) as caught:
        await storage.import_bank(bad, actor="admin", guild_id=GUILD_A)
    assert caught.value.problems[0].where == "fact 'a-bad'.citations"
    assert len(caught.value.problems) == 1
    assert await storage.stats() == stats
    assert await storage.export_bank(GUILD_A) == Bank()


async def test_import_lists_every_problem(storage: Storage) -> None:
    await seeded(storage, GUILD_A)
    bank = Bank(
        sources=(source("src2", title="Another"),),
        facts=(
            fact("award", "Fresh text.", sources=("src2",)),  # id taken
            fact("f1", "Doechii won an award.", sources=("src2",)),  # content taken in scope
            fact("f2", "Twice.", sources=("src2",)),
            fact("f2", "Twice again.", sources=("src2",)),  # id twice in the import
            fact("f3", "twice. ", sources=("src2",)),  # content twice in the import
            fact("f4", "Orphan.", sources=("ghost",)),  # missing source
            fact("f5", "Cites guild B.", sources=("b-src",)),  # invisible source
        ),
    )
    await seeded(storage, GUILD_B, "b-")
    with pytest.raises(ValidationFailed) as caught:
        await storage.import_bank(bank, actor="admin", guild_id=GUILD_A)
    text = str(caught.value)
    assert "fact 'award': a fact with this id already exists" in text
    assert "fact 'f1': says the same as fact 'award', which already exists" in text
    assert "fact 'f2': the id appears more than once" in text
    assert "fact 'f3': says the same as fact 'f2'" in text
    assert "fact 'f4'.citations: cites source 'ghost'" in text
    assert "fact 'f5'.citations: cites source 'b-src'" in text
    assert len(caught.value.problems) == 6


async def test_import_of_ten_thousand_facts(file_storage: Storage) -> None:
    await file_storage.add(source("src"), actor="o")
    facts = tuple(
        fact(f"fact-{i}", f"Numbered claim {i} about the raids.", keywords=("raids",))
        for i in range(10_000)
    )
    report = await file_storage.import_bank(Bank(facts=facts), actor="bulk", guild_id=GUILD_A)
    assert report.facts == 10_000
    stats = await file_storage.stats()
    assert stats["facts_guild"] == 10_000
    assert stats["audit_rows"] == 10_001
    exported = await file_storage.export_bank(GUILD_A)
    assert exported.facts == tuple(replace(f, guild_id=GUILD_A) for f in facts)


def fail_audit_rows(path: Path, when: str = "1") -> None:
    """Make the database itself fail the audit insert (as a full disk would), after the
    record rows of the same transaction were written."""
    with raw(path) as conn:
        conn.execute(
            f"CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN {when} "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )


async def test_a_write_that_fails_midway_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await seeded(db)
        bank, stats = await db.load_bank(), await db.stats()
    fail_audit_rows(path)
    async with await Storage.open(path) as db:
        with pytest.raises(sqlite3.IntegrityError, match="simulated failure"):
            await db.add(source("new-src", title="New"), actor="a")
        with pytest.raises(sqlite3.IntegrityError):
            await db.update(fact("raids", "Changed text."), actor="a")
        with pytest.raises(sqlite3.IntegrityError):
            await db.remove("fact", "raids", actor="a", guild_id=None)
        with pytest.raises(sqlite3.IntegrityError):
            await db.sync_shipped(small_bank(None, "s-"))
        assert await db.load_bank() == bank
        assert await db.stats() == stats


async def test_an_import_that_fails_at_its_last_record_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await db.add(source("src"), actor="o")
    fail_audit_rows(path, "NEW.record_id = 'f-4999'")
    async with await Storage.open(path) as db:
        facts = tuple(fact(f"f-{i}", f"Claim {i}.") for i in range(5000))
        with pytest.raises(sqlite3.IntegrityError):
            await db.import_bank(Bank(facts=facts), actor="bulk", guild_id=GUILD_A)
        assert (await db.stats())["facts_guild"] == 0
        assert (await db.stats())["audit_rows"] == 1
        await db.import_bank(Bank(facts=facts[:10]), actor="bulk", guild_id=GUILD_A)
        assert (await db.stats())["facts_guild"] == 10


async def test_an_interrupted_import_leaves_nothing(file_storage: Storage) -> None:
    await file_storage.add(source("src"), actor="o")
    facts = tuple(fact(f"f-{i}", f"Claim {i}.") for i in range(20_000))
    task = asyncio.create_task(
        file_storage.import_bank(Bank(facts=facts), actor="bulk", guild_id=GUILD_A)
    )
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (await file_storage.stats())["facts_guild"] == 0
    assert (await file_storage.stats())["audit_rows"] == 1
    await file_storage.add(source("after", title="Still usable"), actor="o")
    assert await file_storage.integrity_check() == "ok"


@pytest.mark.parametrize("delay", [0.0, 0.0005, 0.002, 0.01, 0.03])
async def test_a_write_cancelled_at_any_point_leaves_the_database_usable(
    file_storage: Storage, delay: float
) -> None:
    """Regression: a cancellation that landed while BEGIN was still queued in aiosqlite's
    thread left a transaction open, and every later write failed."""
    await file_storage.add(source("src"), actor="o")
    facts = tuple(fact(f"f-{i}", f"Claim {i}.") for i in range(2_000))
    task = asyncio.create_task(
        file_storage.import_bank(Bank(facts=facts), actor="bulk", guild_id=GUILD_A)
    )
    await asyncio.sleep(delay)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    stored = (await file_storage.stats())["facts_guild"]
    assert stored in (0, len(facts))  # all or nothing
    await file_storage.add(source("after", title="Still usable"), actor="o")
    assert await file_storage.get("source", "after") is not None
    assert await file_storage.integrity_check() == "ok"


# ============================================================================ questions, votes


async def test_top_unanswered_groups_by_normalised_question(storage: Storage) -> None:
    asks = [
        ("Who is Doechii?", 1),
        ("who is  doechii", 2),
        ("WHO IS DOECHII?!", 1),
        ("When did the raids start?", 3),
        ("When did the raids start", None),
        ("What did Rihanna say?", 4),
    ]
    for question, user in asks:
        await storage.log_unanswered(question, guild_id=GUILD_A, user_id=user)
    await storage.log_unanswered("Who is Doechii?", guild_id=GUILD_B, user_id=9)
    await storage.log_unanswered("   ", guild_id=GUILD_A, user_id=1)  # blank: ignored

    top = await storage.top_unanswered(guild_id=GUILD_A)
    assert [(q.question, q.count, q.users) for q in top] == [
        ("WHO IS DOECHII?!", 3, 2),
        ("When did the raids start", 2, 1),
        ("What did Rihanna say?", 1, 1),
    ]
    assert top[0].last_asked >= top[1].last_asked or top[0].count > top[1].count
    assert len(await storage.top_unanswered(guild_id=GUILD_A, limit=1)) == 1
    assert [q.count for q in await storage.top_unanswered(guild_id=GUILD_B)] == [1]
    assert await storage.top_unanswered(guild_id=None) == []
    assert (await storage.stats())["unanswered"] == 7


async def test_feedback_one_vote_per_user_per_message(storage: Storage) -> None:
    vote = {"question": "Who is Doechii?", "record_id": "award", "guild_id": GUILD_A}
    await storage.record_feedback(helpful=True, user_id=1, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=False, user_id=1, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=True, user_id=2, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=True, user_id=1, message_id=501, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(
        question="Huh?", record_id=None, helpful=False, user_id=3, guild_id=GUILD_A
    )
    await storage.record_feedback(
        question="Huh?", record_id=None, helpful=False, user_id=3, guild_id=GUILD_A
    )
    summary = await storage.feedback_summary(guild_id=GUILD_A)
    assert [(s.record_id, s.helpful, s.unhelpful) for s in summary] == [
        (None, 0, 2),
        ("award", 2, 1),
    ]
    assert (await storage.stats())["feedback"] == 5
    assert await storage.feedback_summary(guild_id=GUILD_B) == []


# ============================================================================ channels, meta


async def test_answer_channels(storage: Storage) -> None:
    assert await storage.answer_channels(GUILD_A) == set()
    await storage.set_answer_channel(GUILD_A, 10, True, actor="admin")
    await storage.set_answer_channel(GUILD_A, 10, True, actor="admin")  # already on
    await storage.set_answer_channel(GUILD_A, 11, True, actor="admin")
    await storage.set_answer_channel(GUILD_B, 20, True, actor="admin")
    await storage.set_answer_channel(GUILD_A, 11, False, actor="admin")
    await storage.set_answer_channel(GUILD_A, 12, False, actor="admin")  # was never on
    assert await storage.answer_channels(GUILD_A) == {10}
    assert await storage.answer_channels(GUILD_B) == {20}
    log = await storage.audit_log(guild_id=GUILD_A)
    assert [(e.action, e.kind, e.record_id) for e in log] == [
        ("remove", "channel", "11"),
        ("add", "channel", "11"),
        ("add", "channel", "10"),
    ]
    assert log[0].before == {"channel_id": 11} and log[0].after is None


async def test_meta(storage: Storage) -> None:
    assert await storage.get_meta("command-hash") is None
    await storage.set_meta("command-hash", "abc")
    await storage.set_meta("command-hash", "def")
    await storage.set_meta("other", "x")
    assert await storage.get_meta("command-hash") == "def"
    assert await storage.get_meta("other") == "x"


async def test_stats_and_integrity(storage: Storage) -> None:
    await seeded(storage, None, "g-")
    await seeded(storage, GUILD_A, "a-")
    stats = await storage.stats()
    assert (stats["sources_global"], stats["sources_guild"]) == (1, 1)
    assert (stats["people_global"], stats["people_guild"]) == (2, 2)
    assert (stats["facts_global"], stats["facts_guild"]) == (2, 2)
    assert (stats["quotes_global"], stats["quotes_guild"]) == (1, 1)
    assert stats["audit_rows"] == 12
    assert stats["schema_version"] == LATEST_VERSION
    assert await storage.integrity_check() == "ok"


# ============================================================================ concurrency


async def test_concurrent_writers_never_see_a_locked_database(file_storage: Storage) -> None:
    await file_storage.add(source("src"), actor="o")
    jobs: list[Coroutine[Any, Any, object]] = []
    for i in range(40):
        jobs.append(file_storage.add(fact(f"f{i}", f"Concurrent claim {i}."), actor=f"u{i}"))
        jobs.append(file_storage.log_unanswered(f"question {i}", guild_id=None, user_id=i))
        jobs.append(file_storage.set_meta(f"k{i}", str(i)))
        jobs.append(file_storage.load_bank())
    jobs.append(file_storage.add(fact("f0", "Clashing id."), actor="late"))  # fails alone
    results = await asyncio.gather(*jobs, return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], DuplicateRecord)
    stats = await file_storage.stats()
    assert (stats["facts_global"], stats["unanswered"], stats["audit_rows"]) == (40, 40, 41)
    loaded = [r for r in results if isinstance(r, Bank)]
    assert len(loaded) == 40
    # Each read saw whole writes only: a fact never without its citation.
    assert all(all(f.citations for f in bank.facts) for bank in loaded)


async def test_an_acknowledged_write_is_visible_to_another_connection(
    file_storage: Storage,
) -> None:
    await file_storage.add(source("seen", title="Committed"), actor="o")
    with raw(Path(file_storage.path)) as conn:
        rows = conn.execute("SELECT id, origin FROM sources").fetchall()
    assert rows == [("seen", "admin")]


async def test_an_acknowledged_write_survives_a_process_crash(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    script = f"""
import asyncio, os
from bot.models import Source
from bot.storage import Storage

async def main():
    db = await Storage.open({str(path)!r})
    await db.add(Source("durable", "NewsNation", "Survives"), actor="crash-test")
    os._exit(0)  # no close, no checkpoint: the process just dies

asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=60)
    assert Path(f"{path}-wal").exists()  # the write lives in the WAL only
    async with await Storage.open(path) as db:
        assert await db.get("source", "durable") == Source("durable", "NewsNation", "Survives")
        assert [e.actor for e in await db.audit_log(guild_id=None)] == ["crash-test"]
        assert await db.integrity_check() == "ok"
