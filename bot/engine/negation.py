"""How a text is negated: where its negations stand, and the words each governs.

Read alike for a record (:class:`~bot.engine.records.RecordView`'s ``negated_terms``) and a
question (``Query.negated``, the terms a negated question turns on, :mod:`.sinks`): "not",
"never", "no one" and the rest (``lexicon.NEGATIONS``), but "or not" and the "no" of a vote
cast, each governing the next few content words; and a word of "un-" ("unmonitored"), which
negates the word it is made of.
"""

from __future__ import annotations

from bot.engine import lexicon
from bot.engine.normalize import is_content, stem

#: A negation governs this many content words after it ("did not fully fit"), not counting
#: function words ("we are not out here for a vacation"), within NEGATION_SPAN words.
NEGATION_REACH, NEGATION_SPAN = 3, 6


def negations(ws: list[str]) -> list[int]:
    """The positions of the negations of ``ws``, but "or not" ("did it pass or not",
    "whether or not"), which offers both answers rather than denying one, and the "no" of
    "voted no", "said no", "the only no vote" (the answer given)."""
    if lexicon.NEGATIONS.isdisjoint(ws):
        return []
    return [i for i, w in enumerate(ws)
            if w in lexicon.NEGATIONS and not (w == "not" and i and ws[i - 1] == "or")
            and not (w == "no" and i and (ws[i - 1] in lexicon.ANSWER_VERBS or (
                ws[i - 1] in _CAST and ws[i + 1 : i + 2] in (["vote"], ["votes"]))))]


#: The words before "no vote" when it is a vote cast ("cast the only no vote", "the lone no
#: vote"), not none held ("there was no vote").
_CAST = frozenset({"a", "the", "only", "lone", "sole", "single", "one", "cast", "two", "three"})


def negation_scope(ws: list[str]) -> set[int]:
    """The positions of the words a negation governs: those up to the :data:`NEGATION_REACH`
    th content word after one, within :data:`NEGATION_SPAN` words (of a record's words or a
    question's)."""
    scope: set[int] = set()
    for i in negations(ws):
        seen = 0
        for j in range(i + 1, min(len(ws), i + 1 + NEGATION_SPAN)):
            scope.add(j)
            seen += is_content(ws[j])
            if seen == NEGATION_REACH:
                break
    return scope


def negated_terms(ws: list[str]) -> frozenset[str]:
    """The stems of the content words a negation governs (:func:`negation_scope`), and of
    those a word of "un-" negates ("unmonitored": "monitor", "unmonitor")."""
    return frozenset(stem(ws[j]) for j in negation_scope(ws) if is_content(ws[j])) | {
        t for w in ws if (rest := unprefixed(w)) for t in (stem(rest), stem(w))}


UN = "un"  # the prefix making a word the negation of another ("unmonitored", "unable")


def unprefixed(word: str) -> str | None:
    """The word that ``word`` negates by its "un-" ("unmonitored": "monitored"), when what
    follows the prefix is an ordinary English content word of four letters or more ("until",
    "union", "unless" negate nothing)."""
    if not word.startswith(UN) or len(word) < len(UN) + 4:
        return None
    rest = word[len(UN):]
    return rest if is_content(rest) and lexicon.is_ordinary(rest) else None
