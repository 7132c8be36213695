"""bot.present: every embed and string fits Discord's limits, and quoted text cannot ping.

The limits are checked with the fake Discord's own validator (``tests.fakediscord.spec``),
the same one every end-to-end request goes through.
"""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import present
from bot.errors import Problem
from bot.models import Answer, Conflict, Fact, Person, Quote, QuoteHit, Source, SourceRef
from tests.fakediscord import spec

# Text that stresses the formatter: long words, Markdown, mentions, whitespace, emoji.
nasty = st.lists(
    st.sampled_from([*"ab cd\n*_~`|>#[]()@&<!:/.\\", "@everyone", "@here",
                     "<@&123456789012345678>", "é", "😀", "\u200b", "word "]),
    max_size=1500,
).map("".join)
short_nasty = st.text(max_size=300)


def _errors(embed: discord.Embed) -> list[str]:
    return spec.embed_errors([embed.to_dict()], "embeds")


def ref(**kw: object) -> SourceRef:
    base: dict[str, object] = {"outlet": "NewsNation", "title": "Celebrities speak out",
                               "url": None, "published": None, "excerpt": "The passage."}
    base.update(kw)
    return SourceRef(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- clip / safe


def test_clip_cuts_at_a_word_with_an_ellipsis() -> None:
    text = "the quick brown fox jumps over the lazy dog"
    out = present.clip(text, 20)
    assert len(out) <= 20
    assert out.endswith("…")
    assert out == "the quick brown fox…"


def test_clip_leaves_short_text_alone_and_handles_tiny_limits() -> None:
    assert present.clip("short", 10) == "short"
    assert present.clip("abcdef", 1) == "…"
    assert present.clip("abcdef", 0) == ""
    assert present.clip("a" * 50, 10) == "a" * 9 + "…"  # one long word: cut inside it


@given(st.text(max_size=3000), st.integers(min_value=0, max_value=2100))
def test_clip_never_exceeds_the_limit(text: str, limit: int) -> None:
    out = present.clip(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text


def test_safe_breaks_mentions_and_escapes_markdown() -> None:
    out = present.safe("@everyone look at <@&123456789012345678> and **bold** @here", 500)
    assert "@everyone" not in out
    assert "@here" not in out
    assert "<@&123456789012345678>" not in out
    assert "\\*\\*bold\\*\\*" in out


@given(nasty, st.integers(min_value=1, max_value=1100))
def test_safe_fits_after_escaping(text: str, limit: int) -> None:
    out = present.safe(text, limit)
    assert len(out) <= limit
    assert "@everyone" not in out
    assert not out.endswith("\\…")


# --------------------------------------------------------------------------- answers


def test_answer_embed_cites_source_with_link_date_and_passage() -> None:
    answer = Answer(
        answered=True, text="Doechii was named best female hip hop artist.", score=87.4,
        sources=(ref(url="https://example.com/a(1)", published="2025-06-10",
                     excerpt="The Florida rapper was named ..."),),
        record_id="bet-doechii-award", record_kind="fact", matched=("doechii", "award"),
    )
    embed = present.answer_embed(answer, "what did doechii win?")
    assert _errors(embed) == []
    assert embed.author.name == "what did doechii win?"
    assert present.question_of(embed) == "what did doechii win?"
    (field,) = embed.fields
    assert field.name == "Source"
    assert "**NewsNation**" in field.value
    assert "[Celebrities speak out](https://example.com/a%281%29)" in field.value
    assert "2025-06-10" in field.value
    assert "> The Florida rapper was named" in field.value
    assert embed.footer.text.startswith("Confidence 87/100")


def test_answer_embed_without_url_or_date_says_date_not_given() -> None:
    answer = Answer(answered=True, text="x", score=50, sources=(ref(),))
    value = present.answer_embed(answer, "q").fields[0].value
    assert "date not given" in value
    assert "](" not in value  # no link without a URL
    assert "*Celebrities speak out*" in value


def test_answer_embed_rejects_non_http_links() -> None:
    answer = Answer(answered=True, text="x", score=50, sources=(ref(url="javascript:alert(1)"),))
    value = present.answer_embed(answer, "q").fields[0].value
    assert "javascript" not in value


def test_quote_answer_shows_speaker_and_where() -> None:
    answer = Answer(answered=True, text="“Fight for them.”", score=90, sources=(ref(),),
                    record_kind="quote", record_id="q1", speaker="Doechii",
                    context="BET Awards speech")
    embed = present.answer_embed(answer, "what did doechii say")
    names = [f.name for f in embed.fields]
    assert "Said by" in names and "Where" in names
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Said by"] == "Doechii"
    assert fields["Where"] == "BET Awards speech"
    assert _errors(embed) == []


def test_many_sources_are_capped_cleanly_and_conflicts_shown() -> None:
    sources = tuple(ref(title=f"Article {i}", excerpt="word " * 400) for i in range(12))
    conflicts = tuple(
        Conflict(text=f"Another outlet reported {i} arrests", sources=(ref(outlet=f"O{i}"),))
        for i in range(5)
    )
    answer = Answer(answered=True, text="About 100 people were arrested.", score=70,
                    sources=sources, conflicts=conflicts)
    embed = present.answer_embed(answer, "how many arrests?")
    assert _errors(embed) == []
    names = [f.name for f in embed.fields]
    assert names[:3] == ["Source 1 of 12", "Source 2 of 12", "Source 3 of 12"]
    assert "9 more sources" in names
    assert names.count("Another report differs") == present.MAX_CONFLICTS_SHOWN
    assert "More differing reports" in names


def test_abstention_lists_suggestions_plainly() -> None:
    answer = Answer(answered=False, text="The coverage does not say.", score=10,
                    suggestions=("What did Doechii say?", "Who spoke out?"))
    embed = present.answer_embed(answer, "who won the game?")
    assert embed.description == "The coverage does not say."
    assert embed.fields[0].name == "Did you mean"
    assert "What did Doechii say?" in embed.fields[0].value
    assert _errors(embed) == []


@settings(max_examples=60, deadline=None)
@given(
    text=nasty, question=st.text(min_size=1, max_size=600), passage=nasty, title=short_nasty,
    n_sources=st.integers(min_value=0, max_value=30), answered=st.booleans(),
    speaker=st.none() | short_nasty, context=st.none() | short_nasty,
    suggestions=st.lists(short_nasty, max_size=6),
    matched=st.lists(short_nasty, max_size=30),
)
def test_any_answer_fits_discord(
    text: str, question: str, passage: str, title: str, n_sources: int, answered: bool,
    speaker: str | None, context: str | None, suggestions: list[str], matched: list[str],
) -> None:
    sources = tuple(ref(title=title or "t", excerpt=passage, outlet=title or "o",
                        url="https://example.com/" + "x" * 1900) for _ in range(n_sources))
    conflicts = tuple(Conflict(text=text, sources=sources[:3]) for _ in range(n_sources % 5))
    answer = Answer(answered=answered, text=text or "x", score=55.5, sources=sources,
                    suggestions=tuple(suggestions), record_kind="quote" if speaker else "fact",
                    speaker=speaker, context=context, matched=tuple(matched),
                    conflicts=conflicts)
    embed = present.answer_embed(answer, question)
    assert _errors(embed) == []
    assert "@everyone" not in str(embed.to_dict().get("description", ""))


# --------------------------------------------------------------------------- quotes


def _hit(text: str = "We stand with you.", context: str = "Instagram story",
         speaker: str | None = "Kim Kardashian", n: int = 1) -> QuoteHit:
    quote = Quote(id=f"q{n}", speaker="kim", text=text, context=context,
                  citations=())
    return QuoteHit(quote=quote, speaker=speaker, score=80.0, sources=(ref(),))


def test_quote_embed_shows_speaker_where_and_source() -> None:
    embed = present.quote_embed(_hit())
    assert embed.description == "“We stand with you.”"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Said by"] == "Kim Kardashian"
    assert fields["Where"] == "Instagram story"
    assert "NewsNation" in fields["Source"]
    assert _errors(embed) == []


def test_quote_embed_unknown_speaker_and_mentions_neutralised() -> None:
    embed = present.quote_embed(_hit(text="@everyone <@&123456789012345678> hi", speaker=None))
    assert "@everyone" not in (embed.description or "")
    assert {f.name: f.value for f in embed.fields}["Said by"] == "Unknown speaker"


def test_quotes_pages() -> None:
    hits = [_hit(text=f"quote {i} " + "long " * 300, n=i) for i in range(10)]
    assert present.page_count(10) == 3
    first = present.quotes_page_embed("Kim", hits, 0)
    last = present.quotes_page_embed("Kim", hits, 2)
    assert len(first.fields) == present.QUOTES_PER_PAGE
    assert len(last.fields) == 10 - 2 * present.QUOTES_PER_PAGE
    assert first.footer.text == "Page 1 of 3 · 10 quotes"
    assert last.fields[0].name.startswith("9. ")
    for embed in (first, last, present.quotes_page_embed("Kim", hits, 99)):
        assert _errors(embed) == []


# --------------------------------------------------------------------------- admin views


def test_fact_embed_and_sources_embed_fit() -> None:
    src = Source(id="s1", outlet="NewsNation", title="T " * 200, url="https://x.test/a")
    fact = Fact(id="f1", text="A " * 3000, citations=(), people=("kim",),
                keywords=("k",) * 50, guild_id=5)
    from bot.models import Citation

    fact = Fact(id="f1", text=fact.text, citations=tuple(Citation("s1", "p " * 900)
                                                         for _ in range(5)),
                people=("kim", "ghost"), keywords=fact.keywords, guild_id=5)
    embed = present.fact_embed(fact, {"s1": src}, {"kim": Person(id="kim", name="Kim")})
    assert _errors(embed) == []
    assert {f.name: f.value for f in embed.fields}["People"] == "Kim, ghost"
    many = [Source(id=f"s{i}", outlet="O", title="title " * 40) for i in range(200)]
    embed = present.sources_embed(many, 5)
    assert _errors(embed) == []
    assert "more" in (embed.description or "")


def test_problems_text_is_truncated_with_a_count() -> None:
    problems = [Problem(f"facts[{i}].text", "must not be blank " * 5) for i in range(200)]
    out = present.problems_text("The import is invalid; nothing was changed:", problems)
    assert len(out) <= present.MAX_CONTENT
    assert out.startswith("The import is invalid")
    assert out.rstrip().split("\n")[-1].startswith("…and ")
    shown = out.count("\n• ")
    assert out.endswith(f"{200 - shown} more problems")


def test_problems_text_short_list_is_complete() -> None:
    out = present.problems_text("Bad:", ["one", "two"])
    assert out == "Bad:\n• one\n• two"


@given(st.lists(st.text(max_size=500), max_size=50), st.integers(min_value=100, max_value=2000))
def test_problems_text_always_fits(problems: list[str], limit: int) -> None:
    assert len(present.problems_text("head", problems, limit)) <= limit


def test_audit_and_unanswered_embeds() -> None:
    rows = [("2025-06-10T12:00:00+00:00", "discord:123456789012345678", "add", "fact",
             f"fact-{i}") for i in range(300)]
    embed = present.audit_embed(rows)
    assert _errors(embed) == []
    assert "<@123456789012345678>" in (embed.description or "")
    assert "<t:" in (embed.description or "")
    assert present.actor_text("cli") == "cli"
    embed = present.unanswered_embed([("who won? " * 50, 3, 2)] * 10)
    assert _errors(embed) == []
    assert present.unanswered_embed([]).description == "None so far."


# --------------------------------------------------------------------------- components


@given(st.text(max_size=400))
def test_component_strings_fit(text: str) -> None:
    assert 1 <= len(present.button_label(text)) <= present.MAX_BUTTON_LABEL
    assert 1 <= len(present.choice_text(text)) <= present.MAX_CHOICE
    assert len(present.custom_id("cb:ask:", text)) <= present.MAX_CUSTOM_ID


def test_custom_id_keeps_short_payloads_whole() -> None:
    assert present.custom_id("cb:ask:", "What did Doechii say?") == "cb:ask:What did Doechii say?"


def test_cooldown_text() -> None:
    assert present.cooldown_text(2.2) == "Please wait 3 seconds before asking another question."
    assert present.cooldown_text(0.1) == "Please wait 1 second before asking another question."
