"""The real bot (``CoverageBot`` with the cogs ``run_bot`` loads, over a real
``CoverageService`` on a tmp SQLite file) against the fake Discord.

Tests act as users (messages, slash commands, autocomplete, button clicks, modal submits)
and assert on the REST calls the bot made. Every request body is validated against Discord's
OpenAPI description by the fake; the fake fails the test at teardown if it saw any problem
(invalid body, unknown route, late interaction ack, rejected call).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from bot.client import (
    LOGIN_FAILED_HELP,
    SYNC_HASH_KEY,
    commands_hash,
    run_bot,
    sync_commands,
)
from bot.errors import CoverageBotError
from bot.models import Citation, Quote
from bot.service import CoverageService
from bot.settings import Settings
from tests.discord_env import (
    CHANNEL_MESSAGE,
    COMMANDS,
    DEFERRED_MESSAGE,
    EPHEMERAL,
    GUILD_COMMANDS,
    MESSAGES,
    SOURCE_ID,
    UPDATE_MESSAGE,
    Env,
    add_fact_via_modal,
    bot_env,
    callback,
    custom_ids,
    embed,
    ephemeral_text,
    fields,
    no_reply_before,
    sent_body,
    settings_for,
)
from tests.fakediscord.fixtures import World
from tests.fakediscord.interactions import InteractionRefused
from tests.fakediscord.models import FakeAttachment, FakeMember, Permissions
from tests.fakediscord.server import FakeDiscord, InteractionHandle

# --------------------------------------------------------------------------- asking


async def test_mention_is_answered_with_a_cited_source(env: Env) -> None:
    asked = await env.say(f"{env.mention} what did Doechii say at the BET Awards?")
    reply = await asked.reply()
    assert reply["message_reference"]["message_id"] == str(asked.id)
    e = embed(reply)
    assert e["author"]["name"] == "what did Doechii say at the BET Awards?"  # mention stripped
    assert e["description"].startswith("Doechii said")  # her own words (issue 9)
    source = fields(e)["Source"]
    assert "**NewsNation**" in source and "date not given" in source
    assert source.splitlines()[1].startswith("> ")  # the passage relied on
    assert e["footer"]["text"].startswith("Confidence ")
    body = sent_body(env.fake, reply["id"])
    assert body["allowed_mentions"] == {"parse": [], "replied_user": True}
    assert [c for c in custom_ids(reply) if c.startswith("cb:fb:")]


async def test_reply_to_an_answer_is_a_question(env: Env) -> None:
    first = await (await env.say(f"{env.mention} what did Doechii say at the BET Awards?")
                   ).reply()
    follow = await env.say("and what did Mark Ruffalo say?", reply_to=int(first["id"]))
    reply = await follow.reply()
    assert reply["message_reference"]["message_id"] == str(follow.id)
    e = embed(reply)
    assert fields(e)["Said by"] == "Mark Ruffalo"
    assert "NewsNation" in fields(e)["Source"]


async def test_ask_slash_defers_then_answers_with_a_citation(env: Env) -> None:
    handle = await env.slash("ask", {"question": "what did Kim Kardashian say?"})
    assert (await callback(handle))["type"] == DEFERRED_MESSAGE
    reply = await handle.reply()
    e = embed(reply)
    assert fields(e)["Said by"] == "Kim Kardashian"
    assert "NewsNation" in fields(e)["Source"]


async def test_dm_question_is_answered(env: Env) -> None:
    asked = await env.say("what did Doechii say at the BET Awards?", guild=None)
    reply = await asked.reply()
    assert embed(reply)["description"].startswith("Doechii said")


async def test_follow_ups_are_per_person_and_channel(env: Env) -> None:
    """'what else did she say' after 'who is doechii' is about Doechii for the one who
    asked, in that channel or DM, through a mention or /ask (issue 9)."""
    first = await env.say(f"{env.mention} who is doechii")
    assert embed(await first.reply())["description"].startswith("Doechii")
    then = await env.say(f"{env.mention} what did she say at the BET Awards?")
    said = embed(await then.reply())
    assert fields(said)["Said by"] == "Doechii"
    more = await env.slash("ask", {"question": "what else did she say?"})
    other_quote = embed(await more.reply())
    assert fields(other_quote)["Said by"] == "Doechii"
    assert other_quote["description"] != said["description"]
    # another person in the channel has no "she" from Alice's questions
    theirs = await env.say(f"{env.mention} what did she say at the BET Awards?", env.world.admin)
    assert fields(embed(await theirs.reply())).get("Said by") != "Doechii"
    # in a DM, the same conversation rules: the DM is its own channel
    await (await env.say("who is mark ruffalo", guild=None)).reply()
    dm = await env.say("what did he say?", guild=None)
    assert fields(embed(await dm.reply()))["Said by"] == "Mark Ruffalo"


async def test_plain_messages_are_ignored_except_in_answer_channels(env: Env) -> None:
    plain = await env.say("what did Doechii say at the BET Awards?")
    await no_reply_before(env, plain)

    enable = await env.slash("kb channel", {"action": "enable"}, env.world.admin)
    assert "every message" in await ephemeral_text(enable)
    assert env.world.channel.id in await env.service.answer_channels(env.world.guild.id)
    asked = await env.say("what did Mark Ruffalo say?")
    assert fields(embed(await asked.reply()))["Said by"] == "Mark Ruffalo"
    chatter = await env.say("lol 😀 !!")  # not a question: no "ask me a question" spam
    await no_reply_before(env, chatter)

    disable = await env.slash("kb channel", {"action": "disable"}, env.world.admin)
    assert "only when mentioned" in await ephemeral_text(disable)
    again = await env.say("what did Mark Ruffalo say?")
    await no_reply_before(env, again)
    audit = await env.service.audit_log(guild_id=env.world.guild.id)
    assert [(a.action, a.kind) for a in audit[:2]] == [("remove", "channel"),
                                                        ("add", "channel")]


async def test_bots_are_ignored(env: Env) -> None:
    other_bot = env.fake.create_user("otherbot", bot=True)
    env.fake.add_member(env.world.guild, other_bot)
    from_bot = await env.fake.send_message(env.world.guild.id, env.world.channel.id,
                                           other_bot, f"{env.mention} what did Doechii say?")
    await no_reply_before(env, from_bot)


async def test_unanswerable_question_offers_suggestion_buttons(env: Env) -> None:
    asked = await env.say(f"{env.mention} what did Doechi sing?")
    reply = await asked.reply()
    e = embed(reply)
    assert "Did you mean" in fields(e)
    suggestions = [c for c in custom_ids(reply) if c.startswith("cb:ask:")]
    assert "cb:ask:What did Doechii say?" in suggestions
    logged = await env.service.top_unanswered(guild_id=env.world.guild.id)
    assert [q.question for q in logged] == ["what did Doechi sing?"]

    clicked = await env.fake.click(reply["id"], "cb:ask:What did Doechii say?",
                                   env.world.admin)
    assert (await callback(clicked))["type"] == DEFERRED_MESSAGE
    answer = await clicked.reply()
    assert embed(answer)["author"]["name"] == "What did Doechii say?"
    assert "NewsNation" in next(v for k, v in fields(embed(answer)).items()
                                if k.startswith("Source"))


async def test_bad_input_gets_a_clear_message_and_changes_nothing(env: Env) -> None:
    empty = await env.slash("ask", {"question": "  ?! "})
    assert "Ask me a question" in await ephemeral_text(empty)
    long = await env.slash("ask", {"question": "why " * 200})
    text = await ephemeral_text(long)
    assert "799 characters long" in text and "under 500" in text
    only_mention = await env.say(env.mention)
    reply = await only_mention.reply()
    assert reply["content"].startswith("Ask me a question")
    assert await env.service.top_unanswered(guild_id=env.world.guild.id) == []


async def test_cooldown_is_per_user_and_polite(fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_env(fake, settings_for(tmp_path, question_cooldown=60.0)) as env:
        first = await env.slash("ask", {"question": "what did Doechii say?"})
        await first.reply()
        second = await env.slash("ask", {"question": "what did Kehlani say?"})
        text = await ephemeral_text(second)
        assert text.startswith("Please wait") and "seconds before asking" in text
        by_message = await env.say(f"{env.mention} what did Kehlani say?")
        reply = await by_message.reply()
        assert reply["content"].startswith("Please wait")
        assert sent_body(fake, reply["id"])["allowed_mentions"]["replied_user"] is False
        other_user = await env.slash("ask", {"question": "what did Kehlani say?"},
                                     env.world.admin)
        assert (await callback(other_user))["type"] == DEFERRED_MESSAGE
        await other_user.reply()


async def test_a_suggestion_button_is_not_a_question_for_the_cooldown(
        fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_env(fake, settings_for(tmp_path, question_cooldown=60.0)) as env:
        asked = await env.say(f"{env.mention} what did Doechi sing?")
        reply = await asked.reply()
        # The same user presses "did you mean" at once: answered, not told to wait.
        clicked = await env.fake.click(reply["id"], "cb:ask:What did Doechii say?",
                                       env.world.member)
        assert (await callback(clicked))["type"] == DEFERRED_MESSAGE
        answer = await clicked.reply()
        assert embed(answer)["author"]["name"] == "What did Doechii say?"
        # A typed question is still held to the cooldown.
        second = await env.slash("ask", {"question": "what did Kehlani say?"})
        assert (await ephemeral_text(second)).startswith("Please wait")


async def test_feedback_buttons_are_recorded(env: Env) -> None:
    reply = await (await env.say(f"{env.mention} what did Mark Ruffalo say?")).reply()
    up = next(c for c in custom_ids(reply) if c.startswith("cb:fb:1:"))
    down = next(c for c in custom_ids(reply) if c.startswith("cb:fb:0:"))
    record_id = up.split(":", 3)[3]
    clicked = await env.fake.click(reply["id"], up, env.world.member)
    assert "helped" in await ephemeral_text(clicked)
    other = await env.fake.click(reply["id"], down, env.world.admin)
    assert "did not help" in await ephemeral_text(other)
    again = await env.fake.click(reply["id"], down, env.world.member)  # a later vote wins
    await ephemeral_text(again)
    summary = await env.service.storage.feedback_summary(guild_id=env.world.guild.id)
    assert [(s.record_id, s.helpful, s.unhelpful) for s in summary] == [(record_id, 0, 2)]


# --------------------------------------------------------------------------- quotes


async def test_quote_speaker_autocomplete_is_fuzzy_and_fits(env: Env) -> None:
    typed = await env.fake.autocomplete(env.world.guild.id, env.world.channel.id,
                                        env.world.member, "quote speaker",
                                        {"speaker": "kardashain"}, "speaker")
    choices = await typed.choices()
    assert choices[0]["value"] == "kim-kardashian"
    assert choices[0]["name"].startswith("Kim Kardashian")
    everyone = await env.fake.autocomplete(env.world.guild.id, env.world.channel.id,
                                           env.world.member, "quotes", {"speaker": ""},
                                           "speaker")
    all_choices = await everyone.choices()
    assert 1 < len(all_choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in all_choices)


async def test_quote_speaker_about_and_random(env: Env) -> None:
    by_id = await env.slash("quote speaker", {"speaker": "doechii", "about": "protests"})
    body = await callback(by_id)
    assert body["type"] == CHANNEL_MESSAGE and not body["data"].get("flags")
    e = body["data"]["embeds"][0]
    assert fields(e)["Said by"] == "Doechii"
    typed_name = await env.slash("quote speaker", {"speaker": "Ruffalo"})  # no autocomplete
    assert fields((await callback(typed_name))["data"]["embeds"][0])["Said by"] == "Mark Ruffalo"
    nobody = await env.slash("quote speaker", {"speaker": "Zendaya"})
    assert "no speaker called" in await ephemeral_text(nobody)
    rand = await env.slash("quote random")
    e = (await callback(rand))["data"]["embeds"][0]
    assert fields(e)["Said by"] and "NewsNation" in fields(e)["Source"]


async def test_quotes_paginate_for_the_invoker_only_and_time_out(env: Env) -> None:
    gid = env.world.guild.id
    for n in range(3):  # Kim has 4 shipped quotes: 7 in this guild make two pages
        await env.service.add(Quote(
            id=f"kim-extra-{n}", speaker="kim-kardashian", text=f"Extra quote number {n}.",
            context="test", citations=(Citation(SOURCE_ID, "As reported."),), guild_id=gid,
        ), actor="test")
    cog = env.bot.get_cog("Quotes")
    assert cog is not None
    cog.page_timeout = 1.0  # type: ignore[attr-defined]
    handle = await env.slash("quotes", {"speaker": "kim-kardashian"})
    reply = await handle.reply()
    e = embed(reply)
    assert e["footer"]["text"] == "Page 1 of 2 · 7 quotes"
    prev_id, next_id = custom_ids(reply)
    page_buttons = [c for row in reply["components"] for c in row["components"]]
    assert page_buttons[0]["disabled"] is True and page_buttons[1]["disabled"] is False

    stranger = await env.fake.click(reply["id"], next_id, env.world.admin)
    assert "Only the person who asked" in await ephemeral_text(stranger)
    turned = await env.fake.click(reply["id"], next_id, env.world.member)
    body = await callback(turned)
    assert body["type"] == UPDATE_MESSAGE
    assert body["data"]["embeds"][0]["footer"]["text"] == "Page 2 of 2 · 7 quotes"

    def disabled() -> bool:
        msg = env.fake.messages[int(reply["id"])]
        return all(c.get("disabled") for row in msg["components"] for c in row["components"])

    await env.fake.wait_until(disabled, timeout=5, what="page buttons disabled on timeout")
    with pytest.raises(InteractionRefused):
        await env.fake.click(reply["id"], prev_id, env.world.member)

    other_guild = await env.slash("quotes", {"speaker": "kim-kardashian"},
                                  env.world.other_member, guild=env.world.other_guild.id,
                                  channel=env.world.other_channel.id)
    e = embed(await other_guild.reply())
    assert e["footer"]["text"] == "Page 1 of 1 · 4 quotes"  # the extras are the guild's own


# --------------------------------------------------------------------------- admin


async def test_admin_adds_a_fact_used_only_in_that_guild(env: Env) -> None:
    question = "How much did Zendaya donate to the LA immigrant fund?"
    before = await (await env.say(f"{env.mention} {question}")).reply()
    assert "It never mentions “Zendaya”" in embed(before)["description"]  # asked, not known
    assert not [k for k in fields(embed(before)) if k.startswith("Source")]  # an abstention

    submitted = await add_fact_via_modal(
        env, "Zendaya donated $50,000 to the LA immigrant fund.",
        keywords="Zendaya, donation, donate, immigrant fund", passage="Zendaya gave $50,000.")
    text = await ephemeral_text(submitted)
    assert text.startswith("Added fact `zendaya-donated") and "for this server" in text

    after = await (await env.say(f"{env.mention} {question}")).reply()
    assert "Zendaya donated $50,000" in embed(after)["description"]
    assert "> Zendaya gave $50,000." in fields(embed(after))["Source"]

    w = env.world
    elsewhere = await env.fake.send_message(w.other_guild.id, w.other_channel.id,
                                            w.other_member, f"{env.mention} {question}")
    other = await elsewhere.reply()
    # an abstention there, which does not hint that another server's coverage has her
    assert "Zendaya donated" not in embed(other).get("description", "")
    assert "It never mentions “Zendaya”" in embed(other).get("description", "")
    assert all("zendaya" not in c for c in custom_ids(other))

    (entry, *_) = await env.service.audit_log(guild_id=w.guild.id)
    assert (entry.actor, entry.action, entry.kind) == (f"discord:{w.admin.user.id}", "add",
                                                       "fact")


async def test_a_long_fact_gets_an_id_cut_at_a_word(env: Env) -> None:
    submitted = await add_fact_via_modal(
        env, "Immigration agents detained dozens of day laborers at a Home Depot in Boyle "
        "Heights.", keywords="Home Depot, Boyle Heights")
    text = await ephemeral_text(submitted)
    assert text.startswith("Added fact `immigration-agents-detained-dozens-of-day`"), text


async def test_fact_edit_prefills_and_keeps_scope_remove_asks_to_confirm(env: Env) -> None:
    w = env.world
    await ephemeral_text(await add_fact_via_modal(env, "Zendaya donated $50,000.",
                                                  keywords="Zendaya"))
    (fact_id,) = [f.id for f in env.service.engine_bank(w.guild.id).facts
                  if f.guild_id == w.guild.id]
    typed = await env.fake.autocomplete(w.guild.id, w.channel.id, w.admin, "fact edit",
                                        {"fact": "zendaya"}, "fact")
    assert [c["value"] for c in await typed.choices()] == [fact_id]  # global facts excluded
    opened = await env.slash("fact edit", {"fact": fact_id}, w.admin)
    modal = await opened.modal()
    inputs = {c["component"]["custom_id"] if "component" in c else c["components"][0]
              ["custom_id"]: (c.get("component") or c["components"][0]).get("value")
              for c in modal["components"]}
    assert inputs["text"] == "Zendaya donated $50,000." and inputs["source"] == SOURCE_ID
    done = await env.fake.submit_modal(modal["custom_id"], {"text": "Zendaya donated $60,000."},
                                       w.admin)
    assert (await ephemeral_text(done)).startswith(f"Updated fact `{fact_id}`")
    record = env.service.visible("fact", fact_id, w.guild.id)
    assert record.text == "Zendaya donated $60,000." and record.guild_id == w.guild.id

    removing = await env.slash("fact remove", {"fact": fact_id}, w.admin)
    prompt = await callback(removing)
    assert prompt["data"]["flags"] & EPHEMERAL
    confirm = next(c for row in prompt["data"]["components"] for c in row["components"]
                   if c["label"] == "Remove")
    msg_id = (await removing.reply())["id"]
    clicked = await env.fake.click(msg_id, confirm["custom_id"], w.admin)
    body = await callback(clicked)
    assert body["type"] == UPDATE_MESSAGE and body["data"]["content"].startswith("Removed fact")
    assert env.service.engine.get("fact", fact_id) is None
    assert await env.service.storage.get("fact", fact_id) is None


async def test_shipped_coverage_is_changed_only_by_owners(env: Env) -> None:
    w = env.world
    fact_id = "doechii-best-female-hip-hop-artist"
    refused = await env.slash("fact edit", {"fact": fact_id}, w.admin)
    assert "only the bot's owners" in await ephemeral_text(refused)
    by_owner = await env.slash("fact edit", {"fact": fact_id}, w.owner)
    modal = await by_owner.modal()
    done = await env.fake.submit_modal(
        modal["custom_id"], {"text": "Doechii was named the best female hip hop artist of "
                                     "the year at the 2025 BET Awards."}, w.owner)
    assert "for the shipped coverage" in await ephemeral_text(done)
    stored = await env.service.storage.get("fact", fact_id)
    assert stored is not None and stored.guild_id is None and "2025 BET" in stored.text
    (entry, *_) = await env.service.audit_log(guild_id=None)
    assert entry.actor == f"discord:{w.owner.user.id}" and entry.action == "update"


async def test_member_without_permission_is_refused_even_when_visible(env: Env) -> None:
    w = env.world
    with pytest.raises(InteractionRefused):  # Discord hides it (default_member_permissions)
        await env.slash("fact add", user=w.member)
    forced = await env.slash("fact add", user=w.member, bypass=True)
    assert "Only server managers" in await ephemeral_text(forced)
    assert forced.interaction.modal is None
    forced_quote = await env.slash("quote add", user=w.member)  # /quote is visible to all
    assert "Only server managers" in await ephemeral_text(forced_quote)
    typed = await env.fake.autocomplete(w.guild.id, w.channel.id, w.member, "quote edit",
                                        {"quote": "kim"}, "quote")
    assert await typed.choices() == []  # admin autocomplete: nothing for non-admins
    listing = await env.slash("kb unanswered", user=w.member, bypass=True)
    assert "Only server managers" in await ephemeral_text(listing)


async def test_configured_admin_role_may_use_admin_commands(fake: FakeDiscord,
                                                            tmp_path: Path) -> None:
    w: World = fake.world  # type: ignore[attr-defined]
    helpers = w.guild.add_role("Coverage helpers", Permissions.DEFAULT_EVERYONE)
    helper = fake.add_member(w.guild, fake.create_user("carol"), [helpers])
    async with bot_env(fake, settings_for(tmp_path, admin_role_ids=frozenset({helpers.id}))
                       ) as env:
        sources = await env.slash("source list", user=helper, bypass=True)
        body = await callback(sources)
        assert SOURCE_ID in body["data"]["embeds"][0]["description"]


async def test_admin_commands_are_refused_in_dms(env: Env) -> None:
    w = env.world
    with pytest.raises(InteractionRefused):  # contexts exclude DMs: Discord would not offer it
        await env.slash("kb audit", user=w.owner, guild=None)
    forced = await env.slash("kb audit", user=w.owner, guild=None, bypass=True)
    assert "only in a server" in await ephemeral_text(forced)
    quote_add = await env.slash("quote add", user=w.owner, guild=None)
    assert "only in a server" in await ephemeral_text(quote_add)


async def test_everyone_and_role_mentions_in_a_fact_ping_nobody(env: Env) -> None:
    w = env.world
    text = (f"Zendaya told @everyone and <@&{w.admin_role.id}> and <@{w.member.user.id}> "
            "to **donate** to the immigrant fund.")
    await ephemeral_text(await add_fact_via_modal(env, text, keywords="Zendaya, donate"))
    reply = await (await env.say(f"{env.mention} what did Zendaya tell people to do?")).reply()
    body = sent_body(env.fake, reply["id"])
    assert body["allowed_mentions"]["parse"] == []
    assert not body["allowed_mentions"].get("roles") and not body["allowed_mentions"].get(
        "users")
    description = embed(reply)["description"]
    assert "@\u200beveryone" in description and "@everyone" not in description
    assert f"<@\u200b&{w.admin_role.id}>" in description
    assert "\\*\\*donate\\*\\*" in description
    assert reply["mention_everyone"] is False and reply["mention_roles"] == []
    assert [m["id"] for m in reply["mentions"]] == [str(w.member.user.id)]  # the asker only


async def test_unanswered_list_opens_a_prefilled_add_fact_modal(env: Env) -> None:
    w = env.world
    for user in (w.member, w.admin):
        await (await env.say(f"{env.mention} who won the super bowl?", user)).reply()
    listing = await env.slash("kb unanswered", user=w.admin)
    body = await callback(listing)
    e = body["data"]["embeds"][0]
    assert "who won the super bowl?" in e["description"] and "asked 2×" in e["description"]
    button = body["data"]["components"][0]["components"][0]
    assert button["label"] == "1. who won the super bowl?"
    message = await listing.reply()
    opened = await env.fake.click(message["id"], button["custom_id"], w.admin)
    modal = await opened.modal()
    keywords = next((c.get("component") or c["components"][0]) for c in modal["components"]
                    if (c.get("component") or c["components"][0])["custom_id"] == "keywords")
    assert keywords["value"] == "who won the super bowl?"


async def test_kb_audit_lists_who_changed_what(env: Env) -> None:
    await ephemeral_text(await add_fact_via_modal(env, "Zendaya donated $50,000.",
                                                  keywords="Zendaya"))
    audit = await env.slash("kb audit", user=env.world.admin)
    description = (await callback(audit))["data"]["embeds"][0]["description"]
    assert f"<@{env.world.admin.user.id}>" in description and "**add** fact" in description


async def test_kb_audit_of_the_shared_coverage_is_for_owners(env: Env) -> None:
    shared = await env.slash("kb audit", {"shared": True}, user=env.world.owner)
    description = (await callback(shared))["data"]["embeds"][0]["description"]
    assert "knowledge-files" in description  # the shipped files' sync, a shared change
    refused = await env.slash("kb audit", {"shared": True}, user=env.world.admin)
    assert "Only the bot's owners" in await ephemeral_text(refused)
    own = await env.slash("kb audit", user=env.world.owner)
    assert "knowledge-files" not in (await callback(own))["data"]["embeds"][0]["description"]


async def test_kb_export_sends_this_guilds_records_as_json(env: Env) -> None:
    await ephemeral_text(await add_fact_via_modal(env, "Zendaya donated $50,000.",
                                                  keywords="Zendaya"))
    export = await env.slash("kb export", user=env.world.admin)
    req = await export.response()
    assert req.ok and req.files, req
    doc = json.loads(req.files[0].data)
    assert doc["format"] == "coverage-bot/1"
    assert [f["text"] for f in doc["facts"]] == ["Zendaya donated $50,000."]
    assert doc["sources"] == []  # the shipped (global) records are not this guild's


async def test_source_add_validates_then_stores_in_the_guild(env: Env) -> None:
    w = env.world
    bad = await env.slash("source add", {"outlet": "AP", "title": "Raids", "url": "ftp://x"},
                          w.admin)
    assert "http://" in await ephemeral_text(bad)
    bad_date = await env.slash("source add", {"outlet": "AP", "title": "Raids",
                                              "published": "June 10"}, w.admin)
    assert "YYYY-MM-DD" in await ephemeral_text(bad_date)
    assert [s for s in env.service.engine_bank(w.guild.id).sources if s.guild_id] == []
    good = await env.slash("source add", {"outlet": "AP", "title": "LA raids continue",
                                          "url": "https://apnews.com/x",
                                          "published": "2025-06-10"}, w.admin)
    modal = await good.modal()  # no file: a form to paste the article; left empty, the
    done = await env.fake.submit_modal(modal["custom_id"], {}, w.admin)  # source alone
    text = await ephemeral_text(done)
    assert "Added source `ap-la-raids-continue`" in text
    assert "[LA raids continue](https://apnews.com/x)" in text
    (src,) = [s for s in env.service.engine_bank(w.guild.id).sources if s.guild_id]
    assert src.guild_id == w.guild.id and src.published == "2025-06-10"
    assert [s.id for s in env.service.engine_bank(w.other_guild.id).sources] == [SOURCE_ID]


async def kb_import(env: Env, user: FakeMember, data: bytes, filename: str = "bank.json"
                    ) -> InteractionHandle:
    """``/kb import file:<data>`` as Discord sends it: an attachment option (type 11) with the
    file in ``resolved.attachments``, its bytes served by the fake's CDN."""
    handle = await env.slash("kb import", {"file": FakeAttachment(
        filename, data, content_type="application/json")}, user)
    await handle.followup(timeout=10)
    assert [status for _path, status in env.fake.cdn_requests] == [200]  # read once
    env.fake.cdn_requests.clear()
    return handle


