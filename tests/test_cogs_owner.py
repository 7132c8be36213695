"""bot/cogs/owner.py: ``@bot sync`` for the bot's owners, on purpose."""

from __future__ import annotations

from tests.discord_env import GUILD_COMMANDS, Env, no_reply_before


async def test_sync_here_syncs_to_this_guild_only(env: Env) -> None:
    asked = await env.say(f"{env.mention} sync here", env.world.owner)
    reply = await asked.reply()
    assert reply["content"].startswith("Synced ") and f"to guild {env.world.guild.id}" in (
        reply["content"])
    assert env.fake.requests_to("PUT", GUILD_COMMANDS)


async def test_a_bad_scope_says_how_to_use_it(env: Env) -> None:
    asked = await env.say(f"{env.mention} sync everywhere", env.world.owner)
    assert "Use `sync`" in (await asked.reply())["content"]


async def test_anyone_else_gets_no_answer(env: Env) -> None:
    asked = await env.say(f"{env.mention} sync here", env.world.admin)
    await no_reply_before(env, asked)
    assert not env.fake.requests_to("PUT", GUILD_COMMANDS)
