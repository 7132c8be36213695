"""``/source add|list``: a server's admins add articles (or bare sources) and list them.

``/source add`` reads an article (an attached .txt/.html file, or text pasted into a form),
shows the admin what it found (nothing stored yet) under Add / Cancel, and stores it all in
one transaction on Add. Without a file and with the form's text left empty it adds the
source record alone. Admin-only, as every command of the admin groups (see
:mod:`bot.cogs.facts`).
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.articles import Article, IngestPlan
from bot.cogs.base import ADMIN_PERMISSIONS, BotCog, CogBot, bot_of, mb
from bot.cogs.checks import actor, admin_only, can_change, ensure_admin
from bot.cogs.forms import ArticleModal, SourceFields
from bot.cogs.views import Action, ConfirmView
from bot.errors import IngestError, Problem, ValidationFailed
from bot.inputs import MAX_ARTICLE_BYTES
from bot.knowledge import date_problem, url_problem
from bot.models import Source

#: How long the Add / Cancel buttons under an ingest preview work (seconds); well inside
#: the 15 minutes an interaction token lasts, so the message can still be edited after.
INGEST_CONFIRM_TIMEOUT = 600.0
#: Attachment content types read as articles (None: Discord did not say; the bytes decide).
ARTICLE_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/octet-stream")

_CLI_FLAG = re.compile(r"--(outlet|title|url|published)\b")


def discord_wording(error: IngestError) -> IngestError:
    """The ingest messages name the command line's flags (``--title``); here the same
    things are the options of ``/source add`` (``title:``)."""
    return IngestError(_CLI_FLAG.sub(lambda m: f"{m.group(1)}:", str(error)))


def check_article_file(file: discord.Attachment) -> None:
    """Refuse, before downloading, what cannot be an article: too large, or not text."""
    if file.size > MAX_ARTICLE_BYTES:
        raise IngestError(f"{file.filename} is {mb(file.size)}; an article file may be up to "
                          f"{mb(MAX_ARTICLE_BYTES)}.")
    kind = (file.content_type or "").split(";")[0].strip().lower()
    if kind and not kind.startswith(ARTICLE_TYPES):
        raise IngestError(f"{file.filename} is {kind}, not an article: attach plain text "
                          "(.txt) or a saved web page (.html), or paste the text instead.")


def source_fields(outlet: str, title: str | None, url: str | None, published: str | None
                  ) -> SourceFields:
    """What the admin typed, checked by the schema's rules (every problem at once)."""
    problems = []
    url = (url or "").strip() or None
    published = (published or "").strip() or None
    if not " ".join(outlet.split()):
        problems.append(Problem("outlet", "must not be blank"))
    if url is not None and (problem := url_problem(url)):
        problems.append(Problem("url", problem))
    if published is not None and (problem := date_problem(published)):
        problems.append(Problem("published", f"“{present.plain(published, 40)}” {problem}"))
    if problems:
        raise ValidationFailed(problems, what="source")
    return SourceFields(outlet=" ".join(outlet.split()),
                        title=" ".join((title or "").split()) or None,
                        url=url, published=published)


