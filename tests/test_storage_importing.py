"""bot/storage/importing.py: imports and ingests, all or nothing.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.errors import (
    ValidationFailed,
)
from bot.knowledge import bank_of
from bot.models import Bank, Citation, Fact, Person, Quote, Record, Source
from bot.storage import Storage
from tests.storage_records import (
    GUILD_A,
    GUILD_B,
    every_kind,
    fact,
    fail_audit_rows,
    person,
    raw,
    seeded,
    small_bank,
    source,
)


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


async def test_a_streamed_import_checks_across_batches_and_keeps_the_cache_setting(
    file_storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """import_records in batches of 3: an identical stored record is a no-op, a taken id
    with other content and a text said twice (in two batches) are problems, and nothing is
    written then; a good stream writes every record with its audit row. The connection's
    page cache and temporary storage settings are its own again after either."""
    import bot.storage.importing as importing

    monkeypatch.setattr(importing, "IMPORT_BATCH", 3)
    await file_storage.add(source("src"), actor="o")
    await file_storage.add(fact("stored", "Stored claim.", guild_id=GUILD_A), actor="o")

    async def cache_size() -> list[int]:  # (settings of the storage's own connection)
        async with file_storage._read() as db:
            return [int((await db.fetchall(f"PRAGMA {name}"))[0][0])
                    for name in ("cache_size", "temp_store")]

    before = await cache_size()
    found: list[str] = []
    bad = [fact(f"f{i}", f"Claim {i}.") for i in range(5)] + [
        fact("stored", "Other content."), fact("f9", "Claim 1.")]
    with pytest.raises(importing.ImportRejected):
        await file_storage.import_records(bad, actor="cli", guild_id=GUILD_A,
                                          problems=lambda p: found.append(str(p)))
    assert found == [
        "fact 'stored': a fact with this id already exists, with other content "
        "(an import only adds)",
        "fact 'f9': says the same as fact 'f1', which already exists",
    ]
    assert (await file_storage.stats())["facts_guild"] == 1
    assert await cache_size() == before

    good = [fact(f"f{i}", f"Claim {i}.") for i in range(7)] + [
        fact("stored", "Stored claim.")]
    report = await file_storage.import_records(good, actor="cli", guild_id=GUILD_A,
                                               problems=lambda p: found.append(str(p)))
    assert (report.facts, report.unchanged) == (7, 1)
    stats = await file_storage.stats()
    assert (stats["facts_guild"], stats["audit_rows"]) == (8, 2 + 7)
    assert (await file_storage.export_bank(GUILD_A)).facts[1:] == tuple(
        replace(f, guild_id=GUILD_A) for f in good[:7])
    assert await cache_size() == before


def _awkward_records() -> list[Record]:
    """Every kind, every field, with text JSON and SQL find awkward: quotes, backslashes,
    control characters, accents, emoji, a NUL (which json_each cannot carry)."""
    odd = 'He said "no" \\ then\nleft\ttoday \u00e9t\u00e9 \U0001f600 \u2028 end'
    return [
        *every_kind(),
        Source("odd-src", "Outlet \"Q\" \\", "Title\nwith lines", None, None),
        Person("odd-person", "Zo\u00eb \"Z\" O'Neil", ("Zo\u00eb", "\\Z"), "a \"quoted\"\tone"),
        Fact("odd-fact", odd, (Citation("odd-src", odd + " passage"),), ("odd-person",),
             ("k\u00e9y", 'q"uote'), None),
        Quote("odd-quote", "odd-person", odd + " quoted", "ctx \\ \"x\"",
              (Citation("odd-src", "p1"), Citation("src", "p2 \x01")), ()),
    ]


def _stored(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every record table's rows, and the audit rows as JSON, without times."""
    tables = {
        "sources": "id, guild_id, origin, shipped_hash, content_hash, norm_key, outlet, title, "
                   "url, published",
        "people": "id, guild_id, origin, shipped_hash, content_hash, norm_key, name, description",
        "facts": "id, guild_id, origin, shipped_hash, content_hash, norm_key, text, "
                 "json(keywords), reported",
        "quotes": "id, guild_id, origin, shipped_hash, content_hash, norm_key, speaker_id, text, "
                  "context, json(keywords)",
        "person_aliases": "*", "fact_citations": "*", "fact_people": "*",
        "quote_citations": "*", "changes": "kind, record_id, guild_id",
    }
    with contextlib.closing(raw(path)) as conn:
        out = {t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY 1, 2").fetchall()
               for t, cols in tables.items()}
        out["audit_log"] = [
            (actor, guild, action, kind, rid, before, json.loads(after))
            for actor, guild, action, kind, rid, before, after in conn.execute(
                "SELECT actor, guild_id, action, kind, record_id, before, after "
                "FROM audit_log ORDER BY record_id")]
    return out


