"""Whom a pronoun means when a question comes with no one before it ("what crimes is he
charged with", asked first): the one person the likeliest record is about, if the coverage
refers to them by that pronoun.

A story calls each of its people "he" or "she" in the sentences about them; those are read
here (:func:`gender`), never a list of names. A question's "he" is then the person of the
first candidate record (in the order the engine ranks them) that is about one person alone,
whom the coverage calls "he" (:func:`meant`; the candidates in the engine's order, those a
gate turned down too, which may still be about the one meant): "his last concert" is the
conductor's when the record likeliest to answer is about him, and no one's when it is about a
woman. Nothing here knows any article's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

#: The pronouns of one person, by the gender they give.
_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
#: Any of them, the word in its group ("they" often stands for a group or a body); read by
#: :mod:`bot.engine.followup` as well.
ONE_PERSON = re.compile(r"\b(" + "|".join(sorted(_HE | _SHE)) + r")\b", re.IGNORECASE)
#: The pronouns of one gender must be this many times those of the other, and at least
#: :data:`LEAST`, for the coverage to be taken as calling someone so.
RATIO, LEAST = 2, 1


def of_pronoun(pronoun: str) -> str | None:
    """The gender a pronoun gives: "he" for he, him, his, himself; "she" for she, her, hers,
    herself; None for any other word."""
    word = pronoun.lower()
    return "he" if word in _HE else "she" if word in _SHE else None


def gender(texts: Iterable[str]) -> str | None:
    """How ``texts`` (sentences about one person alone) refer to them: "he" or "she", when
    the pronouns of one outnumber the other's :data:`RATIO` times; None when they say
    neither, or both alike."""
    he = she = 0
    for text in texts:
        for m in ONE_PERSON.finditer(text):
            if of_pronoun(m.group(0)) == "he":
                he += 1
            else:
                she += 1
    if he >= LEAST and he >= RATIO * she:
        return "he"
    if she >= LEAST and she >= RATIO * he:
        return "she"
    return None


def meant(pronoun: str, about: Sequence[Sequence[str]],
          gender_of: Callable[[str], str | None]) -> str | None:
    """The person ``pronoun`` means: of the candidate records' people (``about``, in the
    engine's order), the first record about one person alone, when the coverage gives that
    person the pronoun's gender (``gender_of``); None if that record is about someone the
    pronoun cannot mean, or there is none."""
    wanted = of_pronoun(pronoun)
    for people in about:
        if len(people) == 1:
            return people[0] if wanted is not None and gender_of(people[0]) == wanted else None
    return None


def asked_of(question: str, person: str) -> str:
    """``question`` with its pronoun read as ``person`` ("how much prison time is he looking
    at": "... is Martin Eldridge looking at"), as a follow-up of an answer about them is."""
    from bot.engine.followup import Turn, resolve  # (they read questions, which read this)
    from bot.engine.naming import kind_of_person

    return resolve(question, Turn("", (person,)), names_question=False,
                   kind_of_person=kind_of_person).question
