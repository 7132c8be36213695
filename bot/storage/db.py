"""The database: one long-lived aiosqlite connection behind a small typed async API.

Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any
error, so a failed write changes nothing) holding its audit rows, and every operation goes
through one :class:`asyncio.Lock`: writes are serialised, and a read never sees another
coroutine's transaction half done.

Durability: WAL with ``synchronous = FULL``: the WAL is synced at every commit, so a write
whose coroutine returned survives a process crash *and* a power loss. Writes here are rare
(admin edits, unanswered questions, votes), so the extra fsync per commit costs nothing
that matters; an import or a sync is one commit whatever its size.

Removal is a hard delete: the audit row keeps the full before state (``codec.to_json``
form), so a removal is undone by adding that record again. A removed *shipped* record is
also remembered in ``shipped_removals`` so that the next load of the knowledge files does
not bring it back.
"""

from __future__ import annotations

from bot.errors import StorageError
from bot.storage.activity import Activity
from bot.storage.importing import Importing, ImportRejected
from bot.storage.shipped import SYNC_ACTOR, Shipped


class Storage(Importing, Shipped, Activity):
    """The bot's database. Open with ``await Storage.open(path)``; close when done.

    Its parts, each a module of :mod:`bot.storage`: the connection and its transactions
    (``connection``), rows and records (``mapping``, ``records``), imports and ingests
    (``importing``), the shipped coverage (``shipped``), the logs around the records
    (``activity``)."""


__all__ = ["SYNC_ACTOR", "ImportRejected", "Storage", "StorageError"]
