"""Is a near miss of a quote *altered*: does it change a name, a number or a negation?

For a fact check, "Smith is closing the port" pasted for a quote that says "Jones is
closing the port" is not a paraphrase: it puts the words on someone else. The same goes
for a changed figure ("50 people" for "40 people") and for a negation added or removed ("we
will stop" for "we will not stop"). :func:`find_alterations` looks at the word-level
difference of a paste and a quote (:class:`bot.engine.verify.DiffOp` steps) and reports each
such change; rewording that keeps names, figures and polarity stays a paraphrase.

The rules are general English, fitted to no article:

* **Names**: a pasted word written with a capital (not a small function word, not "I", not a
  shouted word of five or more capitals) that the quote does not have. At the start of a
  sentence a capital proves nothing, so there the word counts as a name only when it is a
  known person's name, or when it replaces a name of the quote (one written as a name
  mid-sentence, or a known person's name anywhere); and a paste written mostly
  in capitals says nothing through them. A lower-case word put one for one in place of a
  name of the quote ("smith" for "Jones") is a changed name too.
* **Numbers**: digits, and number words ("forty" is 40), in the paste that the quote does not
  have there. A figure left out is an omission (a paraphrase), not a changed figure.
* **Negations**: "not", "no", "never", "n't" and the like, counted in the changed words on
  each side: one added or removed is an alteration.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.engine import lexicon

AlterationKind = Literal["name", "number", "negation"]

#: A word as written, and whether it starts a sentence.
Token = tuple[str, bool]

#: Small English words that are capitalised only because of where they stand.
FUNCTION_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "it's", "i",
    "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "we", "we're", "we've", "we'd", "we'll",
    "us", "our", "ours", "you", "you're", "you've", "you'd", "you'll", "your", "yours", "he",
    "he's", "him", "his", "she", "she's", "her", "hers", "they", "they're", "they've", "they'd",
    "they'll", "them", "their", "theirs", "who", "whom", "whose", "which", "what", "what's",
    "when", "where", "why", "how", "and", "or", "but", "nor", "so", "yet", "for", "if", "then",
    "than", "as", "at", "by", "in", "of", "on", "off", "to", "from", "with", "without", "into",
    "onto", "over", "under", "up", "down", "out", "about", "after", "before", "again", "all",
    "any", "both", "each", "every", "few", "more", "most", "other", "some", "such", "only", "own",
    "same", "too", "very", "just", "now", "is", "am", "are", "was", "were", "be", "been", "being",
    "has", "have", "had", "having", "do", "does", "did", "doing", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "let", "let's", "yes", "oh", "well", "also",
    "even", "still", "ever", "because", "while", "though", "although", "since", "until", "unless",
    "whether", "not", "no", "never", "one", "someone", "somebody", "something", "anyone",
    "anybody", "anything", "everyone", "everybody", "everything", "another", "many", "much",
    "several",
))

NEGATIONS = frozenset((
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot",
    "aint", "dont", "doesnt", "didnt", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "isnt",
    "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "mustnt", "neednt",
))

#: Number words and their value ("one" is not one: "no one", "one of us" are no figures).
NUMBER_WORDS = lexicon.NUMBER_VALUES


class Step(Protocol):
    """One step of a word diff (``bot.engine.verify.DiffOp``)."""

    @property
    def op(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def quote(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Alteration:
    """One change that alters a quote: ``text`` pasted where the quote has ``quote``."""

    kind: AlterationKind
    text: str
    quote: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "quote": self.quote}


def _capitalised(word: str) -> bool:
    """Written like a name: a capital first, not a function word, not a shouted long word."""
    if len(word) < 2 or not word[0].isupper() or word.lower() in FUNCTION_WORDS:
        return False
    return not (word.isupper() and len(word) > 4)


def _mostly_capitalised(tokens: Sequence[Token]) -> bool:
    """Title Case or ALL CAPS text: its capitals say nothing about names."""
    longer = [w for w, _ in tokens if len(w) > 1]
    caps = sum(1 for w in longer if w[0].isupper())
    return len(longer) >= 3 and caps * 2 > len(longer)


def proper_nouns(tokens: Sequence[Token]) -> set[str]:
    """Lower-cased words that ``tokens`` write as names in mid-sentence."""
    if _mostly_capitalised(tokens):
        return set()
    return {w.lower() for w, start in tokens if not start and _capitalised(w)}


def known_names(names: Iterable[str]) -> frozenset[str]:
    """The words of people's names and aliases, lower-cased (function words left out)."""
    return frozenset(
        w for name in names for w in name.lower().replace("-", " ").split()
        if len(w) > 1 and w not in FUNCTION_WORDS
    )


def _numbers(words: Iterable[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for w in words:
        low = w.lower()
        if any(ch.isdigit() for ch in low):
            out[low.lstrip("0") or "0"] += 1
        elif low in NUMBER_WORDS:
            out[NUMBER_WORDS[low]] += 1
    return out


def _negations(words: Iterable[str]) -> int:
    return sum(1 for w in words if w.lower() in NEGATIONS or w.lower().endswith("n't"))


def find_alterations(paste: Sequence[Token], quote: Sequence[Token], ops: Sequence[Step],
                     names: frozenset[str] = frozenset()) -> tuple[Alteration, ...]:
    """The changes in ``ops`` (the paste's words, in order, against a quote's) that alter
    the quote's meaning: names, numbers, negations. ``paste`` and ``quote`` are the whole
    texts' tokens; ``names`` the words of known people's names (see :func:`known_names`)."""
    quote_words = {w.lower() for w, _ in quote}
    # The quote's names: written as names mid-sentence, or known people's names anywhere
    # (a sentence may start with one: "Jones is closing the port").
    quote_names = proper_nouns(quote) | (quote_words & names)
    paste_caps_mean_nothing = _mostly_capitalised(paste)
    changed = [step for step in ops if step.op != "equal"]
    # Figures and negations are weighed over all the changed words together, so one that
    # only moved within the quote is no change.
    extra_numbers = (_numbers(w for s in changed for w in s.text.split())
                     - _numbers(w for s in changed for w in s.quote.split()))
    negations_differ = (_negations(w for s in changed for w in s.text.split())
                        != _negations(w for s in changed for w in s.quote.split()))
    found: list[Alteration] = []
    at = 0  # index in ``paste`` of the step's first word
    for step in ops:
        pasted = step.text.split()
        tokens = paste[at: at + len(pasted)]
        at += len(pasted)
        if step.op == "equal":
            continue
        said = step.quote.split()
        replaces_a_name = any(w.lower() in quote_names for w in said)
        kinds: list[AlterationKind] = []
        for word, start in tokens:
            low = word.lower()
            if low in quote_words or paste_caps_mean_nothing or not _capitalised(word):
                continue
            if not start or low in names or replaces_a_name:
                kinds.append("name")
                break
        if (not kinds and said and len(said) == len(pasted)
                and all(w.lower() in quote_names for w in said)
                and not any(w.lower() in FUNCTION_WORDS | quote_words for w in pasted)):
            kinds.append("name")  # "smith" one for one in place of "Jones"
        if extra_numbers & _numbers(pasted):
            kinds.append("number")
        if negations_differ and (_negations(pasted) or _negations(said)):
            kinds.append("negation")
        found.extend(Alteration(kind, step.text, step.quote) for kind in kinds)
    return tuple(found)
