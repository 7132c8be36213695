"""Counted words in user-facing text: "1 source", "2 sources", "1 person", "16 people".

One place for plurals, so no message says "1 sources" or "1 facts". Pure functions with no
dependencies (used by the command line, the Discord layer and the error messages alike).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: Irregular plurals of the nouns the bot counts.
_IRREGULAR = {"person": "people", "entry": "entries", "reply": "replies"}


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1: ``plural(2, "fact")`` is
    "2 facts", ``plural(1, "person")`` is "1 person", ``plural(3, "person")`` "3 people".

    ``words`` gives the plural when it is neither regular nor in the small table here.
    """
    if n == 1:
        return f"{n} {word}"
    return f"{n} {words or _IRREGULAR.get(word) or word + 's'}"


def and_list(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return _listed(items, "and")


def or_list(items: Sequence[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    return _listed(items, "or")


def _listed(items: Sequence[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


#: The kinds of record a bank holds, in the order messages list them (singular nouns).
RECORD_KINDS = (("sources", "source"), ("people", "person"), ("facts", "fact"),
                ("quotes", "quote"))


def record_counts(counts: Mapping[str, int], *, last: str = ", ") -> str:
    """"1 source, 16 people, 27 facts, 1 quote" from ``{"sources": 1, "people": 16, …}``
    (missing kinds count 0; ``last=" and "`` joins the last two with "and")."""
    parts = [plural(counts.get(key, 0), noun) for key, noun in RECORD_KINDS]
    return ", ".join(parts[:-1]) + last + parts[-1]


def bank_counts(bank: object, *, last: str = ", ") -> str:
    """:func:`record_counts` of a bank-like object (with sources/people/facts/quotes)."""
    return record_counts({key: len(getattr(bank, key)) for key, _ in RECORD_KINDS}, last=last)


def read_as(pronoun: str, person: str) -> str:
    """Whom the bot took a question's pronoun for: '“he” read as Martin Eldridge'."""
    return f"“{pronoun}” read as {person}"
