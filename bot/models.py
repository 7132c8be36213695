"""The records everything else passes around: plain, immutable dataclasses.

A *bank* is a set of sources, people, facts and quotes. The shipped coverage in
``knowledge/`` is a bank, so is an export, and so is what the engine indexes.

Scope: ``guild_id is None`` marks a global record (the shipped coverage, or a record an
owner added); a record with a ``guild_id`` belongs to that guild and is used only for that
guild's answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from bot.wording import plural

RecordKind = Literal["source", "person", "fact", "quote"]
RECORD_KINDS: tuple[RecordKind, ...] = ("source", "person", "fact", "quote")


@dataclass(frozen=True, slots=True)
class Source:
    """One article or report."""

    id: str
    outlet: str
    title: str
    url: str | None = None
    #: ISO date (YYYY-MM-DD) the source was published, when known. Never invented.
    published: str | None = None
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source that supports a fact or quote, and the passage of it relied on."""

    source_id: str
    passage: str


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker or a named person, with the other names readers use for them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    guild_id: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Fact:
    """One factual claim.

    ``text`` states the claim with every person resolved ("Doechii was named best female
    hip hop artist", not "The Florida rapper was named ..."); the citations keep the
    source's own wording as the passage.
    """

    id: str
    text: str
    citations: tuple[Citation, ...]
    #: Ids of the people the fact is about.
    people: tuple[str, ...] = ()
    #: Extra words and phrases readers may use for it (paraphrases, topics).
    keywords: tuple[str, ...] = ()
    #: ISO date the claim was reported, when it differs from its sources' dates.
    reported: str | None = None
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage, with its speaker (a person id, ``None`` when unknown)."""

    id: str
    speaker: str | None
    text: str
    #: Where it was said: "Instagram story", "BET Awards speech", ...
    context: str
    citations: tuple[Citation, ...]
    keywords: tuple[str, ...] = ()
    guild_id: int | None = None


Record = Source | Person | Fact | Quote


def first_source(record: Fact | Quote) -> str | None:
    """The id of the source ``record`` cites first (the article it is a sentence of), or
    None when it cites none."""
    return record.citations[0].source_id if record.citations else None


def kind_of(record: Record) -> RecordKind:
    if isinstance(record, Source):
        return "source"
    if isinstance(record, Person):
        return "person"
    if isinstance(record, Fact):
        return "fact"
    return "quote"


@dataclass(frozen=True, slots=True)
class Bank:
    """A set of records (shipped files, an export, an import, or what the engine indexes)."""

    sources: tuple[Source, ...] = ()
    people: tuple[Person, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def records(self) -> Iterable[Record]:
        yield from self.sources
        yield from self.people
        yield from self.facts
        yield from self.quotes

    def __len__(self) -> int:
        return len(self.sources) + len(self.people) + len(self.facts) + len(self.quotes)

    def merged(self, other: Bank) -> Bank:
        return Bank(
            self.sources + other.sources,
            self.people + other.people,
            self.facts + other.facts,
            self.quotes + other.quotes,
        )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citation as shown to a reader (the JSON ``sources`` items of ``ask``)."""

    outlet: str
    title: str
    url: str | None
    published: str | None
    excerpt: str

    def as_json(self) -> dict[str, str | None]:
        return {
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "excerpt": self.excerpt,
        }


def reported_by(sources: tuple[SourceRef, ...]) -> str:
    """"Reported by NewsNation and 2 others (2025-06-10 to 2025-06-12)": who and when.

    "Others" counts outlets, not citations: two articles of one outlet are one outlet."""
    outlets = list(dict.fromkeys(s.outlet for s in sources))
    if not outlets:
        return ""
    others = len(outlets) - 1
    text = f"Reported by {outlets[0]}"
    if others:
        text += f" and {plural(others, 'other')}"
    dates = sorted(s.published for s in sources if s.published)
    if dates:
        text += f" ({dates[0]})" if dates[0] == dates[-1] else f" ({dates[0]} to {dates[-1]})"
    return text


@dataclass(frozen=True, slots=True)
class Conflict:
    """A competing figure reported by another source for the same claim."""

    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's reply to a question: an answer with its citations, or an abstention."""

    answered: bool
    #: The text a user reads (for an abstention: that the coverage does not say).
    text: str
    #: Confidence, 0-100.
    score: float
    sources: tuple[SourceRef, ...] = ()
    #: "Did you mean" questions or topics, at most three; offered on abstentions.
    suggestions: tuple[str, ...] = ()
    #: The record relied on.
    record_id: str | None = None
    record_kind: RecordKind | None = None
    #: For an answer drawn from a quote: who said it (display name) and where.
    speaker: str | None = None
    context: str | None = None
    #: Explanation: the question words that matched the record.
    matched: tuple[str, ...] = ()
    #: Other sources' differing figures for the same claim, newest first.
    conflicts: tuple[Conflict, ...] = ()
    #: A pronoun of a question asked first, and the person it was read as ("he", "Martin
    #: Eldridge"): said with the answer, so the reader sees whom the bot took it for.
    read_as: tuple[str, str] | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "answered": self.answered,
            "answer": self.text,
            "score": round(self.score, 1),
            "sources": [s.as_json() for s in self.sources],
            "suggestions": list(self.suggestions),
            "record": (
                {"kind": self.record_kind, "id": self.record_id} if self.record_id else None
            ),
            "speaker": self.speaker,
            "context": self.context,
            "matched": list(self.matched),
            "reported_by": reported_by(self.sources),
            "conflicts": [
                {"text": c.text, "sources": [s.as_json() for s in c.sources]}
                for c in self.conflicts
            ],
            "read_as": (
                {"pronoun": self.read_as[0], "person": self.read_as[1]} if self.read_as else None
            ),
        }


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote found by speaker or words, ready to show."""

    quote: Quote
    speaker: str | None  # display name; None when unknown
    score: float
    sources: tuple[SourceRef, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.quote.id,
            "speaker": self.speaker,
            "text": self.quote.text,
            "context": self.quote.context,
            "score": round(self.score, 1),
            "sources": [s.as_json() for s in self.sources],
        }


def versions_newest_first(answer: Answer) -> list[Conflict]:
    """An answer's own figure and its competing ones, the newest report first (undated last)."""
    versions = [Conflict(answer.text, answer.sources), *answer.conflicts]

    def newest(version: Conflict) -> str:
        return max((s.published or "" for s in version.sources), default="")

    return sorted(versions, key=newest, reverse=True)
