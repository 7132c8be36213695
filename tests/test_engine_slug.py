"""Record ids are cut at a word, never mid-word (issue 8: "…-boyle-heigh"), and every id
maker (admin-added records, ingested sources, ingested facts and quotes) uses one slug rule.
"""

from __future__ import annotations

import re

import pytest

from bot.articles import Article
from bot.engine.slug import slugify
from bot.service import CoverageService
from bot.settings import Settings

LONG = "Immigration agents detained dozens of day laborers at a Home Depot in Boyle Heights"
WORDS = set(re.findall(r"[a-z0-9]+", LONG.lower()))
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def whole_words(record_id: str, allowed: set[str]) -> bool:
    parts = record_id.split("-")
    if parts[-1].isdigit() and parts[-1] not in allowed:  # a "-2" added to make it unique
        parts = parts[:-1]
    return all(p in allowed for p in parts)


@pytest.mark.parametrize("limit", [11, 20, 33, 48, 60])
def test_slugify_cuts_at_a_hyphen(limit: int) -> None:
    slug = slugify(LONG, limit)
    assert len(slug) <= limit and ID.match(slug)
    assert whole_words(slug, WORDS), slug
    assert LONG.lower().replace(" ", "-").startswith(slug)


def test_slugify_folds_accents_apostrophes_and_dashes() -> None:
    assert slugify("Beyoncé’s “Renaissance”—tour") == "beyonces-renaissance-tour"
    assert slugify("Don't stop") == "dont-stop"
    assert slugify("!!!") == ""
    assert slugify("!!!", fallback="fact") == "fact"
    # A single word longer than the limit has no boundary to cut at: cut it at the limit.
    assert slugify("a" * 90, 60) == "a" * 60


async def test_an_admin_added_fact_id_ends_on_a_whole_word(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        record_id = await service.next_id("fact", LONG)
    assert ID.match(record_id) and len(record_id) <= 48
    assert whole_words(record_id, WORDS), record_id
    assert record_id == "immigration-agents-detained-dozens-of-day"


async def test_an_ingested_source_id_ends_on_a_whole_word(settings: Settings) -> None:
    title = "Stars keep up their criticism as agents detain day laborers in Boyle Heights"
    article = Article(
        raw="Kim Kardashian said the raids were wrong. " * 3
        + '"We need to stop this now," Kim Kardashian wrote on Instagram.',
        name="a.txt", outlet="Daily Example Newsroom", title=title,
    )
    async with await CoverageService.open(settings) as service:
        plan = await service.plan_ingest([article], guild_id=None)
    source_id = plan.results[0].source.id
    allowed = set(re.findall(r"[a-z0-9]+", f"daily example newsroom {title}".lower()))
    assert ID.match(source_id) and len(source_id) <= 60
    assert whole_words(source_id, allowed), source_id
