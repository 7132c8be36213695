"""Shared fixtures. Each helper module keeps its own fixtures in its own file and is
imported here as a pytest plugin, so that this file stays small."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.models import Bank
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
pytest_plugins = ["tests.storage_fixtures", "tests.discord_env"]

ARTICLE = KNOWLEDGE_DIR / "articles" / "newsnation-celebrities-ice-raids.txt"


@pytest.fixture(scope="session")
def shipped_bank() -> Bank:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a test: a fresh database file, the shipped knowledge, no cooldown."""
    return Settings(
        database_path=tmp_path / "bank.db",
        cache_dir=tmp_path / "cache",
        knowledge_dir=KNOWLEDGE_DIR,
        question_cooldown=0.0,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """``settings`` on a database that several processes can share, once per backend: an
    SQLite file, then a new PostgreSQL database."""
    if request.param == "sqlite":
        return settings
    return settings.with_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def clean_cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A command line run as a new user would: no token, no database or threshold setting,
    the shipped knowledge, in an empty folder."""
    for name in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL", "ANSWER_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``coverage-bot ARGV`` in this process: exit code, stdout, stderr."""
    from bot.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


async def until(check: Callable[[], object], within: float, failure: str,
                poll: float = 0.05) -> None:
    """Wait until ``check()`` is true (what another task or process does shows up), asking
    every ``poll`` s; fail with ``failure`` after ``within`` s."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < within, failure
        await asyncio.sleep(poll)
