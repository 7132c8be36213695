"""What every cog shares: the bot as cogs see it, the one error wording table, and the base
view and modal whose errors go to it.

Cogs never import :mod:`bot.client` (the client loads the cogs; the door goes one way).
They see the bot through :class:`CogBot`, the few things of it they use, which
:class:`bot.client.CoverageBot` provides (``bot/client.py`` checks that with mypy).

Errors become messages in one place: :func:`error_message` is the table (a domain error,
a check failure, a bad option value → a clear sentence; anything else is a bug, logged with
its traceback, and the user gets :data:`SORRY_TEXT`); :func:`report_error` sends it. The
command tree's ``on_error``, every view's and modal's ``on_error`` and the message path call
it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.errors import CoverageBotError, ValidationFailed
from bot.wording import plural

if TYPE_CHECKING:
    from bot.questions import QuestionQueue
    from bot.service import CoverageService
    from bot.settings import Settings

log = logging.getLogger(__name__)

#: What a user is told when the bot itself failed (the error is logged with its traceback).
SORRY_TEXT = "Sorry, something went wrong on my side; it has been logged."

#: Who sees the admin commands by default (Discord hides them from the others); the real
#: rule is :func:`bot.cogs.checks.admin_only`.
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


class CogBot(Protocol):
    """The bot as the cogs see it."""

    settings: Settings
    service: CoverageService
    questions: QuestionQueue

    @property
    def intents(self) -> discord.Intents:
        """What the bot asked Discord for."""
        ...

    @property
    def user(self) -> discord.ClientUser | None:
        """The bot's own user (None before login)."""
        ...

    def working(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Marks an admin's write: a shutdown waits for it and questions wait behind it."""
        ...

    def is_owner_id(self, user_id: int) -> bool:
        """Whether a user is one of the bot's owners."""
        ...

    def warn_no_content_once(self) -> None:
        """Log once that the Message Content intent is missing."""
        ...

    def get_cog(self, name: str, /) -> commands.Cog | None:
        """A loaded cog by name."""
        ...

    async def sync_tree(self, guild_id: int | None) -> Sequence[app_commands.AppCommand]:
        """Sync the slash commands globally (None) or to one guild."""
        ...


class BotCog(commands.Cog):
    """A cog of this bot: it keeps the bot, and reaches the bank through its service."""

    def __init__(self, bot: CogBot) -> None:
        self.bot = bot

    @property
    def service(self) -> CoverageService:
        """The bot's service: the cog's only way to the bank."""
        return self.bot.service


def bot_of(interaction: discord.Interaction[Any]) -> CogBot:
    """The bot an interaction reached."""
    bot: CogBot = interaction.client
    return bot


def error_message(error: BaseException) -> str | None:
    """The user-facing text for an error, or None for a bug (the caller logs it)."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ or getattr(error, "original", None)
        if isinstance(error, app_commands.TransformerError):
            return f"That value is not valid here: {present.plain(str(error.value), 100)}"
        if inner is not None:
            error = inner
    if isinstance(error, ValidationFailed):
        head = (f"{error.what} is invalid ({plural(error.total, 'problem')}); "
                "nothing was changed:")
        return present.problems_text(head[:1].upper() + head[1:], error.problems,
                                     more=error.unlisted)
    if isinstance(error, CoverageBotError):
        return present.message_text(str(error))
    if isinstance(error, app_commands.CommandOnCooldown):
        return present.cooldown_text(error.retry_after)
    if isinstance(error, app_commands.CheckFailure):
        return present.message_text(str(error) or "You cannot use this command here.")
    return None


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """The one place errors of interactions become messages (see the module docs)."""
    text = error_message(error)
    if text is None:
        original = getattr(error, "original", error)
        if isinstance(original, discord.NotFound) and original.code == 10062:
            log.warning("interaction expired before the reply (%s)", interaction.id)
            return
        command = interaction.command.qualified_name if interaction.command else None
        log.error("unexpected error in %s", command or "a component", exc_info=original)
        text = SORRY_TEXT
    await send_ephemeral(interaction, text)


async def send_ephemeral(interaction: discord.Interaction[Any], text: str) -> None:
    """``text`` to the user alone, as a reply or a followup (whichever is still possible)."""
    text = present.message_text(text)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not send an error message for interaction %s", interaction.id,
                    exc_info=True)


class BaseView(discord.ui.View):
    """A view whose errors go to the one error handler."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: Any, /
    ) -> None:
        """Errors of its items go to :func:`report_error`."""
        await report_error(interaction, error)


class BaseModal(discord.ui.Modal):
    """A modal whose errors go to the one error handler."""

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        """Errors of its submission go to :func:`report_error`."""
        await report_error(interaction, error)


def mb(size: int) -> str:
    """A size in bytes as megabytes for a message ("2.0 MB")."""
    return f"{size / (1024 * 1024):.1f} MB"
