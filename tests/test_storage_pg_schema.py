"""bot/storage/pg_schema.py: PostgreSQL's migrations are SQLite's, version for version (the
tables and columns they make are compared on a real server in test_storage_postgres.py)."""

from __future__ import annotations

from bot.storage.migrations import MIGRATIONS
from bot.storage.pg_schema import PG_MIGRATIONS


def test_the_same_migrations_in_the_same_order() -> None:
    assert [(m.version, m.name) for m in PG_MIGRATIONS] == [
        (m.version, m.name) for m in MIGRATIONS]
    # a script where SQLite has one, a function given the connection where it has one
    assert [isinstance(m.step, str) for m in PG_MIGRATIONS] == [
        isinstance(m.step, str) for m in MIGRATIONS]
