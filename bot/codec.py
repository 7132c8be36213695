"""Records to and from their JSON form (knowledge files, exports, imports, the audit log).

The JSON form is the one documented in ``knowledge/README.md``. ``from_json`` expects data
that already passed schema validation (``bot.knowledge``); it does not re-check types.
"""

from __future__ import annotations

from typing import Any

from bot.models import (
    Bank,
    Citation,
    Fact,
    Person,
    Quote,
    Record,
    RecordKind,
    Source,
    kind_of,
)

#: The plural key each kind is listed under in a data file.
LIST_KEYS: dict[RecordKind, str] = {
    "source": "sources",
    "person": "people",
    "fact": "facts",
    "quote": "quotes",
}
EXPORT_FORMAT = "coverage-bot/1"


def _citations(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(source_id=c["source"], passage=c["passage"]) for c in items)


def _citations_json(citations: tuple[Citation, ...]) -> list[dict[str, str]]:
    return [{"source": c.source_id, "passage": c.passage} for c in citations]


def to_json(record: Record) -> dict[str, Any]:
    """The JSON form of a record (without its guild, which is where it is stored)."""
    if isinstance(record, Source):
        return {
            "id": record.id,
            "outlet": record.outlet,
            "title": record.title,
            "url": record.url,
            "published": record.published,
        }
    if isinstance(record, Person):
        return {
            "id": record.id,
            "name": record.name,
            "aliases": list(record.aliases),
            "description": record.description,
        }
    if isinstance(record, Fact):
        return {
            "id": record.id,
            "text": record.text,
            "citations": _citations_json(record.citations),
            "people": list(record.people),
            "keywords": list(record.keywords),
            "reported": record.reported,
        }
    return {
        "id": record.id,
        "speaker": record.speaker,
        "text": record.text,
        "context": record.context,
        "citations": _citations_json(record.citations),
        "keywords": list(record.keywords),
    }


def from_json(kind: RecordKind, data: dict[str, Any], guild_id: int | None = None) -> Record:
    """A record from its (validated) JSON form, placed in ``guild_id``'s scope."""
    if kind == "source":
        return Source(
            id=data["id"],
            outlet=data["outlet"],
            title=data["title"],
            url=data.get("url"),
            published=data.get("published"),
            guild_id=guild_id,
        )
    if kind == "person":
        return Person(
            id=data["id"],
            name=data["name"],
            aliases=tuple(data.get("aliases", ())),
            description=data.get("description", ""),
            guild_id=guild_id,
        )
    if kind == "fact":
        return Fact(
            id=data["id"],
            text=data["text"],
            citations=_citations(data["citations"]),
            people=tuple(data.get("people", ())),
            keywords=tuple(data.get("keywords", ())),
            reported=data.get("reported"),
            guild_id=guild_id,
        )
    return Quote(
        id=data["id"],
        speaker=data.get("speaker"),
        text=data["text"],
        context=data.get("context", ""),
        citations=_citations(data["citations"]),
        keywords=tuple(data.get("keywords", ())),
        guild_id=guild_id,
    )


def bank_to_json(bank: Bank) -> dict[str, Any]:
    """A whole bank as one JSON document (the export format)."""
    out: dict[str, Any] = {"format": EXPORT_FORMAT}
    for kind, key in LIST_KEYS.items():
        out[key] = [to_json(r) for r in bank.records() if kind_of(r) == kind]
    return out


def bank_from_json(data: dict[str, Any], guild_id: int | None = None) -> Bank:
    """A bank from one (validated) JSON document, every record placed in ``guild_id``."""
    lists: dict[str, list[Any]] = {}
    for kind, key in LIST_KEYS.items():
        lists[key] = [from_json(kind, item, guild_id) for item in data.get(key, ())]
    return Bank(
        sources=tuple(lists["sources"]),
        people=tuple(lists["people"]),
        facts=tuple(lists["facts"]),
        quotes=tuple(lists["quotes"]),
    )
