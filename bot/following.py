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
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.engine import Engine, snapshot
from bot.errors import StorageError
from bot.models import Record, RecordKind
from bot.storage import Storage
from bot.storage.changes import CHANGES_BATCH

log = logging.getLogger(__name__)

#: How often the bot looks for other processes' writes (seconds): an edit made through one
#: process is answered by the others within about this long.
FOLLOW_SECONDS = 0.5

#: Kinds in the order they are applied (what is cited before what cites it).
_KINDS: tuple[RecordKind, ...] = ("source", "person", "fact", "quote")


#: Changes after a snapshot that are applied to it at a start; past this many, and past
#: half the snapshot's records, the bank is read and indexed anew (about as fast then, and
#: the snapshot is written again). Half the bank: an import of 100,000 records into a bank
#: of 1,000,000 costs the next start those records (seconds), not a rebuild (minutes).
MAX_SNAPSHOT_LAG = 50_000
#: Changes applied at a start past which the snapshot is written again.
SNAPSHOT_REFRESH = 2_000


def snapshot_path(storage: Storage, database: str, cache_dir: Path | None) -> Path | None:
    """Where the engine snapshot of a database is kept: beside its file; for a server's
    database, in ``cache_dir`` under the database's id (none for ``:memory:``)."""
    file = storage.local_file
    if file is not None:
        return file.with_name(file.name + ".engine")
    if storage.path == ":memory:" or cache_dir is None:
        return None
    return cache_dir / f"engine-{database}.snapshot"


#: What shows a long wait: given the records being indexed and how many, yields them.
Progress = Callable[[Iterable[Record], int], Iterable[Record]]


def no_progress(records: Iterable[Record], _count: int) -> Iterable[Record]:
    return records


async def start_engine(storage: Storage, threshold: float | None,
                       cache_dir: Path | None = None,
                       progress: Progress = no_progress) -> tuple[Engine, int]:
    """The engine of the database, and the change it is up to: from its snapshot and the
    changes after it when the snapshot can be trusted (:mod:`bot.engine.snapshot`), else
    built from the bank (and the snapshot written for the next start), the records going
    through ``progress`` (the command line's progress bar: a minute or two at 1,000,000)."""
    seq = await storage.change_seq()
    database = "" if storage.path == ":memory:" else await storage.database_id()
    where = snapshot_path(storage, database, cache_dir)
    found = snapshot.load(where, database=database) if where is not None else None
    if found is not None and found.stamp <= seq and seq - found.stamp <= max(
            MAX_SNAPSHOT_LAG, found.memory.count() // 2):
        engine = Engine(threshold=threshold, memory=found.memory)
        storage.forget_own_changes(seq)  # this process wrote nothing the snapshot has
        follower = ChangeFollower(storage, engine, found.stamp)
        applied = await follower.catch_up()
        log.info("engine read from its snapshot; %d record(s) changed since", applied)
        if where is not None and follower.seen - found.stamp > SNAPSHOT_REFRESH:
            _save(engine, where, follower.seen, database)
        return engine, follower.seen
    bank = await storage.load_bank()  # the change log's position was read first: a write
    engine = Engine(threshold=threshold)  # made meanwhile is applied again, not lost
    for record in progress(bank.records(), len(bank)):
        engine.upsert(record)
    if where is not None:
        _save(engine, where, seq, database)
    return engine, seq


def _save(engine: Engine, where: Path, stamp: int, database: str) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        snapshot.save(engine.memory, where, stamp=stamp, database=database)
    except OSError as exc:  # a read-only folder: every start builds the engine, as before
        log.warning("could not write the engine snapshot %s: %s", where, exc)


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
