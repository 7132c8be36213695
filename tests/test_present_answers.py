"""bot/present/answers.py: answers and quotes as embeds that fit Discord and cite their
sources.

The limits are checked with the fake Discord's own validator (``tests.fakediscord.spec``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import present
from bot.models import Answer, Conflict
from tests.present_helpers import errors, hit, nasty, ref, short_nasty


def test_answer_embed_cites_source_with_link_date_and_passage() -> None:
    answer = Answer(
        answered=True, text="Doechii was named best female hip hop artist.", score=87.4,
        sources=(ref(url="https://example.com/a(1)", published="2025-06-10",
                     excerpt="The Florida rapper was named ..."),),
        record_id="bet-doechii-award", record_kind="fact", matched=("doechii", "award"),
    )
    embed = present.answer_embed(answer, "what did doechii win?")
    assert errors(embed) == []
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
    assert errors(embed) == []


def test_many_sources_are_capped_cleanly_and_conflicts_shown() -> None:
    sources = tuple(ref(title=f"Article {i}", excerpt="word " * 400) for i in range(12))
    conflicts = tuple(
        Conflict(text=f"Another outlet reported {i} arrests", sources=(ref(outlet=f"O{i}"),))
        for i in range(5)
    )
    answer = Answer(answered=True, text="About 100 people were arrested.", score=70,
                    sources=sources, conflicts=conflicts)
    embed = present.answer_embed(answer, "how many arrests?")
    assert errors(embed) == []
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
    assert errors(embed) == []


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
    assert errors(embed) == []
    assert "@everyone" not in str(embed.to_dict().get("description", ""))


def test_quote_embed_shows_speaker_where_and_source() -> None:
    embed = present.quote_embed(hit())
    assert embed.description == "“We stand with you.”"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Said by"] == "Kim Kardashian"
    assert fields["Where"] == "Instagram story"
    assert "NewsNation" in fields["Source"]
    assert errors(embed) == []


def test_quote_embed_unknown_speaker_and_mentions_neutralised() -> None:
    embed = present.quote_embed(hit(text="@everyone <@&123456789012345678> hi", speaker=None))
    assert "@everyone" not in (embed.description or "")
    assert {f.name: f.value for f in embed.fields}["Said by"] == "Unknown speaker"


def test_quotes_pages() -> None:
    hits = [hit(text=f"quote {i} " + "long " * 300, n=i) for i in range(10)]
    assert present.page_count(10) == 3
    first = present.quotes_page_embed("Kim", hits, 0)
    last = present.quotes_page_embed("Kim", hits, 2)
    assert len(first.fields) == present.QUOTES_PER_PAGE
    assert len(last.fields) == 10 - 2 * present.QUOTES_PER_PAGE
    assert first.footer.text == "Page 1 of 3 · 10 quotes"
    assert last.fields[0].name.startswith("9. ")
    for embed in (first, last, present.quotes_page_embed("Kim", hits, 99)):
        assert errors(embed) == []


def test_an_answer_embed_says_whom_a_pronoun_was_read_as() -> None:
    """The footer names the person a first question's "he" was taken for, as plain text (a
    name with markdown or a mention pings no one and formats nothing)."""
    answer = Answer(answered=True, text="Eldridge faces up to 15 years.", score=69.0,
                    sources=(ref(),), read_as=("he", "Martin *Eldridge* @everyone"))
    embed = present.answer_embed(answer, "how much prison time is he looking at?")
    assert errors(embed) == []
    footer = embed.footer.text or ""
    assert footer.startswith("“he” read as Martin") and "Confidence 69/100" in footer
    assert "@everyone" not in footer.replace("@\u200beveryone", "")
