"""bot/cogs/facts.py: /fact add|edit|remove|show through the fake Discord."""

from __future__ import annotations

from bot.models import Citation, Fact
from tests.discord_env import SOURCE_ID, Env, callback, ephemeral_text


async def _own_fact(env: Env, text: str = "Zendaya donated $50,000.") -> Fact:
    fact = Fact("zendaya-donated", text, (Citation(SOURCE_ID, "As reported."),), (),
                ("zendaya",), None, env.world.guild.id)
    await env.service.add(fact, actor="test")
    return fact


async def test_show_gives_the_fact_with_its_citations(env: Env) -> None:
    fact = await _own_fact(env)
    shown = await env.slash("fact show", {"fact": fact.id}, env.world.admin)
    body = await callback(shown)
    e = body["data"]["embeds"][0]
    assert e["title"] == f"Fact {fact.id}" and "Zendaya donated" in e["description"]
    assert body["data"]["flags"] & 64  # to the admin alone


async def test_autocomplete_offers_only_what_this_admin_may_change(env: Env) -> None:
    w = env.world
    fact = await _own_fact(env)
    editable = await env.fake.autocomplete(w.guild.id, w.channel.id, w.admin, "fact edit",
                                           {"fact": ""}, "fact")
    assert [c["value"] for c in await editable.choices()] == [fact.id]
    shown = await env.fake.autocomplete(w.guild.id, w.channel.id, w.admin, "fact show",
                                        {"fact": ""}, "fact")
    assert len(await shown.choices()) > 1  # shared facts can be shown, not changed


async def test_a_fact_of_another_server_is_not_found(env: Env) -> None:
    fact = await _own_fact(env)
    w = env.world
    other = await env.slash("fact show", {"fact": fact.id}, w.owner, guild=w.other_guild.id,
                            channel=w.other_channel.id)
    assert "There is no fact" in await ephemeral_text(other)


async def test_cancel_removes_nothing(env: Env) -> None:
    fact = await _own_fact(env)
    removing = await env.slash("fact remove", {"fact": fact.id}, env.world.admin)
    prompt = await callback(removing)
    cancel = next(c for row in prompt["data"]["components"] for c in row["components"]
                  if c["label"] == "Cancel")
    clicked = await env.fake.click((await removing.reply())["id"], cancel["custom_id"],
                                   env.world.admin)
    assert (await callback(clicked))["data"]["content"] == "Nothing was removed."
    assert env.service.visible("fact", fact.id, env.world.guild.id) == fact