async def test_a_failed_import_changes_nothing_and_lists_the_problems(env: Env) -> None:
    w = env.world
    before = await env.service.export_json(w.guild.id)
    doc = {
        "format": "coverage-bot/1",
        "sources": [{"id": "ap-raids", "outlet": "AP", "title": "Raids", "url": None,
                     "published": None}],
        "facts": [
            {"id": "good-fact", "text": "Zendaya donated $50,000.",
             "citations": [{"source": "ap-raids", "passage": "Zendaya gave."}]},
            *[{"id": f"bad-{n}", "text": "", "citations": [{"source": "nowhere-" + "x" * 60,
                                                              "passage": "p"}]}
              for n in range(60)],
        ],
    }
    handle = await kb_import(env, w.admin, json.dumps(doc).encode())
    assert (await callback(handle))["data"]["flags"] & EPHEMERAL  # deferred, ephemeral
    text = (await handle.followup()).json["content"]
    assert text.startswith("The file bank.json is invalid (") and "nothing was changed:" in text
    assert "bad-0" in text and len(text) <= 2000 and "more problem" in text
    assert await env.service.export_json(w.guild.id) == before
    assert env.service.engine.get("fact", "good-fact") is None
    assert [a for a in await env.service.audit_log(guild_id=w.guild.id)] == []

    taken = {"format": "coverage-bot/1", "facts": [
        {"id": "good-fact", "text": "Zendaya donated $50,000.",
         "citations": [{"source": SOURCE_ID, "passage": "Zendaya gave."}]},
        {"id": "doechii-best-female-hip-hop-artist", "text": "A clash with a shipped id.",
         "citations": [{"source": SOURCE_ID, "passage": "p"}]}]}
    handle = await kb_import(env, w.admin, json.dumps(taken).encode())
    text = (await handle.followup()).json["content"]
    assert "invalid (1 problem); nothing was changed:" in text and "already exists" in text
    assert env.service.engine.get("fact", "good-fact") is None
    assert await env.service.export_json(w.guild.id) == before


