"""Whose time, place or figure a record gives, for a "when", "where" or "how many" question
(:func:`nearest_given`).

A news sentence often gives a time or a place for something other than what was asked:
asked "when does the strike end?", "nurses will not be allowed back to work until Saturday
... two days after the walkout officially ends" names Saturday for a return to work, while
"the union planned to keep picketing until the strike ends Thursday" gives the end its own
day; asked "where were the clinics", a sentence naming no place at all says nothing of where;
asked "how many people does Harlow employ", "640 jobs in a town of about 11,000 people" counts
other people than "Harlow, which employs about 9,400 people". Of the records of the chosen
story near as probable, the one whose time (place, figure) stands nearest the words the
question asks about answers (by content words; a record giving none stands furthest).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from bot.engine import lexicon
from bot.engine.figures import SEASONS, is_year
from bot.engine.ingest.evidence import place_noun
from bot.engine.normalize import DETERMINERS, content_stems, is_content, stem, words
from bot.engine.question import FIGURE_KINDS, Item, Query
from bot.models import Fact, Quote, first_source

#: A candidate this much less probable than the most probable one may still be chosen for its
#: time or place standing nearer what is asked ...
NEAR_BAND = 0.3
#: ... when it stands nearer by this many content words at least.
NEAR_MARGIN = 3
#: ... or this much less probable, when it gives one this near what is asked ("a meeting in
#: the Elderby High School gym") and the most probable none, or one twice the margin further
WIDE_BAND = 0.6
#: (content words apart)
BESIDE = 1
#: How far a record giving no time (place), or none of the words asked about, stands (any
#: real distance is nearer).
FAR = 1_000
#: A word of the question this common in English ("come", "get": :func:`lexicon.rarity`)
#: names no event whose time or place is asked.
EVENT_RARITY = 0.25
#: A name is a place when one of these many words before it is a place preposition ("in the
#: Corliss Bend gym", "at Penmoor General Hospital").
PLACE_REACH = 3
#: A figure answering "how many" stands within this many content words of what is asked ...
FIGURE_REACH = 3
#: ... and a record this much less probable than the most probable one may give it.
FIGURE_BAND = 0.2
#: A record says what X did when X is among its first this many content words ("Gerald
#: Pinkney said he planned to give any refund").
DOER_OPENING = 2
#: A written word (its capital kept), or a figure.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+")
#: Punctuation between a preposition and a name that parts them ("On Sept. 15, Golden Hearth
#: learned": no place).
_BREAK = re.compile(r"[,;:.!?()\"“”—]")
#: The prepositions that set a thing in or at a place a common noun names ("in the gym",
#: "on the bottom"; not "near the front" holding signs, nor "to break ground")
_PLACING = frozenset({"at", "in", "inside", "on", "within", "atop", "upon"})
#: What may stand right before a capital that opens a sentence or a quotation (or nothing).
_OPENERS = frozenset({"", ".", "!", "?", ":", '"', "“", "—"})


def event_terms(items: Sequence[Item], kind: str) -> frozenset[str]:
    """The terms of the words a "when" or "where" question asks the time or place of: its
    items but people and words as common as "come" (a figure asked of any: "how many fans
    does the stadium **hold**", "how many **people**")."""
    figure = kind in FIGURE_KINDS
    return frozenset(t for it in items
                     if not it.people and (figure or lexicon.rarity(it.surface) >= EVENT_RARITY)
                     for t in it.terms)


def _nearest(marks: list[int], hits: list[int]) -> int:
    return min((abs(a - b) for a in marks for b in hits), default=FAR)


def time_distance(text: str, terms: frozenset[str]) -> int:
    """How many content words apart a time of ``text`` (a date word, a year, a clock time)
    and a word of ``terms`` stand at the nearest; :data:`FAR` when it has none of either."""
    ws = words(text)
    times: list[int] = []
    hits: list[int] = []
    k = 0
    for i, w in enumerate(ws):
        # ("1 15 am": a clock time, from its first figure)
        timed = w in lexicon.DATE_WORDS or is_year(w) or (
            w.isdigit() and not lexicon.CLOCK_WORDS.isdisjoint(ws[i + 1 : i + 3]))
        content = is_content(w)
        if timed:
            times.append(k)
        if content and (stem(w) in terms or w in terms):
            hits.append(k)
        if content or timed:
            k += 1
    return _nearest(times, hits)


def place_distance(text: str, terms: frozenset[str]) -> int:
    """How many content words apart a place of ``text`` and a word of ``terms`` stand at the
    nearest; :data:`FAR` when it has none of either. A place is a name (words written with a
    capital, "&" joining them) after a place preposition ("clinics **in Pennsylvania**"), not
    opening a sentence or a quotation, nor parted from the preposition by punctuation, nor a
    month or a day, nor a name of what is asked
    ("bags of Golden Hearth **Potstickers**" asked where potstickers are made); or a noun
    whose usual sense is a place a few words after "in", "at", "on" (:data:`_PLACING`), not
    the thing asked ("found in a courthouse **basement**")."""
    found = list(_TOKEN.finditer(text))
    places: list[int] = []
    hits: list[int] = []
    k = 0
    run: list[tuple[int, bool]] = []  # the name being read: (its first place, a place?)
    for i, m in enumerate(found):
        token, before = m.group(), text[: m.start()].rstrip()
        ws = words(token)
        named = token[0].isupper() and not (ws and (ws[0] in lexicon.MONTHS
                                                    or ws[0] in lexicon.WEEKDAYS))
        joined = bool(run) and i and text[found[i - 1].end() : m.start()].strip() in ("", "&")
        if run and not (named and joined):
            places.extend(at for at, place in run[:1] if place)
            run = []
        if named:
            if not run:  # (a capital opening a sentence, a quotation, a clause after a dash)
                run = [(k, before[-1:] not in _OPENERS and any(
                    t.group().lower() in lexicon.PLACE_PREPOSITIONS
                    and not _BREAK.search(text, t.end(), m.start())
                    for t in found[max(0, i - PLACE_REACH) : i]))]
            if any(stem(w) in terms for w in ws):
                run = [(k, False)]  # (the name of what is asked)
        if not named and place_noun(token) and token.lower() not in SEASONS \
                and stem(token.lower()) not in terms and any(
                t.group().lower() in _PLACING and not _BREAK.search(text, t.end(), m.start())
                for t in found[max(0, i - PLACE_REACH) : i]):
            places.append(k)  # (a place in lower case: "ledgers he found in a courthouse
            # basement"; a season is a time: "in the spring")
        for w in ws:
            if is_content(w):
                if stem(w) in terms or w in terms:
                    hits.append(k)
                k += 1
    places.extend(at for at, place in run[:1] if place)
    return _nearest(places, hits)


def figure_distance(text: str, terms: frozenset[str]) -> int:
    """How many of ``terms`` stand further than :data:`FIGURE_REACH` content words from a
    figure of ``text`` (not a year), at the fewest: "**9,400 people**" is nearer "how many
    people does it employ" than "640 jobs in a town of about 11,000"; :data:`FAR` when it
    has no figure."""
    seq = content_stems(words(text))
    figures = [k for k, t in enumerate(seq)  # (a year is written without a comma: "2,000"
               if t.isdigit() and not (is_year(t) and t in text)]  # is no year)
    if not figures:
        return FAR
    return len(terms) - max(len(terms.intersection(seq[max(0, k - FIGURE_REACH) :
                                                       k + FIGURE_REACH + 1]))
                            for k in figures)


class Reading(NamedTuple):
    """How a kind of answer is read beside what is asked: its :func:`nearest_given`
    distance, how much less probable a record read nearer may be, how much nearer it must
    be."""

    distance: Callable[[str, frozenset[str]], int]
    band: float
    margin: int
    #: how much less probable a record may be that gives it right beside what is asked
    #: (:data:`BESIDE`) when the most probable gives none, or one twice the margin further
    wide: float = 0.0


def nearest_given(probabilities: Sequence[float], records: Sequence[Fact | Quote],
                  terms: frozenset[str], reading: Reading) -> int:
    """The index of the candidate to answer "when", "where" or "how many" (``probabilities``
    most probable first, with their ``records``): the first, unless one of its story within
    the reading's band of it gives its time (place, figure) by the reading's margin nearer
    what is asked (the nearest of those; another story's is no reading of the same one)."""
    if not probabilities or not terms:
        return 0
    top, story = probabilities[0], first_source(records[0])
    first = reading.distance(records[0].text, terms)
    best, nearest = 0, first
    for k in range(1, len(probabilities)):
        p = probabilities[k]
        if p <= 0.0 or p < top - max(reading.band, reading.wide) \
                or first_source(records[k]) != story:
            continue
        d = reading.distance(records[k].text, terms)
        if p < top - reading.band and not (d <= BESIDE and first >= d + 2 * reading.margin):
            continue
        if d + reading.margin <= first and d < nearest:
            best, nearest = k, d
    return best


def doer_distance(text: str, terms: frozenset[str]) -> int:
    """0 when a word of ``terms`` (the doer asked about) is among the first
    :data:`DOER_OPENING` content words of ``text`` ("**The board** revoked the race's
    certification"), 1 when it stands later or nowhere ("Thiele sent his analysis to the race
    and to the certification board")."""
    seq = content_stems(words(text))[:DOER_OPENING]
    return 0 if terms.intersection(seq) else 1


#: The words a question may open with before "what" ("so what did the board do").
_LEADS = frozenset({"so", "and", "but"})
#: The forms of "do" a "what did X do" question ends its doer with.
_DO = frozenset({"do", "doing", "done"})


def what_did_doer(ws: list[str]) -> frozenset[str]:
    """The terms of the doer of "what did X do" ("what will Pinkney do with his refund",
    "what did the certification board do to the race": its words between the auxiliary and
    "do"); empty for any other question."""
    k = 1 if ws[:1] and ws[0] in _LEADS else 0
    if ws[k : k + 1] != ["what"] or len(ws) < k + 4 or ws[k + 1] not in lexicon.ANY_AUXILIARY:
        return frozenset()
    end = next((j for j in range(k + 3, len(ws)) if ws[j] in _DO), None)
    return frozenset() if end is None else frozenset(content_stems(ws[k + 2 : end]))



#: The reading of each kind of answer whose time, place or figure is given beside what is
#: asked (a figure: any one more word asked beside it, of a record near as probable as
#: :data:`FIGURE_BAND` says).
DATED = Reading(time_distance, NEAR_BAND, NEAR_MARGIN)
_FIGURED = Reading(figure_distance, FIGURE_BAND, 1)
DISTANCES: dict[str, Reading] = {
    "date": DATED, "place": Reading(place_distance, NEAR_BAND, NEAR_MARGIN, WIDE_BAND),
    **dict.fromkeys(FIGURE_KINDS, _FIGURED)}
#: "what did X do": a record of its story near as probable opening with X, when the most
#: probable does not
DONE = Reading(doer_distance, NEAR_BAND, 1)


def _as_named(query: Query, terms: frozenset[str]) -> frozenset[str]:
    """``terms`` with the stems of an event named by a noun in -ing after a determiner ("the
    hearing", "a meeting") put as the noun itself and its plural: the event, not "has heard"
    or "met with" (the same stems)."""
    ws, at = query.words, query.at
    for it in query.items:
        k = at[it.pos] if it.pos < len(at) else 0
        if it.surface.endswith("ing") and k and ws[k - 1] in DETERMINERS \
                and terms.issuperset(it.terms):
            terms = terms - set(it.terms) | {it.surface, f"{it.surface}s"}
    return terms


def reading(query: Query) -> tuple[Reading, frozenset[str]] | None:
    """How the question's answer is read beside what it asks, and the terms of what it asks
    (:func:`nearest_given`), or None."""
    found = DISTANCES.get(query.answer_type)
    if found is not None:
        terms = event_terms(query.items, query.answer_type)
        if not terms and query.answer_type == "place":  # asked where of no event, but of
            # someone or something ("where does Danita Rourke work"): a place beside its name
            terms = frozenset(t for it in query.items for t in it.terms)
        return found, _as_named(query, terms) if query.answer_type in ("date", "place") \
            else terms
    doer = what_did_doer(query.words) if not query.answer_type else frozenset()
    return (DONE, doer) if doer else None
