"""The answer engine: finds the fact or quote that answers a question, or abstains.

How a question is read (:meth:`Engine._read`):

1. It is folded into words (:mod:`bot.engine.text`: case, accents, quotes, possessives,
   number words as digits). A word that is neither in the vocabulary (every word of the
   records, keywords and names) nor an index term is corrected to the closest vocabulary
   word (:class:`~bot.engine.index.Vocabulary`; names may be two edits off); a corrected
   word counts a little less; a misspelt function word is dropped. An ordinary English
   word (:func:`~bot.engine.text.is_ordinary`) is never "corrected" into another word.
   Then fixed phrases are read ("los angelas" -> "los angeles" -> "la"; "locked up" ->
   "arrested"; "pushing back" -> "speaking out"; "what's the deal with" -> nothing).
2. Answer-type cues are noted (how many -> a number, or a series of names; when, what
   night -> a date; where -> a place or, for something said, a medium; who -> a person;
   said/wrote/think -> a quote; why -> a reason, purpose or means; "how do X justify" -> a
   belief; "compared to" -> a comparison; "what's the name of X" -> a name next to X) and
   so is a wish for the newest report (latest, now, so far). Intent words ("justify",
   "compared") and type nouns ("what *platform*", "how *bad*") are cues, not content.
3. Names are found among the words (:class:`~bot.engine.names.NameTable`); a named person
   becomes an item matched by the ``@person-id`` term the index keeps for the people a fact
   is about and a quote's speaker, or by the name in a text, and weighs more. Every other
   content word becomes an item weighed by its IDF (a day, figure or place more), with the
   words the paraphrase lexicon relates to it (:data:`~bot.engine.text.PARAPHRASES`:
   "monarch" -> king, "sweeps" -> raid) as alternatives at a lower credit. A word that
   stays unknown weighs as much as the rarest word, so a question about something the
   coverage does not mention (another person, another topic) cannot reach the threshold
   on its other words; but an unknown *ordinary* English word ("tougher", "championed")
   weighs a third of that when a name or a rare word anchors the question, unless it
   looks like a name (capitalised, next to another unknown word), or is what the question
   turns on (the noun after "which", the verb after a named subject, what something is
   compared to). "X or Y" becomes one item that either satisfies.
4. The question's subject ("what did X say", "did X ...", "the Florida rapper") is marked:
   a record without it scores less, and an unknown subject (a name nobody in the coverage
   has) sinks the question; so does part of a name next to an unknown non-word ("Khloe
   Kardashian"). The verb after a named subject weighs more (more still when the coverage
   never uses it: "what did X wear").

How it is answered (:meth:`Engine._rank`): candidates come from the posting lists of the
items, rarest first, until the items left could not lift a record to a useful score; then
the remaining items only add to the candidates found (a set intersection or binary searches),
so the work per question stays bounded however large the bank is. A candidate's score is
the share of the question's weight it covers (each item counted once, at the best field it
occurs in), times the answer-type factor (a "how many" question wants a number), less
for a record with the opposite of a question word ("female" for "male"). The best
few are scored exactly and re-ranked with field weights (people > keywords > text >
passages), the named person being the record's subject, and a rapidfuzz comparison of the
question with the record's text. Below the threshold the engine abstains, suggesting the
nearest records when some are close.
"""

from __future__ import annotations

import heapq
import math
import random
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.engine.index import (
    FIELD_CONTEXT,
    FIELD_KEYWORD,
    FIELD_PERSON,
    FIELD_TEXT,
    InvertedIndex,
    StopwordSpeller,
    Vocabulary,
)
from bot.engine.names import NameMatch, NameTable, name_words
from bot.engine.text import (
    BELIEF,
    COMPARE,
    COUNT,
    CUE_WORDS,
    DATE,
    GEO,
    GEO_WORDS,
    HOW_CUE_WORDS,
    INTENT_CUES,
    LIST,
    MEDIUM,
    META_WORDS,
    NAME,
    NUMBER,
    OPINION,
    OPINION_WORDS,
    OPPOSITES,
    PERSON,
    PHRASE_WORDS,
    PLACE,
    REASON,
    RECENCY_WORDS,
    RECORD_FLAGS,
    SPEECH,
    SPEECH_NOUNS,
    SPEECH_TERM,
    STOPWORDS,
    TYPE_NOUNS,
    VENUE,
    asks_recency,
    fold,
    is_constraint,
    is_content,
    is_ordinary,
    load_english,
    name_head,
    phrases,
    question_types,
    raw_words,
    record_features,
    related_terms,
    term,
    text_features,
    words,
    wordset,
)
from bot.models import (
    Answer,
    Bank,
    Conflict,
    Fact,
    Person,
    Quote,
    QuoteHit,
    Record,
    RecordKind,
    Source,
    SourceRef,
    kind_of,
)

#: Answers scoring below this (0-100) are abstentions; ``Settings.answer_threshold`` overrides.
DEFAULT_THRESHOLD = 55.0
#: Near misses scoring at least this share of the threshold are offered as suggestions.
SUGGEST_SHARE = 0.5
#: ... or at least this share of that when they are about a person the question names.
SUGGEST_NAMED_SHARE = 0.5

#: Only this much of a question is read (the caller limits length; this bounds the work).
MAX_QUESTION_CHARS = 2000
MAX_QUESTION_WORDS = 48

#: Postings longer than this only score candidates already found by rarer items.
POSTING_CAP = 6000
#: When no rarer item found candidates, the newest this many entries of a long posting seed them.
SEED_CAP = 6000
#: Once this many candidates exist, further items only score them.
GROW_CAP = 4000
#: At most this many candidates are checked against a long posting.
CHECK_CAP = 2000
#: Candidates scored in detail.
SHORTLIST = 24
#: Points a candidate gains for the fields its words are in (people, keywords > text).
RANK_BONUS = 5.0
#: Candidates compared with the question by rapidfuzz.
FUZZ_TOP = 6

#: How much of an item a match counts for, by field (coverage) and how much it ranks.
_CREDIT = {FIELD_TEXT: 1.0, FIELD_KEYWORD: 0.9, FIELD_CONTEXT: 0.8, FIELD_PERSON: 1.0}
_RANK = {FIELD_PERSON: 1.6, FIELD_KEYWORD: 1.4, FIELD_TEXT: 1.0, FIELD_CONTEXT: 0.6}
#: Fields a reader sees as the record's own words.
_SHOWN = FIELD_TEXT | FIELD_KEYWORD


def _best_by_bits(table: dict[int, float]) -> list[float]:
    return [max((v for b, v in table.items() if bits & b), default=0.0) for bits in range(16)]


FIELD_CREDIT = _best_by_bits(_CREDIT)
FIELD_RANK = _best_by_bits(_RANK)

#: Credit of a corrected word, by edit distance.
_CORRECTION_CREDIT = {0: 1.0, 1: 0.85, 2: 0.7}
#: Unknown words this long may be corrected two edits away to a word of a person's name.
NAME_TWO_EDITS_LEN = 7
#: A one-word name used this many times more often as a word (and at least this often) is
#: read as the word.
COMMON_NAME_RATIO = 3
COMMON_NAME_MIN_DF = 20
#: A person item's weight is its IDF times this.
NAME_BOOST = 1.5
#: Role words ("the rapper") stand for the people they describe at this credit.
ROLE_CREDIT = 0.6
#: A word the coverage does not know weighs as much as an unseen term times this.
UNKNOWN_WEIGHT = 1.0
#: A day, figure or place name in a question weighs this much more (see is_constraint).
CONSTRAINT_BOOST = 1.5
_DO_WORDS = wordset("did does do has have had will would can could")
#: The word right after the person in "did X ..." weighs this much more.
PREDICATE_BOOST = 2.0
#: ... and this much more when the coverage never uses it ("what did X sing").
UNKNOWN_PREDICATE_BOOST = 2.5
#: Score factor when the question's subject is a name the coverage does not know.
UNKNOWN_SUBJECT_FACTOR = 0.5

