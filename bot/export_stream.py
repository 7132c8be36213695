"""Reading an export document as it streams in (``coverage-bot import``, ``/kb import``):
record by record with ijson, so that memory does not grow with the document, every record
checked by :class:`bot.knowledge.DocumentCheck` as it passes."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import ijson
import ijson.utils

from bot.codec import from_json
from bot.errors import InputError, Problem, ValidationFailed
from bot.inputs import describe_size
from bot.knowledge import (
    KIND_OF_KEY,
    MAX_DOCUMENT_BYTES,
    MAX_VALUE_BYTES,
    DocumentCheck,
    KnownIds,
    bank_of,
    clip_text,
    printable,
)
from bot.models import Bank, RecordKind

#: Every backslash escape, left to right (so an escaped backslash is consumed whole): a
#: surrogate pair, a lone surrogate, or any other escape.
_ESCAPE = re.compile(
    rb"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    rb"|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)",
    re.DOTALL,
)


#: The bytes a \\uXXXX escape is made of.
_ESCAPE_BYTES = b"\\u0123456789abcdefABCDEF"
_HIGH = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}")


def _mark_surrogates(match: re.Match[bytes]) -> bytes:
    return b"\\ufdd0" if match.group(1) is not None else match.group()


class _Reader:
    """A binary stream as ijson reads it: counts bytes (for offsets and the progress bar),
    refuses more than ``limit`` bytes, and marks lone surrogate escapes (which the C
    parser would silently turn into "?") as U+FDD0 so the checker reports them."""

    def __init__(self, stream: BinaryIO, limit: int | None, where: str,
                 progress: Callable[[int], None] | None) -> None:
        self.stream = stream
        self.limit = limit
        self.where = where
        self.progress = progress
        self.offset = 0
        self._carry = b""
        #: Whether the document may hold NUL or a lone surrogate (a \\u0000 escape, or
        #: the U+FDD0 mark left for a lone surrogate): records are then scanned for them.
        self.suspicious = False
        self._since_quote = 0

    def read(self, size: int = 65536) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn bytes from str
            return b""
        chunk = self.stream.read(max(size, 64))
        self.offset += len(chunk)
        if self.limit is not None and self.offset > self.limit:
            raise InputError(f"{self.where} is larger than {describe_size(self.limit)}, the most "
                             "an import may be")
        if self.progress is not None and chunk:
            self.progress(len(chunk))
        data = self._carry + chunk
        if not chunk:
            self._carry = b""
            return self._scanned(data)
        # Cut after the last byte that cannot be part of a \\uXXXX escape (or a pair of
        # them), so that no escape is split between two reads.
        cut = len(data.rstrip(_ESCAPE_BYTES))
        if cut == 0:  # all of it hex digits, "u" and backslashes: cut before the last escape
            slash = data.rfind(b"\\")
            cut = len(data) if slash < 0 else slash
            if _HIGH.fullmatch(data[max(0, cut - 6):cut]):
                cut -= 6
        out, self._carry = data[:cut], data[cut:]
        return self._scanned(out) if out or not self._carry else self.read(size)

    def _scanned(self, data: bytes) -> bytes:
        # No record field is anywhere near this long: a value that is (a huge string or
        # number) is refused before the parser builds it.
        last = data.rfind(b'"')
        self._since_quote = len(data) - last - 1 if last >= 0 else self._since_quote + len(data)
        if self._since_quote > MAX_VALUE_BYTES:
            raise InputError(f"{self.where}: a value near byte {self.offset:,} is longer than "
                             f"{describe_size(MAX_VALUE_BYTES)}; no field may be that long")
        if b"\\u" in data:
            data = _ESCAPE.sub(_mark_surrogates, data)
            self.suspicious = self.suspicious or b"\\ufdd0" in data or b"\\u0000" in data
        if b"\xef\xb7\x90" in data:  # U+FDD0 itself
            self.suspicious = True
        return data


#: A document nests 5 levels deep (document, list, record, citations, citation); deeper
#: input is refused before it is parsed further.
MAX_DEPTH = 32


class _TooDeep(Exception):
    pass


def stream_records(
    stream: BinaryIO,
    check: DocumentCheck,
    *,
    where: str,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """The valid records of one JSON document, as it streams in; problems go to ``check``.

    Memory stays flat: each chunk read is fed to ijson's C parsers, one per list (it
    builds that list's records in C) and one whose events give the top level's shape, and
    only the records built from that chunk are kept. A syntax error ends the document with
    a problem naming its byte offset.
    """
    reader = _Reader(stream, limit, where, progress)
    check.scan_chars = False  # until the reader sees a \u0000 or a lone surrogate escape
    sinks = {key: ijson.utils.sendable_list() for key in KIND_OF_KEY}
    shape = ijson.utils.sendable_list()
    parsers = [ijson.items_coro(sinks[key], f"{key}.item", use_float=True) for key in sinks]
    parsers.append(ijson.basic_parse_coro(shape, use_float=True))
    counters = dict.fromkeys(sinks, 0)
    top = _TopLevel(check, where)
    depth = 0
    try:
        while True:
            chunk = reader.read(256 * 1024)
            if reader.suspicious:
                check.scan_chars = True
            # The shape parser first: it tells the nesting depth before the record parsers
            # see the chunk (they name every event by its path, which costs the depth: a
            # 100 KB run of "[" would take tens of gigabytes).
            for parser in (parsers[-1], *parsers[:-1]):
                if chunk:
                    parser.send(chunk)
                else:
                    parser.close()
                if parser is parsers[-1]:
                    for event, _ in shape:
                        if event in ("start_map", "start_array"):
                            depth += 1
                            if depth > MAX_DEPTH:
                                raise _TooDeep
                        elif event in ("end_map", "end_array"):
                            depth -= 1
            top.events(shape)
            shape.clear()
            for key, sink in sinks.items():
                for item in sink:
                    index = counters[key]
                    counters[key] = index + 1
                    if check.record(key, index, item, where):
                        yield KIND_OF_KEY[key], item
                sink.clear()
            if not chunk:
                break
    except ijson.JSONError as exc:
        why = exc.args[0] if exc.args else ""
        why = why.decode("utf-8", "replace") if isinstance(why, bytes) else str(why)
        first = why.strip().splitlines()[0] if why.strip() else "a syntax error"
        message = ("not valid UTF-8 text" if "UTF8" in first
                   else f"not valid JSON ({clip_text(printable(first), 100)})")
        check.add(Problem(f"{where}: near byte {reader.offset:,}", message))
    except UnicodeDecodeError as exc:
        check.add(Problem(f"{where}: near byte {reader.offset:,}",
                          f"not valid UTF-8 text ({exc.reason})"))
    except (RecursionError, _TooDeep):
        check.add(Problem(f"{where}: near byte {reader.offset:,}",
                          f"nested too deeply (at most {MAX_DEPTH} levels)"))
    finally:
        check.finish()


class _TopLevel:
    """The top level of a document, from basic parse events: an object, its known keys,
    the format, lists where lists belong."""

    def __init__(self, check: DocumentCheck, where: str) -> None:
        self.check = check
        self.where = where
        self.depth = 0
        self.key: Any = None
        self.wrong = False

    def events(self, events: list[tuple[str, Any]]) -> None:
        depth = self.depth
        for event, value in events:
            if event == "start_map" or event == "start_array":
                if depth <= 1:
                    self._value(depth, event, {} if event == "start_map" else [])
                depth += 1
            elif event == "end_map" or event == "end_array":
                depth -= 1
            elif depth <= 1:
                self._value(depth, event, value)
        self.depth = depth

    def _value(self, depth: int, event: str, value: Any) -> None:
        check, where = self.check, self.where
        if self.wrong:
            return
        if depth == 0:
            if event != "start_map":
                self.wrong = True
                check.add(Problem(where, "must be a JSON object with sources/people/facts/quotes"))
        elif event == "map_key":
            self.key = value
            check.top_level_key(value, where)
        elif self.key == "format":
            check.format_value(value, where)
        elif self.key in KIND_OF_KEY and event != "start_array":
            check.not_a_list(self.key, value, where)


def parse_document(
    raw: str | bytes,
    *,
    where: str = "import",
    guild_id: int | None = None,
    known: KnownIds | None = None,
) -> Bank:
    """An import document as a Bank placed in ``guild_id``; every problem at once."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(
            [Problem(where, f"document is too large ({describe_size(len(raw))}; at most "
                            f"{describe_size(MAX_DOCUMENT_BYTES)})")], what=where)
    check = DocumentCheck(known)
    records = [from_json(kind, item, guild_id)
               for kind, item in stream_records(io.BytesIO(raw), check, where=where)]
    failure = check.failure(where)
    if failure is not None:
        raise failure
    return bank_of(records)
