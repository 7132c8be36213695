"""Reading what users hand us (article files, data files, imports, questions) with bounds,
and decoding it.

Every file is opened first and checked on the open descriptor (``fstat``: no race with a
swapped path): only regular files are read, never a FIFO, a device (``/dev/zero``) or a
directory, and at most ``limit + 1`` bytes are read, so an understated size (``/proc``
files say 0) cannot make us allocate more. Errors are one line naming the file and the
limit, as :class:`~bot.errors.InputError`.

Decoding is strict: UTF-8 (a byte-order mark allowed), or for a web page the charset it
declares; anything else is an error naming the file and the byte offset, never mojibake.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO

from bot import textfold
from bot.errors import InputError, InvalidQuestion

#: The largest article file read (text or HTML). HTML extraction takes about 2 s per MB
#: on this project's machine, so this keeps one article under about 5 s.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
#: The most text kept from one article after extraction; reading it into records grows
#: faster than linearly (about 4 s at this size). Long-form features are under 200,000.
MAX_ARTICLE_CHARS = 200_000


def describe_size(size: int) -> str:
    """``2 MB``, ``50 MB``, ``1.5 GB``, ``12,345 bytes``: sizes as people read them."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size:,} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path, *, limit: int | None, what: str = "file") -> tuple[BinaryIO, int]:
    """``path`` opened for reading, with its size, if it is a regular file within ``limit``.

    Opened non-blocking (a FIFO with no writer would otherwise hang the open), then checked
    on the descriptor itself. The caller closes the file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"cannot read {path}: it is {_kind(info.st_mode)}, not a {what}")
        if limit is not None and info.st_size > limit:
            raise InputError(
                f"{path} is {describe_size(info.st_size)}; a {what} may be at most "
                f"{describe_size(limit)}"
            )
        os.set_blocking(fd, True)
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return stream, info.st_size


def read_limited(stream: BinaryIO, limit: int, *, name: str, what: str = "file") -> bytes:
    """At most ``limit`` bytes of ``stream``; :class:`InputError` if there are more."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(f"{name} is larger than {describe_size(limit)}, the most a {what} may be")
    return data


def read_file(path: Path, *, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`)."""
    stream, _size = open_regular(path, limit=limit, what=what)
    with stream:
        try:
            return read_limited(stream, limit, name=str(path), what=what)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- decoding

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
#: A charset declared the ways HTML and XML declare one: ``<meta charset=...>``,
#: ``<meta http-equiv="Content-Type" content="text/html; charset=...">``, ``<?xml ...
#: encoding="..."?>``. Only looked for in the first 4 KB, as browsers do (they stop at 1 KB).
_DECLARED = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
#: Labels that browsers read as windows-1252 (the WHATWG Encoding Standard).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii",
                 "iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252", "x-cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in its head, as a Python codec name, or None."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    return "cp1252" if label in _WINDOWS_1252 else label


def _offset_error(name: str, encoding: str, exc: UnicodeDecodeError, start: int = 0) -> InputError:
    bad = exc.object[exc.start:exc.start + 1]
    return InputError(
        f"{name} is not valid {encoding} text: byte 0x{bad.hex()} at offset "
        f"{start + exc.start:,} ({exc.reason}); save it as UTF-8"
    )


def decode_text(data: bytes, *, name: str) -> str:
    """Article bytes as text: UTF-8 (or UTF-16 with its BOM), or a web page's declared charset.

    A NUL byte (binary data) or bytes that are not valid in the encoding are an
    :class:`InputError` naming ``name`` and the byte offset.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _offset_error(name, encoding.upper(), exc, len(bom)) from None
            return _no_nul(text, name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name} looks like a binary file, not an article. "
                         f"(A NUL byte at offset {nul:,}.)")
    declared = declared_charset(data)
    if declared is not None and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            codec = codecs.lookup(declared)
        except LookupError:
            raise InputError(f"{name} declares the charset {declared!r}, which is not known: "
                             "save it as UTF-8") from None
        if codec.name.startswith("utf-16") or codec.name.startswith("utf-32"):
            declared = "utf-8"  # a page read as bytes that says UTF-16 is mislabelled
        else:
            try:
                return _no_nul(data.decode(codec.name), name)
            except LookupError:  # a codec that is not a text encoding (e.g. "hex")
                raise InputError(f"{name} declares the charset {declared!r}, which is not a "
                                 "text encoding: save it as UTF-8") from None
            except UnicodeDecodeError as exc:
                raise _offset_error(name, f"{declared} (its declared charset)", exc) from None
    try:
        return _no_nul(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        raise _offset_error(name, "UTF-8", exc) from None


def _no_nul(text: str, name: str) -> str:
    where = text.find("\x00")
    if where >= 0:
        raise InputError(
            f"{name} contains a NUL character (at character {where:,}): a binary file, "
            "not an article"
        )
    return text


# --------------------------------------------------------------------------- questions

# Zero-width and bidirectional control characters, soft hyphens: invisible, and they defeat
# matching (the one list of them: the character fold's).
INVISIBLE = textfold.INVISIBLE
# Lone surrogates: what a terminal's non-UTF-8 bytes become (surrogateescape), or a JSON
# "\ud800" escape; no database or message can store them.
SURROGATE = re.compile("[\ud800-\udfff]")


#: Discord's markup for a user, role or channel mention, a custom emoji or a timestamp
#: ("<@123>", "<@&456>", "<#789>", "<:wave:321>", "<t:1700000000:R>"): no words of a
#: question ("cc <@123>"), only ids that would read as figures it asks about.
DISCORD_MARKUP = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w{1,32}:\d+|t:-?\d+(?::[tTdDfFR])?)>")


class CleanQuestion(str):
    """A question already cleaned and bounded by :func:`clean_question` (so that a caller
    that checks a question early, before queueing it, does not have it cleaned twice)."""

    __slots__ = ()


def clean_question(text: str, max_length: int) -> CleanQuestion:
    """The question as the engine should see it, or :class:`InvalidQuestion`."""
    if isinstance(text, CleanQuestion):
        return text
    text = SURROGATE.sub("\ufffd", text)
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = " ".join(DISCORD_MARKUP.sub(" ", text).split())
    if not text or not any(c.isalnum() for c in text):
        raise InvalidQuestion("Ask me a question about the coverage, e.g. “what did Doechii say?”")
    if len(text) > max_length:
        raise InvalidQuestion(
            f"That question is {len(text)} characters long; please keep it under {max_length}."
        )
    return CleanQuestion(text)
