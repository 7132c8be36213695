"""A mapping of string keys that a snapshot reads back without building it.

A bank of a million records has a million record ids, and tens of thousands of people and
names; as Python dicts, unpickling them was most of a start (0.5 s for the record ids,
0.4 s for the name table at 1,000,000 records). A :class:`PackedMap` pickles as a few flat
buffers instead: its keys sorted and encoded back to back, with their offsets, an
open-addressing hash table of their positions (CRC-32 of the key, linear probing, at most
half full), and its values either as an ``array`` of ints or each pickled on its own, back
to back. Reading those buffers back costs a copy; a key is then found through the hash
table (about 1 µs: a question's name lookups stay cheap) and its value decoded when first
read (and kept).

Writes after the load go to an ordinary dict beside the packed part, and a deleted packed
key is remembered by its position. Pickled again with few such changes, the packed buffers
are passed on as they are, with the changes beside them (a snapshot written again after a
few thousand edits costs the edits, not the bank: packing a million ids anew is seconds);
past :data:`REPACK_AT` changes, or one in :data:`REPACK_SHARE` keys, it is packed anew.

So a lookup costs a microsecond instead of a tenth of one, and a start pays nothing per
key: right for tables that a start must have but a question reads a handful of keys of.
Keys are sorted, so :meth:`PackedMap.with_prefix` finds the keys that start with a given
text without reading the others.
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, Generic, TypeVar
from zlib import crc32

V = TypeVar("V")
_MISSING: Any = object()


class PackedMap(MutableMapping[str, V], Generic[V]):
    """A ``dict[str, V]`` whose bulk is packed (see the module docs). ``ints=True``: the
    values are ints that fit in 64 bits, kept in an ``array``; otherwise they are pickled
    one by one, and must be immutable or never changed in place (a value read is a copy
    decoded from the packed part)."""

    __slots__ = (
        "_cache",
        "_dead",
        "_ints",
        "_keys",
        "_live",
        "_new",
        "_offsets",
        "_slots",
        "_value_offsets",
        "_values",
    )

    def __init__(self, items: Mapping[str, V] | None = None, *, ints: bool = False) -> None:
        self._ints = ints
        self._keys = b""
        self._offsets = array("q", [0])
        self._values: Any = array("q") if ints else b""
        self._value_offsets = array("q", [0])
        self._slots = array("i", [-1])  # hash table: position of a key, or -1
        self._live = 0  # packed keys not deleted
        self._dead: set[int] = set()  # positions of deleted packed keys
        self._cache: dict[int, V] = {}  # packed values decoded so far, by position
        self._new: dict[str, V] = dict(items or {})

    # ------------------------------------------------------------------ packed part

    def _key_at(self, i: int) -> bytes:
        return self._keys[self._offsets[i] : self._offsets[i + 1]]

    def _find(self, key: str) -> int:
        """The position of a live packed key, or -1."""
        if not self._live:
            return -1
        raw = key.encode("utf-8", "surrogatepass")
        slots, offsets, keys = self._slots, self._offsets, self._keys
        mask = len(slots) - 1
        at = crc32(raw) & mask
        while (i := slots[at]) >= 0:
            if keys[offsets[i] : offsets[i + 1]] == raw:
                return -1 if i in self._dead else i
            at = (at + 1) & mask
        return -1

    def _value_at(self, i: int) -> V:
        if self._ints:
            return self._values[i]
        value = self._cache.get(i, _MISSING)
        if value is _MISSING:
            blob = self._values[self._value_offsets[i] : self._value_offsets[i + 1]]
            value = self._cache[i] = pickle.loads(blob)
        return value

    def _packed_keys(self) -> Iterator[tuple[int, str]]:
        """The live packed keys and their positions, in key order."""
        for i in range(len(self._offsets) - 1):
            if i not in self._dead:
                yield i, self._key_at(i).decode("utf-8", "surrogatepass")

    # ------------------------------------------------------------------ mapping

    def __getitem__(self, key: str) -> V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._new.get(key, _MISSING)
        if value is not _MISSING:
            return value
        i = self._find(key)
        return default if i < 0 else self._value_at(i)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        value = self._new.pop(key, _MISSING)
        if value is not _MISSING:
            return value
        i = self._find(key)
        if i >= 0:
            value = self._value_at(i)
            self._bury(i)
            return value
        if default is _MISSING:
            raise KeyError(key)
        return default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._new or self._find(key) >= 0)

    def __setitem__(self, key: str, value: V) -> None:
        if key not in self._new:
            i = self._find(key)
            if i >= 0:  # the new value replaces the packed one
                self._bury(i)
        self._new[key] = value

    def __delitem__(self, key: str) -> None:
        if key in self._new:
            del self._new[key]
            return
        i = self._find(key)
        if i < 0:
            raise KeyError(key)
        self._bury(i)

    def _bury(self, i: int) -> None:
        self._dead.add(i)
        self._cache.pop(i, None)
        self._live -= 1

    def __len__(self) -> int:
        return self._live + len(self._new)

    def __iter__(self) -> Iterator[str]:
        """Every key (no value decoded): the packed ones in key order, then the rest."""
        for _i, key in self._packed_keys():
            yield key
        yield from list(self._new)

    def items(self) -> Iterator[tuple[str, V]]:  # type: ignore[override]
        """Every key and value: the packed ones in key order, then the rest."""
        for i, key in self._packed_keys():
            yield key, self._value_at(i)
        yield from list(self._new.items())

    def values(self) -> Iterator[V]:  # type: ignore[override]
        for _key, value in self.items():
            yield value

    def with_prefix(self, prefix: str) -> Iterator[tuple[str, V]]:
        """The keys that start with ``prefix`` and their values; the packed ones (in key
        order) without reading the others."""
        raw = prefix.encode("utf-8", "surrogatepass")
        n = len(self._offsets) - 1
        i = bisect_left(range(n), raw, key=self._key_at)
        while i < n and (key := self._key_at(i)).startswith(raw):
            if i not in self._dead:
                yield key.decode("utf-8", "surrogatepass"), self._value_at(i)
            i += 1
        for new_key, value in list(self._new.items()):
            if new_key.startswith(prefix):
                yield new_key, value

    # ------------------------------------------------------------------ pickling

    def packed(self) -> tuple[Any, ...]:
        """Everything as the flat buffers a snapshot keeps (see :meth:`__reduce__`)."""
        entries = sorted(
            ((k.encode("utf-8", "surrogatepass"), v) for k, v in self.items()),
            key=lambda kv: kv[0],
        )
        offsets = array("q", [0])
        for key, _ in entries:
            offsets.append(offsets[-1] + len(key))
        keys = b"".join(key for key, _ in entries)
        size = 1 << max(1, (2 * len(entries)).bit_length())  # a power of two, over twice n
        slots, mask = array("i", [-1]) * size, size - 1
        for i, (key, _) in enumerate(entries):
            at = crc32(key) & mask
            while slots[at] >= 0:
                at = (at + 1) & mask
            slots[at] = i
        if self._ints:
            values: Any = array("q", (v for _, v in entries))
            value_offsets = None
        else:
            blobs = [pickle.dumps(v, protocol=5) for _, v in entries]
            value_offsets = array("q", [0])
            for blob in blobs:
                value_offsets.append(value_offsets[-1] + len(blob))
            values = b"".join(blobs)
        return keys, offsets, slots, values, value_offsets

    def __reduce__(self) -> tuple[Any, ...]:
        """The packed buffers as they are and the changes since as a dict and a list of
        deleted positions, while the changes are few (a snapshot written again after some
        edits costs the edits, not the bank); packed anew past :data:`REPACK_AT`."""
        changes = len(self._new) + len(self._dead)
        if changes > max(REPACK_AT, self._live // REPACK_SHARE):
            return (_unpack, (self._ints, *self.packed(), array("q"), {}))
        value_offsets = None if self._ints else self._value_offsets
        return (_unpack, (self._ints, self._keys, self._offsets, self._slots, self._values,
                          value_offsets, array("q", sorted(self._dead)), self._new))


#: A map is packed anew when pickled with more changes (new keys and deleted packed ones)
#: than this, or than one in REPACK_SHARE of its packed keys; fewer are pickled as they are.
REPACK_AT = 4096
REPACK_SHARE = 8


def _unpack(ints: bool, keys: bytes, offsets: array[int], slots: array[int], values: Any,
            value_offsets: array[int] | None, dead: array[int],
            new: dict[str, Any]) -> PackedMap[Any]:
    table: PackedMap[Any] = PackedMap(new, ints=ints)
    table._keys, table._offsets, table._slots, table._values = keys, offsets, slots, values
    if value_offsets is not None:
        table._value_offsets = value_offsets
    table._dead = set(dead)
    table._live = len(offsets) - 1 - len(table._dead)
    return table
