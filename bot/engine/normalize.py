"""The engine's normaliser: records and questions are read through it.

* :func:`fold` makes text comparable: the characters folded by :func:`bot.textfold.fold`
  (the one character fold, which verify and the storage's keys use too: Unicode NFKC, case
  folded, accents and invisible characters removed, curly quotes and dashes made plain),
  then what is the engine's own: possessives removed, dotted abbreviations ("U.S.", "l.a.")
  written as one word, digit groups joined ("1,000").
* :func:`words` splits folded text into words, with number words as digits
  ("twenty seven" -> "27") and chat spellings written out ("ppl" -> "people").
* :func:`stem` reduces a word to its Snowball (Porter 2) stem, through PyStemmer, so that
  "protesters", "protesting" and "protests" meet, an irregular verb form first read as its
  verb ("got" as "get", WordNet's forms in ``data/irregular.txt``); digits are kept as they
  are.
* :func:`is_content` tells a word that can say what a text is about.

Every word list used here is general English and lives in ``data/`` with its source named.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from bot import textfold
from bot.engine import lexicon

# Dotted abbreviations of single letters ("u.s.", "l. a.", "d.c.") become one word.
_DOTTED = re.compile(r"\b(?:[a-z]\.\s?){2,}(?![a-z])")
_TLDR = re.compile(r"\btl\s?[;:/]?\s?dr\b")
_POSSESSIVE = re.compile(r"(?<=[^\W_])'s\b|(?<=s)'(?=\s|$)")
# (the comma first: a pattern opening on a literal is searched for fast)
_DIGIT_GROUPS = re.compile(r",(?<=\d,)(?=\d{3}\b)")
_TOKEN = re.compile(r"[^\W_]+")
#: :data:`_TOKEN` for ASCII text (the same words, found faster).
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+", re.ASCII)
_CLAUSES = re.compile(r"[,;:!?()\[\]]|\.(?!\d)")
#: "co-op", the clipped "cooperative", written with its hyphen (read as "coop", which the
#: chat spellings write out).
_CO_OP = re.compile(r"\bco-op")
#: "non-" before a word makes one word of the two ("non-specific" is "nonspecific", which
#: is not "specific": :func:`~bot.engine.negation.unprefixed`).
_NON = re.compile(r"\bnon-(?=[a-z])")
#: The ending of an ordinal written in figures ("2nd", "21st", "4th").
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
#: A stretch of text in double quotes, straight or curly.
_QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d')

#: Words longer than this are not words (they are not stemmed nor corrected).
MAX_WORD = 40


def fold(text: str) -> str:
    """``text`` folded for comparison; punctuation is kept (see :func:`words`)."""
    text = textfold.fold(text)
    # (each step only when the characters it needs are there: most texts need none)
    if "tl" in text and "dr" in text:
        text = _TLDR.sub(" tldr ", text)
    if text.count(".") > 1:
        text = _DOTTED.sub(lambda m: " " + re.sub(r"[.\s]", "", m.group()) + " ", text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text).replace("'", "")
    if "," in text:
        text = _DIGIT_GROUPS.sub("", text)
    if "co-op" in text:
        text = _CO_OP.sub("coop", text)
    if "%" in text:
        text = text.replace("%", " percent ")  # "78%" is "78 percent"
    return _ORDINAL.sub("", text)  # "March 2nd" is "March 2", "the 21st" "the 21"


def _numbers(tokens: list[str]) -> list[str]:
    """Number words to digits: "twenty seven" -> "27", "a hundred" -> "100".

    A lone "one" stays a word ("no one", "one of them"); "one hundred" is a number.
    """
    units, tens, scales = lexicon.UNITS, lexicon.TENS, lexicon.SCALES
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        starts = (
            tok in units
            or tok in tens
            or (tok in ("one", "a") and i + 1 < n and tokens[i + 1] in scales)
        )
        if not starts:
            out.append(tok)
            i += 1
            continue
        total, current, last, j = 0, 0, "", i
        while j < n:
            t = tokens[j]
            after = last in ("", "hundred", "scale") or (last == "ten" and units.get(t, 10) < 10)
            if (t in units and after) or (t == "one" and last == "ten"):
                current += units.get(t, 1)  # ("twenty-one": 21)
                last = "unit"
            elif t in tens and last in ("", "hundred", "scale"):
                current += tens[t]
                last = "ten"
            elif t in ("one", "a") and last == "" and j + 1 < n and tokens[j + 1] in scales:
                current, last = 1, "unit"
            elif t == "hundred" and last == "unit":
                current *= 100
                last = "hundred"
            elif t in scales and t != "hundred" and last in ("unit", "ten", "hundred"):
                total += current * scales[t]
                current, last = 0, "scale"
            elif (
                t == "and"
                and last in ("hundred", "scale")
                and j + 1 < n
                and (tokens[j + 1] in units or tokens[j + 1] in tens)
            ):
                pass
            else:
                break
            j += 1
        out.append(str(total + current))
        i = j
    return out


#: A figure written in digits before a scale's word ("28 million", "2.5 billion", "40
#: thousand"): one figure, as "twenty-eight million" is ("2.5" not read as "2" and "5").
_SCALED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)[\s-]+(thousand|million|billion)\b")


#: A figure of thousands in shorthand: "40k", "$1.5k".
_THOUSANDS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)k\b")


def _scaled(m: re.Match[str], scaled: str = "") -> str:
    """The figure ``m`` found, in digits ("28 million": "28000000"; its scale ``scaled`` when
    it has none: "40k"); as written when the decimals outrun the scale ("1.23456
    thousand")."""
    whole, _, decimals = m.group(1).partition(".")
    scale = lexicon.SCALES[scaled or m.group(2)]
    if len(decimals) > len(str(scale)) - 1:
        return m.group()
    return str(int(whole) * scale + (int(decimals) * scale // 10 ** len(decimals) if decimals
                                     else 0))


#: A word joined by hyphens to others ("four-to-one", "one-in-10", "one-third").
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+\b")


def _one_as_figure(compound: re.Match[str]) -> str:
    """"one" of a hyphenated figure is the figure 1 ("four-to-one": "4-to-1", "one-in-10");
    alone it stays a word ("no one", "one of them")."""
    parts = compound.group().split("-")
    if "one" not in parts or not any(
            p.isdigit() or (p != "one" and p in lexicon.NUMBER_WORDS) for p in parts):
        return compound.group()
    return "-".join("1" if p == "one" and (k == 0 or parts[k - 1] not in lexicon.TENS) else p
                    for k, p in enumerate(parts))


def words(text: str) -> list[str]:
    """The words of ``text``: folded, number words as digits, chat spellings written out."""
    folded = fold(text)
    if ("illion" in folded or "thousand" in folded) and _SCALED.search(folded):
        folded = _SCALED.sub(_scaled, folded)
    if "k" in folded and _THOUSANDS.search(folded):  # "40k": "40000"
        folded = _THOUSANDS.sub(lambda m: _scaled(m, "thousand"), folded)
    if "non-" in folded:
        folded = _NON.sub("non", folded)
    if "one-" in folded or "-one" in folded:
        folded = _HYPHENATED.sub(_one_as_figure, folded)
    token = _ASCII_TOKEN if folded.isascii() else _TOKEN
    tokens = token.findall(folded)
    if not lexicon.NUMBER_WORDS.isdisjoint(tokens):
        # numbers do not run across punctuation ("a hundred, forty")
        tokens = [t for part in _CLAUSES.split(folded) for t in _numbers(token.findall(part))]
    chat = lexicon.CHAT
    if not chat.keys().isdisjoint(tokens):
        tokens = [w for t in tokens for w in chat.get(t, t).split()]
    return tokens


def quoted(text: str) -> list[str]:
    """The :func:`words` of the longest stretch of ``text`` in double quotes ("who said
    \"never a panda\"": never, a, panda); empty when none has two words."""
    found = [words(a or b) for a, b in _QUOTED.findall(text)]
    best = max(found, key=len, default=[])
    return best if len(best) >= 2 else []


_STEMMER = Stemmer.Stemmer("english")
_STEMMER.maxCacheSize = 0  # our own cache below is unbounded-safe (lru)


_IRREGULAR = lexicon.irregular()
#: British spellings read as the American ones ("metres": "meters"), so both spellings meet.
_AMERICAN = lexicon.american()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a folded word, an irregular verb form read as its verb ("got" as
    "get": :func:`lexicon.irregular`), a British spelling as the American ("theatre" as
    "theater": :func:`lexicon.american`); digits and over-long words are kept whole. A short
    verb ending in "e" keeps it in every form ("sued", "suing": "sue", as "sue" is; Snowball
    cuts them to "su")."""
    if word.isdigit() or len(word) > MAX_WORD:
        return word
    us = _AMERICAN.get(word, word)  # (a British spelling: "metres" as "meters")
    base = _IRREGULAR.get(us, us)
    cut = str(_STEMMER.stemWord(base))
    if len(cut) <= SHORT_STEM and base in (cut + "ed", cut + "ing"):
        verb = cut + "e"
        if lexicon.english().get(verb, 0) and _STEMMER.stemWord(verb) == verb:
            return verb
    return cut


#: The words that stand only before a noun: articles, demonstratives, possessives ("the
#: painting", "its building", "a meeting"): a word in "-ing" after one is a noun.
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "their"})


#: A stem this short, cut from an "-ed" or "-ing" form, may have lost its verb's "e".
SHORT_STEM = 3


def is_content(word: str) -> bool:
    """A word that can say what a text is about: not a stop word ("a" and "i" are; a lone
    "b" or "t" is content: "B cells", "F— ICE")."""
    return word not in lexicon.STOPWORDS and (len(word) > 1 or word.isalnum())


def content_stems(ws: list[str]) -> list[str]:
    """The stems of the content words of ``ws`` (:func:`is_content`), in order."""
    return [stem(w) for w in ws if is_content(w)]


def phrase_end(ws: list[str], phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """Where in ``ws`` the first of ``phrases`` (tried in order) that it holds ends ("how
    many" in "so how many left": 3), or None when it holds none."""
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(ws) - n + 1):
            if tuple(ws[i : i + n]) == phrase:
                return i + n
    return None


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
