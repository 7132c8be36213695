"""bot/engine/shifts.py: a question shifting what a record says while keeping its words (a
time moved, a unit of time swapped, roles swapped)."""

from __future__ import annotations

from bot.engine.figures import figure_counts
from bot.engine.normalize import stem, words
from bot.engine.question import Item
from bot.engine.records import FIELD_TEXT
from bot.engine.shifts import (
    now_asked,
    now_shifted,
    object_asked,
    object_swapped,
    often_asked,
    often_bounded,
    opposed_pairs,
    opposite_beside,
    particle_swapped,
    particles_asked,
    time_asked,
    time_shifted,
    unit_swapped,
    units_asked,
    way_asked,
    way_reversed,
)
from bot.engine.sinks import sinks
from tests.engine_records import asked, view_of


def test_a_year_asked_before_or_after_is_not_answered_by_one_said_at_another_time() -> None:
    """"before the 1950s" asked: "in the mid-1950s" and "after 1950" shift it; "by the
    1950s" and "prior to" agree; "in 1905" asked: only "after 1905", "since 1905" shift it. A record
    without the year gives nothing to judge."""
    before = time_asked(words("what did the club build before the 1950s"))
    assert before == [("1950s", "before")]
    assert time_shifted(before, words("In the mid-1950s, the club built a pavilion."))
    assert time_shifted(before, words("After the 1950s the club built a pavilion."))
    assert not time_shifted(before, words("By the 1950s the club had built a pavilion."))
    assert not time_shifted(before, words("It was built prior to the 1950s."))
    assert not time_shifted(before, words("The club built a pavilion in 1948."))
    during = time_asked(words("who won the prize in 1905"))
    assert during == [("1905", "in")]
    assert time_shifted(during, words("Ames won the prize after 1905."))
    assert not time_shifted(during, words("Ames won the prize in 1905."))
    # "the largest since 1905": the year is a bound; what it counts is of the time after
    assert time_shifted(during, words("It is the largest prize since 1905."))
    assert not time_shifted(during, words("Ames, who won in 1905, has won since 1905."))
    assert time_asked(words("who won the prize")) == []
    after = time_asked(words("what do families pay after 2007"))
    assert not time_shifted(after, words("Beginning 2007, families pay nothing."))


def test_a_figure_of_time_counted_in_another_unit_is_swapped() -> None:
    """"between two and three weeks" asked: "two and three days" swaps the unit; "two and
    three weeks" and "three days and three nights" (both said) do not; a year is no count."""
    weeks = units_asked(figure_counts(words("what takes between two and three weeks to heal")))
    assert weeks == {("2", stem("weeks")), ("3", stem("weeks"))}
    assert unit_swapped(weeks, figure_counts(words("it takes between two and three days to heal")))
    assert not unit_swapped(weeks, figure_counts(words("it takes two to three weeks to heal")))
    assert not unit_swapped(weeks, figure_counts(words("it took 40 days")))
    nights = units_asked(figure_counts(words("what lasted three nights")))
    assert not unit_swapped(nights, figure_counts(words("it lasted three days and three nights")))
    assert units_asked(figure_counts(words("what happened in 1998 years ago"))) == set()


