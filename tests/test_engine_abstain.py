"""bot/engine/abstain.py: what an abstention says."""

from __future__ import annotations

from bot.engine import Engine
from bot.engine.abstain import (
    ABSTAIN_TEXT,
    AMBIGUOUS_TEXT,
    BABBLE_TEXT,
    GREETING_TEXT,
    LACKING_SHOWN,
    THANKS_TEXT,
    abstention,
    as_written,
    lacking_words,
    small_talk_reply,
)
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.models import Bank, Citation, Fact, Source


def test_an_abstention_hints_at_what_to_ask_instead() -> None:
    assert abstention(suggested=True) == ABSTAIN_TEXT + " Perhaps you meant one of the suggestions."
    assert abstention(suggested=False).startswith(ABSTAIN_TEXT + " Try asking about")
    assert abstention(suggested=False, lacking=["weather"]) == (
        ABSTAIN_TEXT + " It never mentions “weather”. Try asking about something the coverage "
        "reports.")
    assert " It never mentions “super” or “bowl”. Perhaps" in abstention(
        suggested=True, lacking=["super", "bowl"])
    assert abstention(suggested=True, lacking=["x"], who="she") == (
        ABSTAIN_TEXT + " Who do you mean by “she”? Ask again with their name.")
    # two stories as likely to answer: say so, and offer each
    assert abstention(suggested=True, ambiguous=True) == (
        AMBIGUOUS_TEXT + " Perhaps you meant one of the suggestions.")


def test_the_words_no_record_has_are_named_as_the_question_spells_them() -> None:
    items = [Item("obama", ("obama",)), Item("kim", ("@kim",), ("kim",)),
             Item("lanes", ("lane",)), Item("obama", ("obama",))]
    text = "What did Obama and Kim say about the lanes? OBAMA!"
    # a person the bank knows is never "never mentioned"; each word once
    known = {"lane"}
    def seen(item: Item) -> bool:
        assert not item.people  # (never asked of a person)
        return not known.isdisjoint(item.terms)

    assert lacking_words(items, seen, text) == ["Obama"]
    many = [Item(w, (w,)) for w in ("aa", "bb", "cc", "dd")]
    assert lacking_words(many, seen, "aa bb cc dd") == ["aa", "bb", "cc"][:LACKING_SHOWN]
    assert as_written("cafe", "a Café?") == "cafe"  # only in another form: as read
    assert as_written("bowl", "the Super Bowl's") == "Bowl"
    assert as_written("bowl", "superbowl") == "bowl"
    assert as_written("bowl", "Bowls and a Bowl") == "Bowl"  # (the whole word, not "Bowls")
    assert as_written("weather", "İstanbul WEATHER") == "WEATHER"  # (a longer lower case)


def _bank() -> Bank:
    src = Source(id="daily", outlet="Riverside Daily", title="Bike lanes",
                 url="https://example.com/bike", published="2026-11-20")
    fact = Fact(id="construction", text="Construction is scheduled to begin in March and "
                "finish by the end of 2028.",
                citations=(Citation(source_id="daily", passage="Construction is scheduled to "
                                    "begin in March and finish by the end of 2028."),))
    other = Fact(id="vote", text="The council voted 7-2 on Tuesday to build bike lanes.",
                 citations=(Citation(source_id="daily", passage="The council voted 7-2 on "
                                     "Tuesday to build bike lanes."),))
    start = Fact(id="petition", text="The petition against the lanes started in June.",
                 citations=(Citation(source_id="daily", passage="The petition against the "
                                     "lanes started in June."),))
    return Bank(sources=[src], people=[], facts=[fact, other, start], quotes=[])


def test_an_engine_abstaining_names_the_words_the_coverage_never_uses() -> None:
    engine = Engine(_bank())
    a = engine.answer("who won the Super Bowl")
    assert not a.answered
    assert "It never mentions “won”, “Super” or “Bowl”." in a.text
    known = engine.answer("did the council vote on a stadium")
    assert not known.answered and "“stadium”" in known.text and "council" not in known.text


