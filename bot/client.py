"""The Discord bot: the ``commands.Bot`` subclass, startup, command sync and error handling.

Startup follows discord.py's ``examples/advanced_startup.py``: the settings and the opened
:class:`~bot.service.CoverageService` are passed in, the cogs are loaded in ``setup_hook``.
``run_bot`` is what ``coverage-bot run`` calls; ``sync_commands`` is ``coverage-bot sync``.

Errors are turned into messages in one place, :func:`bot.cogs.base.report_error`: the command
tree's ``on_error``, the views' and modals' ``on_error`` and the message path all call it.
Domain errors (:class:`~bot.errors.CoverageBotError`) and check failures become a clear
ephemeral message; anything else is logged with its traceback and the user gets an apology.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import json
import logging
import signal
import sys
from collections.abc import AsyncIterator, Iterable
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import SORRY_TEXT, CogBot, report_error
from bot.errors import CoverageBotError
from bot.questions import QuestionQueue
from bot.service import CoverageService
from bot.settings import Settings
from bot.wording import plural

log = logging.getLogger(__name__)

#: The cogs ``setup_hook`` loads, in order.
EXTENSIONS: tuple[str, ...] = (
    "bot.cogs.ask", "bot.cogs.quotes", "bot.cogs.facts", "bot.cogs.sources", "bot.cogs.kb",
    "bot.cogs.owner", "bot.cogs.verify",
)

#: Storage meta key holding the hash of the command definitions last synced globally.
SYNC_HASH_KEY = "discord.commands_hash"

PRIVILEGED_INTENT_HELP = (
    "Discord refused the Message Content intent. The bot works without it (mentions, "
    "replies, DMs and slash commands), but channels set to answer every message "
    "(/kb channel) need it: open https://discord.com/developers/applications, pick this "
    "bot, go to Bot → Privileged Gateway Intents, switch on MESSAGE CONTENT INTENT, save, "
    "and restart the bot."
)
LOGIN_FAILED_HELP = (
    "Discord rejected the bot token (DISCORD_TOKEN). Copy a fresh one from "
    "https://discord.com/developers/applications → your app → Bot → Reset Token, put it in "
    ".env as DISCORD_TOKEN=..., and start again."
)

#: How long a shutdown waits for questions and changes already being handled.
DRAIN_TIMEOUT = 10.0

def default_intents(message_content: bool = True) -> discord.Intents:
    """Guilds, guild and DM messages; Message Content for the "answer everything" channels."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    intents.members = False
    intents.presences = False
    intents.typing = False
    return intents


def default_allowed_mentions() -> discord.AllowedMentions:
    """Nothing the bot says pings anyone, except that a reply may ping the asker."""
    mentions = discord.AllowedMentions.none()
    mentions.replied_user = True
    return mentions


def commands_hash(tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None = None
                  ) -> str:
    """A hash of the command definitions as they would be sent to Discord."""
    payload = sorted(
        (json.dumps(c.to_dict(tree), sort_keys=True, separators=(",", ":"))
         for c in tree.get_commands(guild=guild)),
    )
    return hashlib.sha256("\n".join(payload).encode()).hexdigest()


def sync_hash_key(guild_id: int | None) -> str:
    """The meta key of the commands hash synced globally or to one guild."""
    return SYNC_HASH_KEY if guild_id is None else f"{SYNC_HASH_KEY}.guild.{guild_id}"


class CoverageTree(app_commands.CommandTree["CoverageBot"]):
    """The command tree: its errors go to the one error handler."""
    async def on_error(
        self, interaction: discord.Interaction[CoverageBot], error: app_commands.AppCommandError
    ) -> None:
        """Errors of every slash command go to :func:`bot.cogs.base.report_error`."""
        await report_error(interaction, error)


