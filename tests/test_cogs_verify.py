"""bot/cogs/verify.py: /verify, for everyone, in servers and DMs."""

from __future__ import annotations

from tests.discord_env import Env, callback, ephemeral_text


async def test_a_real_quote_is_verbatim_and_a_changed_one_is_altered(env: Env) -> None:
    quote = env.service.quotes_by_speaker("mark-ruffalo", guild_id=None)[0].quote
    same = await env.slash("verify", {"text": quote.text})
    assert (await callback(same))["data"]["embeds"][0]["title"].startswith("✓ Verbatim")
    words = quote.text.split()
    changed = " ".join([*words[:-1], "nothing"]) if words[-1] != "nothing" else quote.text + "!"
    altered = await env.slash("verify", {"text": changed})
    title = (await callback(altered))["data"]["embeds"][0]["title"]
    assert not title.startswith("✓")


async def test_an_over_long_paste_is_a_clear_message(env: Env) -> None:
    long = await env.slash("verify", {"text": "word " * 200})
    assert "please keep it under" in await ephemeral_text(long)
