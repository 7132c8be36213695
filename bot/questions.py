"""The bounded backlog of questions and the workers that answer them.

Questions do not run the moment they arrive: they wait in a :class:`QuestionQueue`, which
matches them a few milliseconds of CPU per turn of the event loop, so that what must not
wait (acknowledgements, admin writes) runs soon, and which says no past its bound.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

#: Workers matching questions. Matching is CPU (a millisecond or two a question), so more
#: would only make each turn of the event loop longer, and every database round trip
#: (aiosqlite answers through the loop) and every acknowledgement waits a turn. Measured:
#: with 64 questions matched per turn, the unanswered-question log (a few round trips per
#: row) fell behind at 60 rows/s although the database alone does ~750/s.
QUESTION_WORKERS = 4
#: CPU seconds of matching a worker may do in one turn of the event loop before it yields.
#: Measured: one question per worker per turn capped the bot below 200 answers/s, since a
#: busy turn (gateway events, answers' HTTP responses) takes 10-20 ms and 4 workers matched
#: only 4 questions in it; no limit at all (every question at once, as the bot first did) let a
#: turn grow to seconds under a flood, past Discord's 3 s for acknowledgements. Counted in
#: this thread's CPU time, so that preemption by other processes does not use it up.
QUESTION_TURN_BUDGET = 0.005
#: Answers on their way to Discord at once (each waits a round trip: 50-100 ms to the real
#: one); past it, matching waits. Each one in flight is callbacks in every turn of the loop
#: that admin writes' database round trips wait behind. Measured at 400/s on a quiet machine:
#: with 256, 261 answers/s but loop lag p99 293 ms and 49 of 61 admin writes confirmed within
#: 10 s; with 64, 146 answers/s (the fake Discord itself slowed to ~0.4 s a request), loop
#: lag p99 95 ms and 59 of 61. With 8, ~50 answers/s when the fake took ~150 ms.
QUESTION_SENDS = 64

#: A queued question: does its matching when called, and returns what sends the answer
#: (awaited in a task of its own, so that the next question need not wait for Discord), or
#: None when there is nothing to send.
Job = Callable[[], Awaitable[Awaitable[None] | None]]


class QuestionQueue:
    """The bounded backlog of questions and the workers that answer them.

    A question no longer runs the moment it arrives: it waits here, at most ``bound`` of them
    (``QUESTION_BACKLOG``); :data:`QUESTION_WORKERS` workers match them in order, each for
    :data:`QUESTION_TURN_BUDGET` of CPU per turn of the event loop, and at most
    :data:`QUESTION_SENDS` answers are on their way at once. Under a burst the loop's turns
    so stay short, and what must not wait (gateway events, interaction acknowledgements,
    admin commands and their database writes, which never go through here) runs soon;
    past the bound :meth:`offer` says no and the caller answers "busy".
    """

    def __init__(self, bound: int, workers: int = QUESTION_WORKERS,
                 sends: int = QUESTION_SENDS, go: asyncio.Event | None = None) -> None:
        self.bound = bound
        self.workers = workers
        #: Set when questions may be matched; cleared while priority work (admin writes) is
        #: under way: matching pauses, so that the event loop's turns are short and each of
        #: the write's database round trips comes back at once.
        self._go = go or asyncio.Event()
        if go is None:
            self._go.set()
        self._jobs: asyncio.Queue[Job] = asyncio.Queue(bound)
        self._slots = asyncio.Semaphore(sends)
        self._tasks: list[asyncio.Task[None]] = []
        self._sending: set[asyncio.Task[None]] = set()
        #: Questions turned away because the backlog was full (for logs and tests).
        self.refused = 0

    def __len__(self) -> int:
        """Questions waiting (not counting those being answered)."""
        return self._jobs.qsize()

    def full(self) -> bool:
        """Whether a question offered now would be refused."""
        return self._jobs.full()

    def offer(self, job: Job) -> bool:
        """Queue ``job``; False when the backlog is full."""
        if not self._tasks:
            self.start()
        try:
            self._jobs.put_nowait(job)
        except asyncio.QueueFull:
            self.refused += 1
            return False
        return True

    def start(self) -> None:
        """Start the workers (on the first offer, or before it)."""
        if not self._tasks:
            self._tasks = [asyncio.get_running_loop().create_task(
                self._work(), name=f"coverage-bot-question-{n}") for n in range(self.workers)]

    async def _work(self) -> None:
        loop = asyncio.get_running_loop()
        turn_end = time.thread_time() + QUESTION_TURN_BUDGET
        while True:
            if not self._go.is_set():  # an admin write first
                await self._go.wait()
                turn_end = time.thread_time() + QUESTION_TURN_BUDGET
            if self._jobs.empty() or self._slots.locked():  # waits: a new turn after
                job = await self._jobs.get()
                await self._slots.acquire()
                turn_end = time.thread_time() + QUESTION_TURN_BUDGET
            else:
                job = self._jobs.get_nowait()
                await self._slots.acquire()  # a free slot: does not wait
            try:
                send = await job()
            except Exception:  # a job reports its own errors; this is a bug in one
                log.exception("unexpected error answering a question")
                send = None
            if send is None:
                self._slots.release()
            else:
                task = loop.create_task(_awaited(send))
                self._sending.add(task)
                task.add_done_callback(self._sent)
            self._jobs.task_done()
            if time.thread_time() >= turn_end:  # this turn's share of matching is done
                await asyncio.sleep(0)
                turn_end = time.thread_time() + QUESTION_TURN_BUDGET

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            log.error("unexpected error sending an answer", exc_info=task.exception())

    async def join(self) -> None:
        """Until every queued question has been answered and its answer sent."""
        await self._jobs.join()
        while self._sending:
            await asyncio.wait(set(self._sending))

    async def stop(self) -> None:
        """Stop the workers (questions still queued are dropped)."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _awaited(send: Awaitable[None]) -> None:
    await send
