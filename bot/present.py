"""Pure formatting for the Discord layer: records and results -> embeds and text.

Everything here is a function of its arguments (no I/O, no bot state), so it is unit-tested
directly. Two rules hold for every function:

* **Limits**: whatever comes in, what goes out fits Discord's limits (content 2,000; embed
  title 256, description 4,096, field name 256, value 1,024, footer 2,048, author 256,
  25 fields, 6,000 in all; button label 80; custom_id 100; autocomplete choice name and
  value 100; modal text input 4,000). Long text is cut at a word, with "…".
* **Neutralised text**: text that comes from the coverage, from admins or from users is shown
  with its Markdown escaped and its mentions broken (``@\u200beveryone``), on top of the
  bot's ``AllowedMentions.none()`` default.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.engine.verify import Verification
from bot.errors import MAX_LISTED_PROBLEMS, Problem
from bot.models import (
    Answer,
    Fact,
    Person,
    Quote,
    QuoteHit,
    Source,
    SourceRef,
    reported_by,
    versions_newest_first,
)
from bot.wording import RECORD_KINDS, and_list, plural

# --------------------------------------------------------------------------- limits

MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FIELDS = 25
MAX_FOOTER = 2048
MAX_AUTHOR = 256
MAX_EMBED_TOTAL = 6000
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_CHOICES = 25
MAX_CHOICE = 100
MAX_MODAL_TITLE = 45
MAX_INPUT_LABEL = 45
MAX_INPUT_VALUE = 4000
MAX_SELECT_OPTIONS = 25

ELLIPSIS = "…"

#: How many sources an answer lists before "and N more".
MAX_SOURCES_SHOWN = 3
#: How many conflicting reports an answer lists.
MAX_CONFLICTS_SHOWN = 3
#: Quotes per page of ``/quotes``.
QUOTES_PER_PAGE = 4

COLOR_ANSWER = discord.Colour.blurple()
COLOR_ABSTAIN = discord.Colour.light_grey()
COLOR_QUOTE = discord.Colour.teal()
COLOR_ADMIN = discord.Colour.orange()
COLOR_ERROR = discord.Colour.red()

# --------------------------------------------------------------------------- text


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word, ending with "…"."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit == 1:
        return ELLIPSIS
    head = text[: limit - 1]
    # Cut at the last whitespace if that keeps most of the text; else mid-word.
    cut = max(head.rfind(" "), head.rfind("\n"))
    if text[limit - 1].isspace():  # the head already ends at a word
        cut = len(head)
    if cut >= (limit - 1) // 2:
        head = head[:cut]
    return head.rstrip(" \n\t,;:.-–—") + ELLIPSIS


def neutral(text: str) -> str:
    """Text with Markdown escaped and mentions broken (``@everyone`` cannot ping)."""
    return escape_mentions(escape_markdown(text))


def safe(text: str, limit: int) -> str:
    """Neutralised text that fits ``limit`` characters after escaping, cut at a word."""
    out = neutral(text)
    if len(out) <= limit:
        return out
    # Escaping only lengthens text: cut the raw text until its escaped form fits.
    budget = limit
    while budget > 0:
        candidate = neutral(clip(text, budget))
        if len(candidate) <= limit:
            return _no_dangling_escape(candidate)
        budget -= max(1, len(candidate) - limit)
    return ""


def _no_dangling_escape(text: str) -> str:
    # A cut never leaves a lone backslash before the ellipsis (it would escape the "…").
    if text.endswith("\\" + ELLIPSIS):
        return text[:-2] + ELLIPSIS
    return text


def plain(text: str, limit: int) -> str:
    """Text for places that render no Markdown (author line, footer, button labels, choices):
    whitespace collapsed, cut to ``limit``; mentions broken as well, to be safe."""
    return clip(escape_mentions(" ".join(text.split())), limit)


def one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- sources


def _safe_url(url: str | None) -> str | None:
    """A URL usable in a masked link, or None (only http(s), no spaces or parentheses)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlquote(url.strip(), safe=":/?#[]@!$&'*+,;=%~")


def date_text(published: str | None) -> str:
    return published if published else "date not given"


