"""bot/engine/tally.py: "what was the final vote" asks how a vote came out, which a record
gives as two figures ("voted 5-2"), not as one vote cast."""

from __future__ import annotations

from bot.engine import Engine
from bot.engine.tally import gives_tally, tally_asked
from bot.models import Bank, Citation, Fact, Person, Source


def test_what_was_the_vote_asks_its_tally() -> None:
    for asked in ("what was the final vote", "What was the vote on the cut?", "whats the vote",
                  "what was the council vote", "so what was the final tally on the levy",
                  "what was the final vote count"):
        assert tally_asked(asked), asked
    for asked in ("what was the score", "who voted against the cut", "when was the vote",
                  "what did the council vote to do"):
        assert not tally_asked(asked), asked


def test_a_tally_is_two_figures_of_a_vote() -> None:
    for text in ("The council voted 5-2 Monday.", "The measure passed 1,142 to 1,105.",
                 "approved the contract by a 5-2 vote", "by a vote of 212 to 187"):
        assert gives_tally(text), text
    for text in ("Abara, one of the two no votes, said so.", "The vote capped a two-year push.",
                 "It opened in 1927."):
        assert not gives_tally(text), text


def test_the_final_vote_is_answered_by_the_tally_not_by_a_vote_cast() -> None:
    src = Source("wire", "Lakes Wire", "Council backs restroom", None, "2025-10-14", None)
    abara = Person("denise-abara", "Denise Abara", ("Abara",), "council member")
    bank = Bank(sources=(src,), people=(abara,), quotes=(), facts=(
        Fact("tally", "After nearly a decade of complaints from shop owners and visitors, the "
             "Calder City Council voted 5-2 Monday night to build a stand-alone public restroom "
             "downtown, at about double the cost first estimated.",
             (Citation("wire", "voted 5-2"),), (), (), None, None),
        Fact("other", "Council member Gil Sorensen cast the other no vote, saying the city "
             "should wait for a redesign of the square.", (Citation("wire", "other no vote"),),
             (), (), None, None),
        Fact("abara", "Council member Denise Abara, one of the two no votes, said she supported "
             "the idea but not the price.", (Citation("wire", "one of the two no votes"),),
             ("denise-abara",), (), None, None),
    ))
    answer = Engine(bank).answer("what was the final vote")
    assert answer.answered and answer.record_id == "tally", answer
