"""Who was talking about what: the last turn of each conversation, for follow-up questions.

A conversation is whatever the caller names by a key: (channel, user) in a Discord channel,
the DM channel, the terminal chat. A turn counts for ``ttl`` seconds after it was made; the
store keeps at most ``capacity`` conversations, forgetting the least recently used. The
clock is passed in, so tests need no sleeping.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.engine.followup import Turn


class Conversations:
    def __init__(
        self,
        ttl: float,
        *,
        capacity: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._clock = clock
        self._turns: OrderedDict[Hashable, tuple[float, Turn]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._turns)

    def get(self, key: Hashable) -> Turn | None:
        """The last turn of ``key``'s conversation, if it is recent enough."""
        if self.ttl <= 0:
            return None
        entry = self._turns.get(key)
        if entry is None:
            return None
        made, turn = entry
        if self._clock() - made > self.ttl:
            del self._turns[key]
            return None
        return turn

    def put(self, key: Hashable, turn: Turn) -> None:
        if self.ttl <= 0:
            return
        self._turns[key] = (self._clock(), turn)
        self._turns.move_to_end(key)
        while len(self._turns) > self.capacity:
            self._turns.popitem(last=False)
