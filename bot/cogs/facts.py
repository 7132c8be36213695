"""``/fact add|edit|remove|show``: a server's admins manage its facts.

Every command is server-only and carries ``default_permissions(manage_guild=True)``
(Discord hides it from members without Manage Server unless a server changes that) *and*
:func:`bot.cogs.checks.admin_only`, the real rule; the autocompletes return nothing to
non-admins. What an admin adds belongs to their server; the shipped coverage is changed only
by owners (:func:`bot.cogs.checks.can_change`).
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import ADMIN_PERMISSIONS, BotCog
from bot.cogs.checks import admin_only, can_change, changeable, is_admin
from bot.cogs.forms import FactModal, fact_embed
from bot.cogs.views import confirm_removal
from bot.models import Fact


class Facts(BotCog):
    """Managing a server's facts."""

    fact = app_commands.Group(
        name="fact", description="Manage this server's facts (admins).",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )

    def _fact(self, interaction: discord.Interaction[Any], fact_id: str) -> Fact:
        record = self.service.visible("fact", fact_id.strip(), interaction.guild_id)
        assert isinstance(record, Fact)
        return record

    async def fact_choices(self, interaction: discord.Interaction[Any], current: str, *,
                           only_changeable: bool) -> list[app_commands.Choice[str]]:
        """Facts matching ``current`` (admin-only: nothing for anyone else)."""
        if not is_admin(interaction):
            return []
        facts = self.service.search_facts(current, limit=100, guild_id=interaction.guild_id)
        if only_changeable:
            facts = [f for f in facts if changeable(interaction, f)]
        return [
            app_commands.Choice(name=present.choice_text(f"{f.id}: {f.text}"), value=f.id)
            for f in facts[: present.MAX_CHOICES]
        ]

    async def _changeable_fact_choices(self, interaction: discord.Interaction[Any], current: str
                                       ) -> list[app_commands.Choice[str]]:
        return await self.fact_choices(interaction, current, only_changeable=True)

    async def _any_fact_choices(self, interaction: discord.Interaction[Any], current: str
                                ) -> list[app_commands.Choice[str]]:
        return await self.fact_choices(interaction, current, only_changeable=False)

    @fact.command(name="add", description="Add a fact for this server (opens a form).")
    @admin_only()
    async def fact_add(self, interaction: discord.Interaction[Any]) -> None:
        """Open the form for a new fact, its source prefilled."""
        await interaction.response.send_modal(
            FactModal(default_source=self.service.default_source_id(interaction.guild_id))
        )

    @fact.command(name="edit", description="Edit one of this server's facts (opens a form).")
    @app_commands.describe(fact="The fact to edit")
    @app_commands.autocomplete(fact=_changeable_fact_choices)
    @admin_only()
    async def fact_edit(self, interaction: discord.Interaction[Any], fact: str) -> None:
        """Open the form on an existing fact this admin may change."""
        record = self._fact(interaction, fact)
        can_change(interaction, record)
        await interaction.response.send_modal(FactModal(existing=record))

    @fact.command(name="remove", description="Remove one of this server's facts.")
    @app_commands.describe(fact="The fact to remove")
    @app_commands.autocomplete(fact=_changeable_fact_choices)
    @admin_only()
    async def fact_remove(self, interaction: discord.Interaction[Any], fact: str) -> None:
        """Show the fact with Remove / Cancel."""
        await confirm_removal(interaction, "fact", fact)

    @fact.command(name="show", description="Show a fact with its citations.")
    @app_commands.describe(fact="The fact to show")
    @app_commands.autocomplete(fact=_any_fact_choices)
    @admin_only()
    async def fact_show(self, interaction: discord.Interaction[Any], fact: str) -> None:
        """A fact with its citations, people and keywords (to the admin alone)."""
        record = self._fact(interaction, fact)
        await interaction.response.send_message(embed=fact_embed(self.service, record),
                                                ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Facts(bot))  # type: ignore[arg-type]
