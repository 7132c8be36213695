"""Storage fixtures, a pytest plugin: list ``"tests.storage_fixtures"`` in ``pytest_plugins``
of tests/conftest.py (tests/test_storage.py lists it itself). Record builders are in
tests/storage_records.py.

``storage``: a fresh in-memory database; ``file_storage``: a fresh database file in
``tmp_path`` (for WAL, reopen and durability cases). Both are closed after the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Storage


@pytest.fixture
async def storage() -> AsyncIterator[Storage]:
    db = await Storage.open(":memory:")
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def file_storage(tmp_path: Path) -> AsyncIterator[Storage]:
    db = await Storage.open(tmp_path / "bot.db")
    try:
        yield db
    finally:
        await db.close()
