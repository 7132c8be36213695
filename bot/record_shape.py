"""A fast test that a record is what the data schema (``bot/knowledge_schema.json``) asks
for: jsonschema takes about 300 µs a record, this a few; :mod:`bot.knowledge` asks jsonschema
(for its messages) only when this test says no. It may be stricter than the schema, never
looser: a record it accepts, the schema accepts too (a test holds it to that)."""

from __future__ import annotations

import re
from typing import Any

from bot.models import RecordKind

#: The schema's patterns: an id, a date (YYYY-MM-DD), a link, text that is not blank.
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
URL = re.compile(r"https?://\S+")
_NOT_BLANK = re.compile(r"\S")


def _is_id(v: Any) -> bool:
    return type(v) is str and ID.fullmatch(v) is not None


def _is_text(v: Any, most: int) -> bool:
    return type(v) is str and 0 < len(v) <= most and _NOT_BLANK.search(v) is not None


def _is_short(v: Any) -> bool:
    return type(v) is str and len(v) <= 200


def _is_date(v: Any) -> bool:
    return v is None or (type(v) is str and DATE.fullmatch(v) is not None)


# (loops, not all() over a generator: these run for every record of an import)
def _is_words(v: Any) -> bool:
    if type(v) is not list or len(v) > 50:
        return False
    for w in v:  # noqa: SIM110 (see above)
        if type(w) is not str or not 0 < len(w) <= 100:
            return False
    return True


def _is_citations(v: Any) -> bool:
    if type(v) is not list or not 0 < len(v) <= 50:
        return False
    for c in v:
        if not (type(c) is dict and len(c) == 2 and "source" in c and "passage" in c
                and _is_id(c["source"]) and _is_text(c["passage"], 4000)):
            return False
    return True


_FIELDS: dict[RecordKind, tuple[frozenset[str], frozenset[str]]] = {
    "source": (frozenset({"id", "outlet", "title"}),
               frozenset({"id", "outlet", "title", "url", "published"})),
    "person": (frozenset({"id", "name"}), frozenset({"id", "name", "aliases", "description"})),
    "fact": (frozenset({"id", "text", "citations"}),
             frozenset({"id", "text", "citations", "people", "keywords", "reported"})),
    "quote": (frozenset({"id", "speaker", "text", "citations"}),
              frozenset({"id", "speaker", "text", "context", "citations", "keywords"})),
}


def surely_valid(kind: RecordKind, item: Any) -> bool:
    """True only for a record the schema accepts (stricter is fine: jsonschema decides then)."""
    if type(item) is not dict:
        return False
    required, allowed = _FIELDS[kind]
    keys = item.keys()
    if not (required <= keys <= allowed) or not _is_id(item["id"]):
        return False
    g = item.get
    if kind == "source":
        url = g("url")
        return (_is_text(item["outlet"], 100) and _is_text(item["title"], 300)
                and (url is None or (type(url) is str and len(url) <= 2000
                                     and URL.fullmatch(url) is not None))
                and _is_date(g("published")))
    if kind == "person":
        return (_is_text(item["name"], 100) and _is_words(g("aliases", []))
                and _is_short(g("description", "")))
    if not (_is_text(item["text"], 4000) and _is_citations(item["citations"])
            and _is_words(g("keywords", []))):
        return False
    if kind == "fact":
        people = g("people", [])
        return (type(people) is list and len(people) <= 50 and all(map(_is_id, people))
                and _is_date(g("reported")))
    speaker = item["speaker"]
    return (speaker is None or _is_id(speaker)) and _is_short(g("context", ""))
