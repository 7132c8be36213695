"""The engine's bank kept on disk, so that a start does not rebuild the index.

A snapshot holds everything :class:`~bot.engine.memory.Memory` built from a bank: the
inverted index, the vocabulary and its deletion table, the names, the per-speaker counts,
and the records themselves. It is trusted only when all of these match:

* :data:`FORMAT_VERSION`, the layout of the file;
* :func:`engine_hash`, a SHA-256 of the engine's code and data files (lexicon, stopwords,
  model, ...) and of ``bot/models.py``: any other engine builds other terms, so a new
  engine version never reads an old file;
* the database it was written for (its id), and up to which change of that database's
  change log it holds the bank (its ``stamp``): the caller applies the changes after it
  (:mod:`bot.following`), or rebuilds when there are too many;
* CRC-32 checksums of both parts, and their lengths (a truncated or damaged file).

Otherwise :func:`load` says why (a log line) and returns ``None``: the caller rebuilds from
the records and saves a new snapshot. Nothing here raises on a bad file.

Layout: ``MAGIC``, a 4-byte little-endian header length, the header (JSON, padded with
spaces), the state (a pickle, protocol 5, of everything but the records), the records, each
pickled on its own, back to back, then their offsets (an ``array('q')``'s bytes; the
records' checksum covers them too). The records part is memory-mapped and a record is
unpickled the first time a question reads it (:class:`~bot.engine.recordstore.RecordStore`):
at 100,000 records, unpickling them all was two thirds of the load time. For the same
reason the record-id tables and the names are packed (:mod:`bot.engine.packed`: a few
buffers, not a million keys). The standard library does it all (pickle protocol 5, array,
mmap, zlib): a snapshot is written and read only by this code, so a new dependency would
buy nothing. Pickle runs code of the file's choosing when loaded: the snapshot sits beside
the database, and whoever can write it can write the database too.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import mmap
import os
import pickle
import struct
import threading
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import lexicon
from bot.engine.memory import Memory
from bot.engine.recordstore import RecordStore, dumps

log = logging.getLogger(__name__)

MAGIC = b"coverage-bot engine snapshot\n"
#: Bumped whenever the layout or the pickled state changes shape, or what the engine
#: derives into it from the bank (10: a description's role heads; 11: a short verb's stem
#: keeps its "e", "sued" / "suing": "sue"; 12: each source's people counted).
FORMAT_VERSION = 12
_HEADER_LEN = struct.Struct("<I")
#: The header's room (JSON, padded with spaces): written last, over a blank one.
_HEADER_SPACE = 1024
_ENGINE_DIR = Path(__file__).resolve().parent
_MODELS = _ENGINE_DIR.parent / "models.py"
_STATE = ("sources", "names", "index", "vocab", "quote_rids", "lengths", "spoken", "version",
          "rids", "cited", "titled", "spans", "storied")
_engine_hash: str | None = None


def engine_hash() -> str:
    """SHA-256 of every file the engine reads or runs (its code, its data files) and of the
    record classes: a snapshot made by any other engine is never trusted."""
    global _engine_hash
    if _engine_hash is None:
        files = sorted(
            p for p in _ENGINE_DIR.rglob("*")
            if p.is_file() and p.suffix in (".py", ".json", ".txt")
        )
        digest = hashlib.sha256()
        for path in [*files, _MODELS]:
            name = path.relative_to(_ENGINE_DIR.parent).as_posix().encode()
            data = path.read_bytes()
            digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
            digest.update(data)
        _engine_hash = digest.hexdigest()
    return _engine_hash


def save(memory: Memory, path: Path, *, stamp: int, database: str) -> int:
    """Write ``memory`` to ``path``, for ``database`` up to its change ``stamp``; the bytes
    written. The file is written beside ``path`` and renamed over it, so a reader sees the
    old file or the new one, never half of one. The records stream to the file one by one
    (at 1,000,000 records, holding them all first was 420 MB more at the peak)."""
    state: dict[str, Any] = {name: getattr(memory, name) for name in _STATE}
    # (general English, not the bank's: kept packed here so that a start does not decode
    # pyspellchecker's 160,000-word list again for its first answer)
    state["english"] = lexicon.packed_counts()
    state_full = dumps(state)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            # A blank header first (its figures are known at the end), then the state, the
            # records and their offsets; the header is written over the blank one last.
            out.write(MAGIC + _HEADER_LEN.pack(_HEADER_SPACE) + b" " * _HEADER_SPACE)
            out.write(state_full)
            offsets = array("q", [0])
            records_crc = 0
            for blob in memory.records.pickled():
                out.write(blob)
                offsets.append(offsets[-1] + len(blob))
                records_crc = zlib.crc32(blob, records_crc)
            offsets_raw = offsets.tobytes()
            out.write(offsets_raw)
            size = out.tell()
            header = json.dumps({
                "format": FORMAT_VERSION,
                "engine": engine_hash(),
                "stamp": stamp,
                "database": database,
                "state_len": len(state_full),
                "state_crc": zlib.crc32(state_full),
                "records_len": offsets[-1],
                "records_crc": zlib.crc32(offsets_raw, records_crc),
                "offsets_len": len(offsets_raw),
            }).encode()
            if len(header) > _HEADER_SPACE:  # (a database id is a few dozen characters)
                raise ValueError(f"snapshot header of {len(header)} bytes")
            out.seek(len(MAGIC) + _HEADER_LEN.size)
            out.write(header)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A bank read back: the engine's memory and up to which change it holds it."""

    memory: Memory
    stamp: int


