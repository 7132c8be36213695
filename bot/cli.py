"""The ``coverage-bot`` command line.

Every command is a thin shell over :class:`bot.service.CoverageService`: parse, call, print.
Domain errors become one clear line on stderr and exit status 1 (2 for usage errors); any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.chat import chat
from bot.errors import CoverageBotError, IngestError, InvalidQuestion, ValidationFailed
from bot.settings import Settings, load_settings
from bot.terminal import (
    LineReader,
    LogWriter,
    configure_logging,
    discard_stdout,
    format_answer,
    format_quote,
    interrupts,
    main_thread_takes_ctrl_c,
    print_json,
    source_line,
)
from bot.wording import bank_counts, plural, record_counts

if TYPE_CHECKING:
    from bot.models import Record
    from bot.service import CoverageService

log = logging.getLogger("bot")


# --------------------------------------------------------------------------- commands


@contextlib.asynccontextmanager
async def _service(settings: Settings, db: str | None, *, index: bool = True
                   ) -> AsyncIterator[CoverageService]:
    """The service on the database, opened for one command (``index=False``: storage only,
    for the commands that never answer a question)."""
    from bot.service import CoverageService

    if db is not None:
        settings = settings.with_database(db)
    with main_thread_takes_ctrl_c():
        service = await CoverageService.open(settings, create_dir=db is None, index=index,
                                             progress=_indexing_bar)
    try:
        yield service
    finally:
        await service.close()


#: Banks smaller than this are indexed too fast for a progress bar to be worth showing.
INDEXING_BAR_FROM = 20_000


def _indexing_bar(records: Iterable[Record], count: int) -> Iterable[Record]:
    """A progress bar on a terminal while a bank without a usable snapshot is indexed."""
    if count < INDEXING_BAR_FROM or not sys.stderr.isatty():
        return records
    from tqdm import tqdm

    print("coverage-bot: indexing the bank (once: later starts read the index from the "
          "snapshot written beside the database)", file=sys.stderr)
    return tqdm(records, total=count, desc="indexing", unit=" records", unit_scale=True,
                file=sys.stderr, leave=False)


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db) as service:
        if args.question == "-":
            reader, logs = LineReader(sys.stdin), LogWriter(service)
            while True:
                await logs.maybe_write(pausing=reader.would_wait())
                line = reader.readline()
                if line is None:
                    break
                try:
                    answer = await service.ask(line)
                except InvalidQuestion as exc:
                    print_json(
                        {"answered": False, "answer": str(exc), "score": 0, "sources": [],
                         "suggestions": [], "error": str(exc)},
                        sys.stdout,
                    )
                    continue
                logs.count(answer)
                print_json(answer.as_json(), sys.stdout)
            return 0
        answer = await service.ask(args.question)
        if args.json:
            print_json(answer.as_json(), sys.stdout)
        else:
            print(format_answer(answer))
        return 0


async def cmd_quote(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 1 or args.limit > 100:
        raise InvalidQuestion("--limit must be between 1 and 100")
    async with _service(settings, args.db) as service:
        queries = iter(LineReader(sys.stdin)) if args.query == "-" else iter([args.query])
        for query in queries:
            try:
                hits = service.find_quotes(query, limit=args.limit)
            except InvalidQuestion as exc:
                if args.query != "-":
                    raise
                print_json({"found": False, "quotes": [], "error": str(exc)}, sys.stdout)
                continue
            if args.json or args.query == "-":
                print_json(
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


async def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge import check_knowledge

    directory = Path(args.dir) if args.dir else settings.knowledge_dir
    bank, problems = check_knowledge(directory)
    if bank is None:
        raise ValidationFailed(problems, what=f"knowledge in {directory}")
    print(f"{directory}: OK — {bank_counts(bank)}")
    return 0


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db, index=False) as service:
        stats = {"database": service.storage.path, **await service.storage.stats()}
        if args.json:
            print_json(stats, sys.stdout)
        else:
            for key, value in stats.items():
                print(f"{key}: {value}")
    return 0


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async with _service(settings, args.db, index=False) as service:
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
        async with _service(settings, args.db, index=False) as service:
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
    from bot.articles import Article
    from bot.datafile import check_target
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

    async with _service(settings, args.db) as service:  # the engine: what linking reads
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
        print_json(result.as_json(), sys.stdout)
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
        print(f"  {source_line(ref)}")
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord_token:
        raise CoverageBotError(
            "no Discord token: set DISCORD_TOKEN in .env (see .env.example), "
            "or run `coverage-bot chat` to talk to the bot here"
        )
    from bot.client import run_bot

    if args.db is not None:
        settings = settings.with_database(args.db)
    return await run_bot(settings, create_dir=args.db is None)


async def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord_token:
        raise CoverageBotError("no Discord token: set DISCORD_TOKEN in .env to sync commands")
    from bot.client import sync_commands

    guild = args.guild if args.guild is not None else settings.dev_guild_id
    if args.db is not None:
        settings = settings.with_database(args.db)
    return await sync_commands(settings, guild_id=guild, create_dir=settings.default_database)


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
        "SQLite database file, or a postgresql://user:password@host/database URL (default: "
        "DATABASE_URL, else DATABASE_PATH, else coverage-bot.db in the user data directory); "
        "created (a file) or migrated (a server's database) and seeded on first use"
    )
    # --db goes before or after the command. The command's copy has no default of its own
    # (SUPPRESS): otherwise argparse would set it to None over a --db given before the command.
    db_parent = argparse.ArgumentParser(add_help=False)
    db_parent.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=db_help)
    parser = argparse.ArgumentParser(
        prog="coverage-bot",
        description="Answers questions about news coverage, citing its source for every answer. "
        "With no command: runs the Discord bot if DISCORD_TOKEN is set, else a terminal chat.",
    )
    parser.add_argument("--db", metavar="PATH|URL", help=db_help)
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
        configure_logging(settings, bot=bot, chatting=chatting)
        # The Discord bot handles its own signals (a graceful shutdown); here Ctrl-C stops
        # at once, even while waiting for input.
        with interrupts(enabled=not bot):
            code = asyncio.run(handler(args, settings))
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (e.g. `| head -1`): stop quietly, as the Python docs advise;
        # the exit status is what a program killed by SIGPIPE reports.
        discard_stdout()
        return 128 + signal.SIGPIPE
    except CoverageBotError as exc:
        # One write with its newline (print makes two): a log line from a thread still
        # finishing (aiosqlite's, after the database closed) then never lands inside it.
        sys.stderr.write(f"coverage-bot: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    """The ``coverage-bot`` command (and ``python -m bot``): :func:`main`, then out without
    the interpreter's teardown, which frees a large engine object by object (0.07 s at
    1,000,000 records, a part of every command's time); everything is written first."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    logging.shutdown()
    os._exit(code)
