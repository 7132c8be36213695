"""bot/cogs/ask.py: questions by mention, reply, DM and /ask; its pure parts here, the
conversation through the fake Discord."""

from __future__ import annotations

from bot.cogs.ask import BusyNotice, QuestionCooldown, answer_view, conversation_key
from bot.models import Answer
from tests.discord_env import Env, callback, embed


def test_a_follow_up_is_read_per_person_and_channel() -> None:
    assert conversation_key(1, 2) != conversation_key(1, 3) != conversation_key(4, 2)
    assert conversation_key(None, 2) == conversation_key(None, 2)  # a DM


def test_busy_is_said_once_per_channel_per_interval() -> None:
    busy = BusyNotice(every=60)
    assert busy.due(1) and not busy.due(1) and busy.due(2)
    assert BusyNotice(every=0).due(1)


def test_the_cooldown_is_per_user_and_off_at_zero() -> None:
    cooldown = QuestionCooldown(per=30)
    assert cooldown.retry_after(1) == 0.0
    assert cooldown.retry_after(1) > 0
    assert cooldown.retry_after(2) == 0.0
    off = QuestionCooldown(per=0)
    assert off.retry_after(1) == off.retry_after(1) == 0.0


def test_an_abstention_offers_its_suggestions_then_feedback() -> None:
    view = answer_view(Answer(answered=False, text="No.", score=10.0,
                              suggestions=tuple(f"Question {n}?" for n in range(6))))
    labels = [getattr(item, "label", None) or item.item.label for item in view.children]  # type: ignore[attr-defined]
    assert labels[:4] == [f"Question {n}?" for n in range(4)]
    assert labels[4:] == ["👍 Helpful", "👎 Not helpful"]


async def test_ask_answers_with_its_source_for_everyone_to_see(env: Env) -> None:
    handle = await env.slash("ask", {"question": "what did mark ruffalo say"})
    body = await callback(handle)
    assert body["type"] == 5 and not (body.get("data") or {}).get("flags")  # thinking, public
    answer = embed((await handle.followup()).json)
    assert "NewsNation" in str(answer)