def test_sinks_a_record_with_the_time_or_unit_shifted() -> None:
    """The gates as :func:`sinks` reads them: "before the 1950s" and "in the mid-1950s";
    "three weeks" and "three days"."""
    items = [Item("club", ("club",)), Item("build", (stem("build"),))]
    query = asked("what did the club build before the 1950s", items)
    fields = {t: FIELD_TEXT for it in items for t in it.terms}
    moved = view_of("In the mid-1950s, the club did build a pavilion.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, moved) == "time shifted"
    kept = view_of("Before the 1950s, the club did build a pavilion.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, kept) is None
    heal = [Item("heal", ("heal",)), Item("weeks", (stem("weeks"),))]
    weeks = asked("what takes three weeks to heal", heal)
    days = view_of("A burn takes three days to heal.")
    assert sinks(weeks, [1.0] * 2, [False, False], {"heal": FIELD_TEXT}, days) == "unit swapped"


def test_a_subject_asked_of_is_not_answered_by_a_record_making_it_the_object() -> None:
    """"what are peptides processed into": "the complex is processed by proteolysis into
    peptides" has peptides what it is processed into (sunk); "peptides are then processed into
    amino acids" answers; a question not ending on a preposition asks nothing of the kind."""
    into = object_asked(words("what are peptides processed into"))
    assert into == (stem("peptides"), stem("processed"), "into")
    assert object_swapped(into, words("The complex is processed by proteolysis into peptides."))
    assert not object_swapped(into, words("Peptides are then processed into amino acids."))
    assert not object_swapped(into, words("The complex is processed into fragments."))
    assert object_asked(words("what are peptides processed by the cell")) is None
    assert object_asked(words("into what")) is None


def test_a_record_putting_the_opposite_before_the_same_word_is_turned_around() -> None:
    """"produced from a large number of genes": "a large array ... produced from a small
    number of genes" says the opposite of the number (sunk); "a large number" said answers, as
    does "large and small numbers"; a record without "large" is the opposites' gate's."""
    asked = opposed_pairs(words("what are produced from a large number of genes"))
    assert (stem("large"), stem("number")) in {(a, b) for a, b, _ in asked}
    said = "These cells possess a large array of molecules produced from a small number of genes."
    assert opposite_beside(asked, words(said))
    assert not opposite_beside(asked, words("A large number of genes produce them."))
    assert not opposite_beside(asked, words("Large and small numbers of genes produce them."))
    assert not opposite_beside(asked, words("They come from a small number of genes."))
    both = opposed_pairs(words("are large or small numbers of genes used"))
    assert all(stem("large") not in o and stem("small") not in o for _, _, o in both)


def test_a_count_of_how_often_is_not_answered_by_a_bound_on_it() -> None:
    """"infects the body once": "more than once" bounds it (sunk), "once" said answers;
    "at once", "more than once" and "once" opening a clause ask no count."""
    once = often_asked(words("what eliminates a pathogen that infects the body once"))
    assert once == {"once"}
    assert often_bounded(once, words("should a pathogen infect the body more than once"))
    assert not often_bounded(once, words("a pathogen that infects the body once is gone"))
    assert not often_bounded(once, words("the cells eliminate it"))
    assert often_asked(words("what happens once the dam is gone")) == frozenset()
    assert often_asked(words("what checks many possibilities at once")) == frozenset()
    assert often_asked(words("who was elected more than twice")) == frozenset()
    twice = often_asked(words("who paid twice for it"))
    assert often_bounded(twice, words("they used the carts at least twice a month"))


def test_a_way_named_the_other_way_round_is_reversed() -> None:
    """"moves coal from a firebox to a bunker": "from a supply bin (bunker) to the firebox"
    reverses it (sunk); "from the firebox to the bunker" answers; a record naming both ways
    says the question's too."""
    way = way_asked(words("what mechanism moves coal from a firebox to a bunker"))
    assert way == (stem("firebox"), stem("bunker"))
    assert way_reversed(way, words("it moves the fuel from a supply bin (bunker) to the firebox"))
    assert way_reversed(way, words("it moves the fuel from the bunker to the firebox"))
    assert not way_reversed(way, words("it moves the fuel from the firebox to the bunker"))
    assert not way_reversed(way, words(
        "fuel goes from the firebox to the bunker and from the bunker to the firebox"))
    assert way_asked(words("where did the coal come from")) is None


def test_a_phrasal_verb_asked_is_not_answered_by_its_verb_with_a_preposition() -> None:
    """"why did the supervisors vote down the fire tax": "will vote on a fire tax" is another
    act (sunk); "voted down", "voted it down" and a bare "voted" are not against it, nor is
    "walked off the job" for "walk out" (another particle, not a preposition)."""
    down = particles_asked(words("why did the supervisors vote down the fire tax"))
    assert down == [("vote", "down")]
    assert particle_swapped(down, words("the supervisors will vote on a fire tax"))
    for text in ("the supervisors voted down the tax", "the supervisors voted it down",
                 "the supervisors voted Tuesday"):
        assert not particle_swapped(down, words(text)), text
    out = particles_asked(words("what time did the nurses walk out"))
    assert not particle_swapped(out, words("nurses walked off the job at 7 a.m."))
    assert particles_asked(words("what did the supervisors vote on")) == []


def test_what_a_thing_is_called_is_not_answered_by_called_out() -> None:
    """"what is the behavior called" asks its name: "called out Trump's behavior" and
    "called for a review" name nothing; "a behavior called hygiene" and "called it hygiene"
    may."""
    named = particles_asked(words("what is the behavior called"))
    assert named == [(stem("called"), "")]
    assert particle_swapped(named, words("She called out the mayor's behavior."))
    assert particle_swapped(named, words("The union called for a review of the behavior."))
    for text in ("a behavior called varroa-sensitive hygiene", "Beekeepers called it hygiene"):
        assert not particle_swapped(named, words(text)), text
    assert particles_asked(words("who called")) == []


def test_a_phrasal_verb_split_by_its_object_is_read_at_the_question_end() -> None:
    """"why did the council vote the budget down" asks "vote down" as "vote down the budget"
    does ("met to vote on a budget" is another act), and "shutting it down" asks "shut down";
    a particle after a clause of its own is not the verb's ("where does the money the festival
    makes end up": not "make up"), nor a preposition ending a question."""
    down = particles_asked(words("why did the council vote the budget down"))
    assert down == [("vote", "down")]
    assert particle_swapped(down, words("The council met Tuesday night to vote on a budget"))
    assert particles_asked(words("why are they shutting it down")) == [("shut", "down")]
    assert ("make", "up") not in particles_asked(
        words("where does the money the festival makes end up"))
    assert particles_asked(words("what did the council vote the budget on")) == []


def test_a_time_placed_against_now_is_shifted_by_another() -> None:
    """"what night is the night glow this year": "Last year, traffic on Friday night backed
    up" says another year's (sunk); a record saying this year too, none, or last year only as a
    comparison's baseline ("45,000 people, up from about 36,000 last year") is not."""
    this = now_asked(words("what night is the night glow this year"))
    assert this == [("this", "year")]
    assert now_shifted(this, words("Last year, traffic on Friday night backed up two miles."))
    assert not now_shifted(this, words("This year the glow moves to Saturday, not last year's "
                                       "Friday."))
    assert not now_shifted(this, words("The glow is on Saturday night."))
    assert not now_shifted(this, words("Organizers expect 45,000 people, up from about 36,000 "
                                       "last year."))
    assert now_asked(words("what did the board decide at its last meeting")) == []
