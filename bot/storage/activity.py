"""What happens around the records: the audit trail, unanswered questions, readers' votes,
and the channels answered without a mention."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.storage.content import (
    normalise_question,
)
from bot.storage.mapping import (
    audit_row,
    scope_of,
    timestamp,
)
from bot.storage.records import RecordStore
from bot.storage.reports import (
    AuditEntry,
    AuditKind,
    FeedbackSummary,
    UnansweredQuestion,
)

#: Longest question kept in the unanswered log and with feedback.
MAX_LOGGED_QUESTION = 1000


class Activity(RecordStore):
    """Logs and settings around the records (see the module docs)."""

    async def audit_log(
        self,
        *,
        guild_id: int | None,
        limit: int = 20,
        record_id: str | None = None,
        kind: AuditKind | None = None,
    ) -> list[AuditEntry]:
        """The newest audit entries of one scope (``None``: the global records)."""
        sql = (
            "SELECT id, at, actor, guild_id, action, kind, record_id, before, after "
            "FROM audit_log WHERE ifnull(guild_id, 0) = ?"
        )
        params: list[Any] = [scope_of(guild_id)]
        if record_id is not None:
            sql += " AND record_id = ?"
            params.append(record_id)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(max(0, limit))
        async with self._read():
            rows = await self._all(sql, params)
        return [
            AuditEntry(
                id=r[0],
                at=r[1],
                actor=r[2],
                guild_id=r[3],
                action=r[4],
                kind=r[5],
                record_id=r[6],
                before=json.loads(r[7]) if r[7] is not None else None,
                after=json.loads(r[8]) if r[8] is not None else None,
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ questions, votes

    async def log_unanswered(
        self, question: str, *, guild_id: int | None, user_id: int | None
    ) -> None:
        """Remember a question the bot could not answer (blank questions are ignored)."""
        await self.log_unanswered_many([(question, guild_id, user_id)])

    async def log_unanswered_many(
        self, questions: Sequence[tuple[str, int | None, int | None]]
    ) -> None:
        """Remember several unanswered (question, guild id, user id) at once: one
        transaction, so a flood of abstentions costs a few round trips, not a few each."""
        now = timestamp()
        rows = []
        for question, guild_id, user_id in questions:
            text = " ".join(question.split())[:MAX_LOGGED_QUESTION]
            norm = normalise_question(text)
            if norm:
                rows.append((now, guild_id, user_id, text, norm))
        if not rows:
            return
        async with self._write(records=False) as db:
            await db.executemany(
                "INSERT INTO unanswered (at, guild_id, user_id, question, norm) "
                "VALUES (?, ?, ?, ?, ?)", rows)

    async def top_unanswered(
        self, *, guild_id: int | None, limit: int = 10
    ) -> list[UnansweredQuestion]:
        """The most asked unanswered questions of one scope, grouped by normalised wording."""
        async with self._read():
            rows = await self._all(
                # each group shown by its latest question
                "SELECT u.question, u.at, g.n, g.users, g.last FROM ("
                "SELECT count(*) AS n, count(DISTINCT user_id) AS users, max(id) AS last "
                "FROM unanswered WHERE ifnull(guild_id, 0) = ? GROUP BY norm) AS g "
                "JOIN unanswered AS u ON u.id = g.last "
                "ORDER BY g.n DESC, g.last DESC LIMIT ?",
                (scope_of(guild_id), max(0, limit)),
            )
        return [
            UnansweredQuestion(question=q, count=n, users=u, last_asked=at)
            for q, at, n, u, _ in rows
        ]

    async def record_feedback(
        self,
        *,
        question: str,
        record_id: str | None,
        helpful: bool,
        user_id: int,
        guild_id: int | None,
        message_id: int | None = None,
    ) -> None:
        """A user's vote on an answer; one vote per user per message (a later one replaces)."""
        async with self._write(records=False) as db:
            await db.execute(
                "INSERT INTO feedback (at, guild_id, user_id, message_id, question, record_id, "
                "helpful) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (user_id, message_id) DO UPDATE SET at = excluded.at, "
                "guild_id = excluded.guild_id, question = excluded.question, "
                "record_id = excluded.record_id, helpful = excluded.helpful",
                (
                    timestamp(),
                    guild_id,
                    user_id,
                    message_id,
                    question[:MAX_LOGGED_QUESTION],
                    record_id,
                    int(helpful),
                ),
            )

    async def feedback_summary(
        self, *, guild_id: int | None, limit: int = 10
    ) -> list[FeedbackSummary]:
        """Votes per record in one scope, the most voted unhelpful first."""
        async with self._read():
            rows = await self._all(
                "SELECT record_id, sum(helpful), sum(1 - helpful) AS bad, count(*) AS n "
                "FROM feedback WHERE ifnull(guild_id, 0) = ? GROUP BY record_id "
                "ORDER BY bad DESC, n DESC, record_id LIMIT ?",
                (scope_of(guild_id), max(0, limit)),
            )
        return [FeedbackSummary(rid, good, bad) for rid, good, bad, _ in rows]

    # ------------------------------------------------------------------ answer channels

    async def answer_channels(self, guild_id: int) -> set[int]:
        """The channels of a guild where the bot answers every message."""
        async with self._read():
            rows = await self._all(
                "SELECT channel_id FROM guild_channels WHERE guild_id = ?", (guild_id,)
            )
        return {r[0] for r in rows}

    async def set_answer_channel(
        self, guild_id: int, channel_id: int, enabled: bool, *, actor: str
    ) -> None:
        """Turn answering every message in a channel on or off (audited when it changes)."""
        async with self._write(records=False) as db:
            now = timestamp()
            if enabled:
                changed = await db.execute(
                    "INSERT INTO guild_channels (guild_id, channel_id, added_at, actor) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, channel_id) DO NOTHING",
                    (guild_id, channel_id, now, actor),
                )
            else:
                changed = await db.execute(
                    "DELETE FROM guild_channels WHERE guild_id = ? AND channel_id = ?",
                    (guild_id, channel_id),
                )
            if changed > 0:
                state = {"channel_id": channel_id}
                await self._audit(
                    [
                        audit_row(
                            now,
                            actor,
                            guild_id,
                            "add" if enabled else "remove",
                            "channel",
                            str(channel_id),
                            None if enabled else state,
                            state if enabled else None,
                        )
                    ]
                )