#: Score factor for a candidate that lacks what the question asks for.
_TYPE_MISS = {
    NUMBER: 0.45,
    DATE: 0.5,
    PLACE: 0.75,
    GEO: 0.6,
    PERSON: 0.85,
    REASON: 0.5,
    COMPARE: 0.8,
    BELIEF: 0.8,
}
#: ... for a "how many" question, a record naming a series of things counts them.
_LIST_FOR_NUMBER = 0.7
#: Credit of a related word from the paraphrase lexicon (text.PARAPHRASES).
PARAPHRASE_CREDIT = 0.8
#: An unknown ordinary English word ("justify", "tougher") weighs this share of an unknown
#: word: it may be a paraphrase the lexicon lacks, so it must not sink a question whose other
#: words match. Names, runs of unknown words, capitalised words, the noun a "which"/"what"
#: asks about, and the verb after a named subject keep the full weight.
ORDINARY_SHARE = 0.35
#: A known word weighing this share of an unknown word's weight anchors a question.
ANCHOR_SHARE = 0.6
#: Score factor for a record with the opposite of a question word ("male" / "female").
OPPOSITE_FACTOR = 0.5
#: Score factor for an answer to "what's the name of X" that names nothing next to X.
NAME_MISS = 0.5
_SPEECH_FACT_WITH_SAY = 0.9
_SPEECH_FACT = 0.5
#: Score factor for a "where" answer that names a medium ("on Instagram") but no place.
_MEDIUM_FOR_PLACE = 0.9
_IS_QUOTE = 32
_FLAG_VALUES = RECORD_FLAGS

_TYPE_ASKERS = wordset("what which whats")
#: Words of "what's the name of X" / "what is X called": cues, not content.
_NAME_CUES = wordset("name names called")
#: Prepositions before what a comparison compares to ("compared X to Y", "likened to Y").
_COMPARE_TO = wordset("to with")
#: Auxiliaries before a question's subject ("did X ...", "what has X said").
_AUX_WORDS = wordset("did does do has have had is was were are will would could can")
_WH_WORDS = wordset("what whats who whos how why when where which whom whose")
#: Words before the people a question sets aside ("who else besides Kim").
_EXCLUDING = wordset("besides except excluding aside apart other than beyond")
#: ... unless it is about others too ("along with X, other stars ...").
_OTHERS = wordset("other others else")
#: Score factor for a record only about people the question sets aside.
EXCLUDED_FACTOR = 0.6
#: Subjects too general to require ("why do people ...").
_GENERIC_TERMS = frozenset(
    term(w)
    for w in wordset("people person someone everyone anyone celebrity public folks others fans")
)
#: Score factor for an answer to "where is X from" without the place X's description gives.
ORIGIN_MISS = 0.8
#: Generic words ("people", "someone") weigh this share of their IDF: "why do people ...".
GENERIC_SHARE = 0.5
#: Score factor for a candidate without the question's subject.
SUBJECT_MISS = 0.6
_RECENCY_BAND = 8.0

_STOPWORD_SPELLER = StopwordSpeller(STOPWORDS)
_SPEAK_TERM = term("speak")

ABSTAIN_TEXT = "The coverage doesn't say."
_HINT_SUGGEST = " Perhaps you meant one of the suggestions."
_HINT_NONE = " Try asking about a person, a place or an event in the coverage."


# --------------------------------------------------------------------------- query model


@dataclass(frozen=True, slots=True)
class _Word:
    """A question word: as typed (folded), its term (after correction), the edits the
    correction took (-1: unknown, no correction), its position in the question."""

    word: str
    term: str
    edits: int
    pos: int


@dataclass(slots=True)
class _Item:
    """One thing the question asks about: a word, or a named person."""

    words: list[str]
    #: (term, credit) alternatives; the best one a record has counts
    alts: list[tuple[str, float]]
    weight: float
    df: int
    people: tuple[str, ...] = ()
    #: the question's subject ("what did X say"): a record without it is a poor answer
    subject: bool = False


_NO_ITEM = _Item([], [], 0.0, 0)


@dataclass(slots=True)
class _Query:
    items: list[_Item]
    types: int = 0
    recency: bool = False
    meta: bool = False
    unknown_subject: bool = False
    people: tuple[str, ...] = ()
    #: people the question names as its subject ("what did X say")
    subject_people: tuple[str, ...] = ()
    #: people the question sets aside ("who besides X ...")
    excluded: frozenset[str] = frozenset()
    folded: str = ""
    #: (question term, its opposite) pairs: a record with only the opposite is a poor answer
    opposites: tuple[tuple[str, str], ...] = ()
    #: for "what's the name of X": the terms of X (the record must name it)
    name_terms: frozenset[str] = frozenset()

    @property
    def total(self) -> float:
        return sum(it.weight for it in self.items)


@dataclass(slots=True)
class _Scored:
    rid: int
    record: Fact | Quote
    score: float
    key: float = 0.0
    matched: list[str] = field(default_factory=list)
    named: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Speakers:
    version: int
    people: list[Person]  # people with quotes, by name
    keys: list[tuple[str, int]]  # (a name, or a later word of it; person index), sorted
    names: list[str]  # every name, folded
    owners: list[int]  # person index of each name


@dataclass(frozen=True, slots=True)
class _Analysis:
    fields: dict[str, int]
    surface: list[str]
    length: int
    flags: int


@lru_cache(maxsize=256)
def _factor_table(types: int) -> tuple[float, ...]:
    """Score factor by record flags (0-511) for a question asking for ``types``: a record
    lacking what is asked for scores less."""
    table = []
    for flags in range(_FLAG_VALUES):
        f = 1.0
        for t, miss in _TYPE_MISS.items():
            if t == PLACE and types & VENUE:
                # where something was said: the medium first, else a place
                f *= 1.0 if flags & MEDIUM else _MEDIUM_FOR_PLACE if flags & PLACE else miss
            elif types & t and not flags & t:
                if t == PLACE and flags & MEDIUM:
                    f *= _MEDIUM_FOR_PLACE
                elif t == NUMBER and flags & LIST and types & COUNT:
                    f *= _LIST_FOR_NUMBER
                else:
                    f *= miss
        if types & SPEECH and not flags & _IS_QUOTE:
            f *= _SPEECH_FACT_WITH_SAY if flags & SPEECH else _SPEECH_FACT
        elif types & OPINION and not flags & _IS_QUOTE:
            f *= _SPEECH_FACT_WITH_SAY
        table.append(f)
    return tuple(table)


def _has(rids: array[int], rid: int) -> bool:
    i = bisect_left(rids, rid)
    return i < len(rids) and rids[i] == rid


def _visible(guild_id: int | None) -> Callable[[Record], bool]:
    if guild_id is None:
        return lambda r: r.guild_id is None
    return lambda r: r.guild_id is None or r.guild_id == guild_id


def _person_term(person_id: str) -> str:
    return "@" + person_id


_LETTERS = re.compile(r"[^\W\d_]+")


def _capitalised(raw: str) -> frozenset[str]:
    """Folded words written with a capital inside a question (not its first word): names,
    most likely ("what did Taylor Swift say"), or acronyms ("DHS")."""
    tokens = _LETTERS.findall(raw[:MAX_QUESTION_CHARS])
    return frozenset(fold(t) for i, t in enumerate(tokens) if i > 0 and t[0].isupper() and t != "I")


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


# --------------------------------------------------------------------------- the engine


