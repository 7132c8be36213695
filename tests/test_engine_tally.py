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


def test_a_vote_asked_as_unanimous_is_not_one_given_with_votes_against() -> None:
    """"why did the board vote unanimously to disqualify the steer": "the board voted 7-2 to
    disqualify the steer" had two against it, so gives no reason for a unanimous vote (the
    gate "split vote" of :class:`bot.engine.shifts.Shifts`); "did the board vote
    unanimously" asks whether, which the tally answers."""
    from bot.engine.normalize import words
    from bot.engine.question import Query
    from bot.engine.shifts import Shifts
    from bot.engine.tally import split_vote, unanimity_asked
    from tests.engine_records import view_of

    assert unanimity_asked(words("why did the board vote unanimously"))
    assert not unanimity_asked(words("did the board vote unanimously"))
    for text in ("The board voted 7-2 to disqualify the steer.", "after a 3-2 vote",
                 "passed by a vote of 212 to 187"):
        assert split_vote(text), text
    for text in ("The board voted 7-0 to disqualify the steer.", "children ages 9-12",
                 "The board voted unanimously."):
        assert not split_vote(text), text
    ws = words("why did the board vote unanimously to disqualify the steer")
    shifts = Shifts(Query(" ".join(ws), ws, []))
    assert shifts(view_of("The board voted 7-2 to disqualify the steer.")) == "split vote"
    assert shifts(view_of("The board voted 9-0 to disqualify the steer.")) is None
