"""Whose time a record gives, for a "when" question (:func:`nearest_dated`).

A news sentence often gives a time for something other than what was asked: asked "when
does the strike end?", "nurses will not be allowed back to work until Saturday ... two days
after the walkout officially ends" names Saturday for a return to work, while "the union
planned to keep picketing ... until the strike ends Thursday" gives the end its own day. Of
the records near as probable, the one whose time stands nearest the words the question asks
about (by content words, a record giving no time being furthest) answers "when".
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine import lexicon
from bot.engine.figures import is_year
from bot.engine.normalize import stem, words
from bot.engine.question import Item
from bot.engine.records import is_content
from bot.models import Fact, Quote, first_source

#: A candidate this much less probable than the most probable one may still be chosen for its
#: time standing nearer what is asked ...
DATE_BAND = 0.3
#: ... when it stands nearer by this many content words at least.
DATE_MARGIN = 3
#: How far a record giving no time, or none of the words asked about, stands (any real
#: distance is nearer).
FAR = 1_000
#: A word of the question this common in English ("come", "get": :func:`lexicon.rarity`)
#: names no event whose time is asked.
EVENT_RARITY = 0.25


def event_terms(items: Sequence[Item]) -> frozenset[str]:
    """The terms of the words a "when" question asks the time of: its items but people and
    words as common as "come"."""
    return frozenset(t for it in items
                     if not it.people and lexicon.rarity(it.surface) >= EVENT_RARITY
                     for t in it.terms)


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
        if content and stem(w) in terms:
            hits.append(k)
        if content or timed:
            k += 1
    if not times or not hits:
        return FAR
    return min(abs(a - b) for a in times for b in hits)


def nearest_dated(probabilities: Sequence[float], records: Sequence[Fact | Quote],
                  terms: frozenset[str]) -> int:
    """The index of the candidate to answer "when" (``probabilities`` most probable first,
    with their ``records``): the first, unless one of its story within :data:`DATE_BAND` of
    it gives its time :data:`DATE_MARGIN` content words nearer what is asked (the nearest of
    those; another story's is no reading of the same one)."""
    if not probabilities or not terms:
        return 0
    top, story = probabilities[0], first_source(records[0])
    first = time_distance(records[0].text, terms)
    best, nearest = 0, first
    for k in range(1, len(probabilities)):
        p = probabilities[k]
        if p <= 0.0 or p < top - DATE_BAND or first_source(records[k]) != story:
            continue
        d = time_distance(records[k].text, terms)
        if d + DATE_MARGIN <= first and d < nearest:
            best, nearest = k, d
    return best
