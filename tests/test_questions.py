"""bot/questions.py: the bounded backlog of questions and its workers (asyncio directly)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from bot.questions import QuestionQueue


async def test_questions_are_answered_in_order_and_join_waits_for_the_sends() -> None:
    queue = QuestionQueue(bound=10, workers=1)
    sent: list[int] = []

    def job(n: int):  # type: ignore[no-untyped-def]
        async def match() -> Awaitable[None]:
            async def send() -> None:
                await asyncio.sleep(0.01)
                sent.append(n)
            return send()
        return match

    for n in range(5):
        assert queue.offer(job(n))
    await asyncio.wait_for(queue.join(), 5)
    assert sent == [0, 1, 2, 3, 4]
    await queue.stop()


async def test_past_the_bound_a_question_is_refused_and_counted() -> None:
    gate = asyncio.Event()
    queue = QuestionQueue(bound=2, workers=1, go=gate)  # not going: nothing is matched

    async def nothing() -> None:
        return None

    assert queue.offer(nothing) and queue.offer(nothing)
    assert queue.full() and len(queue) == 2
    assert not queue.offer(nothing)
    assert queue.refused == 1
    gate.set()
    await asyncio.wait_for(queue.join(), 5)
    assert len(queue) == 0 and not queue.full()
    await queue.stop()


async def test_a_job_that_raises_does_not_stop_the_workers() -> None:
    queue = QuestionQueue(bound=5, workers=1)
    done: list[str] = []

    async def broken() -> None:
        raise RuntimeError("bug in one job")

    async def fine() -> None:
        done.append("ok")
        return None

    queue.offer(broken)
    queue.offer(fine)
    await asyncio.wait_for(queue.join(), 5)
    assert done == ["ok"]
    await queue.stop()


async def test_matching_waits_while_priority_work_is_under_way() -> None:
    go = asyncio.Event()
    queue = QuestionQueue(bound=5, workers=2, go=go)
    matched: list[int] = []

    async def job() -> None:
        matched.append(1)
        return None

    queue.offer(job)
    await asyncio.sleep(0.05)
    assert matched == []  # an admin write is "under way": no question is matched
    go.set()
    await asyncio.wait_for(queue.join(), 5)
    assert matched == [1]
    await queue.stop()
