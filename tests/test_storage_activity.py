"""bot/storage/activity.py: the audit trail, unanswered questions, votes, answer channels.

Against a real SQLite database (in memory, or a file in tmp_path)."""

from __future__ import annotations

from bot.storage import Storage
from tests.storage_records import (
    GUILD_A,
    GUILD_B,
    seeded,
)


async def test_audit_log_is_scoped_newest_first_and_filtered(storage: Storage) -> None:
    await seeded(storage, GUILD_A, "a-")
    await seeded(storage, GUILD_B, "b-")
    await storage.remove("fact", "a-raids", actor="x", guild_id=GUILD_A)
    log_a = await storage.audit_log(guild_id=GUILD_A, limit=100)
    assert len(log_a) == 7
    assert {e.guild_id for e in log_a} == {GUILD_A}
    assert all(e.record_id.startswith("a-") for e in log_a)
    assert log_a[0].action == "remove"
    assert [e.id for e in log_a] == sorted((e.id for e in log_a), reverse=True)
    assert len(await storage.audit_log(guild_id=GUILD_A, limit=3)) == 3
    assert [e.action for e in await storage.audit_log(guild_id=GUILD_A, record_id="a-raids")] == [
        "remove",
        "import",
    ]
    assert await storage.audit_log(guild_id=None) == []


async def test_top_unanswered_groups_by_normalised_question(storage: Storage) -> None:
    asks = [
        ("Who is Doechii?", 1),
        ("who is  doechii", 2),
        ("WHO IS DOECHII?!", 1),
        ("When did the raids start?", 3),
        ("When did the raids start", None),
        ("What did Rihanna say?", 4),
    ]
    for question, user in asks:
        await storage.log_unanswered(question, guild_id=GUILD_A, user_id=user)
    await storage.log_unanswered("Who is Doechii?", guild_id=GUILD_B, user_id=9)
    await storage.log_unanswered("   ", guild_id=GUILD_A, user_id=1)  # blank: ignored

    top = await storage.top_unanswered(guild_id=GUILD_A)
    assert [(q.question, q.count, q.users) for q in top] == [
        ("WHO IS DOECHII?!", 3, 2),
        ("When did the raids start", 2, 1),
        ("What did Rihanna say?", 1, 1),
    ]
    assert top[0].last_asked >= top[1].last_asked or top[0].count > top[1].count
    assert len(await storage.top_unanswered(guild_id=GUILD_A, limit=1)) == 1
    assert [q.count for q in await storage.top_unanswered(guild_id=GUILD_B)] == [1]
    assert await storage.top_unanswered(guild_id=None) == []
    assert (await storage.stats())["unanswered"] == 7


async def test_feedback_one_vote_per_user_per_message(storage: Storage) -> None:
    vote = {"question": "Who is Doechii?", "record_id": "award", "guild_id": GUILD_A}
    await storage.record_feedback(helpful=True, user_id=1, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=False, user_id=1, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=True, user_id=2, message_id=500, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(helpful=True, user_id=1, message_id=501, **vote)  # type: ignore[arg-type]
    await storage.record_feedback(
        question="Huh?", record_id=None, helpful=False, user_id=3, guild_id=GUILD_A
    )
    await storage.record_feedback(
        question="Huh?", record_id=None, helpful=False, user_id=3, guild_id=GUILD_A
    )
    summary = await storage.feedback_summary(guild_id=GUILD_A)
    assert [(s.record_id, s.helpful, s.unhelpful) for s in summary] == [
        (None, 0, 2),
        ("award", 2, 1),
    ]
    assert (await storage.stats())["feedback"] == 5
    assert await storage.feedback_summary(guild_id=GUILD_B) == []


async def test_answer_channels(storage: Storage) -> None:
    assert await storage.answer_channels(GUILD_A) == set()
    await storage.set_answer_channel(GUILD_A, 10, True, actor="admin")
    await storage.set_answer_channel(GUILD_A, 10, True, actor="admin")  # already on
    await storage.set_answer_channel(GUILD_A, 11, True, actor="admin")
    await storage.set_answer_channel(GUILD_B, 20, True, actor="admin")
    await storage.set_answer_channel(GUILD_A, 11, False, actor="admin")
    await storage.set_answer_channel(GUILD_A, 12, False, actor="admin")  # was never on
    assert await storage.answer_channels(GUILD_A) == {10}
    assert await storage.answer_channels(GUILD_B) == {20}
    log = await storage.audit_log(guild_id=GUILD_A)
    assert [(e.action, e.kind, e.record_id) for e in log] == [
        ("remove", "channel", "11"),
        ("add", "channel", "11"),
        ("add", "channel", "10"),
    ]
    assert log[0].before == {"channel_id": 11} and log[0].after is None
