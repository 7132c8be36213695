"""bot/cogs/checks.py: who may do what, enforced on commands, components and autocompletes,
through the fake Discord (a member, a Manage Server admin, the owner; a guild and a DM)."""

from __future__ import annotations

from tests.discord_env import Env, callback, ephemeral_text


async def test_a_member_is_refused_an_admin_command_even_when_it_is_visible(env: Env) -> None:
    refused = await env.slash("fact add", user=env.world.member, bypass=True)
    assert "Only server managers" in await ephemeral_text(refused)


async def test_an_admin_and_the_owner_may(env: Env) -> None:
    for user in (env.world.admin, env.world.owner):
        opened = await env.slash("fact add", user=user)
        assert (await opened.modal())["title"] == "Add a fact"


async def test_admin_autocompletes_say_nothing_to_members(env: Env) -> None:
    w = env.world
    typed = await env.fake.autocomplete(w.guild.id, w.channel.id, w.member, "quote edit",
                                        {"quote": ""}, "quote")
    assert await typed.choices() == []  # /quote is visible to all: the check is the bot's
    typed = await env.fake.autocomplete(w.guild.id, w.channel.id, w.admin, "fact show",
                                        {"fact": ""}, "fact")
    assert await typed.choices()


async def test_the_shipped_coverage_is_changed_only_by_owners(env: Env) -> None:
    w = env.world
    shipped_fact = next(iter(env.service.search_facts("", limit=1, guild_id=w.guild.id)))
    refused = await env.slash("fact edit", {"fact": shipped_fact.id}, w.admin)
    assert "only the bot's owners" in await ephemeral_text(refused)
    allowed = await env.slash("fact edit", {"fact": shipped_fact.id}, w.owner)
    assert (await callback(allowed))["type"] == 9  # the form opens
