"""Quotes: ``/quote speaker``, ``/quote random``, ``/quotes`` (paged), and the admin
``/quote add|edit|remove``.

Naming: the issue asks for ``/quote speaker:`` *and* ``/quote random``, ``/quote add`` ...
Discord does not let a command both have subcommands and options of its own, so ``quote``
is a group and the lookup is its subcommand ``speaker`` (options ``speaker`` and ``about``):
``/quote speaker speaker:Doechii about:ICE``. ``/quotes speaker:`` stays a plain command.

Speakers are found by ONE function, :meth:`Quotes.find_speakers`, used both by the
autocomplete and by the commands to resolve what was typed (RoboDanny's tags pattern): the
autocomplete offers person ids as values, and a name typed without picking a suggestion
resolves the same way.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import BaseView, CogBot
from bot.cogs.checks import admin_only, can_change, changeable, is_admin
from bot.cogs.forms import QuoteModal
from bot.cogs.views import confirm_removal
from bot.errors import NotFound
from bot.models import Person, Quote, QuoteHit
from bot.wording import plural

log = logging.getLogger(__name__)

#: Seconds the page buttons of ``/quotes`` keep working.
PAGE_TIMEOUT = 180.0


class QuotePages(BaseView):
    """Previous/Next over a speaker's quotes; only the invoker can turn pages; buttons are
    disabled when the view times out."""

    def __init__(self, owner_id: int, speaker: str, hits: list[QuoteHit], *,
                 timeout: float | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT if timeout is None else timeout)
        self.owner_id = owner_id
        self.speaker = speaker
        self.hits = hits
        self.page = 0
        self.pages = present.page_count(len(hits))
        self.message: discord.InteractionMessage | discord.Message | None = None
        self._sync_buttons()

    def embed(self) -> discord.Embed:
        """The current page."""
        return present.quotes_page_embed(self.speaker, self.hits, self.page)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page <= 0
        self.next.disabled = self.page >= self.pages - 1

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Only the user who asked can turn the pages."""
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who asked can turn these pages; use /quotes yourself.",
                ephemeral=True,
            )
            return False
        return True

    async def _show(self, interaction: discord.Interaction[Any], page: int) -> None:
        self.page = min(max(page, 0), self.pages - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction[Any],
                       button: discord.ui.Button[Any]) -> None:
        """The page before."""
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction[Any],
                   button: discord.ui.Button[Any]) -> None:
        """The page after."""
        await self._show(interaction, self.page + 1)

    async def on_timeout(self) -> None:
        """Disable the buttons when the view times out."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                log.debug("could not disable page buttons", exc_info=True)


class Quotes(commands.Cog):
    """Finding quotes by speaker and words."""

    quote = app_commands.Group(name="quote", description="Quotes from the coverage.")

    def __init__(self, bot: CogBot) -> None:
        self.bot = bot
        #: Seconds the page buttons of ``/quotes`` keep working (set per bot; tests shorten it).
        self.page_timeout = PAGE_TIMEOUT

    # ----------------------------------------------------------------- the one search

    def find_speakers(self, guild_id: int | None, text: str, limit: int = 25) -> list[Person]:
        """Speakers matching ``text`` (fuzzy, aliases); an exact id first."""
        return self.bot.service.find_people(text, guild_id=guild_id, limit=limit)

    def resolve_speaker(self, guild_id: int | None, text: str) -> Person:
        """The person ``text`` names (the best match of :meth:`find_speakers`), or
        :class:`NotFound`."""
        matches = self.find_speakers(guild_id, text, limit=1)
        if not matches:
            raise NotFound(f"I know no speaker called “{present.plain(text, 100)}”; pick one "
                           "from the suggestions.")
        return matches[0]

    async def speaker_autocomplete(self, interaction: discord.Interaction[Any], current: str
                                   ) -> list[app_commands.Choice[str]]:
        """Speakers for the autocomplete: the same search as the commands use."""
        people = self.find_speakers(interaction.guild_id, current, limit=present.MAX_CHOICES)
        return [
            app_commands.Choice(name=present.choice_text(_person_label(p)), value=p.id)
            for p in people
        ]

    # ----------------------------------------------------------------- lookups

    @quote.command(name="speaker", description="A quote by someone (optionally about something).")
    @app_commands.describe(speaker="Who said it", about="Words the quote is about (optional)")
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    async def quote_speaker(
        self, interaction: discord.Interaction[Any],
        speaker: app_commands.Range[str, 1, 100], about: str | None = None,
    ) -> None:
        """A quote by ``speaker`` (about ``about``, when given), with its source."""
        gid = interaction.guild_id
        person = self.resolve_speaker(gid, speaker)
        theirs = self.bot.service.quotes_by_speaker(person.id, guild_id=gid)
        if not theirs:
            await interaction.response.send_message(
                f"The coverage has no quote by {present.safe(person.name, 100)}.",
                ephemeral=True,
            )
            return
        hits = theirs
        if about and about.strip():
            found = self.bot.service.find_quotes(f"{about}", limit=50, guild_id=gid)
            hits = [h for h in found if h.quote.speaker == person.id]
            if not hits:
                await interaction.response.send_message(
                    f"I found no quote by {present.safe(person.name, 100)} about "
                    f"“{present.safe(about, 100)}”. They have "
                    f"{plural(len(theirs), 'quote')}: try /quotes.",
                    ephemeral=True,
                )
                return
        title = None
        if len(hits) > 1:
            title = f"1 of {len(hits)} quotes — /quotes lists them all"
        await interaction.response.send_message(embed=present.quote_embed(hits[0], title=title))

    @quote.command(name="random", description="A random quote from the coverage.")
    async def quote_random(self, interaction: discord.Interaction[Any]) -> None:
        """A random quote this server can see."""
        hit = self.bot.service.random_quote(guild_id=interaction.guild_id)
        if hit is None:
            await interaction.response.send_message("The coverage has no quotes yet.",
                                                    ephemeral=True)
            return
        await interaction.response.send_message(embed=present.quote_embed(hit))

    @app_commands.command(name="quotes", description="All of a speaker's quotes, page by page.")
    @app_commands.describe(speaker="Who said them")
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    async def quotes(self, interaction: discord.Interaction[Any],
                     speaker: app_commands.Range[str, 1, 100]) -> None:
        """Every quote by ``speaker``, a page at a time."""
        person = self.resolve_speaker(interaction.guild_id, speaker)
        hits = self.bot.service.quotes_by_speaker(person.id, guild_id=interaction.guild_id)
        if not hits:
            await interaction.response.send_message(
                f"The coverage has no quote by {present.safe(person.name, 100)}.",
                ephemeral=True,
            )
            return
        if present.page_count(len(hits)) == 1:
            await interaction.response.send_message(
                embed=present.quotes_page_embed(person.name, hits, 0)
            )
            return
        view = QuotePages(interaction.user.id, person.name, hits, timeout=self.page_timeout)
        response = await interaction.response.send_message(embed=view.embed(), view=view)
        resource = getattr(response, "resource", None)
        if isinstance(resource, discord.InteractionMessage | discord.Message):
            view.message = resource
        else:
            view.message = await interaction.original_response()

    # ----------------------------------------------------------------- admin

    async def quote_choices(self, interaction: discord.Interaction[Any], current: str
                            ) -> list[app_commands.Choice[str]]:
        """Quotes this admin may change that match ``current`` (nothing for non-admins)."""
        if not is_admin(interaction):
            return []
        gid = interaction.guild_id
        hits = self.bot.service.find_quotes(current, limit=100, guild_id=gid) if current.strip() \
            else [h for p in self.bot.service.speakers("", limit=100, guild_id=gid)
                  for h in self.bot.service.quotes_by_speaker(p.id, guild_id=gid)]
        out: list[app_commands.Choice[str]] = []
        for hit in hits:
            if changeable(interaction, hit.quote):
                out.append(app_commands.Choice(
                    name=present.choice_text(f"{hit.speaker or 'Unknown'}: {hit.quote.text}"),
                    value=hit.quote.id,
                ))
            if len(out) >= present.MAX_CHOICES:
                break
        return out

    @quote.command(name="add", description="Add a quote for this server (admins).")
    @admin_only()
    async def quote_add(self, interaction: discord.Interaction[Any]) -> None:
        """Open the form for a new quote, its source prefilled."""
        await interaction.response.send_modal(QuoteModal(
            default_source=self.bot.service.default_source_id(interaction.guild_id)
        ))

    @quote.command(name="edit", description="Edit one of this server's quotes (admins).")
    @app_commands.describe(quote="The quote to edit")
    @app_commands.autocomplete(quote=quote_choices)
    @admin_only()
    async def quote_edit(self, interaction: discord.Interaction[Any], quote: str
                         ) -> None:
        """Open the form on an existing quote this admin may change."""
        record = self.bot.service.visible("quote", quote.strip(), interaction.guild_id)
        assert isinstance(record, Quote)
        can_change(interaction, record)
        await interaction.response.send_modal(QuoteModal(existing=record))

    @quote.command(name="remove", description="Remove one of this server's quotes (admins).")
    @app_commands.describe(quote="The quote to remove")
    @app_commands.autocomplete(quote=quote_choices)
    @admin_only()
    async def quote_remove(self, interaction: discord.Interaction[Any], quote: str
                           ) -> None:
        """Show the quote with Remove / Cancel."""
        await confirm_removal(interaction, "quote", quote)


def _person_label(person: Person) -> str:
    if person.aliases:
        return f"{person.name} ({', '.join(person.aliases[:3])})"
    return person.name


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Quotes(bot))  # type: ignore[arg-type]
