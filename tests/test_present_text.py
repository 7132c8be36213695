"""bot/present/text.py: text fits Discord's limits (cut at a word) and cannot ping or
format; problem lists, component labels and ids, messages.

The limits are checked with the fake Discord's own validator (``tests.fakediscord.spec``)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from bot import present
from bot.errors import Problem
from tests.present_helpers import nasty


def test_clip_cuts_at_a_word_with_an_ellipsis() -> None:
    text = "the quick brown fox jumps over the lazy dog"
    out = present.clip(text, 20)
    assert len(out) <= 20
    assert out.endswith("…")
    assert out == "the quick brown fox…"


def test_clip_leaves_short_text_alone_and_handles_tiny_limits() -> None:
    assert present.clip("short", 10) == "short"
    assert present.clip("abcdef", 1) == "…"
    assert present.clip("abcdef", 0) == ""
    assert present.clip("a" * 50, 10) == "a" * 9 + "…"  # one long word: cut inside it


@given(st.text(max_size=3000), st.integers(min_value=0, max_value=2100))
def test_clip_never_exceeds_the_limit(text: str, limit: int) -> None:
    out = present.clip(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text


def test_safe_breaks_mentions_and_escapes_markdown() -> None:
    out = present.safe("@everyone look at <@&123456789012345678> and **bold** @here", 500)
    assert "@everyone" not in out
    assert "@here" not in out
    assert "<@&123456789012345678>" not in out
    assert "\\*\\*bold\\*\\*" in out


@given(nasty, st.integers(min_value=1, max_value=1100))
@example("aaaaaaaa****@everyoneword word aa**@here<@&123456789012345678>\\aa", 74)
def test_safe_fits_after_escaping(text: str, limit: int) -> None:
    out = present.safe(text, limit)
    assert len(out) <= limit
    assert "@everyone" not in out
    assert not out.endswith("\\…")


def test_problems_text_is_truncated_with_a_count() -> None:
    problems = [Problem(f"facts[{i}].text", "must not be blank " * 5) for i in range(200)]
    out = present.problems_text("The import is invalid; nothing was changed:", problems)
    assert len(out) <= present.MAX_CONTENT
    assert out.startswith("The import is invalid")
    assert out.rstrip().split("\n")[-1].startswith("…and ")
    shown = out.count("\n• ")
    assert out.endswith(f"{200 - shown} more problems")


def test_problems_text_short_list_is_complete() -> None:
    out = present.problems_text("Bad:", ["one", "two"])
    assert out == "Bad:\n• one\n• two"


@given(st.lists(st.text(max_size=500), max_size=50), st.integers(min_value=100, max_value=2000))
def test_problems_text_always_fits(problems: list[str], limit: int) -> None:
    assert len(present.problems_text("head", problems, limit)) <= limit


@given(st.text(max_size=400))
def test_component_strings_fit(text: str) -> None:
    assert 1 <= len(present.button_label(text)) <= present.MAX_BUTTON_LABEL
    assert 1 <= len(present.choice_text(text)) <= present.MAX_CHOICE
    assert len(present.custom_id("cb:ask:", text)) <= present.MAX_CUSTOM_ID


def test_custom_id_keeps_short_payloads_whole() -> None:
    assert present.custom_id("cb:ask:", "What did Doechii say?") == "cb:ask:What did Doechii say?"


def test_cooldown_text() -> None:
    assert present.cooldown_text(2.2) == "Please wait 3 seconds before asking another question."
    assert present.cooldown_text(0.1) == "Please wait 1 second before asking another question."
