"""bot/engine/doers.py: who did an act, as a question asks it and a record says it (roles
swapped, another doer, the agent of a passive)."""

from __future__ import annotations

from bot.engine.doers import agent_asked, agent_unsaid, another_doer, named_doer, roles_swapped
from bot.engine.normalize import stem, words
from bot.engine.question import Item, Query
from bot.engine.records import FIELD_TEXT
from bot.engine.sinks import sinks
from tests.engine_records import asked, view_of


def _people_query(question: str, name: str, verb: str, first: str = "") -> Query:
    """A question naming ``name`` (a person, one item of its words) before ``verb``."""
    ws = words(question)
    surfaces = [*([first] if first else []), name, verb]
    items = [Item(w, tuple(stem(x) for x in w.split()), people=(w,) if w == name else (), pos=n)
             for n, w in enumerate(surfaces)]
    return Query(question, ws, items, at=[ws.index(w.split()[0]) for w in surfaces])


def test_a_question_asks_what_a_named_doer_did() -> None:
    """"who did Frank Ames inspire": ("ames", inspire); "what theory did Frank Ames
    formulate" too; not what someone said, nor a question whose name is no subject."""
    inspire = _people_query("who did frank ames inspire", "frank ames", "inspire")
    assert named_doer(inspire) == ("ames", stem("inspire"))
    theory = _people_query("what theory did frank ames formulate", "frank ames", "formulate",
                           first="theory")
    assert named_doer(theory) == ("ames", stem("formulate"))
    assert named_doer(_people_query("what did frank ames say", "frank ames", "say")) is None
    assert named_doer(_people_query("who inspired frank ames", "frank ames", "inspired")) is None


def test_a_doer_asked_is_not_answered_by_a_record_with_the_roles_swapped() -> None:
    """"who did Ames inspire": "Ames, inspired by Lutz, formulated" has Ames inspired (sunk);
    "Lutz, inspired by Ames" answers. "what did Lutz formulate": "inspired by a suggestion made
    by Lutz, Ames formulated" has Lutz the maker of another thing (sunk); "formulated by Lutz",
    "Lutz formulated" and "made by Lutz, who formulated" answer."""
    inspire = ("ames", stem("inspire"))
    assert roles_swapped(inspire, words("In 1955 Ames, inspired by Lutz, formulated the theory"))
    assert not roles_swapped(inspire, words("In 1955 Lutz, inspired by Ames, formulated it"))
    assert not roles_swapped(inspire, words("Ames inspired a generation of students"))
    formulate = ("lutz", stem("formulate"))
    swapped = words("Ames, inspired by a suggestion made by Lutz, formulated the theory")
    assert roles_swapped(formulate, swapped)
    assert not roles_swapped(formulate, words("the theory was formulated by Lutz in 1955"))
    assert not roles_swapped(formulate, words("Lutz formulated the theory"))
    assert not roles_swapped(formulate, words("a suggestion made by Lutz, who formulated it"))
    assert not roles_swapped(formulate, words("a suggestion made by Lutz, 76, who formulated"))
    assert roles_swapped(formulate, words("a suggestion made by Lutz, 76, formulated"))
    # (a description of the name, then what the name did: "a push led by Hannah Kowalczyk,
    # 34, a nurse and mother of three who started a petition")
    live = ("petrosyan", stem("live"))
    assert not roles_swapped(live, words("a petition organized by Hannah Petrosyan, a "
                                         "pediatrician who lives on Cobb Hill Road"))
    assert roles_swapped(live, words("a petition organized by Hannah Petrosyan, a "
                                     "pediatrician, now lives on Cobb Hill Road"))
    assert not roles_swapped(formulate, words("a suggestion was made to Lutz"))
    query = _people_query("who did frank ames inspire", "frank ames", "inspire")
    fields = {t: FIELD_TEXT for it in query.items for t in it.terms}
    record = view_of("In 1955 Frank Ames, inspired by Lutz, formulated the theory.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, record) == "roles swapped"


def test_a_doer_asked_is_not_answered_by_another_named_doer_of_the_act() -> None:
    """"what has Cambridge bought": "Harvard has bought land ... from Cambridge" has another
    doer (sunk); "Cambridge has bought", "Cambridge City has bought", "its council bought",
    "was bought by Harvard" and a record not naming Cambridge do not say so."""
    bought = ("cambridge", stem("bought"))
    assert another_doer(bought, "Harvard has bought land across the river from Cambridge.")
    assert not another_doer(bought, "Cambridge has since bought land from Harvard.")
    assert not another_doer(bought, "Cambridge City has bought land near Harvard.")
    assert not another_doer(bought, "In Cambridge, its council bought land.")
    assert not another_doer(bought, "Land in Cambridge was bought by Harvard.")
    assert not another_doer(bought, "Harvard has bought land.")
    query = _people_query("what has cambridge bought", "cambridge", "bought")
    assert named_doer(query) == bought
    assert named_doer(_people_query("how much land has cambridge bought", "cambridge",
                                    "bought")) == bought


def test_who_did_a_thing_is_not_answered_by_the_thing_done() -> None:
    """"who painted the stolen painting": "A 19th-century landscape painting cut from its
    frame" names the thing painted, no painter; "Dunmore painted it" and "Dunmore was painting
    it" say who; "they keep calling it a tax" calls it so ("who called it a tax")."""
    verb = agent_asked(words("who painted the stolen painting"))
    assert verb == stem("painted")
    assert agent_unsaid(verb, words("A 19th-century landscape painting cut from its frame was "
                                    "found at an estate sale."))
    assert agent_unsaid(verb, words("The painting came up on her screen."))
    assert not agent_unsaid(verb, words("Dunmore painted it in 1879."))
    assert not agent_unsaid(verb, words("Dunmore was painting it in 1879."))
    called = agent_asked(words("who called the toll a pay cut"))
    assert called is not None
    assert not agent_unsaid(called, words("They keep calling it a toll."))


def test_who_did_a_thing_is_not_answered_by_its_passive_without_an_agent() -> None:
    """"who found the leak": "the leak was found at 3:15 a.m." does not say who; "was found
    by a forklift operator" and "an operator found the leak" do. "who is", "who said" and "who
    was found" ask nothing of the kind."""
    verb = agent_asked(words("who found the leak"))
    assert verb == stem("found")
    assert agent_unsaid(verb, words("Although the leak was found at 3:15 a.m., no one called."))
    assert agent_unsaid(verb, words("The leak was quickly found."))
    assert not agent_unsaid(verb, words("The leak was found at 3:15 a.m. by a night-shift "
                                        "forklift operator."))
    assert not agent_unsaid(verb, words("A forklift operator found the leak at 3:15 a.m."))
    assert not agent_unsaid(verb, words("The leak is the plant's first."))
    for question in ("who is the mayor", "who said it was safe", "who was found",
                     "who knows the answer"):
        assert agent_asked(words(question)) is None, question
    items = [Item("found", (stem("found"),)), Item("leak", ("leak",))]
    query = asked("who found the leak", items)
    fields = {t: FIELD_TEXT for it in items for t in it.terms}
    passive = view_of("The leak was found at 3:15 a.m.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, passive) == "no agent"
