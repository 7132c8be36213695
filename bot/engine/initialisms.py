"""Initials a question writes for words the coverage writes out: "the AG" for "the attorney
general", "a CDL" for "a commercial driver's license".

A chat shortens what an article spells out. Names of three capitalised words are read by
their initials when the bank is built (:func:`bot.engine.records.initialisms`: "NTSB");
this is the other way round, for phrases in lower case, which are too many to file each
record under. A question's word that the bank lacks, of two to four letters, written in
capitals ("AG") or with no vowel and no English word ("cdl"), is looked up among the runs of
words of the bank's records whose initials it is (:func:`runs`: looked for in the records'
text when a question has such a word, and kept until the bank changes), and read as the run
the bank uses most with those initials (a two-letter one needs the run twice: two letters
are too easily anyone's initials). Nothing here knows any article's words.

And, once a question is read so, the role its initials spell out (:func:`spelt_out_roles`:
"the ceo", whose holder the coverage may name).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from bot.engine import lexicon
from bot.engine.names import NameTable
from bot.engine.normalize import is_content, stem, words
from bot.engine.spelling import Spelt
from bot.models import Person

#: A two-letter initialism needs its run this often in the bank.
SHORT_RUNS = 2
#: A vowel: initials written in lower case have none ("cdl"; "ag" is read as written).
_VOWEL = re.compile(r"[aeiou]")
#: A question's word that may be initials: two to four letters.
_TOKEN = re.compile(r"(?<!['’])\b[A-Za-z]{2,4}\b(?!['’])")  # (not "isn" of "isn't")


def runs(letters: str, texts: Iterable[str]) -> Counter[str]:
    """The runs of content words (as read: "commercial driver license") whose initials are
    ``letters``, counted over ``texts``."""
    found: Counter[str] = Counter()
    pattern = re.compile(r"\b" + r"[\w'’]*\s+".join(map(re.escape, letters)) + r"[\w'’]*\b",
                         re.IGNORECASE)
    for text in texts:
        for m in pattern.finditer(text):
            run = words(m.group(0))
            if len(run) == len(letters) and all(w.isalpha() and is_content(w) for w in run) \
                    and "".join(w[0] for w in run) == letters:
                found[" ".join(run)] += 1
    return found


def meant(letters: str, found: Counter[str]) -> str | None:
    """The run ``letters`` stands for, of those the bank has (``found``): the one it uses
    most, when no other is used as often (a two-letter one, at least :data:`SHORT_RUNS`
    times)."""
    if not found:
        return None
    (best, n), *rest = found.most_common(2)
    if (rest and rest[0][1] == n) or (len(letters) == 2 and n < SHORT_RUNS):
        return None
    return best


def spell_out(question: str, known: Callable[[str], bool],
              table: Callable[[str], Counter[str]]) -> str:
    """``question`` with each word that may be initials of a run of the bank's words (see
    the module) written as that run; ``known`` tells a word the bank has, ``table`` gives
    the bank's runs of given initials (:func:`runs`)."""
    out: list[str] = []
    last = 0
    for m in _TOKEN.finditer(question):
        written = m.group(0)
        word = written.lower()
        if known(word) or word in lexicon.STOPWORDS or word in lexicon.CHAT or \
                word in lexicon.abbreviations() or not (  # ("ceo": read as a role, spelt out)
                    written.isupper() or not _VOWEL.search(word)) or (
                    not written.isupper() and lexicon.is_ordinary(word)):
            continue
        run = meant(word, table(word))
        if run is not None:
            out += [question[last : m.start()], run]
            last = m.end()
    return "".join(out) + question[last:] if out else question


def bank_knows(vocab: Callable[[str], bool],
               indexed: Callable[[str], bool]) -> Callable[[str], bool]:
    """Whether the bank has a word: as written (its vocabulary) or by its stem (indexed)."""
    return lambda word: vocab(word) or indexed(stem(word))


#: Words that make what follows a definite reference ("the mayor", "this actor").
_DEFINITE = frozenset({"the", "this", "that"})


def definite_reference(ws: list[str], pos: int) -> int:
    """Whether ``ws[pos]`` is the noun of a definite reference: 1 when "the" is right before
    it, 2 when before the one word modifying it ("the consumer advocate"), else 0."""
    if pos >= 1 and ws[pos - 1] in _DEFINITE:
        return 1
    if pos >= 2 and ws[pos - 2] in _DEFINITE and is_content(ws[pos - 1]):
        return 2
    return 0


def spelt_out_roles(ws: list[str], fixed: list[Spelt], at: list[int], names: NameTable,
                     visible: Callable[[Person], bool]
                     ) -> tuple[dict[int, tuple[tuple[str, ...], list[int]]], set[int], set[int]]:
    """A definite role the question abbreviates ("the ceo": chief executive officer): its
    holders (:meth:`NameTable.phrase_holders`) and its words' indices, by the index of its
    first word; the indices of its other words; and those of a role so spelt out that no one
    holds (whose last word alone, "officer", is no one's role either: "the chief operating
    officer" is no CEO)."""
    roles: dict[int, tuple[tuple[str, ...], list[int]]] = {}
    others: set[int] = set()
    unheld: set[int] = set()
    for i in range(len(fixed)) if len(set(at[: len(fixed)])) < len(fixed) else ():
        group = [j for j in range(len(fixed)) if at[j] == at[i]]  # (words read as several)
        spelt = [fixed[j][0] for j in group]
        if len(group) > 1 and i == group[0] and ws[at[i]] not in spelt \
                and definite_reference(ws, at[i]):
            if holders := names.phrase_holders(spelt, visible):
                roles[i] = (holders, group)
                others.update(group[1:])
            elif "".join(w[0] for w in spelt) == ws[at[i]]:  # (initials: not "farm land")
                unheld.update(group)
    return roles, others, unheld
