"""Whether a record has the figure a question asks for (:func:`has_figure`): "how many
firefighters" a figure counting them ("how many people": people of any kind,
:func:`counts_people`), "how long" one of time or length, "how much does it cost" a sum of
money, "how old" an age, "what percent" a percentage. A gate of :mod:`bot.engine.sinks` and a
feature of :mod:`bot.engine.scoring`. And whether it gives the time or the number of things
the question's frame asks for (:func:`frame_unsaid`): "what time", "what year", "what day",
"what month", "what are four examples"; and the act whose time "when was the plant built"
asks (:func:`act_timed`)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.figures import days, is_year
from bot.engine.normalize import stem
from bot.engine.records import RecordView
from bot.engine.series import series_length

if TYPE_CHECKING:
    from bot.engine.question import Item, Query

#: The stems of the units a figure answering "how long" counts ("47 days", "16 hours").
_SPAN = frozenset(stem(w) for w in lexicon.SPAN_UNITS)
#: What a percentage or a sum of money is measured in: no count of things.
_MEASURES = frozenset(stem(w) for w in ("percent", "cents", "dollars"))
#: The words of paying, with which "how much" asks for a sum of money.
MONEY_TERMS = frozenset(stem(w) for w in lexicon.MONEY_WORDS)
#: The stems of the verbs of a quantity's change ("drop", "rose"): by how much, not a price.
_CHANGES = frozenset(stem(w) for w in lexicon.CHANGE_VERBS)
#: The forms of "be" after which "how much" asks a price ("how much is parking").
_PRICED = frozenset({"is", "are", "was", "were"})


def money_asked(ws: list[str], items: list[Item], frame: set[int]) -> bool:
    """Whether a question asking "how much" (its words ``ws``, the places of its frame
    ``frame``) asks a sum of money: a word of paying ("how much did it cost", "how much
    money"), a sale's price ("how much did it sell for"), a price ("how much is parking";
    not "how much is traffic expected to drop", by how much)."""
    return any(t in MONEY_TERMS for it in items for t in it.terms) \
        or any(a in lexicon.SALE_VERBS and b == "for" for a, b in pairwise(ws)) \
        or (any(ws[k:k + 2] == ["how", "much"] and ws[k + 2:k + 3] and ws[k + 2] in _PRICED
                for k in frame) and not any(stem(w) in _CHANGES for w in ws))


def price_asked(ws: list[str], pos: int, opened: int) -> bool:
    """Whether the word at ``pos``, a word of paying, ends a question opening on "what"
    (``opened``: where it opens) with no preposition between: "what did the stadium cost",
    "what was the starting bid"; not "what did the council decide about the money", "what's
    happening with the auction money", "what did the jury decide on the forgery charges"."""
    return pos == len(ws) - 1 and ws[pos] in lexicon.MONEY_WORDS and ws[opened] == "what" \
        and _PREPOSITIONS.isdisjoint(ws[opened:pos])


#: The prepositions that make a word after them what a question is about, not what it asks.
_PREPOSITIONS = lexicon.PLACE_PREPOSITIONS | {"with", "for", "about", "regarding", "concerning",
                                              "by", "during", "besides", "except"}


#: The units of length or area, which answer "how big" and "how far".
_LENGTH = frozenset(stem(w) for w in lexicon.LENGTH_UNITS)
#: Every unit of measure: of time, length or area, distance, heat, weight, speed, money or
#: share.
_UNITS = _SPAN | _LENGTH | _MEASURES | frozenset(
    stem(u) for units in lexicon.MEASURE_UNITS.values() for u in units)


#: The stems of the words asking a count of people ("how many people live in Branwell").
_PEOPLE = frozenset(stem(w) for w in ("people", "persons"))
#: Plurals of kinds of person not made with "-s", and the words counting people as a whole.
_PERSONS = frozenset({"people", "persons", "children", "men", "women", "population"})
#: Places whose figure after "of" counts their people ("a town of 3,400").
_PEOPLED = frozenset({"town", "city", "village", "borough", "township", "county", "community",
                      "country", "state", "nation", "island", "district", "neighborhood"})