async def test_kb_import_reports_format_and_reference_problems_at_once_capped(env: Env
                                                                             ) -> None:
    w = env.world
    doc = {"format": "coverage-bot/1", "facts": [
        {"id": "blank", "text": " ", "citations": [{"source": SOURCE_ID, "passage": "p"}]},
        {"id": "dangling", "text": "A claim.", "citations": [{"source": "nowhere",
                                                              "passage": "p"}]},
        {"id": "nul", "text": "Other\u0000 claim.", "citations": [{"source": SOURCE_ID,
                                                              "passage": "p"}]},
        *[{"id": f"more-{n}", "text": f"Claim {n}.", "citations": [{"source": f"s-{n}",
                                                                   "passage": "p"}]}
          for n in range(40)],
    ]}
    handle = await kb_import(env, w.admin, json.dumps(doc).encode())
    text = (await handle.followup()).json["content"]
    assert "invalid (43 problems); nothing was changed:" in text
    assert "(id 'blank').text: must not be blank" in text  # format
    assert "(id 'dangling').citations[0].source: unknown source 'nowhere'" in text  # reference
    assert "(id 'nul').text: contains a NUL character" in text
    assert text.count("\n• ") == 20 and text.endswith("…and 23 more problems")
    assert env.service.engine.get("fact", "dangling") is None


