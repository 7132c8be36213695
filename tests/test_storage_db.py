"""bot/storage/db.py: Storage is one API composed of its parts; everything the service and
the command line call on it is there and works on a fresh in-memory database."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.storage import SYNC_ACTOR, Storage
from bot.storage.db import ImportRejected
from tests.storage_records import small_bank

ROOT = Path(__file__).resolve().parents[1]


def _called_on_storage() -> set[str]:
    """Every ``storage.NAME`` / ``self.storage.NAME`` attribute used outside bot/storage."""
    names: set[str] = set()
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]:
        if "storage" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute | ast.Name):
                owner = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
                if owner == "storage":
                    names.add(node.attr)
    return names


def test_every_method_the_callers_use_is_on_storage() -> None:
    used = _called_on_storage()
    assert {"add", "update", "remove", "import_records", "log_unanswered_many"} <= used
    missing = {name for name in used if not hasattr(Storage, name)}
    assert missing == set()


async def test_the_composed_storage_works_end_to_end_in_memory() -> None:
    async with await Storage.open(":memory:") as storage:
        report = await storage.sync_shipped(small_bank())
        assert report.changed and SYNC_ACTOR == "knowledge-files"
        assert len(await storage.load_bank()) == len(small_bank())
        await storage.log_unanswered("who won?", guild_id=None, user_id=1)
        assert [q.question for q in await storage.top_unanswered(guild_id=None)] == ["who won?"]
        assert await storage.integrity_check() == "ok"
    assert issubclass(ImportRejected, Exception)
