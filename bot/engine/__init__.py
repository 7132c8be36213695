"""The answer engine: pure Python matching over an in-memory bank (no Discord, no SQL)."""

from bot.engine.answer import DEFAULT_THRESHOLD, Engine

__all__ = ["DEFAULT_THRESHOLD", "Engine"]
