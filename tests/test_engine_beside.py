"""bot/engine/beside.py: a "when" or "where" question answered by the record whose time or
place is said of what is asked, not by a near as probable one giving another's or none."""

from __future__ import annotations

from bot.engine.beside import (
    DATED,
    DISTANCES,
    DONE,
    FAR,
    doer_distance,
    event_terms,
    figure_distance,
    nearest_given,
    place_distance,
    reading,
    time_distance,
    what_did_doer,
)
from bot.engine.normalize import stem, words
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
    def nearest(probabilities: list[float], *texts: str) -> int:
        records = [_fact(str(k), t) for k, t in enumerate(texts)]
        return nearest_given(probabilities, records, ENDS, DATED)

    assert nearest([0.8, 0.6], OTHER_TIME, OWN_TIME) == 1
    # far less probable, or timing it no nearer, it does not
    assert nearest([0.8, 0.4], OTHER_TIME, OWN_TIME) == 0
    assert nearest([0.8, 0.6], OWN_TIME, OTHER_TIME) == 0
    # a record giving no time is furthest; a record sunk by a gate is none
    assert nearest([0.8, 0.6], NO_TIME, OWN_TIME) == 1
    assert nearest([0.8, 0.0], NO_TIME, OWN_TIME) == 0


def test_another_storys_record_is_no_reading_of_the_chosen_one() -> None:
    records = [_fact("a", OTHER_TIME), _fact("b", OWN_TIME, source="other")]
    assert nearest_given([0.8, 0.6], records, ENDS, DATED) == 0


def test_the_event_asked_is_read_without_people_and_words_as_common_as_come() -> None:
    items = [Item("study", (stem("study"),), ordinary=True),
             Item("okafor", ("@okafor", "okafor"), people=("okafor",)),
             Item("come", (stem("come"),), ordinary=True)]
    terms = event_terms(items, "date")
    assert stem("study") in terms
    assert stem("come") not in terms
    assert "okafor" not in terms
    # a figure asked of any word: "how many people has he taken up"
    assert stem("come") in event_terms(items, "number")


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


CLINICS = frozenset({stem("clinics")})


def test_a_place_is_a_name_after_a_place_preposition_as_near_as_its_words_to_one_asked() -> None:
    assert place_distance("The trial enrolled adults at three clinics in Pennsylvania and "
                          "Ohio.", CLINICS) == 1
    # no place named: a figure, a month or a name after no place preposition is none
    assert place_distance("After 12 weeks in March, 22% of the clinics' walkers improved, "
                          "Dr. Amundsen said.", CLINICS) == FAR
    assert place_distance("Clinics are in Ohio.", frozenset({stem("trial")})) == FAR
    records = [_fact("a", "After 12 weeks, 22% of walkers at the clinics improved."),
               _fact("b", "The trial enrolled adults at three clinics in Pennsylvania.")]
    assert nearest_given([0.73, 0.53], records, CLINICS, DISTANCES["place"]) == 1


def test_a_place_may_be_under_above_or_between_names() -> None:
    """"opened under Main Street": a place, as "on Spring Street" is; the lead giving it is
    not passed over for a less probable record placing another sinkhole."""
    opened = frozenset({stem("sinkhole"), stem("opened")})
    for placed in ("under Main Street", "beneath Main Street", "between Main and Elm Streets",
                   "above Lake Tamsen", "below Harlan Dam"):
        assert place_distance(f"A sinkhole 40 feet wide opened {placed} before dawn.",
                              opened) == 1
    records = [_fact("a", "A sinkhole 40 feet wide opened under Main Street Sunday."),
               _fact("b", "A smaller sinkhole opened on Spring Street in 2017.")]
    assert nearest_given([0.78, 0.59], records, opened, DISTANCES["place"]) == 0


