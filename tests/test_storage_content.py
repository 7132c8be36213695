"""bot/storage/content.py: content keys and hashes, record checks, references."""

from __future__ import annotations

from dataclasses import replace

from bot.models import Citation, Fact, Person, Quote, Source
from bot.storage.content import (
    content_hash,
    content_key,
    normalise,
    normalise_question,
    reference_message,
    references,
    structural_problems,
)

FACT = Fact("f", "Doechii won.", (Citation("s", "p"), Citation("s", "q")), ("doe", "doe"), (),
            None, None)


def test_normalise_folds_case_width_space_and_drops_nul() -> None:
    assert normalise("  Ｄoechii\u00a0WON\x00 ") == "doechii won"
    assert normalise_question("What did Doechii say?!”") == "what did doechii say"
    assert normalise_question("«Who is Beyoncé?»…") == normalise_question("who is beyonce")


def test_content_keys_say_what_two_records_may_not_share() -> None:
    assert content_key(FACT) == content_key(replace(FACT, id="g", text="doechii  WON."))
    quote = Quote("q", "kim", "Words.", "", (Citation("s", "p"),), (), None)
    assert content_key(quote) != content_key(replace(quote, speaker="doe"))
    src = Source("s", "AP", "Title", None, None, None)
    assert content_key(src) != content_key(replace(src, url="https://x.org/a"))
    assert content_key(Person("a", "Kim", (), "", None)) == content_key(
        Person("b", " kim ", (), "", None))


def test_a_text_differing_only_by_case_accents_quotes_dashes_or_spacing_is_a_duplicate() -> None:
    fact = replace(FACT, text="Beyoncé said: \"It's over\" - again...")
    for same in ("BEYONCE SAID: “IT’S OVER” — AGAIN…", "beyonce  said:\n\"it`s over\" – again...",
                 "Beyonce\u0301 said: \u00abIt\u02bcs over\u00bb \u2212 again\u200b..."):
        assert content_key(replace(fact, id="g", text=same)) == content_key(fact), same
    # punctuation other than quotes and dashes still counts
    assert content_key(replace(fact, text="Beyoncé said: It's over again")) != content_key(fact)
    person = Person("a", "José Ñúñez", (), "", None)
    assert content_key(person) == content_key(replace(person, name="JOSE  NUNEZ"))
    quote = Quote("q", "kim", "We’re done.", "", (Citation("s", "p"),), (), None)
    assert content_key(quote) == content_key(replace(quote, text="we're DONE."))


def test_a_source_url_keeps_what_changes_an_address() -> None:
    src = Source("s", "AP", "Title", "https://x.org/café?a=1&b=2#top", None, None)
    for other in ("https://x.org/cafe?a=1&b=2#top", "https://x.org/café?a=1&b=2",
                  "https://x.org/café?a=1-b=2#top", "https://x.org/café?a=1&b=2#top/"):
        assert content_key(replace(src, url=other)) != content_key(src), other
    # (case and compatibility forms folded, as they always were; the outlet is text)
    assert content_key(replace(src, url="HTTPS://X.ORG/CAFÉ?A=1&B=2#TOP", outlet="ap")) == (
        content_key(src))
    # without a URL, the title is text like any other
    untitled = replace(src, url=None, title="The “Café” — Menu")
    assert content_key(untitled) == content_key(replace(untitled, title='the "cafe" - menu'))


def test_the_hash_is_of_the_content_not_the_scope() -> None:
    assert content_hash(FACT) == content_hash(replace(FACT, guild_id=7))
    assert content_hash(FACT) != content_hash(replace(FACT, text="Doechii lost."))


def test_structural_problems_name_each_field() -> None:
    bad = replace(FACT, id="Bad Id", text=" ", citations=(Citation("s", " "),))
    found = {p.where for p in structural_problems(bad)}
    assert found == {"fact 'Bad Id'", "fact 'Bad Id'.text", "fact 'Bad Id'.citations[0].passage"}
    assert structural_problems(FACT) == []
    assert [p.where for p in structural_problems(replace(FACT, citations=()))] == [
        "fact 'f'.citations"]


def test_references_are_in_order_without_repeats() -> None:
    assert references(FACT) == [("source", "s", "citations"), ("person", "doe", "people")]
    quote = Quote("q", "kim", "Words.", "", (Citation("s", "p"),), (), None)
    assert references(quote)[-1] == ("person", "kim", "speaker")
    assert "speaker" in reference_message("kim", "speaker")
    assert "cites source" in reference_message("s", "citations")
