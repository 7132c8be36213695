"""An interview printed as questions and answers: each answer is its subject's quote.

News prints an interview as paragraphs that open on a label: "Q:" and "A:" ("Question:" /
"Answer:", or "Q." / "A."), or the two speakers' names ("Reporter:" / "Okonkwo:"). Read as
prose, the answers would be facts nobody said ("My left ear is not what it was.") and the
questions facts of their own. :func:`find_interview` finds the exchanges when the article
has them: the first label used at least twice asks, and other labels answer it, at least
twice.
An answer runs from its label to the next question or another answerer's label (a paragraph
without a label goes on with it); an answer labelled with a name is that person's (a press
conference has several; a label naming no one of the article, "Pros:" / "Cons:", makes no
interview), one labelled "A" is the interview's subject's: the person a sentence before the
first exchange says spoke or talked with the outlet, or else the person the prose before it
names most often (the first named, on a tie). When the asking label names a person of the
article too (two people talking, a transcript), what that one says is theirs. Nothing here
knows any article's people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.engine.ingest.layout import _Mention, _Sentence

#: A paragraph's label: "Q:", "A.", "Question:", "Reporter:", "Okonkwo:" (one to three
#: capitalised words, then a colon; a single Q or A may take a full stop instead).
_LABEL = re.compile(
    r"^\s*(?:(?P<qa>Q|A|Question|Answer)\s*[:.]|(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s*:)"
    r"\s+(?=\S)"
)
#: The labels that stand for "the one answering" when the answers are not named.
_ANSWER_LABELS = frozenset({"A", "Answer"})
#: The asking label is used this often, and answered this often, at least, in an interview.
MIN_TURNS = 2
#: Words saying someone gave the interview ("X spoke with the Courier", "sat down with").
_INTERVIEWED = re.compile(r"\b(?:spoke|speaks|talked|talks|sat down|interview(?:ed)?)\b",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question and its answer: paragraph indexes, the answer's speaker key, and the
    asker's when the asking label names a person of the article (a transcript of two people
    talking: what each says is theirs)."""

    question: tuple[int, ...]
    answer: tuple[int, ...]
    speaker: str | None
    asker: str | None = None


def label(par: str) -> tuple[str, int] | None:
    """The paragraph's label and where its text starts, or None."""
    m = _LABEL.match(par)
    if m is None:
        return None
    return m.group("qa") or m.group("name"), m.end()


def unlabelled(par: str) -> str:
    """The paragraph without its label."""
    found = label(par)
    return par[found[1]:] if found else par


def find_interview(paragraphs: Sequence[str], sentences: Sequence[_Sentence],
                   mentions: Callable[[str], list[_Mention]]) -> list[Exchange]:
    """The article's exchanges (none when it prints no interview). ``mentions``: the people
    a text names (the reader's, to know whom a label names)."""
    labels = {i: found[0] for i, par in enumerate(paragraphs) if (found := label(par))}
    counts = Counter(labels.values())
    in_order = sorted(labels.items())
    asking = [(i, name) for i, name in in_order if counts[name] >= MIN_TURNS]
    if not asking:
        return []
    first, asker = asking[0]  # (a label used once before it, "Transcript:", is a title's)
    ordered = [(i, name) for i, name in in_order if i >= first]
    labels = dict(ordered)
    answering = {name for _, name in ordered if name != asker}
    taken = sum(1 for (_, a), (_, b) in pairwise(ordered) if a == asker and b != asker)
    if asker in _ANSWER_LABELS or taken < MIN_TURNS:
        return []  # no questions answered in turn
    # who answers: "A" the interview's subject; a name the article's person it names (a
    # press conference has several); a label naming no one is no interview ("Pros:", "Cons:")
    speakers = {name: _named(name, mentions) for name in answering - _ANSWER_LABELS}
    if None in speakers.values():
        return []
    if answering & _ANSWER_LABELS:
        subject = _subject([s for s in sentences if s.par < first])
        speakers.update({name: subject for name in answering & _ANSWER_LABELS})
    by = _named(asker, mentions)
    exchanges: list[Exchange] = []
    question: list[int] = []
    answer: list[int] = []
    speaker: str | None = None
    last_answer = max(i for i, name in labels.items() if name != asker)
    for i in range(first, last_answer + 1):
        name = labels.get(i)
        if answer and (name is not None and (name == asker or speakers[name] != speaker)):
            exchanges.append(Exchange(tuple(question), tuple(answer), speaker, by))
            question, answer = ([], []) if name == asker else (question, [])
        if name == asker:
            question.append(i)
        elif name is not None:
            speaker = speakers[name]
            answer.append(i)
        elif answer:
            answer.append(i)  # (a paragraph without a label goes on with the answer)
        elif question:
            question.append(i)
    if answer:
        exchanges.append(Exchange(tuple(question), tuple(answer), speaker, by))
    return exchanges


def _named(name: str, mentions: Callable[[str], list[_Mention]]) -> str | None:
    """The one person of the article a label names ("Okonkwo", "OKONKWO"), or None."""
    keys = {m.key for m in mentions(name)} or (
        {m.key for m in mentions(name.title())} if name.isupper() else set())
    return keys.pop() if len(keys) == 1 else None


def _subject(before: Sequence[_Sentence]) -> str | None:
    """Whom the interview is with: the person a sentence says spoke or talked (with the
    outlet), else the one named most often before it (the first named, on a tie)."""
    for sent in reversed(before):
        if sent.mentions and _INTERVIEWED.search(sent.masked):
            return sent.subject or sent.mentions[0].key
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for n, sent in enumerate(before):
        for key in [*(m.key for m in sent.mentions), *sent.resolved]:
            counts[key] += 1
            first.setdefault(key, n)
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], first[k]))
