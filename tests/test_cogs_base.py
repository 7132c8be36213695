"""bot/cogs/base.py: the one error wording table and the bot as the cogs see it."""

from __future__ import annotations

from discord import app_commands

from bot.cogs.base import SORRY_TEXT, error_message, mb
from bot.errors import NotFound, PermissionDenied, Problem, ValidationFailed


def test_error_messages_come_from_one_place() -> None:
    message = error_message
    assert message(RuntimeError("boom")) is None  # a bug: logged, generic apology
    assert message(NotFound("There is no fact with id 'x'.")) == "There is no fact with id 'x'."
    assert message(app_commands.CommandOnCooldown(app_commands.Cooldown(1, 5), 2.0)) == (
        "Please wait 2 seconds before asking another question.")
    text = message(ValidationFailed([Problem("a", "b")] * 500, what="the import"))
    assert text is not None and text.startswith("The import is invalid (500 problems)")
    assert len(text) <= 2000


def test_a_domain_error_inside_a_command_error_is_what_the_user_reads() -> None:
    @app_commands.command(name="x", description="x")
    async def command(interaction) -> None:  # type: ignore[no-untyped-def]
        """x"""

    inner = PermissionDenied("Only the bot's owners can see that.")
    wrapped = app_commands.CommandInvokeError(command, inner)
    assert error_message(wrapped) == "Only the bot's owners can see that."


def test_a_check_failure_without_words_still_says_something() -> None:
    assert error_message(app_commands.CheckFailure()) == "You cannot use this command here."


def test_a_bug_gets_the_one_apology() -> None:
    assert error_message(KeyError("x")) is None
    assert "went wrong on my side" in SORRY_TEXT


def test_sizes_read_as_megabytes() -> None:
    assert mb(2 * 1024 * 1024) == "2.0 MB"
    assert mb(1536 * 1024) == "1.5 MB"
