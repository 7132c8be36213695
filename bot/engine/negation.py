"""How a text is negated: where its negations stand, and the words each governs.

Read alike for a record (:class:`~bot.engine.records.RecordView`'s ``negated_terms``) and a
question (``Query.negated``, the terms a negated question turns on, :mod:`.sinks`): "not",
"never", "no one" and the rest (``lexicon.NEGATIONS``), but "or not" and the "no" of a vote
cast, each governing the next few content words; and a word of "un-" ("unmonitored"), which
negates the word it is made of.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.normalize import is_content, stem, words

if TYPE_CHECKING:
    from bot.engine.question import Query

#: A negation governs this many content words after it ("did not fully fit"), not counting
#: function words ("we are not out here for a vacation"), within NEGATION_SPAN words.
NEGATION_REACH, NEGATION_SPAN = 3, 6


def negations(ws: list[str]) -> list[int]:
    """The positions of the negations of ``ws``, but "or not" ("did it pass or not",
    "whether or not"), which offers both answers rather than denying one, and the "no" of
    "voted no", "said no", "the only no vote" (the answer given); and a refusal or a failure
    to do something, which denies the doing ("refused to pay", "failed to file": not "pay",
    not "file"; but "declined to 3 percent" is a fall)."""
    if lexicon.NEGATIONS.isdisjoint(ws) and _REFUSING.isdisjoint(ws) and _REJECTING.isdisjoint(ws):
        return []
    return [i for i, w in enumerate(ws)
            if _denies(ws, i, w) or _refuses(ws, i, w) or _rejects(ws, i, w)]


def _rejects(ws: list[str], i: int, w: str) -> bool:
    """"rejected the request": what follows is turned down; not "ballots that had been
    rejected on election night were accepted" (the thing rejected came before)."""
    return w in _REJECTING and not (i and ws[i - 1] in _BEEN)


def _denies(ws: list[str], i: int, w: str) -> bool:
    return w in lexicon.NEGATIONS and not (w == "not" and i and ws[i - 1] == "or") \
        and not (w == "no" and i and (ws[i - 1] in lexicon.ANSWER_VERBS or (
            (ws[i - 1] in _CAST or ws[i - 1].isdigit())
            and ws[i + 1 : i + 2] in (["vote"], ["votes"]))))


def _refuses(ws: list[str], i: int, w: str) -> bool:
    return w in _REFUSING and ws[i + 1 : i + 2] == ["to"] and i + 2 < len(ws) \
        and is_content(ws[i + 2]) and not ws[i + 2].isdigit()


#: The verbs of refusing or failing to do something ("refused to pay", "failed to file",
#: "declined to comment"), each form as written.
_REFUSING = frozenset(f"{root}{end}" for root in ("refus", "declin") for end in
                      ("e", "es", "ed", "ing")) | frozenset({"fail", "fails", "failed", "failing"})


#: The verbs of turning down what they govern ("rejected the request", "denied his request to
#: attend", "denied wrongdoing"), each form as written.
_REJECTING = frozenset({"reject", "rejects", "rejected", "rejecting", "denied", "denies",
                        "deny", "denying"})


#: The forms of "be" before a passive ("had been rejected", "was denied").
_BEEN = frozenset({"be", "been", "being", "was", "were", "is", "are"})


#: The words before "no vote" when it is a vote cast ("cast the only no vote", "the lone no
#: vote", "the other no vote"; a number too: "the two no votes"), not none held ("there was
#: no vote").
_CAST = frozenset({"a", "the", "only", "lone", "sole", "single", "one", "cast", "two", "three",
                   "other", "another", "first", "second", "third", "last", "final", "deciding"})


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
        t for w in ws if w.startswith(UN) and (rest := unprefixed(w))
        for t in (stem(rest), stem(w))}


#: A record's negation may govern a content word this many words after it, read widely
#: (:func:`widely_negated`), within its clause (up to a comma or a sentence's end).
NEGATION_WIDE = 12
_CLAUSES = re.compile(r"[,;:.!?()]")


def widely_negated(text: str) -> frozenset[str]:
    """The stems of the content words up to :data:`NEGATION_WIDE` words after a negation of
    ``text``, in its clause: what it may deny, read as far as a clause may run ("I don't think
    anybody here is going to forget the sound": "forget"; not past a comma)."""
    return frozenset(stem(w) for clause in _CLAUSES.split(text) for ws in [words(clause)]
                     for i in negations(ws) for w in ws[i + 1 : i + 1 + NEGATION_WIDE]
                     if is_content(w))


