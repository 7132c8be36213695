"""bot/engine/dated.py: a "when" question answered by the record whose time is said of what
is asked, not by a near as probable one giving a time of something else."""

from __future__ import annotations

from bot.engine.dated import FAR, event_terms, nearest_dated, time_distance
from bot.engine.normalize import stem
from bot.engine.question import Item
from bot.models import Citation, Fact

#: a time (Saturday) said of a return to work, the strike's end far from it
OTHER_TIME = ("That means striking nurses will not be allowed back to work until Saturday, "
              "hospital spokeswoman Dana Whitlock said, two days after the walkout "
              "officially ends.")
#: the strike's end given its own day
OWN_TIME = "The union said it planned to keep picketing until the strike ends on Thursday."
#: the strike's end with no time at all
NO_TIME = "The union said the strike will end when a new contract is reached."


def _fact(fid: str, text: str, source: str = "wire") -> Fact:
    return Fact(id=fid, text=text, citations=(Citation(source, text),))


ENDS = frozenset({stem("strike"), stem("end")})


def test_a_time_is_as_near_as_the_content_words_between_it_and_a_word_asked() -> None:
    assert time_distance(OWN_TIME, ENDS) == 1  # "ends on Thursday"
    assert time_distance(OTHER_TIME, ENDS) >= 5
    assert time_distance("The vote, taken at 1:15 a.m., cleared the way.", frozenset(
        {stem("vote")})) == 2  # (a clock time is a time)
    assert time_distance(NO_TIME, ENDS) == FAR
    assert time_distance("The strike began on Monday.", frozenset({stem("contract")})) == FAR


def test_of_near_as_probable_records_the_one_timing_what_is_asked_answers() -> None:
    records = [_fact("a", OTHER_TIME), _fact("b", OWN_TIME)]
    assert nearest_dated([0.8, 0.6], records, ENDS) == 1
    # far less probable, or timing it no nearer, it does not
    assert nearest_dated([0.8, 0.4], records, ENDS) == 0
    assert nearest_dated([0.8, 0.6], [_fact("a", OWN_TIME), _fact("b", OTHER_TIME)], ENDS) == 0
    # a record giving no time is furthest; a record sunk by a gate is none
    assert nearest_dated([0.8, 0.6], [_fact("a", NO_TIME), _fact("b", OWN_TIME)], ENDS) == 1
    assert nearest_dated([0.8, 0.0], [_fact("a", NO_TIME), _fact("b", OWN_TIME)], ENDS) == 0


def test_another_storys_record_is_no_reading_of_the_chosen_one() -> None:
    records = [_fact("a", OTHER_TIME), _fact("b", OWN_TIME, source="other")]
    assert nearest_dated([0.8, 0.6], records, ENDS) == 0


def test_the_event_asked_is_read_without_people_and_words_as_common_as_come() -> None:
    terms = event_terms([Item("study", (stem("study"),), ordinary=True),
                         Item("okafor", ("@okafor", "okafor"), people=("okafor",)),
                         Item("come", (stem("come"),), ordinary=True)])
    assert stem("study") in terms
    assert stem("come") not in terms
    assert "okafor" not in terms


def test_the_engine_answers_when_with_the_record_timing_what_is_asked() -> None:
    from bot.engine import Engine
    from bot.models import Bank, Source

    texts = (OTHER_TIME, "The union said it would hold a rally at the park and planned to keep "
             "picketing until the strike ends Thursday at 7 a.m.",
             "About 1,400 nurses at the hospital walked off the job Monday, launching a "
             "five-day strike over staffing.")
    facts = tuple(_fact(f"f{i}", t) for i, t in enumerate(texts))
    engine = Engine(Bank(sources=(Source("wire", "Mountain Wire", "Nurses strike"),),
                         people=(), facts=facts, quotes=()))
    ranked = engine.rank("When does the strike end?")
    assert ranked.candidates[0].rid == engine._m.rids["fact"]["f0"]  # the ranker's first ...
    answer = engine.answer("When does the strike end?")
    assert answer.answered and "Thursday" in answer.text  # ... gives the time of another act
