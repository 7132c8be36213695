"""bot/client.py: the pieces of the bot that need no gateway (the rest runs against the fake
Discord in tests/test_discord_e2e.py)."""

from __future__ import annotations

import logging

import discord
import pytest
from discord import app_commands

from bot.client import (
    EXTENSIONS,
    SYNC_HASH_KEY,
    CoverageBot,
    _RedactToken,
    commands_hash,
    default_allowed_mentions,
    default_intents,
    sync_hash_key,
)
from bot.service import CoverageService
from bot.settings import Settings


def _tree(description: str) -> app_commands.CommandTree[discord.Client]:
    client = discord.Client(intents=discord.Intents.none())
    tree = app_commands.CommandTree(client)

    @tree.command(name="ping", description=description)
    async def ping(interaction: discord.Interaction) -> None:  # type: ignore[type-arg]
        """Ping."""

    return tree


def test_the_commands_hash_is_stable_and_sees_a_changed_description() -> None:
    assert commands_hash(_tree("Check the bot.")) == commands_hash(_tree("Check the bot."))
    assert commands_hash(_tree("Check the bot.")) != commands_hash(_tree("Is it up?"))


def test_each_guild_sync_has_its_own_key() -> None:
    assert sync_hash_key(None) == SYNC_HASH_KEY
    assert sync_hash_key(5) != sync_hash_key(6) != SYNC_HASH_KEY


def test_the_bot_pings_nobody_but_the_asker_it_replies_to() -> None:
    mentions = default_allowed_mentions()
    assert mentions.everyone is False and mentions.users is False and mentions.roles is False
    assert mentions.replied_user is True


def test_intents_ask_only_for_what_the_bot_uses() -> None:
    intents = default_intents()
    assert intents.message_content and intents.guild_messages and intents.dm_messages
    assert not intents.members and not intents.presences
    assert not default_intents(message_content=False).message_content


def test_the_token_never_reaches_a_log_line() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "connecting with %s", ("tok-123",),
                               None)
    assert _RedactToken("tok-123").filter(record)
    assert record.getMessage() == "connecting with [token]"


def test_every_command_group_is_a_cog_the_bot_loads() -> None:
    assert {"bot.cogs.ask", "bot.cogs.quotes", "bot.cogs.facts", "bot.cogs.sources",
            "bot.cogs.kb", "bot.cogs.owner", "bot.cogs.verify"} == set(EXTENSIONS)


async def test_a_start_warns_of_no_voice_library_the_bot_never_uses(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = True  # as on import
    caplog.set_level(logging.INFO, logger="discord")
    async with await CoverageService.open(settings) as service:
        CoverageBot(settings=settings, service=service)
    assert not [r for r in caplog.records if "voice" in r.getMessage()]
