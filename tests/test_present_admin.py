"""bot/present/admin.py: what admins see (a fact, the sources, the audit trail, the
unanswered questions) fits Discord.

The limits are checked with the fake Discord's own validator (``tests.fakediscord.spec``)."""

from __future__ import annotations

from bot import present
from bot.models import Fact, Person, Source
from tests.present_helpers import errors


def test_fact_embed_and_sources_embed_fit() -> None:
    src = Source(id="s1", outlet="NewsNation", title="T " * 200, url="https://x.test/a")
    fact = Fact(id="f1", text="A " * 3000, citations=(), people=("kim",),
                keywords=("k",) * 50, guild_id=5)
    from bot.models import Citation

    fact = Fact(id="f1", text=fact.text, citations=tuple(Citation("s1", "p " * 900)
                                                         for _ in range(5)),
                people=("kim", "ghost"), keywords=fact.keywords, guild_id=5)
    embed = present.fact_embed(fact, {"s1": src}, {"kim": Person(id="kim", name="Kim")})
    assert errors(embed) == []
    assert {f.name: f.value for f in embed.fields}["People"] == "Kim, ghost"
    many = [Source(id=f"s{i}", outlet="O", title="title " * 40) for i in range(200)]
    embed = present.sources_embed(many, 5)
    assert errors(embed) == []
    assert "more" in (embed.description or "")


def test_audit_and_unanswered_embeds() -> None:
    rows = [("2025-06-10T12:00:00+00:00", "discord:123456789012345678", "add", "fact",
             f"fact-{i}") for i in range(300)]
    embed = present.audit_embed(rows)
    assert errors(embed) == []
    assert "<@123456789012345678>" in (embed.description or "")
    assert "<t:" in (embed.description or "")
    assert present.actor_text("cli") == "cli"
    embed = present.unanswered_embed([("who won? " * 50, 3, 2)] * 10)
    assert errors(embed) == []
    assert present.unanswered_embed([]).description == "None so far."
