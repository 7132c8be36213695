"""The one slug maker for record ids (sources, people, facts, quotes).

An id slug is lower-case ASCII letters and digits in words joined by single hyphens, cut to
a length at a word (hyphen) boundary, never mid-word: "…-in-the-old", not "…-in-the-ol".
Accents are folded ("é" -> "e"), apostrophes dropped inside words ("don't" -> "dont"), and
every other mark (spaces, dashes, quotes, punctuation) separates words.
"""

from __future__ import annotations

import re
import unicodedata

#: Apostrophes (straight, typographic, modifier letter, prime, backtick, acute) are dropped.
_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u2032`\u00b4]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 60, *, fallback: str = "") -> str:
    """``text`` as an id slug of at most ``max_length`` characters, cut at a hyphen.

    A first word longer than ``max_length`` has no boundary to cut at and is cut at the
    limit. ``fallback`` is returned when ``text`` has no letters or digits.
    """
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))
    # Combining marks go (accents); any other non-ASCII character separates words.
    ascii_text = "".join(
        ch if ch.isascii() else ("" if unicodedata.combining(ch) else " ") for ch in decomposed
    )
    slug = _NOT_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        head = slug[: max_length + 1]  # one more: a hyphen right after the limit is a boundary
        cut = head.rfind("-")
        slug = head[:cut] if cut > 0 else slug[:max_length]
    return slug.strip("-") or fallback
