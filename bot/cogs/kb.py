"""``/kb channel|export|import|unanswered|audit``: a server's knowledge bank as a whole.

Admin-only, as every command of the admin groups (see :mod:`bot.cogs.facts`): which channels
the bot answers without a mention, the server's records as a file and back, the questions it
could not answer (each a button opening the add-fact form), and the audit trail.
"""

from __future__ import annotations

import io
import json
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import ADMIN_PERMISSIONS, BotCog, mb
from bot.cogs.checks import actor, admin_only, is_owner
from bot.cogs.views import UnansweredView
from bot.errors import InvalidQuestion, PermissionDenied, ValidationFailed
from bot.knowledge import MAX_DOCUMENT_BYTES
from bot.wording import RECORD_KINDS, bank_counts, record_counts

#: The largest export sent as an attachment (Discord's smallest upload limit).
MAX_UPLOAD = 8 * 1024 * 1024


class Kb(BotCog):
    """The server's knowledge bank: channels, import and export, gaps, audit."""

    kb = app_commands.Group(
        name="kb", description="The server's knowledge bank: channels, import/export, gaps.",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )

    @kb.command(name="channel",
                description="Answer every message in a channel, without a mention (or stop).")
    @app_commands.describe(action="enable or disable", channel="Default: this channel")
    @admin_only()
    async def kb_channel(
        self, interaction: discord.Interaction[Any],
        action: Literal["enable", "disable"],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Answer every message of a channel (or stop), for this server."""
        assert interaction.guild_id is not None
        channel_id = channel.id if channel is not None else interaction.channel_id
        if channel_id is None:
            raise InvalidQuestion("Pick a channel.")
        ask = self.bot.get_cog("Ask")
        enabled = action == "enable"
        async with self.bot.working():
            await ask.set_answer_channel(  # type: ignore[union-attr]
                interaction.guild_id, channel_id, enabled, actor=actor(interaction)
            )
        text = (f"I will answer every message in <#{channel_id}>." if enabled
                else f"I will answer in <#{channel_id}> only when mentioned or replied to.")
        if enabled and not self.bot.intents.message_content:
            text += ("\nNote: the Message Content intent is off, so I cannot read messages "
                     "that do not mention me. The bot owner can switch it on in the developer "
                     "portal (Bot → Privileged Gateway Intents).")
        await interaction.response.send_message(text, ephemeral=True)

    @kb.command(name="export", description="This server's records as a JSON file.")
    @admin_only()
    async def kb_export(self, interaction: discord.Interaction[Any]) -> None:
        """This server's records as a JSON file (the export format)."""
        doc = await self.service.export_json(interaction.guild_id)
        data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()
        if len(data) > MAX_UPLOAD:
            raise InvalidQuestion("The export is too large to send here; use "
                                  "`coverage-bot export --guild ID` on the bot's machine.")
        counts = record_counts(
            {k: len(doc.get(k, [])) for k, _ in RECORD_KINDS}  # type: ignore[arg-type]
        )
        await interaction.response.send_message(
            f"This server's records ({counts}).",
            file=discord.File(io.BytesIO(data), filename=f"coverage-{interaction.guild_id}.json"),
            ephemeral=True,
        )

    @kb.command(name="import",
                description="Add records from a JSON export: checked first, all or nothing.")
    @app_commands.describe(file="A JSON file in the export format")
    @admin_only()
    async def kb_import(self, interaction: discord.Interaction[Any],
                        file: discord.Attachment) -> None:
        """Add a JSON export's records to this server: checked first, all or nothing."""
        if file.size > MAX_DOCUMENT_BYTES:
            raise InvalidQuestion(
                f"That file is {mb(file.size)}; an import here may be up to "
                f"{mb(MAX_DOCUMENT_BYTES)} (larger banks: `coverage-bot import` on the bot's "
                "machine).")
        await interaction.response.defer(ephemeral=True, thinking=True)
        raw = await file.read()
        name = present.plain(file.filename, 80)
        try:
            async with self.bot.working():
                bank = await self.service.import_document(
                    raw, actor=actor(interaction), guild_id=interaction.guild_id, where=name
                )
        except ValidationFailed as exc:
            what = f"the file {name}" if exc.what == name else exc.what
            raise ValidationFailed(exc.problems, what=what) from None
        await interaction.followup.send(
            f"Imported {bank_counts(bank, last=' and ')} into this server.",
            ephemeral=True,
        )

    @kb.command(name="unanswered",
                description="The most asked questions I could not answer.")
    @admin_only()
    async def kb_unanswered(self, interaction: discord.Interaction[Any]) -> None:
        """The most asked questions the bot could not answer, each a button to add a fact."""
        items = await self.service.top_unanswered(guild_id=interaction.guild_id, limit=10)
        embed = present.unanswered_embed([(q.question, q.count, q.users) for q in items])
        if not items:
            await interaction.response.send_message(embed=embed, ephemeral=True)
            return
        await interaction.response.send_message(
            embed=embed, view=UnansweredView([q.question for q in items]), ephemeral=True
        )

    @kb.command(name="audit", description="Recent changes to this server's records.")
    @app_commands.describe(shared="Owners: the changes to the shared coverage instead")
    @admin_only()
    async def kb_audit(self, interaction: discord.Interaction[Any],
                       shared: bool = False) -> None:
        """The latest changes to this server's records (owners: to the shared ones)."""
        if shared and not is_owner(interaction):
            raise PermissionDenied(
                "Only the bot's owners can see the changes to the shared coverage."
            )
        guild_id = None if shared else interaction.guild_id
        entries = await self.service.audit_log(guild_id=guild_id, limit=20)
        embed = present.audit_embed(
            (e.at, e.actor, e.action, e.kind, e.record_id) for e in entries
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Kb(bot))  # type: ignore[arg-type]
