"""bot/engine/unnamed.py: the things a text mentions only as one of a kind."""

from __future__ import annotations

from bot.engine.normalize import stem
from bot.engine.unnamed import one_of_a_kind


def test_a_thing_mentioned_only_after_a_or_a_count_is_one_of_a_kind() -> None:
    assert stem("bank") in one_of_a_kind(
        "The rest came from foundation gifts and a loan from a regional bank.")
    assert stem("foundations") in one_of_a_kind(
        "They were applying for grants from two journalism foundations.")
    assert stem("stores") in one_of_a_kind(
        "The companies said they were prepared to sell as many as nine stores.")
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
