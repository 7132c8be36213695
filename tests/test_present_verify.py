"""bot/present/verify.py: a /verify verdict as an embed that fits Discord and shows what
changed; run against the real quote verifier."""

from __future__ import annotations

from bot.engine.verify import QuoteVerifier
from bot.models import Citation, Person, Quote, SourceRef
from bot.present import verify_embed
from tests.present_helpers import errors

QUOTE = Quote("q", "ada", "We waited twenty years for this bridge.", "council meeting",
              (Citation("s", "p"),), (), None)
ADA = Person("ada", "Ada Quill", (), "mayor", None)
REF = SourceRef("Wire", "Bridge approved", None, "2025-06-10", "the passage")
VERIFIER = QuoteVerifier([QUOTE], {"ada": ADA})


def test_verbatim_shows_the_quote() -> None:
    embed = verify_embed(VERIFIER.verify(QUOTE.text), QUOTE.text, [REF])
    assert embed.title is not None and embed.title.startswith("✓ Verbatim")
    assert QUOTE.text in (embed.description or "")
    assert errors(embed) == []


def test_an_altered_quote_shows_the_difference_and_the_real_words() -> None:
    pasted = "We waited thirty years for this bridge."
    embed = verify_embed(VERIFIER.verify(pasted), pasted, [REF])
    assert embed.title is not None and embed.title.startswith("✗ Altered")
    assert "~~" in (embed.description or "") and "**" in (embed.description or "")
    assert any(f.name == "What was said" for f in embed.fields)
    assert errors(embed) == []


def test_not_found_says_so_and_escapes_the_paste() -> None:
    pasted = "@everyone the *moon* is made of cheese"
    embed = verify_embed(VERIFIER.verify(pasted), pasted, [])
    assert embed.title == "✗ Not in the coverage"
    assert "@everyone" not in (embed.description or "").replace("@\u200beveryone", "")
    assert errors(embed) == []
