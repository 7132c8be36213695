"""Named things a sentence speaks of by their kind: "The creamery employs 64 people", after
"Brule Valley Creamery recalled its cheese", says "Brule Valley Creamery employs 64 people",
as a fact states a person by name where its sentence says "the mayor". The name is the one
the sentences before give that ends in the kind's own word ("the hospital": "Cassel Falls
Regional Hospital"); "the company" or "the firm" is the company named ("Golden Hearth Foods",
"Redbank Poultry Co."). Two things of the kind named, it is neither. Pure text in, text
out."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.engine import lexicon
from bot.engine.ingest.data import wordlist
from bot.engine.ingest.lexicon import _PERSON_NOUNS

#: The words a sentence calls the company it is about.
COMPANY_WORDS = frozenset({"company", "firm"})

#: The last words of names that end on an abbreviation's full stop ("Redbank Poultry Co.").
_ABBREVIATED = frozenset({"co", "inc", "corp", "ltd", "bros"})
#: "The creamery employs ...": the kind, then a space or a comma (not "the creamery's").
_OPENING = re.compile(r"The ([a-z]+)(?=[ ,])")
#: A run of capitalised words (with "&" or "of" inside): a name, its last word apart.
_NAME = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’-]*\.?\s+(?:(?:&|of)\s+)?){1,5}"
                   r"([A-Z][\w'’-]*)(\.?))")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_POSSESSIVE = re.compile(r"['’]s$")


def named_as(text: str, before: Iterable[str]) -> str:
    """``text`` with its opening "The <kind>" as the name ``before`` (the sentences before
    it, read only when ``text`` opens so) gave the one thing of that kind it names; ``text``
    itself when it names none, or two (which of them "the fire" is, the words do not say)."""
    opening = _OPENING.match(text)
    if opening is None:
        return text
    kind = opening.group(1)
    heads = wordlist("name_heads")
    after = _NEXT_WORD.match(text, opening.end())
    if kind in _PERSON_NOUNS or (after is not None and after.group(1) in heads) or \
            (kind not in heads and kind not in wordlist("place_nouns")
             and kind not in COMPANY_WORDS):
        # ("The mayor": a person; "The city council": not the city; "The name of the
        # dynasty": no kind of thing a name is given)
        return text
    names: list[str] = []
    for sentence in before:
        for m in _NAME.finditer(sentence):
            if _named(m, sentence, kind, heads):
                # (a sentence's first word is no part of it: "About Golden Hearth Foods:")
                ws = m.group(1).split()
                while ws and ws[0].lower() in lexicon.STOPWORDS:
                    ws.pop(0)
                name = _POSSESSIVE.sub("", " ".join(ws))
                if m.group(3) and m.group(2).lower() not in _ABBREVIATED:
                    name = name[:-1]  # (a sentence's full stop, not "Co.")
                names.append(name)
    # (two things of the kind named, "the fire" may be either: the 2017 Sawtooth Fire or this
    # one, the Juniper Ridge Fire; a shorter name of the same one is the same, "Cole Library",
    # and so is a dateline's "BRANNOCK CITY", written as the prose writes it)
    longest = max(names, key=lambda n: (len(n), not n.isupper()), default=None)
    if longest is None or any(not set(n.lower().split()) <= set(longest.lower().split())
                              for n in names):
        return text
    return longest + text[opening.end():]


def _named(m: re.Match[str], sentence: str, kind: str, heads: frozenset[str]) -> bool:
    """The name ``m`` found is of a thing of ``kind``: it ends in that word (a company's, for
    "the company") and is not a modifier of a noun after it ("the Fire Company hall", "a Yale
    University alumnus")."""
    last = _POSSESSIVE.sub("", m.group(2).lower())
    if kind in COMPANY_WORDS:
        if last not in wordlist("company_heads") or " of " in m.group(1):
            return False  # ("the Journal of Dairy Systems" is no company)
    elif last != kind:
        return False
    if len([w for w in m.group(1).split() if w.lower() not in lexicon.STOPWORDS]) < 2:
        return False  # ("The Creamery", "In Foods": no name)
    after = _NEXT_WORD.match(sentence, m.end())
    # ("a gift from Yale University alumnus Edward Harkness": no thing spoken of)
    return after is None or (after.group(1) not in heads and after.group(1) not in _PERSON_NOUNS)
