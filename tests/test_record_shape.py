"""bot/record_shape.py: the fast test of a record's shape is never looser than the schema:
every record it accepts, jsonschema accepts; the shipped records pass it (the fast path is
taken for them); a record the schema refuses, it refuses too."""

from __future__ import annotations

import copy
from typing import Any

from bot.codec import to_json
from bot.knowledge import load_knowledge, record_problems
from bot.models import kind_of
from bot.record_shape import surely_valid
from tests.conftest import KNOWLEDGE_DIR

#: One change each that the schema refuses.
BREAKS = [
    lambda r: r.update(id="Not An Id"),
    lambda r: r.update(id="x" * 81),
    lambda r: r.update(extra="field"),
    lambda r: r.pop("id"),
    lambda r: r.update(text="   ") if "text" in r else r.update(name="   ")
    if "name" in r else r.update(title="   "),
    lambda r: r.update(citations=[]) if "citations" in r else r.update(id=""),
    lambda r: r.update(keywords=["x" * 101]) if "keywords" in r else r.update(id="-x"),
    lambda r: r.update(published="2025-13-01") if "title" in r else r.update(id="A"),
    lambda r: r.update(url="example.org") if "title" in r else r.update(id="a b"),
]


def _shipped() -> list[tuple[str, dict[str, Any]]]:
    return [(kind_of(r), to_json(r)) for r in load_knowledge(KNOWLEDGE_DIR).records()]


def test_the_shipped_records_take_the_fast_path_and_the_schema_agrees() -> None:
    for kind, data in _shipped():
        assert surely_valid(kind, data), data["id"]  # type: ignore[arg-type]
        assert record_problems(kind, data, "x") == [], data["id"]  # type: ignore[arg-type]


def test_what_the_schema_refuses_the_fast_test_refuses() -> None:
    refused = 0
    for kind, data in _shipped():
        for brk in BREAKS:
            broken = copy.deepcopy(data)
            brk(broken)
            if record_problems(kind, broken, "x"):  # type: ignore[arg-type]
                refused += 1
                assert not surely_valid(kind, broken), (kind, broken)  # type: ignore[arg-type]
    assert refused >= 5 * len(_shipped())  # the changes are refused, as meant
    assert not surely_valid("fact", ["not", "a", "record"])  # type: ignore[arg-type]