#: A figure counts people when one of the next this many words is a kind of person ("nine
#: full-time employees") or "population" stands this many words before it.
PEOPLE_REACH = 3


def counts_people(ws: list[str]) -> bool:
    """Whether the words ``ws`` (:func:`~bot.engine.normalize.words`) count people: a figure
    before a kind of person ("1,100 residents", "nine employees", "31 children"), after
    "population" ("population about 9,300") or after a place and "of" ("a town of 3,400")."""
    from bot.engine.naming import kind_of_person  # (naming reads questions, which read this)

    for i, w in enumerate(ws):
        if not w.isdigit():
            continue
        after = ws[i + 1 : i + 1 + PEOPLE_REACH]
        if any(a in _PERSONS or kind_of_person(a) for a in after) \
                or "population" in ws[max(0, i - PEOPLE_REACH) : i] \
                or (i > 1 and ws[i - 1] == "of" and ws[i - 2] in _PEOPLED):
            return True
    return False


def people_aged(ws: list[str]) -> set[str]:
    """The figures of the words ``ws`` giving a person's age in years ("the 16-year-old girl
    who raised it", "a 34-year-old teacher"): how old someone is, no span "how long" asks."""
    from bot.engine.naming import kind_of_person  # (naming reads questions, which read this)

    return {w for i, w in enumerate(ws) if w.isdigit() and ws[i + 1 : i + 3] == ["year", "old"]
            and any(kind_of_person(a) for a in ws[i + 3 : i + 3 + PEOPLE_REACH])}


#: "aged 34", "between the ages of 9 and 12": an age's figure this many content words after
#: "age" at most.
AGE_REACH = 3


#: The words after which a bare figure of someone is how old they are ("who was 4 when he
#: was arrested and is now 24").
_AGED_BY = frozenset({"who", "now"})
#: The words a bare age may stand before: the end, or a clause going on.
_AGE_ENDS = frozenset({"when", "and", "but", "at", "in", "as"})


def aged_now(ws: list[str]) -> set[str]:
    """The bare figures of the words ``ws`` giving someone's age: after "who is", "who was",
    "is now", "was now" ("his daughter, who was 4 when he was arrested and is now 24"), at
    the end or before a word going on with the clause ("when", "and"); not "the vote was 4
    to 3", "the count is now 24 cases"."""
    return {w for i, w in enumerate(ws) if w.isdigit() and i > 1
            and ((ws[i - 1] in _BE and ws[i - 2] in _AGED_BY)
                 or (ws[i - 1] == "now" and ws[i - 2] in _BE))
            and (i + 1 == len(ws) or ws[i + 1] in _AGE_ENDS)}


#: The forms of "be" before an age ("who is 54").
_BE = frozenset({"is", "was"})


