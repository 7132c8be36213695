"""Test ergonomics: a started fake with a small default world, discord.py pointed at it, and a
helper to run any ``commands.Bot`` against it until ready.

In a conftest (or a test module)::

    from tests.fakediscord.fixtures import fake_discord  # noqa: F401  (the fixture)

    async def test_echo(fake_discord):
        fake, world = fake_discord, fake_discord.world
        async with running_bot(fake, make_my_bot()) as bot:
            handle = await fake.send_message(world.guild.id, world.channel.id, world.member, "hi")
            reply = await handle.reply()
        assert reply["content"] == "hi"

The fixture fails the test at teardown if the fake saw any problem (an off-spec body, an
unknown route, a late interaction ack...): a test that provokes one on purpose asserts on it
and then clears the list (``fake.invalid_requests.clear()``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import discord
import discord.gateway
import discord.http
import pytest_asyncio
import yarl

from tests.fakediscord.models import FakeChannel, FakeGuild, FakeMember, FakeRole, Permissions
from tests.fakediscord.server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@dataclass
class World:
    """The default world: two guilds (on shards 0 and 1 of 2), each with #general."""

    guild: FakeGuild
    channel: FakeChannel
    member: FakeMember  # a normal member (no MANAGE_GUILD)
    admin: FakeMember  # has the "Moderator" role with MANAGE_GUILD
    admin_role: FakeRole
    owner: FakeMember  # the guild owner, who is also the application's owner
    other_guild: FakeGuild
    other_channel: FakeChannel
    other_member: FakeMember  # the same user as ``member``, in the other guild


def build_default_world(fake: FakeDiscord) -> World:
    guild = fake.create_guild("Coverage Test Guild", shard=(0, 2))
    channel = fake.add_channel(guild, "general", topic="talk about the news")
    fake.add_channel(guild, "off-topic")
    admin_role = guild.add_role("Moderator", Permissions.DEFAULT_EVERYONE
                                | Permissions.MANAGE_GUILD | Permissions.MANAGE_MESSAGES)
    alice = fake.create_user("alice", global_name="Alice")
    bob = fake.create_user("bob", global_name="Bob the Moderator")
    member = fake.add_member(guild, alice)
    admin = fake.add_member(guild, bob, [admin_role])
    owner = guild.members[fake.owner.id]
    other = fake.create_guild("Second Guild", shard=(1, 2))
    other_channel = fake.add_channel(other, "general")
    other_member = fake.add_member(other, alice)
    return World(guild, channel, member, admin, admin_role, owner, other, other_channel,
                 other_member)


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's two globals at the fake, restoring them afterwards.

    ``Route.BASE`` is read when a Route is built (REST and webhook/interaction routes alike);
    ``DiscordWebSocket.DEFAULT_GATEWAY`` is the gateway a plain ``Client`` connects to (it
    does not call ``GET /gateway/bot``; ``AutoShardedClient`` without ``shard_count`` does,
    and the fake answers with its own URL). After READY the client uses READY's
    ``resume_gateway_url`` (the fake's ``/resume/``) to RESUME.
    """
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def running_fake(*, world: bool = True, fail_on_problems: bool = True,
                       kind: type[FakeDiscord] = FakeDiscord,
                       **options: Any) -> AsyncIterator[FakeDiscord]:
    """Start a ``kind(**options)`` (a FakeDiscord or a subclass), build the default world
    (``fake.world``), point discord.py at it; on exit restore discord.py, stop, and (by
    default) fail on problems."""
    fake = kind(**options)
    if world:
        fake.world = build_default_world(fake)  # type: ignore[attr-defined]
    await fake.start()
    try:
        with pointed_at(fake):
            yield fake
    finally:
        await fake.stop()
    if fail_on_problems:
        fake.assert_clean()


def fake_discord_fixture(**options: Any) -> Any:
    """Make a pytest-asyncio fixture yielding a started fake (see ``running_fake``)."""

    @pytest_asyncio.fixture
    async def _fixture() -> AsyncIterator[FakeDiscord]:
        async with running_fake(**options) as fake:
            yield fake

    return _fixture


#: The ready-made fixture: ``from tests.fakediscord.fixtures import fake_discord``.
fake_discord = fake_discord_fixture()


async def _no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
    return None


def prepare_bot(bot: discord.Client, *, guild_ready_timeout: float = 0.05) -> None:
    """Make a client test-fast without changing its behaviour otherwise:

    * ``guild_ready_timeout``: discord.py waits this long after the last GUILD_CREATE before
      ``on_ready`` (default 2 s). It is a constructor option (``guild_ready_timeout=``); this
      sets the same value on the connection state for bots built elsewhere.
    * ``before_identify_hook``: discord.py's default sleeps 5 s before every IDENTIFY but the
      first (``Client.before_identify_hook`` - e.g. after INVALID_SESSION). The hook exists to
      be overridden; an instance attribute replaces it.
    """
    bot._connection.guild_ready_timeout = guild_ready_timeout
    bot.before_identify_hook = _no_identify_delay  # type: ignore[method-assign]


@contextlib.asynccontextmanager
async def running_bot(fake: FakeDiscord, bot: ClientT, *, timeout: float = 10.0,
                      guild_ready_timeout: float = 0.05, wait_ready: bool = True,
                      ) -> AsyncIterator[ClientT]:
    """Run ``bot.start(fake.token)`` in a task until ``on_ready``; close it cleanly on exit."""
    prepare_bot(bot, guild_ready_timeout=guild_ready_timeout)
    task = asyncio.create_task(bot.start(fake.token), name="fake-discord-bot")
    try:
        if wait_ready:
            await wait_ready_or_crash(bot, task, timeout)
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            try:
                await asyncio.wait_for(task, timeout=5)
            except TimeoutError:
                task.cancel()
                raise


async def wait_ready_or_crash(bot: discord.Client, task: asyncio.Task[Any],
                              timeout: float) -> None:
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({ready, task}, timeout=timeout,
                                 return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        if task in done:
            task.result()  # re-raise the bot's crash
            raise RuntimeError("the bot stopped before it was ready")
        raise TimeoutError(f"the bot was not ready after {timeout}s")


async def wait_for_event(bot: discord.Client, event: str, timeout: float = 5.0,
                         check: Callable[..., bool] | None = None) -> Any:
    """``bot.wait_for`` with a timeout (e.g. 'resumed', 'ready', 'shard_ready')."""
    return await bot.wait_for(event, timeout=timeout, check=check)