async def test_kb_import_of_an_export_of_the_shared_coverage_is_a_no_op(env: Env) -> None:
    w = env.world
    shared = json.dumps(await env.service.export_json(None)).encode()
    handle = await kb_import(env, w.admin, shared)
    text = (await handle.followup()).json["content"]
    assert text.startswith("Imported 0 sources, 0 people, 0 facts and 0 quotes")


async def test_a_valid_import_is_added_to_the_guild(env: Env) -> None:
    w = env.world
    doc = {
        "format": "coverage-bot/1",
        "facts": [{"id": "zendaya-donation", "text": "Zendaya donated $50,000 to the fund.",
                   "keywords": ["Zendaya", "donate"],
                   "citations": [{"source": SOURCE_ID, "passage": "Zendaya gave $50,000."}]}],
    }
    handle = await kb_import(env, w.admin, json.dumps(doc).encode())
    text = (await handle.followup()).json["content"]
    assert text.startswith("Imported 0 sources, 0 people, 1 fact and 0 quotes")
    fact = env.service.visible("fact", "zendaya-donation", w.guild.id)
    assert fact.guild_id == w.guild.id
    with pytest.raises(CoverageBotError):
        env.service.visible("fact", "zendaya-donation", w.other_guild.id)


async def test_admin_adds_a_quote_with_the_modal(env: Env) -> None:
    w = env.world
    opened = await env.slash("quote add", user=w.admin)
    modal = await opened.modal()
    done = await env.fake.submit_modal(modal["custom_id"], {
        "speaker": "Kim K", "text": "Immigrants make this city.", "context": "a podcast",
        "passage": "Kardashian said immigrants make this city."}, w.admin)
    assert (await ephemeral_text(done)).startswith("Added quote `kim-kardashian-immigrants")
    found = await env.slash("quote speaker", {"speaker": "kim-kardashian",
                                              "about": "immigrants make this city"})
    e = (await callback(found))["data"]["embeds"][0]
    assert "Immigrants make this city." in e["description"]
    assert fields(e)["Where"] == "a podcast"
    unknown = await env.slash("quote add", user=w.admin)
    modal = await unknown.modal()
    refused = await env.fake.submit_modal(modal["custom_id"], {
        "speaker": "Zendaya", "text": "Hello.", "passage": "Hello."}, w.admin)
    assert "no person called “Zendaya”" in await ephemeral_text(refused)


