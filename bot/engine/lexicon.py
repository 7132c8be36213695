"""General-English word lists, read once from ``bot/engine/data/`` (each file names its
source) and from pyspellchecker's English word frequencies.

Nothing here is about any one body of coverage: names, topics and paraphrases of an
article come from its records (text, keywords, people and aliases), never from code.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from bot.engine.packed import PackedMap


def _data(name: str) -> str:
    return resources.files("bot.engine").joinpath("data", name).read_text(encoding="utf-8")


def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_data(name))
    return data


def _data_lines(name: str) -> Iterator[str]:
    """The lines of a data file that say something (not blank, not a ``#`` comment)."""
    for line in _data(name).splitlines():
        if line and not line.startswith("#"):
            yield line


def _pairs(name: str) -> dict[str, str]:
    """The lines of a data file as pairs: its first word -> the rest of the line."""
    return dict(line.split(None, 1) for line in _data_lines(name))


def _word_file(name: str) -> frozenset[str]:
    return frozenset(w for line in _data_lines(name) for w in line.split())


_NUMBERS = _json("numbers.json")
UNITS: dict[str, int] = _NUMBERS["units"]
TENS: dict[str, int] = _NUMBERS["tens"]
SCALES: dict[str, int] = _NUMBERS["scales"]
NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES])
#: Words that answer "how many" without a figure ("once", "both", "several").
COUNTING_WORDS = frozenset(_NUMBERS["counting_words"])


def _units(listed: list[str]) -> frozenset[str]:
    """A list of units of ``numbers.json``, in which the name of another of its unit lists
    ("length_units") stands for that list's units."""
    return frozenset(u for name in listed for u in (
        _NUMBERS[name] if name.endswith("_units") else (name,)))


#: The units of time ("day", "night", "summer").
TIME_UNITS = frozenset(_NUMBERS["time_units"])
#: The units a figure answering "how long" counts: of time and of length.
SPAN_UNITS = _units(_NUMBERS["span_units"])
#: The units of length or area, which answer "how big", "how far".
LENGTH_UNITS = _units(_NUMBERS["size_units"])
#: "how deep", "how cold", "how heavy", "how fast": the units of a figure answering it.
MEASURE_UNITS: dict[str, frozenset[str]] = {
    word: _units(_NUMBERS["measure_units"][kind]) for word, kind in _NUMBERS["measures"].items()
}


#: The forms of a verb that asks for a measure after "how much" ("how much does the steer
#: weigh": as "how heavy is the steer"), with the adjective asking it.
MEASURE_VERBS: dict[str, str] = {
    verb + end: adjective for verb, adjective in _NUMBERS["measure_verbs"].items()
    for end in ("", "s", "ed", "ing")
}


def measure_asked(ws: list[str]) -> frozenset[str]:
    """The units of the measure "how <adjective>" asks ("how deep": feet, miles, ...), or
    "how much" with a verb of measuring ("how much does it weigh": pounds, ...), or none."""
    found = next((MEASURE_UNITS[b] for a, b in pairwise(ws)
                  if a == "how" and b in MEASURE_UNITS), frozenset())
    if found or ws[:2] != ["how", "much"]:
        return found
    return next((MEASURE_UNITS[MEASURE_VERBS[w]] for w in ws if w in MEASURE_VERBS), frozenset())


#: Each number word's value as digits ("twenty" -> "20"): the one table of them.
NUMBER_VALUES: dict[str, str] = {w: str(v) for w, v in {**UNITS, **TENS, **SCALES}.items()}

CHAT: dict[str, str] = _json("chat.json")["spellings"]

_Q = _json("questions.json")
#: Single question words and the kind of answer they ask for.
ANSWER_TYPES: dict[str, str] = _Q["answer_types"]
#: Word pairs and triples that ask for a kind of answer ("how many" -> number).
TYPE_PHRASES: dict[tuple[str, ...], str] = {
    tuple(k.split()): v for k, v in _Q["type_phrases"].items()
}
NEGATIONS = frozenset(_Q["negations"])
#: "before" and "after" placing a time against a year, each with the prepositions agreeing
#: with it ("by 1851" is before it, "since 1962" after it): :mod:`.shifts`.
TIME_SHIFTS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _Q["time_shifts"].items()}
#: The words that may stand between such a preposition and its year ("before the mid-1950s").
TIME_SHIFT_SKIPPED = frozenset(_Q["time_shift_skipped"])
#: The words of degree ("more", "least"): their opposite turns a whole statement around,
#: wherever it stands in it ("the least used" asked, "the most commonly used" said).
DEGREE_WORDS = frozenset(_Q["degree_words"])
#: The phrases that count a thing named next ("how many nurses"); those asking about what
#: follows them ("what's the deal with the wiring"), their words no topic.
COUNTING_PHRASES, ABOUT_PHRASES = (tuple(tuple(p.split()) for p in _Q[k])
                                   for k in ("counting_phrases", "about_phrases"))
