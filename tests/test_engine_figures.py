"""bot/engine/figures.py: the figures of a text and what each counts."""

from __future__ import annotations

from bot.engine.figures import (
    aged,
    ages,
    counts_unfigured,
    days,
    figure_counts,
    is_year,
    seasoned,
    span_figures,
)
from bot.engine.normalize import stem, words


def test_a_figure_counts_the_words_right_after_it() -> None:
    counts = figure_counts(words("it destroyed 37 structures as 650 firefighters fought it"))
    assert ("37", stem("structures")) in counts and ("650", stem("firefighters")) in counts
    assert ("37", stem("firefighters")) not in counts  # not across "as"
    assert ("650", stem("fought")) in counts  # (up to three content words)
    assert figure_counts(words("no figure here")) == frozenset()
    assert ("37", stem("firefighters")) not in figure_counts(words("37 homes, 650 firefighters"))
    # a decimal's digits are read apart: both count what follows ("1.8 miles")
    assert {("1", stem("miles")), ("8", stem("miles"))} <= figure_counts(words("1.8 miles away"))


def test_a_day_of_a_month_counts_nothing() -> None:
    ws = words("On Oct. 21, 94 percent of nurses voted; on March 3 the union met")
    counts = figure_counts(ws)
    assert ("94", "percent") in counts and not any(n == "21" for n, _ in counts)
    assert days([stem(w) for w in ws]) == {"21", "3"}


def test_a_ranges_first_figure_counts_what_its_last_does() -> None:
    ws = words("the beetle has been there three or four years, 10 to 12 feet down")
    counts = figure_counts(ws)
    assert {("3", stem("years")), ("4", stem("years"))} <= counts
    assert {("10", "feet"), ("12", "feet")} <= counts
    assert span_figures(ws) == {"3", "4", "10", "12"}  # (so "three" counts no orchards)
    # figures apart, each its own: "20 points and 12 rebounds"
    apart = figure_counts(words("she had 20 points and 12 rebounds"))
    assert ("20", stem("rebounds")) not in apart and ("20", stem("points")) in apart


def test_an_age_after_a_name_is_read_mid_sentence_and_at_its_end() -> None:
    assert ages("Walt Brandvold, 63, a pear grower, said so.") == {("63", "old")}
    assert ages('"I can do that for a week," said Ferreira, 61.') == {("61", "old")}
    assert ages("said Ferreira, 61") == {("61", "old")}
    assert ages("The witness, Tasha Briggs, now 36, recanted.") == {("36", "old")}
    assert ages("Margaret Hollowell was 91.") == {("91", "old")}
    assert ages("The final score was 91-88.") == set()
    # not a decimal, a year, nor a list of figures
    assert ages("rates rose in Ohio, 4.5 percent") == set()
    assert ages("It opened in March, 2020.") == set()


def test_a_name_given_an_age_is_known_by_each_word_of_it() -> None:
    """"said Oduya, 66" and "the 66-year-old Terrence Oduya" give Oduya an age; "a
    4-year-old female named Juniper, spotted by Terrence Oduya" gives him none."""
    assert aged('"I went out," said Oduya, 66.') == {"oduya"}
    assert aged("Terrence Oduya was 66.") == {"oduya"}  # (the word before "was")
    assert aged("The 66-year-old Terrence Oduya said so.") == {stem("terrence"), "oduya"}
    assert aged("Dr. Anil Rao-Whitfield, 61, said so.") == {"rao", stem("whitfield")}
    assert aged("Okafor, a 19-year-old rookie from Saskatoon, scored.") == {"okafor"}
    assert aged("The panda, a 4-year-old female named Juniper, was seen by Terrence Oduya.") \
        == frozenset()
    assert is_year("1998") and is_year("1990s") and not is_year("66")


def test_a_speakers_own_age_in_their_words_is_theirs() -> None:
    """A quote shown as "Jolene Roe: I am 49, and ..." gives her age; "I'm 5 minutes away"
    is no age, nor is "I am 40" with no speaker before it."""
    said = "Jolene Marchetti-Haas: I am 49, and I am one of the young ones."
    assert ages(said) == {("49", "old")} and aged(said) == {stem("marchetti"), stem("haas")}
    assert ages("Jane Roe: Well, I'm 67 years old and I have seen floods.") == {("67", "old")}
    assert ages("Jane Roe: I'm 5 minutes away from the plant.") == frozenset()
    assert ages("The council met. I am 40.") == frozenset()


def test_a_fraction_word_counts_only_as_a_fraction() -> None:
    """"a third of the nurses" counts; "for a third straight day" and "the third quarter"
    count nothing, so they give no answer to "how many"."""
    assert counts_unfigured(words("A third of the nurses walked out."))
    assert counts_unfigured(words("Several surgeries were postponed."))
    assert not counts_unfigured(words("Ambulances were turned away for a third straight day."))
    assert not counts_unfigured(words("Sales fell in the third quarter."))


def test_a_season_placed_in_time_is_a_time() -> None:
    """"due in the spring", "by summer", "last fall" answer "when"; "the leaves fall" and
    "a spring in the hillside" place nothing."""
    for text in ("The study is due in the spring.", "Service starts by summer.",
                 "It was dismissed last fall.", "work resumes in early-winter",
                 "OPENS BY SUMMER", "Closed In The Winter"):  # (any case: the pattern's)
        assert seasoned(text), text
    for text in ("The leaves fall in October winds.", "A spring feeds the pond."):
        assert not seasoned(text), text
    from tests.engine_records import view_of

    assert view_of("The parking study is due in the spring.").has_date
    assert not view_of("The parking study is due soon.").has_date
