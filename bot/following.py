"""Keeping an engine in step with the writes of other processes on the same database.

The bot answers from its in-memory engine; ``coverage-bot import`` run beside it, or another
bot process (a group of shards), writes to the same database. Storage logs every change to a
record (:mod:`bot.storage.changes`); a :class:`ChangeFollower` reads what came after the last
change it applied, skips what its own process wrote (the engine has that already), and
upserts or removes the rest in the engine.
"""

from __future__ import annotations

import asyncio
import logging

from bot.engine import Engine
from bot.errors import StorageError
from bot.models import RecordKind
from bot.storage import Storage
from bot.storage.changes import CHANGES_BATCH

log = logging.getLogger(__name__)

#: How often the bot looks for other processes' writes (seconds): an edit made through one
#: process is answered by the others within about this long.
FOLLOW_SECONDS = 0.5

#: Kinds in the order they are applied (what is cited before what cites it).
_KINDS: tuple[RecordKind, ...] = ("source", "person", "fact", "quote")


class ChangeFollower:
    """Applies other processes' changes to an engine (see the module docs)."""

    def __init__(self, storage: Storage, engine: Engine, seen: int = 0) -> None:
        self.storage = storage
        self.engine = engine
        #: the last change of the log the engine has
        self.seen = seen

    async def catch_up(self) -> int:
        """Apply the changes since :attr:`seen`; how many records changed."""
        applied = 0
        while True:
            changes = await self.storage.changes_since(self.seen, CHANGES_BATCH)
            if not changes:
                return applied
            theirs: dict[RecordKind, dict[str, None]] = {}
            for change in changes:
                if not self.storage.own_change(change.seq):
                    theirs.setdefault(change.kind, {})[change.record_id] = None
            for kind in _KINDS:
                ids = list(theirs.get(kind, ()))
                if not ids:
                    continue
                found = await self.storage.load_records(kind, ids)
                for record_id in ids:
                    record = found.get(record_id)
                    if record is None:
                        self.engine.remove(kind, record_id)
                    else:
                        self.engine.upsert(record)
                applied += len(ids)
            self.seen = changes[-1].seq
            self.storage.forget_own_changes(self.seen)
            if len(changes) < CHANGES_BATCH:
                return applied

    async def follow(self, interval: float = FOLLOW_SECONDS) -> None:
        """:meth:`catch_up` every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            try:
                applied = await self.catch_up()
            except StorageError:
                log.warning("could not read the change log; trying again", exc_info=True)
                continue
            if applied:
                log.info("%d record(s) changed by another process are in the engine", applied)
