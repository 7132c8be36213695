"""bot/engine/about.py: what someone's words are asked to be about, and whether a record of
theirs is about it."""

from __future__ import annotations

from bot.engine.about import about_asks, about_enough
from bot.engine.normalize import stem, words


def test_a_question_of_its_own_after_about_is_asking() -> None:
    assert about_asks(words("what did oduya say about how much peanut it takes to cause a "
                            "reaction"))
    assert about_asks(words("what did she say about whether it will work"))
    assert not about_asks(words("what did she say about the pay offer"))
    assert not about_asks(words("how much peanut does it take"))


def test_half_the_words_asked_about_or_one_of_a_question_of_its_own() -> None:
    """"about how much peanut it takes to cause a reaction": "For someone with a severe
    peanut allergy, a few milligrams can be enough" answers it in other words; "about the
    peanut reaction case" asked plainly needs half its words."""
    items = [frozenset({stem(w)}) for w in ("peanut", "cause", "reaction")]
    terms = tuple(t for it in items for t in it)
    fields = {stem("peanut"): 1, stem("allergy"): 1}
    assert not about_enough(items, terms, fields, frozenset(), None)
    assert about_enough(items, terms, fields, frozenset(), None, asking=True)
    assert not about_enough(items, terms, {stem("allergy"): 1}, frozenset(), None, asking=True)
    assert about_enough(items, terms, {stem("peanut"): 1, stem("reaction"): 1}, frozenset(), None)
    # (the sentences around it may say what it is about)
    assert about_enough(items, terms, fields, frozenset(),
                        lambda asked: {stem("reaction"): 1})


def test_a_person_named_in_what_is_asked_about_counts_toward_it() -> None:
    """"what did Vos say about how Darnell handled it": her words naming Darnell are about
    him though they never say "handled"; her words naming no one asked about are not, and
    "what did Vos say about Darnell" alone still reads no topic of people only."""
    from bot.engine import Engine
    from bot.models import Bank, Citation, Fact, Person, Quote, Source

    src = Source("gazette", "Harbor Gazette", "Town settles lawsuit", None, "2025-05-03", None)
    cite = (Citation("gazette", "the settlement"),)
    bank = Bank(
        sources=(src,),
        people=(Person("lena-vos", "Lena Vos", ("Vos",), "attorney", None),
                Person("darnell-pike", "Darnell Pike", ("Darnell",), "", None)),
        facts=(Fact("f1", "The county handled the appeal for 19 years.", cite),),
        quotes=(Quote("q1", "lena-vos", "Darnell did everything right for 19 years.", "", cite),
                Quote("q2", "lena-vos", "The money is not a windfall.", "", cite)),
    )
    engine = Engine(bank)
    answer = engine.answer("what did vos say about how darnell handled it")
    assert answer.answered and answer.record_id == "q1"
    assert engine.answer("what did vos say about darnell").answered
