"""What the engine keeps of a fact or a quote, and what a record's reading for scoring holds.

:func:`index_terms` gives the terms a record is filed under, each with the fields it occurs
in (its own words, its keywords, its cited passages, the people it is about). A person is
filed as ``@person-id``, so a question naming someone finds the records about them whatever
words they use.

:class:`RecordView` is the detailed reading of one candidate, made only for the few
records a question is scored against: its words in order (for phrase matches), which of
them are names, numbers, dates and reasons. It is a pure function of the record and the
names of its people, read by :func:`bot.engine.reading.view`; the word-level readers it uses
(a reason given, what a stop word is about) are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.engine import lexicon
from bot.engine.figures import (
    aged,
)
from bot.engine.ingest.lexicon import dateline_place
from bot.engine.normalize import is_content, stem, words
from bot.engine.population import (
    POPULATION,
    POPULATION_TERM,
    SIZE_CUES,
    here_sized,
    populated,
)
from bot.engine.unnamed import one_of_a_kind
from bot.models import Fact, Quote

#: Field bits of a posting entry.
FIELD_TEXT = 1  # the fact's text, the quote's words and its speaker
FIELD_KEYWORD = 2  # keywords curated for the record
FIELD_PASSAGE = 4  # citation passages, a quote's context
FIELD_PERSON = 8  # "@person-id" of the people a fact is about, a quote's speaker
FIELD_TITLE = 16  # its article's title (not indexed: scoring.by_title adds it)

#: A capitalised word (group 1) that is not a sentence's first: the first alternative takes
#: up those at the start, after '.', '!', '?', ':' or a double quote (and spaces): no group.
_CAPITALISED_INSIDE = re.compile(
    r"""(?:[.!?:"“]|^)\s*[A-Z][\w'’-]*|([A-Z](?<![\w'’][A-Z])[\w'’-]*)"""
)


def person_term(person_id: str) -> str:
    """The index term of a person ("@ada-lovelace")."""
    return "@" + person_id


def record_people(record: Fact | Quote) -> tuple[str, ...]:
    if isinstance(record, Quote):
        return () if record.speaker is None else (record.speaker,)
    return record.people


def index_terms(record: Fact | Quote) -> tuple[dict[str, int], list[str]]:
    """The record's terms with their field bits, and its surface words (for spelling)."""
    fields: dict[str, int] = {}
    surface: dict[str, None] = {}

    def put(text: str, bit: int) -> None:
        for w in words(text):
            if is_content(w):
                t = stem(w)
                fields[t] = fields.get(t, 0) | bit
                if not w.isdigit():
                    surface[w] = None

    put(record.text, FIELD_TEXT)
    if not SIZE_CUES.isdisjoint(surface) and populated(record.text):
        # "a town of about 2,800 people": its population (read only past a word of one)
        fields[POPULATION_TERM] = fields.get(POPULATION_TERM, 0) | FIELD_TEXT
        surface[POPULATION] = None
        if here_sized(record.text):  # "this town of 3,400": the dateline's, named so
            for w in dateline_place([c.passage for c in record.citations[:1]]):
                fields[stem(w.lower())] = fields.get(stem(w.lower()), 0) | FIELD_TEXT
    for short in initialisms(record.text):  # "NTSB" for "National Transportation Safety Board"
        fields[short] = fields.get(short, 0) | FIELD_TEXT
        surface[short] = None
    for k in record.keywords:
        put(k, FIELD_KEYWORD)
    for c in record.citations:
        put(c.passage, FIELD_PASSAGE)
    if isinstance(record, Quote) and record.context:
        put(record.context, FIELD_PASSAGE)
    for pid in record_people(record):
        t = person_term(pid)
        fields[t] = fields.get(t, 0) | FIELD_PERSON
    return fields, list(surface)


#: A run of three or more capitalised words, "of", "and", "for", "the" or "&" between them
#: ("National Transportation Safety Board", "Department of Environmental Protection").
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][a-z]+(?:\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][a-z]+){2,}"
)
#: The initials of such a run stand for it when they are this many letters.
INITIALISM_LETTERS = range(3, 7)


