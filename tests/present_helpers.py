"""What the present tests share: hostile text, the Discord limit checker, records."""

from __future__ import annotations

import discord
from hypothesis import strategies as st

from bot.models import Quote, QuoteHit, SourceRef
from tests.fakediscord import spec

# Text that stresses the formatter: long words, Markdown, mentions, whitespace, emoji.
nasty = st.lists(
    st.sampled_from([*"ab cd\n*_~`|>#[]()@&<!:/.\\", "@everyone", "@here",
                     "<@&123456789012345678>", "é", "😀", "\u200b", "word "]),
    max_size=1500,
).map("".join)
short_nasty = st.text(max_size=300)


def errors(embed: discord.Embed) -> list[str]:
    return spec.embed_errors([embed.to_dict()], "embeds")


def ref(**kw: object) -> SourceRef:
    base: dict[str, object] = {"outlet": "NewsNation", "title": "Celebrities speak out",
                               "url": None, "published": None, "excerpt": "The passage."}
    base.update(kw)
    return SourceRef(**base)  # type: ignore[arg-type]


def hit(text: str = "We stand with you.", context: str = "Instagram story",
         speaker: str | None = "Kim Kardashian", n: int = 1) -> QuoteHit:
    quote = Quote(id=f"q{n}", speaker="kim", text=text, context=context,
                  citations=())
    return QuoteHit(quote=quote, speaker=speaker, score=80.0, sources=(ref(),))
