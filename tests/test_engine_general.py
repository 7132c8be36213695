"""The engine is general: nothing in bot/engine/ is fitted to the shipped coverage.

Every person name and alias of knowledge/ is looked for in every file of bot/engine/, code
and data alike. General-English word
lists live in data files that name their source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "bot" / "engine"


def _engine_files() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*") if p.suffix in (".py", ".json", ".txt"))


def test_no_name_or_alias_of_the_shipped_coverage_in_the_engine() -> None:
    bank = load_knowledge(ROOT / "knowledge")
    names = {n for p in bank.people for n in p.names if len(n.strip()) > 2}
    assert len(names) > 20  # the check has something to look for
    for path in _engine_files():
        text = path.read_text(encoding="utf-8")
        for name in names:
            found = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE)
            assert found is None, f"{path.relative_to(ROOT)} names {name!r}"


def test_every_word_list_names_its_source() -> None:
    data = sorted(p for p in (ENGINE / "data").rglob("*") if p.is_file())
    data += sorted(p for p in (ENGINE / "ingest" / "data").rglob("*") if p.is_file())
    assert data
    for path in data:
        if path.suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            assert isinstance(doc, dict), path
            assert doc.get("_source") or doc.get("source"), f"{path.name} names no source"
        elif path.suffix == ".txt":
            head = path.read_text(encoding="utf-8").splitlines()[0]
            assert head.startswith("#") and len(head) > 20, f"{path.name} names no source"


def test_no_engine_module_is_over_500_lines() -> None:
    for path in ENGINE.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 500, f"{path.relative_to(ROOT)} has {lines} lines"