class Sources(BotCog):
    """Adding and listing a server's sources."""

    source = app_commands.Group(
        name="source", description="Manage this server's sources (admins).",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )

    def __init__(self, bot: CogBot) -> None:
        super().__init__(bot)
        #: Seconds the Add / Cancel buttons under an ingest preview work (tests shorten it).
        self.ingest_timeout = INGEST_CONFIRM_TIMEOUT

    @source.command(name="add",
                    description="Add an article (attach it, or paste it) or just its source.")
    @app_commands.describe(
        outlet="Who published it, e.g. NewsNation",
        title="The article's headline (with an HTML file its own title is used if left out)",
        file="The article as a .txt or .html file, up to 2 MB (leave out to paste the text)",
        url="Link to the article (optional)", published="Date published, YYYY-MM-DD (optional)",
    )
    @admin_only()
    async def source_add(
        self, interaction: discord.Interaction[Any],
        outlet: app_commands.Range[str, 1, 100],
        title: app_commands.Range[str, 1, 300] | None = None,
        file: discord.Attachment | None = None,
        url: app_commands.Range[str, 1, 2000] | None = None,
        published: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """With ``file``: read it, preview what it holds, add on confirm. Without: a form to
        paste the article (same preview and confirm), or to add the source record alone."""
        fields = source_fields(outlet, title, url, published)
        if file is None:
            await interaction.response.send_modal(
                ArticleModal(fields, preview=self.preview_ingest, add_alone=self.add_source))
            return
        check_article_file(file)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            raw = await file.read()
        except discord.HTTPException as exc:
            raise IngestError(f"I could not download {file.filename} from Discord "
                              f"({exc.status}); please attach it again.") from None
        if len(raw) > MAX_ARTICLE_BYTES:  # the size Discord announced was not the real one
            raise IngestError(f"{file.filename} is larger than {mb(MAX_ARTICLE_BYTES)}.")
        await self.preview_ingest(interaction, fields.article(raw, file.filename),
                                  file.filename)

    async def preview_ingest(self, interaction: discord.Interaction[Any], article: Article,
                             what: str) -> None:
        """Read ``article`` into a plan (nothing stored), then show the admin its preview
        with Add / Cancel. ``interaction`` has been deferred (reading may take a while)."""
        try:
            plan = await self.service.plan_ingest([article], guild_id=interaction.guild_id)
        except IngestError as exc:
            raise discord_wording(exc) from None
        embed = present.ingest_preview_embed(plan.preview(), plan.counts(), what)
        if plan.empty:
            await interaction.followup.send(
                "Everything in it is already known here; there is nothing to add.",
                embed=embed, ephemeral=True,
            )
            return
        view = ConfirmView(
            interaction.user.id, _adder(plan, embed), label="Add",
            style=discord.ButtonStyle.success,
            refusal="Only the admin who added this article can confirm it.",
            cancelled="Cancelled; nothing was added.",
            expired="No confirmation in time; nothing was added.",
            timeout=self.ingest_timeout,
        )
        view.message = await interaction.followup.send(
            "This is what I found. Add it to this server?", embed=embed, view=view,
            ephemeral=True, wait=True,
        )

    async def add_source(self, interaction: discord.Interaction[Any], fields: SourceFields,
                         title: str) -> None:
        """Store a source record alone (``/source add`` with the text left empty); confirm."""
        source = Source(
            id=await self.service.next_id("source", f"{fields.outlet} {title}"),
            outlet=fields.outlet, title=title, url=fields.url, published=fields.published,
            guild_id=interaction.guild_id,
        )
        self.service.check_record(source)
        async with self.bot.working():
            await self.service.add(source, actor=actor(interaction))
        await interaction.response.send_message(
            f"Added source `{source.id}`: "
            + present.source_line(source.outlet, source.title, source.url, source.published),
            ephemeral=True,
        )

    @source.command(name="list", description="List the sources this server's answers can cite.")
    @admin_only()
    async def source_list(self, interaction: discord.Interaction[Any]) -> None:
        """The sources this server sees (its own and the shared ones)."""
        sources = self.service.sources(interaction.guild_id)
        await interaction.response.send_message(
            embed=present.sources_embed(sources, interaction.guild_id), ephemeral=True
        )


def _adder(plan: IngestPlan, embed: discord.Embed) -> Action:
    """What "Add" under an ingest preview does: the whole plan in one transaction."""
    async def add(interaction: discord.Interaction[Any]) -> tuple[str, discord.Embed | None]:
        bot = bot_of(interaction)
        ensure_admin(interaction)
        for record in plan.updates:
            can_change(interaction, record)
        async with bot.working():
            await bot.service.apply_ingest(plan, actor=actor(interaction))
        embed.set_footer(text="Added.")
        return "Added to this server: " + present.ingest_counts_text(plan.counts()) + ".", embed
    return add


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Sources(bot))  # type: ignore[arg-type]
