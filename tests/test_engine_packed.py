"""bot/engine/packed.py: a mapping that pickles as flat buffers and reads back as one."""

from __future__ import annotations

import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import packed
from bot.engine.packed import PackedMap


@pytest.fixture(autouse=True)
def _always_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small maps pack too (by default a few thousand changes are pickled as a dict)."""
    monkeypatch.setattr(packed, "REPACK_AT", 0)


def _reread(table: PackedMap) -> PackedMap:  # type: ignore[type-arg]
    return pickle.loads(pickle.dumps(table, protocol=5))  # type: ignore[no-any-return]


def test_a_packed_map_reads_back_as_the_dict_it_was() -> None:
    ids = {f"fact-{n}": n for n in range(500)}
    table = _reread(PackedMap(ids, ints=True))
    assert not table._new and table._live == 500  # every key packed, none built
    assert dict(table) == ids and len(table) == 500
    assert table["fact-42"] == 42 and "fact-42" in table and "fact-500" not in table
    assert table.get("nope") is None and table.get("nope", -1) == -1


def test_values_of_any_kind_are_decoded_when_read() -> None:
    people = {"ada": ("ada", "Ada Quill", ("Quill",)), "bo": ["bo", "bob"], "zed": None}
    table = _reread(PackedMap(people))
    assert not table._cache
    assert table["bo"] == ["bo", "bob"] and list(table._cache) == [1]  # (sorted: ada, bo, zed)
    assert dict(table) == people


def test_edits_after_a_load_and_a_second_save() -> None:
    table = _reread(PackedMap({"a": 1, "b": 2, "c": 3}, ints=True))
    table["b"] = 20  # a packed key replaced
    del table["c"]  # a packed key deleted
    table["d"] = 4  # a new key
    table["c"] = 30  # ... and the deleted one back
    assert dict(table) == {"a": 1, "b": 20, "c": 30, "d": 4} and len(table) == 4
    assert table.pop("a") == 1 and table.pop("a", None) is None and len(table) == 3
    again = _reread(table)
    assert dict(again) == {"b": 20, "c": 30, "d": 4} and not again._new  # packed anew


def test_a_few_changes_are_pickled_beside_the_packed_part_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Up to REPACK_AT changes, the packed buffers pass through unchanged (no key decoded,
    sorted or hashed again) with the changes beside them."""
    table = _reread(PackedMap({f"fact-{n}": n for n in range(100)}, ints=True))
    monkeypatch.setattr(packed, "REPACK_AT", 10)
    table["fact-7"] = 700
    del table["fact-8"]
    table["new"] = -1
    again = _reread(table)
    assert again._keys == table._keys and again._slots == table._slots
    assert again._new == {"fact-7": 700, "new": -1} and len(again._dead) == 2
    assert again["fact-7"] == 700 and "fact-8" not in again and len(again) == 100
    expected = {f"fact-{n}": n for n in range(100) if n != 8} | {"fact-7": 700, "new": -1}
    assert dict(again) == expected
    for n in range(20):  # past REPACK_AT: packed anew
        again[f"more-{n}"] = n
    third = _reread(again)
    assert not third._new and not third._dead and len(third) == 120


def test_keys_with_a_prefix_are_found_without_reading_the_others() -> None:
    table = _reread(PackedMap({"bridge-cost": 1, "bridge": 2, "brick": 3, "cost": 4}, ints=True))
    table["bridge-new"] = 5
    del table["bridge"]
    assert sorted(table.with_prefix("bridge")) == [("bridge-cost", 1), ("bridge-new", 5)]
    assert list(table.with_prefix("zz")) == [] and len(list(table.with_prefix(""))) == 4


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["set", "del", "save"]),
                          st.text(min_size=0, max_size=6), st.integers(-5, 5)), max_size=60),
       st.sampled_from([0, 3, 4096]))
def test_a_packed_map_behaves_as_a_dict_whatever_is_done_to_it(
    ops: list[tuple[str, str, int]], repack_at: int,
) -> None:
    """Any sequence of writes, deletes and save-and-reload (keys of any text, the empty
    one and surrogates' neighbours included), packed anew at every save, at some or at
    none, leaves the map equal to a dict given the same."""
    packed.REPACK_AT = repack_at  # (the fixture puts it back)
    table: PackedMap[int] = PackedMap(ints=True)
    model: dict[str, int] = {}
    for op, key, value in ops:
        if op == "set":
            table[key] = value
            model[key] = value
        elif op == "del" and key in model:
            del table[key]
            del model[key]
        elif op == "save":
            table = _reread(table)
        assert len(table) == len(model)
    assert dict(table) == model
    probe = random.Random(0)
    for key in [*model, "", "x", *(chr(probe.randrange(32, 0x2FF)) for _ in range(5))]:
        assert (key in table) == (key in model)
        assert table.get(key) == model.get(key)
