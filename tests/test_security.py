"""Security, through the real bot against the fake Discord.

* No admin action without permission: every admin command (found by walking the command
  tree, so a new one cannot be forgotten) is refused to a member without Manage Server, to
  someone who is an admin only in *another* server, and in DMs (even for an owner), with
  Discord's own hiding bypassed as a server that changed its integration settings would.
  A modal opened by an admin who then loses the role is refused on submit.
* No admin action on another guild's records: an admin of guild B cannot see, edit, remove
  or export guild A's records, nor cite guild A's source; B's answers never use A's facts.
* Each refusal changes nothing: the database's full dump is the same before and after.
* The token never appears in logs or errors: ``coverage-bot run`` in a child process (the
  real command line, LOG_LEVEL=DEBUG) with a recognisable fake token, against the fake
  Discord that rejects it with 401, and again with the fake accepting it for a whole
  session; stdout, stderr and logs must not contain it, and the rejection says what to do.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from discord import app_commands

from bot.client import LOGIN_FAILED_HELP, CoverageBot
from bot.models import Source
from bot.service import CoverageService
from bot.settings import Settings
from tests.conftest import KNOWLEDGE_DIR, ROOT
from tests.fakediscord.fixtures import World, running_bot, running_fake
from tests.fakediscord.interactions import InteractionRefused
from tests.fakediscord.models import FakeMember, Permissions
from tests.fakediscord.server import FakeDiscord, InteractionHandle

SOURCE_ID = "newsnation-celebrities-ice-raids"
SHIPPED_FACT = "doechii-best-female-hip-hop-artist"
SHIPPED_QUOTE = "kardashian-better-way"
CHANNEL_MESSAGE, DEFERRED = 4, 5
EPHEMERAL = 64


def db_digest(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@dataclass
class Env:
    fake: FakeDiscord
    world: World
    bot: CoverageBot
    service: CoverageService
    db: Path
    admin_b: FakeMember  # an admin of the other guild only

    async def slash(self, name: str, options: dict[str, Any] | None, user: FakeMember | Any,
                    *, guild: Any = "a", bypass: bool = True) -> InteractionHandle:
        w = self.world
        gid, cid = {"a": (w.guild.id, w.channel.id), "b": (w.other_guild.id,
                                                           w.other_channel.id),
                    None: (None, None)}[guild]
        return await self.fake.slash(gid, cid, user, name, options, bypass_permissions=bypass)


@contextlib.asynccontextmanager
async def environment(tmp_path: Path) -> AsyncIterator[Env]:
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        role_b = world.other_guild.add_role("Mods B", Permissions.DEFAULT_EVERYONE
                                            | Permissions.MANAGE_GUILD)
        admin_b = fake.add_member(world.other_guild, fake.create_user("dave"), [role_b])
        # The plain member of guild A is an admin in guild B: that must not help in A.
        world.other_member.role_ids.append(role_b.id)
        db = tmp_path / "bank.db"
        settings = Settings(database_path=db, knowledge_dir=KNOWLEDGE_DIR,
                            question_cooldown=0.0)
        service = await CoverageService.open(settings)
        try:
            bot = CoverageBot(settings=settings, service=service)
            async with running_bot(fake, bot):
                yield Env(fake, world, bot, service, db, admin_b)
        finally:
            await service.close()


async def first_response(handle: InteractionHandle) -> tuple[int, str]:
    """(callback type, the text the user sees) of an interaction's first answer."""
    req = await handle.response(timeout=10)
    assert req.ok, (req.status, req.response)
    body = req.json
    if body["type"] == DEFERRED:
        follow = await handle.followup(timeout=10)
        return DEFERRED, str(follow.json.get("content") or "")
    data = body.get("data") or {}
    text = str(data.get("content") or "")
    text += " ".join(e.get("description") or "" for e in data.get("embeds") or [])
    return body["type"], text


async def refused(handle: InteractionHandle, *words: str) -> str:
    kind, text = await first_response(handle)
    assert kind == CHANNEL_MESSAGE, (kind, text)
    req = await handle.response()
    assert req.json["data"]["flags"] & EPHEMERAL, "a refusal is shown to the user only"
    for word in words:
        assert word in text, text
    assert handle.interaction.modal is None, "no form was opened"
    return text


def admin_commands(bot: CoverageBot) -> set[str]:
    """Every slash command guarded by the admin check."""
    out = set()
    for cmd in bot.tree.walk_commands():
        if isinstance(cmd, app_commands.Command):
            preds = [getattr(c, "__qualname__", "") for c in cmd.checks]
            if any("_admin_predicate" in p for p in preds):
                out.add(cmd.qualified_name)
    return out