# --------------------------------------------------------------------------- resilience


async def test_a_429_is_retried_and_the_reply_still_arrives(env: Env) -> None:
    env.fake.rate_limit_next(1, lambda method, path: method == "POST"
                             and path.endswith("/messages"))
    asked = await env.say(f"{env.mention} what did Mark Ruffalo say?")
    reply = await asked.reply(timeout=10)
    assert fields(embed(reply))["Said by"] == "Mark Ruffalo"
    posts = [r for r in env.fake.requests_to("POST", MESSAGES) if r.index >= asked.start_index]
    assert [r.status for r in posts] == [429, 200]


async def test_a_5xx_is_retried_and_the_reply_still_arrives(env: Env) -> None:
    env.fake.fail_next(1, 502, lambda method, path: method == "POST"
                       and path.endswith("/messages"))
    asked = await env.say(f"{env.mention} what did Mark Ruffalo say?")
    reply = await asked.reply(timeout=10)
    assert fields(embed(reply))["Said by"] == "Mark Ruffalo"


async def test_the_gateway_drops_and_the_bot_resumes(env: Env) -> None:
    resumed = asyncio.ensure_future(env.bot.wait_for("resumed", timeout=10))
    await asyncio.sleep(0)
    assert await env.fake.drop_gateway() == 1
    await resumed
    kinds = [ev.kind for ev in env.fake.gateway.events]
    assert "resume" in kinds and kinds.count("identify") == 1  # resumed, not re-identified
    asked = await env.say(f"{env.mention} what did Doechii say at the BET Awards?")
    assert embed(await asked.reply())["description"].startswith("Doechii said")