def has_figure(kind: str, view: RecordView, asked: set[str], counts: bool = False,
               counted: frozenset[str] = frozenset(), size: bool = False,
               money: bool = False, ws: list[str] | None = None) -> bool:
    """The record has a figure the question does not give (for "how old", not a year; for
    "what percent", a record saying "percent" or "%"; for "how long", one counting a unit of
    time or length: "47 days", not "410,000 users"; for "how many" (``counts``), not a
    percentage nor a sum of money either; ``counted``: the thing counted, when it is a unit
    of time or length, a figure of that unit; ``size``: "how big", "how far", which a
    figure of length answers; ``money``: "how much" of a sum of money, which only a sum of
    money answers)."""
    if kind == "age":
        # "a 34-year-old teacher", "34 years old", "aged 34", "ages 9 to 12": not "two
        # hours", nor a year, nor "a 10-year tax", nor "people of all ages ... January 6"
        pairs, seq = view.figure_counts, view.sequence
        by_age = {seq[j] for i, t in enumerate(seq) if t == "age"
                  for j in range(i + 1, min(len(seq), i + 1 + AGE_REACH))}
        # (a figure of years old is no year, however it reads: "about 1,150 years old")
        by_age |= aged_now(view.shown_words())
        return any(((n, "old") in pairs and (n, "year") in pairs)
                   or (not is_year(n) and ((n, "old") in pairs or n in by_age))
                   for n in view.numbers - asked)
    if kind == "span":
        # "how long will it stay closed": "until at least Friday" answers it as well
        return view.until or one_unit(view.shown_words()) or any(
            n not in asked for n in view.spans - people_aged(view.shown_words()))
    if kind == "percent" and "percent" not in view.sequence:
        return False
    # (a figure of a unit of time or length counts that unit, not the word after it: "six
    # years volunteering" counts no volunteers)
    spent = view.spans if counted.isdisjoint(_SPAN) else frozenset()
    if counts and any((n, t) in view.figure_counts for n in view.numbers - asked - spent
                      for t in counted):
        return True  # "how many artworks": "three works", "1,100 books" (not a year)
    if counts and not counted.isdisjoint(_PEOPLE) and not counts_people(view.shown_words()):
        return False  # "how many people live in Branwell": not "at least 150 feet"
    if counts and not counted.isdisjoint(view.sequence) and _counts_others(view, asked, counted):
        return False  # "how many firefighters": "firefighters measured 240 parts per million"
    if money and not view.money:
        return False  # "how much does the contractor charge": a sum of money, not "three"
    if kind == "number" and not counts and _measured(view, asked, size):
        return True  # "how much warning": "40 minutes of warning"
    if kind == "number" and not counts and ws and span_answers(ws) \
            and any(n not in asked for n in view.spans):
        return True  # "how much extra time": "31 minutes"; "by how much": "by 38 seconds"
    if kind == "number" and not asked & _SPAN:
        grouped = _grouped(view) if any(map(is_year, view.numbers)) else set()  # ("1,100
        # residents": no year)
        # "how many firefighters": not a year, nor a figure of time or length ("five
        # years", "38 miles away"), unless asked in those units ("how big", "how far": a
        # figure of length, not of time)
        spans = set(view.spans) | days(view.sequence)  # (nor a day: "Oct. 21")
        if size:  # "how big was the crack": "7 inches long" (not "for five years")
            spans -= {n for n, u in view.figure_counts if u in _LENGTH}
        if counts and not asked & _MEASURES:
            spans |= view.money | {n for n, u in view.figure_counts if u in _MEASURES}
        if "old" not in asked:  # "Vance, 54, pleaded guilty": his age counts no witnesses
            spans |= {n for n, u in view.figure_counts if u == "old"}
        if not counts and not size:  # "how much did the chains offer": not "two regional
            # chains" (a count of a thing the question names is what it takes as given, unless
            # it asks one; but "a $2 million grant", "a 320-acre farm" measure it, and "how big
            # are the carts in gallons" is answered by "32 gallons")
            spans |= _counted_only(view, asked) - view.money
        return any((not is_year(n) or n in grouped) and n not in spans
                   for n in view.numbers - asked)
    if kind == "number" and counted and counted <= _SPAN:
        # counted in a unit of time or length ("how many years in prison", "how many miles";
        # not "how many night lights"): a figure of that unit ("15 years", taken above; of
        # length, any unit of length: "2,000 kilometres"), not one of another ("an eight-day
        # trial", "14 hours" for "how many inches"), nor a year, nor an age ("Vance, 54,
        # pleaded guilty") unless the age is asked ("how many years old")
        ages = {n for n, u in view.figure_counts if u == "old"} if "old" in asked else set()
        lengths = {n for n, u in view.figure_counts if u in _LENGTH} \
            if not counted.isdisjoint(_LENGTH) else set()
        return any(n not in asked for n in ages | lengths)
    return bool(view.numbers - asked)


