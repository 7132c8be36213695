"""bot/following.py: an engine kept in step with the writes of another process on the same
database (two services on one SQLite file, or one PostgreSQL database, stand for two
processes: each has its own connection, its own engine)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.engine import snapshot
from bot.models import Citation, Fact, Record
from bot.service import CoverageService
from bot.settings import Settings
from bot.storage import Storage
from tests.conftest import until
from tests.discord_env import SOURCE_ID, Env, embed, fields

QUESTION = "how much did zendaya donate to the immigrant families fund"


def _fact(guild_id: int | None = 5) -> Fact:
    return Fact("zendaya-donated", "Zendaya donated $50,000 to the immigrant families fund.",
                (Citation(SOURCE_ID, "As reported."),), (), ("zendaya", "donation"), None,
                guild_id)


async def test_an_add_edit_and_removal_elsewhere_reach_this_engine(
        shared_settings: Settings) -> None:
    async with await CoverageService.open(shared_settings) as here, \
            await CoverageService.open(shared_settings) as there:
        await there.add(_fact(), actor="t")
        assert not here.engine.get("fact", "zendaya-donated")
        assert await here.catch_up() == 1
        assert (await here.ask(QUESTION, guild_id=5)).record_id == "zendaya-donated"
        await there.update(replace(_fact(), text="Zendaya donated $60,000 to the fund."),
                           actor="t")
        await here.catch_up()
        assert "$60,000" in here.engine.get("fact", "zendaya-donated").text  # type: ignore[union-attr]
        await there.remove("fact", "zendaya-donated", actor="t", guild_id=5)
        await here.catch_up()
        assert here.engine.get("fact", "zendaya-donated") is None


async def test_its_own_writes_are_not_read_back(shared_settings: Settings) -> None:
    async with await CoverageService.open(shared_settings) as here:
        await here.add(_fact(), actor="t")
        assert await here.catch_up() == 0  # the engine has it already


async def test_following_picks_up_an_import_within_a_second(shared_settings: Settings) -> None:
    async with await CoverageService.open(shared_settings) as bot, \
            await CoverageService.open(shared_settings) as cli:
        following = asyncio.get_running_loop().create_task(bot.follow(interval=0.05))
        try:
            await cli.import_document(
                '{"format": "coverage-bot/1", "facts": [{"id": "zendaya-donated", '
                '"text": "Zendaya donated $50,000 to the immigrant families fund.", '
                '"keywords": ["zendaya"], "citations": [{"source": "' + SOURCE_ID
                + '", "passage": "As reported."}]}]}', actor="cli", guild_id=None)
            await until(lambda: bot.engine.get("fact", "zendaya-donated") is not None, 1.0,
                        "not answered within a second", poll=0.01)
        finally:
            following.cancel()


async def test_the_running_bot_answers_what_another_process_added(env: Env) -> None:
    other = await CoverageService.open(env.settings)
    try:
        await other.add(_fact(env.world.guild.id), actor="cli")
    finally:
        await other.close()
    await until(lambda: env.service.engine.get("fact", "zendaya-donated") is not None, 2.0,
                "the bot did not follow the change")
    asked = await env.say(f"{env.mention} {QUESTION}")
    answer = embed(await asked.reply())
    assert "$50,000" in answer["description"] and fields(answer)


# ---------------------------------------------------------------- a start from the snapshot


async def test_a_second_start_reads_the_snapshot_and_applies_later_changes(
    shared_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Beside an SQLite file; for a PostgreSQL database, in the cache folder under the
    database's id."""
    settings = shared_settings
    caplog.set_level(logging.INFO, logger="bot.following")
    async with await CoverageService.open(settings) as first:
        before = await first.ask("what did doechii say at the bet awards")
        database = await first.storage.database_id()
    snap = (settings.cache_dir / f"engine-{database}.snapshot" if settings.database_url
            else Path(str(settings.database_path) + ".engine"))
    assert snap.exists()
    async with await CoverageService.open(settings) as other:
        await other.add(_fact(None), actor="elsewhere")  # after the snapshot was taken
    caplog.clear()
    async with await CoverageService.open(settings) as again:
        assert any("read from its snapshot" in r.getMessage() for r in caplog.records)
        assert (await again.ask("what did doechii say at the bet awards")).text == before.text
        assert (await again.ask(QUESTION)).record_id == "zendaya-donated"


async def test_a_corrupt_snapshot_is_rebuilt_not_trusted(settings: Settings) -> None:
    """... every record going through the progress shown while the index is built; a
    start from a good snapshot builds nothing, so shows none."""
    async with await CoverageService.open(settings):
        pass
    snap = Path(str(settings.database_path) + ".engine")
    snap.write_bytes(snap.read_bytes()[:1000])
    seen: list[tuple[int, int]] = []

    def progress(records: Iterable[Record], count: int) -> Iterator[Record]:
        shown = 0
        for record in records:
            shown += 1
            yield record
        seen.append((shown, count))

    async with await CoverageService.open(settings, progress=progress) as service:
        assert (await service.ask("what did doechii say at the bet awards")).answered
        assert seen == [(len(service.engine_bank(None)), len(service.engine_bank(None)))]
    assert snapshot.load(snap, database=await _database_id(settings)) is not None  # rewritten
    async with await CoverageService.open(settings, progress=progress):
        assert len(seen) == 1


async def _database_id(settings: Settings) -> str:
    async with await Storage.open(settings.database_path) as storage:
        return await storage.database_id()


async def test_a_snapshot_far_behind_a_large_bank_is_caught_up_not_rebuilt(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Past MAX_SNAPSHOT_LAG changes, a snapshot is still caught up while the changes are
    no more than half its records (an import into a large bank costs the next start its
    records, not a rebuild); past that the bank is indexed anew."""
    import bot.following as following

    monkeypatch.setattr(following, "MAX_SNAPSHOT_LAG", 2)
    caplog.set_level(logging.INFO, logger="bot.following")
    async with await CoverageService.open(settings) as first:
        held = first.engine.memory.count()
    assert held >= 20

    def facts(n: int, start: int) -> list[Fact]:
        return [Fact(f"lag-{i}", f"Numbered lag claim {i} about the harbour.",
                     (Citation(SOURCE_ID, "As reported."),), (), (), None, None)
                for i in range(start, start + n)]

    async with await CoverageService.open(settings) as other:
        for fact in facts(held // 2, 0):
            await other.add(fact, actor="elsewhere")
    caplog.clear()
    async with await CoverageService.open(settings) as again:
        assert any("read from its snapshot" in r.getMessage() for r in caplog.records)
        assert again.engine.get("fact", f"lag-{held // 2 - 1}") is not None
        count = again.engine.memory.count()
    async with await CoverageService.open(settings) as other:
        for fact in facts(count // 2 + 1, held):
            await other.add(fact, actor="elsewhere")
    caplog.clear()
    async with await CoverageService.open(settings) as last:
        assert not any("read from its snapshot" in r.getMessage() for r in caplog.records)
        assert last.engine.get("fact", f"lag-{held + count // 2}") is not None