REASON_MARKERS = frozenset(_Q["reason_markers"])
#: Words that state a reason outright ("because", "due to"), not "to" or "for".
REASON_CONNECTIVES = frozenset(_Q["reason_connectives"])
#: Verbs that say what brought something about ("the raids sparked protests").
CAUSAL_VERBS = frozenset(_Q["causal_verbs"])
#: Verbs (and a few adjectives) whose "to" completes them, not a purpose: "encouraged people
#: to protest", "voted to approve", "plans to appeal", "is likely to rise".
COMPLEMENT_VERBS = frozenset(_Q["complement_verbs"])
SPEECH_VERBS, SPEECH_NOUNS = frozenset(_Q["speech_verbs"]), frozenset(_Q["speech_nouns"])
#: Words asking for someone's stance ("her opinion on", "his views about"): a coverage that
#: never uses them says it in other words ("spoke out against", a quote).
STANCE_WORDS = frozenset(_Q["stance_words"])
AUXILIARIES = frozenset(_Q["auxiliaries"])
#: The forms of "be" and "have" and the modals ("what are intended as", "what has changed").
LINKING_AUXILIARIES = frozenset(_Q["linking_auxiliaries"])
#: Every auxiliary of both lists ("did", "is", "has", "may").
ANY_AUXILIARY = AUXILIARIES | LINKING_AUXILIARIES
#: Determiners and pronouns that open a noun phrase ("the", "its", "they").
NOUN_PHRASE_OPENERS = frozenset(_Q["noun_phrase_openers"])
MONTHS = frozenset(_Q["months"])
WEEKDAYS = frozenset(_Q["weekdays"])
#: Words that place something in time without a month or a day ("noon", "ago", "century").
TIME_WORDS = frozenset(_Q["time_words"])
#: Words that make a figure before them a time of day ("3 pm").
CLOCK_WORDS = frozenset(_Q["clock_words"])
#: Words that are a time of day by themselves ("at noon").
TIMES_OF_DAY = frozenset(_Q["times_of_day"])
DATE_WORDS = MONTHS | WEEKDAYS | TIME_WORDS
#: The words of size after "how" ("how big", "how far"): a figure of length answers them.
SIZE_WORDS = frozenset(_Q["size_words"])
#: The words of paying ("cost", "charge", "worth"): "how much" with one asks for a sum of money.
MONEY_WORDS = frozenset(_Q["money_words"])
#: Verbs of a sale ("how much did it sell for": a price), of a change ("how much is it to drop").
SALE_VERBS, CHANGE_VERBS = frozenset(_Q["sale_verbs"]), frozenset(_Q["change_verbs"])
#: The words of time that name no day ("in the past decade"), which "what day" is not
#: answered by.
ERA_WORDS = frozenset(_Q["era_words"])
FRAME_WORDS = frozenset(_Q["frame_words"])
#: "what kind of", "which type of": the thing asked for is of the kind named next.
KIND_WORDS = frozenset(_Q["kind_words"])
SUMMARY_WORDS = frozenset(_Q["summary_words"])
#: "what's the story", "any news": asked alone, what the coverage is about.
SUMMARY_NOUNS = frozenset(_Q["summary_nouns"])
#: "tldr on the ferry", "a recap of the vote": a summary of what the words after them name.
SUMMARY_ASKS = frozenset(_Q["summary_asks"])
#: Words that hedge a figure asked for ("how many in total", "roughly how much").
FIGURE_HEDGES = frozenset(_Q["figure_hedges"])
#: ... those of them that name a figure ("what was the vote count"), a figure asked for.
FIGURE_NOUNS = frozenset(_Q["figure_nouns"])
#: "how long did the search last": the verb asks the duration, no topic
SPAN_VERBS = frozenset(_Q["span_verbs"])
#: The verbs that after "where" ask only the place ("where is the company based"); verbs of
#: deciding and announcing, news reporting what was decided or announced ("voted to").
PLACE_VERBS, OUTCOME_VERBS = frozenset(_Q["place_verbs"]), frozenset(_Q["outcome_verbs"])
#: The prepositions that put a name after them as a place ("in Ohio", "of nearby Garnet").
PLACE_PREPOSITIONS = frozenset(_Q["place_prepositions"])
#: Greetings and courtesies ("hi", "thanks"), and the words that go with them ("all",
#: "bot"): a message made of these alone asks nothing.
GREETINGS = frozenset(_Q["greetings"])
SOCIAL_WORDS = GREETINGS | frozenset(_Q["social_words"])
#: "how's it going", "what's up": small talk, asking nothing of the coverage (each phrase
#: as its words but the social ones, as :func:`small_talk` compares them).
SMALL_TALK = frozenset(tuple(w for w in p.split() if w not in SOCIAL_WORDS)
                       for p in _Q["small_talk"])


