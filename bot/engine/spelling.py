"""Spelling, one step of reading a question (:mod:`bot.engine.question`): a word the bank
does not know, read as what it most likely is.

* an abbreviation WordNet spells out ("ceo": "chief executive officer"; not an ordinary word,
  "shape"), a compound of two words the bank has ("homeowners": "home", "owners"), a word
  of doing again ("rewiring": "wiring") or of across all of a thing ("statewide": "state")
  is read as its words;
* an ordinary English word is kept as it is (a real word is not a typo);
* anything else is corrected to the closest word of the bank's vocabulary, unless general
  English uses it (a rare but real word: "qualitative" is no typo of "quantitative");
* failing that, a misspelt function word ("abuot", "teh", "accross") is dropped, and a
  misspelt ordinary word the bank lacks as well ("normaly") is read as that word, which then
  weighs as the common word it is, not as a rare one the coverage never uses.

Before those, the words that frame the question are spelt right: its question word ("wich",
"wat"), the word after it that asks for a kind of answer ("how manny", "what yeer") and an
auxiliary before its subject ("how much dose the card cost").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from rapidfuzz.distance import OSA

from bot.engine import lexicon
from bot.engine.index import (
    MIN_CORRECT_LEN,
    EnglishSpeller,
    StopwordSpeller,
    Vocabulary,
    typing_slip,
)
from bot.engine.normalize import is_content, stem

#: A word seen this often in general English is a word, not a typo of the bank's words ...
REAL_WORD_MIN = 100
#: ... unless the word of the bank one edit away is this many times as common ("manger" for
#: "manager": 63 times; "diary" / "dairy", "quite" / "quiet" stay as written).
TYPO_RATIO = 50
#: A misspelt function word is this long at most ("stil", "becuase").
FUNCTION_WORD_MAX = 7

_STOPWORD_SPELLER = StopwordSpeller((w for w in lexicon.STOPWORDS if w.isalpha()),
                                    never_guessed=lexicon.NEGATIONS)
_ENGLISH_SPELLER = EnglishSpeller(lexicon.ordinary_words)

#: One word as read: (the word, corrected to the bank's vocabulary, an ordinary word).
Spelt = tuple[str, bool, bool]


#: The readings of one question's words so far (:func:`_reading`'s), each made once.
Readings = dict[str, "list[Spelt] | str"]


def spell(word: str, vocab: Vocabulary, known: Callable[[str], bool],
          readings: Readings | None = None) -> list[Spelt]:
    """The words ``word`` (a content word of a question) is read as: itself, its correction,
    its parts, or none (a misspelt function word: :func:`function_words` spells it)."""
    read = _read(word, vocab, known, {} if readings is None else readings)
    return [] if isinstance(read, str) else read


def function_words(ws: list[str], at: int, vocab: Vocabulary, known: Callable[[str], bool],
                   readings: Readings | None = None) -> list[str]:
    """``ws`` with each misspelt function word from ``at`` on (where the question opens, past
    a greeting: "yo bot") spelt right ("agianst": "against", "abuot": "about"), as
    :func:`spell` reads it, so that every reader of the question's words meets it spelt so;
    but a negation is never guessed into a question ("nto" stays as written)."""
    out, readings = ws, {} if readings is None else readings
    for i, w in enumerate(ws):
        if i < at or w.isdigit() or not is_content(w) or w in vocab or known(stem(w)) \
                or lexicon.is_ordinary(w) or _STOPWORD_SPELLER(w) is None:
            continue  # (no function word is one edit away: none to spell, nothing to read)
        meant = _read(w, vocab, known, readings)
        if isinstance(meant, str) and meant not in lexicon.NEGATIONS:
            out = [*out[:i], meant, *out[i + 1:]]
    return out


def _read(word: str, vocab: Vocabulary, known: Callable[[str], bool],
          readings: Readings) -> list[Spelt] | str:
    """:func:`_reading`, kept in ``readings``."""
    read = readings.get(word)
    if read is None:
        read = readings[word] = _reading(word, vocab, known)
    return read


def _reading(word: str, vocab: Vocabulary, known: Callable[[str], bool]) -> list[Spelt] | str:
    """:func:`spell`'s reading of ``word``, or the function word it misspells."""
    if word.isdigit() or word in vocab:
        return [(word, False, lexicon.is_ordinary(word))]
    if known(stem(word)):
        rare = lexicon.english().get(word, 0) < REAL_WORD_MIN
        near = vocab.correct(word, 1) if rare else None
        if near is not None and stem(near[0]) != stem(word) and is_content(near[0]):
            # hardly an English word, one edit from a word of the bank: its typo ("directer"
            # is "director", not "direct" of "direction"), though its stem is known
            return [(near[0], True, lexicon.is_ordinary(near[0]))]
        return [(word, False, lexicon.is_ordinary(word))]
    spelt = lexicon.abbreviations().get(word)
    if spelt is not None and not lexicon.is_ordinary(word):
        # "ceo", which the bank lacks: "chief executive officer" (but "shape" is a word)
        return [(x, False, lexicon.is_ordinary(x)) for x in spelt.split() if is_content(x)]
    again = _redone(word, known)
    if again is not None:  # "rewiring", which the bank lacks: "wiring"
        return [(again, False, lexicon.is_ordinary(again))]
    across = _wide(word, known)
    if across is not None:  # "statewide", which the bank lacks: "state"
        return [(across, False, lexicon.is_ordinary(across))]
    parts = compound(word, known)
    if parts:  # "homeowners", which the bank lacks: "home", "owners"
        return [(x, False, lexicon.is_ordinary(x)) for x in parts]
    if lexicon.is_ordinary(word):
        return [(word, False, True)]
    english = lexicon.english()
    found = vocab.correct(word) or _lacking_letter(word, vocab)
    if found is not None and (found[1] > 1 or found[0][0] != word[0]) and \
            (meant := _ENGLISH_SPELLER(word)) is not None and _closer(word, meant, *found):
        # "suppoosed": "supposed", not the bank's "supported" ("accross": a function word)
        return _read_as(word, meant)
    if found is not None and found[1] == 1 and len(word) <= FUNCTION_WORD_MAX and \
            (meant := _STOPWORD_SPELLER(word)) is not None and _commoner(word, meant, *found) \
            and (typing_slip(word, meant) or not typing_slip(word, found[0])):
        # "stil": "still", far commoner than the bank's "soil" (but "cannoe" is the bank's
        # "canoe" with a letter doubled, not "cannot" with a key struck far from its own)
        return _read_as(word, meant)
    seen = english.get(word, 0)
    if found is not None and is_content(found[0]) and (
        seen < REAL_WORD_MIN or english.get(found[0], 0) >= TYPO_RATIO * seen
    ):  # (a rare real word may be a typo of a far commoner one: "manger", "manager")
        return [(found[0], True, lexicon.is_ordinary(found[0]))]
    if (meant := _STOPWORD_SPELLER(word)) is not None:
        return meant  # a misspelt function word
    if word not in english and (meant := _ENGLISH_SPELLER(word)) is not None:
        return _read_as(word, meant)  # "normaly", the bank lacking "normally"
    return [(word, False, False)]