def initialisms(text: str) -> set[str]:
    """The initials of the text's names of three or more capitalised words, which the name's
    own initials stand for ("ntsb": "National Transportation Safety Board", "dep":
    "Department of Environmental Protection"), unless they spell an ordinary word."""
    out: set[str] = set()
    for m in _CAPITALISED_RUN.finditer(text):
        name = m.group(0).split()
        if name[0] in ("The", "A", "An"):  # a sentence's article, not the name's
            name = name[1:]
        letters = "".join(w[0] for w in name if w[0].isupper()).lower()
        if len(letters) in INITIALISM_LETTERS and not lexicon.is_ordinary(letters):
            out.add(letters)
    return out


@lru_cache(maxsize=4096)
def title_terms(title: str) -> frozenset[str]:
    """The terms of a source's title."""
    return frozenset(stem(w) for w in words(title) if is_content(w))


def capitalised_words(text: str) -> set[str]:
    """Folded words written with a capital inside a sentence (names, places, titles); a
    sentence's first word says nothing."""
    out: set[str] = set()
    for token in _CAPITALISED_INSIDE.findall(text):
        if token:
            out.update(_token_words(token))
    return out


@lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    """:func:`words` of one capitalised token (names recur from record to record)."""
    return tuple(words(token))




@dataclass(slots=True)
class RecordView:
    """One record read for scoring against a question."""

    #: stems of the content words of what a reader is shown (text, speaker), in order
    sequence: list[str]
    #: stems of capitalised words (names, places) of text and passages, but months and days
    names: set[str]
    numbers: set[str]
    #: a word that answers "how many" without a figure ("once", "several")
    counting: bool
    #: a series of three or more things, which answers "how many" by being counted (not "how
    #: much" or "how big")
    series: bool
    has_date: bool
    has_reason: bool
    negated: bool
    is_quote: bool
    #: the text only leads into what follows ("Lovelace wrote:")
    lead_in: bool
    people: tuple[str, ...]
    #: an editor gave the record keywords
    curated: bool
    #: the text reports speech (a verb of saying or writing, or words in quotation marks)
    speech: bool
    #: its stop words that have opposites ("most", "up"; the index keeps no stop words)
    stop_words: frozenset[str] = frozenset()
    #: ... each with the stems of the content words next to it (:func:`stop_anchors`)
    stop_anchors: frozenset[tuple[str, str]] = frozenset()
    #: stems of the content words a negation of its text governs ("do not fit": "fit")
    negated_terms: frozenset[str] = frozenset()
    #: each figure of its text with the stems of the words it counts ("650 firefighters":
    #: ("650", "firefight")): :func:`figure_counts`
    figure_counts: frozenset[tuple[str, str]] = frozenset()
    #: a connective that states a reason outright ("because", "due to")
    states_reason: bool = False
    #: a time of day ("7:15 a.m.", "at noon"), which "what time" asks for
    has_clock: bool = False
    #: the figures that are sums of money ("$48 million": "48"), which count no things
    money: frozenset[str] = frozenset()
    #: the figures that count a unit of time or length ("47 days", "1.8 miles"; not "2,500
    #: seasonal jobs")
    spans: frozenset[str] = frozenset()
    #: stems of the content words right after a causal verb, what it gives a cause of
    #: ("the arrests sparked protests": "protest")
    caused: frozenset[str] = frozenset()
    #: stems of the content words joined by "and" / "or" (:func:`coordinated`)
    coordinated: frozenset[str] = frozenset()
    #: says when something lasts until or since ("closed until at least Friday", "has
    #: operated since 1962"), which answers "how long" as a figure of time does
    until: bool = False
    #: names a day ("Tuesday", "March 3", "yesterday"), not only a year or an era
    has_day: bool = False
    #: sets a time limit by a span ("within 60 days", "within two weeks"), which answers
    #: "when" as a date does
    within: bool = False
    #: where in ``sequence`` a verb of saying stood before the word (not a content word
    #: itself): "Ashby-Park said a volunteer placed" has one before "volunteer"
    said_at: frozenset[int] = frozenset()
    #: ... and where a preposition placing a thing did ("the steer at the Bramwell County Fair")
    placed_at: frozenset[int] = frozenset()
    #: the text shown and its passages (none when the text is its own), for what few
    #: questions ask: read when first asked
    shown_text: str = ""
    passage_text: str = ""
    _kinds: tuple[frozenset[str], frozenset[str]] | None = None
    _aged: frozenset[str] | None = None
    _words: list[str] | None = None

    def kinds(self) -> tuple[frozenset[str], frozenset[str]]:
        """Nouns one of a kind ("a regional bank"), those not described (:mod:`.unnamed`)."""
        if self._kinds is None:
            self._kinds = one_of_a_kind(f"{self.shown_text} {self.passage_text}")
        return self._kinds

    def shown_words(self) -> list[str]:
        """The words of the text shown (:func:`~bot.engine.normalize.words`), stop words
        too, for the few gates that read them in order (:mod:`.shifts`)."""
        if self._words is None:
            self._words = words(self.shown_text)
        return self._words

    def ages_given(self) -> frozenset[str]:
        """Stems of the names it gives an age ("Oduya, 66"): :func:`.figures.aged`."""
        if self._aged is None:
            self._aged = aged(self.shown_text) | aged(self.passage_text) if self.numbers \
                else frozenset()
        return self._aged


