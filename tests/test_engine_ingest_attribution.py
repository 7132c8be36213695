"""bot/engine/ingest/attribution.py: a quote needs a speaker; scare quotes are not quotes."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from tests.ingest_text import ARTICLE, SOURCE


def test_a_quote_is_attributed_to_who_said_it_across_its_parts() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    people = {p.id: p.name for p in result.new_people}
    quotes = {q.text: people.get(q.speaker or "") for q in result.new_quotes}
    assert quotes.get("We waited twenty years for this") == "Ada Quill"


def test_scare_quotes_are_not_quotes() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    assert all("vanity project" not in q.text for q in result.new_quotes)
