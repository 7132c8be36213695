"""Storage fixtures, a pytest plugin: list ``"tests.storage_fixtures"`` in ``pytest_plugins``
of tests/conftest.py. Record builders are in tests/storage_records.py.

``storage``: a fresh database on each backend, the test running once per backend: an SQLite
database in memory, and a new database on a real PostgreSQL server (a throwaway cluster
started once per test session by tests/postgres_server.py). ``file_storage``: a fresh SQLite
database file in ``tmp_path`` (for WAL, reopen and durability cases). ``postgres_url``: the
URL of a new, empty PostgreSQL database. All are closed or dropped after the test.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.storage import Storage
from tests.postgres_server import MISSING, PostgresServer, bin_dir, running_postgres

BACKENDS = ["sqlite", "postgresql"]
_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster for the whole test session (skipped, saying why, only when the
    machine has no PostgreSQL server binaries; .ci/run installs them)."""
    binaries = bin_dir()
    if binaries is None:
        if os.environ.get("COVERAGE_BOT_REQUIRE_POSTGRES"):  # .ci/run: never skip there
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with running_postgres(binaries) as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new empty database on the session's server; dropped after the test."""
    name = f"test_{next(_names)}"
    postgres_server.client("createdb", name)
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.client("dropdb", "--force", "--if-exists", name)


@pytest.fixture(params=BACKENDS)
def storage_target(request: pytest.FixtureRequest) -> str:
    """Where a fresh database is, once per backend."""
    if request.param == "sqlite":
        return ":memory:"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def storage(storage_target: str) -> AsyncIterator[Storage]:
    db = await Storage.open(storage_target)
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
