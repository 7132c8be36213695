"""Where someone is from ("where is Ana Ruiz from", "where's Gerald Pruitt from"): a record
answers only when it gives a place beside the person's name, as news writes it: "an appraiser
from Cincinnati", "Gerald Pruitt, 71, of nearby Tolland Ridge", "a teacher in Eau Claire",
"Ana Ruiz, the Ohio singer", "A Pell Township man, Dustin Kolb". Where the person was at
the time ("at the awards show") is no answer. Pure text in, a yes or no out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine.naming import kind_of_person

if TYPE_CHECKING:
    from bot.engine.question import Query

#: The verbs "where ... from" asks with about a person: "where is X from".
_BEING = frozenset({"is", "are", "was", "were"})
#: "from Cincinnati", "of nearby Tolland Ridge".
_PLACE_AFTER = re.compile(r"\b(?:from|of)\s+(?:nearby\s+|the\s+)?[A-Z]")
#: "a dairy nutritionist in Eau Claire": the kind of person before "in" (not "the people in
#: Dayton" of a quote's words).
_IN_PLACE = re.compile(r"\b([a-z]+)\s+in\s+[A-Z]")
#: A place and the noun it says someone is of: "the Ohio singer", "A Pell Township man"
#: (not "for Black people": one person, with an article).
_CAPITAL_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w'’.-]*\s+)+([a-z]+)\b")
#: The words after a place saying someone is from it ("Pell Township native").
_OF_PLACE = frozenset({"native", "resident", "man", "woman", "born"})
#: How far before and after a person's name the place may be, in characters.
_BEFORE, _AFTER = 60, 80


def origin_asked(query: Query) -> tuple[str, ...]:
    """The words naming the people whose home a question asks ("where is X from"), or ()."""
    ws = query.words
    if len(ws) < 3 or ws[0] != "where" or ws[-1] != "from" or not query.people \
            or not (ws[1] in _BEING or any(it.people and it.surface.split()[0] == ws[1]
                                           for it in query.items)):
        return ()  # ("where's X from"; not "where did the smoke come from")
    named = tuple(it.surface for it in query.items if it.people)
    end = len(ws) - 1
    while ws[end - 1].endswith("ly"):  # ("where is Ruiz originally from")
        end -= 1
    if ws[end - len(last := named[-1].split()):end] != last:
        return ()  # (not "where is Kowalczyk getting her chicks from": where they came from)
    return named


def origin_given(text: str, named: tuple[str, ...]) -> bool:
    """``text`` gives a place beside one of the ``named`` people's names."""
    low = text.lower().replace("-", " ")  # (as the question's words are: "okafor brandt")
    for name in named:
        last = name.lower().replace("-", " ").split()[-1]  # (a surname: "rep okafor brandt")
        family = last[:-1] if last.endswith("s") and len(last) > 4 else last  # ("pelletiers")
        for m in re.finditer(rf"\b{re.escape(family)}", low):
            window = text[max(0, m.start() - _BEFORE):m.end() + _AFTER]
            if _PLACE_AFTER.search(window) or any(
                    w in _OF_PLACE or kind_of_person(w) for w in _CAPITAL_BEFORE.findall(window)) \
                    or any(kind_of_person(w) and not w.endswith("s")
                           for w in _IN_PLACE.findall(window)):
                return True
    return False
