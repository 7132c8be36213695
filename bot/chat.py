"""``coverage-bot chat``: a conversation in the terminal (line editing and history on a
terminal; with ``--json`` one line in, one JSON object out)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from bot.errors import CoverageBotError

if TYPE_CHECKING:
    pass

from bot.terminal import LineReader, format_answer, format_quote

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
    read = terminal_input(stdin, stdout) if interactive else LineReader(stdin).readline
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
                await service.catch_up()  # what the bot or an import changed meanwhile
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


def terminal_input(stdin: TextIO, stdout: TextIO) -> Callable[[], str | None]:
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


