"""Overload (issue 13): the real bot, flooded through the fake Discord beyond its backlog of
questions, slows down but drops no one: every ``/ask`` is acknowledged at once, mentions past
the bound get one "busy" reply per channel, and an admin's write during the flood is
confirmed and stored.

The fake here is a slow Discord: it takes :data:`SLOW` seconds to accept each message the
bot posts (answers, followups), as the real one does on a bad day, so that the bot falls
behind for certain within a second, whatever the machine. Interaction acknowledgements are
not slowed: they are what the bot must still send at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from pathlib import Path
from typing import Any

import pytest

from bot.client import CoverageBot
from bot.cogs.ask import BUSY_EVERY, BUSY_TEXT
from bot.errors import ConfigError
from bot.models import Fact
from bot.questions import QUESTION_SENDS
from bot.service import CoverageService
from bot.settings import Settings, load_settings
from bot.storage import Storage
from tests.fakediscord.fixtures import running_bot, running_fake
from tests.fakediscord.records import RecordedRequest
from tests.fakediscord.server import FakeDiscord, InteractionHandle, MessageHandle

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
SOURCE_ID = "newsnation-celebrities-ice-raids"
MESSAGES = "/channels/{channel_id}/messages"
WEBHOOK = "/webhooks/{webhook_id}/{webhook_token}"
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"
CHANNEL_MESSAGE, DEFERRED, EPHEMERAL = 4, 5, 64

#: Seconds the slow Discord takes to accept a message the bot posts.
SLOW = 0.4
#: The backlog of questions in this test (QUESTION_BACKLOG).
BACKLOG = 5
MENTIONS = QUESTION_SENDS + 60  # more than can be in flight, queued, or matched at once
SLASHES = 20


class SlowDiscord(FakeDiscord):
    """A fake Discord that is slow to accept posted messages and notes how long after each
    interaction its acknowledgement arrived."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.ack_age: dict[str, float] = {}

    async def _answer(self, request: Any, record: RecordedRequest, version: Any,
                      parse_error: Any) -> tuple[int, Any, dict[str, str]]:
        if record.method == "POST" and record.template == CALLBACK:
            inter = self.interactions.get(int(record.params["interaction_id"]))
            if inter is not None:
                age = asyncio.get_running_loop().time() - inter.created_at
                self.ack_age.setdefault(str(inter.id), age)
        elif record.method == "POST" and record.template in (MESSAGES, WEBHOOK):
            await asyncio.sleep(SLOW)
        return await super()._answer(request, record, version, parse_error)


def slow_discord() -> contextlib.AbstractAsyncContextManager[FakeDiscord]:
    """The fake Discord, answering every message post SLOW seconds late."""
    return running_fake(kind=SlowDiscord)


def replies_to(fake: FakeDiscord, message_id: int) -> list[dict[str, Any]]:
    return [r.json for r in fake.requests_to("POST", MESSAGES)
            if r.ok and str(((r.json or {}).get("message_reference") or {}).get("message_id"))
            == str(message_id)]


