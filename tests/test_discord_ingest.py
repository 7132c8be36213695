"""Issue 4 in Discord, end to end: ``/source add`` with an attached file or pasted text
(preview, then Add / Cancel), ``/verify``, and answers citing several sources or conflicting
figures. The real bot and service (tmp SQLite file) against the fake Discord, every request
validated against Discord's OpenAPI description; plus unit tests of the new formatting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import present
from bot.articles import Article
from bot.engine.verify import DiffOp, Verification
from bot.inputs import MAX_ARTICLE_BYTES
from bot.models import Answer, Citation, Conflict, Quote, SourceRef
from tests.discord_env import (
    CHANNEL_MESSAGE,
    DEFERRED_MESSAGE,
    EPHEMERAL,
    MODAL,
    SOURCE_ID,
    UPDATE_MESSAGE,
    Env,
    bot_env,
    callback,
    embed,
    ephemeral_text,
    fields,
    sent_body,
    settings_for,
)
from tests.fakediscord import spec
from tests.fakediscord.fixtures import running_fake
from tests.fakediscord.interactions import InteractionRefused
from tests.fakediscord.models import FakeAttachment, FakeMember
from tests.fakediscord.server import InteractionHandle

DATA = Path(__file__).resolve().parent / "data" / "ingest"
PAGE = DATA / "example-daily-page.html"
SECOND = DATA / "second-outlet.txt"

ZENDAYA = (
    "Zendaya gives to immigrant families\n"
    "Actress Zendaya donated $50,000 to the Los Angeles immigrant legal defense fund on "
    "Thursday.\n"
    "“Nobody should live in fear in their own city,” Zendaya said in a statement.\n"
).encode()
ZENDAYA_QUESTION = "How much did Zendaya donate to the immigrant fund?"


@pytest_asyncio.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    async with running_fake() as fake, bot_env(fake, settings_for(tmp_path)) as env:
        yield env


# --------------------------------------------------------------------------- helpers


def attach(data: bytes, filename: str = "zendaya.txt",
           content_type: str | None = "text/plain; charset=utf-8", **kw: Any) -> FakeAttachment:
    return FakeAttachment(filename, data, content_type, **kw)


async def source_add(env: Env, user: FakeMember | None = None, *, bypass: bool = False,
                     **options: Any) -> InteractionHandle:
    opts = {"outlet": "Daily Example", **options}
    return await env.slash("source add", opts, user or env.world.admin, bypass=bypass)


async def preview_of(handle: InteractionHandle) -> dict[str, Any]:
    """The ephemeral preview after a deferred ``/source add`` (or modal submit)."""
    first = await callback(handle)
    assert first["type"] == DEFERRED_MESSAGE and first["data"]["flags"] & EPHEMERAL
    follow = await handle.followup(timeout=10)
    assert follow.ok, (follow.status, follow.response)
    assert follow.json["flags"] & EPHEMERAL
    return await handle.reply()


def button(message: dict[str, Any], label: str) -> str:
    return next(c["custom_id"] for row in message["components"] for c in row["components"]
                if c.get("label") == label)


async def guild_records(env: Env) -> int:
    """How many records are stored in the test guild's scope (the database itself)."""
    bank = await env.service.storage.export_bank(env.world.guild.id)
    return len(bank)


async def ask(env: Env, question: str, *, other_guild: bool = False) -> dict[str, Any]:
    w = env.world
    if other_guild:
        handle = await env.slash("ask", {"question": question}, w.other_member,
                                 guild=w.other_guild.id, channel=w.other_channel.id)
    else:
        handle = await env.slash("ask", {"question": question})
    return embed(await handle.reply())


async def ingest_second_outlet(env: Env) -> None:
    """The second outlet's article, ingested into the shared coverage as the CLI does."""
    article = Article(SECOND.read_bytes(), SECOND.name, "Daily Example",
                      "Stars keep up criticism", "https://example.org/stars", "2025-06-12")
    plan = await env.service.plan_ingest([article], guild_id=None)
    await env.service.apply_ingest(plan, actor="cli")


# --------------------------------------------------------------------------- /source add