class CoverageBot(commands.AutoShardedBot):
    """The bot. ``service`` must be open; the caller closes it after the bot.

    Sharded: by default Discord's recommended shard count, all shards in this process;
    ``SHARD_COUNT`` and ``SHARD_IDS`` run a chosen subset (one process per group of shards).
    """

    def __init__(
        self,
        *,
        settings: Settings,
        service: CoverageService,
        intents: discord.Intents | None = None,
        auto_sync: bool = True,
        **options: Any,
    ) -> None:
        options.setdefault("allowed_mentions", default_allowed_mentions())
        # The bot never joins a voice channel: discord.py's warnings that the voice libraries
        # are missing would be the first lines of every start, about a feature it lacks.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        if settings.shard_count is not None:
            options.setdefault("shard_count", settings.shard_count)
            if settings.shard_ids:
                options.setdefault("shard_ids", sorted(settings.shard_ids))
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents or default_intents(),
            tree_cls=CoverageTree,
            help_command=None,
            owner_ids=set(settings.owner_ids) or None,
            **options,
        )
        self.settings = settings
        self.service = service
        self.auto_sync = auto_sync
        #: Whether the last start synced the command tree (for logs and tests).
        self.synced_on_start: bool | None = None
        self.closing = False
        self._inflight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._warned_no_content = False
        #: Questions waiting for an answer (see :class:`QuestionQueue`); matching pauses
        #: while work marked with :meth:`working` (admin writes, votes) is under way.
        self.questions = QuestionQueue(settings.question_backlog, go=self._idle)
        #: The task keeping the engine in step with other processes (see setup_hook).
        self._following: asyncio.Task[None] | None = None

    # ----------------------------------------------------------------- startup

    async def setup_hook(self) -> None:
        """Load the cogs; sync the slash commands only when they changed since the last
        sync; follow the writes of other processes on the same database (an import run
        beside the bot, other groups of shards)."""
        for ext in EXTENSIONS:
            await self.load_extension(ext)
        self._following = asyncio.get_running_loop().create_task(
            self.service.follow(), name="coverage-bot-follow-changes")
        if self.auto_sync:
            self.synced_on_start = await self.sync_if_changed()

    async def on_ready(self) -> None:
        """Log who the bot is and how many servers it is in."""
        user = self.user
        log.info("connected as %s (id %s) to %d servers", user, user and user.id,
                 len(self.guilds))

    async def sync_if_changed(self) -> bool:
        """Sync the global commands only when their definitions changed since the last sync."""
        current = commands_hash(self.tree)
        stored = await self.service.get_meta(SYNC_HASH_KEY)
        if stored == current:
            log.info("slash commands unchanged since the last sync; not syncing")
            return False
        await self.sync_tree(None)
        return True

    async def sync_tree(self, guild_id: int | None) -> list[app_commands.AppCommand]:
        """Sync the commands globally (``None``) or to one guild (a copy of the global ones)."""
        guild = discord.Object(id=guild_id) if guild_id is not None else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        await self.service.set_meta(sync_hash_key(guild_id), commands_hash(self.tree, guild))
        log.info("synced %d slash commands %s", len(synced),
                 "globally" if guild is None else f"to guild {guild_id}")
        return synced

    # ----------------------------------------------------------------- owners

    def is_owner_id(self, user_id: int) -> bool:
        """Synchronous owner check: OWNER_IDS, else the application's owner or team."""
        if self.settings.owner_ids:
            return user_id in self.settings.owner_ids
        if self.owner_id is not None and user_id == self.owner_id:
            return True
        if self.owner_ids and user_id in self.owner_ids:
            return True
        app = self.application
        if app is None:
            return False
        if app.team is not None:
            return any(m.id == user_id for m in app.team.members)
        return app.owner.id == user_id

    async def is_owner(self, user: discord.abc.User, /) -> bool:
        """discord.py's owner check, by the same rule as :meth:`is_owner_id`."""
        return self.is_owner_id(user.id)

    # ----------------------------------------------------------------- messages

    async def on_message(self, message: discord.Message, /) -> None:
        """Text commands (``@bot sync``) first; anything else may be a question."""
        if message.author.bot or self.closing:
            return
        ctx: commands.Context[CoverageBot] = await self.get_context(message)
        if ctx.valid:
            await self.invoke(ctx)
            return
        self.dispatch("possible_question", message)

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        """A text command's error as a reply: a domain error's message, else an apology."""
        if isinstance(exception, commands.CommandNotFound | commands.NotOwner):
            return
        if isinstance(exception, commands.CommandInvokeError):
            exception = exception.original  # type: ignore[assignment]
        if isinstance(exception, CoverageBotError | commands.UserInputError):
            await context.reply(present.message_text(str(exception)), mention_author=False)
            return
        log.error("error in text command %s", context.command, exc_info=exception)
        await context.reply(SORRY_TEXT, mention_author=False)

    # ----------------------------------------------------------------- errors

    async def report_error(self, interaction: discord.Interaction[Any], error: BaseException
                           ) -> None:
        """The one place errors become messages: :func:`bot.cogs.base.report_error`."""
        await report_error(interaction, error)

    # ----------------------------------------------------------------- shutdown

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        """Marks work that a shutdown waits for and that goes before questions: an admin's
        change (or a vote). While any is under way, no question is matched (see
        :class:`QuestionQueue`): measured at 400/s, admin writes otherwise waited 1-3 s for
        each other, every database round trip of theirs waiting out a turn of the event loop
        full of matching."""
        self._inflight += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._inflight -= 1
            if self._inflight == 0:
                self._idle.set()

    async def drain(self, timeout: float = DRAIN_TIMEOUT) -> bool:
        """Stop taking new work and wait for what is under way (the questions already
        queued included); False on timeout."""
        self.closing = True

        async def idle() -> None:
            await self.questions.join()
            await self._idle.wait()

        try:
            await asyncio.wait_for(idle(), timeout)
        except TimeoutError:
            log.warning("%d task(s) and %d queued question(s) still there at shutdown",
                        self._inflight, len(self.questions))
            return False
        return True

    async def close(self) -> None:
        """Drain the work under way, stop the question workers, then disconnect."""
        if not self.closing:
            await self.drain()
        await self.questions.stop()
        if self._following is not None:
            self._following.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._following
        await super().close()

    def warn_no_content_once(self) -> None:
        """Log once that the Message Content intent is missing."""
        if not self._warned_no_content:
            self._warned_no_content = True
            log.warning(PRIVILEGED_INTENT_HELP)


