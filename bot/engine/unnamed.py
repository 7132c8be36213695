"""The things a text mentions only as one of a kind, never by name or as one already known:
"a loan from **a regional bank**", "applying for grants from **two journalism foundations**",
"self-reported through **a phone app**". Such a text cannot answer "what bank gave the loan"
or "what is the name of the app": it says there was one, not which (a gate of
:mod:`bot.engine.sinks`)."""

from __future__ import annotations

import re

from bot.engine import lexicon
from bot.engine.figures import is_year
from bot.engine.normalize import is_content, stem

#: Words opening a phrase about one of a kind, or some of a kind, not yet known.
_INDEFINITE = frozenset({"a", "an", "another", "some", "several", "many", "few", "various",
                         "numerous", "dozens", "hundreds", "thousands"}) | lexicon.NUMBER_WORDS
#: Words before a figure that make what it counts known ("the two chains", "its nine stores").
_KNOWN = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "my", "your",
                    "first", "last", "all", "both"})
#: Verbs that give a thing its name after it ("a bakery called Vault & Crumb").
NAMING = frozenset({"called", "named", "dubbed", "nicknamed", "titled", "entitled", "termed",
                    "known", "labeled", "labelled"})
#: The words (between the opening word and the noun) a phrase may hold before its noun:
#: "a regional bank", "a small family-owned bakery".
MODIFIERS = 2
#: A word, a figure, or a mark that ends a phrase.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d|[^\w\s]")


def one_of_a_kind(text: str) -> frozenset[str]:
    """The stems of the nouns ``text`` only ever mentions after a word opening a phrase
    about one of a kind ("a", "two", "several") and lower-case words: no mention of them is
    by name ("the Tilden Street bank"), known ("the bank", "its bank", "Lyle's bank") or bare
    ("bank loans"). Which words are nouns is not known: a word is taken as the noun of each
    phrase it ends, and one mention otherwise clears it ("a routine inspection found cracks":
    "found" is no noun, "cracks" is bare)."""
    tokens = _TOKEN.findall(text)
    lone: set[str] = set()
    known: set[str] = set()
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if not tok.isalpha() or (not tok.islower() and i > 0) or not is_content(low):
            continue
        (lone if _opens_one(tokens, i) else known).add(stem(low))
    return frozenset(lone - known)


def _opens_one(tokens: list[str], i: int) -> bool:
    """Whether the word at ``i`` ends a phrase opened by :data:`_INDEFINITE` with at most
    :data:`MODIFIERS` lower-case words between."""
    for j in range(i - 1, max(-1, i - 2 - MODIFIERS), -1):
        tok = tokens[j]
        low = tok.lower()
        if low in _INDEFINITE or tok[0].isdigit():
            # (not "the two chains", "its nine stores", "the 2025-26 school year")
            opened = j == 0 or (tokens[j - 1].lower() not in _KNOWN and tokens[j - 1] != "-")
            return opened and not is_year(tok) and not _apposed(tokens, j, i)
        if not tok.replace("-", "").isalpha() or not tok.islower() or not is_content(low) \
                or low.endswith("ed"):
            return False  # (a mark, a name, a stop word, a verb's past: no modifier)
    return False


def _apposed(tokens: list[str], j: int, i: int) -> bool:
    """Whether the phrase from ``j`` to ``i`` stands beside a name that says which one:
    "Kansas, Nebraska and Iowa, three states", "a regional bank, First Federal,", "a bakery
    called Vault & Crumb"."""
    before = tokens[j - 2 : j]
    after = tokens[i + 1 : i + 3]
    return (len(before) == 2 and before[1] == "," and before[0][:1].isupper()) or (
        len(after) == 2 and after[0] == "," and after[1][:1].isupper()) or (
        after[:1] != [] and after[0].lower() in NAMING)