#: Words joining two of a kind ("begin in March **and** finish", "win **or** lose").
_JOINING = frozenset({"and", "or", "nor"})


def coordinated(ws: list[str]) -> frozenset[str]:
    """The stems of the content words right before and after a joining word ("begin in
    March and finish": "march", "finish"; "win or lose"): a text naming both of a pair of
    opposites this way has not put one of them in place of the other."""
    if _JOINING.isdisjoint(ws):
        return frozenset()
    return frozenset(stem(ws[j]) for i, w in enumerate(ws) if w in _JOINING
                     for j in (i - 1, i + 1) if 0 <= j < len(ws) and is_content(ws[j]))


#: Reason markers that introduce a figure instead ("from $2 **to** $3", "**for** 78 days").
_RANGE_MARKERS = frozenset({"to", "for", "over", "after"})


def gives_reason(ws: list[str]) -> bool:
    """Whether ``ws`` has a reason marker (:data:`lexicon.REASON_MARKERS`) that does not just
    introduce a figure: "rise from $2.25 **to** $2.50" gives no reason, "raised fares **to**
    close a gap" does; nor a time: "**since** 2016"."""
    markers = lexicon.REASON_MARKERS
    return any(w in markers and not (w in _RANGE_MARKERS and i + 1 < len(ws)
                                     and ws[i + 1].isdigit()) and not _since_when(ws, i)
               and not (w == "to" and _completes(ws, i))
               for i, w in enumerate(ws))


#: A verb's "to" stands this many words after it at most ("urged the council to act").
COMPLEMENT_REACH = 4


def _completes(ws: list[str], i: int) -> bool:
    """Whether the "to" at ``ws[i]`` completes a verb before it ("encouraged people **to**
    protest", "voted **to** approve"): no purpose, so no reason."""
    return not lexicon.COMPLEMENT_VERBS.isdisjoint(ws[max(0, i - COMPLEMENT_REACH) : i])


def states_reason(ws: list[str]) -> bool:
    """Whether ``ws`` states a reason outright (:data:`lexicon.REASON_CONNECTIVES`:
    "because", "due to", "since" but not "since 2016", "since Monday")."""
    connectives = lexicon.REASON_CONNECTIVES
    return any(w in connectives and not _since_when(ws, i) for i, w in enumerate(ws))


#: After "since", the words that make it a time, not a reason ("since then", "since last
#: year", "since early May"), besides a figure or a date word.
_SINCE_TIME = frozenset({"then", "last", "early", "late", "before", "after"})