#: Thanks, and the words a thanks goes on with ("thanks, that helps a lot", "thx, exactly
#: what I needed"), which ask nothing.
THANKS_WORDS = frozenset(_Q["thanks_words"])
COURTESY_WORDS = frozenset(_Q["courtesy_words"])


def small_talk(ws: list[str]) -> bool:
    """Whether the words (folded) are greetings, courtesies and small talk alone ("hey there,
    how's it going?", "thanks, that helps a lot"), asking nothing."""
    rest = tuple(w for w in ws if w not in SOCIAL_WORDS)
    if not rest and not GREETINGS.isdisjoint(ws):
        return True
    return rest in SMALL_TALK or (not THANKS_WORDS.isdisjoint(ws[:3]) and all(
        w in COURTESY_WORDS or w in THANKS_WORDS for w in rest))


#: The English question words ("what", "which", "who", ..., "how"): a question has one, or
#: opens on an auxiliary ("is it open").
QUESTION_WORDS = frozenset({*_Q["answer_types"], "what", "which", "how"})


def babble(ws: list[str]) -> bool:
    """Whether the words (folded) are chatter asking nothing: no question word, no auxiliary
    opening them, and a word said twice in a row or two said twice over ("canoe canoe boat ??
    lake lol", "boat card boat card wheee"). Stop words said twice are slips ("the the")."""
    if not ws or ws[0] in AUXILIARIES or not QUESTION_WORDS.isdisjoint(ws):
        return False
    return any(a == b and a.isalpha() and a not in STOPWORDS for a, b in pairwise(ws)) or any(
        ws[i : i + 2] == ws[i + 2 : i + 4] and ws[i] not in STOPWORDS for i in range(len(ws) - 3))


RECENCY_WORDS = frozenset(_Q["recency_words"])
DESCRIBE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split()) for p in _Q["describe_phrases"]
)

#: Snowball's English stop words; the negations count as stop words for matching (they
#: are read on their own) and so do question frame words.
STOPWORDS = _word_file("stopwords.txt") | NEGATIONS

#: A word seen at least this often in pyspellchecker's English frequency list (built from
#: subtitles) is an ordinary English word rather than a name or a rare topic word.
ORDINARY_MIN_COUNT = 800


#: The general-English counts in use, once read: (word -> count, log of the largest + 1).
_COUNTS: list[tuple[Mapping[str, int], float]] = []


def _counts() -> tuple[Mapping[str, int], float]:
    """General-English word counts (loaded once), and the log of the largest.

    Read straight from pyspellchecker's packaged list (``resources/en.json.gz``, the same
    dictionary its ``SpellChecker`` builds, measured equal): 0.1-0.2 s, a part of a start's
    first answer unless an engine snapshot gave them packed (:func:`adopt_counts`).
    Through ``SpellChecker`` if the file is not where this version of the package keeps it.
    """
    if not _COUNTS:
        _COUNTS.append(_read_counts())
    return _COUNTS[0]


def _read_counts() -> tuple[dict[str, int], float]:
    import spellchecker

    packaged = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    try:
        with gzip.open(packaged) as f:
            counts: dict[str, int] = json.loads(f.read())
    except OSError:
        counts = dict(spellchecker.SpellChecker(language="en", distance=1)
                      .word_frequency.dictionary)
    return counts, math.log(max(counts.values(), default=1) + 1.0)


def packed_counts() -> tuple[PackedMap[int], float]:
    """The counts as an engine snapshot keeps them: a packed table (read back as a few
    buffers, not 160,000 keys) and the log of the largest."""
    counts, top = _counts()
    if not isinstance(counts, PackedMap):
        counts = PackedMap(counts, ints=True)
        _COUNTS[0] = (counts, top)
    return counts, top


def adopt_counts(counts: Mapping[str, int], top: float) -> None:
    """Use the counts an engine snapshot kept (:func:`packed_counts`), unless read already."""
    if not _COUNTS:
        _COUNTS.append((counts, top))


def english() -> Mapping[str, int]:
    return _counts()[0]


