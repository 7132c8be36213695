"""bot/engine/ingest/duplicates.py: what the bank already has becomes an extra citation."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.ingest import ingest_article, link_duplicates
from bot.models import Bank
from tests.ingest_text import ARTICLE, SOURCE


def test_the_same_article_twice_links_instead_of_adding() -> None:
    first = ingest_article(ARTICLE, source=SOURCE)
    bank = first.to_bank()
    again = link_duplicates(ingest_article(ARTICLE, source=SOURCE), bank)
    assert not again.new_facts and not again.new_quotes and not again.new_people
    assert again.linked_facts or again.linked_quotes


def test_the_same_claim_with_another_figure_is_a_conflict_not_a_link() -> None:
    first = ingest_article(ARTICLE, source=SOURCE)
    changed = ARTICLE.replace("$40 million", "$55 million")
    second = link_duplicates(ingest_article(changed, source=SOURCE), first.to_bank())
    assert any("$55 million" in f.text for f in second.new_facts)
    assert second.conflicts


def test_an_empty_bank_links_nothing() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    linked = link_duplicates(result, Bank())
    assert linked.new_facts == result.new_facts and not linked.linked_facts


def test_the_same_claim_on_another_day_is_not_linked() -> None:
    """"take effect July 1" is not the bank's "take effect March 1" (the same figure, another
    month), nor "voted Tuesday" its "voted Thursday": a conflict, never an extra citation."""
    first = ingest_article("The rules take effect March 1. The board voted Thursday to adopt "
                           "them after a long hearing.", source=SOURCE)
    second = link_duplicates(
        ingest_article("The rules take effect July 1. The board voted Tuesday to adopt them "
                       "after a long hearing.", source=SOURCE), first.to_bank())
    assert not second.linked_facts, second.linked_facts
    assert {f.text for f in second.new_facts} >= {"The rules take effect July 1."}
    assert second.conflicts
    same = link_duplicates(ingest_article("The rules take effect March 1.", source=SOURCE),
                           first.to_bank())
    assert not same.new_facts and same.links  # (the same day: the same claim)


def test_a_claim_saying_too_little_is_not_another_sources() -> None:
    """"No one was hurt." in another outlet's article may be any story's: it stays its own
    fact, not a second citation of the bank's; the same article again still links it."""
    first = ingest_article("No one was hurt. The fire destroyed a barn near the river on "
                           "Tuesday night.", source=SOURCE)
    other = replace(SOURCE, id="other-wire", outlet="Other Wire")
    second = link_duplicates(ingest_article("No one was hurt. A ferry ran aground in fog off "
                                            "the harbor on Saturday.", source=other),
                             first.to_bank())
    assert "No one was hurt." in {f.text for f in second.new_facts}
    assert not any(f.text == "No one was hurt." for f in second.linked_facts)
    again = link_duplicates(ingest_article("No one was hurt.", source=SOURCE), first.to_bank())
    assert not again.new_facts and again.links
