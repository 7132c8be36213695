"""bot/engine/ingest/records.py: an article's text into facts, quotes and people, each
citing the article's own words."""

from __future__ import annotations

import pytest

from bot.engine.ingest import ingest_article
from bot.errors import IngestError
from tests.ingest_text import ARTICLE, SOURCE


def test_every_record_cites_the_articles_own_words() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    flat = " ".join(ARTICLE.split())
    for record in (*result.new_facts, *result.new_quotes):
        assert record.citations[0].source_id == SOURCE.id
        assert " ".join(record.citations[0].passage.split()) in flat


def test_facts_keep_the_figures_exact() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    assert any("$40 million" in f.text for f in result.new_facts)
    assert any("2028" in f.text for f in result.new_facts)


def test_an_empty_article_is_an_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        ingest_article("   ", source=SOURCE)
