"""bot/engine/series.py: lists in a text, and how many things the longest names."""

from __future__ import annotations

from bot.engine.series import is_series, series_length


def test_a_series_of_three_or_more_can_be_counted() -> None:
    assert is_series("It spread to other cities, including Atlanta, Seattle, New York and Chicago.")
    assert is_series("Red, green, or blue.")
    assert not is_series("Trump deployed troops to LA, where crowds gathered and chanted.")
    assert not is_series("No commas and no list here")
    # an age in apposition is no item of a list; a list of years is one
    assert not is_series("Vance, 54, pleaded guilty and testified against Eldridge.")
    assert is_series("It flooded in 2018, 2019, 2020 and 2021.")


def test_a_list_counts_its_items() -> None:
    assert series_length("Cook reductions, Karp reductions and Levin reductions exist.") == 3
    assert series_length("Apples, pears, plums, and cherries grow here.") == 4
    assert series_length("It studies algorithms and computability.") == 2
    assert series_length("It was cold. Nobody came.") == 1
    # a clause before the list may count as an item: an upper bound, never fewer
    assert series_length("There are many kinds, such as A reductions, B reductions and C.") >= 3