#: The words measuring a single unit of time or length after them ("about a mile away", "at
#: least a year", "within an hour").
_APPROXIMATE = frozenset({"about", "around", "nearly", "almost", "roughly", "least", "within"})
#: The words after a span making it a time's distance from another, not a length: "a year ago".
_FROM = frozenset({"ago", "later", "earlier", "after", "before", "since"})


def one_unit(ws: list[str]) -> bool:
    """Whether the words ``ws`` (:func:`~bot.engine.normalize.words`, with stop words) give
    a span of one unit of time or length, measured as such: a word measuring it, "a" or
    "an", the unit ("about a mile away", "at least a year"; not "a year ago", "once a week",
    "the first time in a decade")."""
    return any(a in _APPROXIMATE and b in ("a", "an") and stem(c) in _SPAN
               and _FROM.isdisjoint(ws[i + 3:i + 4])
               for i, (a, b, c) in enumerate(zip(ws, ws[1:], ws[2:], strict=False)))


#: The words asking a duration after "how much" ("how much time", "how much extra time").
_DURATION = frozenset({"time"})


def span_answers(ws: list[str]) -> bool:
    """Whether a figure of time answers a question asking "how much" (its words ``ws``):
    one asking a duration ("how much time", "how much extra time", a word at most between)
    or a difference ("by how much did she beat the record": "by 38 seconds")."""
    return any(ws[k:k + 2] == ["how", "much"] and (
        (k > 0 and ws[k - 1] == "by") or not _DURATION.isdisjoint(ws[k + 2:k + 4]))
        for k in range(len(ws) - 1))


#: A figure this many content words before the thing a question counts may count it ("about
#: 60 provisional and late-arriving mail ballots", "the three-member Calder County Board of
#: Commissioners").
COUNTED_REACH = 6


#: The stems of the words that count without a figure ("several", "dozens", "a couple").
_COUNTING = frozenset(stem(w) for w in lexicon.COUNTING_WORDS)


def counts_word(view: RecordView, counted: frozenset[str]) -> bool:
    """A counting word of the record ("several", "dozens") may count the thing a question
    counts: the record does not name it, or names it within :data:`COUNTED_REACH` words
    after one ("several years"; not "pleaded guilty last year to a single count")."""
    seq = [stem(w) for w in view.shown_words()]  # (with its stop words: "one rotation")
    named = [i for i, t in enumerate(seq) if t in counted]
    return not named or any(not _COUNTING.isdisjoint(seq[max(0, i - COUNTED_REACH):i])
                            for i in named)


#: A figure written with a thousands comma ("1,100").
_GROUPED = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def _grouped(view: RecordView) -> set[str]:
    """The record's figures written with a thousands comma ("1,100 residents"), which a
    year never is."""
    return {m.replace(",", "") for text in (view.shown_text, view.passage_text)
            for m in _GROUPED.findall(text)}


def _counted_only(view: RecordView, asked: set[str]) -> set[str]:
    """The record's figures that count a thing the question names and no unit of measure
    ("two regional chains", not "a 320-acre farm")."""
    counting = {n for n, u in view.figure_counts if u in asked}
    return counting - {n for n, u in view.figure_counts if u in _UNITS}


def _counts_others(view: RecordView, asked: set[str], counted: frozenset[str]) -> bool:
    """The record names the thing counted, with no figure shortly before it, and every
    figure of the record (not the question's, nor a year) counts some other thing named after
    it: "firefighters ... measured 240 parts per million" does not say how many firefighters."""
    figures = {n for n in view.numbers - asked if not is_year(n)}
    if not figures or not figures <= {n for n, _ in view.figure_counts}:
        return False
    seq = view.sequence
    return not any(t in counted and not figures.isdisjoint(seq[max(0, i - COUNTED_REACH):i])
                   for i, t in enumerate(seq))


