"""bot/cogs/sources.py: /source add and /source list."""

from __future__ import annotations

from types import SimpleNamespace

import discord
import pytest

from bot.cogs.sources import check_article_file, discord_wording, source_fields
from bot.errors import IngestError, ValidationFailed
from bot.inputs import MAX_ARTICLE_BYTES
from bot.models import Source
from tests.discord_env import SOURCE_ID, Env, callback


def test_what_the_admin_typed_is_checked_all_at_once() -> None:
    with pytest.raises(ValidationFailed) as failed:
        source_fields("  ", None, "ftp://x", "June 10")
    assert {p.where for p in failed.value.problems} == {"outlet", "url", "published"}
    fields = source_fields(" The  Wire ", "  A   title ", " https://x.org/a ", "2025-06-10")
    assert (fields.outlet, fields.title, fields.url) == ("The Wire", "A title", "https://x.org/a")
    assert source_fields("AP", None, None, None).title is None


def _attachment(filename: str, size: int, content_type: str | None) -> discord.Attachment:
    data = {"id": 1, "filename": filename, "size": size, "url": "https://cdn.example/a",
            "proxy_url": "https://cdn.example/a"}
    if content_type is not None:
        data["content_type"] = content_type
    state = SimpleNamespace(http=None)  # never used: nothing is downloaded here
    return discord.Attachment(data=data, state=state)  # type: ignore[arg-type]


def test_a_file_that_cannot_be_an_article_is_refused_before_download() -> None:
    check_article_file(_attachment("a.txt", 10, "text/plain; charset=utf-8"))
    check_article_file(_attachment("a.html", 10, None))
    with pytest.raises(IngestError, match="may be up to"):
        check_article_file(_attachment("big.txt", MAX_ARTICLE_BYTES + 1, "text/plain"))
    with pytest.raises(IngestError, match="image/png, not an article"):
        check_article_file(_attachment("p.png", 10, "image/png"))


def test_messages_name_the_commands_options_not_the_cli_flags() -> None:
    said = discord_wording(IngestError("--url must start with http, and --title is empty"))
    assert str(said) == "url: must start with http, and title: is empty"


async def test_source_list_shows_what_this_server_can_cite(env: Env) -> None:
    await env.service.add(Source("own-source", "AP", "Local news", None, None,
                                 env.world.guild.id), actor="test")
    listed = await env.slash("source list", user=env.world.admin)
    description = (await callback(listed))["data"]["embeds"][0]["description"]
    assert f"`{SOURCE_ID}`\n" in description  # the shared one
    assert "`own-source` (this server)" in description
    other = await env.slash("source list", user=env.world.owner, guild=env.world.other_guild.id,
                            channel=env.world.other_channel.id)
    assert "own-source" not in (await callback(other))["data"]["embeds"][0]["description"]
