"""What the storage returns besides records: reports, audit entries, question logs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from bot.models import RecordKind

AuditAction = Literal["add", "update", "remove", "import", "sync"]
#: What an audit row is about: a record kind, or an answer channel of a guild.
AuditKind = RecordKind | Literal["channel"]


class RecordRef(NamedTuple):
    """A record named by kind and id (ids are unique per kind, across every scope)."""

    kind: RecordKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind} {self.id!r}"


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What :meth:`Storage.sync_shipped` did. Running it again with the same files: all empty
    except the ``kept_*`` and ``skipped`` lists, which describe the standing state."""

    #: New in the files, added.
    added: tuple[RecordRef, ...] = ()
    #: Changed in the files, updated.
    updated: tuple[RecordRef, ...] = ()
    #: Gone from the files, removed.
    removed: tuple[RecordRef, ...] = ()
    #: Shipped records an owner edited through the bot: the files' version is not applied
    #: (and a record gone from the files is not removed).
    kept_edited: tuple[RecordRef, ...] = ()
    #: Shipped records an owner removed through the bot: not brought back.
    kept_removed: tuple[RecordRef, ...] = ()
    #: Gone from the files but still cited or named by a record that stays: not removed.
    kept_in_use: tuple[RecordRef, ...] = ()
    #: File records not loaded, with why (their id or content is taken by an admin's or a
    #: server's record, or they cite a record that was skipped).
    skipped: tuple[tuple[RecordRef, str], ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the sync added, updated or removed anything."""
        return bool(self.added or self.updated or self.removed)

    @property
    def counts(self) -> dict[str, int]:
        """How many records each list holds, by list name."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "removed": len(self.removed),
            "kept_edited": len(self.kept_edited),
            "kept_removed": len(self.kept_removed),
            "kept_in_use": len(self.kept_in_use),
            "skipped": len(self.skipped),
        }

    def summary(self) -> str:
        """One line for the log: ``added 3, updated 1, removed 0, ...``."""
        return ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in self.counts.items())

    def __str__(self) -> str:
        return self.summary()


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What :meth:`Storage.import_bank` added (all of the bank: an import never half-succeeds)."""

    guild_id: int | None
    sources: int = 0
    people: int = 0
    facts: int = 0
    quotes: int = 0
    #: Records the import held that were already stored, identical, where it was applied.
    unchanged: int = 0

    @property
    def total(self) -> int:
        """Records imported, all kinds together."""
        return self.sources + self.people + self.facts + self.quotes


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit trail, its states decoded."""
    id: int
    #: ISO 8601, UTC.
    at: str
    actor: str
    guild_id: int | None
    action: AuditAction
    kind: AuditKind
    record_id: str
    #: The record before and after, in ``bot.codec.to_json`` form (None: did not exist).
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """Where a stored record came from and whether an owner edited it."""

    kind: RecordKind
    id: str
    guild_id: int | None
    origin: Literal["shipped", "admin"]
    #: A shipped record whose content differs from what the files last shipped.
    edited: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class UnansweredQuestion:
    """Questions the bot could not answer, grouped by their normalised wording."""

    #: The wording of the latest time it was asked.
    question: str
    count: int
    #: How many different users asked it (those logged without a user are not counted).
    users: int
    #: ISO 8601, UTC.
    last_asked: str


@dataclass(frozen=True, slots=True)
class FeedbackSummary:
    """Votes on the answers drawn from one record (``record_id`` None: abstentions)."""

    record_id: str | None
    helpful: int
    unhelpful: int


@dataclass(frozen=True, slots=True)
class Change:
    """One change to a record, as the change log has it (what changed, not how)."""

    seq: int
    kind: RecordKind
    record_id: str
    guild_id: int | None
