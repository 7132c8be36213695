"""The engine's records by rid, read from a snapshot only when a question needs them.

A bank loaded from a snapshot (:mod:`bot.engine.snapshot`) keeps its records as one buffer
of pickled records (a memory-mapped region of the snapshot file) and their offsets; a
record becomes an object the first time it is read, and stays one. Measured at 100,000
records, unpickling every record up front was two thirds of loading a snapshot (0.46 s
of 0.71 s), and a question reads a handful of records, so a start no longer pays for
all of them. A bank built from records holds them all as objects (no buffer).
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from array import array
from collections.abc import Iterator
from typing import Any

from bot.models import Citation, Fact, Person, Quote, Source

_UNREAD = object()
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in dataclasses.fields(cls))
    for cls in (Source, Citation, Person, Fact, Quote)
}


def _by_constructor(obj: Any) -> tuple[type, tuple[Any, ...]]:
    cls = type(obj)
    return cls, tuple(getattr(obj, name) for name in _FIELDS[cls])


#: Records pickle as a call of their constructor with their fields in order: a frozen,
#: slotted dataclass otherwise unpickles through dataclasses' Python ``__setstate__``, four
#: times slower (0.32 s for the 90,000 people of a 1,000,000-record bank).
_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH.update(dict.fromkeys(_FIELDS, _by_constructor))


def dumps(obj: object) -> bytes:
    """``obj`` pickled (protocol 5), records by their constructors."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(obj)
    return out.getvalue()


class RecordStore:
    """A list of records (``None`` for a removed one) indexed by rid, decoded on demand."""

    __slots__ = ("_blob", "_items", "_offsets")

    def __init__(self, blob: bytes | memoryview = b"", offsets: array[int] | None = None) -> None:
        #: pickled records, back to back; record ``rid < len(offsets) - 1`` is
        #: ``blob[offsets[rid]:offsets[rid + 1]]``
        self._blob = blob
        self._offsets = array("q", [0]) if offsets is None else offsets
        self._items: list[object] = [_UNREAD] * (len(self._offsets) - 1)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, rid: int) -> Fact | Quote | None:
        item = self._items[rid]
        if item is _UNREAD:
            item = self._items[rid] = self._decode(rid)
        return item  # type: ignore[return-value]

    def _decode(self, rid: int) -> Fact | Quote | None:
        start, end = self._offsets[rid], self._offsets[rid + 1]
        record = pickle.loads(self._blob[start:end])
        if record is not None and not isinstance(record, Fact | Quote):
            raise TypeError(f"record {rid} of the snapshot is a {type(record).__name__}")
        return record

    def __setitem__(self, rid: int, record: Fact | Quote | None) -> None:
        self._items[rid] = record

    def append(self, record: Fact | Quote) -> None:
        self._items.append(record)

    def __iter__(self) -> Iterator[Fact | Quote | None]:
        for rid in range(len(self._items)):
            yield self[rid]

    def pickled(self) -> Iterator[bytes]:
        """Each record pickled (protocol 5), in rid order; a record never read is passed on
        as it was stored, without decoding it."""
        blob, offsets = self._blob, self._offsets
        for rid, item in enumerate(self._items):
            if item is _UNREAD:
                yield bytes(blob[offsets[rid] : offsets[rid + 1]])
            else:
                yield dumps(item)
