"""A vote's tally: "what was the final vote on the cut" asks for it ("voted 5-2", "passed
1,142 to 1,105", "by a vote of 212 to 187"), which a record about one vote cast ("one of the
two no votes") does not give."""

from __future__ import annotations

import re

#: "what was the vote", "what was the final council vote on the cut", "what's the vote".
_ASKED = re.compile(r"^(?:so\s+)?what(?:s|'s|’s|\s+was|\s+is|\s+were)\s+the\s+(?:[a-z'’]+\s+){0,2}?"
                    r"(?:votes?(?:\s+(?:count|tally))?|tally)"
                    r"(?:\s+(?:on|for|to|over|about|of)\b.*)?\??$", re.IGNORECASE)
#: Two figures of a vote: "5-2", "4–3", "1,142 to 1,105".
_TALLY = re.compile(r"\b\d{1,3}(?:,\d{3})*\s*(?:-|–|—|\bto\b)\s*\d{1,3}(?:,\d{3})*\b")


def tally_asked(question: str) -> bool:
    """Whether ``question`` asks how a vote came out ("what was the final vote")."""
    return _ASKED.match(question.strip()) is not None


def gives_tally(text: str) -> bool:
    """Whether ``text`` gives two figures of a vote ("voted 5-2", "passed 1,142 to 1,105")."""
    return _TALLY.search(text) is not None


#: A vote's tally beside a word of voting: "voted 7-2", "a 5-2 vote", "by a vote of 212 to 187".
_VOTED = re.compile(r"\bvot(?:e|ed|es|ing)\s+(\d{1,3})\s*[-–—]\s*(\d{1,3})\b"
                    r"|\b(\d{1,3})\s*[-–—]\s*(\d{1,3})\s+vote\b"
                    r"|\bvote\s+of\s+(\d{1,3}(?:,\d{3})*)\s+to\s+(\d{1,3}(?:,\d{3})*)\b",
                    re.IGNORECASE)
_UNANIMOUS = frozenset({"unanimous", "unanimously"})
_WH = frozenset({"why", "when", "where", "how", "what", "who", "which"})


def unanimity_asked(ws: list[str]) -> bool:
    """Whether a question asking something of a vote takes it as unanimous ("why did the
    board vote unanimously"; not "did the board vote unanimously", which asks whether)."""
    return bool(ws) and ws[0] in _WH and not _UNANIMOUS.isdisjoint(ws)


def split_vote(text: str) -> bool:
    """Whether ``text`` gives a vote with some against it ("voted 7-2", "a 3-2 vote"), which
    no unanimous vote is."""
    for m in _VOTED.finditer(text):
        against = next(g for g in reversed(m.groups()) if g is not None)
        if int(against.replace(",", "")) > 0:
            return True
    return False