def source_line(outlet: str, title: str, url: str | None, published: str | None,
                limit: int = 400) -> str:
    """"**Outlet** — [Title](url) — 2025-06-10" (the title is a link when a URL exists)."""
    link = _safe_url(url)
    outlet_text = safe(outlet, 80)
    date = date_text(published)
    room = max(20, limit - len(outlet_text) - len(date) - 12 - (len(link) + 4 if link else 0))
    title_text = safe(title, room).replace("[", "(").replace("]", ")")
    shown = f"[{title_text}]({link})" if link else f"*{title_text}*"
    line = f"**{outlet_text}** — {shown} — {date}"
    if len(line) > limit:  # a very long URL: drop the link rather than break it
        short = safe(title, max(10, limit - len(outlet_text) - 30))
        line = f"**{outlet_text}** — *{short}* — {date}"
    return line[:limit]


def ref_line(ref: SourceRef, limit: int = 400) -> str:
    return source_line(ref.outlet, ref.title, ref.url, ref.published, limit)


def passage_block(passage: str, limit: int) -> str:
    """The passage relied on, as a block quote."""
    if limit < 4:
        return ""
    body = safe(one_line(passage), limit - 2)
    return f"> {body}" if body else ""


def _source_field_value(ref: SourceRef, limit: int = MAX_FIELD_VALUE) -> str:
    line = ref_line(ref, min(limit, 400))
    rest = limit - len(line) - 1
    block = passage_block(ref.excerpt, rest) if ref.excerpt else ""
    return f"{line}\n{block}" if block else line


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
        embed.add_field(name=name, value=_source_field_value(ref, 700), inline=False)
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
        embed.add_field(name=name, value=_source_field_value(ref, 600), inline=False)
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
                        value=_source_field_value(ref, 700), inline=False)
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


def problems_text(head: str, problems: Sequence[Problem | str], limit: int = MAX_CONTENT,
                  *, more: int = 0) -> str:
    """A heading and a bulleted list of problems (the first 20), cut to ``limit`` with
    "…and N more"; ``more`` counts problems found but not in ``problems``."""
    out = safe(head, min(300, limit - 40))
    lines = ["\n• " + safe(one_line(str(p)), 300) for p in problems[:MAX_LISTED_PROBLEMS]]
    more += len(problems) - len(lines)
    for i, line in enumerate(lines):
        left = len(lines) - i + more
        tail = f"\n…and {plural(left, 'more problem', 'more problems')}"
        last = left == 1
        if len(out) + len(line) + (0 if last else 40) <= limit:
            out += line
            continue
        return out + tail
    if more:
        out += f"\n…and {more:,} more problem{'s' if more != 1 else ''}"
    return out


def message_text(text: str) -> str:
    """Free text for a message's content (errors, confirmations): fits 2,000."""
    return clip(text, MAX_CONTENT)


def cooldown_text(retry_after: float) -> str:
    seconds = max(1, round(retry_after + 0.49))
    return (f"Please wait {plural(seconds, 'second')} before asking "
            "another question.")


# --------------------------------------------------------------------------- components


def button_label(text: str) -> str:
    return plain(text, MAX_BUTTON_LABEL) or "…"


def choice_text(text: str) -> str:
    """An autocomplete choice name or value (1-100 characters)."""
    return clip(one_line(text), MAX_CHOICE) or "…"


def custom_id(prefix: str, payload: str) -> str:
    """``prefix + payload``, the payload cut (at a word) so the id fits 100 characters."""
    room = MAX_CUSTOM_ID - len(prefix)
    if room <= 0:
        raise ValueError("custom_id prefix too long")
    if len(payload) <= room:
        return prefix + payload
    return prefix + clip(payload, room)[:-1].rstrip()


def input_default(text: str | None, max_length: int = MAX_INPUT_VALUE) -> str | None:
    """A modal text input's prefilled value (None when empty)."""
    if not text:
        return None
    return text[:max_length]


def quote_choice_label(quote: Quote, speaker: str | None) -> str:
    who = speaker or "Unknown"
    return choice_text(f"{who}: {quote.text}")


