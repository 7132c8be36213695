"""bot/engine/unnamed.py: the things a text mentions only as one of a kind."""

from __future__ import annotations

from bot.engine.normalize import stem
from bot.engine.unnamed import one_of_a_kind as both


def one_of_a_kind(text: str) -> frozenset[str]:
    return both(text)[0]


def test_a_thing_mentioned_only_after_a_or_a_count_is_one_of_a_kind() -> None:
    assert stem("bank") in one_of_a_kind(
        "The rest came from foundation gifts and a loan from a regional bank.")
    assert stem("foundations") in one_of_a_kind(
        "They were applying for grants from two journalism foundations.")
    assert stem("stores") in one_of_a_kind(
        "The companies said they were prepared to sell as many as nine stores.")
    # a place's one-word name among its modifiers names no hotel ("a First Federal bank",
    # two capitalised words, is named: below)
    assert stem("hotel") in one_of_a_kind("He was a pastry chef at a downtown Minneapolis hotel.")
    # the first word of the text opens the phrase too ("A school field trip ...")
    assert stem("school") in one_of_a_kind("A school field trip has been postponed.")


def test_a_thing_named_known_or_bare_anywhere_is_not() -> None:
    # known: "the bank" in the same text
    assert stem("bank") not in one_of_a_kind("A bank lent the money; the bank asked 6%.")
    # named: a capitalised word in the phrase ("a First Federal bank")
    assert stem("bank") not in one_of_a_kind("The loan came from a First Federal bank.")
    # bare: "casino trips"
    assert stem("casino") not in one_of_a_kind("He spent the money on casino trips.")
    # a verb's past form is no modifier ("a routine inspection found cracks")
    assert stem("cracks") not in one_of_a_kind(
        "The bridge closed after a routine inspection found cracks.")


def test_a_figure_after_the_or_a_year_counts_nothing_unknown() -> None:
    assert stem("chains") not in one_of_a_kind("The two chains compete in five towns.")
    assert stem("stores") not in one_of_a_kind("Its nine stores will close.")
    assert stem("school") not in one_of_a_kind("The budget for the 2025-26 school year.")
    assert stem("schools") not in one_of_a_kind("In 2019 schools closed early.")
    assert stem("schools") not in one_of_a_kind("2019 schools closed early.")


def test_a_thing_beside_a_name_saying_which_is_not() -> None:
    assert stem("states") not in one_of_a_kind(
        "The fireball was seen in Kansas, Nebraska and Iowa, three states.")
    assert stem("bank") not in one_of_a_kind("It borrowed from a regional bank, First Federal.")
    assert stem("bakery") not in one_of_a_kind("She runs a bakery called Vault & Crumb.")


def test_a_name_set_beside_the_phrase_says_which() -> None:
    assert stem("engineer") not in one_of_a_kind(
        "An engineer hired by the district, Raymond Oduya, first spotted the seepage.")
    assert stem("trails") not in one_of_a_kind(
        "The division closed two side trails, the Lantern Trail and the Creek Trail.")
    assert stem("counties") not in one_of_a_kind(
        "The quarantine covers parts of three counties: Ashby, Linn and Pell.")


def test_a_figure_measuring_the_thing_says_which() -> None:
    assert stem("bonus") not in one_of_a_kind("He received a $50,000 bonus for the sale.")
    assert stem("raise") not in one_of_a_kind("The budget includes a 2.5 percent raise.")
    assert stem("boats") in one_of_a_kind("He rents 14 pontoon boats to visitors.")


def test_a_thing_described_has_no_name_but_says_what_it_is() -> None:
    unnamed, undescribed = both("Kim shared a video of a singer calling out the agency.")
    assert stem("video") in unnamed and stem("video") not in undescribed
    unnamed, undescribed = both("The loan came from a regional bank.")
    assert stem("bank") in unnamed and stem("bank") in undescribed