@cache
def ordinary_words() -> Mapping[str, int]:
    """The ordinary English words (:func:`is_ordinary`) of letters only, with their counts."""
    return {w: c for w, c in english().items() if c >= ORDINARY_MIN_COUNT and w.isalpha()}


def is_ordinary(word: str) -> bool:
    """An ordinary English word ("justify", "tougher"), as opposed to a name or rare word."""
    return english().get(word, 0) >= ORDINARY_MIN_COUNT


@cache
def modifiers() -> frozenset[str]:
    """The ordinary words mostly used as adjectives or adverbs ("next", "whole", "fewer",
    "inside"), from ``modifiers.txt`` (WordNet 3.0's), read on first use."""
    return _word_file("modifiers.txt")


#: A verb this common in English ("go", "get", "make", "take"; :func:`rarity`) names no act
#: of its own that a reason must be for, and has no opposite a record may turn it around by.
LIGHT_VERB_RARITY = 0.25


@lru_cache(maxsize=100_000)
def rarity(word: str) -> float:
    """0 for the commonest English word, 1 for a word general English never uses."""
    counts, top = _counts()
    return 1.0 - math.log(counts.get(word, 0) + 1.0) / top


def family_rarity(word: str, stems: tuple[str, ...]) -> float:
    """:func:`rarity` of a word's family: of the word or of its stem, when that is a word
    ("showed": "show"): an inflection says as much about a question as its commoner base."""
    return min(rarity(word), *(rarity(s) for s in stems))


def verb_opposites(word: str) -> frozenset[str]:
    """The opposites WordNet gives ``word`` as a verb ("live": "die"; not the adjective's
    "recorded"), from ``antonyms.txt``."""
    return _opposites()[2].get(word, frozenset())


_Opposites = dict[str, frozenset[str]]


@cache
def _opposites() -> tuple[_Opposites, _Opposites, _Opposites]:
    """Word -> its opposites; adjective or adverb -> its opposites of the same part of speech
    (those that have degrees); verb -> its opposites as a verb. From ``antonyms.txt`` (WordNet
    3.0's antonym pairs, read once) and the few function words WordNet has no opposite for
    (``questions.json``: before / after)."""
    found: dict[str, set[str]] = {}
    graded: dict[str, set[str]] = {}
    verbs: dict[str, set[str]] = {}
    for a, b in _Q["opposite_pairs"]:  # function words WordNet gives no opposite
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    for line in _data_lines("antonyms.txt"):
        a, b, pos = line.split()
        tables = (found, graded) if pos in ("adj", "adv") else \
            (found, verbs) if pos == "verb" else (found,)
        for table in tables:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    def frozen(table: dict[str, set[str]]) -> _Opposites:
        return {word: frozenset(others) for word, others in table.items()}

    return frozen(found), frozen(graded), frozen(verbs)


def graded_opposites(word: str) -> frozenset[str]:
    """The opposites of ``word`` as an adjective or adverb ("big": "little", "small"), and of
    a comparative or superlative in the same degree ("biggest": "smallest")."""
    graded = _opposites()[1]
    made = None if word in graded else _graded(word)
    return frozenset(degree_form(o, made[1]) for o in graded[made[0]]) if made else \
        graded.get(word, frozenset())


def opposites(word: str) -> frozenset[str]:
    """The words general English gives as the opposite of ``word`` ("least" -> "most",
    "increase" -> "decrease"), and of a comparative or superlative in the same degree
    ("stronger" -> "weaker", "latest" -> "earliest"); empty when it has none."""
    found = _opposites()[0].get(word)
    return found if found is not None else graded_opposites(word)


def plain_opposites(word: str) -> frozenset[str]:
    """The opposites of the word a comparative or superlative is made of, in no degree
    ("later": "early"), which a record may say plainly ("what evolved in later species"
    asked, "it evolved in early species" said); empty for any other word."""
    table, graded, _ = _opposites()
    made = None if word in table else _graded(word)
    return graded[made[0]] if made else frozenset()


@lru_cache(maxsize=100_000)
def all_opposites(word: str) -> frozenset[str]:
    """:func:`opposites` and :func:`plain_opposites` of ``word`` together ("later": "earlier",
    "early"), read once per word."""
    return opposites(word) | plain_opposites(word)


def _graded(word: str) -> tuple[str, str] | None:
    """The word with degrees (an adjective or adverb WordNet gives opposites) that ``word``
    is the comparative or superlative of, and its ending ("later": ("late", "er"))."""
    graded = _opposites()[1]
    for suffix in ("est", "er"):
        if not word.endswith(suffix) or len(word) < len(suffix) + 3:
            continue
        root = word[: -len(suffix)]
        # stronger -> strong, later -> late, bigger -> big, happier -> happy
        for base in (root, root + "e", root[:-1] if root[-1] == root[-2] else "",
                     root[:-1] + "y" if root.endswith("i") else ""):
            if base in graded:
                return base, suffix
    return None


