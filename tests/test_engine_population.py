"""bot/engine/population.py: a place's population as news gives it ("a town of about 3,400
people"), and "how many people live in X" asked of it."""

from __future__ import annotations

from bot.engine import Engine
from bot.engine.normalize import words
from bot.engine.population import as_population, here_sized, populated, populated_names
from bot.engine.records import FIELD_TEXT, POPULATION_TERM, index_terms
from bot.models import Bank, Citation, Fact
from tests.engine_records import SOURCE


def _fact(fid: str, text: str) -> Fact:
    return Fact(fid, text, (Citation("wire", text),), (), (), None, None)


def test_a_place_of_a_figure_of_people_gives_its_population() -> None:
    for text in ("Greenvale, a town of about 2,800 people, has waited for years.",
                 "Birch Portage, a city of about 3,400, has sent players before.",
                 "the recount in this lakeside city of about 8,900 people ended Thursday",
                 "leaving the county's roughly 5,400 residents a long drive",
                 "the island, home to some 900 residents, has one ferry",
                 "a city of 1.2 million people"):
        assert populated(text), text
    for text in ("a town of 300 homes", "the city of Boston", "a town of about 2,800",
                 "the district's 12 schools", "home to 40 businesses"):
        assert populated(text) == (text == "a town of about 2,800"), text


def test_a_record_giving_a_population_is_filed_under_population() -> None:
    fields, surface = index_terms(_fact("f", "Elderby, a village of about 6,400 people, "
                                        "formed its police department in 1913."))
    assert POPULATION_TERM in fields and "population" in surface
    fields, _ = index_terms(_fact("g", "Elderby formed its police department in 1913."))
    assert POPULATION_TERM not in fields


def test_how_many_people_live_in_a_place_asks_its_population() -> None:
    assert as_population(words("how many people live in Marlow?")) == words(
        "what is the population of Marlow")
    assert as_population(words("so how many residents live there")) == words(
        "so what is the population")
    assert as_population(words("how many people live in the shelter")) == words(
        "what is the population of the shelter")  # (what it then finds is up to the bank)
    for asked in ("how many people showed up", "how many people live with diabetes"):
        assert as_population(words(asked)) == words(asked)


def test_the_place_a_population_is_given_of_by_name() -> None:
    assert populated_names("For the people of Pruett, a town of about 3,400, the closure "
                           "cuts them off from Hartwell's stores.") == {"pruett"}
    assert populated_names("Birch Portage, a small city of about 3,400, won.") == {
        "birch", "portag"}
    assert populated_names("Kessler County, population about 9,300, has no paper.") == set()
    assert populated_names("Ashgrove, a town of 300 homes, flooded.") == set()


def test_the_engine_answers_how_many_live_in_a_place_from_its_size() -> None:
    bank = Bank(sources=(SOURCE,), people=(), quotes=(), facts=(
        _fact("lead", "State officials closed the Tenmile River bridge between Pruett and "
              "Hartwell on Tuesday after inspectors found cracks in a steel beam."),
        _fact("size", "For the people of Pruett, a town of about 3,400, the closure cuts them "
              "off from Hartwell's grocery stores, its high school and its hospital."),
        _fact("detour", "The nearest other crossing is 19 miles downstream."),
    ))
    engine = Engine(bank)
    for asked in ("how many people live in pruett", "How many residents live in Pruett?",
                  "whats the populaton of pruett"):
        answer = engine.answer(asked)
        assert answer.answered and answer.record_id == "size", asked
    # the figure is Pruett's: not Hartwell's, though the sentence names it too
    answer = engine.answer("how many people live in hartwell")
    assert not (answer.answered and answer.record_id == "size")


def test_this_town_of_a_figure_is_the_datelined_place() -> None:
    assert here_sized("Four employees of a co-op in this town of 3,400 have sued.")
    assert here_sized("the recount in this lakeside city of about 8,900 people ended")
    assert not here_sized("Greenvale, a town of about 2,800 people, has waited.")
    assert not here_sized("this town of ours has waited")
    lead = "Four former employees of a grain co-op in this town of 3,400 have sued a co-worker."
    fact = Fact("lead", lead, (Citation("wire", f"Dunmore Flats, Neb. (Wire) — {lead}"),), (),
                (), None, None)
    fields, _ = index_terms(fact)
    assert fields.get("dunmor", 0) & FIELD_TEXT and fields.get("flat", 0) & FIELD_TEXT
    # (named in the text only when the text says "this town": its dateline's place)
    fields, _ = index_terms(Fact("g", "A grain co-op sued.", (Citation(
        "wire", "Dunmore Flats, Neb. (Wire) — A grain co-op sued."),), (), (), None, None))
    assert not fields.get("dunmor", 0) & FIELD_TEXT
