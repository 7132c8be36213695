"""bot/cogs/kb.py: /kb channel|export|import|unanswered|audit through the fake Discord."""

from __future__ import annotations

import json

from bot.cogs.kb import MAX_UPLOAD
from tests.discord_env import Env, callback, ephemeral_text


async def test_enabling_a_channel_twice_is_audited_once(env: Env) -> None:
    for _ in range(2):
        enabled = await env.slash("kb channel", {"action": "enable"}, env.world.admin)
        assert "every message" in await ephemeral_text(enabled)
    audit = await env.service.audit_log(guild_id=env.world.guild.id)
    assert [(a.action, a.kind) for a in audit] == [("add", "channel")]


async def test_an_empty_server_exports_an_empty_document(env: Env) -> None:
    exported = await env.slash("kb export", user=env.world.admin)
    body = await callback(exported)
    assert "(0 sources" in body["data"]["content"] or "0 facts" in body["data"]["content"]
    request = env.fake.requests[-1]
    doc = json.loads(request.files[0].data)
    assert doc["format"] == "coverage-bot/1" and doc.get("facts", []) == []
    assert MAX_UPLOAD == 8 * 1024 * 1024


async def test_no_unanswered_questions_says_so_without_buttons(env: Env) -> None:
    listing = await env.slash("kb unanswered", user=env.world.admin)
    body = await callback(listing)
    assert not body["data"].get("components")
    assert body["data"]["embeds"][0]["description"]


async def test_the_audit_of_a_quiet_server_is_empty(env: Env) -> None:
    audit = await env.slash("kb audit", user=env.world.admin)
    description = (await callback(audit))["data"]["embeds"][0].get("description", "")
    assert "knowledge-files" not in description  # the shared coverage's sync is not theirs
