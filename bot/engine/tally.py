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
