"""Follow-up questions read against the last turn (bot/engine/followup.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.engine.followup import Resolved, Turn, all_told, antecedent, lone_pronoun, resolve
from bot.engine.naming import kind_of_person
from bot.knowledge import load_knowledge
from bot.models import Answer, Bank, Citation, Fact, Person, Quote, Source

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def _resolve(question: str, turn: Turn | None, *, named: bool = False) -> Resolved:
    return resolve(question, turn, names_question=named, kind_of_person=kind_of_person)


def test_a_pronoun_becomes_the_person_of_the_last_turn() -> None:
    turn = Turn("who is doechii", ("Doechii",), ("doechii",), ("r1",))
    r = _resolve("what did she say at the bet awards", turn)
    assert r.question == "what did Doechii say at the bet awards" and r.followed
    assert _resolve("what was his post about", Turn("q", ("Mark Ruffalo",))).question == (
        "what was Mark Ruffalo's post about")


def test_a_question_naming_someone_is_not_rewritten() -> None:
    turn = Turn("who is doechii", ("Doechii",))
    r = _resolve("what did kim kardashian say about her", turn, named=True)
    assert r.question == "what did kim kardashian say about her" and not r.followed


def test_an_elliptical_question_swaps_the_person() -> None:
    turn = Turn("what did kim kardashian say", ("Kim Kardashian",), ("kim kardashian",))
    assert _resolve("and pedro pascal?", turn, named=True).question == (
        "what did pedro pascal say"
    )
    assert _resolve("what about ICE?", Turn("how many were arrested")).question == (
        "how many were arrested ICE")


def test_what_else_excludes_what_was_given() -> None:
    turn = Turn("what did doechii say", ("Doechii",), ("doechii",), ("q1", "q2"))
    r = _resolve("what else did she say?", turn)
    assert r.exclude == ("q1", "q2") and "Doechii" in r.question


def test_no_turn_changes_nothing() -> None:
    assert _resolve("what did she say", None).question == "what did she say"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_knowledge(KNOWLEDGE))


def test_converse_on_the_shipped_coverage(engine: Engine) -> None:
    a, turn = engine.converse("who is doechii", None)
    assert a.answered and turn.people == ("Doechii",)
    b, turn = engine.converse("what did she say at the bet awards", turn)
    assert b.answered and b.speaker == "Doechii" and b.record_kind == "quote"
    c, turn = engine.converse("what else did she say", turn)
    assert c.answered and c.speaker == "Doechii" and c.record_id != b.record_id
    d, _ = engine.converse("and mark ruffalo?", turn)
    assert d.answered and d.speaker == "Mark Ruffalo"
    # without the turn, "she" is nobody: the same question abstains or is about someone else
    alone = engine.answer("what else did she say")
    assert alone.speaker != "Doechii" or not alone.answered


def test_what_else_after_all_someone_said_says_so(engine: Engine) -> None:
    """"what else did he say" once every quote of Mark Ruffalo's was given: the coverage
    quotes nothing more of his, said as such, not "the coverage doesn't say"."""
    a, turn = engine.converse("what did mark ruffalo say", None)
    b, turn = engine.converse("what else did he say", turn)
    assert a.answered and b.answered and b.record_id != a.record_id
    c, turn = engine.converse("what else did he say", turn)
    assert not c.answered and c.text == "That's everything the coverage quotes Mark Ruffalo " \
        "as saying." and c.suggestions == ()
    # one quote of his not yet given, or a question that is no follow-up: no such reply
    silent = Answer(answered=False, text="The coverage doesn't say.", score=0.0)
    quotes = {"ruffalo": ["q1", "q2"]}
    told = Resolved("what did Mark Ruffalo say", ("q1",), True)
    assert all_told(silent, told, ["ruffalo"], quotes.__getitem__, lambda p: "Mark Ruffalo") \
        is silent
    fresh = Resolved("what did Mark Ruffalo say", ("q1", "q2"), False)
    assert all_told(silent, fresh, ["ruffalo"], quotes.__getitem__, lambda p: "Mark Ruffalo") \
        is silent


def test_lone_pronoun_finds_a_pronoun_for_one_person() -> None:
    assert lone_pronoun("what did She say about it", kind_of_person) == "she"
    assert lone_pronoun("what was his answer", kind_of_person) == "his"
    assert lone_pronoun("why are they protesting", kind_of_person) is None  # often a group
    assert lone_pronoun("what did the shepherd say", kind_of_person) is None  # whole words only


def test_a_pronoun_the_question_says_itself_whom_it_means_is_no_lone_one() -> None:
    """"who said she ...", "the baker ... she", "Juniper ... her": the question has whom the
    pronoun means; an object ("about him") or "who is she" has not."""
    for q in ("who said she was a scared kid", "What did the baker say she lost?",
              "did the cfo really dump his stock", "How did Juniper get out of her enclosure?",
              "Does the women's champ keep her win?", "who said they can't give him back"):
        assert lone_pronoun(q, kind_of_person) is None, q
    for q in ("what did the mayor say about him", "when was he released", "who is she",
              "who did she meet", "what did I tell her", "what did the council say about her"):
        assert lone_pronoun(q, kind_of_person) is not None, q
    q = "who said they can't give him back"
    assert antecedent(q, q.index("they"), kind_of_person)
    assert antecedent(q, q.index("him"), kind_of_person)  # (of the words asked about)
    q = "what did the mayor say about him"
    assert not antecedent(q, q.index("him"), kind_of_person)


def test_a_pronoun_the_question_says_itself_is_not_the_last_turns_person() -> None:
    turn = Turn("who is doechii", ("Doechii",), ("doechii",), ("r1",))
    for q in ("what did the baker say she lost", "who said she was scared"):
        r = _resolve(q, turn)
        assert r.question == q and not r.followed, q
    for q, to in (("what did the mayor say about her", "what did the mayor say about Doechii"),
                  ("who is she", "who is Doechii")):
        assert _resolve(q, turn).question == to


def test_a_pronoun_with_no_one_to_refer_to_asks_who_is_meant(engine: Engine) -> None:
    a = engine.answer("what did she say")
    assert not a.answered and "“she”" in a.text and "their name" in a.text
    b, _ = engine.converse("what did he say", None)
    assert not b.answered and "“he”" in b.text
    # read against a turn, the pronoun is someone, and there is no such hint
    _, turn = engine.converse("who is doechii", None)
    c, _ = engine.converse("what did she say", turn)
    assert c.answered and "Who do you mean" not in c.text
    # a question that names someone abstains without it
    d = engine.answer("what did doechii say about her tax returns in 1990")
    assert not d.answered and "Who do you mean" not in d.text


def test_a_pronoun_asked_first_is_the_person_the_likeliest_record_is_about() -> None:
    """"How much prison time is he looking at?" asked first, of a story on a man found guilty
    (beside the shipped coverage): "he" is the man the likeliest record is about, whom the
    story calls "he" (:mod:`bot.engine.pronouns`); "she" is no one, and is asked about."""
    from benchmarks.second_article import bank

    story = Path(__file__).parent / "data" / "tries" / "upper-calder-embezzlement-verdict"
    engine = Engine(bank(story))
    he = engine.answer("How much prison time is he looking at?")
    assert he.answered and "up to 15 years" in he.text and "Eldridge" in he.text
    assert he.read_as == ("he", "Martin Eldridge")  # (said with the answer: a guess, shown)
    she = engine.answer("How much prison time is she looking at?")
    assert not she.answered and "“she”" in she.text
    # the likeliest records about him turned down (none saying what year): still about him
    bees = Engine(bank(story.parent / "crossing-mite-resistant-bees"))
    began = bees.answer("what year did he start keeping bees")
    assert began.answered and "1998" in began.text


def test_it_in_a_follow_up_is_about_the_last_answers_story() -> None:
    """"where did it start" after an answer from the measles story is about that story: the
    shipped coverage's "protests that started in Los Angeles" does not answer it; a question
    with more to match than "it" only ranks that story's records first."""
    assert _resolve("where did it start", Turn("how many cases", source="measles")).source == (
        "measles")
    assert _resolve("where did she start", Turn("how many cases", source="measles")).source is None
    story = Source("measles", "Valley Wire", "Measles outbreak grows", None, "2026-10-20", None)
    lead = Fact("lead", "A measles outbreak in Dalton County has grown to 31 confirmed cases.",
                (Citation("measles", "A measles outbreak ..."),), (), (), None, None)
    began = Fact("began", "The outbreak began in late September at an elementary school.",
                 (Citation("measles", "The outbreak began ..."),), (), (), None, None)
    shipped = load_knowledge(KNOWLEDGE)
    engine = Engine(Bank(sources=(*shipped.sources, story), people=shipped.people,
                         facts=(*shipped.facts, lead, began), quotes=shipped.quotes))
    first, turn = engine.converse("how many measles cases are there", None)
    assert first.record_id == "lead" and turn.source == "measles"
    follow, _ = engine.converse("where did it start", turn)
    assert not follow.answered or follow.record_id in {"lead", "began"}
    # asked on its own, the shipped coverage's protests "started in Los Angeles"
    assert engine.answer("where did it start").record_id not in {"lead", "began"}
    # a name or more to match than "it": still answered from anywhere
    kim, _ = engine.converse("what did kim kardashian write about it on instagram", turn)
    assert kim.answered and kim.speaker == "Kim Kardashian"
    trump, _ = engine.converse("did kim kardashian meet donald trump about it in 2018", turn)
    assert trump.answered and trump.sources[0].outlet == "NewsNation"


