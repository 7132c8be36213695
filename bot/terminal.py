"""The terminal under the command line: answers and quotes as text, JSON lines, input read a
bounded line at a time, the unanswered-question logs of a stream, Ctrl-C and broken pipes.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from bot.models import Answer, QuoteHit, reported_by, versions_newest_first
from bot.settings import Settings
from bot.wording import read_as

if TYPE_CHECKING:
    from bot.service import CoverageService


# --------------------------------------------------------------------------- formatting


def format_answer(answer: Answer) -> str:
    """An answer as a person reads it in a terminal."""
    lines: list[str] = []
    if not answer.answered:
        lines.append(answer.text)
        if answer.suggestions:
            lines.append("Did you mean:")
            lines.extend(f"  - {s}" for s in answer.suggestions)
        return "\n".join(lines)
    if answer.conflicts:
        lines.append("Sources disagree on this figure (newest report first):")
        for version in versions_newest_first(answer):
            lines.append(f"  - {version.text}")
            lines.extend(f"    ({source_line(s)})" for s in version.sources)
    else:
        lines.append(answer.text)
    if answer.sources:
        lines.append("")
        lines.append(reported_by(answer.sources) + ":")
        for ref in answer.sources:
            lines.append(f"  {source_line(ref)}")
            # (a passage opening on a quotation is not quoted again: ““I do,” she said.”)
            # (a passage under a subheading has it on its own line: each line indented)
            excerpt = ref.excerpt.replace("\n", "\n   ")
            lines.append(f"  {excerpt}" if excerpt[:1] in "“\"" else f"  “{excerpt}”")
    matched = ", ".join(answer.matched) or "-"
    if answer.read_as:
        lines.append(f"({read_as(*answer.read_as)})")
    lines.append(f"(confidence {answer.score:.0f}/100; matched: {matched})")
    return "\n".join(lines)


def source_line(ref: Any) -> str:
    parts = [ref.outlet, ref.title]
    parts.append(ref.published or "date not given")
    if ref.url:
        parts.append(ref.url)
    return " — ".join(parts)


def format_quote(hit: QuoteHit) -> str:
    speaker = hit.speaker or "Unknown speaker"
    where = f" ({hit.quote.context})" if hit.quote.context else ""
    lines = [f"“{hit.quote.text}”", f"  — {speaker}{where}"]
    lines.extend(f"  {source_line(ref)}" for ref in hit.sources)
    return "\n".join(lines)


def print_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


#: Longest input line kept, in bytes; the rest of a longer line is skipped (it is still one
#: line, rejected as too long), so that one endless line cannot fill the memory.
MAX_LINE_BYTES = 64 * 1024


class LineReader:
    """One line at a time from a stream, with no more than a line and a read in memory.

    It reads the file descriptor itself, so it knows when the next line would wait for input
    (:meth:`would_wait`); a stream without one (e.g. io.StringIO in tests) is read as is.
    Bytes that are not UTF-8 become U+FFFD rather than an error.
    """

    def __init__(self, stream: TextIO, chunk: int = 64 * 1024) -> None:
        self._stream = stream
        self._chunk = chunk
        self._buffer = b""
        self._eof = False
        try:
            self._fd: int | None = stream.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            self._fd = None

    def would_wait(self) -> bool:
        """True if the next line is not in memory yet (reading it may wait for input)."""
        return self._fd is not None and not self._eof and b"\n" not in self._buffer

    def readline(self) -> str | None:
        """The next line without its line ending, or None at the end of the input."""
        if self._fd is None:
            line = self._stream.readline()
            return line.rstrip("\r\n") if line else None
        skipping = False
        while b"\n" not in self._buffer and not self._eof:
            data = os.read(self._fd, self._chunk)
            if not data:
                self._eof = True
            elif skipping:
                if b"\n" in data:
                    self._buffer += data[data.index(b"\n"):]
            else:
                self._buffer += data
                if len(self._buffer) > MAX_LINE_BYTES and b"\n" not in self._buffer:
                    self._buffer = self._buffer[: MAX_LINE_BYTES + 1]
                    skipping = True
        if skipping:
            # Keep the first MAX_LINE_BYTES + 1 bytes: still too long to be a question.
            head, sep, rest = self._buffer.partition(b"\n")
            self._buffer = head[: MAX_LINE_BYTES + 1] + sep + rest
        if not self._buffer and self._eof:
            return None
        raw, _, self._buffer = self._buffer.partition(b"\n")
        return raw.decode("utf-8", errors="replace").rstrip("\r")

    def __iter__(self) -> Iterator[str]:
        while (line := self.readline()) is not None:
            yield line


class LogWriter:
    """Writes the unanswered-question logs of a stream of questions as it goes: every
    ``every`` logs or ``seconds``, and whenever the input pauses, so that neither memory nor
    what a kill would lose grows with the input."""

    def __init__(self, service: CoverageService, every: int = 100, seconds: float = 1.0) -> None:
        self._service = service
        self._every = every
        self._seconds = seconds
        self._waiting = 0
        self._since = time.monotonic()

    def count(self, answer: Answer) -> None:
        if not answer.answered:
            self._waiting += 1

    async def maybe_write(self, pausing: bool = False) -> None:
        due = self._waiting >= self._every or time.monotonic() - self._since >= self._seconds
        if self._waiting and (pausing or due):
            await self.write()

    async def write(self) -> None:
        await self._service.flush()
        self._waiting = 0
        self._since = time.monotonic()


@contextlib.contextmanager
def main_thread_takes_ctrl_c() -> Iterator[None]:
    """Threads started inside (the database connection's) have SIGINT blocked, so that a
    Ctrl-C is always delivered to the main thread: delivered to another thread, it would
    leave the main thread waiting in a blocking read (readline's) that never notices it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def configure_logging(settings: Settings, *, bot: bool, chatting: bool) -> None:
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if bot:
        return
    # Library and progress chatter (e.g. discord.py, trafilatura, "bank ready") is for the
    # bot's log, not for a command's output, and never inside a conversation.
    root = logging.getLogger()
    root.setLevel(max(logging.WARNING, root.level))
    if chatting:
        # discord.py warns about voice support (PyNaCl) when a client is made: not a chat's
        # business.
        logging.getLogger("discord").setLevel(logging.ERROR)


#: Seconds after a Ctrl-C whose handler has not run before it is delivered again.
NUDGE_SECONDS = 0.3
#: Seconds the cleanup after a Ctrl-C may take before the command leaves anyway.
CLEANUP_SECONDS = 10.0


@contextlib.contextmanager
def interrupts(*, enabled: bool) -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt wherever the command is, even blocked reading input,
    so one Ctrl-C ends it (its cleanup still runs: logs written, database closed); a second
    one during that cleanup leaves at once.

    asyncio.run would otherwise only cancel the main task, which a command waiting for input
    does not notice.
    """
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    interrupted = False

    def on_sigint(signum: int, frame: object) -> None:
        nonlocal interrupted
        if interrupted:
            os._exit(130)
        interrupted = True
        # The cleanup gets a few seconds; an interrupt that lands inside the event loop's
        # own machinery can leave it waiting on a future nobody resolves, and one Ctrl-C
        # must still end the command.
        watchdog = threading.Timer(CLEANUP_SECONDS, os._exit, args=(130,))
        watchdog.daemon = True
        watchdog.start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    # A Ctrl-C that lands between readline printing its prompt and its select() is only
    # noticed at the next key (readline looks at pending signals when select() is
    # interrupted): seen with py-spy on a busy machine. Python writes every signal's number to
    # the wake-up fd; a thread reading it sends SIGINT to the main thread again when the
    # handler has not run shortly after, which interrupts that select().
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    old_wakeup = signal.set_wakeup_fd(wake, warn_on_full_buffer=False)

    def nudge(main: int) -> None:
        while data := os.read(woken, 64):
            if signal.SIGINT in data and not interrupted:
                time.sleep(NUDGE_SECONDS)
                if not interrupted:
                    signal.pthread_kill(main, signal.SIGINT)
        os.close(woken)

    main_id = threading.main_thread().ident
    assert main_id is not None
    threading.Thread(target=nudge, args=(main_id,), daemon=True,
                     name="coverage-bot-ctrl-c").start()
    try:
        yield
    finally:
        signal.set_wakeup_fd(old_wakeup)
        signal.signal(signal.SIGINT, previous)
        os.close(wake)  # the thread's read then ends


def discard_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