def elided_negation(text: str) -> bool:
    """A clause of ``text`` ends on a negation whose verb it leaves out ("Right now, in most
    rinks, nobody is.", "If you don't, we'll tell you"): it denies what was said before, which
    may be any of the words a question negates; but "many of which (but not all)" leaves out
    no verb)."""
    return any((found := negations(ws)) and lexicon.ANY_AUXILIARY.issuperset(ws[found[-1] + 1:])
               for clause in _CLAUSES.split(text) for ws in [words(clause)])


UN = "un"  # the prefix making a word the negation of another ("unmonitored", "unable")


def unprefixed(word: str) -> str | None:
    """The word that ``word`` negates by its "un-" ("unmonitored": "monitored"), when what
    follows the prefix is an ordinary English content word of four letters or more ("until",
    "union", "unless" negate nothing)."""
    if not word.startswith(UN) or len(word) < len(UN) + 4:
        return None
    rest = word[len(UN):]
    return rest if is_content(rest) and lexicon.is_ordinary(rest) else None


#: Question words that may stand for the subject of what a question asks ("what fits",
#: "which algorithm is always practical", "who owns the farm").
_SUBJECT_ASKERS = frozenset({"what", "which", "who"})
#: "did", "does", "do": a question on them asks for an object ("what did the council approve").
_DO = frozenset({"did", "does", "do"})
#: A question's verb stands this many words at most after its question word.
_VERB_REACH = 4


def subject_asked(ws: list[str], named: set[int]) -> int | None:
    """Where the predicate begins when the question asks for its own subject: "what fits |
    the framework", "what algorithm is | always practical", "what are | intended as ...",
    "what company makes | the bags". None when it asks for an object or a complement ("what
    did the council approve", "what is the name of ...", "what was Ridgeline's address":
    a noun phrase after "is", the positions ``named`` being names; "who is" asks who someone
    is), or when no verb is found
    within :data:`_VERB_REACH` words of the question word (a verb is read from the noun
    phrase it takes: "fits the").
    """
    if not ws or ws[0] not in _SUBJECT_ASKERS:
        return None
    for j in range(1, min(len(ws), 1 + _VERB_REACH)):
        w = ws[j]
        if w in _DO:
            return None
        nxt = ws[j + 1] if j + 1 < len(ws) else ""
        if w in lexicon.LINKING_AUXILIARIES:
            copular = ws[0] == "who" and j == 1  # ("who is X")
            if copular or not nxt or nxt in lexicon.NOUN_PHRASE_OPENERS \
                    or nxt in lexicon.AUXILIARIES or j + 1 in named or nxt[0].isdigit():
                return None
            return j + 1
        if nxt in lexicon.NOUN_PHRASE_OPENERS and is_content(w):
            return j
    return _adverb_opened(ws)


#: A predicate opened by an adverb stands this many words at most after the question word.
_ADVERB_REACH = 9


def _adverb_opened(ws: list[str]) -> int | None:
    """Where a predicate opened by an adverb begins, after a subject too long to find its
    verb by :data:`_VERB_REACH`: "what part of the innate immune system | directly attacks
    microbes" (an adverb in "-ly", of WordNet's modifiers, before a content word; not past an
    auxiliary, which asks for an object: "what part of the system did ...")."""
    for j in range(2, min(len(ws) - 1, 1 + _ADVERB_REACH)):
        w = ws[j]
        if w in _DO or w in lexicon.LINKING_AUXILIARIES:
            return None
        if w.endswith("ly") and w in lexicon.modifiers() and is_content(ws[j + 1]):
            return j
    return None


#: The words of a question's predicate that a record denying its subject negates: the verb
#: or adjective it opens on, and one more ("is always practical", "fully understood").
_PREDICATE_HEAD = 2
#: ... within this many words of where the predicate begins ("what has to happen before the
#: intake can reopen": "reopen" is another clause's)
_PREDICATE_REACH = 3


