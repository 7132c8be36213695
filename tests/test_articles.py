"""bot/articles.py: an article read into a plan (nothing stored), then stored whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.articles import Article, apply_ingest, article_text, check_article_fields, plan_ingest
from bot.engine import Engine
from bot.errors import IngestError
from bot.inputs import MAX_ARTICLE_BYTES
from bot.models import Citation, Fact, Source
from bot.storage import Storage

TEXT = (
    "RIVERTON (Wire) — The Riverton council voted 6-3 on Monday to approve a new bridge.\n\n"
    "\"We waited twenty years for this,\" said Mayor Ada Quill.\n\n"
    "The bridge will cost $40 million and open in 2028, officials said.\n"
)


def article(**fields: object) -> Article:
    values: dict[str, object] = {"raw": TEXT, "name": "bridge.txt", "outlet": "Wire",
                                 "title": "Bridge approved", "url": "https://example.org/b",
                                 "published": "2025-06-10"}
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "message"), [
    ({"outlet": " "}, "--outlet must not be empty"),
    ({"url": "example.org"}, "--url must start with http"),
    ({"published": "June 10"}, "--published must be a date"),
])
def test_what_the_admin_typed_is_checked_first(fields: dict[str, str], message: str) -> None:
    with pytest.raises(IngestError, match=message):
        check_article_fields(article(**fields))


def test_article_text_is_bounded_and_decoded_strictly() -> None:
    assert article_text(article(raw=TEXT.encode())) == TEXT
    with pytest.raises(IngestError, match="at most"):
        article_text(article(raw=b"x" * (MAX_ARTICLE_BYTES + 1)))


async def test_a_plan_stores_nothing_until_applied_then_everything() -> None:
    async with await Storage.open(":memory:") as storage:
        plan = plan_ingest(Engine(await storage.load_bank()), [article()], guild_id=5)
        counts = plan.counts()
        assert counts["sources"] == 1 and counts["facts"] >= 1 and counts["quotes"] == 1
        assert (await storage.stats())["facts_guild"] == 0
        await apply_ingest(storage, plan, actor="test")
        stats = await storage.stats()
        assert stats["facts_guild"] == counts["facts"] and stats["quotes_guild"] == 1
        assert all(r.guild_id == 5 for r in (await storage.export_bank(5)).records())


async def test_the_same_article_again_adds_nothing() -> None:
    async with await Storage.open(":memory:") as storage:
        await apply_ingest(storage, plan_ingest(Engine(), [article()], guild_id=5), actor="test")
        again = plan_ingest(Engine(await storage.load_bank()), [article()], guild_id=5)
        assert again.empty


@pytest.mark.parametrize("fields", [
    {"url": None, "title": "BRIDGE “APPROVED”", "outlet": "wire"},
    {"url": None, "title": "Bridge \u201capprov\u00e9d\u201d\u200b", "outlet": "Wire "},
    {"url": "https://EXAMPLE.ORG/b", "title": "Another title"},
])
async def test_an_article_finds_its_source_by_the_storages_rules(fields: dict[str, str]) -> None:
    """A title or URL the storage would call the same source's is that source (before,
    an accent or a curly quote made a second source the storage then refused)."""
    async with await Storage.open(":memory:") as storage:
        first = article(url=None, title='Bridge "approved"')
        await apply_ingest(storage, plan_ingest(Engine(), [first], guild_id=5), actor="test")
        if fields["url"]:
            await storage.update(replace((await storage.export_bank(5)).sources[0],
                                         url="https://example.org/b"), actor="test")
        again = plan_ingest(Engine(await storage.load_bank()), [article(**fields)], guild_id=5)
        assert again.adds.sources == ()
        await apply_ingest(storage, again, actor="test")
        assert (await storage.stats())["sources_guild"] == 1


async def test_new_ids_are_unique_across_the_bank_not_only_what_linking_read() -> None:
    """Linking reads only the records that may say the same as the article; the ids it
    gives still avoid every id of the bank (another server's included)."""
    first = plan_ingest(Engine(), [article()], guild_id=5)
    fact_id = first.adds.facts[0].id
    async with await Storage.open(":memory:") as storage:
        await storage.add(Source("other", "Elsewhere", "Other story", guild_id=6), actor="t")
        await storage.add(Fact(fact_id, "A claim about something else entirely.",
                               (Citation("other", "something else"),), guild_id=6), actor="t")
        plan = plan_ingest(Engine(await storage.load_bank()), [article()], guild_id=5)
        ids = [f.id for f in plan.adds.facts]
        assert fact_id not in ids and f"{fact_id}-2" in ids
        await apply_ingest(storage, plan, actor="test")  # and it is stored
        assert (await storage.stats())["facts_guild"] == 1 + len(ids)
