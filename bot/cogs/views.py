"""Views the admin commands share: one "are you sure" for every change that needs one, the
removal that uses it, and the buttons under ``/kb unanswered``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot import present
from bot.cogs.base import BaseView, bot_of
from bot.cogs.checks import actor, can_change, ensure_admin
from bot.cogs.forms import FactModal, fact_embed
from bot.models import Fact, RecordKind

log = logging.getLogger(__name__)

#: How long a removal waits for its confirmation (seconds).
CONFIRM_TIMEOUT = 60.0
#: How long the buttons under ``/kb unanswered`` work (seconds).
UNANSWERED_TIMEOUT = 600.0

#: What pressing the confirm button does: the change, then the message's new content and
#: embed (None: no embed).
Action = Callable[[discord.Interaction[Any]], Awaitable[tuple[str, discord.Embed | None]]]


class ConfirmView(BaseView):
    """A confirm button and "Cancel" under a change waiting for its admin's word.

    Only ``owner_id`` can press them; a second press while the change is being made is told
    so (the change is made once); a change that fails can be tried again; when nobody
    presses in time the buttons go and the message says nothing was done.
    """

    def __init__(self, owner_id: int, action: Action, *, label: str,
                 style: discord.ButtonStyle, refusal: str, cancelled: str, expired: str,
                 timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.action = action
        self.refusal = refusal
        self.cancelled = cancelled
        self.expired = expired
        self.done = False
        #: The message holding the buttons, edited on timeout (else ``origin``'s response).
        self.message: discord.WebhookMessage | None = None
        self.origin: discord.Interaction[Any] | None = None
        confirm: discord.ui.Button[Any] = discord.ui.Button(label=label, style=style)
        confirm.callback = self._confirm  # type: ignore[method-assign]
        cancel: discord.ui.Button[Any] = discord.ui.Button(
            label="Cancel", style=discord.ButtonStyle.secondary)
        cancel.callback = self._cancel  # type: ignore[method-assign]
        self.add_item(confirm)
        self.add_item(cancel)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Only the admin who asked can press the buttons."""
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(self.refusal, ephemeral=True)
            return False
        return True

    async def _handled_already(self, interaction: discord.Interaction[Any]) -> bool:
        if self.done:
            await interaction.response.send_message("This is already being handled.",
                                                    ephemeral=True)
        return self.done

    async def _confirm(self, interaction: discord.Interaction[Any]) -> None:
        if await self._handled_already(interaction):
            return
        self.done = True
        try:
            content, embed = await self.action(interaction)
        except BaseException:
            self.done = False
            raise
        self.stop()
        await interaction.response.edit_message(content=content, embed=embed, view=None)

    async def _cancel(self, interaction: discord.Interaction[Any]) -> None:
        if await self._handled_already(interaction):
            return
        self.done = True
        self.stop()
        await interaction.response.edit_message(content=self.cancelled, embed=None, view=None)

    async def on_timeout(self) -> None:
        """Nobody pressed in time: the buttons go, and the message says nothing was done."""
        if self.done:
            return
        with contextlib.suppress(discord.HTTPException):
            if self.message is not None:
                await self.message.edit(content=self.expired, embed=None, view=None)
            elif self.origin is not None:
                await self.origin.edit_original_response(content=self.expired, embed=None,
                                                         view=None)


async def confirm_removal(interaction: discord.Interaction[Any], kind: RecordKind,
                          record_id: str) -> None:
    """Show the record with Remove / Cancel (to the admin alone); Remove removes it."""
    service = bot_of(interaction).service
    record = service.visible(kind, record_id.strip(), interaction.guild_id)
    can_change(interaction, record)
    if isinstance(record, Fact):
        embed = fact_embed(service, record)
    else:
        embed = discord.Embed(description=present.safe(getattr(record, "text", ""), 2000))

    async def remove(pressed: discord.Interaction[Any]) -> tuple[str, discord.Embed | None]:
        bot = bot_of(pressed)
        current = bot.service.visible(kind, record.id, pressed.guild_id)
        can_change(pressed, current)
        async with bot.working():
            await bot.service.remove(kind, current.id, actor=actor(pressed),
                                     guild_id=current.guild_id)
        return f"Removed {kind} `{current.id}`.", None

    view = ConfirmView(
        interaction.user.id, remove, label="Remove", style=discord.ButtonStyle.danger,
        refusal="Only the admin who asked for this removal can confirm it.",
        cancelled="Nothing was removed.",
        expired="No confirmation in time; nothing was removed.", timeout=CONFIRM_TIMEOUT,
    )
    view.origin = interaction
    await interaction.response.send_message(
        f"Remove {kind} `{record.id}`? This cannot be undone from Discord (the audit log "
        "keeps a copy).", embed=embed, view=view, ephemeral=True,
    )


class UnansweredView(BaseView):
    """One button per unanswered question: opens the add-fact form prefilled with it."""

    def __init__(self, questions: list[str]) -> None:
        super().__init__(timeout=UNANSWERED_TIMEOUT)
        for n, question in enumerate(questions[:25], start=1):
            button: discord.ui.Button[Any] = discord.ui.Button(
                label=present.button_label(f"{n}. {question}"),
                style=discord.ButtonStyle.secondary,
                custom_id=f"cb:unanswered:{n}",
            )
            button.callback = self._opener(question)  # type: ignore[method-assign]
            self.add_item(button)

    @staticmethod
    def _opener(question: str) -> Any:
        async def open_modal(interaction: discord.Interaction[Any]) -> None:
            ensure_admin(interaction)
            service = bot_of(interaction).service
            await interaction.response.send_modal(FactModal(
                question=question, default_source=service.default_source_id(
                    interaction.guild_id),
            ))
        return open_modal