def test_a_role_two_people_hold_is_the_one_of_the_last_answers_story() -> None:
    """"who is the mayor" after an answer from the plant story: its mayor, not the shipped
    coverage's mayor of Los Angeles; "what did he say" then is about him."""
    story = Source("plant", "Midland Press", "Appliance maker closes plant", None,
                   "2025-10-21", None)
    mayor = Person("tom-vale", "Tom Vale", ("Vale",), "mayor", None)
    cut = Fact("cut", "Harlow will close its plant in Brennick, cutting 640 jobs.",
               (Citation("plant", "Harlow will close ..."),), (), (), None, None)
    taxes = Fact("taxes", "The plant pays 18 percent of the city's taxes, said Mayor Tom Vale.",
                 (Citation("plant", "The plant pays ..."),), ("tom-vale",), (), None, None)
    said = Quote("vale-said", "tom-vale", "We will have hard conversations about our budget.",
                 "", (Citation("plant", "We will have ..."),))
    shipped = load_knowledge(KNOWLEDGE)
    engine = Engine(Bank(sources=(*shipped.sources, story), people=(*shipped.people, mayor),
                         facts=(*shipped.facts, cut, taxes), quotes=(*shipped.quotes, said)))
    first, turn = engine.converse("how many jobs will the plant cut", None)
    assert first.record_id == "cut"
    who, turn = engine.converse("who is the mayor", turn)
    assert who.record_id in {"taxes", "vale-said"} and turn.people == ("Tom Vale",)
    what, _ = engine.converse("what did he say", turn)
    assert what.speaker == "Tom Vale"


