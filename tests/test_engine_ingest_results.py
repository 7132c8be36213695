"""bot/engine/ingest/results.py: what ingest hands back, and how it names records."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.results import _content_slug, _unique, numbers
from tests.ingest_text import ARTICLE, SOURCE


def test_figures_are_read_from_digits_and_words() -> None:
    assert numbers("It cost $40,000 and took two years") == ("2", "40000")
    assert numbers("no figure here") == ()


def test_ids_are_readable_and_unique() -> None:
    assert _content_slug("The bridge will open in 2028") == "bridge-open-2028"
    assert _unique("bridge", {"bridge", "bridge-2"}, "fact") == "bridge-3"
    assert _unique("", set(), "fact") == "fact"


def test_the_preview_says_what_would_be_added() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    preview = result.preview()
    assert preview.startswith("Source: Riverton Wire — Bridge approved [wire-bridge]")
    assert "Ada Quill" in preview
    bank = result.to_bank()
    assert len(bank.facts) == len(result.new_facts) and bank.sources == (SOURCE,)
