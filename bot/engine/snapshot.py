"""The engine's in-memory bank on disk, so that a start need not rebuild it.

Building the index of a large bank is most of a start (100,000 records: about 7 s; reading
them from the database 1.5 s more); reading it back from a snapshot takes a fraction of that.
A snapshot is trusted only when it was written by this very engine (the fingerprint: the
snapshot format, the Python version, and the bytes of the engine's code and data files) for
this very database (its id), and it says up to which change of the database's change log it
holds the bank (its *stamp*); the caller applies the changes after it, or rebuilds when
there are too many. Anything else, a truncated or corrupt file included, is not a snapshot:
:func:`load` says None and the caller rebuilds.

The body is a pickle, so a snapshot is as trusted as the database beside it (same folder,
same owner); it is never read from anywhere else.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from bot.engine.memory import Memory
from bot.models import Citation, Fact, Person, Quote, Source

log = logging.getLogger(__name__)

#: Bumped when what a snapshot holds changes shape in a way the code hash would not show.
FORMAT = 1
_MAGIC = b"coverage-bot engine snapshot\n"


@cache
def fingerprint() -> str:
    """What a snapshot must have been written by: format, Python, engine code and data."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json", ".txt")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _by_constructor(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    names = [f.name for f in fields(cls)]
    return lambda record: (cls, tuple(getattr(record, n) for n in names))


#: Records are pickled as calls of their constructors: read back twice as fast as through
#: the frozen dataclasses' own ``__setstate__`` (100,000 records: 0.33 s against 0.63 s).
_DISPATCH: dict[Any, Any] = {
    **copyreg.dispatch_table,
    **{cls: _by_constructor(cls) for cls in (Source, Person, Fact, Quote, Citation)},
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A bank read back: the engine's memory and up to which change it holds it."""

    memory: Memory
    stamp: int


def save(memory: Memory, path: Path, *, stamp: int, database: str) -> None:
    """Write ``memory`` to ``path`` atomically (a temporary file renamed into place)."""
    header = json.dumps({"fingerprint": fingerprint(), "database": database, "stamp": stamp})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(_MAGIC + header.encode() + b"\n")
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _DISPATCH
            pickler.dump(memory)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, *, database: str) -> Snapshot | None:
    """The snapshot at ``path`` if this engine wrote it for ``database``, else None."""
    try:
        with path.open("rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                return None
            header = json.loads(f.readline())
            if header.get("fingerprint") != fingerprint() or header.get("database") != database:
                log.info("the engine snapshot %s is of another engine or database", path)
                return None
            gc.disable()  # a large graph of new objects: no collection can free any of them
            try:
                memory = pickle.load(f)
            finally:
                gc.enable()
    except FileNotFoundError:
        return None
    except Exception as exc:  # truncated, corrupt, unreadable: rebuilt, never trusted
        log.warning("the engine snapshot %s cannot be read (%s); rebuilding", path, exc)
        return None
    if not isinstance(memory, Memory) or not isinstance(header.get("stamp"), int):
        return None
    return Snapshot(memory, header["stamp"])
