"""bot/storage/records.py: one-record writes and their checks, reading records back, scopes.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.codec import to_json
from bot.errors import (
    CoverageBotError,
    DuplicateRecord,
    InUse,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from bot.models import Fact
from bot.storage import Storage
from tests.storage_records import (
    GUILD_A,
    GUILD_B,
    every_kind,
    fact,
    person,
    quote,
    seeded,
    small_bank,
    source,
)


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


async def test_visible_ids_are_the_shared_ones_and_the_guilds_own(storage: Storage) -> None:
    await storage.import_bank(small_bank(None, "g-"), actor="t", guild_id=None)
    await storage.import_bank(small_bank(5, "five-"), actor="t", guild_id=5)
    assert await storage.visible_ids("source", 5) == {"g-src", "five-src"}
    assert await storage.visible_ids("source", 6) == {"g-src"}
    assert "five-kim" not in await storage.visible_ids("person", None)