def fingerprint() -> str:
    """What a snapshot must have been written by (:func:`engine_hash`)."""
    return engine_hash()


def load(path: Path, *, database: str) -> Snapshot | None:
    """The snapshot kept in ``path`` if this engine wrote it for ``database`` and it is
    whole; otherwise ``None``, with a log line saying why."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size == 0:
                log.warning("engine snapshot %s is empty: rebuilding", path)
                return None
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError:
        log.info("no engine snapshot at %s: building the index", path)
        return None
    except OSError as exc:
        log.warning("cannot read the engine snapshot %s (%s): rebuilding", path, exc)
        return None
    try:
        return _read(mapped, path, database)
    except Exception as exc:  # a damaged file may fail anywhere in unpickling
        log.warning("engine snapshot %s is damaged (%s: %s): rebuilding",
                    path, type(exc).__name__, exc)
        return None


def _read(mapped: mmap.mmap, path: Path, database: str) -> Snapshot | None:
    view = memoryview(mapped)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        log.warning("%s is not an engine snapshot: rebuilding", path)
        return None
    at = len(MAGIC)
    (header_len,) = _HEADER_LEN.unpack(view[at : at + _HEADER_LEN.size])
    at += _HEADER_LEN.size
    header: dict[str, Any] = json.loads(bytes(view[at : at + header_len]))
    at += header_len
    if header.get("format") != FORMAT_VERSION or header.get("engine") != engine_hash():
        log.info("engine snapshot %s was made by another engine version: rebuilding", path)
        return None
    stamp = header.get("stamp")
    if header.get("database") != database or not isinstance(stamp, int):
        log.info("engine snapshot %s is of another database: rebuilding", path)
        return None
    state_len, records_len = int(header["state_len"]), int(header["records_len"])
    offsets_len = int(header["offsets_len"])
    expected = at + state_len + records_len + offsets_len
    if len(view) != expected:
        log.warning("engine snapshot %s is truncated or padded (%d bytes, %d expected): "
                    "rebuilding", path, len(view), expected)
        return None
    state_part = view[at : at + state_len]
    records_part = view[at + state_len : at + state_len + records_len]
    offsets_part = view[at + state_len + records_len :]
    # Both checksums (420 MB at 1,000,000 records: 0.15 s) are worked out in another thread
    # while this one unpickles the state (zlib lets go of the GIL), and checked before
    # anything of the file is used: what a damaged state unpickled into is thrown away (it
    # is the engine's own file; whoever can write it can write the database too).
    crcs: list[int] = []
    checker = threading.Thread(
        target=lambda: crcs.extend((zlib.crc32(state_part),
                                    zlib.crc32(offsets_part, zlib.crc32(records_part)))),
        name="snapshot checksum")
    checker.start()
    enabled = gc.isenabled()
    gc.disable()  # millions of new objects, none of them garbage
    try:
        state = pickle.loads(state_part)
    finally:
        if enabled:
            gc.enable()
        checker.join()
    if crcs != [header["state_crc"], header["records_crc"]]:
        log.warning("engine snapshot %s fails its checksum: rebuilding", path)
        return None
    offsets = array("q")
    offsets.frombytes(offsets_part)
    if not offsets or offsets[0] != 0 or offsets[-1] != records_len:
        raise ValueError("record offsets do not match the records part")
    memory = Memory.__new__(Memory)
    for name in _STATE:
        setattr(memory, name, state[name])
    lexicon.adopt_counts(*state["english"])
    memory.records = RecordStore(records_part, offsets)
    # The millions of objects just made were never looked at by the collector (disabled
    # above): the first collection after this would walk them all, inside whichever
    # question comes first (measured: one question of 368 ms at 100,000 records, 13 ms
    # with this). They live as long as the bank, so they go to the permanent generation
    # at once (what the bot's runtime tuning does for everything after its start).
    gc.freeze()
    log.info("engine loaded from the snapshot %s (%d records)", path, memory.count())
    return Snapshot(memory, stamp)
