"""An invented news article for the ingest modules' tests (no name of the shipped coverage)."""

from __future__ import annotations

from bot.engine.ingest import IngestResult, ingest_article
from bot.models import Fact, Source

SOURCE = Source("wire-bridge", "Riverton Wire", "Bridge approved", None, "2025-06-10", None)

ARTICLE = (
    "RIVERTON (Riverton Wire) — The Riverton council voted 6-3 on Monday to approve a "
    "$40 million bridge over the Calder River.\n\n"
    "\"We waited twenty years for this,\" said Mayor Ada Quill. \"It is finally happening.\"\n\n"
    "Ben Ortiz, an engineer at Lakeside State University, said the steel would arrive in "
    "the spring. He added that construction should take two years.\n\n"
    "Critics called the bridge a \"vanity project\" and said the money should go to buses.\n\n"
    "The bridge is expected to open in 2028, officials said.\n"
)


def ingested(text: str, source: Source) -> tuple[IngestResult, dict[str, str]]:
    """``text`` ingested as one article, and the ids of the people it found, by name."""
    result = ingest_article(text, source=source)
    return result, {p.name: p.id for p in result.new_people}


def fact_saying(result: IngestResult, said: str) -> Fact:
    """The first fact of ``result`` whose text has ``said`` (StopIteration if none does)."""
    return next(f for f in result.new_facts if said in f.text)


def quotes_of(text: str, title: str = "Story") -> list[tuple[str | None, str]]:
    """Who said what in ``text`` ingested as one wire story: (speaker id, quote) in order."""
    result = ingest_article(text, source=Source("s", "Wire", title))
    return [(q.speaker, q.text) for q in result.quotes]