def test_a_common_verb_before_a_particle_the_coverage_never_uses_sinks_nothing() -> None:
    """"when does the petition kick in": "kick in" is what news words otherwise ("started");
    the coverage never saying "kick" does not make the question about something else. A
    rarer verb there does ("when does the petition rupture off")."""
    engine = Engine(_bank())
    a = engine.answer("when did the petition kick in")
    assert a.answered and a.record_id == "petition"
    b = engine.answer("when did the petition rupture off")
    assert not b.answered and "“rupture”" in b.text


def test_money_the_coverage_never_says_is_its_sums() -> None:
    """"who gave money for the lanes": news gives money as sums ("a $50,000 grant"), never
    saying "money"; a question about it is not about something the coverage never reports."""
    src = Source(id="daily", outlet="Riverside Daily", title="Bike lanes",
                 url="https://example.com/bike", published="2026-11-20")
    grant = "The Heller Foundation paid $50,000 toward the bike lanes."
    bank = Bank(sources=[src], people=[], facts=[
        Fact(id="grant", text=grant, citations=(Citation(source_id="daily", passage=grant),))],
        quotes=[])
    a = Engine(bank).answer("what foundation gave money for the bike lanes")
    assert a.answered and a.record_id == "grant"


def test_a_record_naming_both_ends_of_a_pair_answers_for_either() -> None:
    """"start" has the opposite "finish": a record that says "begin ... and finish" has not
    put one in place of the other."""
    engine = Engine(_bank())
    for question in ("when will construction start", "when does construction finish"):
        a = engine.answer(question)
        assert a.answered and a.record_id == "construction", question


def test_words_only_another_servers_records_have_are_never_mentioned_here() -> None:
    bank = _bank()
    private = Fact(id="stadium", text="The stadium plan was dropped.", guild_id=1,
                   citations=(Citation(source_id="daily", passage="The stadium plan was "
                                       "dropped."),))
    engine = Engine(Bank(sources=bank.sources, people=[], facts=[*bank.facts, private],
                         quotes=[]))
    here = engine.answer("was the stadium plan dropped", guild_id=1)
    assert here.answered and here.record_id == "stadium"
    there = engine.answer("why was the stadium dropped", guild_id=2)
    assert not there.answered and "It never mentions “stadium”" in there.text
    assert "dropped" in there.text  # the whole bank has it; this server's coverage does not


def test_small_talk_is_met_with_thanks_or_a_greeting() -> None:
    def said(text: str, babble: bool = False) -> Query:
        return Query(text, words(text), babble=babble)

    assert small_talk_reply(said("thanks bot")) == THANKS_TEXT
    assert small_talk_reply(said("hey there")) == GREETING_TEXT
    assert small_talk_reply(said("how's it going")) == GREETING_TEXT
    assert small_talk_reply(said("canoe canoe lol", babble=True)) == BABBLE_TEXT


def test_chatter_asking_nothing_is_told_so_and_never_answered() -> None:
    """"canoe canoe boat ?? lake lol" had been answered at 90 by the story's lead; a question
    with the same words is answered."""
    source = Source("s1", "Lake Wire", "Canoe found", "https://example.org/canoe", "2025-01-02")
    said = "A dugout canoe was found on the bottom of Marten Lake by a diver."
    fact = Fact("f1", said, citations=(Citation("s1", said),))
    engine = Engine(Bank(sources=[source], people=[], facts=[fact], quotes=[]))
    chatter = engine.answer("canoe canoe boat ?? lake lol")
    assert not chatter.answered and chatter.text == BABBLE_TEXT and not chatter.sources
    assert engine.answer("where was the canoe found").answered


def test_a_word_read_as_another_is_named_as_the_asker_wrote_it() -> None:
    """"how much per shair": read as "stair", which no record has; the asker is told the
    coverage never mentions "shair", the word they wrote, not a guess they never typed."""
    guessed = Item("stair", ("stair",), pos=1)
    asked = ["per", "shair"]
    assert lacking_words([guessed], lambda it: False, "how much per shair",
                         lambda it: asked[it.pos]) == ["shair"]
    # a word the question has as read stays as written
    assert lacking_words([Item("lanes", ("lane",), pos=0)], lambda it: False, "the Lanes?",
                         lambda it: "lanes") == ["Lanes"]