def _read_as(word: str, meant: str) -> list[Spelt] | str:
    """``word`` read as the English word ``meant``; as that function word when it is one
    edit away ("accross": "across"; but "beyonce", two from "beyond", is someone's name)."""
    if not is_content(meant):
        return meant if OSA.distance(word, meant, score_cutoff=1) <= 1 else [(word, False, False)]
    return [(meant, False, True)]


def _commoner(word: str, english: str, bank: str, edits: int) -> bool:
    """Whether the function word ``word`` may misspell (``english``), as few edits away as
    the bank's word, is the likelier reading by far: English writes it :data:`TYPO_RATIO`
    times as often ("stil": "still", not "soil"; but "toliver" stays a name, not "oliver")."""
    counts = lexicon.english()
    return OSA.distance(word, english) == edits and \
        counts.get(english, 0) >= TYPO_RATIO * max(1, counts.get(bank, 0))


def _closer(word: str, english: str, bank: str, edits: int) -> bool:
    """Whether the English word is the likelier reading of ``word`` than the bank's, ``edits``
    away: fewer edits away, or as few keeping the first letter the bank's word changes
    ("pusing": "pushing", not "using")."""
    ours = OSA.distance(word, english)
    return ours < edits or (ours == edits and english[0] == word[0] != bank[0])


def question_word(ws: list[str], at: int) -> list[str]:
    """``ws`` with the word it asks with (at ``at``) spelt right: "wich hospital", "wat",
    "wen" (one edit from one question word and no ordinary word), and "were is" ("were" and
    a verb asking, which only "where" reads as)."""
    if at >= len(ws) or ws[at] in lexicon.QUESTION_WORDS:
        return ws
    word, after = ws[at], ws[at + 1 : at + 2]
    if word == "were" and after and after[0] in lexicon.AUXILIARIES and after[0] != "were":
        return [*ws[:at], "where", *ws[at + 1 :]]
    if len(word) < 2 or word in lexicon.STOPWORDS or lexicon.is_ordinary(word):
        return ws
    return _respelt(ws, at, lexicon.QUESTION_WORDS)  # (a typo there would lose them)


def _respelt(ws: list[str], at: int, choices: Iterable[str]) -> list[str]:
    """``ws`` with its word at ``at`` read as the one of ``choices`` it is one edit from, when
    it is one edit from exactly one."""
    near = [c for c in choices if OSA.distance(ws[at], c, score_cutoff=1) <= 1]
    return [*ws[:at], near[0], *ws[at + 1 :]] if len(near) == 1 else ws


