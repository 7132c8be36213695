"""The reason a "why" question asks for, when the record chosen only states the claim.

News often states a claim in one sentence and gives its reason in the next: "The utility
has faced sharp criticism for not cutting power." then "A spokesman said it had decided
against a shutoff because ...". Asked "why didn't the utility shut off power?", the engine
finds the claim (it shares the question's words); the reason is its neighbour.
:func:`reason_after` finds that neighbour: the record right after the chosen one in the
same source (the next sentence of the article, or the next quote after a quote), when the
chosen record states no reason outright and the neighbour does (a reason connective:
"because", "due to", ...) and shares a word with the question. The answer then gives both,
each cited.
"""

from __future__ import annotations

from bot.engine.memory import Memory
from bot.engine.normalize import words
from bot.engine.records import states_reason as says_reason
from bot.models import Fact, Quote, first_source


def states_reason(record: Fact | Quote) -> bool:
    """The record's own words state a reason outright ("because", "due to", "since")."""
    return says_reason(words(record.text))


def reason_after(memory: Memory, rid: int, asked: set[str]) -> int | None:
    """The rid of the record that gives the reason for record ``rid``'s claim, or None: the
    next record of the same kind from the same source, when ``rid`` states no reason, the
    next one does, and it has one of the question's terms (``asked``, people excluded)."""
    records = memory.records
    rec = records[rid]
    if rec is None or not rec.citations or states_reason(rec) or rid + 1 >= len(records):
        return None
    after = records[rid + 1]
    if (
        after is None
        or type(after) is not type(rec)
        or first_source(after) != first_source(rec)
        or after.guild_id != rec.guild_id
        or not states_reason(after)
    ):
        return None
    shared = memory.fields(rid + 1, {t for t in asked if not t.startswith("@")})
    return rid + 1 if shared else None
