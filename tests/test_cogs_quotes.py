"""bot/cogs/quotes.py: /quote speaker|random|add|edit|remove and /quotes."""

from __future__ import annotations

from bot.models import Citation, Quote
from tests.discord_env import SOURCE_ID, Env, callback, ephemeral_text, fields


async def test_one_search_for_the_autocomplete_and_the_command(env: Env) -> None:
    cog = env.bot.get_cog("Quotes")
    found = cog.find_speakers(env.world.guild.id, "ruffalo")  # type: ignore[union-attr]
    assert found[0].name == "Mark Ruffalo"
    assert cog.resolve_speaker(env.world.guild.id, "mark-ruffalo").name == "Mark Ruffalo"  # type: ignore[union-attr]
    typed = await env.slash("quote speaker", {"speaker": "mark ruffalo"})
    assert fields((await callback(typed))["data"]["embeds"][0])["Said by"] == "Mark Ruffalo"


async def test_about_narrows_and_says_so_when_nothing_fits(env: Env) -> None:
    nothing = await env.slash("quote speaker", {"speaker": "doechii", "about": "volcanoes"})
    text = await ephemeral_text(nothing)
    assert "no quote by Doechii about" in text and "/quotes" in text


async def test_a_servers_own_quote_is_theirs_alone(env: Env) -> None:
    w = env.world
    await env.service.add(Quote("ours", "doechii", "A quote for this server only.", "",
                                (Citation(SOURCE_ID, "p"),), (), w.guild.id), actor="test")
    typed = await env.fake.autocomplete(w.guild.id, w.channel.id, w.admin, "quote edit",
                                        {"quote": "server only"}, "quote")
    assert [c["value"] for c in await typed.choices()] == ["ours"]
    other = await env.fake.autocomplete(w.other_guild.id, w.other_channel.id, w.owner,
                                        "quote edit", {"quote": "server only"}, "quote")
    assert "ours" not in [c["value"] for c in await other.choices()]