# --------------------------------------------------------------------------- running


class _RedactToken(logging.Filter):
    """Replaces the token wherever it would appear in a log line (it never should)."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the token wherever it appears in a log record."""
        if self.secret:
            message = record.getMessage()
            if self.secret in message:
                record.msg = message.replace(self.secret, "[token]")
                record.args = None
        return True


def configure_logging(settings: Settings) -> None:
    """discord.py's log setup at the configured level, with the token redacted."""
    root = logging.getLogger()
    # The command line's plain basicConfig handler would print every line twice.
    for handler in list(root.handlers):
        if type(handler) is logging.StreamHandler:
            root.removeHandler(handler)
    discord.utils.setup_logging(level=logging.getLevelName(settings.log_level), root=True)
    redact = _RedactToken(settings.discord_token)
    for handler in root.handlers:
        handler.addFilter(redact)


def _install_signals(stop: asyncio.Event) -> list[signal.Signals]:
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(sig)
    return installed


async def run_until_stopped(bot: CoverageBot, token: str, stop: asyncio.Event) -> None:
    """Run ``bot`` until it stops or ``stop`` is set; then drain, close. Errors propagate."""
    async with bot:
        runner = asyncio.create_task(bot.start(token), name="coverage-bot")
        waiter = asyncio.create_task(stop.wait(), name="coverage-bot-stop")
        try:
            await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        if not runner.done():
            log.info("stopping: finishing the work under way, then closing")
            await bot.drain()
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(runner, 15)
        runner.result()


