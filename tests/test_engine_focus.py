"""bot/engine/focus.py: the verb a question about a doer's act turns on, after a named doer or
a short noun phrase, and the gate that asks a record for that act."""

from __future__ import annotations

from bot.engine import Engine
from bot.models import Bank, Citation, Fact, Person, Source
from tests.engine_records import read_question


def _focus(question: str) -> list[str]:
    return [it.surface for it in read_question(question).items if it.focus]


def test_the_verb_right_after_a_named_doer_is_the_focus() -> None:
    assert _focus("why did ada quill approve the bridge") == ["approve"]
    assert _focus("what did ben ortiz order") == ["order"]


def test_the_verb_after_a_short_noun_phrase_doer_is_the_focus() -> None:
    """"why did the college fire Ben Ortiz": "fire", the word a name follows; "why is the
    teachers union filing a grievance": "filing", the word a noun phrase follows (not
    "union"; "throw out the ballots": "throw", a particle between); none when no such word
    stands near ("why did the fair start testing animals"), nor when the question asks no act
    ("how long is the bridge")."""
    assert _focus("why did the college fire ben ortiz") == ["fire"]
    assert _focus("why is the teachers union filing a grievance") == ["filing"]
    assert _focus("why did the city cancel the parade") == ["cancel"]
    assert _focus("why did the judge throw out the ballots") == ["throw"]  # (a particle)
    assert _focus("why did the fair start testing animals") == []
    assert _focus("how long is the bridge") == []


def _engine() -> Engine:
    source = Source("wire", "Riverton Wire", "Rare books stolen", None, "2025-06-10", None)
    ada = Person("ada-quill", "Ada Quill", ("Quill",), "library volunteer")
    texts = ["Ada Quill had her own key to the room's outer door, a practice the college has "
             "since ended.",
             "The college said it would review who holds keys to the rare book room."]
    facts = tuple(Fact(f"f{n}", t, (Citation("wire", t),), ("ada-quill",) if n == 0 else ())
                  for n, t in enumerate(texts))
    return Engine(Bank((source,), (ada,), facts, ()))


def test_a_reason_for_another_act_of_a_noun_phrase_doer_is_no_answer() -> None:
    """"why did the college fire Ada Quill": the record on her key gives no reason for firing
    her (the false premise of a question the coverage cannot answer)."""
    engine = _engine()
    assert not engine.answer("why did the college fire ada quill").answered


def test_a_person_named_after_a_noun_phrase_doer_is_not_the_doer() -> None:
    """"why does the city want the governor to declare an emergency": the governor is no doer
    whose own words the answer must be (the mayor's statement on the city's request answers)."""
    source = Source("wire", "Riverton Wire", "Water main break", None, "2025-06-10", None)
    people = (Person("lena-voss", "Lena Voss", ("Voss",), "mayor"),
              Person("tom-arkwright", "Tom Arkwright", ("Arkwright",), "governor"))
    text = ("Mayor Lena Voss said the city would ask Gov. Tom Arkwright to declare an emergency, "
            "which would open the door to state money for repairs.")
    fact = Fact("ask", text, (Citation("wire", text),), ("lena-voss", "tom-arkwright"))
    engine = Engine(Bank((source,), people, (fact,), ()))
    answer = engine.answer("why does the city want the governor to declare an emergency")
    assert answer.answered and "state money" in answer.text
