"""bot/chat.py: the terminal conversation over a real service and database."""

from __future__ import annotations

import io
import json

from bot.chat import CHAT_HELP, chat
from bot.models import Citation, Fact
from bot.service import CoverageService
from bot.settings import Settings


async def _talk(settings: Settings, lines: str, *, as_json: bool = False) -> str:
    out = io.StringIO()
    async with await CoverageService.open(settings) as service:
        assert await chat(service, io.StringIO(lines), out, as_json=as_json) == 0
    return out.getvalue()


async def test_a_question_gets_its_answer_and_quit_leaves(settings: Settings) -> None:
    out = await _talk(settings, "what did doechii say at the bet awards\n/quit\nnever asked\n")
    assert out.startswith("coverage-bot: ask about the coverage")
    assert "Doechii" in out and "never asked" not in out


async def test_help_and_quote_commands(settings: Settings) -> None:
    out = await _talk(settings, "/help\n/quote ruffalo\n/quote nobody-at-all-xyz\n")
    assert CHAT_HELP in out
    assert "Mark Ruffalo" in out
    assert "No quote in the coverage matches that." in out


async def test_json_mode_keeps_the_conversation_between_lines(settings: Settings) -> None:
    out = await _talk(settings, "who is doechii\nwhat did she say at the bet awards\n\n",
                      as_json=True)
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["answered"] and second["answered"]
    assert "Doechii" in second["answer"]


async def test_a_bad_line_is_an_error_object_in_json_mode(settings: Settings) -> None:
    out = await _talk(settings, "?!\n", as_json=True)
    assert "error" in json.loads(out.splitlines()[0])


async def test_the_chat_sees_what_another_process_added_meanwhile(settings: Settings) -> None:
    out = io.StringIO()
    async with await CoverageService.open(settings) as service, \
            await CoverageService.open(settings) as other:
        await other.add(Fact("zendaya-donated", "Zendaya donated $50,000 to the families fund.",
                             (Citation("newsnation-celebrities-ice-raids", "p"),), (),
                             ("zendaya",), None, None), actor="elsewhere")
        await chat(service, io.StringIO("how much did zendaya donate\n"), out)
    assert "$50,000" in out.getvalue()
