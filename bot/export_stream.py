"""Reading an export document as it streams in (``coverage-bot import``, ``/kb import``):
record by record (each decoded whole by :mod:`json`'s C decoder, the structure around the
records walked here), so that memory does not grow with the document, every record checked
by :class:`bot.knowledge.DocumentCheck` as it passes."""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NoReturn

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
    """A binary stream as the parser reads it: counts bytes (for offsets and the progress
    bar), refuses more than ``limit`` bytes, and marks lone surrogate escapes as U+FDD0 (a
    character the checker looks for only when the reader saw one, or a \\u0000: then
    every record's strings are scanned)."""

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
        first, last = data.find(b'"'), data.rfind(b'"')
        run = self._since_quote + (first if first >= 0 else len(data))
        self._since_quote = len(data) - last - 1 if last >= 0 else run
        if max(run, self._since_quote) > MAX_VALUE_BYTES:
            raise InputError(f"{self.where}: a value near byte {self.offset:,} is longer than "
                             f"{describe_size(MAX_VALUE_BYTES)}; no field may be that long")
        if b"\\u" in data:
            data = _ESCAPE.sub(_mark_surrogates, data)
            self.suspicious = self.suspicious or b"\\ufdd0" in data or b"\\u0000" in data
        if b"\xef\xb7\x90" in data:  # U+FDD0 itself
            self.suspicious = True
        return data


#: A document nests 5 levels deep (document, list, record, citations, citation); deeper
#: input is refused.
MAX_DEPTH = 32
#: What the parser reads at a time.
CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_TAIL = re.compile(r"[0-9.eE+-]*\Z")


class _TooDeep(Exception):
    pass


def _deeper(node: Any, limit: int) -> bool:
    """Whether ``node`` nests more than ``limit`` levels of objects and arrays."""
    if type(node) is dict:
        node = list(node.values())
    elif type(node) is not list:
        return False
    return limit <= 0 or any(_deeper(v, limit - 1) for v in node)


def _int(digits: str) -> int | float:
    # (Python refuses to turn more than 4,300 digits into an int; no field is a number.)
    return int(digits) if len(digits) <= 1000 else float(digits)


def _constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


_DECODER = json.JSONDecoder(parse_int=_int, parse_constant=_constant)


class _Text:
    """The document as text, decoded as it is read, with a cursor: values are decoded whole
    by the standard library's C decoder (a record at a time), and the structure around
    them (the top-level object, its lists, anything else) is walked here."""

    def __init__(self, reader: _Reader, check: DocumentCheck) -> None:
        self.reader = reader
        self.check = check
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self, at_least: int = 0) -> bool:
        """Read on (a chunk, or chunks until ``at_least`` more bytes); False at the end of
        the document."""
        if self.eof:
            return False
        parts = [self.buf[self.pos:]]
        got = 0
        while not self.eof and (got == 0 or got < at_least):
            data = self.reader.read(CHUNK)
            got += len(data)
            self.eof = not data
            parts.append(self.decoder.decode(data, final=self.eof))
        if self.reader.suspicious:
            self.check.scan_chars = True
        self.buf = "".join(parts)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space (after it: ``pos``), "" at the end."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def fail(self, message: str) -> NoReturn:
        raise json.JSONDecodeError(message, self.buf, self.pos)

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            self.fail(f"expecting {what}" if self.peek() else "incomplete document")
        self.pos += 1

    def value(self) -> Any:
        """Decode the value that starts at the cursor (reading on while it may be cut)."""
        while True:
            if self.peek() == "":
                self.fail("incomplete document")
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Cut by the end of what was read (an unterminated string, or anything
                # at the very end) rather than wrong: read on and decode it again.
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.buf) - 8
                if cut and self.more(len(self.buf) - self.pos):
                    continue
                self.pos = exc.pos
                raise
            if (type(value) in (int, float) and _NUMBER_TAIL.match(self.buf, end)
                    and self.more()):  # a number cut by the end of what was read: read on
                continue
            self.pos = end
            return value

    def skip(self, depth: int) -> Any:
        """Walk past a value that holds no records, in bounded memory; a stand-in for it (an
        empty object or array, or the value itself)."""
        char = self.peek()
        if char not in ("{", "["):
            return self.value()
        if depth >= MAX_DEPTH:
            raise _TooDeep
        close = "}" if char == "{" else "]"
        self.pos += 1
        if self.peek() == close:
            self.pos += 1
        else:
            while True:
                if char == "{":
                    if self.peek() != '"':
                        self.fail("expecting a property name in double quotes")
                    self.value()
                    self.expect(":", "':'")
                self.skip(depth + 1)
                if not self.after_item(close):
                    break
        return {} if char == "{" else []

    def after_item(self, close: str) -> bool:
        """Past the "," after an item (True: another follows) or the closing bracket."""
        char = self.peek()
        self.pos += 1
        if char == ",":
            return True
        if char != close:
            self.pos -= 1
            self.fail(f"expecting ',' or '{close}'" if char else "incomplete document")
        return False