async def test_attached_file_is_previewed_stored_only_on_confirm_and_cited_in_that_guild(
    env: Env,
) -> None:
    w = env.world
    before = await ask(env, ZENDAYA_QUESTION)
    assert "$50,000" not in before.get("description", "")

    handle = await source_add(env, title="Zendaya gives", published="2025-06-13",
                              file=attach(ZENDAYA))
    preview = await preview_of(handle)
    assert preview["content"] == "This is what I found. Add it to this server?"
    e = embed(preview)
    assert e["title"] == "Preview: zendaya.txt"
    assert e["description"].startswith("```\nSource: Daily Example — Zendaya gives")
    assert "Zendaya donated $50,000" in e["description"]
    assert "Nobody should live in fear in their own city" in e["description"]
    assert fields(e)["Would add"] == "1 source, 1 person, 1 fact and 1 quote"
    assert e["footer"]["text"] == present.PREVIEW_FOOTER
    assert [status for _path, status in env.fake.cdn_requests] == [200]  # read through the CDN

    # Nothing is stored before the admin confirms: not in the database, not in the engine.
    assert await guild_records(env) == 0
    assert env.service.engine.get("source", "daily-example-zendaya-gives") is None
    assert await env.service.audit_log(guild_id=w.guild.id) == []

    added = await env.fake.click(preview["id"], button(preview, "Add"), w.admin)
    body = await callback(added)
    assert body["type"] == UPDATE_MESSAGE
    assert body["data"]["content"] == ("Added to this server: 1 source, 1 person, 1 fact "
                                       "and 1 quote.")
    assert body["data"]["components"] == []
    assert body["data"]["embeds"][0]["footer"]["text"] == "Added."  # the preview stays
    assert await guild_records(env) == 4
    source = await env.service.storage.get("source", "daily-example-zendaya-gives")
    assert source is not None and source.guild_id == w.guild.id
    assert source.published == "2025-06-13"
    audit = await env.service.audit_log(guild_id=w.guild.id)
    assert {a.actor for a in audit} == {f"discord:{w.admin.user.id}"}

    after = await ask(env, ZENDAYA_QUESTION)
    assert "Zendaya donated $50,000" in after["description"]
    assert "*Reported by Daily Example (2025-06-13)*" in after["description"]
    assert "**Daily Example** — *Zendaya gives* — 2025-06-13" in fields(after)["Source"]
    elsewhere = await ask(env, ZENDAYA_QUESTION, other_guild=True)
    assert "$50,000" not in elsewhere.get("description", "")
    assert "Daily Example" not in str(elsewhere)


async def test_html_page_boilerplate_is_dropped_and_shared_records_left_as_they_are(
    env: Env,
) -> None:
    w = env.world
    shared_before = await env.service.storage.get("fact", "protests-spread-other-cities")
    handle = await source_add(env, outlet="Example Daily",
                              file=attach(PAGE.read_bytes(), PAGE.name, "text/html"))
    preview = await preview_of(handle)
    e = embed(preview)
    text = e["description"]
    # The page's own title is used when no title: is given.
    assert "Source: Example Daily — Stars rally against immigration raids in Los Angeles" in text
    for junk in ("subscribe", "cookie", "advertisement", "newsletter"):
        assert junk not in text.lower()
    assert "Already in the shared coverage, left as they are (4)" in text
    assert fields(e)["Would add"] == ("1 source and 4 facts; 4 records already in the shared "
                                      "coverage left as they are")
    added = await env.fake.click(preview["id"], button(preview, "Add"), w.admin)
    assert (await callback(added))["data"]["content"].startswith(
        "Added to this server: 1 source and 4 facts")
    assert await guild_records(env) == 5
    # The shared coverage is not changed by a server's ingest (owners change it).
    assert await env.service.storage.get("fact", "protests-spread-other-cities") == \
        shared_before


async def test_pasted_text_goes_through_the_form_and_the_same_preview(env: Env) -> None:
    w = env.world
    opened = await source_add(env, title="Zendaya gives", url="https://example.org/z")
    modal = await opened.modal()
    assert (await callback(opened))["type"] == MODAL
    inputs = {(c.get("component") or c["components"][0])["custom_id"]:
              (c.get("component") or c["components"][0]) for c in modal["components"]}
    assert inputs["title"]["value"] == "Zendaya gives"  # prefilled from title:
    assert inputs["text"]["max_length"] == 4000 and inputs["more"]["max_length"] == 4000
    assert inputs["text"]["required"] is False and inputs["text"]["style"] == 2
    text = ZENDAYA.decode()
    head, tail = text.split("“Nobody")
    submitted = await env.fake.submit_modal(
        modal["custom_id"], {"text": head, "more": "“Nobody" + tail}, w.admin)
    preview = await preview_of(submitted)
    e = embed(preview)
    assert e["title"] == "Preview: the pasted text"
    assert "Nobody should live in fear" in e["description"]
    assert await guild_records(env) == 0
    added = await env.fake.click(preview["id"], button(preview, "Add"), w.admin)
    await callback(added)
    source = await env.service.storage.get("source", "daily-example-zendaya-gives")
    assert source is not None and source.url == "https://example.org/z"
    assert "Zendaya donated" in (await ask(env, ZENDAYA_QUESTION))["description"]


