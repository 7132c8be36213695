"""An interview printed as questions and answers: each answer is its subject's quote.

News prints an interview as paragraphs that open on a label: "Q:" and "A:" ("Question:" /
"Answer:", or "Q." / "A."), or the two speakers' names ("Reporter:" / "Okonkwo:"). Read as
prose, the answers would be facts nobody said ("My left ear is not what it was.") and the
questions facts of their own. :func:`find_interview` finds the exchanges when the article
has them: two labels that take turns, each used at least twice, the first one used asking.
An answer runs from its label to the next question (a paragraph without a label between
them goes on with it); an answer labelled with a name is that person's, one labelled "A" is
the interview's subject's: the person a sentence before the first exchange says spoke or
talked with the outlet, or else the person the prose before it names most often (the
first named, on a tie). When the asking label names a person of the article too (two people
talking, a transcript), what that one says is theirs. Nothing here knows any article's
people.
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
#: Each label is used this often, at least, in an interview.
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
    turns = [name for name, n in counts.items() if n >= MIN_TURNS]
    if len(turns) != 2:
        return []
    ordered = sorted(labels.items())
    asker = next(name for _, name in ordered if name in turns)
    answerer = next(name for name in turns if name != asker)
    taken = sum(1 for (_, a), (_, b) in pairwise(ordered) if (a, b) == (asker, answerer))
    if asker in _ANSWER_LABELS or taken < MIN_TURNS:
        return []  # not questions answered in turn: a list ("Pros:", "Cons:"), not an interview
    speaker = None if answerer in _ANSWER_LABELS else _named(answerer, mentions)
    by = _named(asker, mentions)
    first = ordered[0][0]
    if speaker is None:
        speaker = _subject([s for s in sentences if s.par < first])
    last_answer = max(i for i, name in labels.items() if name == answerer)
    exchanges: list[Exchange] = []
    question: list[int] = []
    answer: list[int] = []
    for i in range(first, last_answer + 1):
        name = labels.get(i)
        if name == asker:
            if answer:
                exchanges.append(Exchange(tuple(question), tuple(answer), speaker, by))
                question, answer = [], []
            question.append(i)
        elif name == answerer or (name is None and answer):
            answer.append(i)  # (a paragraph without a label goes on with the answer)
        elif name is None and question:
            question.append(i)
    if answer:
        exchanges.append(Exchange(tuple(question), tuple(answer), speaker, by))
    return exchanges


def _named(name: str, mentions: Callable[[str], list[_Mention]]) -> str | None:
    """The one person of the article a label names, or None."""
    keys = {m.key for m in mentions(name)}
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
