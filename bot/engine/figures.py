"""The figures of a text and what each counts: "650 firefighters", "47 days", a name's age
in apposition ("Walt Brandvold, 63"), a time of day, a year. Read by
:func:`bot.engine.reading.view` and by the gates and features that ask for a figure."""

from __future__ import annotations

import re

from bot.engine import lexicon
from bot.engine.normalize import is_content, stem

_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")


#: A figure counts the content words up to this many words after it, with no other word
#: between ("650 firefighters", "2.3 million registered users").
COUNT_REACH = 3


#: A name with an age in apposition: "Walt Brandvold, 63, a pear grower", "Tasha Briggs, now 36,".
_AGE_APPOSITIVE = re.compile(r"\b([A-Z][\w’'\-]+),\s+(?:now\s+)?(\d{1,3})(?:,\s|\.(?!\d)|$)")


#: A name said to be an age, closing the sentence: "Margaret Hollowell was 91."
_AGE_STATED = re.compile(r"\b([A-Z][\w’'\-]+)\s+(?:was|is)\s+(\d{1,3})\.(?!\d)")


#: A speaker's own age in their words, as a quote is shown ("Jolene Roe: I am 49, and ..."):
#: "I am" or "I'm" and a figure ending the clause ("I'm 5 minutes away" is no age).
_AGE_SAID = re.compile(r"^(?:[A-Z][\w’'\-]*\s+)*?([A-Z][\w’'\-]+): .*?\bI(?:’m|'m| am)\s+"
                       r"(\d{1,3})(?:\s+years?\s+old)?(?=[,.;!?]|\s+and\b|$)")

#: The patterns giving a name and its age, both read by :func:`ages` and :func:`aged`.
_AGES = (_AGE_APPOSITIVE, _AGE_STATED, _AGE_SAID)


def ages(text: str) -> frozenset[tuple[str, str]]:
    """The ages news style puts after a name ("Walt Brandvold, 63, a pear grower") or states
    ("She was 91.", its subject named), and a speaker's own ("Jolene Roe: I am 49."), each as
    its figure counting "old" ("63 years old")."""
    if _SHORT_FIGURE.search(text) is None:  # (an age has at most three digits: "2024" is none)
        return frozenset()
    return frozenset((m.group(2), "old") for pattern in _AGES for m in pattern.finditer(text))


_SHORT_FIGURE = re.compile(r"(?<!\d)\d{1,3}(?!\d)")


#: An age before a name: "66-year-old Terrence Oduya".
_AGE_BEFORE = re.compile(r"\b\d{1,3}[-\s]year[-\s]old\s+((?:[A-Z][\w’'\-]+\s+)*[A-Z][\w’'\-]+)")
#: A name with an age in the phrase in apposition: "Okafor, a 19-year-old rookie".
_AGE_IN_APPOSITION = re.compile(r"\b([A-Z][\w’'\-]+),\s+(?:a|an)\s+\d{1,3}[-\s]year[-\s]old\b")


def aged(text: str) -> frozenset[str]:
    """The stems of the names ``text`` gives an age: "Oduya, 66", "66-year-old Terrence
    Oduya", "Okafor, a 19-year-old rookie", "Oduya was 66." (each word of the name, and of a
    double name: "Rao-Whitfield")."""
    names = [m.group(1) for pattern in _AGES for m in pattern.finditer(text)]
    names += [m.group(1) for m in _AGE_IN_APPOSITION.finditer(text)]
    names += [w for m in _AGE_BEFORE.finditer(text) for w in m.group(1).split()]
    return frozenset(stem(w) for n in names for w in n.lower().split("-"))


def figure_counts(ws: list[str]) -> frozenset[tuple[str, str]]:
    """Each figure of ``ws`` paired with the stem of each word it counts: the words right
    after it, up to :data:`COUNT_REACH`, not across a function word or another figure
    ("37 structures as firefighters ...": structures, not firefighters). A figure's digits
    read apart ("1.8 miles": "1", "8") count what the last of them counts."""
    return frozenset((figure, stem(w)) for figure, in_reach in _figure_reach(ws)
                     for w in in_reach)