@pytest.mark.parametrize(("data", "filename", "content_type", "size", "expected", "fetched"), [
    (b"", "empty.txt", "text/plain", None, "empty.txt is empty.", True),
    (b"\x00\x01\x02\xff\xfe" * 50, "notes.txt", "text/plain", None,
     "notes.txt looks like a binary file, not an article.", True),
    (b"\x89PNG\r\n" + b"\x00" * 100, "photo.png", "image/png", None,
     "photo.png is image/png, not an article", False),
    (b"small", "huge.txt", "text/plain", 3 * 1024 * 1024,
     "huge.txt is 3.0 MB; an article file may be up to 2.0 MB.", False),
    (b"x" * (MAX_ARTICLE_BYTES + 1), "liar.txt", "text/plain", 100,
     "liar.txt is larger than 2.0 MB.", True),
    (b"Someone said something, but nothing anyone could quote at length.\n" * 2,
     "notitle.txt", None, None, "the page gives no title; say it with title:", True),
])
async def test_unreadable_files_get_one_clear_message_and_nothing_is_stored(
    env: Env, data: bytes, filename: str, content_type: str | None, size: int | None,
    expected: str, fetched: bool,
) -> None:
    handle = await source_add(env, file=attach(data, filename, content_type, size=size))
    text = await ephemeral_text(handle)
    assert expected in text, text
    assert "Traceback" not in text and "--" not in text
    assert bool(env.fake.cdn_requests) is fetched  # type and size are checked before reading
    assert await guild_records(env) == 0
    assert await env.service.audit_log(guild_id=env.world.guild.id) == []


async def test_a_file_discord_cannot_serve_any_more_gets_a_clear_message(env: Env) -> None:
    handle = await source_add(env, title="Zendaya gives",
                              file=attach(ZENDAYA, cdn_status=404))
    text = await ephemeral_text(handle)
    assert text == "I could not download zendaya.txt from Discord (404); please attach it again."
    assert [status for _path, status in env.fake.cdn_requests] == [404]
    assert await guild_records(env) == 0


async def test_a_text_without_facts_or_quotes_is_refused_clearly(env: Env) -> None:
    opened = await source_add(env, title="Weather")
    modal = await opened.modal()
    submitted = await env.fake.submit_modal(
        modal["custom_id"], {"text": "Menu\nHome\nContact us\nAbout\nPrivacy policy\nTerms"},
        env.world.admin)
    text = await ephemeral_text(submitted)
    assert text == "No facts or quotes could be read from the article."
    assert await guild_records(env) == 0


async def test_non_admins_and_dms_are_refused(env: Env) -> None:
    w = env.world
    with pytest.raises(InteractionRefused):  # hidden by default_member_permissions
        await source_add(env, w.member, file=attach(ZENDAYA))
    forced = await source_add(env, w.member, bypass=True, file=attach(ZENDAYA))
    assert "Only server managers" in await ephemeral_text(forced)
    forced_form = await source_add(env, w.member, bypass=True, title="Zendaya gives")
    assert "Only server managers" in await ephemeral_text(forced_form)
    assert forced_form.interaction.modal is None
    in_dm = await env.slash("source add", {"outlet": "X", "file": attach(ZENDAYA)}, w.owner,
                            guild=None, bypass=True)
    assert "only in a server" in await ephemeral_text(in_dm)
    assert env.fake.cdn_requests == []  # the file was never read
    assert await guild_records(env) == 0


async def test_cancel_stores_nothing(env: Env) -> None:
    handle = await source_add(env, title="Zendaya gives", file=attach(ZENDAYA))
    preview = await preview_of(handle)
    cancelled = await env.fake.click(preview["id"], button(preview, "Cancel"), env.world.admin)
    body = await callback(cancelled)
    assert body["type"] == UPDATE_MESSAGE
    assert body["data"]["content"] == "Cancelled; nothing was added."
    assert body["data"]["components"] == [] and body["data"]["embeds"] == []
    assert await guild_records(env) == 0
    assert env.service.engine.get("source", "daily-example-zendaya-gives") is None


