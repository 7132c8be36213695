"""The background log of unanswered questions, on a real database (both backends)."""

from __future__ import annotations

import asyncio

from bot.storage import Storage
from bot.unanswered import LOG_BATCH, UnansweredLog


async def test_every_question_put_is_written_once_flushed(storage: Storage) -> None:
    log = UnansweredLog(storage)
    for n in range(3):
        await log.put(f"who is stranger{n}", 5, n)
    await log.put("who is stranger0", 5, 9)  # asked again: counted twice
    await log.flush()
    top = await storage.top_unanswered(guild_id=5)
    assert {q.question: q.count for q in top} == {
        "who is stranger0": 2, "who is stranger1": 1, "who is stranger2": 1}
    assert await storage.top_unanswered(guild_id=6) == []


async def test_past_the_backlog_put_waits_and_nothing_is_lost(storage: Storage) -> None:
    log = UnansweredLog(storage, backlog=10)
    most_queued = 0

    async def watch() -> None:
        nonlocal most_queued
        while True:
            most_queued = max(most_queued, len(log._queued))
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    try:
        for n in range(45):
            await log.put(f"what about topic{n}", 5, None)
        await log.flush()
    finally:
        watcher.cancel()
    assert most_queued <= 10
    assert (await storage.stats())["unanswered"] == 45


async def test_a_flood_is_written_a_batch_per_transaction(storage: Storage) -> None:
    """Queued before the writer runs: one batch of LOG_BATCH first, the rest after."""
    log = UnansweredLog(storage)
    total = LOG_BATCH + 7
    for n in range(total):
        await log.put(f"question number {n}", None, None)  # no await point: all queued
    assert len(log._queued) == total
    await asyncio.sleep(0)  # the writer takes its first batch
    assert len(log._queued) == 7
    await log.flush()
    assert (await storage.stats())["unanswered"] == total