#: Options that reach the command body for each admin command (the ids exist).
ADMIN_OPTIONS: dict[str, dict[str, Any]] = {
    "fact add": {},
    "fact edit": {"fact": SHIPPED_FACT},
    "fact remove": {"fact": SHIPPED_FACT},
    "fact show": {"fact": SHIPPED_FACT},
    "source add": {"outlet": "Evil Outlet", "title": "Planted story"},
    "source list": {},
    "kb channel": {"action": "enable"},
    "kb export": {},
    "kb import": {},  # an attachment option: built by kb_import below
    "kb unanswered": {},
    "kb audit": {},
    "quote add": {},
    "quote edit": {"quote": SHIPPED_QUOTE},
    "quote remove": {"quote": SHIPPED_QUOTE},
}


async def kb_import(env: Env, user: Any, data: bytes, *, guild: str = "a"
                    ) -> InteractionHandle:
    """``/kb import`` with an attachment (the fake's ``slash`` has no attachment options):
    the payload built as Discord sends it, the file served on 127.0.0.1."""
    from aiohttp import web

    from tests.fakediscord.interactions import _dispatch

    fake, w = env.fake, env.world
    g, c = (w.guild, w.channel) if guild == "a" else (w.other_guild, w.other_channel)

    async def serve(_request: web.Request) -> web.Response:
        return web.Response(body=data, content_type="application/json")

    app = web.Application()
    app.router.add_get("/attachments/1/bank.json", serve)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}/attachments/1/bank.json"
    try:
        cmd = next(cm for cm in fake.commands[None].values() if cm["name"] == "kb")
        aid = str(fake.new_id())
        payload = {
            "id": cmd["id"], "name": "kb", "type": 1,
            "options": [{"name": "import", "type": 1, "options": [
                {"name": "file", "type": 11, "value": aid}]}],
            "resolved": {"attachments": {aid: {
                "id": aid, "filename": "bank.json", "size": len(data), "url": url,
                "proxy_url": url, "content_type": "application/json"}}},
        }
        handle = await _dispatch(fake, 2, user.user, g, c, payload)
        await handle.response(timeout=10)
        await asyncio.sleep(0.2)  # an import, were it let through, would fetch the file now
    finally:
        await runner.cleanup()
    return handle


IMPORT_DOC = json.dumps({"format": "coverage-bot/1", "facts": [
    {"id": "planted-fact", "text": "A planted claim.",
     "citations": [{"source": SOURCE_ID, "passage": "Planted."}]}]}).encode()


async def invoke(env: Env, name: str, user: Any, *, guild: Any = "a") -> InteractionHandle:
    if name == "kb import":
        return await kb_import(env, user, IMPORT_DOC, guild=guild or "a")
    return await env.slash(name, ADMIN_OPTIONS[name], user, guild=guild)


async def test_every_admin_command_is_covered_here(tmp_path: Path) -> None:
    async with environment(tmp_path) as env:
        assert admin_commands(env.bot) == set(ADMIN_OPTIONS)
        # Discord hides them from members by default (the first line of defence; /quote is
        # visible to all, so its admin subcommands rely on the bot's check alone).
        for name, options in ADMIN_OPTIONS.items():
            if name == "kb import" or name.startswith("quote "):
                continue
            with pytest.raises(InteractionRefused, match="default_member_permissions"):
                await env.slash(name, options, env.world.member, bypass=False)


async def test_no_admin_action_without_permission(tmp_path: Path) -> None:
    async with environment(tmp_path) as env:
        w = env.world
        before = db_digest(env.db)
        for name in sorted(ADMIN_OPTIONS):
            # w.member has no role here, and is an admin in the other guild (see environment).
            handle = await invoke(env, name, w.member)
            await refused(handle, "Only server managers")
            assert db_digest(env.db) == before, f"/{name} by a non-admin changed the database"
        assert env.service.engine.get("fact", "planted-fact") is None
        assert await env.service.answer_channels(w.guild.id) == set()


async def test_no_admin_action_in_a_dm_even_for_an_owner(tmp_path: Path) -> None:
    async with environment(tmp_path) as env:
        w = env.world
        before = db_digest(env.db)
        for name in sorted(set(ADMIN_OPTIONS) - {"kb import"}):
            handle = await env.slash(name, ADMIN_OPTIONS[name], w.owner, guild=None)
            await refused(handle, "only in a server")
        assert db_digest(env.db) == before