@pytest.mark.parametrize("nul", [False, True], ids=["json_each", "a NUL: row by row"])
async def test_a_streamed_import_stores_exactly_what_an_import_of_a_bank_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nul: bool
) -> None:
    """import_records writes each batch through json_each statements (SQLite) while the
    next batch is prepared; import_bank inserts row by row: both must store the same rows,
    child rows, change log and audit log, byte for byte. A batch holding a NUL goes row by
    row (json_each would cut the text at it)."""
    import bot.storage.importing as importing

    monkeypatch.setattr(importing, "IMPORT_BATCH", 4)
    records = _awkward_records()
    if nul:
        records[-2] = replace(records[-2], text="with a \x00 NUL")  # (the odd fact)
    paths = tmp_path / "stream.db", tmp_path / "bank.db"
    for path in paths:
        async with await Storage.open(path) as db:
            if path == paths[0]:
                report = await db.import_records(
                    records, actor="cli", guild_id=GUILD_A,
                    problems=lambda p: pytest.fail(str(p)))
                assert report.total == len(records)
            else:
                await db.import_bank(bank_of(records), actor="cli", guild_id=GUILD_A)
    streamed, banked = (_stored(p) for p in paths)
    assert streamed["quotes"] and streamed["person_aliases"] and streamed["fact_people"]
    assert len(streamed["audit_log"]) == len(records)
    assert streamed == banked
    async with await Storage.open(paths[0]) as db:
        assert await db.export_bank(GUILD_A) == bank_of(
            [replace(r, guild_id=GUILD_A) for r in records])


async def test_a_streamed_import_failing_in_a_later_batch_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database fails while it writes a batch, as the next one is being prepared: the
    error comes out, and nothing of the earlier batches stays."""
    import bot.storage.importing as importing

    monkeypatch.setattr(importing, "IMPORT_BATCH", 10)
    path = tmp_path / "bot.db"
    async with await Storage.open(path) as db:
        await db.add(source("src"), actor="o")
    fail_audit_rows(path, "NEW.record_id = 'f-35'")
    async with await Storage.open(path) as db:
        facts = [fact(f"f-{i}", f"Claim {i}.") for i in range(60)]
        with pytest.raises(sqlite3.IntegrityError, match="simulated failure"):
            await db.import_records(facts, actor="cli", guild_id=GUILD_A,
                                    problems=lambda p: pytest.fail(str(p)))
        stats = await db.stats()
        assert (stats["facts_guild"], stats["audit_rows"]) == (0, 1)
        await db.import_records(facts[:5], actor="cli", guild_id=GUILD_A,
                                problems=lambda p: pytest.fail(str(p)))
        assert (await db.stats())["facts_guild"] == 5
        assert await db.integrity_check() == "ok"


async def test_an_interrupted_streamed_import_leaves_nothing(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Each backend: the cancel lands while a batch is written and the next is parsed.)"""
    import bot.storage.importing as importing

    monkeypatch.setattr(importing, "IMPORT_BATCH", 100)
    await storage.add(source("src"), actor="o")

    def facts() -> Iterator[Record]:  # (slow to produce: the cancel lands mid-stream)
        for i in range(50_000):
            yield fact(f"f-{i}", f"Claim {i}.")

    task = asyncio.create_task(storage.import_records(
        facts(), actor="cli", guild_id=GUILD_A, problems=lambda p: pytest.fail(str(p))))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    stats = await storage.stats()
    assert (stats["facts_guild"], stats["audit_rows"]) == (0, 1)
    await storage.add(source("after", title="Still usable"), actor="o")
    assert await storage.integrity_check() == "ok"
