"""bot/engine/memory.py: the in-memory bank, kept in step with every write, scoped by guild."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.memory import Memory, visible_to
from tests.engine_records import ADA, BRIDGE, SOURCE, WAITED, small_bank


def _memory() -> Memory:
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    return memory


def test_records_are_found_and_counted() -> None:
    memory = _memory()
    assert memory.get("fact", BRIDGE.id) == BRIDGE and memory.get("person", ADA.id) == ADA
    assert memory.stats()["facts"] == 3 and memory.count() == 5
    assert memory.speaker_name(WAITED) == "Ada Quill"


def test_a_guild_sees_the_shared_records_and_its_own_only() -> None:
    memory = _memory()
    own = replace(BRIDGE, id="own-fact", text="Our own fact.", guild_id=5)
    memory.upsert(own)
    assert visible_to(5)(own) and not visible_to(6)(own) and not visible_to(None)(own)
    assert own in memory.bank(5).facts and own not in memory.bank(6).facts
    assert [s.id for s in memory.visible_sources(5)] == [SOURCE.id, "post"]


def test_a_removed_quote_leaves_no_trace() -> None:
    memory = _memory()
    before = memory.version
    memory.remove("quote", WAITED.id)
    assert memory.get("quote", WAITED.id) is None
    assert not memory.has_quotes(ADA.id, None) and memory.version > before
    assert WAITED not in memory.visible_quotes(None)


def test_an_upsert_replaces_in_place() -> None:
    memory = _memory()
    memory.upsert(replace(BRIDGE, text="The council approved a bridge."))
    assert memory.get("fact", BRIDGE.id).text == "The council approved a bridge."  # type: ignore[union-attr]
    assert memory.stats()["facts"] == 3
    assert BRIDGE.id in [r.id for r in memory.about(ADA.id, None)]
