"""The one character fold: how every part of the bot makes two texts comparable.

The engine (:mod:`bot.engine.normalize`), quote verification (:mod:`bot.engine.verify`),
the storage's content keys (:mod:`bot.storage.content`) and the knowledge files' checks
(:mod:`bot.knowledge`) fold characters here, and only here; each adds on top what is its
own (the engine: abbreviations, possessives, number words and stems; verify: the words as
written, to show a difference; storage: a key per kind of record; the knowledge files:
words only). A leaf module: it imports nothing of the bot, so the engine and the storage,
which may not import each other, both may import it.

* :func:`plain` -- Unicode compatibility forms (NFKC: full-width letters, ligatures,
  non-breaking spaces, "…" as "..."), invisible format characters (zero-width, bidi
  controls, soft hyphen, BOM) removed, curly quotes and apostrophes straight, dashes and
  minus signs as "-". Case and accents are kept: the text as written, for showing.
* :func:`fold` -- :func:`plain`, case folded, accents (combining marks) removed: the
  engine's fold of characters, exactly (its calibrated model depends on it).
* :func:`casefold` -- compatibility forms and case alone, for a text whose every other mark
  counts (a URL: "café" and "cafe" are two addresses).
* :func:`squash` -- runs of whitespace as one space, no NUL (not text; SQLite's
  ``json_each`` ends a string at one), trimmed.
* :func:`key` -- ``squash(fold(text))``: two texts that differ only by case, accents,
  compatibility forms, invisible characters, curly or straight quotes, dashes or spacing
  have one key.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": " ",
    }
)
# (NFKC runs first, so three entries never apply: NFKC writes "…" as "...", "″" as "′′"
# and "´" as a space and an accent. They stay as the engine has always had them.)

#: Invisible format characters: zero-width, bidirectional controls, soft hyphen, BOM.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
#: Combining marks (accents, once NFKD has split them off the letters).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def plain(text: str) -> str:
    """``text`` in compatibility form, without invisible characters, with plain quotes,
    apostrophes and dashes; case, accents, punctuation and spacing as written."""
    if text.isascii():  # (the table's one ASCII entry; translate() is slow)
        return text.replace("`", "'") if "`" in text else text
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    shown = INVISIBLE.sub("", text)
    # (an accent the removed character kept from its letter now composes with it)
    return unicodedata.normalize("NFKC", shown) if len(shown) < len(text) else shown


def fold(text: str) -> str:
    """``text`` folded for comparison: :func:`plain`, case folded, accents removed;
    punctuation and spacing are kept (see :func:`key`)."""
    if text.isascii():
        text = text.lower()
        return text.replace("`", "'") if "`" in text else text
    # (plain's steps, in the engine's order: its results depend on them)
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = INVISIBLE.sub("", text).casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


def casefold(text: str) -> str:
    """``text`` in compatibility form and case folded, every other character as it is."""
    if text.isascii():
        return text.lower()
    # (again in compatibility form: case folding writes "ß" with an accent as "ss" and an
    # accent, which composes)
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def squash(text: str) -> str:
    """``text`` with runs of whitespace as one space, no NUL, and no space at either end."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return " ".join(text.split())


def key(text: str) -> str:
    """``text`` as a comparison key: :func:`fold`, then :func:`squash`."""
    return squash(fold(text))
