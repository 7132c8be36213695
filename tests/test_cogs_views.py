"""bot/cogs/views.py: one "are you sure" (ConfirmView) for every change that needs one."""

from __future__ import annotations

from typing import Any

import discord

from bot.cogs.views import ConfirmView, UnansweredView
from bot.models import Citation, Fact
from tests.discord_env import SOURCE_ID, Env, callback, ephemeral_text


async def _nothing(interaction: Any) -> tuple[str, discord.Embed | None]:
    return "done", None


async def test_a_confirm_view_has_its_button_then_cancel() -> None:
    view = ConfirmView(1, _nothing, label="Remove", style=discord.ButtonStyle.danger,
                       refusal="no", cancelled="kept", expired="late", timeout=5)
    labels = [item.label for item in view.children]  # type: ignore[attr-defined]
    assert labels == ["Remove", "Cancel"]


async def test_unanswered_buttons_are_numbered_and_capped() -> None:
    view = UnansweredView([f"question {n}?" for n in range(30)])
    assert len(view.children) == 25
    assert view.children[0].label == "1. question 0?"  # type: ignore[attr-defined]


async def test_only_the_admin_who_asked_can_confirm_and_a_second_press_is_told(env: Env) -> None:
    w = env.world
    fact = Fact("to-remove", "A fact to remove.", (Citation(SOURCE_ID, "p"),), (), (), None,
                w.guild.id)
    await env.service.add(fact, actor="test")
    removing = await env.slash("fact remove", {"fact": fact.id}, w.admin)
    prompt = await callback(removing)
    remove = next(c for row in prompt["data"]["components"] for c in row["components"]
                  if c["label"] == "Remove")
    message_id = (await removing.reply())["id"]
    stranger = await env.fake.click(message_id, remove["custom_id"], w.owner)
    assert "Only the admin who asked" in await ephemeral_text(stranger)
    assert env.service.visible("fact", fact.id, w.guild.id) == fact
    done = await env.fake.click(message_id, remove["custom_id"], w.admin)
    assert (await callback(done))["data"]["content"] == "Removed fact `to-remove`."