class Engine:
    """An in-memory index of a bank, answering questions with citations."""

    def __init__(self, bank: Bank | None = None, *, threshold: float | None = None) -> None:
        self.threshold = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        load_english()  # now rather than on the first question
        self._reset()
        if bank is not None:
            self.load(bank)

    # ------------------------------------------------------------------ upkeep

    def _reset(self) -> None:
        self._records: list[Fact | Quote | None] = []
        self._flags = array("H")
        self._lengths = array("H")
        self._rids: dict[str, dict[str, int]] = {"fact": {}, "quote": {}}
        self._sources: dict[str, Source] = {}
        self._names = NameTable()
        self._index = InvertedIndex()
        self._vocab = Vocabulary()
        #: the words of people's names alone (corrected more boldly)
        self._name_words = Vocabulary()
        self._quote_rids = array("i")
        #: speaker id -> {guild id or None: number of quotes}
        self._spoken: dict[str, dict[int | None, int]] = {}
        self._total_length = 0
        #: bumped when a person or a quote changes (the speaker cache checks it)
        self._version = 0
        self._speaker_cache: dict[int | None, _Speakers] = {}

    def load(self, bank: Bank) -> None:
        """Replace everything with ``bank``."""
        self._reset()
        for record in bank.records():
            self.upsert(record)

    def upsert(self, record: Record) -> None:
        """Add a record, or replace the one of the same kind and id, in place."""
        if isinstance(record, Person | Quote):
            self._version += 1
        if isinstance(record, Source):
            self._sources[record.id] = record
        elif isinstance(record, Person):
            old = self._names.remove(record.id)
            if old is not None:
                self._vocab.discard(self._names.surface_words(old))
                self._name_words.discard(self._names.surface_words(old))
            self._names.add(record)
            self._vocab.add(self._names.surface_words(record))
            self._name_words.add(self._names.surface_words(record))
        else:
            kind = kind_of(record)
            if record.id in self._rids[kind]:
                self.remove(kind, record.id)
            self._add(record)

    def remove(self, kind: RecordKind, record_id: str) -> None:
        """Forget a record (nothing happens when there is none)."""
        if kind in ("person", "quote"):
            self._version += 1
        if kind == "source":
            self._sources.pop(record_id, None)
            return
        if kind == "person":
            old = self._names.remove(record_id)
            if old is not None:
                self._vocab.discard(self._names.surface_words(old))
                self._name_words.discard(self._names.surface_words(old))
            return
        rid = self._rids[kind].pop(record_id, None)
        if rid is None:
            return
        record = self._records[rid]
        assert record is not None
        info = self._analyse(record)
        self._index.remove(rid, info.fields)
        self._vocab.discard(info.surface)
        self._records[rid] = None
        self._total_length -= info.length
        if isinstance(record, Quote):
            i = self._find(self._quote_rids, rid)
            if i is not None:
                del self._quote_rids[i]
            if record.speaker is not None:
                counts = self._spoken.get(record.speaker, {})
                left = counts.get(record.guild_id, 0) - 1
                if left > 0:
                    counts[record.guild_id] = left
                else:
                    counts.pop(record.guild_id, None)
                    if not counts:
                        self._spoken.pop(record.speaker, None)

    @staticmethod
    def _find(arr: array[int], value: int) -> int | None:
        i = bisect_left(arr, value)
        return i if i < len(arr) and arr[i] == value else None

    def _add(self, record: Fact | Quote) -> None:
        rid = len(self._records)
        info = self._analyse(record)
        self._records.append(record)
        self._flags.append(info.flags)
        self._lengths.append(min(info.length, 65535))
        self._total_length += info.length
        self._rids[kind_of(record)][record.id] = rid
        self._index.add(rid, info.fields)
        self._vocab.add(info.surface)
        if isinstance(record, Quote):
            self._quote_rids.append(rid)
            if record.speaker is not None:
                counts = self._spoken.setdefault(record.speaker, {})
                counts[record.guild_id] = counts.get(record.guild_id, 0) + 1

    @staticmethod
    def _analyse(record: Fact | Quote) -> _Analysis:
        """The index terms of a record with their field bits, its vocabulary words, its
        length and its features. A pure function of the record (re-run on removal)."""
        fields: dict[str, int] = {}
        surface: dict[str, None] = {}

        seen: dict[str, list[str]] = {}

        def put(text: str, bit: int) -> list[str]:
            ws = seen.get(text)
            if ws is not None:  # the same text in another field (a passage quoting it)
                for w in ws:
                    if w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
                        t = term(w)
                        fields[t] = fields.get(t, 0) | bit
                return ws
            raw = raw_words(text)
            ws = phrases(raw)[0]
            seen[text] = ws
            for w in ws:
                if w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
                    t = term(w)
                    fields[t] = fields.get(t, 0) | bit
                    if not w.isdigit():
                        surface[w] = None
            if ws is not raw:  # the words of rewritten phrases are vocabulary too
                for w in raw:
                    if is_content(w) and not w.isdigit():
                        surface[w] = None
            return ws

        shown = put(record.text, FIELD_TEXT)
        for k in record.keywords:
            put(k, FIELD_KEYWORD)
        for c in record.citations:
            put(c.passage, FIELD_CONTEXT)
        if isinstance(record, Quote):
            shown = shown + put(record.context, FIELD_CONTEXT)
            # a quote is someone speaking: it answers "who spoke out about X"
            fields[_SPEAK_TERM] = fields.get(_SPEAK_TERM, 0) | FIELD_CONTEXT
            people: tuple[str, ...] = () if record.speaker is None else (record.speaker,)
            flags = _IS_QUOTE | SPEECH
        else:
            people = record.people
            flags = 0
        for pid in people:
            fields[_person_term(pid)] = fields.get(_person_term(pid), 0) | FIELD_PERSON
        if people:
            flags |= PERSON
        flags |= text_features(shown) | record_features(record.text)
        length = sum(1 for b in fields.values() if b & (FIELD_TEXT | FIELD_KEYWORD))
        return _Analysis(fields, list(surface), length, flags)

    # ------------------------------------------------------------------ plain access

    def get(self, kind: RecordKind, record_id: str) -> Record | None:
        if kind == "source":
            return self._sources.get(record_id)
        if kind == "person":
            return self._names.people.get(record_id)
        rid = self._rids[kind].get(record_id)
        return None if rid is None else self._records[rid]

    def people(self, *, guild_id: int | None = None) -> list[Person]:
        visible = _visible(guild_id)
        return sorted(self._names.all(visible), key=lambda p: (p.name.casefold(), p.id))

    def stats(self) -> dict[str, int]:
        return {
            "sources": len(self._sources),
            "people": len(self._names),
            "facts": len(self._rids["fact"]),
            "quotes": len(self._rids["quote"]),
            "terms": len(self._index),
            "words": len(self._vocab),
        }

    def bank(self, *, guild_id: int | None = None) -> Bank:
        """The records visible to ``guild_id`` (global ones included), as a bank."""
        visible = _visible(guild_id)
        live = [r for r in self._records if r is not None and visible(r)]
        return Bank(
            sources=tuple(s for s in self._sources.values() if visible(s)),
            people=tuple(self._names.all(visible)),
            facts=tuple(r for r in live if isinstance(r, Fact)),
            quotes=tuple(r for r in live if isinstance(r, Quote)),
        )

    # ------------------------------------------------------------------ reading a question

    def _idf(self, df: int) -> float:
        n = len(self._rids["fact"]) + len(self._rids["quote"])
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _read(self, question: str, guild_id: int | None, *, for_quotes: bool = False) -> _Query:
        raw = question[:MAX_QUESTION_CHARS]
        index, vocab, names = self._index, self._vocab, self._names
        # each unknown word corrected to the closest vocabulary word, before phrases are
        # read ("los angelas" -> "los angeles" -> "la"); -1 marks a word that stays unknown
        tokens: list[str] = []
        marks: list[int] = []
        typed: dict[str, str] = {}
        for w in raw_words(raw)[: MAX_QUESTION_WORDS * 2]:
            edits = 0
            if (
                len(w) > 1
                and not w.isdigit()
                and is_content(w)
                and w not in RECENCY_WORDS
                and w not in INTENT_CUES
                and not self._known(w)
            ):
                ordinary = is_ordinary(w)
                if w in PHRASE_WORDS:
                    # part of a phrase ("pro choice"): not corrected, unknown unless the
                    # phrase is read (below)
                    tokens.append(w)
                    marks.append(-1)
                    continue
                # a correctly spelt English word is not a typo of another word
                fixed = None if ordinary else vocab.correct(w)
                if fixed is None and not ordinary and len(w) >= NAME_TWO_EDITS_LEN:
                    # names are misspelt more boldly: two edits from 7 letters
                    fixed = self._name_words.correct(w, 2)
                if fixed is None and not is_ordinary(w) and _STOPWORD_SPELLER(w) is not None:
                    continue  # a misspelt function word
                if fixed is None or not is_content(fixed[0]) or term(fixed[0]) == SPEECH_TERM:
                    edits = -1  # (a correction into a function word is no correction)
                else:
                    typed[fixed[0]] = w
                    w, edits = fixed[0], fixed[1]
            tokens.append(w)
            marks.append(edits)
        ws, marks = phrases(tokens, marks)
        # (a rewritten phrase gives known words)
        marks = [0 if m < 0 and self._known(w) else m for w, m in zip(ws, marks, strict=True)]
        query = _Query(
            items=[], types=question_types(ws, self._possessed(raw, ws)), recency=asks_recency(ws)
        )
        if "tell" in ws and not any(w in ws for w in ("say", "said", "saying")):
            # "tell me about X" is not a request for what X said
            i = ws.index("tell")
            if i + 1 < len(ws) and ws[i + 1] in ("me", "us"):
                query.types &= ~SPEECH
        visible = _visible(guild_id)

        # the question's content words (stopwords dropped; initials kept for names)
        stream: list[_Word] = []
        for pos, w in enumerate(ws):
            before = ws[pos - 1] if pos else ""
            if (
                w in RECENCY_WORDS
                or w in INTENT_CUES
                or (w in TYPE_NOUNS and before in _TYPE_ASKERS)
                or (w in HOW_CUE_WORDS and before == "how")
                or (query.types & NAME and w in _NAME_CUES)
                or (w == "according" and ws[pos + 1 : pos + 2] == ["to"])
            ):
                continue
            if not (is_content(w) or (len(w) == 1 and w.isalpha() and w not in "aisu")):
                continue
            stream.append(_Word(typed.get(w, w), term(w), marks[pos], pos))
            if len(stream) >= MAX_QUESTION_WORDS:
                break

        # speech words name no one ("say", "quote")
        name_terms = [
            "" if x.term == SPEECH_TERM or x.word in OPINION_WORDS else x.term for x in stream
        ]
        matches = self._absorb(names.match(name_terms, visible), stream)
        owner: dict[int, str] = {}  # stream index -> item key
        items: dict[str, _Item] = {}
        named: list[str] = []
        partial_names: list[tuple[int, int]] = []  # (first pos, last pos) of partial names
        also_named: dict[int, list[tuple[str, float]]] = {}  # common words that are names too
        for m in matches:
            credit = m.credit
            if m.end - m.start == 1:
                word_df = index.df(stream[m.start].term)
                if word_df >= COMMON_NAME_MIN_DF and word_df > COMMON_NAME_RATIO * max(
                    index.df(_person_term(p)) for p in m.people
                ):
                    # a common word that is also someone's name ("bass", "mark"): read
                    # it as the word, the people as alternatives
                    also_named[m.start] = [(_person_term(p), credit * 0.9) for p in m.people]
                    continue
            for k in range(m.start, m.end):
                credit *= _CORRECTION_CREDIT.get(stream[k].edits, 0.7)
            alts = [(_person_term(p), credit) for p in m.people]
            if m.text_term in index:
                alts.append((m.text_term, credit * 0.9))
            df = min(index.df(_person_term(p)) for p in m.people)
            key = "|".join(m.people)
            for k in range(m.start, m.end):
                owner[k] = key
            if m.partial:
                partial_names.append((stream[m.start].pos, stream[m.end - 1].pos))
            word_list = [stream[k].word for k in range(m.start, m.end)]
            if key in items:
                items[key].words.extend(word_list)
                continue
            items[key] = _Item(word_list, alts, self._idf(df) * NAME_BOOST, df, people=m.people)
            named.extend(m.people)
        unknown: list[int] = []  # positions of unknown words
        for k, x in enumerate(stream):
            if k in owner or (len(x.word) == 1 and not x.word.isdigit()):
                continue
            if x.term == SPEECH_TERM or x.word in OPINION_WORDS or x.word in CUE_WORDS:
                continue
            boost = CONSTRAINT_BOOST if is_constraint(x.word) else 1.0
            related = self._related(x)
            if x.edits < 0 and not related:
                unknown.append(x.pos)
                key = "?" + x.word
                owner[k] = key
                items.setdefault(key, _Item([x.word], [], self._idf(0) * UNKNOWN_WEIGHT * boost, 0))
                continue
            credit = _CORRECTION_CREDIT.get(x.edits, 0.7)
            owner[k] = x.term
            if x.term in items:
                items[x.term].words.append(x.word)
                continue
            alts = [(x.term, credit)] if index.df(x.term) or not related else []
            alts.extend(also_named.get(k, ()))
            for p in names.roles(x.term, visible):
                alts.append((_person_term(p), credit * ROLE_CREDIT))
            # paraphrases: related words the coverage may use instead, at a lower credit
            for t in related:
                alts.append((t, credit * PARAPHRASE_CREDIT))
                for p in names.roles(t, visible):
                    alts.append((_person_term(p), credit * PARAPHRASE_CREDIT * ROLE_CREDIT))
            df = index.df(x.term)
            # (a word the coverage never uses weighs as an unknown word even when a related
            # word stands in for it: the stand-in is only a partial match)
            weight = self._idf(df) * (1.0 if df else UNKNOWN_WEIGHT) * boost
            if x.term in _GENERIC_TERMS:
                weight *= GENERIC_SHARE
            df = df or min((index.df(t) for t in related), default=0)
            items[x.term] = _Item([x.word], alts, weight, df)
        query.items = list(items.values())
        query.people = tuple(dict.fromkeys(named))
        # "besides X", "other than X": X is not who the question is about
        cut = [i for i, w in enumerate(ws) if w in _EXCLUDING]
        if cut:
            for m in matches:
                pos = stream[m.start].pos
                if any(0 < pos - c <= 3 for c in cut):
                    query.excluded |= frozenset(m.people)
        query.folded = " ".join(x.word for x in stream)

        # "what is this article about": only meta words -> the source's own headline
        content = [it for it in query.items if not it.people]
        if (
            content
            and not query.people
            and all(w in META_WORDS for it in content for w in it.words)
        ):
            query.meta = True
            return query

        # unknown words that look like names (not ordinary English words, capitalised, or
        # next to another unknown word: "bad bunny") as against ordinary words a reader
        # used where the coverage has another ("justify", "tougher")
        unknown_pos = set(unknown)
        caps = _capitalised(raw)

        def namelike(k: int) -> bool:
            x = stream[k]
            return (
                not is_ordinary(x.word)
                or x.word in caps
                or x.pos - 1 in unknown_pos
                or x.pos + 1 in unknown_pos
            )

        # the subject: the first thing after "did/does/has/is ..." ("what did X say",
        # "did X ...") or, failing that, the question's first word
        subject: int | None = None
        predicate: str | None = None
        aux = next(
            (
                i
                for i, w in enumerate(ws)
                if w in _AUX_WORDS
                and (
                    i == 0
                    or ws[i - 1] in _WH_WORDS
                    or (i > 1 and ws[i - 2] in _TYPE_ASKERS)  # "what song did X sing"
                )
            ),
            None,
        )
        for k, x in enumerate(stream):
            if k in owner and (aux is None or x.pos > aux):
                subject = None if x.term in _GENERIC_TERMS else k
                nxt = k + 1
                if (
                    subject is not None
                    and nxt < len(stream)
                    and nxt in owner
                    and stream[nxt].pos == x.pos + 1
                    and not items.get(owner[k], _NO_ITEM).people
                    and any(t.startswith("@") for t, _ in items[owner[nxt]].alts)
                ):
                    subject = nxt  # "the Florida rapper": the person is the head noun
                break
        # (with no auxiliary, only a keyword question's first word is its subject: in "who
        # said X" or "where ... X", X is what was said or done)
        keywords_only = _WH_WORDS.isdisjoint(ws)
        if subject is not None and (
            aux is not None or (stream[subject].edits < 0 and keywords_only and namelike(subject))
        ):
            key = owner[subject]
            if key.startswith("?"):
                query.unknown_subject = not for_quotes
            else:
                items[key].subject = True
                query.subject_people = items[key].people
            if (
                aux is not None
                and items[key].people
                and ws[aux] in _DO_WORDS
                and (aux == 0 or ws[aux - 1] in ("what", "who") or ws[aux - 2] in _TYPE_ASKERS)
            ):
                # the verb after the subject carries the question ("did X vote ...",
                # "what did X wear"): it weighs more
                after = next(
                    (j for j in range(subject + 1, len(stream)) if owner.get(j) != key), None
                )
                if (
                    after is not None
                    and after in owner
                    and stream[after].pos == stream[after - 1].pos + 1
                ):
                    verb = items[owner[after]]
                    if not verb.people and not verb.subject:
                        # (a verb the coverage never uses: what X did is not in it)
                        unknown_verb = not verb.alts
                        verb.weight *= UNKNOWN_PREDICATE_BOOST if unknown_verb else PREDICATE_BOOST
                        predicate = owner.get(after)
        # an unknown ordinary word weighs less, unless it is what the question turns on: the
        # noun after "which"/"what" ("which judge"), the verb after a named subject
        # (only when something specific anchors the question: a name, or a rare word)
        anchored = any(
            it.people or (it.alts and it.weight >= ANCHOR_SHARE * self._idf(0))
            for it in items.values()
        )
        keep: set[int] = set()  # positions that keep their weight
        if query.types & COMPARE:
            # "who compared Trump to a clown": what it is compared to
            for i, w in enumerate(ws):
                if w in _COMPARE_TO and any(INTENT_CUES.get(v, 0) & COMPARE for v in ws[:i]):
                    target = next((x.pos for x in stream if x.pos > i), None)
                    if target is not None:
                        keep.add(target)
        head = name_head(ws) if query.types & NAME else None
        if head is not None:
            keep.add(head)
            query.name_terms = frozenset(
                t
                for k, x in enumerate(stream)
                if x.pos == head and k in owner
                for t, _ in items[owner[k]].alts
            ) | {term(ws[head])}
        lightened: set[str] = set()
        for k, x in enumerate(stream):
            if not anchored:
                break
            ukey = owner.get(k)
            if (
                ukey is None
                or not ukey.startswith("?")
                or ukey in lightened
                or k == subject
                or ukey == predicate
                or x.pos in keep
                or namelike(k)
                or (x.pos > 0 and ws[x.pos - 1] in _TYPE_ASKERS)
            ):
                continue
            lightened.add(ukey)
            items[ukey].weight *= ORDINARY_SHARE
        # "Khloe Kardashian" is not "Kim Kardashian": part of a name next to an unknown word
        # that looks like a name
        if not for_quotes:
            odd = {x.pos for k, x in enumerate(stream) if x.pos in unknown_pos and namelike(k)}
            for first, last in partial_names:
                if first - 1 in odd or last + 1 in odd:
                    query.unknown_subject = True
        self._either(ws, stream, owner, items, query)
        query.items = list(items.values())
        # contrasts: "male" in the question, "female" in a record
        query.opposites = tuple(
            (x.term, opp)
            for x in stream
            if (opp := OPPOSITES.get(x.term)) is not None and self._index.df(opp)
        )
        return query

    @staticmethod
    def _either(
        ws: list[str],
        stream: list[_Word],
        owner: dict[int, str],
        items: dict[str, _Item],
        query: _Query,
    ) -> None:
        """ "X or Y": one item, answered by a record having either ("did Kim back Clinton or
        Trump", "Monday or Tuesday", "tougher gun laws or looser ones")."""
        for i, w in enumerate(ws):
            if w != "or":
                continue
            left = next(
                (k for k in range(len(stream) - 1, -1, -1) if 0 < i - stream[k].pos <= 2), None
            )
            right = next((k for k in range(len(stream)) if 0 < stream[k].pos - i <= 3), None)
            if left is None or right is None:
                continue
            kl, kr = owner.get(left), owner.get(right)
            if kl is None or kr is None or kl == kr or kl not in items or kr not in items:
                continue
            a, b = items[kl], items[kr]
            if bool(a.people) != bool(b.people):
                continue  # "is it just Kim or are other stars ...": not alternatives
            alts = dict(a.alts)
            for t, c in b.alts:
                alts[t] = max(alts.get(t, 0.0), c)
            known = [it.weight for it in (a, b) if it.alts] or [a.weight, b.weight]
            if a.subject or b.subject:
                query.subject_people = ()
            items[kl] = _Item(
                a.words + b.words,
                list(alts.items()),
                min(known),
                a.df + b.df,
                people=tuple(dict.fromkeys(a.people + b.people)),
            )
            del items[kr]
            for k, o in list(owner.items()):
                if o == kr:
                    owner[k] = kl

    def _related(self, x: _Word) -> list[str]:
        """Terms the paraphrase lexicon relates to a question word, those the bank has."""
        found = related_terms(x.word) or related_terms(x.term)
        return [t for t in found if t != x.term and self._index.df(t)]

    def _paraphrased(self, word: str) -> bool:
        return any(self._index.df(t) for t in related_terms(word))

    def _known(self, word: str) -> bool:
        """Whether the bank knows a question word: as a word, a term, part of a name, or
        through a related word of the paraphrase lexicon."""
        t = term(word)
        return (
            word in self._vocab
            or t in self._index
            or self._names.knows(t)
            or self._paraphrased(word)
        )

    def _possessed(self, raw: str, ws: list[str]) -> list[int]:
        """Positions of speech words that are nouns after a possessive ("Ruffalo's post",
        "ruffalos post"): the question is about the post, not asking what was said."""
        out = []
        for i, w in enumerate(ws):
            if w not in SPEECH_NOUNS or i == 0:
                continue
            before = ws[i - 1]
            if (
                before.endswith("s") and len(before) > 3 and self._names.knows(term(before[:-1]))
            ) or re.search(rf"[^\W_]['’]s?\s+{re.escape(w)}\b", raw, re.IGNORECASE):
                out.append(i)
        return out

    def _absorb(self, matches: list[NameMatch], stream: list[_Word]) -> list[NameMatch]:
        """Let a name match take in a neighbouring unknown word one edit from another word
        of that person's names ("karen bas" -> Karen Bass)."""
        taken = {k for m in matches for k in range(m.start, m.end)}
        out: list[NameMatch] = []
        for m in matches:
            if len(m.people) == 1:
                person = self._names.people[m.people[0]]
                own = {w for n in person.names for w in name_words(n)}
                start, end = m.start, m.end
                for k in (start - 1, end):
                    if not 0 <= k < len(stream) or k in taken:
                        continue
                    x = stream[k]
                    if x.edits >= 0 and x.word in own:
                        continue
                    if (
                        x.edits < 0
                        and len(x.word) >= 3
                        and any(
                            OSA.distance(x.word, w, score_cutoff=1) <= 1 for w in own if len(w) >= 3
                        )
                    ):
                        stream[k] = _Word(x.word, x.term, 1, x.pos)
                        taken.add(k)
                        start, end = min(start, k), max(end, k + 1)
                if (start, end) != (m.start, m.end):
                    m = NameMatch(start, end, m.people, m.credit, m.text_term, partial=False)
            out.append(m)
        return out

    # ------------------------------------------------------------------ retrieval and ranking

    def _candidates(self, items: list[_Item], floor_share: float) -> dict[int, float]:
        """rid -> approximate weight of the question's items the record has.

        Items are taken rarest first. A record having none of the items taken so far can
        only reach the weight of the items left; once that is below ``floor_share`` of the
        question (it could not be an answer, or even a suggestion) the remaining items only
        add to the candidates found. Work is bounded: long posting lists seed at most
        SEED_CAP candidates, and at most CHECK_CAP candidates are checked against a list.
        Field credits are left to :meth:`_rank`, which scores the best few exactly.
        """
        acc: dict[int, float] = {}
        index = self._index
        live = [it for it in items if any(index.df(t) for t, _ in it.alts)]
        live.sort(key=lambda it: it.df)
        total = sum(it.weight for it in items)
        remaining = sum(it.weight for it in live)
        floor = floor_share * total
        if live and self._postings_size(live[0]) > SEED_CAP and len(live) > 1:
            # every item is common: seed with the records having the rarest ones together
            # (C-level set intersections), topped up with the newest of the rarest
            common = self._rid_set(live[0])
            used = 1
            while used < len(live) and len(common) > SEED_CAP:
                narrower = common.intersection(self._rid_set(live[used]))
                if not narrower:
                    break
                common = narrower
                used += 1
            seed_weight = sum(it.weight for it in live[:used])
            if len(common) > SEED_CAP:
                common = set(heapq.nlargest(SEED_CAP, common))
            acc = dict.fromkeys(common, seed_weight)
            room = SEED_CAP - len(acc)
            if room > 0:
                for rids, _ in self._alts(live[0]):
                    for rid in rids[-room:]:
                        acc.setdefault(rid, live[0].weight)
            remaining -= seed_weight
            live = live[used:]
        for item in live:
            alts = sorted(
                ((index.rids(t), c) for t, c in item.alts if index.df(t)), key=lambda ac: -ac[1]
            )
            w = item.weight
            size = sum(len(rids) for rids, _ in alts)
            grow = not acc or (remaining >= floor and size <= POSTING_CAP and len(acc) < GROW_CAP)
            remaining -= w
            if grow:
                seeding = not acc
                credited: dict[int, float] = {} if len(alts) > 1 else acc
                for rids, c in alts:
                    if seeding and len(rids) > SEED_CAP:
                        rids = rids[-SEED_CAP:]  # the newest
                    if credited is acc:
                        wc = w * c
                        get = acc.get
                        for rid in rids:
                            acc[rid] = get(rid, 0.0) + wc
                    else:
                        for rid in rids:
                            if rid not in credited:
                                credited[rid] = c
                if credited is not acc:
                    get = acc.get
                    for rid, c in credited.items():
                        acc[rid] = get(rid, 0.0) + w * c
                continue
            # only the candidates that can still reach the floor, the best first
            need = floor - w - remaining
            pool = [rid for rid, a in acc.items() if a >= need] if need > 0 else list(acc)
            if len(pool) > CHECK_CAP:
                pool = heapq.nlargest(CHECK_CAP, pool, key=acc.__getitem__)
            if len(pool) < len(acc):
                acc = {rid: acc[rid] for rid in pool}
            left = set(pool)
            for rids, c in alts:
                if not left:
                    break
                if len(left) * 24 < len(rids):
                    hits = [rid for rid in left if _has(rids, rid)]
                else:
                    hits = list(left.intersection(rids))
                wc = w * c
                for rid in hits:
                    acc[rid] += wc
                left.difference_update(hits)
        return acc

    def _origins(self, query: _Query) -> frozenset[str]:
        """For "where is X from": the place names in X's description."""
        if not query.types & GEO or not query.subject_people:
            return frozenset()
        person = self._names.people.get(query.subject_people[0])
        if person is None:
            return frozenset()
        return frozenset(w for w in words(person.description) if w in GEO_WORDS)

    @staticmethod
    def _names_near(record: Fact | Quote, items: list[_Item], heads: frozenset[str]) -> bool:
        """Whether the record's text has a name (a capitalised word the question does not
        have) within two words of the thing named (``heads``, else any question word): "the
        Peacock Theater", not "a federal detention center"."""
        wanted = set(heads) or {t for it in items if not it.people for t, _ in it.alts}
        asked = {w for it in items for w in it.words}
        tokens = _LETTERS.findall(record.text)
        folded = [fold(t) for t in tokens]
        terms = [term(f) for f in folded]
        for i, t in enumerate(terms):
            if t not in wanted:
                continue
            for j in range(max(1, i - 2), min(len(tokens), i + 3)):
                f = folded[j]
                if (
                    j != i
                    and tokens[j][0].isupper()
                    and f not in asked
                    and terms[j] not in wanted
                    and f not in STOPWORDS
                ):
                    return True
        return False

    @staticmethod
    def _words_of(record: Fact | Quote) -> set[str]:
        return set(words(record.text))

    def _alts(self, item: _Item) -> list[tuple[array[int], float]]:
        index = self._index
        return [(index.rids(t), c) for t, c in item.alts if index.df(t)]

    def _postings_size(self, item: _Item) -> int:
        return sum(len(rids) for rids, _ in self._alts(item))

    def _rid_set(self, item: _Item) -> set[int]:
        out: set[int] = set()
        for rids, _ in self._alts(item):
            out.update(rids)
        return out

    @staticmethod
    def _type_factor(types: int, flags: int) -> float:
        return _factor_table(types)[flags]

    def _rank(
        self,
        query: _Query,
        guild_id: int | None,
        kinds: tuple[type, ...] = (Fact, Quote),
        shortlist: int = SHORTLIST,
    ) -> list[_Scored]:
        """The best candidates for a question, best first (scores 0-100, not thresholded)."""
        items = query.items
        total = query.total
        if not items or total <= 0:
            return []
        # nothing can score even as a suggestion when the words the bank knows weigh too
        # little ("how many qvuyt were reported in ...")
        known = sum(it.weight for it in items if it.alts)
        if known < total * self.threshold / 100.0 * SUGGEST_SHARE * SUGGEST_NAMED_SHARE:
            return []
        acc = self._candidates(items, self.threshold / 100.0 * SUGGEST_SHARE)
        if not acc:
            return []
        records, flags = self._records, self._flags
        if query.types:
            factors = _factor_table(query.types)
            rough = [(a * factors[flags[rid]], rid) for rid, a in acc.items()]
        else:
            rough = [(a, rid) for rid, a in acc.items()]
        # best first, skipping what this guild may not see (or another kind of record)
        visible = _visible(guild_id)
        want = shortlist
        while True:
            batch = heapq.nlargest(want, rough)
            top = [
                rid
                for _, rid in batch
                if (rec := records[rid]) is not None and isinstance(rec, kinds) and visible(rec)
            ][:shortlist]
            if len(top) >= shortlist or len(batch) < want:
                break
            want *= 4
        if not top:
            return []
        avg_len = self._total_length / max(1, len(self._rids["fact"]) + len(self._rids["quote"]))
        index = self._index
        subject_factor = UNKNOWN_SUBJECT_FACTOR if query.unknown_subject else 1.0
        origins = self._origins(query)
        out: list[_Scored] = []
        for rid in top:
            rec = records[rid]
            assert rec is not None
            covered = ranked = 0.0
            matched: list[str] = []
            named: list[str] = []
            subject_hit = True
            for item in items:
                best_c = best_r = 0.0
                as_person = False
                for t, c in item.alts:
                    bits = index.fields(t, rid)
                    if bits:
                        best_c = max(best_c, c * FIELD_CREDIT[bits])
                        best_r = max(best_r, c * FIELD_RANK[bits])
                        if t.startswith("@"):
                            named.append(t[1:])
                            as_person = True
                if best_c:
                    covered += item.weight * best_c
                    ranked += item.weight * best_r
                    matched.extend(item.words)
                # a named subject must be the record's person (a quote's speaker), not
                # merely mentioned in it
                if item.subject and not (as_person if item.people else best_c):
                    subject_hit = False
            score = 100.0 * covered / total
            if not subject_hit:
                score *= SUBJECT_MISS
            score *= self._type_factor(query.types, flags[rid]) * subject_factor
            people = (rec.speaker,) if isinstance(rec, Quote) else rec.people
            if (
                query.excluded
                and people
                and query.excluded.issuperset(people)
                and _OTHERS.isdisjoint(self._words_of(rec))
            ):
                score *= EXCLUDED_FACTOR
            if (
                query.types & SPEECH
                and isinstance(rec, Fact)
                and flags[rid] & SPEECH
                and query.subject_people
                and rec.people[:1] != query.subject_people[:1]
            ):
                # the fact's speech is not the subject's ("X's post" was liked by Y)
                score *= _SPEECH_FACT / _SPEECH_FACT_WITH_SAY
            if origins and origins.isdisjoint(self._words_of(rec)):
                # "where is X from": X's description names the place ("Florida rapper")
                score *= ORIGIN_MISS
            for own, opposite in query.opposites:
                # "best male artist" is not answered by "best female artist"
                if index.fields(opposite, rid) & _SHOWN and not index.fields(own, rid):
                    score *= OPPOSITE_FACTOR
            if query.types & NAME and not self._names_near(rec, items, query.name_terms):
                # "what's the name of the detention center": the record must name it
                score *= NAME_MISS
            score = max(0.0, min(100.0, score))
            key = score + RANK_BONUS * (ranked - covered) / total
            # the named person is the record's subject (first person, or the speaker)
            subject = rec.speaker if isinstance(rec, Quote) else (rec.people[:1] or (None,))[0]
            if subject is not None and subject in query.people:
                key += 2.0
            if isinstance(rec, Quote) == bool(query.types & (SPEECH | OPINION)):
                key += 1.0
            key += 1.0 / (1.0 + self._lengths[rid] / max(avg_len, 1.0))
            out.append(_Scored(rid, rec, score, key, matched, tuple(named)))
        out.sort(key=lambda s: -s.key)
        if query.folded:
            for s in out[:FUZZ_TOP]:
                s.key += 2.0 * fuzz.token_set_ratio(query.folded, fold(s.record.text)) / 100.0
            out.sort(key=lambda s: -s.key)
        return out

    # ------------------------------------------------------------------ answering

    def answer(self, question: str, *, guild_id: int | None = None) -> Answer:
        """Answer ``question`` from the records visible to ``guild_id``, or abstain."""
        query = self._read(question, guild_id)
        if query.meta:
            headline = self._headline(guild_id)
            if headline is not None:
                query = self._read(headline, guild_id)
        ranked = self._rank(query, guild_id)
        if not ranked or ranked[0].score < self.threshold:
            return self._abstain(ranked, guild_id)
        best = ranked[0]
        if query.recency:
            band = [s for s in ranked if s.score >= best.score - _RECENCY_BAND]
            dated = [(self._date(s.record), s) for s in band]
            newest = max(dated, key=lambda d: (d[0] or "", d[1].key))
            best = newest[1]
        else:
            # among exact ties prefer the newest report
            ties = [
                s for s in ranked if abs(s.score - best.score) < 1e-9 and s.key >= best.key - 1e-9
            ]
            if len(ties) > 1:
                best = max(ties, key=lambda s: (self._date(s.record) or "", s.key))
        return self._answer_from(best, ranked)

    def _headline(self, guild_id: int | None) -> str | None:
        visible = _visible(guild_id)
        sources = [s for s in self._sources.values() if visible(s)]
        if not sources:
            return None
        return max(sources, key=lambda s: s.published or "").title

    def _answer_from(self, best: _Scored, ranked: list[_Scored]) -> Answer:
        rec = best.record
        sources = self._refs(rec)
        matched = tuple(dict.fromkeys(best.matched))
        if isinstance(rec, Quote):
            speaker = self._speaker_name(rec)
            return Answer(
                answered=True,
                text=self._quote_text(rec, speaker, sources),
                score=round(best.score, 1),
                sources=sources,
                record_id=rec.id,
                record_kind="quote",
                speaker=speaker,
                context=rec.context or None,
                matched=matched,
            )
        return Answer(
            answered=True,
            text=rec.text,
            score=round(best.score, 1),
            sources=sources,
            record_id=rec.id,
            record_kind="fact",
            matched=matched,
            conflicts=self._conflicts(rec, ranked),
        )

    def _speaker_name(self, quote: Quote) -> str | None:
        if quote.speaker is None:
            return None
        person = self._names.people.get(quote.speaker)
        return person.name if person is not None else quote.speaker

    @staticmethod
    def _quote_text(quote: Quote, speaker: str | None, sources: tuple[SourceRef, ...]) -> str:
        who = speaker or "An unnamed speaker"
        if quote.context:
            where = f" ({quote.context})"
        elif sources:
            where = f" (reported by {sources[0].outlet})"
        else:
            where = ""
        return f'{who} said{where}: "{quote.text}"'

    def _refs(self, record: Fact | Quote) -> tuple[SourceRef, ...]:
        refs: list[SourceRef] = []
        for c in record.citations:
            src = self._sources.get(c.source_id)
            if src is None:
                refs.append(SourceRef("Unknown source", c.source_id, None, None, c.passage))
            else:
                refs.append(SourceRef(src.outlet, src.title, src.url, src.published, c.passage))
        # newest first; undated last, the citation order kept among equals
        refs.sort(key=lambda r: r.published or "", reverse=True)
        return tuple(refs)

    def _date(self, record: Fact | Quote) -> str | None:
        if isinstance(record, Fact) and record.reported:
            return record.reported
        dates = [
            s.published
            for c in record.citations
            if (s := self._sources.get(c.source_id)) is not None and s.published
        ]
        return max(dates) if dates else None

    # ------------------------------------------------------------------ conflicts

    @staticmethod
    def _masked(text: str) -> tuple[str, tuple[str, ...]]:
        ws = words(text)
        numbers = tuple(w for w in ws if w.isdigit())
        return " ".join("#" if w.isdigit() else w for w in ws), numbers

    def _conflicts(self, fact: Fact, ranked: list[_Scored]) -> tuple[Conflict, ...]:
        masked, numbers = self._masked(fact.text)
        if not numbers:
            return ()
        own = {c.source_id for c in fact.citations}
        found: list[tuple[str, Fact]] = []
        for s in ranked:
            other = s.record
            if not isinstance(other, Fact) or other.id == fact.id:
                continue
            if {c.source_id for c in other.citations} <= own:
                continue
            other_masked, other_numbers = self._masked(other.text)
            if other_numbers == numbers or not other_numbers:
                continue
            if fuzz.ratio(masked, other_masked) < 90:
                continue
            found.append((self._date(other) or "", other))
        found.sort(key=lambda d: d[0], reverse=True)
        return tuple(Conflict(text=f.text, sources=self._refs(f)) for _, f in found)

    # ------------------------------------------------------------------ abstaining

    def _abstain(self, ranked: list[_Scored], guild_id: int | None) -> Answer:
        floor = self.threshold * SUGGEST_SHARE
        suggestions: list[str] = []
        for s in ranked:
            if len(suggestions) >= 3:
                break
            # close: most of the question matched, or a named person did
            if s.score < floor and not (s.named and s.score >= floor * SUGGEST_NAMED_SHARE):
                continue
            text = self._suggestion(s, guild_id)
            if text and text not in suggestions:
                suggestions.append(text)
        hint = _HINT_SUGGEST if suggestions else _HINT_NONE
        best = ranked[0].score if ranked else 0.0
        return Answer(
            answered=False,
            text=ABSTAIN_TEXT + hint,
            score=round(min(best, max(0.0, self.threshold - 0.1)), 1),
            suggestions=tuple(suggestions),
        )

    def _suggestion(self, s: _Scored, guild_id: int | None) -> str:
        rec = s.record
        person_id = None
        if isinstance(rec, Quote):
            person_id = rec.speaker
        elif s.named:
            person_id = s.named[0]
        if person_id is not None and self._has_quotes(person_id, guild_id):
            person = self._names.people.get(person_id)
            if person is not None:
                return f"What did {person.name} say?"
        if isinstance(rec, Quote):
            return _shorten(rec.text)
        return _shorten(rec.text)

    def _has_quotes(self, person_id: str, guild_id: int | None) -> bool:
        counts = self._spoken.get(person_id)
        if not counts:
            return False
        return counts.get(None, 0) > 0 or (guild_id is not None and counts.get(guild_id, 0) > 0)

    # ------------------------------------------------------------------ quotes

    def _hit(self, quote: Quote, score: float) -> QuoteHit:
        return QuoteHit(
            quote=quote,
            speaker=self._speaker_name(quote),
            score=round(max(0.0, min(100.0, score)), 1),
            sources=self._refs(quote),
        )

    def _speaker_quotes(self, person_id: str, guild_id: int | None) -> list[Quote]:
        visible = _visible(guild_id)
        out: list[Quote] = []
        for rid in self._index.rids(_person_term(person_id)):
            rec = self._records[rid]
            if isinstance(rec, Quote) and rec.speaker == person_id and visible(rec):
                out.append(rec)
        return out

    def quotes_by_speaker(self, person_id: str, *, guild_id: int | None = None) -> list[QuoteHit]:
        return [self._hit(q, 100.0) for q in self._speaker_quotes(person_id, guild_id)]

    def _speaker_matches(self, query: str, guild_id: int | None) -> list[tuple[str, float]]:
        """People with quotes whose names the query gives (fuzzy), best first."""
        found: dict[str, float] = {}
        q = self._read(query, guild_id, for_quotes=True)
        for item in q.items:
            for pid in item.people:
                if self._has_quotes(pid, guild_id):
                    found[pid] = max(found.get(pid, 0.0), 100.0 * max(c for _, c in item.alts))
        if not found and words(query[:200]):
            for person, score in self._speaker_scores(query, guild_id, 1):
                if score >= 85:
                    found[person.id] = score
                    break
        return sorted(found.items(), key=lambda kv: -kv[1])

    def find_quotes(
        self, query: str, *, limit: int = 5, guild_id: int | None = None
    ) -> list[QuoteHit]:
        """Quotes by a speaker named in ``query`` (first) and quotes with its words."""
        if limit <= 0 or not query or not query.strip():
            return []
        parsed = self._read(query, guild_id, for_quotes=True)
        speakers = self._speaker_matches(query, guild_id)
        hits: list[QuoteHit] = []
        seen: set[str] = set()
        rest = [it for it in parsed.items if not it.people]
        for pid, name_score in speakers:
            quotes = self._speaker_quotes(pid, guild_id)
            if rest:
                sub = _Query(items=rest, types=parsed.types)
                order = {s.record.id: s.score for s in self._rank(sub, guild_id, (Quote,), 200)}
                quotes.sort(key=lambda q: -order.get(q.id, 0.0))
            for q in quotes:
                if q.id not in seen:
                    seen.add(q.id)
                    hits.append(self._hit(q, name_score))
        if len(hits) < limit and parsed.items:
            floor = 100.0 * 0.3
            for s in self._rank(parsed, guild_id, (Quote,), max(limit * 2, SHORTLIST)):
                if s.score < floor or s.record.id in seen:
                    continue
                assert isinstance(s.record, Quote)
                seen.add(s.record.id)
                hits.append(self._hit(s.record, s.score))
        return hits[:limit]

    def random_quote(
        self, *, guild_id: int | None = None, rng: random.Random | None = None
    ) -> QuoteHit | None:
        rng = rng or random.Random()
        visible = _visible(guild_id)
        rids = self._quote_rids
        if not rids:
            return None
        for _ in range(32):
            rec = self._records[rids[rng.randrange(len(rids))]]
            if isinstance(rec, Quote) and visible(rec):
                return self._hit(rec, 100.0)
        pool = [r for i in rids if isinstance(r := self._records[i], Quote) and visible(r)]
        return self._hit(rng.choice(pool), 100.0) if pool else None

    # ------------------------------------------------------------------ autocomplete

    def _speakers(self, guild_id: int | None) -> _Speakers:
        """The people with quotes this guild can see, with their names for lookups (cached
        until a person or a quote changes)."""
        cached = self._speaker_cache.get(guild_id)
        if cached is not None and cached.version == self._version:
            return cached
        visible = _visible(guild_id)
        people = sorted(
            (p for p in self._names.all(visible) if self._has_quotes(p.id, guild_id)),
            key=lambda p: (p.name.casefold(), p.id),
        )
        names: list[str] = []
        owners: list[int] = []
        keys: list[tuple[str, int]] = []
        for i, p in enumerate(people):
            for name in p.names:
                folded = " ".join(words(name))
                if not folded:
                    continue
                names.append(folded)
                owners.append(i)
                keys.append((folded, i))
                keys.extend((w, i) for w in folded.split()[1:])
        keys.sort()
        found = _Speakers(self._version, people, keys, names, owners)
        if len(self._speaker_cache) > 64:
            self._speaker_cache.clear()
        self._speaker_cache[guild_id] = found
        return found

    def _speaker_scores(
        self, text: str, guild_id: int | None, limit: int
    ) -> list[tuple[Person, float]]:
        """People with quotes by how well their names fit ``text``: a name or one of its
        words starting with it first, then fuzzy matches (rapidfuzz WRatio)."""
        speakers = self._speakers(guild_id)
        needle = " ".join(words(text[:200]))
        if not needle:
            return [(p, 100.0) for p in speakers.people[:limit]]
        best: dict[int, float] = {}
        keys = speakers.keys
        i = bisect_left(keys, (needle, -1))
        while i < len(keys) and keys[i][0].startswith(needle) and len(best) < limit * 4:
            key, owner = keys[i]
            score = 100.0 - min(10.0, 0.1 * (len(key) - len(needle)))
            best[owner] = max(best.get(owner, 0.0), score)
            i += 1
        if len(best) < limit:
            for _, score, j in process.extract(
                needle, speakers.names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=75
            ):
                owner = speakers.owners[j]
                best[owner] = max(best.get(owner, 0.0), score * 0.9)
        people = speakers.people
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(people[i], score) for i, score in ranked]

    def search_speakers(
        self, text: str, *, limit: int = 25, guild_id: int | None = None
    ) -> list[Person]:
        """People with quotes whose names fit ``text`` (prefix or fuzzy); "" gives all."""
        if limit <= 0:
            return []
        return [p for p, _ in self._speaker_scores(text, guild_id, limit)]

    def search_facts(
        self, text: str, *, limit: int = 25, guild_id: int | None = None
    ) -> list[tuple[Fact, float]]:
        """Facts matching ``text`` by id (exact or prefix) or by words; "" gives all."""
        if limit <= 0:
            return []
        visible = _visible(guild_id)
        needle = text.strip().casefold()
        out: dict[str, tuple[Fact, float]] = {}
        if not needle:
            for rec in self._records:
                if isinstance(rec, Fact) and visible(rec):
                    out[rec.id] = (rec, 100.0)
                    if len(out) >= limit:
                        break
            return list(out.values())
        exact = self.get("fact", needle)
        if isinstance(exact, Fact) and visible(exact):
            out[exact.id] = (exact, 100.0)
        for fid, rid in self._rids["fact"].items():
            if len(out) >= limit:
                break
            if fid.startswith(needle):
                rec = self._records[rid]
                if isinstance(rec, Fact) and visible(rec) and fid not in out:
                    out[fid] = (rec, 95.0)
        if len(out) < limit:
            query = self._read(text, guild_id, for_quotes=True)
            for s in self._rank(query, guild_id, (Fact,), max(limit, SHORTLIST)):
                if s.record.id not in out and s.score >= 20:
                    assert isinstance(s.record, Fact)
                    out[s.record.id] = (s.record, round(s.score, 1))
        ranked = sorted(out.values(), key=lambda fs: -fs[1])
        return ranked[:limit]
