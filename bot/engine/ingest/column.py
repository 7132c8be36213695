"""A column, an op-ed or a letter: its author says what its first-person sentences say.

A guest column carries a byline ("By Jolene Marchetti-Haas") and is written in the first
person ("I have been a volunteer for 17 years"), often closing on a line saying who the
author is ("Jolene Marchetti-Haas is a deputy chief of the fire company."). Read as news
prose, its "I" would be no one, and the author no person of it. :func:`find_column` finds the
author when the article has a byline among its first paragraphs and at least
:data:`MIN_FIRST_PERSON` sentences of its prose (and :data:`FIRST_PERSON_SHARE` of them) say
"I", "my", "we" or "our" outside quotation marks: a news story's byline is its reporter's,
whose prose does not. The first-person sentences (quoting no one) are then the author's
quotes; what the closing line says the author is, their description. Nothing here knows any
article's people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.ingest.layout import _Sentence

#: A byline: "By Jolene Marchetti-Haas", perhaps with what follows a comma.
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s*(?:,.*)?$")
#: A sentence said in the first person (outside quotation marks: read on the masked text).
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
#: A column's first person says at least this many of its sentences ...
MIN_FIRST_PERSON = 3
#: ... and this share of them.
FIRST_PERSON_SHARE = 0.25
#: The byline is among the article's first this many paragraphs.
BYLINE_WITHIN = 3


@dataclass(frozen=True, slots=True)
class Column:
    """The author's name, what the closing line says they are (or None), the sentences of
    the article that are theirs in the first person, and the closing line's sentence."""

    author: str
    description: str | None
    said: frozenset[int]
    tagline: int | None


def find_column(paragraphs: Sequence[str], sentences: Sequence[_Sentence]) -> Column | None:
    """The article's author and first-person sentences, or None for no column."""
    byline = next((m for par in paragraphs[:BYLINE_WITHIN] if (m := _BYLINE.match(par.strip()))),
                  None)
    if byline is None:
        return None
    author = byline.group("name")
    prose = [s for s in sentences if not s.headline]
    said = frozenset(s.index for s in prose if _FIRST_PERSON.search(s.masked) and not s.pieces)
    if len(said) < MIN_FIRST_PERSON or len(said) < FIRST_PERSON_SHARE * len(prose):
        return None
    tag = re.compile(rf"^{re.escape(author)}\s+is\s+(?:a|an|the)\s+(?P<what>.+?)\.?$")
    closing = next(((s.index, m) for s in reversed(prose) if (m := tag.match(s.text.strip()))),
                   None)
    return Column(author, closing[1].group("what") if closing else None, said,
                  closing[0] if closing else None)
