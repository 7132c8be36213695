"""The log of unanswered questions, written in the background.

Admins read it (``/kb unanswered``) to see what the coverage lacks. An abstention's reply
must not wait for the database (measured under load: abstentions were the slowest answers),
so :meth:`UnansweredLog.put` only queues the question; one task writes what is queued, a
batch per transaction. An admin's write so waits behind one batch at most (the storage lock
is first come, first served), not behind every abstention of a busy minute. Past
:attr:`UnansweredLog.backlog` queued questions, ``put`` waits for room: questions slow down,
none goes unlogged, and the queue cannot grow without bound.
"""

from __future__ import annotations

import asyncio
import collections
import logging

from bot.storage import Storage

log = logging.getLogger(__name__)

#: Unanswered questions waiting to be logged, at most (see the module docs). Large, because
#: the log is slow under load while answers are not: each row is three aiosqlite round trips
#: and each waits a turn of the busy event loop, ~30 rows/s at 200 questions/s (a quarter of
#: them abstentions). Measured: with 200 here, answers were held to the log's pace (117
#: answered/s at 200/s offered, the rest told busy). 5,000 rows are about 1 MB and minutes of
#: a flood; the log catches up when it is over.
LOG_BACKLOG = 5000
#: Unanswered questions written in one transaction, at most (those waiting when the writer
#: comes round: one at a time when questions are few, many in one go in a flood).
LOG_BATCH = 500

#: (question, guild id, user id)
Unanswered = tuple[str, int | None, int | None]


class UnansweredLog:
    """Unanswered questions queued for the database, and the one task writing them."""

    def __init__(self, storage: Storage, backlog: int = LOG_BACKLOG) -> None:
        self.storage = storage
        #: :data:`LOG_BACKLOG`, per log.
        self.backlog = backlog
        self._queued: collections.deque[Unanswered] = collections.deque()
        self._writer: asyncio.Task[None] | None = None
        self._room = asyncio.Event()
        self._room.set()

    async def put(self, question: str, guild_id: int | None, user_id: int | None) -> None:
        """Queue a question for the log (waiting for room past :attr:`backlog`)."""
        while len(self._queued) >= self.backlog:
            self._room.clear()
            await self._room.wait()
        self._queued.append((question, guild_id, user_id))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(
                self._write(), name="coverage-bot-unanswered-log")

    async def flush(self) -> None:
        """Wait until every queued question is written."""
        while self._writer is not None and not self._writer.done():
            await asyncio.wait({self._writer})

    async def _write(self) -> None:
        queued = self._queued
        while queued:
            batch = [queued.popleft() for _ in range(min(len(queued), LOG_BATCH))]
            self._room.set()
            try:
                await self.storage.log_unanswered_many(batch)
            except Exception:
                log.exception("could not log %d unanswered question(s)", len(batch))
