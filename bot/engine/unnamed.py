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
#: Words before a figure that make it a measure of one thing, not a count ("a 2.5 percent
#: raise").
_MEASURED = frozenset({"a", "an"})
#: Marks before a figure that make it no count: a currency's, a range's ("2025-26"), a ratio's.
_SIGNS = frozenset("-:/$£€¥")
#: Words after a phrase opening what describes the thing ("a video of rapper X", "a vessel
#: that missed two trips").
_DESCRIBING = frozenset({"of", "that", "which", "who", "whose", "about", "showing",
                         "featuring", "where", "depicting"})
#: Verbs that give a thing its name after it ("a bakery called Vault & Crumb").
NAMING = frozenset({"called", "named", "dubbed", "nicknamed", "titled", "entitled", "termed",
                    "known", "labeled", "labelled"})
#: The words (between the opening word and the noun) a phrase may hold before its noun:
#: "a regional bank", "a small family-owned bakery".
MODIFIERS = 2
#: A name set beside the phrase after a comma stands within this many tokens after its noun
#: ("an engineer hired by the district, Raymond Oduya").
APPOSITION_REACH = 6
#: A word, a figure, or a mark that ends a phrase.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d|[^\w\s]")


def one_of_a_kind(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the nouns ``text`` only ever mentions after a word opening a phrase
    about one of a kind ("a", "two", "several") and lower-case words: no mention of them is
    by name ("the Tilden Street bank"), known ("the bank", "its bank", "Lyle's bank") or bare
    ("bank loans"); and, of those, the ones that no mention describes either ("a video of
    rapper X", "a vessel that missed two trips" are described: they say what it is, if not
    its name). Which words are nouns is not known: a word is taken as the noun of each
    phrase it ends, and one mention otherwise clears it ("a routine inspection found cracks":
    "found" is no noun, "cracks" is bare)."""
    tokens = _TOKEN.findall(text)
    lone: set[str] = set()
    described: set[str] = set()
    known: set[str] = set()
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if not tok.isalpha() or (not tok.islower() and i > 0) or not is_content(low):
            continue
        if not _opens_one(tokens, i):
            known.add(stem(low))
        elif tokens[i + 1 : i + 2] and tokens[i + 1].lower() in _DESCRIBING:
            described.add(stem(low))
        else:
            lone.add(stem(low))
    unnamed = frozenset((lone | described) - known)
    return unnamed, unnamed - described


def _opens_one(tokens: list[str], i: int) -> bool:
    """Whether the word at ``i`` ends a phrase opened by :data:`_INDEFINITE` with at most
    :data:`MODIFIERS` lower-case words between (one of them, after "a" or "an", may be a
    place's one-word name: "a downtown Minneapolis hotel")."""
    placed = 0  # (a place's one-word name as a modifier: "a downtown Minneapolis hotel")
    for j in range(i - 1, max(-1, i - 2 - MODIFIERS), -1):
        tok = tokens[j]
        low = tok.lower()
        if low in _INDEFINITE or tok[0].isdigit():
            # (not "the two chains", "its nine stores", "the 2025-26 school year")
            # (and a figure measuring it says which: "a $50,000 bonus", "a 2.5 percent raise")
            opened = j == 0 or (tokens[j - 1].lower() not in _KNOWN | _MEASURED
                                and tokens[j - 1] not in _SIGNS)
            return opened and not is_year(tok) and not _apposed(tokens, j, i) and (
                not placed or (placed == 1 and low in _MEASURED))
        if tok.isalpha() and tok[0].isupper() and tok[1:].islower():
            placed += 1  # (but only after "a", and one: "a First Federal bank" is named)
            continue
        if not tok.replace("-", "").isalpha() or not tok.islower() or not is_content(low) \
                or low.endswith("ed"):
            return False  # (a mark, a name, a stop word, a verb's past: no modifier)
    return False


def _apposed(tokens: list[str], j: int, i: int) -> bool:
    """Whether the phrase from ``j`` to ``i`` stands beside a name that says which one:
    "Kansas, Nebraska and Iowa, three states", "a regional bank, First Federal,", "two side
    trails, the Lantern Trail and ...", "an engineer hired by the district, Raymond Oduya",
    "three counties: Ashby, ...", "a bakery called Vault & Crumb"."""
    before = tokens[j - 2 : j]
    if len(before) == 2 and before[1] == "," and before[0][:1].isupper():
        return True
    after = tokens[i + 1 : i + 1 + APPOSITION_REACH]
    if after[:1] and after[0].lower() in NAMING:
        return True
    mark = next((k for k, t in enumerate(after) if t in (",", ":")), None)
    if mark is None:
        return False
    name = [t for t in after[mark + 1 : mark + 3] if t.lower() != "the"][:1]
    return bool(name) and name[0][:1].isupper()
