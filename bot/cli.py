"""The ``coverage-bot`` command line.

Every command is a thin shell over :class:`bot.service.CoverageService`: parse, call, print.
Domain errors become one clear line on stderr and exit status 1 (2 for usage errors); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.errors import CoverageBotError, IngestError, InvalidQuestion, ValidationFailed
from bot.models import Answer, QuoteHit, reported_by, versions_newest_first
from bot.settings import Settings, load_settings
from bot.wording import bank_counts, plural, record_counts

if TYPE_CHECKING:
    from bot.service import CoverageService

log = logging.getLogger("bot")


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
            lines.extend(f"    ({_source_line(s)})" for s in version.sources)
    else:
        lines.append(answer.text)
    if answer.sources:
        lines.append("")
        lines.append(reported_by(answer.sources) + ":")
        for ref in answer.sources:
            lines.append(f"  {_source_line(ref)}")
            lines.append(f"  “{ref.excerpt}”")
    matched = ", ".join(answer.matched) or "-"
    lines.append(f"(confidence {answer.score:.0f}/100; matched: {matched})")
    return "\n".join(lines)


def _source_line(ref: Any) -> str:
    parts = [ref.outlet, ref.title]
    parts.append(ref.published or "date not given")
    if ref.url:
        parts.append(ref.url)
    return " — ".join(parts)


def format_quote(hit: QuoteHit) -> str:
    speaker = hit.speaker or "Unknown speaker"
    where = f" ({hit.quote.context})" if hit.quote.context else ""
    lines = [f"“{hit.quote.text}”", f"  — {speaker}{where}"]
    lines.extend(f"  {_source_line(ref)}" for ref in hit.sources)
    return "\n".join(lines)


def _print_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


#: Longest input line kept, in bytes; the rest of a longer line is skipped (it is still one
#: line, rejected as too long), so that one endless line cannot fill the memory.
MAX_LINE_BYTES = 64 * 1024


class _LineReader:
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


class _LogWriter:
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


# --------------------------------------------------------------------------- commands


@contextlib.asynccontextmanager
async def _service(settings: Settings, db: str | None) -> AsyncIterator[CoverageService]:
    from bot.service import CoverageService

    if db is not None:
        settings = settings.with_overrides(database_path=Path(db).expanduser())
    with _main_thread_takes_ctrl_c():
        service = await CoverageService.open(settings, create_dir=db is None)
    try:
        yield service
    finally:
        await service.close()


@contextlib.contextmanager
def _main_thread_takes_ctrl_c() -> Iterator[None]:
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


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        if args.question == "-":
            reader, logs = _LineReader(sys.stdin), _LogWriter(service)
            while True:
                await logs.maybe_write(pausing=reader.would_wait())
                line = reader.readline()
                if line is None:
                    break
                try:
                    answer = await service.ask(line)
                except InvalidQuestion as exc:
                    _print_json(
                        {"answered": False, "answer": str(exc), "score": 0, "sources": [],
                         "suggestions": [], "error": str(exc)},
                        sys.stdout,
                    )
                    continue
                logs.count(answer)
                _print_json(answer.as_json(), sys.stdout)
            return 0
        answer = await service.ask(args.question)
        if args.json:
            _print_json(answer.as_json(), sys.stdout)
        else:
            print(format_answer(answer))
        return 0


async def cmd_quote(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 1 or args.limit > 100:
        raise InvalidQuestion("--limit must be between 1 and 100")
    async with _service(settings, args.db) as service:
        queries = iter(_LineReader(sys.stdin)) if args.query == "-" else iter([args.query])
        for query in queries:
            try:
                hits = service.find_quotes(query, limit=args.limit)
            except InvalidQuestion as exc:
                if args.query != "-":
                    raise
                _print_json({"found": False, "quotes": [], "error": str(exc)}, sys.stdout)
                continue
            if args.json or args.query == "-":
                _print_json(
                    {"found": bool(hits), "quotes": [h.as_json() for h in hits]}, sys.stdout
                )
            elif hits:
                print("\n\n".join(format_quote(h) for h in hits))
            else:
                print(f"No quote in the coverage matches {query!r}.")
        return 0


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        return await chat(service, sys.stdin, sys.stdout, as_json=getattr(args, "json", False))


CHAT_HELP = """\
Ask about the coverage in your own words, e.g. “what did Doechii say at the BET Awards?”
  /quote WHO-OR-WORDS  quotes by a speaker, or with these words
  /help                this help
  /quit                leave (Ctrl-D or Ctrl-C too)"""


#: The terminal chat is one conversation: follow-ups read against its last question.
CHAT_CONVERSATION = "terminal-chat"


async def chat(service: Any, stdin: TextIO, stdout: TextIO, *, as_json: bool = False) -> int:
    """A terminal conversation: questions, ``/quote WHO OR WORDS``, ``/help``; ``/quit``,
    Ctrl-D or Ctrl-C to leave. On a terminal, lines can be edited and recalled (readline).
    Follow-up questions ("what else did she say?") are read against the last one.

    ``as_json``: one line in, one JSON object out (the ``ask --json`` fields), no banner
    and no prompts, the conversation kept between lines."""
    interactive = stdin.isatty() and not as_json
    read = _terminal_input(stdin, stdout) if interactive else _LineReader(stdin).readline
    if not as_json:
        stdout.write(
            "coverage-bot: ask about the coverage; /help for the commands, /quit to leave.\n"
        )
    while True:
        if interactive:
            stdout.write("\n")
        stdout.flush()
        try:
            line = read()
        except KeyboardInterrupt:
            stdout.write("\n")
            stdout.flush()
            raise
        if line is None:
            break
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit", "quit", "exit"):
            break
        if line in ("/help", "/?", "help"):
            stdout.write(CHAT_HELP + "\n")
            continue
        try:
            if line.startswith("/quote"):
                hits = service.find_quotes(line[len("/quote"):].strip(), limit=5)
                reply = (
                    "\n\n".join(format_quote(h) for h in hits)
                    if hits
                    else "No quote in the coverage matches that."
                )
            else:
                answer = await service.ask(line, conversation=CHAT_CONVERSATION)
                reply = json.dumps(answer.as_json(), ensure_ascii=False) if as_json else (
                    format_answer(answer)
                )
        except CoverageBotError as exc:
            reply = json.dumps({"error": str(exc)}, ensure_ascii=False) if as_json else str(exc)
        stdout.write(("bot> " if interactive else "") + reply + "\n")
        stdout.flush()
        await service.flush()  # an unanswered question is logged before the next one
    return 0


def _terminal_input(stdin: TextIO, stdout: TextIO) -> Callable[[], str | None]:
    """Reads a line with the prompt, through readline (editing, history) where Python has it."""
    if stdin is not sys.stdin or stdout is not sys.stdout:

        def read_plain() -> str | None:
            stdout.write("you> ")
            stdout.flush()
            line = stdin.readline()
            return line.rstrip("\r\n") if line else None

        return read_plain
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it gives input() line editing and history)

    def read() -> str | None:
        try:
            return input("you> ")
        except EOFError:
            stdout.write("\n")
            return None

    return read


async def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge import check_knowledge

    directory = Path(args.dir) if args.dir else settings.knowledge_dir
    bank, problems = check_knowledge(directory)
    if bank is None:
        raise ValidationFailed(problems, what=f"knowledge in {directory}")
    print(f"{directory}: OK — {bank_counts(bank)}")
    return 0


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        stats = {"database": str(service.settings.database_path), **await service.storage.stats()}
        if args.json:
            _print_json(stats, sys.stdout)
        else:
            for key, value in stats.items():
                print(f"{key}: {value}")
    return 0


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        doc = await service.export_json(args.guild)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        if not out.parent.is_dir():
            raise CoverageBotError(f"cannot write {out}: folder {out.parent} does not exist")
        out.write_text(text, encoding="utf-8")
        print(f"exported to {out}", file=sys.stderr)
    return 0


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.inputs import open_regular
    from bot.knowledge import MAX_IMPORT_BYTES

    if args.file == "-":
        stream, size, where = sys.stdin.buffer, None, "standard input"
    else:
        stream, size = open_regular(Path(args.file), limit=MAX_IMPORT_BYTES, what="JSON file")
        where = args.file
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=size, desc="importing", unit="B", unit_scale=True, file=sys.stderr)
    try:
        async with _service(settings, args.db) as service:
            report = await service.import_stream(
                stream, actor="cli", guild_id=args.guild, where=where,
                limit=MAX_IMPORT_BYTES, progress=bar.update if bar is not None else None,
            )
    finally:
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    counts = record_counts(
        {"sources": report.sources, "people": report.people, "facts": report.facts,
         "quotes": report.quotes}
    )
    unchanged = report.unchanged
    print(
        f"imported {counts}"
        + (f" ({plural(unchanged, 'record')} already there, unchanged)" if unchanged else "")
    )
    return 0


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.datafile import check_target
    from bot.ingesting import Article
    from bot.inputs import MAX_ARTICLE_BYTES, read_file

    if args.to_anywhere and not args.to:
        raise IngestError("--to-anywhere goes with --to FILE")
    if args.to:  # before any reading: a refused target wastes no time
        check_target(Path(args.to), settings.knowledge_dir, anywhere=args.to_anywhere)
    articles = []
    for name in args.files:
        path = Path(name)
        raw = read_file(path, limit=MAX_ARTICLE_BYTES, what="article file")
        articles.append(
            Article(raw=raw, name=str(path), outlet=args.outlet, title=args.title,
                    url=args.url, published=args.published)
        )

    def progress(items: Any) -> Any:
        if len(articles) < 2:
            return items
        from tqdm import tqdm

        return tqdm(items, total=len(articles), desc="ingesting", unit="file", file=sys.stderr)

    async with _service(settings, args.db) as service:
        plan = await service.plan_ingest(articles, guild_id=args.guild, progress=progress)
        if args.to:
            _write_data_file(
                check_target(Path(args.to), settings.knowledge_dir, anywhere=args.to_anywhere),
                plan.adds,
            )
            print(plan.preview())
            print(f"\nwrote {plural(len(plan.adds), 'record')} to {args.to}", file=sys.stderr)
            return 0
        print(plan.preview())
        if args.dry_run:
            print("\n(dry run: nothing was written)", file=sys.stderr)
            return 0
        await service.apply_ingest(plan, actor="cli")
    counts = plan.counts()
    print(f"\nadded {record_counts(counts)}; "
          f"{plural(counts['linked'], 'existing record')} cited again", file=sys.stderr)
    return 0


def _write_data_file(path: Path, bank: Any) -> None:
    """An ingested batch as a new knowledge data file at a checked path (bot.datafile)."""
    from bot.codec import bank_to_json
    from bot.datafile import write_new_file

    doc = bank_to_json(bank)
    doc.pop("format", None)
    write_new_file(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


async def cmd_verify(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        result = service.verify(args.text)
    if args.json:
        _print_json(result.as_json(), sys.stdout)
        return 0
    if result.verdict == "not_found" or result.quote is None:
        print("Not in the coverage: no quote there is close to that.")
        return 0
    who = result.speaker or "an unknown speaker"
    where = f" ({result.quote.context})" if result.quote.context else ""
    if result.verdict == "altered":
        print(f"Altered ({result.what_changed}): {who}{where} said something else:")
    else:
        label = "Verbatim" if result.verdict == "verbatim" else "A paraphrase"
        print(f"{label}: {who}{where} said:")
    print(f"  “{result.quote.text}”")
    if result.verdict in ("paraphrase", "altered"):
        print(f"  Differences (pasted [-…-], quote {{+…+}}): {result.diff_plain}")
    for ref in service.source_refs(result.quote):
        print(f"  {_source_line(ref)}")
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord_token:
        raise CoverageBotError(
            "no Discord token: set DISCORD_TOKEN in .env (see .env.example), "
            "or run `coverage-bot chat` to talk to the bot here"
        )
    from bot.client import run_bot

    if args.db is not None:
        settings = settings.with_overrides(database_path=Path(args.db).expanduser())
    return await run_bot(settings, create_dir=args.db is None)


async def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord_token:
        raise CoverageBotError("no Discord token: set DISCORD_TOKEN in .env to sync commands")
    from bot.client import sync_commands

    guild = args.guild if args.guild is not None else settings.dev_guild_id
    if args.db is not None:
        settings = settings.with_overrides(database_path=Path(args.db).expanduser())
        return await sync_commands(settings, guild_id=guild, create_dir=False)
    return await sync_commands(settings, guild_id=guild)


async def cmd_default(args: argparse.Namespace, settings: Settings) -> int:
    if settings.discord_token:
        return await cmd_run(args, settings)
    print("No DISCORD_TOKEN set: chatting in the terminal instead (see .env.example).",
          file=sys.stderr)
    return await cmd_chat(args, settings)


# --------------------------------------------------------------------------- parser

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def build_parser() -> argparse.ArgumentParser:
    db_help = (
        "SQLite database (default: DATABASE_PATH, else coverage-bot.db in the user data "
        "directory); created and seeded on first use"
    )
    # --db goes before or after the command. The command's copy has no default of its own
    # (SUPPRESS): otherwise argparse would set it to None over a --db given before the command.
    db_parent = argparse.ArgumentParser(add_help=False)
    db_parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    parser = argparse.ArgumentParser(
        prog="coverage-bot",
        description="Answers questions about news coverage, citing its source for every answer. "
        "With no command: runs the Discord bot if DISCORD_TOKEN is set, else a terminal chat.",
    )
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.set_defaults(handler=cmd_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("ask", parents=[db_parent], help="answer one question (or - for stdin)")
    p.add_argument("question", help='the question, or "-" to read one per line from stdin')
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_ask)

    p = sub.add_parser("quote", parents=[db_parent], help="find quotes by speaker or words")
    p.add_argument("query", help='speaker or words, or "-" to read one per line from stdin')
    p.add_argument("--limit", type=int, default=5, help="most quotes to show (default 5)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_quote)

    p = sub.add_parser("chat", parents=[db_parent], help="talk to the bot in the terminal")
    p.add_argument(
        "--json",
        action="store_true",
        help="one question a line in, one JSON object a line out (ask --json fields), "
        "follow-ups kept between lines",
    )
    p.set_defaults(handler=cmd_chat)

    p = sub.add_parser("check", help="validate the knowledge files, reporting every problem")
    p.add_argument("dir", nargs="?", help="folder of knowledge files (default: KNOWLEDGE_DIR)")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("stats", parents=[db_parent], help="counts of what the bank holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("export", parents=[db_parent], help="the bank as one JSON document")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.add_argument("--guild", type=int, help="export this guild's records (default: global)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", parents=[db_parent],
                       help="import a JSON document: validated first, all or nothing")
    p.add_argument("file", help='the JSON file, or "-" for stdin')
    p.add_argument("--guild", type=int, help="import into this guild (default: global)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("run", parents=[db_parent], help="run the Discord bot")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("sync", parents=[db_parent],
                       help="sync slash commands with Discord (on purpose)")
    p.add_argument("--guild", type=int, help="sync to one guild only (instant)")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("ingest", parents=[db_parent],
                       help="add articles (text or HTML) as a source with its facts and quotes")
    p.add_argument("files", nargs="+", metavar="FILE", help="article files, plain text or HTML")
    p.add_argument("--outlet", required=True, help="the outlet, e.g. NewsNation")
    p.add_argument("--title", help="the article's title (default: the page's own, if HTML)")
    p.add_argument("--url", help="the article's link")
    p.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    p.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    p.add_argument("--to", metavar="FILE",
                   help="write a new NAME.json in the knowledge folder instead of the bank")
    p.add_argument("--to-anywhere", action="store_true",
                   help="let --to write outside the knowledge folder (never through a symlink)")
    p.add_argument("--guild", type=int, help="add to this guild only (default: shared coverage)")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser("verify", parents=[db_parent],
                       help="is this quote in the coverage: verbatim, paraphrase, or not")
    p.add_argument("text", help="the quote to check")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_verify)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.handler is cmd_check and args.db is not None:
        parser.error("check reads knowledge files, not a database: --db does not apply to it")
    try:
        settings = load_settings()
        handler: Handler = args.handler
        bot = handler in (cmd_run, cmd_sync) or (
            handler is cmd_default and settings.discord_token is not None
        )
        chatting = handler is cmd_chat or (handler is cmd_default and not bot)
        _configure_logging(settings, bot=bot, chatting=chatting)
        # The Discord bot handles its own signals (a graceful shutdown); here Ctrl-C stops
        # at once, even while waiting for input.
        with _interrupts(enabled=not bot):
            code = asyncio.run(handler(args, settings))
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (e.g. `| head -1`): stop quietly, as the Python docs advise;
        # the exit status is what a program killed by SIGPIPE reports.
        _discard_stdout()
        return 128 + signal.SIGPIPE
    except CoverageBotError as exc:
        print(f"coverage-bot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _configure_logging(settings: Settings, *, bot: bool, chatting: bool) -> None:
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


#: Seconds the cleanup after a Ctrl-C may take before the command leaves anyway.
CLEANUP_SECONDS = 10.0


@contextlib.contextmanager
def _interrupts(*, enabled: bool) -> Iterator[None]:
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
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
