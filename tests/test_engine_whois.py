"""bot/engine/whois.py: "who is X" read out of a question, and answered from X's
description and the record that best says who X is."""

from __future__ import annotations

from bot.engine import Engine
from bot.models import Bank, Citation, Fact, Person, Source
from tests.engine_records import small_bank

WIRE = Source("wire", "Riverton Wire", "Riverton council approves bridge", None, "2025-06-10",
              None)
#: a mayor the article describes as "mayor" alone, naming no town
VERA = Person("vera-lind", "Vera Lind", ("Lind",), "mayor", None)
VOTE = Fact("vote", "Mayor Vera Lind said the bridge vote was close.",
            (Citation("wire", "Mayor Vera Lind said the bridge vote was close."),),
            ("vera-lind",), (), None, None)
RIVAL = Fact("rival", "Elmsworth had offered the team a free site.",
             (Citation("wire", "Elmsworth had offered the team a free site."),), (), (), None,
             None)


def test_who_is_the_holder_of_a_role_is_read_as_who_is_that_person() -> None:
    engine = Engine(small_bank())
    for question in ("who is the mayor of Riverton", "who's the mayor", "Who is the engineer?"):
        query = engine.rank(question).question
        assert query.describe in {"ada-quill", "ben-ortiz"}, question
    assert engine.rank("who is the mayor of Riverton").question.holds == (("riverton",),)
    # not a role but a doer; a role of somewhere the description does not say
    assert engine.rank("who approved the bridge").question.describe is None
    assert engine.rank("who is the mayor of Boston").question.describe is None
    answer = engine.answer("who is the mayor of Riverton")
    assert answer.answered and answer.text.startswith("Ada Quill: mayor of Riverton.")


def test_the_holder_of_a_role_of_a_place_the_coverage_does_not_tie_them_to_is_not_described(
) -> None:
    """"who is the mayor of Elmsworth": the one mayor of an article about Riverton, described
    as "mayor" alone, is Riverton's: the question is answered as any other (and here is
    not); "the mayor of Riverton" is her, by the article's title."""
    engine = Engine(Bank(sources=(WIRE,), people=(VERA,), facts=(VOTE, RIVAL), quotes=()))
    elsewhere = engine.rank("who is the mayor of Elmsworth").question
    assert elsewhere.describe == "vera-lind" and elsewhere.holds == (("elmsworth",),)
    answer = engine.answer("who is the mayor of Elmsworth")
    assert not answer.text.startswith("Vera Lind: mayor.")
    here = engine.answer("who is the mayor of Riverton")
    assert here.answered and here.score == 95.0 and here.text.startswith("Vera Lind: mayor.")
    # asked in lower case, a name after "of" is still a body's ("the mayor of riverton")
    lower = engine.answer("who is the mayor of riverton")
    assert lower.answered and lower.text.startswith("Vera Lind: mayor.")


def test_a_fact_naming_someone_after_their_title_says_who_they_are() -> None:
    """'U.S. Rep. Carla Dunmore, whose district includes Riverton, ...' has her as its
    subject as surely as 'Carla Dunmore also asked ...', and says more of who she is."""
    dunmore = Person("carla-dunmore", "Carla Dunmore", ("Dunmore",), "U.S. representative",
                     None)
    texts = {
        "letter": "U.S. Rep. Carla Dunmore, whose district includes Riverton, sent a letter "
                  "to federal officials on Monday.",
        "also": "Carla Dunmore also asked for money.",
    }
    facts = tuple(Fact(fid, text, (Citation("wire", text),), ("carla-dunmore",), (), None,
                       None) for fid, text in texts.items())
    engine = Engine(Bank(sources=(WIRE,), people=(dunmore,), facts=facts, quotes=()))
    answer = engine.answer("who is carla dunmore")
    assert answer.record_id == "letter"
    assert answer.text.startswith("Carla Dunmore: U.S. representative. U.S. Rep. Carla")


def test_a_fact_opening_on_a_preposition_before_the_name_is_not_about_who_they_are() -> None:
    """'For Castellanos, the first order of business ...' opens on a capital before her name,
    but a preposition is no title: the fact describing her ('Library director Priya
    Castellanos, who ...') says who she is."""
    priya = Person("priya-castellanos", "Priya Castellanos", ("Castellanos",),
                   "library director", None)
    texts = {
        "first": "For Castellanos, the first order of business is simpler.",
        "director": "Library director Priya Castellanos, who watched the returns in the "
                    "basement, said she had prepared two speeches.",
    }
    facts = tuple(Fact(fid, text, (Citation("wire", text),), ("priya-castellanos",), (), None,
                       None) for fid, text in texts.items())
    engine = Engine(Bank(sources=(WIRE,), people=(priya,), facts=facts, quotes=()))
    assert engine.answer("who is priya castellanos").record_id == "director"


def test_a_fact_describing_someone_beside_their_name_is_not_told_twice() -> None:
    """"Janelle Sorensen, 38, a nurse who lives in Westfall, said ..." says who she is in
    the description's own words, so the answer is that fact, not "Janelle Sorensen: nurse who
    lives in Westfall." before it; a description the fact does not say as such ("orchard
    manager" of "who has managed the orchard"), or says after a title ("Mayor Vera Lind
    said"), still opens the answer."""
    people = (Person("janelle-sorensen", "Janelle Sorensen", ("Sorensen",),
                     "nurse who lives in Westfall", None),
              Person("benito-aragon", "Benito Aragon", ("Aragon",), "orchard manager", None),
              VERA)
    texts = {
        "nurse": "Janelle Sorensen, 38, a nurse who lives in Westfall, said her family farmed "
                 "the land.",
        "orchard": "Benito Aragon, who has managed the 340-acre orchard for 19 years, said the "
                   "borer spread fast.",
    }
    facts = (*(Fact(fid, text, (Citation("wire", text),), (pid,), (), None, None)
               for (fid, text), pid in zip(texts.items(), ("janelle-sorensen", "benito-aragon"),
                                           strict=True)), VOTE)
    engine = Engine(Bank(sources=(WIRE,), people=people, facts=facts, quotes=()))
    assert engine.answer("who is janelle sorensen").text == texts["nurse"]
    assert engine.answer("who is benito aragon").text == \
        f"Benito Aragon: orchard manager. {texts['orchard']}"
    assert engine.answer("who is vera lind").text == f"Vera Lind: mayor. {VOTE.text}"
