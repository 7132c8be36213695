"""A place's population, which news gives as the size of a place in people more often than
with the word: "Ashgrove, a town of about 6,800 people", "a city of about 3,400, has sent
...", "home to some 900 residents", "the city's 40,000 residents".

* :func:`populated`: whether a text gives one, so that the record is filed under
  "population" too (:func:`bot.engine.records.index_terms`);
* :func:`as_population`: a question asking it in other words, "how many people live in
  Marlow", read as "what is the population of Marlow" (a figure, of Marlow).

The words are general English (``data/population.json``), none chosen for one article.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import TYPE_CHECKING

from bot.engine.normalize import is_content, stem, words

if TYPE_CHECKING:
    from bot.engine.question import Query

_DATA = json.loads(resources.files("bot.engine").joinpath("data", "population.json")
                   .read_text(encoding="utf-8"))
SETTLEMENTS = frozenset(_DATA["settlement_nouns"])
POPULACE = frozenset(_DATA["populace_nouns"])
_HEDGES = frozenset(_DATA["figure_approximations"])
_LIVING = frozenset(_DATA["living_verbs"])
_THERE = frozenset(_DATA["living_places"])
#: The word a record giving a population is filed under too, and its stem.
POPULATION = "population"
POPULATION_TERM = stem(POPULATION)
#: The words without one of which a text gives no population ("town", "home").
SIZE_CUES = SETTLEMENTS | {"home"}
#: Punctuation ending a clause (not the comma inside a figure: "3,400").
_CLAUSE = re.compile(r",(?=\s)|[;:()—–]")
_ANY = "|".join  # (a regular expression's alternatives)
#: A figure ("3,400", "1.2 million") after up to three words hedging it ("just over").
_FIGURE = (rf"(?:(?:{_ANY(sorted(_HEDGES))})\s+){{0,3}}"
           r"\d+(?:[,.]\d+)*(?:\s+(?:million|thousand|billion))?")
#: A place, "of" or its own ("the county's"), a figure, and what follows it: punctuation, a
#: word, or nothing.
_SIZED = re.compile(rf"\b(?:{_ANY(sorted(SETTLEMENTS))})(?:['’]s)?\s+(of\s+)?{_FIGURE}"
                    r"(?:\s*([,;:.)—–])|\s+([a-z]+))?")
#: "home to about 900 residents".
_HOME = re.compile(rf"\bhome\s+to\s+{_FIGURE}\s+(?:{_ANY(sorted(POPULACE))})\b")


def populated(text: str) -> bool:
    """Whether ``text`` gives a place's population: a place "of" a figure, the figure
    followed by its people or by no noun ("a town of about 2,800 people", "a city of about
    3,400, won"; not "a town of 300 homes"); a place's figure of its people ("the city's
    40,000 residents"); or "home to" a figure of people."""
    text = text.lower()
    for m in _SIZED.finditer(text):
        of, stop, word = m.groups()
        if word in POPULACE or (of and (stop or word is None or not is_content(word))):
            return True
    return _HOME.search(text) is not None


def as_population(ws: list[str]) -> list[str]:
    """``ws`` with "how many people live in" (or "live there") read as "what is the
    population of" ("how many residents live in Marlow"): news gives the figure as the
    place's size, saying neither "live" nor how many "people" (``ws`` as it was when it asks
    nothing of the kind)."""
    for i in range(len(ws) - 3):
        if ws[i : i + 2] == ["how", "many"] and ws[i + 2] in POPULACE and ws[i + 3] in _LIVING:
            rest = ws[i + 4 :]
            if rest[:1] == ["in"]:
                return [*ws[:i], "what", "is", "the", POPULATION, "of", *rest[1:]]
            if rest[:1] and rest[0] in _THERE:
                return [*ws[:i], "what", "is", "the", POPULATION, *rest[1:]]
    return ws


#: A place's name, then its size in people: "Pruett, a town of about 3,400" (the name's
#: words capitalised, up to three words of description between).
_NAMED_SIZE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(\w+)\s+of\b")


def populated_names(text: str) -> frozenset[str]:
    """The stems of the words of the place whose population ``text`` gives by name
    ("Pruett, a town of about 3,400": "pruett"), none when it names none."""
    out: set[str] = set()
    for m in _NAMED_SIZE.finditer(text):
        clause = _CLAUSE.split(text[m.start(2):], 1)[0]  # ("town of about 3,400")
        if m.group(2).lower() in SETTLEMENTS and populated(clause):
            out.update(stem(w) for w in words(m.group(1)) if is_content(w))
    return frozenset(out)


def population_of(query: Query, unknown: list[bool]) -> frozenset[str] | None:
    """The stems of the place a question asks the population of ("what is the population of
    Hartwell": "hartwel"; none for "how many people live there"), or None when it asks no
    population the bank gives (a bank never giving one leaves it a word it lacks)."""
    if query.answer_type != "number" or not any(
            it.terms[0] == POPULATION_TERM and not u
            for it, u in zip(query.items, unknown, strict=True)):
        return None
    return frozenset(t for it in query.items if (it.specific or not it.ordinary)
                     and not it.people and it.terms[0] != POPULATION_TERM for t in it.terms)


def not_population(asked: frozenset[str], fields: dict[str, int], text: str) -> bool:
    """Whether a record (its terms ``fields``, its ``text``) gives no population asked of the
    place ``asked``: none at all, or that of another place it names ("Pruett, a town of about
    3,400, ... Hartwell's grocery stores", asked of Hartwell)."""
    if POPULATION_TERM not in fields:
        return True
    given = populated_names(text)
    return bool(given) and bool(asked) and given.isdisjoint(asked)


#: "this town", "this lakeside city": the place a story is datelined from, in its own words.
_THIS_PLACE = re.compile(rf"\bthis\s+(?:[\w-]+\s+){{0,2}}?(?:{_ANY(sorted(SETTLEMENTS))})\s+of\b",
                         re.IGNORECASE)


def here_sized(text: str) -> bool:
    """Whether ``text`` gives the population of "this" place ("in this town of 3,400"): the
    place its story is datelined from."""
    return (m := _THIS_PLACE.search(text)) is not None and populated(text[m.start():])
