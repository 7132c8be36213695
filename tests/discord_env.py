"""The real bot against the fake Discord, for the tests of the Discord layer: the ``fake`` and
``env`` fixtures (a fresh bot, service and database per test) and the helpers that read what
the bot sent. A pytest plugin of tests/conftest.py, so every test module has the fixtures."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.client import (
    CoverageBot,
)
from bot.service import CoverageService
from bot.settings import Settings
from tests.fakediscord.fixtures import World, running_bot, running_fake
from tests.fakediscord.models import FakeMember
from tests.fakediscord.server import FakeDiscord, InteractionHandle, MessageHandle

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
SOURCE_ID = "newsnation-celebrities-ice-raids"
COMMANDS = "/applications/{application_id}/commands"
GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"
MESSAGES = "/channels/{channel_id}/messages"

# Interaction callback types.
CHANNEL_MESSAGE, DEFERRED_MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL = 4, 5, 7, 8, 9
EPHEMERAL = 64


# --------------------------------------------------------------------------- fixtures


@dataclass
class Env:
    fake: FakeDiscord
    world: World
    bot: CoverageBot
    service: CoverageService
    settings: Settings

    @property
    def mention(self) -> str:
        return f"<@{self.fake.bot_user.id}>"

    async def say(self, content: str, user: FakeMember | None = None, *, guild: Any = "default",
                  channel: Any = None, reply_to: int | None = None) -> MessageHandle:
        w = self.world
        gid = w.guild.id if guild == "default" else guild
        cid = channel if channel is not None else (w.channel.id if gid == w.guild.id else None)
        return await self.fake.send_message(gid, cid, user or w.member, content,
                                            reference_message_id=reply_to)

    async def slash(self, name: str, options: dict[str, Any] | None = None,
                    user: FakeMember | None = None, *, guild: Any = "default",
                    channel: Any = None, bypass: bool = False) -> InteractionHandle:
        w = self.world
        gid = w.guild.id if guild == "default" else guild
        cid = channel if channel is not None else (w.channel.id if gid == w.guild.id else None)
        return await self.fake.slash(gid, cid, user or w.member, name, options,
                                     bypass_permissions=bypass)


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(database_path=tmp_path / "bank.db", cache_dir=tmp_path / "cache",
                    knowledge_dir=KNOWLEDGE_DIR,
                    question_cooldown=0.0).with_overrides(**overrides)


@contextlib.asynccontextmanager
async def bot_env(fake: FakeDiscord, settings: Settings) -> AsyncIterator[Env]:
    service = await CoverageService.open(settings)
    try:
        bot = CoverageBot(settings=settings, service=service)
        async with running_bot(fake, bot):
            yield Env(fake, fake.world, bot, service, settings)  # type: ignore[attr-defined]
    finally:
        await service.close()


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake() as fake:
        yield fake


@pytest_asyncio.fixture
async def env(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Env]:
    async with bot_env(fake, settings_for(tmp_path)) as env:
        yield env


@pytest.fixture
def restore_logging() -> Any:
    """run_bot configures logging for the process; put the root logger back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)


# --------------------------------------------------------------------------- helpers


def embed(msg: dict[str, Any]) -> dict[str, Any]:
    assert msg["embeds"], f"expected an embed, got {msg}"
    return msg["embeds"][0]


def fields(e: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in e.get("fields", [])}


def custom_ids(msg: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in msg["components"] for c in row.get("components", [])
            if "custom_id" in c]


def sent_body(fake: FakeDiscord, message_id: str | int) -> dict[str, Any]:
    """The JSON the bot sent to create a message (channel message or followup)."""
    for r in fake.requests:
        if r.ok and isinstance(r.response, dict) and r.response.get("id") == str(message_id):
            return r.json  # type: ignore[no-any-return]
    raise AssertionError(f"no request created message {message_id}")


async def callback(handle: InteractionHandle) -> dict[str, Any]:
    req = await handle.response()
    assert req.ok, (req.status, req.response)
    return req.json  # type: ignore[no-any-return]


async def ephemeral_text(handle: InteractionHandle) -> str:
    """The text of an ephemeral answer (initial response or, after a defer, a followup)."""
    body = await callback(handle)
    if body["type"] == CHANNEL_MESSAGE:
        assert body["data"]["flags"] & EPHEMERAL, body
        return str(body["data"]["content"])
    assert body["type"] == DEFERRED_MESSAGE
    follow = await handle.followup()
    return str(follow.json["content"])


async def no_reply_before(env: Env, silent: MessageHandle) -> None:
    """Asserts ``silent`` got no reply: a later, answered message proves the bot processed
    the earlier one (events are handled in order) without replying to it."""
    sentinel = await env.say(f"{env.mention} what did Doechii say at the BET Awards?")
    await sentinel.reply()
    refs = [m.get("message_reference", {}).get("message_id")
            for m in env.fake.bot_messages()]
    assert str(silent.id) not in refs
    assert not [m for m in silent.replies() if int(m["id"]) < sentinel.id]


async def add_fact_via_modal(env: Env, text: str, *, user: FakeMember | None = None,
                             keywords: str = "", people: str = "",
                             passage: str = "As reported.") -> InteractionHandle:
    admin = user or env.world.admin
    opened = await env.slash("fact add", user=admin)
    modal = await opened.modal()
    assert modal["title"] == "Add a fact"
    return await env.fake.submit_modal(
        modal["custom_id"],
        {"text": text, "keywords": keywords, "people": people, "source": SOURCE_ID,
         "passage": passage},
        admin,
    )