#: The words joining the ends of a range of figures: "three or four years", "10 to 12 feet",
#: "between 20 and 30 people".
_RANGE_WORDS = frozenset({"or", "to", "and"})


def _figure_reach(ws: list[str]) -> list[tuple[str, list[str]]]:
    """Each figure of ``ws`` with the words it counts, as written; a range's first figure
    counts what its last does ("three or four years": both count years)."""
    reaches: dict[int, list[str]] = {}
    for i in range(len(ws) - 1, -1, -1):
        if not ws[i].isdigit():
            continue
        if i and ws[i - 1] in lexicon.MONTHS:
            reaches[i] = []  # a day ("On Oct. 21, 94 percent of nurses"): it counts nothing
            continue
        last = i
        while last + 1 < len(ws) and ws[last + 1].isdigit():
            last += 1
        if last + 2 < len(ws) and ws[last + 1] in _RANGE_WORDS and ws[last + 2].isdigit():
            reaches[i] = reaches[last + 2]
            continue
        reach = []
        for j in range(last + 1, min(len(ws), last + 1 + COUNT_REACH)):
            if not is_content(ws[j]) or ws[j].isdigit():
                break
            reach.append(ws[j])
        reaches[i] = reach
    return [(ws[i], reaches[i]) for i in sorted(reaches)]


def span_figures(ws: list[str]) -> frozenset[str]:
    """The figures of ``ws`` that count a unit of time or length, the word itself ("47 days",
    "1.8 miles", "two hours"; not "2,500 seasonal jobs"), within :data:`COUNT_REACH`."""
    out: set[str] = set()
    for figure, in_reach in _figure_reach(ws):
        if any(w in lexicon.SPAN_UNITS for w in in_reach):
            out.add(figure)
    return frozenset(out)


#: The stems of the months' names, a figure after which is a day of the month.
_MONTHS = frozenset(map(stem, lexicon.MONTHS))


def days(seq: list[str]) -> set[str]:
    """The figures of the stems ``seq`` that are days of a month ("Oct. 21": "21"), which
    count nothing."""
    return {seq[i] for i in range(1, len(seq)) if seq[i - 1] in _MONTHS and seq[i].isdigit()}


def has_clock_time(ws: list[str]) -> bool:
    """A figure followed by "am" or "pm" ("2 40 pm", "3 am")."""
    return any(w in lexicon.CLOCK_WORDS and i and ws[i - 1].isdigit() for i, w in enumerate(ws))


def is_year(word: str) -> bool:
    """A four-digit year ("1998", "2024") or decade ("1990s")."""
    return bool(_YEAR.match(word))


#: Counting words only when "of" follows ("a third of"; not "a third straight day").
_FRACTIONS = frozenset({"third", "thirds", "quarter", "quarters"})


def counts_unfigured(ws: list[str]) -> bool:
    """``ws`` has a word counting without a figure ("several", "dozens", "a third of")."""
    return any(w in lexicon.COUNTING_WORDS and (w not in _FRACTIONS or nxt == "of")
               for w, nxt in zip(ws, [*ws[1:], ""], strict=False))


#: A season placed in time: "in the spring", "by summer", "last fall", "early-winter".
_SEASON = re.compile(r"\b(?:in|by|this|next|last|until|through|early|late|mid)[ -](?:the )?"
                     r"(?:spring|summer|fall|autumn|winter)\b", re.IGNORECASE)


#: The seasons' names, one of which a text must have for :data:`_SEASON` to be looked for.
SEASONS = ("spring", "summer", "fall", "autumn", "winter")


def seasoned(*texts: str) -> bool:
    """A text places something in a season ("due in the spring", "by summer", "last fall"):
    a time that answers "when", as a date does. (The pattern is searched for only in a text
    naming a season: most name none, and the search tries every word.)"""
    return any(_names_season(t.lower()) and _SEASON.search(t) for t in texts)


def _names_season(folded: str) -> bool:
    return any(s in folded for s in SEASONS)
