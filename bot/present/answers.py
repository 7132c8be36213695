"""Answers and quotes as embeds: ``/ask`` and mentions, ``/quote``, ``/quotes`` pages."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.models import (
    Answer,
    QuoteHit,
    SourceRef,
    reported_by,
    versions_newest_first,
)
from bot.present.text import (
    COLOR_ABSTAIN,
    COLOR_ANSWER,
    COLOR_QUOTE,
    MAX_AUTHOR,
    MAX_CONFLICTS_SHOWN,
    MAX_DESCRIPTION,
    MAX_EMBED_TOTAL,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_SOURCES_SHOWN,
    MAX_TITLE,
    QUOTES_PER_PAGE,
    clip,
    one_line,
    plain,
    ref_line,
    safe,
    source_field_value,
)
from bot.wording import plural, read_as

# --------------------------------------------------------------------------- embeds


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """The embed trimmed to Discord's limits (fields dropped from the end, then the
    description shortened) — a safety net over the per-part limits used when building."""
    if embed.title and len(embed.title) > MAX_TITLE:
        embed.title = clip(embed.title, MAX_TITLE)
    if embed.description is not None and not embed.description.strip():
        embed.description = None
    if embed.author and embed.author.name is not None and not embed.author.name.strip():
        embed.remove_author()
    if embed.footer and embed.footer.text is not None and not embed.footer.text.strip():
        embed.remove_footer()
    if embed.description and len(embed.description) > MAX_DESCRIPTION:
        embed.description = clip(embed.description, MAX_DESCRIPTION)
    while len(embed.fields) > MAX_FIELDS:
        embed.remove_field(len(embed.fields) - 1)
    for i, f in enumerate(embed.fields):
        name = clip(f.name if f.name and f.name.strip() else "—", MAX_FIELD_NAME)
        value = clip(f.value if f.value and f.value.strip() else "—", MAX_FIELD_VALUE)
        if name != f.name or value != f.value:
            embed.set_field_at(i, name=name, value=value, inline=bool(f.inline))
    while len(embed) > MAX_EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > MAX_EMBED_TOTAL and embed.description:
        over = len(embed) - MAX_EMBED_TOTAL
        embed.description = clip(embed.description, max(1, len(embed.description) - over))
    return embed


def question_of(embed: discord.Embed) -> str | None:
    """The question an answer embed answers (it is kept on the author line)."""
    name = embed.author.name if embed.author else None
    return name or None


def _score_text(score: float) -> str:
    return f"Confidence {score:.0f}/100"


def answer_embed(answer: Answer, question: str) -> discord.Embed:
    """The reply to a question: the answer and its sources, or a plain abstention."""
    if not answer.answered:
        embed = discord.Embed(
            description=safe(answer.text, 1500), colour=COLOR_ABSTAIN
        )
        embed.set_author(name=plain(question, MAX_AUTHOR))
        if answer.suggestions:
            lines = [f"• {safe(s, 180)}" for s in answer.suggestions[:5]]
            embed.add_field(name="Did you mean", value="\n".join(lines)[:MAX_FIELD_VALUE],
                            inline=False)
        embed.set_footer(text="The coverage I know does not answer this.")
        return fit_embed(embed)

    embed = discord.Embed(description=_answer_description(answer), colour=COLOR_ANSWER)
    embed.set_author(name=plain(question, MAX_AUTHOR))
    if answer.record_kind == "quote":
        embed.add_field(name="Said by", value=safe(answer.speaker or "Unknown speaker", 200))
        embed.add_field(name="Where", value=safe(answer.context or "not given", 300))

    sources = list(answer.sources)
    shown = sources[:MAX_SOURCES_SHOWN]
    for i, ref in enumerate(shown, start=1):
        name = "Source" if len(sources) == 1 else f"Source {i} of {len(sources)}"
        embed.add_field(name=name, value=source_field_value(ref, 700), inline=False)
    if len(sources) > len(shown):
        rest = sources[len(shown):]
        more = "\n".join(f"• {ref_line(r, 200)}" for r in rest[:5])
        if len(rest) > 5:
            more += f"\n…and {len(rest) - 5} more"
        embed.add_field(name=f"{plural(len(rest), 'more source', 'more sources')}",
                        value=more[:MAX_FIELD_VALUE], inline=False)
    if not sources:
        embed.add_field(name="Source", value="No source recorded.", inline=False)

    for conflict in answer.conflicts[:MAX_CONFLICTS_SHOWN]:
        value = safe(conflict.text, 400)
        refs = "\n".join(f"• {ref_line(r, 250)}" for r in conflict.sources[:2])
        if refs:
            value = f"{value}\n{refs}"
        embed.add_field(name="Another report differs", value=value[:MAX_FIELD_VALUE],
                        inline=False)
    if len(answer.conflicts) > MAX_CONFLICTS_SHOWN:
        embed.add_field(
            name="More differing reports",
            value=f"{len(answer.conflicts) - MAX_CONFLICTS_SHOWN} more not shown.",
            inline=False,
        )
    footer = _score_text(answer.score)
    if answer.read_as:
        footer = read_as(*answer.read_as) + " · " + footer
    if answer.matched:
        footer += " · matched: " + ", ".join(answer.matched)
    embed.set_footer(text=plain(footer, 300))
    return fit_embed(embed)


def _by(sources: Sequence[SourceRef]) -> str:
    """"NewsNation and 1 other (2025-06-10)": who reported a version, and when."""
    text = reported_by(tuple(sources)).removeprefix("Reported by ")
    if not text:
        return "source not recorded"
    return text if any(s.published for s in sources) else f"{text} (date not given)"


def _answer_description(answer: Answer) -> str:
    """The answer and the "Reported by ..." line; when sources disagree, every version newest
    first, each with who reported it and when (the line would then name only one side)."""
    if not answer.conflicts:
        by_line = reported_by(answer.sources)
        tail = f"\n\n*{safe(by_line, 300)}*" if by_line else ""
        return safe(answer.text, 1800) + tail
    versions = versions_newest_first(answer)
    shown = versions[: MAX_CONFLICTS_SHOWN + 1]
    lines = ["**Sources disagree on this figure** (newest report first):"]
    room = 3600 // len(shown) - 12
    for n, version in enumerate(shown, start=1):
        who = safe(_by(version.sources), min(200, room // 3))
        lines.append(f"{n}. {safe(one_line(version.text), max(40, room - len(who)))} — {who}")
    if len(versions) > len(shown):
        rest = len(versions) - len(shown)
        lines.append(f"…and {plural(rest, 'more report', 'more reports')}")
    return "\n".join(lines)


def quote_embed(hit: QuoteHit, *, title: str | None = None) -> discord.Embed:
    """One quote: its words, who said it, where, and its source(s)."""
    q = hit.quote
    embed = discord.Embed(description=f"“{safe(q.text, 3000)}”", colour=COLOR_QUOTE)
    if title:
        embed.title = plain(title, MAX_TITLE)
    embed.add_field(name="Said by", value=safe(hit.speaker or "Unknown speaker", 200))
    embed.add_field(name="Where", value=safe(q.context or "not given", 300))
    sources = list(hit.sources)
    for i, ref in enumerate(sources[:MAX_SOURCES_SHOWN], start=1):
        name = "Source" if len(sources) == 1 else f"Source {i} of {len(sources)}"
        embed.add_field(name=name, value=source_field_value(ref, 600), inline=False)
    if len(sources) > MAX_SOURCES_SHOWN:
        embed.add_field(name="More sources",
                        value=f"{len(sources) - MAX_SOURCES_SHOWN} more not shown.",
                        inline=False)
    embed.set_footer(text=plain(f"quote {q.id}", 200))
    return fit_embed(embed)


def page_count(total: int, per_page: int = QUOTES_PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def quotes_page_embed(
    speaker: str, hits: Sequence[QuoteHit], page: int, per_page: int = QUOTES_PER_PAGE
) -> discord.Embed:
    """Page ``page`` (0-based) of a speaker's quotes."""
    pages = page_count(len(hits), per_page)
    page = min(max(page, 0), pages - 1)
    start = page * per_page
    chunk = hits[start : start + per_page]
    embed = discord.Embed(
        title=plain(f"Quotes by {speaker}", MAX_TITLE - 20), colour=COLOR_QUOTE
    )
    if not hits:
        embed.description = "No quotes."
    for n, hit in enumerate(chunk, start=start + 1):
        q = hit.quote
        where = safe(q.context, 150) if q.context else "where not given"
        refs = "; ".join(ref_line(r, 220) for r in hit.sources[:2]) or "no source recorded"
        head = f"{where}\n{refs}"
        value = f"“{safe(q.text, MAX_FIELD_VALUE - len(head) - 4)}”\n{head}"
        embed.add_field(name=f"{n}. {plain(hit.speaker or speaker, 200)}",
                        value=value[:MAX_FIELD_VALUE], inline=False)
    embed.set_footer(text=f"Page {page + 1} of {pages} · {plural(len(hits), 'quote')}")
    return fit_embed(embed)


