"""bot/engine/ingest/column.py: a column's first-person sentences are its author's."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.models import Source

SOURCE = Source("ledger", "Dunmore Ledger", "Our fire company needs a tax", None, "2025-10-01",
                None)
COLUMN = (
    "Our fire company can't run on pancake breakfasts anymore\n\n"
    "By Jolene Marchetti-Haas\n\n"
    "At 2:14 a.m. on Feb. 7, my pager went off for a barn fire on Route 14. "
    "I have been a volunteer with the Dunmore Falls Volunteer Fire Company for 17 years. "
    "That night, four of us showed up.\n\n"
    "The township supervisors will vote on a fire tax on Oct. 9. It would raise about "
    "$212,000 a year.\n\n"
    "I am asking you to support it.\n\n"
    "Jolene Marchetti-Haas is a deputy chief of the Dunmore Falls Volunteer Fire Company.\n"
)


def test_a_columns_first_person_sentences_are_its_authors_quotes() -> None:
    r = ingest_article(COLUMN, source=SOURCE)
    author = next(p for p in r.new_people if p.name == "Jolene Marchetti-Haas")
    assert author.description == ("deputy chief of the Dunmore Falls Volunteer Fire Company, "
                                  "the column's author")
    said = {q.text: q for q in r.new_quotes}
    assert said["That night, four of us showed up."].speaker == author.id
    assert said["I am asking you to support it."].context == "column"
    facts = {f.text: f for f in r.new_facts}
    # what is not said in the first person stays a fact; the closing line is about her
    assert "It would raise about $212,000 a year." in facts
    assert not any("four of us" in t for t in facts)
    closing = next(f for t, f in facts.items() if t.startswith("Jolene Marchetti-Haas is"))
    assert author.id in closing.people


def test_a_news_storys_byline_is_its_reporters_and_makes_no_column() -> None:
    """A byline over third-person prose, "I" only inside quotation marks: no column."""
    story = ("Fire tax goes to a vote\n\nBy Sam Lee, Dunmore Ledger\n\n"
             "The township supervisors will vote on a fire tax on Oct. 9.\n\n"
             "\"I am asking you to support it,\" said deputy chief Jolene Marchetti-Haas. "
             "\"My pager went off at 2 a.m.\"\n\n"
             "The tax would raise about $212,000 a year, the township said.\n")
    r = ingest_article(story, source=SOURCE)
    assert "Sam Lee" not in {p.name for p in r.new_people}
    assert not [q for q in r.new_quotes if q.context == "column"]
