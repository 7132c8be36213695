"""The real bot sharded against the fake Discord: each guild is answered by its shard,
whether all shards run in one process (AutoShardedBot) or each in its own bot instance
(SHARD_COUNT / SHARD_IDS), the latter sharing one database file as separate processes do."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.client import CoverageBot
from bot.errors import ConfigError
from bot.service import CoverageService
from bot.settings import Settings, load_settings
from tests.conftest import KNOWLEDGE_DIR
from tests.fakediscord.fixtures import running_bot, running_fake

QUESTION = "how many protestors were arrested on sunday"


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(database_path=tmp_path / "bank.db", knowledge_dir=KNOWLEDGE_DIR,
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
        base = settings_for(tmp_path)
        services = [await CoverageService.open(base) for _ in range(2)]
        try:
            bots = [
                CoverageBot(settings=base.with_overrides(shard_count=2, shard_ids=frozenset({i})),
                            service=services[i], auto_sync=i == 0)
                for i in range(2)
            ]
            async with running_bot(fake, bots[0]), running_bot(fake, bots[1]):
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
        finally:
            for service in services:
                await service.close()
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
