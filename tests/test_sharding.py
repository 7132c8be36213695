"""The real bot sharded against the fake Discord: each guild is answered by its shard,
whether all shards run in one process (AutoShardedBot) or each in its own bot instance
(SHARD_COUNT / SHARD_IDS), the latter sharing one database file as separate processes do."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import CoverageBot
from bot.errors import ConfigError
from bot.service import CoverageService
from bot.settings import Settings, load_settings
from tests.conftest import KNOWLEDGE_DIR
from tests.fakediscord.fixtures import running_bot, running_fake
from tests.fakediscord.server import FakeDiscord

QUESTION = "how many protestors were arrested on sunday"


@contextlib.asynccontextmanager
async def two_shard_processes(fake: FakeDiscord, base: Settings
                              ) -> AsyncIterator[tuple[list[CoverageService], list[CoverageBot]]]:
    """Two bots as two processes run them (SHARD_COUNT=2, SHARD_IDS=0 and 1), each with its
    own service (connection and engine) on the one database of ``base``."""
    services = [await CoverageService.open(base) for _ in range(2)]
    try:
        bots = [CoverageBot(settings=base.with_overrides(shard_count=2, shard_ids=frozenset({i})),
                            service=services[i], auto_sync=i == 0) for i in range(2)]
        async with running_bot(fake, bots[0]), running_bot(fake, bots[1]):
            yield services, bots
    finally:
        for service in services:
            await service.close()


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(database_path=tmp_path / "bank.db", cache_dir=tmp_path / "cache",
                    knowledge_dir=KNOWLEDGE_DIR,
                    question_cooldown=0.0).with_overrides(**overrides)


async def test_auto_sharded_bot_answers_each_guild_on_its_shard(tmp_path: Path) -> None:
    async with running_fake(recommended_shards=2) as fake:
        world = fake.world  # type: ignore[attr-defined]
        settings = settings_for(tmp_path)
        async with await CoverageService.open(settings) as service:
            bot = CoverageBot(settings=settings, service=service)
            async with running_bot(fake, bot):
                assert bot.shard_count == 2
                mention = f"<@{fake.bot_user.id}> "
                first = await fake.send_message(world.guild, world.channel, world.member,
                                                mention + QUESTION)
                second = await fake.send_message(world.other_guild, world.other_channel,
                                                 world.other_member, mention + QUESTION)
                replies = [await first.reply(), await second.reply()]
                shards = {g.id: g.shard_id for g in bot.guilds}
    identifies = sorted(e.data["shard"] for e in fake.gateway.events if e.kind == "identify")
    assert identifies == [[0, 2], [1, 2]]
    assert shards == {world.guild.id: 0, world.other_guild.id: 1}
    for reply in replies:
        assert "40 on Sunday" in str(reply["embeds"])


async def test_shards_split_over_two_bots_each_answer_only_their_guilds(tmp_path: Path) -> None:
    async with running_fake(recommended_shards=2) as fake:
        world = fake.world  # type: ignore[attr-defined]
        async with two_shard_processes(fake, settings_for(tmp_path)) as (_services, bots):
            assert [sorted(b.shards) for b in bots] == [[0], [1]]
            assert [g.id for g in bots[0].guilds] == [world.guild.id]
            assert [g.id for g in bots[1].guilds] == [world.other_guild.id]
            mention = f"<@{fake.bot_user.id}> "
            mark = len(fake.requests)
            first = await fake.send_message(world.guild, world.channel, world.member,
                                            mention + QUESTION)
            second = await fake.send_message(world.other_guild, world.other_channel,
                                             world.other_member, mention + QUESTION)
            await first.reply()
            await second.reply()
            await asyncio.sleep(0.2)  # a second answer, if any, would have come by now
            posts = [r for r in fake.requests[mark:]
                     if r.is_("POST", "/channels/{channel_id}/messages")]
    # One answer per question, each in its own guild's channel (from that guild's shard).
    assert sorted(str(r.path) for r in posts) == sorted(
        f"/channels/{c}/messages" for c in (world.channel.id, world.other_channel.id)
    )


def test_shard_settings_are_validated() -> None:
    settings = load_settings({"SHARD_COUNT": "4", "SHARD_IDS": "0,2"}, env_file=None)
    assert settings.shard_count == 4 and settings.shard_ids == frozenset({0, 2})
    for bad in ({"SHARD_COUNT": "0"}, {"SHARD_IDS": "1"},
                {"SHARD_COUNT": "2", "SHARD_IDS": "2"}, {"SHARD_COUNT": "two"}):
        with pytest.raises(ConfigError):
            load_settings(bad, env_file=None)


async def test_an_owner_edit_through_one_shard_process_is_answered_by_the_other(
        tmp_path: Path, postgres_url: str) -> None:
    """Issue 12: two bot processes (shard 0 and shard 1, each its own connection and engine)
    on one PostgreSQL database: an owner's edit of the shared coverage made through the
    first is answered by the second, in its own guild, within about a second."""
    from tests.discord_env import ephemeral_text

    async with running_fake(recommended_shards=2) as fake:
        world = fake.world  # type: ignore[attr-defined]
        base = settings_for(tmp_path).with_database(postgres_url)
        async with two_shard_processes(fake, base) as (services, _bots):
            fact_id = "doechii-best-female-hip-hop-artist"
            editing = await fake.slash(world.guild.id, world.channel.id, world.owner,
                                       "fact edit", {"fact": fact_id})
            modal = await editing.modal()
            done = await fake.submit_modal(
                modal["custom_id"], {"text": "Doechii was named the best female hip hop "
                                             "artist of the year at the BET Awards, in "
                                             "front of 8,000 guests."},
                world.owner)
            assert "for the shipped coverage" in await ephemeral_text(done)
            start = asyncio.get_running_loop().time()
            while "8,000 guests" not in (
                    services[1].engine.get("fact", fact_id).text):  # type: ignore[union-attr]
                assert asyncio.get_running_loop().time() - start < 1.5, "not followed"
                await asyncio.sleep(0.05)
            mention = f"<@{fake.bot_user.id}> "
            asked = await fake.send_message(
                world.other_guild, world.other_channel, world.other_member,
                mention + "how many guests were at the bet awards")
            reply = await asked.reply()
    assert "8,000 guests" in str(reply["embeds"])  # answered by shard 1's process