async def test_an_invalid_session_reidentifies_and_keeps_answering(env: Env) -> None:
    ready = asyncio.ensure_future(env.bot.wait_for("ready", timeout=10))
    await asyncio.sleep(0)
    await env.fake.invalidate_session(resumable=False)
    await ready
    asked = await env.say(f"{env.mention} what did Doechii say at the BET Awards?")
    assert embed(await asked.reply())["description"].startswith("Doechii said")


# --------------------------------------------------------------------------- command sync


async def test_commands_sync_only_when_their_definitions_changed(fake: FakeDiscord,
                                                                 tmp_path: Path) -> None:
    settings = settings_for(tmp_path)

    def puts() -> int:
        return len(fake.requests_to("PUT", COMMANDS))

    async with bot_env(fake, settings) as env:
        assert env.bot.synced_on_start is True and puts() == 1
        names = {c["name"] for c in fake.commands[None].values()}
        assert names == {"ask", "quote", "quotes", "fact", "source", "kb", "verify"}
        stored = await env.service.get_meta(SYNC_HASH_KEY)
        assert stored == commands_hash(env.bot.tree)
    async with bot_env(fake, settings) as env:
        assert env.bot.synced_on_start is False and puts() == 1  # unchanged: no sync
        await env.service.set_meta(SYNC_HASH_KEY, "an older definition")
    async with bot_env(fake, settings) as env:
        assert env.bot.synced_on_start is True and puts() == 2