def type_word(ws: list[str], at: int, vocab: Vocabulary) -> list[str]:
    """``ws`` with the word after the question word at ``at`` spelt right when with it
    that word asks for a kind of answer (:data:`lexicon.TYPE_PHRASES`): "how manny workers",
    "what yeer did it open" (one edit from one such word, and neither an ordinary English word
    nor a word of the bank: "how mane" is left alone if the coverage names a Mane)."""
    if at + 1 >= len(ws) or ws[at] not in _TYPE_WORDS:
        return ws
    word = ws[at + 1]
    if len(word) < 3 or word in _TYPE_WORDS[ws[at]] or word in vocab or \
            word in lexicon.STOPWORDS or lexicon.is_ordinary(word):
        return ws
    return _respelt(ws, at + 1, _TYPE_WORDS[ws[at]])


#: Question word -> the words after it that ask for a kind of answer ("how": "many", "long").
_TYPE_WORDS: dict[str, frozenset[str]] = {
    first: frozenset(k[1] for k in lexicon.TYPE_PHRASES if k[0] == first and len(k) > 1)
    for first in {k[0] for k in lexicon.TYPE_PHRASES}
}


#: The words that may follow an auxiliary misspelt after a question word: "how much dose
#: the card cost", "how long dose it last" (a determiner or a pronoun, then the subject).
_SUBJECT_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "he", "she",
                              "it", "they", "his", "her", "its", "their", "i", "you", "we"})


def auxiliary(ws: list[str], at: int, vocab: Vocabulary) -> list[str]:
    """``ws`` with an auxiliary spelt right where it stands after the question word at
    ``at`` (or its phrase: "how much") and before the subject: "dose" is "does" there, two
    letters swapped, a word the bank lacks, English writing "does" far more often
    (:data:`TYPO_RATIO`; "who saw the fire" stays: "saw" is no rare word)."""
    english = lexicon.english()
    for k in (at + 1, at + 2):
        word = ws[k] if k + 1 < len(ws) else ""
        if not word or word in vocab or ws[k + 1] not in _SUBJECT_OPENERS:
            continue
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
        meant = [a for a in swaps & lexicon.AUXILIARIES
                 if english.get(a, 0) >= TYPO_RATIO * max(1, english.get(word, 0))]
        if len(meant) == 1:
            return [*ws[:k], meant[0], *ws[k + 1:]]
    return ws


def _lacking_letter(word: str, vocab: Vocabulary) -> tuple[str, int] | None:
    """A three-letter word English lacks as one letter short of the bank's one four-letter
    word it could be, its first letter kept ("vot": "vote"; too short for
    :meth:`Vocabulary.correct`, which would find "dot", "got" and "lot" in "vot" as well)."""
    if len(word) != MIN_CORRECT_LEN - 1 or not word.isalpha() or \
            lexicon.english().get(word, 0) >= REAL_WORD_MIN:
        return None
    longer = [c for c in vocab.candidates(word) if len(c) == MIN_CORRECT_LEN
              and c[0] == word[0] and any(c[:i] + c[i + 1:] == word for i in range(len(c)))]
    return (longer[0], 1) if len(longer) == 1 else None


def compound(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """A word the bank lacks that is two words it has, written together ("homeowners":
    "home", "owners"; :func:`lexicon.compound_splits`), split where English would split it:
    its two commonest parts ("bookstore" is "book" and "store", never "books" and "tore",
    though a bank without "store" has "tore")."""
    splits = lexicon.compound_splits(word, REAL_WORD_MIN)
    if not splits:
        return None
    english = lexicon.english()
    a, b = max(splits, key=lambda s: math.log(english[s[0]]) + math.log(english[s[1]]))
    if is_content(a) and is_content(b) and known(stem(a)) and known(stem(b)):
        return a, b
    return None


#: The suffix of "across all of": "statewide", "citywide", "nationwide".
ACROSS = "wide"


def _wide(word: str, known: Callable[[str], bool]) -> str | None:
    """A word of "across all of" a thing that the bank lacks, read as the thing when the
    bank has it ("statewide": "state"; "citywide": "city")."""
    rest = word[:-len(ACROSS)]
    if word.endswith(ACROSS) and len(rest) >= 4 and is_content(rest) and known(stem(rest)):
        return rest
    return None


#: The prefix of doing something again ("rewire", "rebuild", "reopen").
AGAIN = "re"


def _redone(word: str, known: Callable[[str], bool]) -> str | None:
    """A word of doing again that the bank lacks, read as the doing, when the bank has it
    ("rewiring": "wiring"); not an ordinary word, which may mean something else ("research",
    "recall", "return")."""
    rest = word[len(AGAIN):]
    if word.startswith(AGAIN) and len(rest) >= 4 and is_content(rest) and known(stem(rest)) \
            and not lexicon.is_ordinary(word):
        return rest
    return None