def test_a_role_the_last_story_has_no_holder_of_is_still_answered() -> None:
    """"who is the mayor" after an answer from a story with no mayor: the coverage's mayors
    are still candidates (the last story only comes first)."""
    story = Source("measles", "Valley Wire", "Measles outbreak grows", None, "2026-10-20", None)
    lead = Fact("lead", "A measles outbreak in Dalton County has grown to 31 confirmed cases.",
                (Citation("measles", "A measles outbreak ..."),), (), (), None, None)
    other = Person("tom-vale", "Tom Vale", ("Vale",), "mayor", None)
    taxes = Fact("taxes", "The plant pays 18 percent of the city's taxes, said Mayor Tom Vale.",
                 (Citation("plant", "The plant pays ..."),), ("tom-vale",), (), None, None)
    plant = Source("plant", "Midland Press", "Plant closes", None, "2025-10-21", None)
    shipped = load_knowledge(KNOWLEDGE)
    engine = Engine(Bank(sources=(*shipped.sources, plant, story),
                         people=(*shipped.people, other), facts=(*shipped.facts, taxes, lead),
                         quotes=shipped.quotes))
    first, turn = engine.converse("how many measles cases are there", None)
    assert first.record_id == "lead"
    who, _ = engine.converse("who is the mayor", turn)
    assert who.answered


def test_what_else_does_not_give_again_the_rest_of_a_quote_given_whole() -> None:
    """The answer gave both parts of one utterance ("... fad … I think ..."): "what else did
    she say" is her other quote, not its second part."""
    story = Source("bikes", "Biz Wire", "E-bike maker swings to profit", None, "2024-10-24", None)
    ann = Person("ann", "Ann Lind", ("Lind",), "chief executive")
    first = '"A year ago, e-bikes were a fad," Lind said.'
    engine = Engine(Bank(sources=(story,), people=(ann,), quotes=(
        Quote("a", "ann", "A year ago, e-bikes were a fad", "", (Citation("bikes", first),)),
        Quote("b", "ann", "I think this quarter answers that.", "",
              (Citation("bikes", first + ' "I think this quarter answers that."'),)),
        Quote("c", "ann", "We will build the plant in Tennessee.", "",
              (Citation("bikes", "elsewhere"),)),
    )))
    a, turn = engine.converse("what did ann lind say about e-bikes being a fad", None)
    assert a.record_id == "a" and "I think this quarter" in a.text
    b, _ = engine.converse("what else did she say", turn)
    assert b.answered and b.record_id == "c", b
