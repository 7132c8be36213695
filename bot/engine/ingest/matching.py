"""Whether a name an article writes is that of a person the bank knows: the same name, or
one misspelling it (:func:`closest_name`); a name alike but for its surname, or for more
than a slip of typing in its first name, is someone else's."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

#: Known-person names at least this similar (rapidfuzz ratio) to a name in the prose match.
NAME_MATCH_THRESHOLD = 85.0


def closest_name(name: str, known: Iterable[str]) -> str | None:
    """The name of ``known`` (full names) that ``name`` (a full name) misspells, if any: at
    least :data:`NAME_MATCH_THRESHOLD` alike, with the same surname. A first name misspelt is
    the same person ("Jhon Smith" is John Smith); a surname spelt otherwise is someone
    else's, however alike ("Maureen Castellano" is not the "Maureen Castellane" of another
    story, nor "Lorraine Vasquez-Hale" the "Lorraine Vasquez-Teller"), and so is a first name
    more than a slip of typing away ("Marcie" for "Marcy"; not "Kaylee" for "Kayla")."""
    surname, given = surname_of(name), given_of(name)
    same = [n for n in known if len(n.split()) > 1 and surname_of(n) == surname
            and (OSA.distance(given_of(n), given) <= 1 or given_of(n).startswith(given)
                 or given.startswith(given_of(n)))]
    hit = process.extractOne(name, same, scorer=fuzz.ratio, score_cutoff=NAME_MATCH_THRESHOLD)
    return hit[0] if hit is not None else None


#: What may follow a surname in a name: "Robert L. Hayes Jr.", "Martin Luther King III".
SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


def last_name(name: str) -> str:
    """The surname a name ends on, as written, its suffix aside ("King" of "Martin Luther King
    III"; "Smith" of "John Smith")."""
    parts = name.split()
    while len(parts) > 1 and parts[-1].rstrip(".,") in SUFFIXES:
        parts.pop()
    return strip_possessive(parts[-1]) if parts else ""


def given_of(name: str) -> str:
    """The words of a name before its surname, folded."""
    parts, last = name.split(), last_name(name)
    k = max((i for i, p in enumerate(parts) if strip_possessive(p) == last), default=len(parts) - 1)
    return " ".join(parts[:k]).casefold()


def surname_of(name: str) -> str:
    """The surname of a name, folded ("smith" of "John Smith", "king" of "King III")."""
    return last_name(name).casefold()


def strip_possessive(text: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


#: 'Margaret "Peg" Hollowell': a given name, a nickname in quotes and a surname.
NICKNAMED = re.compile(r"\b([A-Z][\w’'\-]+) [\"“‘']([A-Z][\w’'\-]+)[\"”’'] ([A-Z][\w’'\-]+)")


def single_spaced(name: str) -> str:
    """``name`` with the gap a blanked nickname left closed up ('Margaret       Hollowell')."""
    return re.sub(r" {2,}", " ", name)


#: The gap a nickname in quotes leaves between a given name and a surname once quotes are
#: blanked ('Margaret "Peg" Hollowell'): spaces alone, a word or two long.
NICKNAME_GAP = re.compile(r" {4,24}")