def tune_runtime() -> None:
    """Interpreter settings for a long-running bot, measured under load (benchmarks/RESULTS.md):
    the bank, loaded once, is moved out of the garbage collector's sight (fewer, shorter full
    collections), and threads swap the GIL every millisecond instead of every five, so
    aiosqlite's worker thread answers the event loop sooner."""
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(0.001)


async def run_bot(settings: Settings, *, create_dir: bool = False,
                  stop: asyncio.Event | None = None) -> int:
    """``coverage-bot run``: open the service, run the bot until Ctrl-C/SIGTERM, close all.

    A rejected token or a refused intent is a :class:`CoverageBotError` with what to do
    (the command line prints it as one line). When the Message Content intent is refused,
    the bot starts again without it (degraded: no "answer everything" channels) after
    logging how to switch it on.
    """
    token = settings.discord_token
    if not token:
        raise CoverageBotError("no Discord token: set DISCORD_TOKEN in .env")
    configure_logging(settings)
    service = await CoverageService.open(settings, create_dir=create_dir)
    tune_runtime()
    stop = stop or asyncio.Event()
    installed = _install_signals(stop)
    try:
        for message_content in (True, False):
            bot = CoverageBot(settings=settings, service=service,
                              intents=default_intents(message_content))
            try:
                await run_until_stopped(bot, token, stop)
                return 0
            except discord.PrivilegedIntentsRequired:
                if not message_content:
                    raise CoverageBotError(
                        "Discord refused the bot's gateway intents; check Bot → Privileged "
                        "Gateway Intents in the developer portal."
                    ) from None
                log.warning(PRIVILEGED_INTENT_HELP)
        return 0
    except discord.LoginFailure:
        raise CoverageBotError(LOGIN_FAILED_HELP) from None
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        raise CoverageBotError(f"cannot reach Discord ({type(exc).__name__}); check the "
                               "network connection and try again") from None
    finally:
        loop = asyncio.get_running_loop()
        for sig in installed:
            loop.remove_signal_handler(sig)
        await service.close()
        log.info("stopped; database closed")


async def sync_commands(settings: Settings, *, guild_id: int | None = None,
                        create_dir: bool | None = None) -> int:
    """``coverage-bot sync [--guild ID]``: log in (no gateway), sync the commands, print them.

    The database is opened to record what was synced, so that ``run`` does not sync again;
    its folder is created only for the default location (``create_dir=None``: decide so).
    """
    token = settings.discord_token
    if not token:
        raise CoverageBotError("no Discord token: set DISCORD_TOKEN in .env")
    if create_dir is None:
        create_dir = settings.default_database
    service = await CoverageService.open(settings, create_dir=create_dir)
    try:
        bot = CoverageBot(settings=settings, service=service, auto_sync=False)
        async with bot:
            await bot.login(token)
            synced = await bot.sync_tree(guild_id)
        where = "globally (may take up to an hour to appear)" if guild_id is None else (
            f"to guild {guild_id}")
        print(f"synced {plural(len(synced), 'command')} {where}: " + ", ".join(
            f"/{c.name}" for c in synced))
        return 0
    except discord.LoginFailure:
        raise CoverageBotError(LOGIN_FAILED_HELP) from None
    except discord.Forbidden:
        raise CoverageBotError(
            f"Discord refused the sync: is the bot in guild {guild_id} with the "
            "applications.commands scope?" if guild_id else "Discord refused the sync"
        ) from None
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        raise CoverageBotError(f"cannot reach Discord ({type(exc).__name__}); check the "
                               "network connection and try again") from None
    finally:
        await service.close()


def command_names(tree: app_commands.CommandTree[Any]) -> Iterable[str]:
    """Every slash command's full name (``kb channel``, ``quote speaker``, ...)."""
    for cmd in tree.walk_commands():
        if isinstance(cmd, app_commands.Command):
            yield cmd.qualified_name


def _cogs_see(bot: CoverageBot) -> CogBot:
    """mypy checks here that the client is the bot the cogs expect (:class:`CogBot`)."""
    return bot
