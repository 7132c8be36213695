"""bot/engine/ingest/things.py: "the creamery", "the company" read as the thing the article
named before."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.things import named_as, opening_thing, refers_back
from bot.models import Source
from tests.ingest_text import fact_saying


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


def test_a_name_with_a_word_joined_by_a_slash_is_named_whole() -> None:
    before = ["A team from the Defense POW/MIA Accounting Agency searched the site."]
    assert named_as("The agency announced it in April.", before) == \
        "Defense POW/MIA Accounting Agency announced it in April."


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
    fact = fact_saying(r, "64 people")
    assert fact.text == "Brule Valley Creamery employs 64 people in New Holsten."
    assert fact.citations[0].passage == "The creamery employs 64 people in New Holsten."


def _nobody(at: int) -> bool:
    return False


def test_a_sentence_opens_on_the_one_thing_it_is_about() -> None:
    assert opening_thing('The painting, "Winter Light" by Harriet Dunmore, was taken in 1987.',
                         _nobody) == "The painting"
    assert opening_thing("The team's machine, which the students named Old Blue, uses a chain.",
                         _nobody) == "The team's machine"
    assert opening_thing("The bridge opened in 1962.", _nobody) == "The bridge"
    assert opening_thing("The team drew about 171,000 fans last season.", _nobody) == "The team"
    assert opening_thing("The Harney Flats Grain Cooperative pledged $5,000.", _nobody) == \
        "The Harney Flats Grain Cooperative"
    assert opening_thing("Carver Township, just across the river, already tried this.",
                         _nobody) == "Carver Township"
    assert opening_thing("Halvorsen Precision Coatings opened in 1978.", _nobody) == \
        "Halvorsen Precision Coatings"


def test_no_thing_when_it_opens_on_a_person_several_things_or_no_name() -> None:
    assert opening_thing("The mayor said so on Monday.", _nobody) is None
    assert opening_thing("Whitacre, who coaches the team, said so.", lambda at: at == 0) is None
    assert opening_thing("The ribbon and the prize went to Tomas Reyes.", _nobody) is None
    assert opening_thing("The township supervisors will vote on a fire tax.", _nobody) is None
    assert opening_thing("Boaters can meet the rule online.", _nobody) is None
    assert opening_thing("Closing Hawthorne, which opened in 1954, saves $1 million.",
                         _nobody) is None
    assert opening_thing("According to the paper, the ring lies far out.", _nobody) is None
    assert opening_thing("Today the garden has 64 plots.", _nobody) is None
    # (no noun: "The first was an improvement", "The first commercial steam engine was ...")
    assert opening_thing("The first was an improvement over Savery's pump.", _nobody) is None
    assert opening_thing("The first commercial used steam.", _nobody) is None


def test_it_stands_for_a_thing_unless_it_stands_for_none() -> None:
    for meant in ("It was shown by Kaylee Brandvold.", "Its cod fishery collapsed in 1994.",
                  "It is expected to close on April 1."):
        assert refers_back(meant), meant
    for empty in ("It is illegal to give it to cattle.", "It is the first time in 25 years.",
                  "It was the zoo's first escape since 2016.", "It turns out they were wrong.",
                  "Item: the vote."):
        assert not refers_back(empty), empty


def test_ingest_cites_what_it_stands_for_and_keeps_the_words() -> None:
    text = ("BRAMWELL, Iowa (Wire) — A fair board stripped a steer of its title on Monday.\n\n"
            "The steer, a 1,340-pound Angus cross named Domino, won the top prize on Aug. 2. "
            "It was shown by Kaylee Brandvold, a junior at Bramwell Central High School. It "
            "weighed 1,340 pounds at the sale.\n\n"
            "Boaters can take the course online. It takes about three hours to finish.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Steer"))
    named = "The steer, a 1,340-pound Angus cross named Domino, won the top prize on Aug. 2."
    shown = fact_saying(r, "Kaylee")
    assert shown.text.startswith("It was shown by Kaylee Brandvold")
    assert shown.citations[0].passage.startswith(f"{named} It was shown by Kaylee Brandvold")
    # (one "It" after another is the same thing: cited from the sentence naming it on)
    weighed = fact_saying(r, "weighed")
    assert weighed.citations[0].passage.startswith(f"{named} It was shown by")
    assert weighed.citations[0].passage.endswith("It weighed 1,340 pounds at the sale.")
    # ("Boaters" is no name: cited alone)
    took = fact_saying(r, "It takes about three hours")
    assert took.text.startswith("It takes about three hours")
    assert took.citations[0].passage.startswith("It takes")