# --------------------------------------------------------------------------- ingest, verify

COLOR_VERBATIM = discord.Colour.green()
COLOR_PARAPHRASE = discord.Colour.gold()
COLOR_ALTERED = discord.Colour.red()

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


def diff_markdown(verification: Verification, limit: int) -> str:
    """The word difference between a pasted text and the quote it resembles, as Markdown:
    ~~words the quote does not have~~ **the quote's words instead**. Every word is escaped
    (Markdown and mentions in the pasted text stay literal); a long difference is cut
    between marked runs, never inside one, with "…"."""
    parts: list[tuple[str, str]] = []  # (kind, raw text)
    for op in verification.ops:
        if op.op == "equal":
            if op.text:
                parts.append(("equal", op.text))
            continue
        if op.text:
            parts.append(("~~", op.text))
        if op.quote:
            parts.append(("**", op.quote))
    out = ""
    budget = limit - 2  # room for " …"
    for n, (kind, raw) in enumerate(parts):
        sep = " " if out else ""
        piece = neutral(raw) if kind == "equal" else f"{kind}{neutral(raw)}{kind}"
        if len(out) + len(sep) + len(piece) <= (limit if n == len(parts) - 1 else budget):
            out += sep + piece
            continue
        room = budget - len(out) - len(sep)
        if kind == "equal" and room > 10:
            out += sep + safe(raw, room)
            return out if out.endswith(ELLIPSIS) else out + " " + ELLIPSIS
        return (out + " " + ELLIPSIS) if out else ELLIPSIS
    return out


VERIFY_LEGEND = "~~struck~~ = not in the quote · **bold** = what was really said"


def verify_embed(verification: Verification, pasted: str, sources: Sequence[SourceRef]
                 ) -> discord.Embed:
    """``/verify``: verbatim (the quote, who said it, where, the source), a paraphrase (the
    word difference too), altered (a changed name, number or negation: the difference and
    what changed), or not in the coverage."""
    v = verification
    quote = v.quote
    if v.verdict == "not_found" or quote is None:
        embed = discord.Embed(
            title="✗ Not in the coverage",
            description="I found no quote like this in the coverage I know:\n"
            + passage_block(pasted, 1800),
            colour=COLOR_ABSTAIN,
        )
        embed.set_footer(text="Quotes are checked against the coverage this bot can cite; "
                         "it may still have been said elsewhere.")
        return fit_embed(embed)
    if v.verdict == "verbatim":
        embed = discord.Embed(title="✓ Verbatim: these words are in the coverage",
                              description=f"“{safe(quote.text, 3000)}”", colour=COLOR_VERBATIM)
    else:
        diff = diff_markdown(v, 2500)
        altered = v.verdict == "altered"
        embed = discord.Embed(
            title=f"✗ Altered: {v.what_changed}, not what was said" if altered
            else "≈ A paraphrase: close to a quote, but not word for word",
            description=f"{diff}\n\n{VERIFY_LEGEND}",
            colour=COLOR_ALTERED if altered else COLOR_PARAPHRASE,
        )
        embed.add_field(name="What was said", value=f"“{safe(quote.text, 1000)}”",
                        inline=False)
    embed.add_field(name="Said by", value=safe(v.speaker or "Unknown speaker", 200))
    embed.add_field(name="Where", value=safe(quote.context or "not given", 300))
    refs = list(sources)
    for i, ref in enumerate(refs[:MAX_SOURCES_SHOWN], start=1):
        name = "Source" if len(refs) == 1 else f"Source {i} of {len(refs)}"
        embed.add_field(name=name, value=_source_field_value(ref, 600), inline=False)
    if len(refs) > MAX_SOURCES_SHOWN:
        embed.add_field(name="More sources",
                        value=f"{len(refs) - MAX_SOURCES_SHOWN} more not shown.", inline=False)
    if not refs:
        embed.add_field(name="Source", value="No source recorded.", inline=False)
    footer = f"quote {quote.id}"
    if v.verdict in ("paraphrase", "altered"):
        footer += f" · similarity {v.score:.0f}/100"
    embed.set_footer(text=plain(footer, 200))
    return fit_embed(embed)
