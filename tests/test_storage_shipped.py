"""bot/storage/shipped.py: syncing the knowledge files into the database.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.codec import to_json
from bot.errors import ValidationFailed
from bot.models import Bank, Citation
from bot.storage import SYNC_ACTOR, RecordRef, Storage
from bot.storage.content import content_hash, content_key
from bot.storage.mapping import Key, StoredRow
from bot.storage.shipped import StoredState, plan_sync
from tests.storage_records import (
    GUILD_A,
    fact,
    shipped,
    source,
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


# ---------------------------------------------------------------- the plan alone (no database)


def stored(bank_records, *, origin="shipped", edited=(), guild=None) -> dict[Key, StoredRow]:  # type: ignore[no-untyped-def]
    """Rows as the database would hold them after loading ``bank_records`` from the files."""
    rows: dict[Key, StoredRow] = {}
    for record in bank_records:
        key = (type(record).__name__.lower(), record.id)
        digest = content_hash(record)
        rows[key] = StoredRow(guild, origin, digest, "edited" if record.id in edited else digest,
                              content_key(record))
    return rows


def test_a_fresh_database_adds_everything() -> None:
    bank = shipped()
    plan = plan_sync(bank, StoredState())
    assert len(plan.added) == len(bank)
    assert not (plan.updated or plan.removed or plan.skipped)


def test_the_same_files_again_plan_nothing() -> None:
    bank = shipped()
    plan = plan_sync(bank, StoredState(rows=stored(bank.records())))
    assert not (plan.added or plan.updated or plan.removed or plan.catch_up)


def test_a_changed_text_is_an_update_and_an_owners_edit_is_kept() -> None:
    old = shipped()
    new = shipped(facts_text={"award": "Doechii won a Grammy."})
    assert plan_sync(new, StoredState(rows=stored(old.records()))).updated == [("fact", "award")]
    kept = plan_sync(new, StoredState(rows=stored(old.records(), edited={"award"})))
    assert kept.updated == [] and kept.kept_edited == [("fact", "award")]


def test_a_dropped_source_still_cited_is_kept_in_use() -> None:
    old = shipped()
    refs = {("fact", f.id): [("source", c.source_id) for c in f.citations] for f in old.facts}
    plan = plan_sync(shipped(drop=("src",)), StoredState(rows=stored(old.records()), refs=refs))
    assert plan.kept_in_use == [("source", "src")] and plan.removed == []


def test_a_record_an_owner_removed_is_not_brought_back() -> None:
    bank = shipped()
    rows = stored(r for r in bank.records() if r.id != "raids")
    plan = plan_sync(bank, StoredState(rows=rows, tombstones={("fact", "raids")}))
    assert plan.kept_removed == [("fact", "raids")] and ("fact", "raids") not in plan.added


def test_a_servers_record_with_the_same_id_is_never_touched() -> None:
    bank = shipped()
    rows = stored([f for f in bank.facts if f.id == "award"], origin="admin", guild=7)
    plan = plan_sync(bank, StoredState(rows=rows))
    assert plan.skipped[("fact", "award")] == "its id is taken by a server's record"


def test_inconsistent_files_are_refused_with_every_problem() -> None:
    bank = shipped(drop=("src",))  # facts and the quote cite a source the files lack
    with pytest.raises(ValidationFailed) as failed:
        plan_sync(bank, StoredState())
    assert failed.value.total >= 2
    assert all("which does not exist" in str(p) for p in failed.value.problems)


def test_the_report_names_what_the_plan_does() -> None:
    report = plan_sync(shipped(), StoredState()).report()
    assert {r.kind for r in report.added} == {"source", "person", "fact", "quote"}