async def test_a_modal_submitted_after_losing_the_admin_role_is_refused(tmp_path: Path
                                                                        ) -> None:
    async with environment(tmp_path) as env:
        w = env.world
        opened = await env.slash("fact add", {}, w.admin, bypass=False)
        modal = await opened.modal(timeout=10)
        w.admin.role_ids.clear()  # the role is taken away while the form is open
        before = db_digest(env.db)
        submitted = await env.fake.submit_modal(
            modal["custom_id"], {"text": "A fact from a former admin.", "source": SOURCE_ID,
                                 "passage": "Former."}, w.admin)
        text = await refused(submitted, "Only server managers")
        assert "former admin" not in text
        assert db_digest(env.db) == before


async def add_fact_as(env: Env, admin: Any, guild: str, text: str) -> str:
    opened = await env.slash("fact add", {}, admin, guild=guild, bypass=False)
    modal = await opened.modal(timeout=10)
    done = await env.fake.submit_modal(modal["custom_id"], {
        "text": text, "keywords": "zebra, secret", "source": SOURCE_ID,
        "passage": "As reported."}, admin)
    _, content = await first_response(done)
    fact_id = content.split("`")[1]
    assert content.startswith("Added fact"), content
    return fact_id


async def test_an_admin_cannot_touch_another_guilds_records(tmp_path: Path) -> None:
    async with environment(tmp_path) as env:
        w = env.world
        a_fact = await add_fact_as(env, w.admin, "a", "The zebra parade in guild A is secret.")
        a_source = "guild-a-gazette"  # set up directly: /source add is not under test here
        await env.service.add(Source(id=a_source, outlet="Guild A Gazette",
                                     title="A local story", guild_id=w.guild.id),
                              actor="test-setup")
        before = db_digest(env.db)
        b = env.admin_b
        for name, options in (("fact edit", {"fact": a_fact}), ("fact remove", {"fact": a_fact}),
                              ("fact show", {"fact": a_fact})):
            handle = await env.slash(name, options, b, guild="b", bypass=False)
            text = await refused(handle, "There is no fact")
            assert "The zebra parade" not in text  # nothing of A's record leaks (but its id,
            # which B's admin typed)
        # Autocomplete in B does not offer A's fact; export from B does not contain it.
        typed = await env.fake.autocomplete(w.other_guild.id, w.other_channel.id, b,
                                            "fact edit", {"fact": "zebra"}, "fact")
        assert all(c["value"] != a_fact for c in await typed.choices())
        export = await env.slash("kb export", {}, b, guild="b", bypass=False)
        req = await export.response(timeout=10)
        files = b"".join(f.data for f in req.files)
        assert a_fact.encode() not in files and b"zebra" not in files
        # B cannot cite A's source, in a form or in an import.
        opened = await env.slash("fact add", {}, b, guild="b", bypass=False)
        modal = await opened.modal(timeout=10)
        done = await env.fake.submit_modal(modal["custom_id"], {
            "text": "Citing another server's source.", "source": a_source,
            "passage": "Borrowed."}, b)
        await refused(done, "There is no source")
        doc = json.dumps({"format": "coverage-bot/1", "facts": [
            {"id": "borrowed-citation", "text": "Borrowing A's source.",
             "citations": [{"source": a_source, "passage": "Borrowed."}]}]}).encode()
        imported = await kb_import(env, b, doc, guild="b")
        _, text = await first_response(imported)
        assert "nothing was changed" in text and "unknown source" in text
        # Nor change the shipped coverage, which only owners may.
        handle = await env.slash("fact edit", {"fact": SHIPPED_FACT}, b, guild="b",
                                 bypass=False)
        await refused(handle, "only the bot's owners")
        assert db_digest(env.db) == before
        # B's members are never answered from A's facts.
        asked = await env.fake.send_message(w.other_guild.id, w.other_channel.id, b,
                                            f"<@{env.fake.bot_user.id}> tell me about the "
                                            "zebra parade secret")
        reply = json.dumps(await asked.reply(timeout=10))
        assert "The zebra parade in guild A is secret" not in reply and a_fact not in reply
        asked = await env.fake.send_message(w.guild.id, w.channel.id, w.member,
                                            f"<@{env.fake.bot_user.id}> tell me about the "
                                            "zebra parade secret")
        reply = json.dumps(await asked.reply(timeout=10))
        assert "The zebra parade in guild A is secret" in reply  # A is answered from it