def _measured(view: RecordView, asked: set[str], size: bool = False) -> bool:
    """The record measures a thing the question asks about in a unit of time or length ("40
    minutes of warning", "3 inches of rain"): a figure, its unit, then the thing, with a word
    at most before either ("9,000 cubic yards of silt", "800 feet of damaged track"); asked
    how big, in a unit of length ("ninety winters breaks" is no size)."""
    seq, units = view.sequence, _LENGTH if size else _SPAN | _LENGTH
    if any(seq[i] in view.spans and seq[i + 1] in units and seq[i + 2] in asked
           for i in range(len(seq) - 2)):
        return True
    ws = view.shown_words()
    for i, w in enumerate(ws):
        if w not in view.spans:
            continue
        unit = next((j for j in (i + 1, i + 2) if j < len(ws) and stem(ws[j]) in units), None)
        if unit is not None and ws[unit + 1 : unit + 2] == ["of"] \
                and not asked.isdisjoint(map(stem, ws[unit + 2 : unit + 4])):
            return True
    return False


def frame_unsaid(query: Query, view: RecordView) -> str | None:
    """Why the record does not give what the question's frame asks for, or None: a time of
    day ("what time": not "Saturday morning"), a year ("what year": not "at 3:15 a.m.", "on
    Saturday"), a day ("what day": not "40 derailments a year"), a month ("in what month": not
    "today"), or as many things as it asks for ("what are four examples": not "A, B and C",
    unless it says "four")."""
    if query.clock and not view.has_clock:
        return "no time"
    if query.year and not any(map(is_year, view.numbers - _grouped(view))):
        return "no year"  # (nor "1,100 residents")
    if query.day and not view.has_day:
        return "no day"
    if query.month and lexicon.MONTHS.isdisjoint(view.shown_words()):
        return "no month"
    if query.listed > 2 and str(query.listed) not in view.numbers and max(
            series_length(view.shown_text), series_length(view.passage_text)) < query.listed:
        return "too few"
    return None


#: The endings of a past participle ending a question: "built", "founded", "taken".
_PARTICIPLE_ENDS = ("ed", "t", "en")


def act_timed(query: Query) -> tuple[str, ...]:
    """The terms of the act whose time "when was X <done>" asks ("when was the plant built":
    "built", and its related forms), which a record giving the time of another act does not
    give ("a federal jury found Friday that the plant's owner ..."); empty for any other
    question."""
    ws, items = query.words, query.items
    if query.answer_type != "date" or len(ws) < 4 or ws[0] != "when" \
            or ws[1] not in ("was", "were") or not items:
        return ()
    last = items[-1]
    if last.surface != ws[-1] or last.people or last.specific \
            or not ws[-1].endswith(_PARTICIPLE_ENDS):
        return ()
    return tuple(last.terms)


#: A person's measure ("the 6-foot-8 Villeneuve", "Villeneuve, 6 feet 8") stands this near
#: their name, in content words.
MEASURE_REACH = 3


def figure_beside(seq: list[str], figures: set[str], terms: frozenset[str]) -> bool:
    """Whether one of ``figures`` stands within :data:`MEASURE_REACH` words of one of
    ``terms`` in ``seq``."""
    at = [i for i, t in enumerate(seq) if t in terms]
    return any(abs(i - j) <= MEASURE_REACH for j, t in enumerate(seq) if t in figures
               for i in at)


def sized_of(query: Query, measured: bool) -> frozenset[str]:
    """Asked a size or a measure ("how big", ``measured``: "how deep"), the terms of the one
    thing sized, whose figure stands by it ("how big is the farm": "a 320-acre dairy farm",
    not "the stone, which weighs about 2.3 kilograms"): the question's items, one run of
    words naming no one right after "how big is" ("how big is Fenwick Square"; but asked a
    measure, one word: "how much did the steer weigh" sizes no "weigh"), else none."""
    items, ws = query.items, query.words
    if not (measured or query.size) or not items or any(it.people for it in items):
        return frozenset()
    at = query.at
    if len(items) > 1 and (measured or not _PRICED.issuperset(ws[2:3]) or any(
            b.pos >= len(at) or at[b.pos] - at[a.pos] != 1 for a, b in pairwise(items))):
        return frozenset()  # (not "how far off were the reports")
    return frozenset(t for it in items for t in it.terms)