async def test_sync_command_syncs_on_purpose_to_a_guild(fake: FakeDiscord, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    gid = fake.world.guild.id  # type: ignore[attr-defined]
    settings = settings_for(tmp_path, discord_token=fake.token)
    assert await sync_commands(settings, guild_id=gid) == 0
    (req,) = fake.requests_to("PUT", GUILD_COMMANDS)
    assert req.params["guild_id"] == str(gid)
    assert {c["name"] for c in fake.commands[gid].values()} >= {"ask", "quote", "kb"}
    assert f"to guild {gid}" in capsys.readouterr().out


async def test_owner_text_command_syncs(env: Env) -> None:
    before = len(env.fake.requests_to("PUT", COMMANDS))
    asked = await env.say(f"{env.mention} sync", env.world.owner)
    reply = await asked.reply()
    assert reply["content"].startswith("Synced ")
    assert len(env.fake.requests_to("PUT", COMMANDS)) == before + 1
    not_owner = await env.say(f"{env.mention} sync", env.world.admin)
    await no_reply_before(env, not_owner)
    assert len(env.fake.requests_to("PUT", COMMANDS)) == before + 1


# --------------------------------------------------------------------------- run_bot


async def test_run_bot_with_a_rejected_token_says_what_to_do(
    fake: FakeDiscord, tmp_path: Path, restore_logging: Any, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "not-the-right-token-1234567890"
    settings = settings_for(tmp_path, discord_token=secret)
    with pytest.raises(CoverageBotError) as caught:
        await run_bot(settings)
    assert str(caught.value) == LOGIN_FAILED_HELP
    assert secret not in str(caught.value)
    assert all(secret not in r.getMessage() for r in caplog.records)
    fake.rejected.clear()  # the 401 was the point


async def _run_until(fake: FakeDiscord, settings: Settings, stop: asyncio.Event
                     ) -> asyncio.Task[int]:
    task = asyncio.create_task(run_bot(settings, stop=stop))
    await fake.wait_for_sessions(1, timeout=10)
    await fake.wait_until(lambda: fake.requests_to("PUT", COMMANDS) or task.done(), 10,
                          "the bot to start")
    return task


async def test_run_bot_stops_cleanly_on_sigterm_with_nothing_lost(
    fake: FakeDiscord, tmp_path: Path, restore_logging: Any, caplog: pytest.LogCaptureFixture
) -> None:
    w: World = fake.world  # type: ignore[attr-defined]
    settings = settings_for(tmp_path, discord_token=fake.token)
    stop = asyncio.Event()
    task = await _run_until(fake, settings, stop)
    asked = await fake.send_message(w.guild.id, w.channel.id, w.member,
                                    f"<@{fake.bot_user.id}> who won the super bowl?")
    await asked.reply()
    os.kill(os.getpid(), signal.SIGTERM)  # run_bot's handler turns it into a clean stop
    assert await asyncio.wait_for(task, 15) == 0
    async with await CoverageService.open(settings) as service:  # the DB was closed cleanly
        logged = await service.top_unanswered(guild_id=w.guild.id)
    assert [q.question for q in logged] == ["who won the super bowl?"]
    assert all(fake.token not in r.getMessage() for r in caplog.records)


async def test_run_bot_degrades_without_the_message_content_intent(
    fake: FakeDiscord, tmp_path: Path, restore_logging: Any, caplog: pytest.LogCaptureFixture
) -> None:
    w: World = fake.world  # type: ignore[attr-defined]
    fake.gateway.allowed_privileged = 0  # the portal switch is off
    settings = settings_for(tmp_path, discord_token=fake.token)
    stop = asyncio.Event()
    task = asyncio.create_task(run_bot(settings, stop=stop))
    await fake.wait_until(lambda: any(s.connection for s in fake.gateway.live_sessions())
                          or task.done(), 15, "a session without the privileged intent")
    assert not task.done(), task
    assert any("MESSAGE CONTENT INTENT" in r.getMessage() for r in caplog.records)
    asked = await fake.send_message(w.guild.id, w.channel.id, w.member,
                                    f"<@{fake.bot_user.id}> what did Mark Ruffalo say?")
    assert fields(embed(await asked.reply()))["Said by"] == "Mark Ruffalo"
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0