def degree_form(base: str, suffix: str) -> str:
    """``base`` with a comparative or superlative ending: weak -> weaker, early ->
    earliest, late -> later, big -> bigger (a word of one syllable ending on a consonant
    after one vowel doubles it; small -> smaller, cool -> cooler)."""
    if base.endswith("e"):
        return base + suffix[1:]
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "i" + suffix
    if _ONE_VOWEL_CVC.match(base):
        return base + base[-1] + suffix
    return base + suffix


#: A word of one syllable ending consonant, vowel, consonant (not w, x or y): "big", "thin".
_ONE_VOWEL_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


@cache
def related() -> dict[str, frozenset[str]]:
    """Word -> the words general English relates to it by form ("payment" -> "pay",
    "decide" -> "decision", "told" -> "tell"), from ``related.txt`` (WordNet 3.0's
    derivationally related forms and irregular forms), read on first use."""
    out: dict[str, frozenset[str]] = {}
    for line in _data_lines("related.txt"):
        word, *others = line.split()
        out[word] = frozenset(others)
    return out


@cache
def phrasal() -> dict[tuple[str, str], tuple[str, ...]]:
    """(verb, particle) -> the single words the phrasal verb means (("go", "up"): rise,
    climb; ("call", "off"): cancel), from ``phrasal.txt`` (WordNet 3.0's), read on first
    use."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in _data_lines("phrasal.txt"):
        lemma, *meant = line.split()
        verb, particle = lemma.split("_")
        out[verb, particle] = tuple(meant)
    return out


@cache
def irregular() -> dict[str, str]:
    """Irregular verb form -> its verb ("got" -> "get", "told" -> "tell"), from
    ``irregular.txt`` (WordNet 3.0's, but forms mostly used as words of their own), read on
    first use."""
    return _pairs("irregular.txt")


@cache
def american() -> dict[str, str]:
    """British spelling -> the American ("colour" -> "color", "theatre" -> "theater"), from
    ``spellings.txt`` (breame's list), read on first use."""
    return _pairs("spellings.txt")


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> the phrase it stands for ("ceo" -> "chief executive officer"), from
    ``abbreviations.txt`` (WordNet 3.0's), read on first use."""
    return _pairs("abbreviations.txt")


#: Words whose opposite says only where the speaker stands: "I've lived here" answers "how
#: long has she lived there".
DEICTIC_WORDS = frozenset(_Q["deictic_words"])
#: Opposed function words that give a stance on the act before them ("voted for", "argued
#: against"): read with that word only, as what follows has other senses ("a tax for the
#: fire company", "paid for testifying").
STANCE_PREPOSITIONS = frozenset(_Q["stance_prepositions"])
#: Words leaving someone out of what is asked ("who else voted no besides Obi").
EXCLUSIONS: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in _Q["exclusions"])
#: Verbs whose object may be "yes" or "no" ("voted no", "said no"): that "no" is the answer
#: given, not a negation.
ANSWER_VERBS = frozenset(_Q["answer_verbs"])


@cache
def opposed_stop_words() -> frozenset[str]:
    """The stop words that have opposites ("least" / "most", "up" / "down", "all" / "no"),
    but for :data:`DEICTIC_WORDS`."""
    return frozenset(w for w in STOPWORDS - DEICTIC_WORDS if opposites(w))


#: Each part of a compound read as two words is an English word this long at least ...
COMPOUND_PART_MIN = 3
#: ... and its second is no word that is also a suffix ("membership", "percentage").
_SUFFIX_WORDS = frozenset({"age", "ages", "hip", "ship", "ships", "hood", "ness", "ment",
                           "dom", "ward", "wards", "like", "less", "ful", "able", "ion"})


def compound_splits(word: str, min_count: int) -> list[tuple[str, str]]:
    """The ways ``word`` splits into two English words (each seen ``min_count`` times in
    :func:`english`), the most even first: "homeowners" -> ("home", "owners")."""
    counts = english()
    n = COMPOUND_PART_MIN
    cuts = sorted(range(n, len(word) - n + 1), key=lambda i: abs(len(word) / 2 - i))
    return [(word[:i], word[i:]) for i in cuts
            if word[i:] not in _SUFFIX_WORDS and counts.get(word[:i], 0) >= min_count
            and counts.get(word[i:], 0) >= min_count]
