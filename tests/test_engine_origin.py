"""bot/engine/origin.py: "where is X from" is answered by a place given beside X's name, not by
where X was at the time."""

from __future__ import annotations

from bot.engine import Engine
from bot.engine.origin import origin_given
from bot.models import Bank, Citation, Fact
from tests.engine_records import BEN, SOURCE


def test_a_place_beside_the_name_says_where_someone_is_from() -> None:
    for text in ("Ingrid Solvang, an appraiser from Cincinnati, found it.",
                 "Gerald Pruitt, 71, of nearby Tolland Ridge, said so.",
                 "Harlan Weatherby, a dairy nutritionist in Eau Claire, Wisconsin, agreed.",
                 "Doechii, the Florida rapper, was named the best female artist.",
                 "A Pell Township man, Dustin Kolb, was sentenced Wednesday.",
                 "Delia Okafor-Brandt, a Democrat from Wexley, said so."):
        name = next(w for w in text.replace(",", " ").split()
                    if w in ("Solvang", "Pruitt", "Weatherby", "Doechii", "Kolb", "Okafor-Brandt"))
        assert origin_given(text, (name.lower(),)), text
    # (a family asked of by its plural; a hyphenated name as the question's words have it)
    assert origin_given("Gordon Pelletier, 51, a teacher from Millbrook, was hurt.",
                        ("pelletiers",))
    assert origin_given("Delia Okafor-Brandt, a Democrat from Wexley, said so.",
                        ("rep okafor brandt",))


def test_where_someone_was_or_a_place_in_their_words_is_not_where_they_are_from() -> None:
    assert not origin_given("Kim Kardashian shared a video of rapper Doechii calling out ICE at "
                            "the BET Awards on Monday.", ("doechii",))
    assert not origin_given("Doechii: For Black people, for the people in Gaza, we deserve hope.",
                            ("doechii",))
    # (the place beside someone else, far from the name)
    assert not origin_given("Ben Ortiz spoke for an hour on Monday about the budget, the roads "
                            "and the schools, and then he left. A woman from Duluth replied.",
                            ("ortiz",))


def test_the_engine_answers_where_someone_is_from_only_with_a_place_beside_them() -> None:
    seen = Fact("seen", "Ben Ortiz spoke at the Harbor Festival in Calder on Monday night.",
                (Citation("wire", "Ben Ortiz spoke at the Harbor Festival."),), ("ben-ortiz",),
                (), None, None)
    home = Fact("home", "Ben Ortiz, a retired welder from Pell Creek, won the chili contest.",
                (Citation("wire", "Ben Ortiz, a retired welder from Pell Creek, won."),),
                ("ben-ortiz",), (), None, None)
    only_seen = Engine(Bank(sources=(SOURCE,), people=(BEN,), facts=(seen,), quotes=()))
    assert not only_seen.answer("where is ben ortiz from").answered
    assert only_seen.answer("where did ben ortiz speak").record_id == "seen"
    both = Engine(Bank(sources=(SOURCE,), people=(BEN,), facts=(seen, home), quotes=()))
    assert both.answer("where is ben ortiz from").record_id == "home"
    assert both.answer("where's ortiz from").record_id == "home"


def test_where_someone_is_from_is_asked_with_nothing_but_their_name_before_from() -> None:
    """"where is Ben Ortiz (originally) from" asks his home; "where is Ortiz getting his
    chicks from" asks where the chicks come from, which the origin gate does not read."""
    from bot.engine.origin import origin_asked
    from tests.engine_records import read_question

    assert origin_asked(read_question("where is ben ortiz from"))
    assert origin_asked(read_question("where is ben ortiz originally from"))
    assert not origin_asked(read_question("where is ben ortiz getting his chicks from"))