def test_a_name_after_punctuation_opening_a_sentence_or_naming_what_is_asked_is_no_place() -> None:
    made = frozenset({stem("potstickers"), stem("made")})
    # "On Sept. 15, Golden Hearth learned": the comma parts the name from "on"
    assert place_distance('The company said: "On Sept. 15, Golden Hearth learned of it." '
                          "Potstickers were made.", made) == FAR
    # the name of what is asked is no place of it
    assert place_distance("It covers bags of Golden Hearth Chicken & Vegetable Potstickers.",
                          made) == FAR
    # a sentence's first word is no name
    assert place_distance("It was made by hand. Potstickers sell.", made) == FAR
    assert place_distance("Potstickers are made by a firm in Carrow Junction.", made) == 2
    assert place_distance("Potstickers are made at a plant in Carrow Junction.", made) == 1


def test_the_engine_answers_where_with_the_record_placing_what_is_asked() -> None:
    from bot.engine import Engine
    from bot.models import Bank, Source

    texts = ("Keystone Health said walkers at its clinics did better than those who exercised "
             "in the morning.",  # (a name, but no place)
             "The trial enrolled 1,246 adults at three clinics in Pennsylvania and Ohio.")
    facts = tuple(_fact(f"f{i}", t) for i, t in enumerate(texts))
    engine = Engine(Bank(sources=(Source("wire", "Health Wire", "Walking after meals"),),
                         people=(), facts=facts, quotes=()))
    ranked = engine.rank("where were the clinics")
    assert ranked.candidates[0].rid == engine._m.rids["fact"]["f0"]
    answer = engine.answer("where were the clinics")
    assert "Pennsylvania" in answer.text


EMPLOYS = frozenset({stem("harlow"), stem("people"), stem("employ")})
#: a figure counting people, but not those Harlow employs
TOWN = ("Harlow will close its plant in Brennick, eliminating 640 jobs in a town of about "
        "11,000 people.")
#: the figure beside all that is asked
STAFF = "Harlow, which employs about 9,400 people worldwide, said the move would save money."


def test_a_figure_is_as_near_as_the_words_asked_it_leaves_beyond_its_reach() -> None:
    assert figure_distance(STAFF, EMPLOYS) == 0
    assert figure_distance(TOWN, EMPLOYS) == 2  # ("11,000 people": Harlow too far)
    assert figure_distance("Harlow employs people worldwide.", EMPLOYS) == FAR
    # a year is no figure ("in 2019"), but "2,000" is
    assert figure_distance("Harlow began to employ people in 2019.", EMPLOYS) == FAR
    assert figure_distance("Harlow has taken 2,000 people up.", EMPLOYS) == 1


def test_of_near_as_probable_records_the_one_giving_a_figure_beside_what_is_asked_answers(
) -> None:
    figured = DISTANCES["number"]
    records = [_fact("a", TOWN), _fact("b", STAFF)]
    assert nearest_given([0.91, 0.84], records, EMPLOYS, figured) == 1
    assert nearest_given([0.91, 0.6], records, EMPLOYS, figured) == 0  # (far less probable)


def test_what_did_x_do_reads_its_doer_and_a_record_opening_with_it() -> None:
    assert what_did_doer(words("what will pinkney do with his refund")) == {stem("pinkney")}
    assert what_did_doer(words("so what did the certification board do to the race")) == {
        stem("certification"), stem("board")}
    assert what_did_doer(words("what did the board decide")) == frozenset()  # (no "do")
    assert what_did_doer(words("who will do it")) == frozenset()
    board = frozenset({stem("certification"), stem("board")})
    assert doer_distance("The board revoked the race's certification.", board) == 0
    assert doer_distance("Thiele sent his analysis to the race and to the Road Course "
                         "Certification Board.", board) == 1
    records = [_fact("a", "Thiele sent his analysis to the race and to the Road Course "
                          "Certification Board, the group that certifies courses."),
               _fact("b", "The board revoked the race's certification for the 2024 edition.")]
    assert nearest_given([0.76, 0.64], records, board, DONE) == 1
    assert nearest_given([0.76, 0.64], records[::-1], board, DONE) == 0