def subject_predicate(query: Query) -> frozenset[str]:
    """When the question asks for the subject of what it says ("what fits the framework",
    :func:`subject_asked`), or says something of what it asks for in a relative clause
    ("what do tumors express that are found on normal cells", :func:`relative_predicate`),
    and says it positively, the terms of the predicate's first words:
    a record negating one denies them of the thing it names, which so answers nothing. Not
    a question asking what someone said, or who someone is (their words and descriptions
    negate freely)."""
    if query.negated or query.speech or query.said_by or query.describe or \
            len(query.at) < len(query.items):
        return frozenset()
    named = {query.at[it.pos] for it in query.items if it.people or it.specific}
    start = subject_asked(query.words, named)
    if start is None:
        start = relative_predicate(query.words)
    if start is None:
        return frozenset()
    head = [it for it in query.items
            if not it.people and start <= query.at[it.pos] < start + _PREDICATE_REACH]
    return frozenset(t for it in head[:_PREDICATE_HEAD] for t in it.terms)


#: The words opening a relative clause ("antigens that are found on normal cells").
_RELATIVES = frozenset({"that", "which", "who"})


def relative_predicate(ws: list[str]) -> int | None:
    """Where the predicate of a question's relative clause begins, when it opens on a form
    of "be" or "have" ("what do tumors express that are | also found on normal cells"): what
    the question says of the thing asked for, which a record negating it denies as a
    subject's predicate is. None when no such clause follows the question's first words ("who
    said that ..." opens no relative clause)."""
    return next((k + 2 for k in range(2, len(ws) - 2)
                 if ws[k] in _RELATIVES and ws[k + 1] in lexicon.LINKING_AUXILIARIES), None)


def subject_denied(predicate: frozenset[str], negated: frozenset[str], sequence: list[str]) -> bool:
    """Whether a record (its ``negated`` terms, its content stems in order) negates a term of
    the ``predicate`` of a question asking for its subject (:func:`subject_predicate`): "what
    fits the framework" is not answered by "some classes ... do not fit into this framework",
    nor "which algorithm is always practical" by "a polynomial time algorithm is not always
    practical". A word of "un-" negates no such term ("undecided" says nothing of "the
    deciding vote")."""
    return any(t in negated and UN + t not in sequence for t in predicate)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def denied_before_reason(text: str) -> frozenset[str]:
    """The terms a negation governs before the reason a sentence of ``text`` gives outright
    (its first word of :data:`lexicon.REASON_CONNECTIVES`), in that sentence: "normal cells
    are not attacked by NK cells because they express ..." denies "attacked"; "attacks stopped
    because the raiders could not cross" denies nothing of the attacks (its negation is the
    reason's). Empty when no sentence gives a reason."""
    for sentence in _SENTENCE_END.split(text):
        ws = words(sentence)
        cut = next((k for k, w in enumerate(ws) if w in lexicon.REASON_CONNECTIVES), None)
        if cut is not None:
            return negated_terms(ws[:cut])
    return frozenset()


def predicate_negated(query: Query) -> bool:
    """"not" stands right after the verb of the named subject and before a content word, which
    it negates ("why did Kolb plead not guilty"; not "why didn't Kolb plead", "why might the
    results not apply", "why did Kolb decide not to")."""
    ws, at = query.words, query.at
    verbs = {at[it.pos] for it in query.items if it.focus and it.pos < len(at)}
    return any(ws[k + 1 : k + 2] == ["not"] and is_content((ws[k + 2 : k + 3] or [""])[0])
               for k in verbs)


def question_negates(query: Query) -> frozenset[str]:
    """The terms of the question's items a negation of the question governs (within
    :data:`NEGATION_REACH` words after it)."""
    if not query.negated:
        return frozenset()
    ws = query.words
    near = negation_scope(ws)
    return frozenset(t for it in query.items if not it.people and any(
        ws[i] == it.surface for i in near) for t in it.terms)


def refusal_asked(query: Query) -> frozenset[str]:
    """Asked why someone refused or failed to do something ("why did the bank refuse to
    donate"), or why they stopped doing it ("why did the club stop giving out scholarships"):
    the terms of what they would not do, which a record must not simply say they do ("the
    bank would donate the full $41,000")."""
    ws = query.words
    done = {ws[i + 2] for i, w in enumerate(ws) if _refuses(ws, i, w)}
    if query.answer_type == "reason":
        done |= {ws[i + 1] for i, w in enumerate(ws[:-1])
                 if w in _STOPPING and ws[i + 1].endswith("ing")}
    return frozenset(t for it in query.items if not it.people and it.surface in done
                     for t in it.terms)


#: The verbs of ceasing to do what the word in -ing after them says ("stopped giving").
_STOPPING = frozenset({"stop", "stops", "stopped", "quit", "quits"})
