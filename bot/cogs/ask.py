"""Asking: mentions, replies to the bot's answers, DMs, "answer everything" channels, ``/ask``,
"did you mean" buttons, and the 👍/👎 feedback buttons under every answer.

The buttons are :class:`discord.ui.DynamicItem` s: their ``custom_id`` carries what they need
(the suggested question; the record voted on), so they keep working after a restart.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import SORRY_TEXT, CogBot, bot_of, report_error
from bot.errors import CoverageBotError, InvalidQuestion
from bot.models import Answer

log = logging.getLogger(__name__)

#: Past the backlog, a channel gets at most one "busy" reply per this many seconds (the other
#: mentions meanwhile get none: a flood of "busy" would be a flood all the same).
BUSY_EVERY = 10.0

#: A question that waited longer than this (seconds) in the backlog gets "busy" too instead
#: of its answer: when the bot answers slower than the backlog assumes (a starved machine),
#: the count alone would still let answers come seconds late.
MAX_WAIT = 0.25

BUSY_TEXT = ("I'm answering a lot of questions right now; please try again in a moment.")



def conversation_key(channel_id: int | None, user_id: int) -> tuple[str, int | None, int]:
    """A follow-up ("what else did she say?") is read against the same person's last
    question in the same channel or DM, for ``FOLLOW_UP_SECONDS``."""
    return ("discord", channel_id, user_id)


class BusyNotice:
    """When a channel may be told "busy" again: once per ``every`` seconds per channel."""

    def __init__(self, every: float = BUSY_EVERY) -> None:
        self.every = every
        self._last: dict[int, float] = {}

    def due(self, channel_id: int) -> bool:
        """True (and counted) when ``channel_id`` was not told "busy" in the last ``every``
        seconds."""
        now = time.monotonic()
        if len(self._last) > 10_000:
            self._last = {k: t for k, t in self._last.items() if now - t < self.every}
        last = self._last.get(channel_id)
        if last is not None and now - last < self.every:
            return False
        self._last[channel_id] = now
        return True


class QuestionCooldown:
    """Per-user cooldown on questions (QUESTION_COOLDOWN seconds; 0 turns it off)."""

    def __init__(self, per: float) -> None:
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def retry_after(self, user_id: int) -> float:
        """0 when the user may ask now (and the ask is counted), else seconds to wait."""
        if self.per <= 0:
            return 0.0
        if len(self._buckets) > 10_000:
            self._buckets = {
                k: b for k, b in self._buckets.items() if b.get_tokens() == 0
            }
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(1, self.per))
        return bucket.update_rate_limit() or 0.0


def answer_view(answer: Answer) -> discord.ui.View:
    """"Did you mean" buttons for an abstention, then 👍/👎 for feedback."""
    view = discord.ui.View(timeout=None)
    for suggestion in answer.suggestions[:4]:
        view.add_item(SuggestionButton(suggestion))
    view.add_item(FeedbackButton(True, answer.record_id))
    view.add_item(FeedbackButton(False, answer.record_id))
    return view


def _ask_cog(interaction: discord.Interaction[Any]) -> Ask:
    cog = interaction.client.get_cog("Ask")
    assert isinstance(cog, Ask)
    return cog


class SuggestionButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=r"cb:ask:(?P<question>.+)"):
    """Clicking asks the suggested question, as the user who clicked."""

    def __init__(self, question: str) -> None:
        self.question = question
        super().__init__(
            discord.ui.Button(
                label=present.button_label(question),
                style=discord.ButtonStyle.primary,
                custom_id=present.custom_id("cb:ask:", question),
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str], /,
    ) -> SuggestionButton:
        """The button again from its custom id (after a restart too)."""
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Ask the suggested question, as the user who clicked."""
        try:
            # A suggestion the bot offered is not a new question: no cooldown for it.
            await _ask_cog(interaction).answer_interaction(interaction, self.question,
                                                           cooldown=False)
        except Exception as exc:
            await report_error(interaction, exc)


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                     template=r"cb:fb:(?P<helpful>[01]):(?P<record>[a-z0-9-]*)"):
    """👍/👎 under an answer: records the vote (one per user per answer; a later one wins)."""

    def __init__(self, helpful: bool, record_id: str | None) -> None:
        self.helpful = helpful
        self.record_id = record_id or None
        super().__init__(
            discord.ui.Button(
                label="👍 Helpful" if helpful else "👎 Not helpful",
                style=discord.ButtonStyle.secondary,
                custom_id=f"cb:fb:{int(helpful)}:{record_id or ''}"[: present.MAX_CUSTOM_ID],
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
        match: re.Match[str], /,
    ) -> FeedbackButton:
        """The button again from its custom id (after a restart too)."""
        return cls(match["helpful"] == "1", match["record"] or None)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Record the vote and thank the voter (to them alone)."""
        bot = bot_of(interaction)
        try:
            message = interaction.message
            embed = message.embeds[0] if message and message.embeds else None
            question = (present.question_of(embed) if embed else None) or "(unknown question)"
            async with bot.working():
                await bot.service.record_feedback(
                    question=question,
                    record_id=self.record_id,
                    helpful=self.helpful,
                    user_id=interaction.user.id,
                    guild_id=interaction.guild_id,
                    message_id=message.id if message else None,
                )
            await interaction.response.send_message(
                "Thanks — noted that this answer helped." if self.helpful
                else "Thanks — noted that this answer did not help; an admin can review it.",
                ephemeral=True,
            )
        except Exception as exc:
            await report_error(interaction, exc)


class Ask(commands.Cog):
    """Questions, however they arrive."""

    def __init__(self, bot: CogBot) -> None:
        self.bot = bot
        self.cooldown = QuestionCooldown(bot.settings.question_cooldown)
        self.busy = BusyNotice()
        #: guild id -> channels where every message is a question (loaded per guild, lazily).
        self._answer_channels: dict[int, set[int]] = {}

    # ----------------------------------------------------------------- answer channels

    async def answer_channels(self, guild_id: int) -> set[int]:
        """The channels of a guild answered without a mention (cached per guild)."""
        channels = self._answer_channels.get(guild_id)
        if channels is None:
            channels = set(await self.bot.service.answer_channels(guild_id))
            self._answer_channels[guild_id] = channels
        return channels

    async def set_answer_channel(self, guild_id: int, channel_id: int, enabled: bool, *,
                                 actor: str) -> None:
        """Answer every message of a channel, or only mentions (and update the cache)."""
        await self.bot.service.set_answer_channel(guild_id, channel_id, enabled, actor=actor)
        channels = await self.answer_channels(guild_id)
        if enabled:
            channels.add(channel_id)
        else:
            channels.discard(channel_id)

    # ----------------------------------------------------------------- /ask

    @app_commands.command(name="ask", description="Ask a question about the coverage.")
    @app_commands.describe(question="Your question, e.g. what did Doechii say at the BET Awards?")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        """``/ask question:``: the answer with its sources, or a plain "the coverage doesn't
        say"."""
        await self.answer_interaction(interaction, question)

    async def answer_interaction(self, interaction: discord.Interaction[Any], question: str,
                                 *, cooldown: bool = True) -> None:
        """Answer ``question`` for an interaction (``/ask``, a suggestion button).

        The interaction is acknowledged at once, whatever the backlog: "thinking…" and the
        answer from the question queue, or, when the backlog is full, a "busy" notice for the
        asker alone.
        ``cooldown=False`` (a "did you mean" button) neither waits for the user's question
        cooldown nor counts towards it: pressing a suggestion is not asking again.
        """
        text = self.bot.service.clean_question(question)  # InvalidQuestion: changes nothing
        if self.bot.questions.full():
            # Refused at once: one request (the acknowledgement is the "busy" notice, seen by
            # the asker only), not a public "thinking…" and then a second request to say so.
            # Before the cooldown, which a refused question must not use up: "try again in a
            # moment" would otherwise be met by "please wait".
            self.bot.questions.refused += 1
            await interaction.response.send_message(BUSY_TEXT, ephemeral=True)
            return
        wait = self.cooldown.retry_after(interaction.user.id) if cooldown else 0.0
        if wait:
            await interaction.response.send_message(present.cooldown_text(wait), ephemeral=True)
            return
        await interaction.response.defer(thinking=True)

        queued = time.monotonic()

        async def answer() -> Awaitable[None]:
            if time.monotonic() - queued > MAX_WAIT:
                self.bot.questions.refused += 1
                return interaction.followup.send(BUSY_TEXT)
            try:
                found = await self.bot.service.ask(
                    text, guild_id=interaction.guild_id, user_id=interaction.user.id,
                    conversation=conversation_key(interaction.channel_id, interaction.user.id),
                )
                embed, view = present.answer_embed(found, text), answer_view(found)
            except Exception as exc:
                return report_error(interaction, exc)
            return self._followup(interaction, embed=embed, view=view)

        if not self.bot.questions.offer(answer):
            await interaction.followup.send(present.message_text(BUSY_TEXT))

    async def _followup(self, interaction: discord.Interaction[Any], *, embed: discord.Embed,
                        view: discord.ui.View) -> None:
        try:
            await interaction.followup.send(embed=embed, view=view)
        except Exception as exc:
            await report_error(interaction, exc)

    # ----------------------------------------------------------------- messages

    def _strip_mention(self, content: str) -> str:
        assert self.bot.user is not None
        return re.sub(rf"<@!?{self.bot.user.id}>", " ", content).strip()

    async def _replies_to_bot(self, message: discord.Message) -> bool:
        ref = message.reference
        if ref is None or ref.message_id is None or self.bot.user is None:
            return False
        resolved = ref.resolved or ref.cached_message
        if isinstance(resolved, discord.Message):
            return resolved.author.id == self.bot.user.id
        if isinstance(resolved, discord.DeletedReferencedMessage):
            return False
        try:
            fetched = await message.channel.fetch_message(ref.message_id)
        except discord.HTTPException:
            return False
        return fetched.author.id == self.bot.user.id

    async def question_in(self, message: discord.Message) -> tuple[str, bool] | None:
        """The question a message asks the bot and whether it addressed the bot directly
        (mention, reply, DM) rather than through an "answer everything" channel; None when
        the message is not for the bot."""
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id:
            return None
        if message.guild is None:
            return message.content.strip(), True
        mentioned = me.id in message.raw_mentions or any(u.id == me.id for u in message.mentions)
        if mentioned or await self._replies_to_bot(message):
            return self._strip_mention(message.content), True
        if message.channel.id in await self.answer_channels(message.guild.id):
            if not message.content and not self.bot.intents.message_content:
                self.bot.warn_no_content_once()
                return None
            return message.content.strip(), False
        return None

    @commands.Cog.listener()
    async def on_possible_question(self, message: discord.Message) -> None:
        """A message that may be a question to the bot: a mention, a reply to one of
        its answers, a DM, or any message of an "answer everything" channel."""
        found = await self.question_in(message)
        if found is None:
            return
        question, direct = found
        try:
            text = self.bot.service.clean_question(question)
        except InvalidQuestion as exc:
            if direct:  # in an "answer everything" channel, chatter is not for the bot
                await self._reply_text(message, str(exc))
            return
        if self.bot.questions.full():  # before the cooldown, as for /ask
            self.bot.questions.refused += 1
            await self._busy(message, direct)
            return
        wait = self.cooldown.retry_after(message.author.id)
        if wait:
            await self._reply_text(message, present.cooldown_text(wait))
            return
        queued = time.monotonic()
        if not self.bot.questions.offer(
                lambda: self._answer_message(message, text, direct, queued)):
            await self._busy(message, direct)

    async def _busy(self, message: discord.Message, direct: bool) -> None:
        """The "busy" reply to a refused question: only to one that addressed the bot, and
        at most once per channel per :data:`BUSY_EVERY` seconds."""
        if direct and self.busy.due(message.channel.id):
            await self._reply_text(message, BUSY_TEXT)

    async def _answer_message(self, message: discord.Message, text: str, direct: bool,
                              queued: float) -> Awaitable[None] | None:
        """Match a message's question (a job of the question queue); what sends the reply."""
        if time.monotonic() - queued > MAX_WAIT:
            self.bot.questions.refused += 1
            return self._busy(message, direct)
        try:
            answer = await self.bot.service.ask(
                text, guild_id=message.guild.id if message.guild else None,
                user_id=message.author.id,
                conversation=conversation_key(message.channel.id, message.author.id),
            )
            if not answer.answered and not direct:
                # An "answer everything" channel carries chatter too: only answers are
                # posted there unasked (the abstention is still logged for the admins).
                return None
            embed, view = present.answer_embed(answer, text), answer_view(answer)
        except CoverageBotError as exc:
            return self._reply_text(message, str(exc))
        except Exception:
            log.exception("unexpected error answering message %s", message.id)
            return self._reply_text(message, SORRY_TEXT)
        return self._send_answer(message, embed, view)

    async def _send_answer(self, message: discord.Message, embed: discord.Embed,
                           view: discord.ui.View) -> None:
        try:
            await message.channel.send(embed=embed, view=view, reference=_reference(message),
                                       mention_author=True)
        except discord.HTTPException:
            log.exception("could not reply to message %s", message.id)
        except Exception:
            log.exception("unexpected error answering message %s", message.id)
            await self._reply_text(message, SORRY_TEXT)

    async def _reply_text(self, message: discord.Message, text: str) -> None:
        try:
            await message.channel.send(present.message_text(text),
                                       reference=_reference(message), mention_author=False)
        except discord.HTTPException:
            log.warning("could not reply to message %s", message.id, exc_info=True)


def _reference(message: discord.Message) -> discord.MessageReference:
    """A reply reference that still posts the answer if the question was deleted meanwhile."""
    return message.to_reference(fail_if_not_exists=False)


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    bot.add_dynamic_items(SuggestionButton, FeedbackButton)
    await bot.add_cog(Ask(bot))  # type: ignore[arg-type]