async def test_only_the_invoking_admin_can_confirm_and_the_buttons_time_out(env: Env) -> None:
    w = env.world
    handle = await source_add(env, title="Zendaya gives", file=attach(ZENDAYA))
    preview = await preview_of(handle)
    stranger = await env.fake.click(preview["id"], button(preview, "Add"), w.owner)
    assert "Only the admin who added this article" in await ephemeral_text(stranger)
    assert await guild_records(env) == 0
    added = await env.fake.click(preview["id"], button(preview, "Add"), w.admin)
    assert (await callback(added))["data"]["content"].startswith("Added to this server")
    assert await guild_records(env) == 4

    cog = env.bot.get_cog("Sources")
    cog.ingest_timeout = 0.5  # type: ignore[union-attr]
    again = await source_add(env, title="Zendaya gives again",
                             file=attach(ZENDAYA.replace(b"$50,000", b"$60,000")))
    late = await preview_of(again)
    late_add = button(late, "Add")

    def timed_out() -> bool:
        msg = env.fake.messages[int(late["id"])]
        return msg["content"].startswith("No confirmation in time") and not msg["components"]

    await env.fake.wait_until(timed_out, timeout=5, what="the preview to time out")
    with pytest.raises(InteractionRefused):
        await env.fake.click(late["id"], late_add, w.admin)  # the buttons are gone
    assert await guild_records(env) == 4


async def test_an_article_already_known_has_nothing_to_confirm(env: Env) -> None:
    handle = await source_add(env, title="Zendaya gives", file=attach(ZENDAYA))
    preview = await preview_of(handle)
    await callback(await env.fake.click(preview["id"], button(preview, "Add"),
                                        env.world.admin))
    same = await source_add(env, title="Zendaya gives", file=attach(ZENDAYA))
    again = await preview_of(same)
    assert again["content"].startswith("Everything in it is already known here")
    assert again["components"] == []
    assert await guild_records(env) == 4


# --------------------------------------------------------------------------- /verify


async def verify(env: Env, text: str, *, guild: Any = "default",
                 user: FakeMember | None = None) -> dict[str, Any]:
    handle = await env.slash("verify", {"text": text}, user, guild=guild)
    body = await callback(handle)
    assert body["type"] == CHANNEL_MESSAGE
    assert not body["data"].get("flags")  # a public answer
    assert body["data"]["allowed_mentions"]["parse"] == []
    return body["data"]["embeds"][0]  # type: ignore[no-any-return]


async def test_verify_verbatim_shows_speaker_and_source(env: Env) -> None:
    e = await verify(env, "“You are pointing your guns in the wrong direction”")
    assert e["title"].startswith("✓ Verbatim")
    assert e["description"] == "“You are pointing your guns in the wrong direction”"
    assert fields(e)["Said by"] == "Mark Ruffalo"
    assert "**NewsNation**" in fields(e)["Source"]
    assert e["footer"]["text"] == "quote ruffalo-guns-wrong-direction"


async def test_verify_paraphrase_shows_the_difference(env: Env) -> None:
    e = await verify(env, "You are pointing your weapons in the wrong direction")
    assert e["title"].startswith("≈ A paraphrase")
    assert e["description"].startswith(
        "You are pointing your ~~weapons~~ **guns** in the wrong direction")
    assert present.VERIFY_LEGEND in e["description"]
    assert fields(e)["What was said"] == "“You are pointing your guns in the wrong direction”"
    assert fields(e)["Said by"] == "Mark Ruffalo" and "NewsNation" in fields(e)["Source"]
    assert "similarity" in e["footer"]["text"]


async def test_verify_altered_quote_shows_what_changed(env: Env) -> None:
    e = await verify(env, "Biden is using military force to stop a protest")
    assert e["title"] == "✗ Altered: a changed name, not what was said"
    assert e["description"].startswith(
        "~~Biden~~ **Trump** is using military force to stop a protest")
    assert fields(e)["Said by"] == "Doechii" and "NewsNation" in fields(e)["Source"]
    assert "Trump is using military force" in fields(e)["What was said"]


async def test_verify_too_short_is_a_clear_message(env: Env) -> None:
    handle = await env.slash("verify", {"text": "a"})
    assert (await ephemeral_text(handle)).startswith("That is too short to check")


