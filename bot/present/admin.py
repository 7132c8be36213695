"""What admins see: a fact, the sources, the unanswered questions, the audit trail, and an
ingest preview with its counts."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import discord

from bot.models import (
    Fact,
    Person,
    Source,
    SourceRef,
)
from bot.present.answers import (
    fit_embed,
)
from bot.present.text import (
    COLOR_ADMIN,
    MAX_DESCRIPTION,
    MAX_SOURCES_SHOWN,
    MAX_TITLE,
    clip,
    plain,
    safe,
    source_field_value,
    source_line,
)
from bot.wording import RECORD_KINDS, and_list, plural


def fact_embed(fact: Fact, sources: dict[str, Source], people: dict[str, Person]) -> \
        discord.Embed:
    """``/fact show``: a fact with its citations, people and keywords."""
    embed = discord.Embed(title=plain(f"Fact {fact.id}", MAX_TITLE),
                          description=safe(fact.text, 2000), colour=COLOR_ADMIN)
    for i, c in enumerate(fact.citations[:MAX_SOURCES_SHOWN], start=1):
        src = sources.get(c.source_id)
        ref = SourceRef(
            outlet=src.outlet if src else c.source_id, title=src.title if src else "(unknown)",
            url=src.url if src else None, published=src.published if src else None,
            excerpt=c.passage,
        )
        embed.add_field(name=f"Citation {i}" if len(fact.citations) > 1 else "Citation",
                        value=source_field_value(ref, 700), inline=False)
    if fact.people:
        names = ", ".join(people[p].name if p in people else p for p in fact.people)
        embed.add_field(name="People", value=safe(names, 500), inline=False)
    if fact.keywords:
        embed.add_field(name="Keywords", value=safe(", ".join(fact.keywords), 500),
                        inline=False)
    embed.set_footer(text="global (shipped coverage)" if fact.guild_id is None
                     else "this server's record")
    return fit_embed(embed)


def sources_embed(sources: Sequence[Source], guild_id: int | None) -> discord.Embed:
    embed = discord.Embed(title="Sources", colour=COLOR_ADMIN)
    lines: list[str] = []
    used = 0
    for n, s in enumerate(sources):
        scope = "" if s.guild_id is None else " (this server)"
        line = f"`{s.id}`{scope}\n{source_line(s.outlet, s.title, s.url, s.published, 300)}"
        if used + len(line) + 1 > 3800:
            lines.append(f"…and {len(sources) - n} more")
            break
        lines.append(line)
        used += len(line) + 1
    embed.description = "\n".join(lines) if lines else "No sources yet."
    return fit_embed(embed)


def unanswered_embed(items: Sequence[tuple[str, int, int]]) -> discord.Embed:
    """``(question, times asked, users)`` rows, most asked first."""
    embed = discord.Embed(title="Questions I could not answer", colour=COLOR_ADMIN)
    if not items:
        embed.description = "None so far."
        return embed
    lines = [
        f"**{n}.** {safe(q, 300)} — asked {count}× by {plural(users, 'user')}"
        for n, (q, count, users) in enumerate(items, start=1)
    ]
    embed.description = clip("\n".join(lines), 3900)
    embed.set_footer(text="Press a number to add a fact that answers it.")
    return embed


def audit_embed(entries: Iterable[tuple[str, str, str, str, str]]) -> discord.Embed:
    """``(at ISO, actor, action, kind, record id)`` rows, newest first."""
    embed = discord.Embed(title="Recent changes", colour=COLOR_ADMIN)
    lines: list[str] = []
    for at, actor, action, kind, record_id in entries:
        when = timestamp(at)
        who = actor_text(actor)
        lines.append(f"{when} {who} **{action}** {kind} `{plain(record_id, 80)}`")
    text = ""
    for i, line in enumerate(lines):
        if len(text) + len(line) + 1 > 3900:
            text += f"\n…and {len(lines) - i} more"
            break
        text += ("\n" if text else "") + line
    embed.description = text or "No changes yet."
    return embed


def actor_text(actor: str) -> str:
    """"discord:123" -> a user mention (rendered, never pinged: the bot allows no mentions)."""
    m = re.fullmatch(r"discord:(\d{15,21})", actor)
    if m:
        return f"<@{m.group(1)}>"
    return safe(actor, 60)


def timestamp(iso: str) -> str:
    try:
        when = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return safe(iso, 40)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return discord.utils.format_dt(when, "R")


# --------------------------------------------------------------------------- ingest, verify


#: How an ingest preview reads to the admin before anything is stored.
PREVIEW_FOOTER = "Nothing is stored until you press Add."


def ingest_counts_text(counts: dict[str, int]) -> str:
    """"1 source, 2 facts and 1 quote; 3 known records cited again; 4 left as they are in the
    shared coverage" (what an ingest plan adds, from ``IngestPlan.counts()``)."""
    added = [plural(counts.get(key, 0), noun) for key, noun in RECORD_KINDS]
    shown = [a for a in added if not a.startswith("0 ")] or ["no new records"]
    text = and_list(shown)
    if counts.get("linked"):
        text += f"; {plural(counts['linked'], 'known record')} cited again"
    if counts.get("skipped"):
        text += (f"; {plural(counts['skipped'], 'record')} already in the shared coverage "
                 "left as they are")
    return text


#: A backtick followed by another: a zero-width space goes between them, so that no run of
#: three (which would close the block) survives, however long the run.
_BACKTICK_PAIR = re.compile(r"`(?=`)")


def code_block(text: str, limit: int = MAX_DESCRIPTION, line_limit: int = 300) -> str:
    """``text`` in a code block that fits ``limit``: whole lines (each cut to ``line_limit``),
    then "… and N more lines". Backtick runs inside cannot close the block early."""
    body_limit = limit - len("```\n\n```")
    lines = _BACKTICK_PAIR.sub("`\u200b", text).splitlines()
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        line = clip(line, line_limit)
        last = i == len(lines) - 1
        if used + len(line) + 1 > body_limit - (0 if last else 30):
            out.append(f"… and {len(lines) - i} more lines")
            break
        out.append(line)
        used += len(line) + 1
    return "```\n" + "\n".join(out) + "\n```"


def ingest_preview_embed(preview: str, counts: dict[str, int], what: str) -> discord.Embed:
    """What ingesting ``what`` (a file name, "the pasted text") would add, for the admin to
    confirm: the plan's own preview text in a code block, cut to fit."""
    embed = discord.Embed(title=plain(f"Preview: {what}", MAX_TITLE),
                          description=code_block(preview, MAX_DESCRIPTION - 100),
                          colour=COLOR_ADMIN)
    embed.add_field(name="Would add", value=safe(ingest_counts_text(counts), 1000),
                    inline=False)
    embed.set_footer(text=PREVIEW_FOOTER)
    return fit_embed(embed)


