"""Text for Discord: its limits, neutralised text (Markdown escaped, mentions broken),
source lines, messages and component labels. See :mod:`bot.present` for the two rules."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.errors import MAX_LISTED_PROBLEMS, Problem
from bot.models import (
    Quote,
    SourceRef,
)
from bot.wording import plural

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
    # A cut never leaves a backslash before the ellipsis (it would escape the "…"): not an
    # escape's, nor either of the two that a backslash of the text is escaped as
    if text.endswith("\\" + ELLIPSIS):
        return text[:-1].rstrip("\\") + ELLIPSIS
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


def source_field_value(ref: SourceRef, limit: int = MAX_FIELD_VALUE) -> str:
    line = ref_line(ref, min(limit, 400))
    rest = limit - len(line) - 1
    block = passage_block(ref.excerpt, rest) if ref.excerpt else ""
    return f"{line}\n{block}" if block else line


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


