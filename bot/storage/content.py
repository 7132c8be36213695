"""Pure helpers of the storage: content keys, hashes, record checks and references."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from bot import textfold
from bot.codec import to_json
from bot.errors import Problem
from bot.models import Fact, Person, Quote, Record, RecordKind, Source, kind_of

#: Same as the ``id`` pattern of ``bot/knowledge_schema.json``.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
#: What a question may end with that says nothing (after folding: quotes are plain).
_TRAILING = "?!.;:,'\" "
#: Between the parts of a key made of several fields.
SEPARATOR = "\x1f"


def normalise(text: str) -> str:
    """Text folded for duplicate detection: :func:`bot.textfold.key` (compatibility forms,
    case, accents, invisible characters, curly quotes, dashes, spacing; punctuation kept).

    NUL characters are dropped: the keys are looked up through SQLite's ``json_each``, whose
    strings end at a NUL, so a key holding one would never be found (and its duplicate would
    reach the unique index as a raw IntegrityError).
    """
    return textfold.key(text)


def normalise_url(url: str) -> str:
    """A URL folded for duplicate detection: compatibility forms and case only
    (:func:`bot.textfold.casefold`), spacing and NUL as :func:`normalise`. Every other mark
    counts: "/café" and "/cafe", "a–b" and "a-b" are two addresses."""
    return textfold.squash(textfold.casefold(url))


def normalise_question(text: str) -> str:
    """A question folded for grouping: as :func:`normalise`, without end punctuation/quotes."""
    return normalise(text).strip(_TRAILING)


def source_key(url: str | None, title: str, outlet: str) -> str:
    """The content key of a source: its URL (or, without one, its title) and outlet."""
    return (normalise_url(url) if url else normalise(title)) + SEPARATOR + normalise(outlet)


def quote_key(text: str, speaker: str | None) -> str:
    """The content key of a quote: its text and speaker."""
    return normalise(text) + SEPARATOR + (speaker or "")


def content_key(record: Record) -> str:
    """The normalised content two records of one kind and scope may not share."""
    if isinstance(record, Source):
        return source_key(record.url, record.title, record.outlet)
    if isinstance(record, Person):
        return normalise(record.name)
    if isinstance(record, Fact):
        return normalise(record.text)
    return quote_key(record.text, record.speaker)


#: For each record table, the columns its content key is made of, in the order the key's
#: function takes them (what migration 4 recomputes the stored keys from).
KEY_COLUMNS: dict[str, tuple[tuple[str, ...], Callable[..., str]]] = {
    "sources": (("url", "title", "outlet"), source_key),
    "people": (("name",), normalise),
    "facts": (("text",), normalise),
    "quotes": (("text", "speaker_id"), quote_key),
}


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_json(data: dict[str, Any]) -> str:
    """A record's JSON form (``codec.to_json``) as one canonical text: keys sorted, no
    spaces (what its content hash is of, and what the audit log keeps)."""
    return _CANONICAL.encode(data)


def hash_of(canonical: str) -> str:
    """The content hash of a record's :func:`canonical_json` text."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(record: Record) -> str:
    """A hash of the record's content (its JSON form; the scope is not content)."""
    return hash_of(canonical_json(to_json(record)))


def label(kind: RecordKind, record_id: str) -> str:
    """How a record is named in messages: ``fact 'raids-la'``."""
    return f"{kind} {record_id!r}"


def structural_problems(record: Record) -> list[Problem]:
    """What makes a record unusable whatever else is stored (the schema checks the rest)."""
    where = label(kind_of(record), record.id)
    problems: list[Problem] = []
    if not ID_PATTERN.fullmatch(record.id):
        problems.append(Problem(where, "the id must be a-z, 0-9 and '-' (at most 80)"))
    required: dict[str, str] = {}
    if isinstance(record, Source):
        required = {"outlet": record.outlet, "title": record.title}
    elif isinstance(record, Person):
        required = {"name": record.name}
    else:
        required = {"text": record.text}
    for name, value in required.items():
        if not value.strip():
            problems.append(Problem(f"{where}.{name}", "must not be blank"))
    if isinstance(record, Fact | Quote):
        if not record.citations:
            problems.append(Problem(f"{where}.citations", "must cite at least one source"))
        for i, citation in enumerate(record.citations):
            if not citation.passage.strip():
                problems.append(Problem(f"{where}.citations[{i}].passage", "must not be blank"))
    return problems


def references(record: Record) -> list[tuple[RecordKind, str, str]]:
    """The records ``record`` points at: (kind, id, field), in order, without repeats."""
    refs: list[tuple[RecordKind, str, str]] = []
    if isinstance(record, Fact | Quote):
        refs.extend(("source", c.source_id, "citations") for c in record.citations)
    if isinstance(record, Fact):
        refs.extend(("person", p, "people") for p in record.people)
    elif isinstance(record, Quote) and record.speaker is not None:
        refs.append(("person", record.speaker, "speaker"))
    seen: set[tuple[str, str]] = set()
    out = []
    for kind, rid, field in refs:
        if (kind, rid) not in seen:
            seen.add((kind, rid))
            out.append((kind, rid, field))
    return out


def reference_message(record_id: str, field: str) -> str:
    """Why a reference does not resolve, in words."""
    if field == "citations":
        return f"cites source {record_id!r}, which does not exist here"
    if field == "speaker":
        return f"its speaker, person {record_id!r}, does not exist here"
    return f"names person {record_id!r}, which does not exist here"