# --------------------------------------------------------------------------- the token


TOKEN = "MTE5ODc2NTQzMjE5ODc2NTQz.GxYz12.ThisIsTheSecretPartOfTheFakeToken_0123456789"
SECRET_PART = "ThisIsTheSecretPartOfTheFakeToken"

RUN_SCRIPT = textwrap.dedent('''
    """``coverage-bot run`` (the real command line) with discord.py pointed at the fake."""
    import sys
    import discord.gateway, discord.http, yarl
    base = sys.argv[1]
    discord.http.Route.BASE = base + "/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        base.replace("http://", "ws://") + "/")
    from bot.cli import main
    sys.exit(main(sys.argv[2:]))
''')


async def run_cli_bot(fake: FakeDiscord, tmp_path: Path, *, via_env_file: bool,
                      until: Any = None) -> tuple[int, str]:
    """Run the bot's command line in a child against ``fake`` (served by this event loop, so
    the child is watched by polling, never by a blocking wait); (exit status, all output).
    ``until``: a coroutine function; when it returns the child gets SIGTERM."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "ANSWER_THRESHOLD")}
    env.update(KNOWLEDGE_DIR=str(KNOWLEDGE_DIR), PYTHONPATH=str(ROOT), LOG_LEVEL="DEBUG",
               PYTHONUNBUFFERED="1")
    if via_env_file:
        (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\n", encoding="utf-8")
    else:
        env["DISCORD_TOKEN"] = TOKEN
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_SCRIPT, fake.base_url, "run", "--db",
         str(tmp_path / "bank.db")], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    chunks: list[bytes] = []
    assert proc.stdout is not None
    reader = threading.Thread(target=lambda: chunks.extend(iter(proc.stdout.readline, b"")),
                              daemon=True)  # keeps the pipe drained
    reader.start()
    try:
        if until is not None:
            await asyncio.wait_for(until(), 60)
            proc.send_signal(signal.SIGTERM)
        for _ in range(600):
            if proc.poll() is not None:
                break
            await asyncio.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        reader.join(10)
    assert proc.returncode is not None
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def assert_no_token(text: str) -> None:
    assert TOKEN not in text
    assert SECRET_PART not in text
    assert TOKEN.split(".")[0] not in text  # not even the id part


@pytest.mark.parametrize("via_env_file", [False, True], ids=["environment", "dotenv"])
async def test_a_rejected_token_never_appears_and_the_message_says_what_to_do(
    tmp_path: Path, via_env_file: bool
) -> None:
    async with running_fake(token="the-fake-accepts-only-this") as fake:
        code, output = await run_cli_bot(fake, tmp_path, via_env_file=via_env_file)
        assert [r.status for r in fake.requests] == [401], fake.requests  # tried, refused
        fake.rejected.clear()
    assert code == 1, output
    assert_no_token(output)
    assert "Traceback" not in output
    # One line says what happened and what to do (the DEBUG log around it is the log).
    lines = output.splitlines()
    assert lines.count(f"coverage-bot: {LOGIN_FAILED_HELP}") == 1, output[-2000:]
    assert "Reset Token" in LOGIN_FAILED_HELP and "DISCORD_TOKEN" in LOGIN_FAILED_HELP


async def test_the_token_never_appears_in_a_whole_debug_session(tmp_path: Path) -> None:
    async with running_fake(token=TOKEN) as fake:
        w: World = fake.world  # type: ignore[attr-defined]

        async def session() -> None:
            await fake.wait_for_gateway("ready", timeout=30)
            await asyncio.sleep(2.5)  # discord.py's guild_ready_timeout before on_ready
            asked = await fake.send_message(w.guild.id, w.channel.id, w.member,
                                            f"<@{fake.bot_user.id}> who is doechii?")
            await asked.reply(timeout=10)
            slash = await fake.slash(w.guild.id, w.channel.id, w.member, "ask",
                                     {"question": "what did Kim Kardashian say?"})
            await slash.reply(timeout=10)
            await fake.drop_gateway()  # a RESUME carries the token too
            await fake.wait_for_gateway("resumed", timeout=15)

        code, output = await run_cli_bot(fake, tmp_path, via_env_file=True, until=session)
        auth = [r.headers.get("Authorization") for r in fake.requests]
        assert f"Bot {TOKEN}" in auth  # the token was really used
    assert code == 0, output[-3000:]
    assert "DEBUG" in output  # the most verbose log level was on
    assert_no_token(output)