async def test_flood_past_the_backlog_acks_everyone_says_busy_and_keeps_admin_writes(
        tmp_path: Path) -> None:
    async with slow_discord() as fake:
        w = fake.world  # type: ignore[attr-defined]
        channels = [w.channel, fake.add_channel(w.guild, "news")]
        settings = Settings(database_path=tmp_path / "bank.db", knowledge_dir=KNOWLEDGE_DIR,
                            question_cooldown=0.0, question_backlog=BACKLOG)
        async with await CoverageService.open(settings) as service:
            bot = CoverageBot(settings=settings, service=service)
            async with running_bot(fake, bot):
                waiting: list[int] = []

                async def watch_backlog() -> None:
                    while True:
                        waiting.append(len(bot.questions))
                        await asyncio.sleep(0.005)

                watcher = asyncio.create_task(watch_backlog())
                mentions: list[MessageHandle] = []
                slashes: list[InteractionHandle] = []
                question = "what did Doechii say at the BET Awards?"
                for n in range(MENTIONS):
                    mentions.append(await fake.send_message(
                        w.guild.id, channels[n % 2].id, w.member,
                        f"<@{fake.bot_user.id}> {question}"))
                    if n % (MENTIONS // SLASHES) == 0 and len(slashes) < SLASHES:
                        slashes.append(await fake.slash(w.guild.id, channels[n % 2].id,
                                                        w.member, "ask",
                                                        {"question": question}))
                    if n == MENTIONS // 2:  # an admin adds a fact in the thick of it
                        opened = await fake.slash(w.guild.id, w.channel.id, w.admin,
                                                  "fact add")
                        modal = await opened.modal()
                        text = "Overload test fact: the admin's write is kept during a flood."
                        submitted = await fake.submit_modal(
                            modal["custom_id"],
                            {"text": text, "source": SOURCE_ID,
                             "passage": "Along with Doechii and Kardashian, other stars are "
                                        "also speaking out."}, w.admin)
                # Every /ask is answered, or told "busy"; nothing waits without end.
                finals = [await h.reply(timeout=15) for h in slashes]
                confirmed = await submitted.reply(timeout=15)
                await asyncio.wait_for(bot.questions.join(), 15)
                await asyncio.sleep(SLOW + 0.2)  # the last "busy" replies land
                watcher.cancel()
                refused = bot.questions.refused
        # The admin's write: confirmed, then found in the database after the bot stopped.
        found = re.search(r"Added fact `([a-z0-9-]+)`", confirmed.get("content") or "")
        assert found, confirmed
        async with await Storage.open(tmp_path / "bank.db") as storage:
            fact = await storage.get("fact", found.group(1))
            audit = await storage.audit_log(guild_id=w.guild.id, record_id=found.group(1),
                                            kind="fact")
        assert isinstance(fact, Fact) and fact.text == text and fact.guild_id == w.guild.id
        assert audit and (audit[0].after or {}).get("text") == text

    # Every interaction was acknowledged, all well inside Discord's 3 s: "thinking…", or for
    # an /ask that came when the backlog was full, the "busy" notice to the asker alone.
    interactions = [*[str(h.id) for h in slashes], str(opened.id), str(submitted.id)]
    assert all(i in fake.ack_age for i in interactions)
    assert max(fake.ack_age[i] for i in interactions) < 1.0, fake.ack_age
    for handle in slashes:
        response = await handle.response()
        assert response.ok
        data = response.json.get("data") or {}
        assert response.json["type"] == DEFERRED or (
            response.json["type"] == CHANNEL_MESSAGE and data["content"] == BUSY_TEXT
            and data["flags"] & EPHEMERAL), response.json
    # The backlog never held more than its bound, and the flood did go past it.
    assert max(waiting) <= BACKLOG
    assert refused > 0
    # Mentions: each got an answer, or nothing, or (the first refused one of each channel in
    # BUSY_EVERY seconds) the short "busy" reply; never two replies.
    assert BUSY_EVERY > 5  # the whole flood fits in one busy interval per channel
    answered = busy = silent = 0
    busy_channels: list[str] = []
    for handle in mentions:
        got = replies_to(fake, handle.id)
        assert len(got) <= 1, got
        if not got:
            silent += 1
        elif got[0].get("embeds"):
            answered += 1
        else:
            assert got[0]["content"] == BUSY_TEXT
            busy += 1
            busy_channels.append(str(handle.channel_id))
    assert sorted(busy_channels) == sorted(str(c.id) for c in channels)  # one per channel
    assert answered > BACKLOG and silent > 0
    slash_busy = sum(1 for m in finals if BUSY_TEXT in (m.get("content") or ""))
    assert all(m.get("embeds") or BUSY_TEXT in (m.get("content") or "") for m in finals)
    # Every question refused was refused once and shows as such: busy or silent.
    assert refused == busy + silent + slash_busy


def test_question_backlog_is_a_setting() -> None:
    assert load_settings({}, env_file=None).question_backlog == 50
    assert load_settings({"QUESTION_BACKLOG": "7"}, env_file=None).question_backlog == 7
    for bad in ("0", "-1", "many"):
        with pytest.raises(ConfigError, match="QUESTION_BACKLOG"):
            load_settings({"QUESTION_BACKLOG": bad}, env_file=None)
    example = (Path(__file__).resolve().parent.parent / ".env.example").read_text()
    assert "\nQUESTION_BACKLOG=50\n" in example
