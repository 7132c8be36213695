"""Domain exceptions.

Every error a user can cause is a :class:`CoverageBotError` whose ``str()`` is a clear,
one-line message meant for that user. The command line and the Discord layer each turn
these into a message in one place (``bot.cli.main`` and the bot's error handlers); anything
else is a bug and is logged with its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.wording import plural


class CoverageBotError(Exception):
    """Base class: the message is safe and meant to be shown to the user."""


class ConfigError(CoverageBotError):
    """A setting is missing or malformed."""


class InvalidQuestion(CoverageBotError):
    """The question is empty, too long, or otherwise unusable."""


class NotFound(CoverageBotError):
    """A record, source or person does not exist (or is not visible to this guild)."""


class DuplicateRecord(CoverageBotError):
    """The record (or one with the same content) already exists."""


class InUse(CoverageBotError):
    """The record is still referenced (a cited source, a person a record names or quotes)."""


class PermissionDenied(CoverageBotError):
    """The caller may not do this."""


class StorageError(CoverageBotError):
    """The database cannot be used: missing directory, read-only, newer schema, corrupt."""


class IngestError(CoverageBotError):
    """An article could not be read or yielded nothing."""


class InputError(CoverageBotError):
    """A file or upload cannot be read: not a regular file, too large, or not decodable."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem: where (file, record, field) and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


#: Problems listed in a message; the rest are counted ("... and 25,680 more problems").
MAX_LISTED_PROBLEMS = 20


class ValidationFailed(CoverageBotError):
    """Data failed validation. Carries every problem found (or the first ones of ``total``),
    not just the first; its message lists the first :data:`MAX_LISTED_PROBLEMS`."""

    def __init__(
        self, problems: Iterable[Problem], what: str = "data", *, total: int | None = None
    ) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        self.what = what
        self.total = max(total or 0, len(self.problems))
        count = self.total
        head = f"{what} is invalid ({plural(count, 'problem')})"
        listed = self.problems[:MAX_LISTED_PROBLEMS]
        more = count - len(listed)
        tail = f"\n  ... and {plural(more, 'more problem', 'more problems')}" if more else ""
        super().__init__(head + "".join(f"\n  - {p}" for p in listed) + tail)

    @property
    def unlisted(self) -> int:
        """Problems counted in :attr:`total` but not carried in :attr:`problems`."""
        return self.total - len(self.problems)
