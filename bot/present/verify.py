"""``/verify``: a pasted quote against the coverage, with the words that differ."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.engine.verify import Verification
from bot.models import (
    SourceRef,
)
from bot.present.answers import (
    fit_embed,
)
from bot.present.text import (
    COLOR_ABSTAIN,
    ELLIPSIS,
    MAX_SOURCES_SHOWN,
    neutral,
    passage_block,
    plain,
    safe,
    source_field_value,
)

COLOR_VERBATIM = discord.Colour.green()
COLOR_PARAPHRASE = discord.Colour.gold()
COLOR_ALTERED = discord.Colour.red()


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
        embed.add_field(name=name, value=source_field_value(ref, 600), inline=False)
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