def _since_when(ws: list[str], i: int) -> bool:
    """Whether ``ws[i]`` is "since" of time ("since 2016", "since Monday", "since then")."""
    if ws[i] != "since" or i + 1 >= len(ws):
        return False
    after = ws[i + 1]
    return after.isdigit() or after in lexicon.DATE_WORDS or after in _SINCE_TIME


#: A causal verb gives a cause of the content words up to this many words after it ("sparked
#: large protests").
CAUSE_REACH = 3


def caused_terms(ws: list[str]) -> frozenset[str]:
    """The stems of the content words within :data:`CAUSE_REACH` words after a causal verb
    (:data:`lexicon.CAUSAL_VERBS`): what the text gives a cause of; of an agent noun, its
    verb's too ("caused protestors to gather": people protesting)."""
    if lexicon.CAUSAL_VERBS.isdisjoint(ws):
        return frozenset()
    caused = [ws[j] for i, w in enumerate(ws) if w in lexicon.CAUSAL_VERBS
              for j in range(i + 1, min(len(ws), i + 1 + CAUSE_REACH)) if is_content(ws[j])]
    return frozenset(stem(w) for w in caused) | frozenset(
        verb for w in caused if (verb := agent_verb(w)) is not None)


#: An agent noun: its verb, then "-er" or "-or" ("protestors": protest; "workers": work) ...
_AGENT = re.compile(r"^([a-z]{4,}?)(?:er|or)s?$")
#: ... the verb an English word seen this often at least (not "gather": "gath").
AGENT_VERB_MIN = 100


def agent_verb(word: str) -> str | None:
    """The stem of the verb of an agent noun ("protestors": protest, "leader": lead), or
    None (:data:`AGENT_VERB_MIN`)."""
    m = _AGENT.match(word)
    if m is None or lexicon.english().get(m.group(1), 0) < AGENT_VERB_MIN:
        return None
    return stem(m.group(1))


#: A stop word with an opposite is read with the nearest content word on each side within
#: this many words ("the **least** difficult", "**before** the war").
ANCHOR_REACH = 2


def stop_anchors(ws: list[str]) -> frozenset[tuple[str, str]]:
    """Each stop word of ``ws`` that has an opposite ("up", "on", "before"), paired with the
    stem of the nearest content word on each side of it (within :data:`ANCHOR_REACH`
    words): what it says something about. "shut down the line" gives ("down", "shut") and
    ("down", "line"); "went on strike" gives ("on", "went") and ("on", "strike"). A stance
    ("voted for the ban": :data:`lexicon.STANCE_PREPOSITIONS`) is read with the word before
    it alone: ("for", "vote")."""
    opposed = lexicon.opposed_stop_words()
    if opposed.isdisjoint(ws):
        return frozenset()
    out: set[tuple[str, str]] = set()
    for i, w in enumerate(ws):
        if w not in opposed:
            continue
        before = range(i - 1, max(-1, i - 1 - ANCHOR_REACH), -1)
        for side in (before,) if w in lexicon.STANCE_PREPOSITIONS else (
                before, range(i + 1, min(len(ws), i + 1 + ANCHOR_REACH))):
            for j in side:
                if is_content(ws[j]):
                    out.add((w, stem(ws[j])))
                    break
    return frozenset(out)


def describes_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Text that says who someone is, in apposition: "X, a nurse", "X, the mayor of",
    "X, who ...", "X, 58, who ...", "X is a ...", "X (a ...)", "the chief executive, X," or
    "his attorney, X of ..." for any of their names."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n.strip())
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(
        rf"\b(?i:{alts})(?:,\s*\d{{1,3}})?(?:,|\s+\(|\s+(?:is|was)\s+)\s*(?:(?i:an?|the|who|whose|one)|"
        r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s+(?:of|at|for|in))\b"
        # or the description first: "the company's chief executive, X, said", "his attorney,
        # X of the firm Y"
        rf"|\b[a-z][\w'’-]*(?:\s+[\w'’-]+){{0,5}},\s+(?i:{alts})(?:,|\s+(?:of|at|from)\s)"
    )