def stream_records(
    stream: BinaryIO,
    check: DocumentCheck,
    *,
    where: str,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """The valid records of one JSON document, as it streams in; problems go to ``check``.

    Memory stays flat: the document is read a chunk at a time and each record is decoded
    on its own (by :mod:`json`'s C decoder) and checked, then handed on. A syntax error
    ends the document with a problem naming its byte offset.
    """
    reader = _Reader(stream, limit, where, progress)
    check.scan_chars = False  # until the reader sees a \u0000 or a lone surrogate escape
    text = _Text(reader, check)
    try:
        yield from _document(text, check, where)
    except json.JSONDecodeError as exc:
        check.add(Problem(f"{where}: near byte {reader.offset:,}",
                          f"not valid JSON ({clip_text(printable(exc.msg), 100)})"))
    except UnicodeDecodeError as exc:
        check.add(Problem(f"{where}: near byte {reader.offset:,}",
                          f"not valid UTF-8 text ({exc.reason})"))
    except (RecursionError, _TooDeep):
        check.add(Problem(f"{where}: near byte {reader.offset:,}",
                          f"nested too deeply (at most {MAX_DEPTH} levels)"))
    finally:
        check.finish()


def _document(text: _Text, check: DocumentCheck, where: str
              ) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """The records of the document at the cursor: an object, its known keys, the format,
    records in lists where lists belong, then nothing more."""
    if text.peek() != "{":
        if text.peek() == "":
            text.fail("incomplete document")
        check.add(Problem(where, "must be a JSON object with sources/people/facts/quotes"))
        text.skip(0)
    else:
        text.pos += 1
        counters = dict.fromkeys(KIND_OF_KEY, 0)
        more = text.peek() != "}"
        if not more:
            text.pos += 1
        while more:
            if text.peek() != '"':
                text.fail("expecting a property name in double quotes")
            key = text.value()
            text.expect(":", "':'")
            check.top_level_key(key, where)
            if key in KIND_OF_KEY and text.peek() == "[":
                yield from _records(text, check, where, key, counters)
            elif key == "format":
                check.format_value(text.skip(1), where)
            elif key in KIND_OF_KEY:
                check.not_a_list(key, text.skip(1), where)
            else:
                text.skip(1)
            more = text.after_item("}")
    if text.peek() != "":
        text.fail("more after the document")


def _records(text: _Text, check: DocumentCheck, where: str, key: str,
             counters: dict[str, int]) -> Iterator[tuple[RecordKind, dict[str, Any]]]:
    """The records of the list at the cursor, each decoded whole, checked, handed on."""
    kind = KIND_OF_KEY[key]
    text.pos += 1
    if text.peek() == "]":
        text.pos += 1
        return
    record = check.record
    while True:
        item = text.value()
        index = counters[key]
        counters[key] = index + 1
        if record(key, index, item, where):
            yield kind, item
        elif _deeper(item, MAX_DEPTH - 2):  # (a record sits in a list in the document)
            raise _TooDeep
        if not text.after_item("]"):
            return


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
