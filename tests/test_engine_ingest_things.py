"""bot/engine/ingest/things.py: "the creamery", "the company" read as the thing the article
named before."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.things import named_as
from bot.models import Source


def test_a_kind_opening_a_sentence_is_the_thing_of_that_kind_named_before() -> None:
    before = ["Brule Valley Creamery recalled 48,000 pounds of cheese on Thursday."]
    assert named_as("The creamery employs 64 people.", before) == \
        "Brule Valley Creamery employs 64 people."
    assert named_as("The creamery, founded in 1951, employs 64 people.", before) == \
        "Brule Valley Creamery, founded in 1951, employs 64 people."
    # (nothing of the kind named, or not at the sentence's opening: as written)
    assert named_as("The hospital employs 64 people.", before) == "The hospital employs 64 people."
    assert named_as("Workers at the creamery were paid.", before) == \
        "Workers at the creamery were paid."


def test_the_company_is_the_company_named_not_a_name_ending_in_another_word() -> None:
    before = ["About 300 people crowded into the Brennock Volunteer Fire Company hall.",
              "The Journal of Dairy Systems published it.",
              "Golden Hearth Foods is recalling potstickers, and Redbank Poultry Co. is not."]
    # (two companies named: "the company" may be either)
    assert named_as("The company employs 620 people.", before) == "The company employs 620 people."
    assert named_as("The firm employs 620 people.", before[:2]) == "The firm employs 620 people."
    assert named_as("The company employs 620 people.",
                    [*before[:2], "Golden Hearth Foods is recalling potstickers."]) == \
        "Golden Hearth Foods employs 620 people."
    assert named_as("The firm said so.", ["Redbank Poultry Co. cut pay."]) == \
        "Redbank Poultry Co. said so."


def test_a_person_a_compound_or_two_things_of_the_kind_stay_as_written() -> None:
    assert named_as("The mayor said so.", ["Mayor Ruth Abernathy spoke."]) == "The mayor said so."
    # ("the city council" is not the city)
    assert named_as("The city council must approve it.", ["Salt Lake City did it."]) == \
        "The city council must approve it."
    fires = ["The blaze, named the Juniper Ridge Fire, grew.",
             "The county built its alerts after the 2017 Sawtooth Fire."]
    assert named_as("The fire follows a brutal July.", fires) == "The fire follows a brutal July."
    # (one thing named twice, shorter or in a dateline's capitals, is one thing)
    assert named_as("The library is named for her.",
                    ["HARLOW (Wire) — The Harriet Cole Memorial Library will stay open.",
                     "Cole Library staff cheered."]) == \
        "Harriet Cole Memorial Library is named for her."
    assert named_as("The city installed cameras.",
                    ["BRANNOCK CITY, Mo. (Wire) — A judge ruled that Brannock City's cameras "
                     "broke the law."]) == "Brannock City installed cameras."


def test_ingest_states_the_name_and_cites_the_words_as_written() -> None:
    text = ("NEW HOLSTEN, Wis. (Wire) — Brule Valley Creamery recalled 48,000 pounds of cheese "
            "on Thursday.\n\nThe creamery employs 64 people in New Holsten.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Recall"))
    fact = next(f for f in r.new_facts if "64 people" in f.text)
    assert fact.text == "Brule Valley Creamery employs 64 people in New Holsten."
    assert fact.citations[0].passage == "The creamery employs 64 people in New Holsten."