async def test_verify_invented_quote_is_not_in_the_coverage(env: Env) -> None:
    e = await verify(env, "Taylor Swift said she will boycott the Grammys until ICE leaves.")
    assert e["title"] == "✗ Not in the coverage"
    assert "Said by" not in fields(e) and "Source" not in fields(e)
    assert "> Taylor Swift said she will boycott" in e["description"]


async def test_verify_neutralises_markdown_and_mentions(env: Env) -> None:
    w = env.world
    role = w.admin_role.id
    pasted = (f"**Zendaya** told @everyone and <@&{role}> and <@{w.admin.user.id}> to "
              "||boycott|| the `raids`")
    handle = await env.slash("verify", {"text": pasted})
    reply = await handle.reply()
    e = embed(reply)
    assert e["title"] == "✗ Not in the coverage"
    description = e["description"]
    assert "\\*\\*Zendaya\\*\\*" in description and "\\|\\|boycott\\|\\|" in description
    assert "@\u200beveryone" in description and "@everyone" not in description
    assert f"<@\u200b&{role}>" in description
    assert reply["mention_everyone"] is False and reply["mention_roles"] == []
    assert reply["mentions"] == []
    body = (await handle.response()).json
    assert body["data"]["allowed_mentions"] == {"parse": [], "replied_user": True}

    # In a paraphrase the pasted words are shown as words: nothing to render or ping.
    e = await verify(env, "You are pointing your **weapons** in the wrong direction @everyone")
    assert e["title"].startswith("≈ A paraphrase")
    assert "@everyone" not in e["description"] and "~~weapons~~ **guns**" in e["description"]


async def test_verify_bad_input_and_dms_and_guild_scope(env: Env) -> None:
    w = env.world
    empty = await env.slash("verify", {"text": "  ?! "})
    assert await ephemeral_text(empty) == "Give the words of the quote to check."
    long = await env.slash("verify", {"text": "words " * 120})
    text = await ephemeral_text(long)
    assert "719 characters long" in text and "under 500" in text

    in_dm = await verify(env, "Long live the resistance", guild=None, user=w.member)
    assert in_dm["title"].startswith("✓ Verbatim") and fields(in_dm)["Said by"] == "Kehlani"

    await env.service.add(Quote(
        id="kim-guild-quote", speaker="kim-kardashian", text="Our city is our family.",
        context="a podcast", citations=(Citation(SOURCE_ID, "As reported."),),
        guild_id=w.guild.id), actor="test")
    here = await verify(env, "Our city is our family.")
    assert here["title"].startswith("✓ Verbatim") and fields(here)["Where"] == "a podcast"
    handle = await env.slash("verify", {"text": "Our city is our family."}, w.other_member,
                             guild=w.other_guild.id, channel=w.other_channel.id)
    assert embed(await handle.reply())["title"] == "✗ Not in the coverage"


# --------------------------------------------------------------------------- several sources


async def test_an_answer_with_two_sources_says_who_reported_it(env: Env) -> None:
    await ingest_second_outlet(env)
    e = await ask(env, "which cities did the protests spread to")
    assert "*Reported by Daily Example and 1 other (2025-06-12)*" in e["description"]
    names = [f["name"] for f in e["fields"]]
    assert names[:2] == ["Source 1 of 2", "Source 2 of 2"]
    assert "Daily Example" in fields(e)["Source 1 of 2"]  # the newest first
    assert "NewsNation" in fields(e)["Source 2 of 2"]


async def test_a_conflicting_figure_shows_both_versions_newest_first(env: Env) -> None:
    await ingest_second_outlet(env)
    asked = await env.say(f"{env.mention} how many people did ice arrest in la")
    reply = await asked.reply()
    description = embed(reply)["description"]
    assert description.startswith("**Sources disagree on this figure** (newest report first):")
    newer = description.index("more than 50")
    older = description.index("over 40")
    assert newer < older
    lines = description.splitlines()
    assert any("more than 50" in line and line.endswith("— Daily Example (2025-06-12)")
               for line in lines)
    assert any("over 40" in line and line.endswith("— NewsNation (date not given)")
               for line in lines)
    assert sent_body(env.fake, reply["id"])["allowed_mentions"]["parse"] == []


# --------------------------------------------------------------------------- formatting


def _errors(e: discord.Embed) -> list[str]:
    return spec.embed_errors([e.to_dict()], "embeds")


