"""bot/engine/recordstore.py: records by rid, decoded from a snapshot only when read."""

from __future__ import annotations

from array import array

from bot.engine.recordstore import RecordStore
from tests.engine_records import BRIDGE, COST, WAITED


def test_a_built_store_is_a_list_of_records_with_gaps() -> None:
    store = RecordStore()
    for record in (BRIDGE, COST, WAITED):
        store.append(record)
    store[1] = None  # a removed record
    assert len(store) == 3 and store[0] == BRIDGE and store[1] is None
    assert list(store) == [BRIDGE, None, WAITED]


def test_a_stored_store_reads_back_each_record_when_asked() -> None:
    built = RecordStore()
    for record in (BRIDGE, None, WAITED):
        if record is None:
            built.append(COST)
            built[1] = None
        else:
            built.append(record)
    blobs = list(built.pickled())
    offsets = array("q", [0])
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    loaded = RecordStore(b"".join(blobs), offsets)
    assert len(loaded) == 3
    assert loaded[2] == WAITED and loaded[1] is None and loaded[0] == BRIDGE
    loaded.append(COST)
    assert list(loaded) == [BRIDGE, None, WAITED, COST]
