"""The conversation store: turns expire, the least recently used go first."""

from __future__ import annotations

from bot.conversation import Conversations
from bot.engine.followup import Turn


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_turn_counts_for_its_time_to_live() -> None:
    clock = Clock()
    store = Conversations(60, clock=clock)
    store.put(("chan", 1), Turn("who is x", ("X",)))
    clock.now = 59
    turn = store.get(("chan", 1))
    assert turn is not None and turn.people == ("X",)
    assert store.get(("chan", 2)) is None  # another person in the channel has no turn
    clock.now = 121  # 62 s after the put
    assert store.get(("chan", 1)) is None
    assert len(store) == 0


def test_capacity_forgets_the_least_recently_used() -> None:
    store = Conversations(60, capacity=2, clock=Clock())
    store.put("a", Turn("qa"))
    store.put("b", Turn("qb"))
    store.put("a", Turn("qa2"))  # a is the most recent now
    store.put("c", Turn("qc"))
    assert store.get("b") is None
    assert store.get("a") == Turn("qa2") and store.get("c") == Turn("qc")


def test_zero_seconds_turns_follow_ups_off() -> None:
    store = Conversations(0, clock=Clock())
    store.put("a", Turn("q"))
    assert store.get("a") is None and len(store) == 0
