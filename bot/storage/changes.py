"""The change log: every insert, update and delete of a record, in commit order (migration 2's
triggers write it), so that every process holding an engine of the database keeps it in step
with the writes of the others: the bot while ``coverage-bot import`` runs beside it, or
several bot processes on one database.

A reader remembers the last change it applied and asks for those after it
(:meth:`ChangeLog.changes_since`), skipping the ones its own connection committed
(:meth:`ChangeLog.own_change`): it already applied those.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from bot.models import Record, RecordKind
from bot.storage.records import RecordStore
from bot.storage.reports import Change

#: Changes read at a time.
CHANGES_BATCH = 5000


class ChangeLog(RecordStore):
    """Reading the change log (see the module docs)."""

    async def change_seq(self) -> int:
        """The number of the last change logged (0: none yet)."""
        async with self._read() as db:
            return await db.last_change()

    async def changes_since(self, seq: int, limit: int = CHANGES_BATCH) -> list[Change]:
        """The changes after ``seq``, oldest first, at most ``limit``."""
        async with self._read():
            rows = await self._all(
                "SELECT seq, kind, record_id, guild_id FROM changes WHERE seq > ? "
                "ORDER BY seq LIMIT ?", (seq, max(0, limit)))
        return [Change(n, cast(RecordKind, kind), rid, gid) for n, kind, rid, gid in rows]

    def own_change(self, seq: int) -> bool:
        """Whether change ``seq`` was committed through this connection."""
        return any(first <= seq <= last for first, last in self._own_changes)

    def forget_own_changes(self, upto: int) -> None:
        """Drop the record of this connection's changes up to ``upto`` (already read)."""
        self._own_changes = [(a, b) for a, b in self._own_changes if b > upto]

    async def load_records(self, kind: RecordKind, ids: Iterable[str]) -> dict[str, Record]:
        """The stored records of ``kind`` with these ids (missing ones: removed)."""
        async with self._read():
            return await self._load_ids(kind, list(ids))