def test_a_place_may_be_a_noun_of_a_place_after_in_at_or_on() -> None:
    """"ledgers he found in a courthouse basement": a place, written in lower case, after a
    preposition setting a thing in or at it; not the thing asked ("where is the store's
    building"), a season ("in the spring") nor a noun near or to one ("near the front are
    holding signs", "hope to break ground")."""
    found = frozenset({stem("ledgers"), stem("find")})
    assert place_distance("Pruitt said county ledgers he found in a courthouse basement "
                          "list 112 people.", found) == 1
    held = frozenset({stem("meeting"), stem("held")})
    assert place_distance("Several people near the front are holding signs.", held) == FAR
    assert place_distance("They hope to break ground and hold a meeting in the spring.",
                          held) == FAR
    assert place_distance("The building stands in a courtyard.", frozenset({stem("building")})) \
        == 2  # (the building asked is no place of itself; the courtyard is)


def test_a_record_placing_what_is_asked_answers_for_a_most_probable_one_placing_nothing() -> None:
    """"where was the meeting held": the most probable record gives no place at all ("declined
    to hold one"), so a record of its story twice as far below placing the meeting right
    beside it answers; one placing it further off does not."""
    held = frozenset({stem("meeting"), stem("held")})
    records = [_fact("a", "A majority of the board declined to hold one, saying it had no time."),
               _fact("b", "The vote came at the end of a meeting in the Elderby High School gym."),
               _fact("c", "The meeting drew 230 residents, most of them from Harlan.")]
    assert nearest_given([0.66, 0.17], records[:2], held, DISTANCES["place"]) == 1
    assert nearest_given([0.66, 0.17], records[::2], held, DISTANCES["place"]) == 0
    assert nearest_given([0.66, 0.17], records[:2], held, DATED) == 0  # (a time: no wider)


def test_a_record_placing_what_is_asked_answers_for_one_placing_another_thing_far_off() -> None:
    """"where was the meeting held": the most probable record places something eight words
    from the hold it says ("hold two more sessions before ..., one in Granton"), so a record
    far less probable placing the meeting right beside it answers."""
    held = frozenset({stem("meeting"), stem("held")})
    far = ("The authority said it would hold two more public information sessions before the "
           "increase takes effect, one in Granton on November 6.")
    assert place_distance(far, held) >= 1 + 2 * DISTANCES["place"].margin
    records = [_fact("a", far),
               _fact("b", "Opponents packed the meeting at the Port Ellery Civic Center.")]
    assert nearest_given([0.64, 0.12], records, held, DISTANCES["place"]) == 1


def test_an_event_named_by_a_noun_in_ing_is_that_noun_not_its_verb() -> None:
    """"where was the hearing held": the hearing, not "Everybody in Wrenfield has heard a leaf
    blower" (both "hear"); "start swapping out the lights" keeps its verb's stems."""
    from tests.engine_records import read_question

    found = reading(read_question("where was the hearing held"))
    assert found is not None
    terms = found[1]
    assert place_distance("Everybody in Wrenfield has heard a leaf blower.", terms) == FAR
    moved = ("They filled the back rows of the Wrenfield Middle School auditorium, where the "
             "hearing was moved.")
    assert place_distance(moved, terms) == 4
    records = [_fact("a", "After a hearing that ran four hours, the board voted."),
               _fact("b", "Everybody in Wrenfield has heard a leaf blower."), _fact("c", moved)]
    assert nearest_given([0.73, 0.5, 0.5], records, terms, DISTANCES["place"]) == 2
    swapped = reading(read_question("when did they start swapping out the lights"))
    assert swapped is not None and stem("swapping") in swapped[1]


def test_asked_where_of_no_event_a_place_beside_who_is_asked_answers() -> None:
    """"where does Danita Rourke work" asks of no event ("work" is as common as "come"): a
    record placing her beside her name answers, not a more probable one placing nothing."""
    from tests.engine_records import read_question

    found = reading(read_question("where does ada quill work"))
    assert found is not None and found[1]
    records = [_fact("a", 'Ada Quill said: "That is more than $100 a month extra for us."'),
               _fact("b", "Ada Quill, 38, a respiratory therapist at St. Brendan Regional "
                          "Medical Center, said she crosses the bridge daily.")]
    assert nearest_given([0.54, 0.29], records, found[1], DISTANCES["place"]) == 1