nasty = st.lists(
    st.sampled_from([*"ab cd\n*_~`|>#[]()@&<!:/.\\", "```", "@everyone", "@here",
                     "<@&123456789012345678>", "é", "😀", "\u200b", "word ", "\n" * 3]),
    max_size=3000,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(preview=nasty, what=st.text(max_size=400),
       counts=st.dictionaries(st.sampled_from(["sources", "people", "facts", "quotes",
                                               "linked", "skipped"]),
                              st.integers(min_value=0, max_value=10**6)))
def test_any_preview_fits_and_stays_one_code_block(preview: str, what: str,
                                                   counts: dict[str, int]) -> None:
    e = present.ingest_preview_embed(preview * 3, counts, what or "x")
    assert _errors(e) == []
    body = e.description or ""
    assert body.startswith("```\n") and body.endswith("\n```")
    assert body.count("```") == 2  # nothing inside can close the block early


def test_a_long_preview_is_cut_at_a_line_with_how_much_is_left() -> None:
    text = "\n".join(f"  + fact number {n} [fact-{n}]" for n in range(500))
    body = present.code_block(text, 1000)
    assert len(body) <= 1000
    assert body.splitlines()[-2].startswith("… and ") and body.endswith("more lines\n```")
    assert "  + fact number 0 [fact-0]" in body


ops = st.lists(st.builds(DiffOp, op=st.sampled_from(["equal", "delete", "insert", "replace"]),
                         text=nasty, quote=nasty), max_size=40)


@settings(max_examples=60, deadline=None)
@given(ops=ops, pasted=nasty, quote_text=nasty, speaker=st.none() | nasty,
       verdict=st.sampled_from(["verbatim", "paraphrase", "not_found"]),
       n_sources=st.integers(min_value=0, max_value=8))
def test_any_verification_fits_discord_and_cannot_ping(
    ops: list[DiffOp], pasted: str, quote_text: str, speaker: str | None, verdict: Any,
    n_sources: int,
) -> None:
    quote = Quote(id="q", speaker="s", text=quote_text or "x", context=pasted[:300],
                  citations=())
    v = Verification(verdict, 80.0, quote, "s", speaker, tuple(ops))
    refs = [SourceRef(pasted[:90] or "o", quote_text[:300] or "t", None, None, pasted)
            for _ in range(n_sources)]
    e = present.verify_embed(v, pasted or "x", refs)
    assert _errors(e) == []
    everything = str(e.to_dict())
    assert "@everyone" not in everything and "@here" not in everything


def test_the_diff_escapes_words_and_never_cuts_inside_a_marked_run() -> None:
    v = Verification("paraphrase", 80.0, None, None, None, (
        DiffOp("equal", "we *are*", "we *are*"),
        DiffOp("replace", "walking", "living"),
        DiffOp("equal", "in an " + "oligarchy " * 50, "in an " + "oligarchy " * 50),
        DiffOp("insert", "", "truly"),
    ))
    full = present.diff_markdown(v, 4000)
    assert full.startswith("we \\*are\\* ~~walking~~ **living** in an oligarchy")
    assert full.endswith("**truly**")
    short = present.diff_markdown(v, 60)
    assert len(short) <= 60 and short.endswith("…")
    assert short.count("~~") % 2 == 0 and short.count("**") % 2 == 0
    tiny = present.diff_markdown(v, 30)
    assert tiny == "we \\*are\\* ~~walking~~ …"  # **living** would not fit whole


def test_answer_embed_reports_sources_and_orders_conflicting_versions() -> None:
    old = SourceRef("NewsNation", "Celebrities", None, None, "over 40")
    mid = SourceRef("Wire", "Raids", None, "2025-06-11", "about 45")
    new = SourceRef("Daily Example", "Stars", None, "2025-06-12", "more than 50")
    two = Answer(True, "Protests spread to Atlanta.", 80, sources=(new, old))
    assert present.answer_embed(two, "q").description == (
        "Protests spread to Atlanta.\n\n*Reported by Daily Example and 1 other (2025-06-12)*")
    conflicted = Answer(True, "ICE arrested over 40 people.", 80, sources=(old,),
                        conflicts=(Conflict("ICE arrested more than 50 people.", (new,)),
                                   Conflict("ICE arrested about 45 people.", (mid,))))
    e = present.answer_embed(conflicted, "how many arrests?")
    assert (e.description or "").splitlines() == [
        "**Sources disagree on this figure** (newest report first):",
        "1. ICE arrested more than 50 people. — Daily Example (2025-06-12)",
        "2. ICE arrested about 45 people. — Wire (2025-06-11)",
        "3. ICE arrested over 40 people. — NewsNation (date not given)",
    ]
    assert _errors(e) == []
