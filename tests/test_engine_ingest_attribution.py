"""bot/engine/ingest/attribution.py: a quote needs a speaker; scare quotes are not quotes."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from tests.ingest_text import ARTICLE, SOURCE


def test_a_quote_is_attributed_to_who_said_it_across_its_parts() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    people = {p.id: p.name for p in result.new_people}
    quotes = {q.text: people.get(q.speaker or "") for q in result.new_quotes}
    assert quotes.get("We waited twenty years for this") == "Ada Quill"


def test_scare_quotes_are_not_quotes() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    assert all("vanity project" not in q.text for q in result.new_quotes)


def test_a_speaker_titled_after_the_verb_is_found_and_described() -> None:
    """'"...," said board chair Jane Roe.': the title is lower case, and no word list's."""
    text = ("The agency will raise fares in January.\n\n"
            "\"Nobody wanted to do this,\" said board chair Lorna Okafo. \"But the other "
            "choice was cutting service.\"\n\n"
            "General manager Dave Chenn said the agency would seek a sales tax.")
    result = ingest_article(text, source=SOURCE)
    people = {p.id: p for p in result.new_people}
    quotes = {q.text: people[q.speaker].name for q in result.new_quotes if q.speaker}
    assert quotes.get("Nobody wanted to do this") == "Lorna Okafo"
    assert quotes.get("But the other choice was cutting service.") == "Lorna Okafo"
    described = {p.name: p.description for p in people.values()}
    assert described == {"Lorna Okafo": "board chair", "Dave Chenn": "general manager"}


def test_a_speaker_described_with_a_possessive_after_the_verb_is_found() -> None:
    """'"...," said the company's president, Jane Roe.': not the last speaker."""
    text = ("The ferry ran aground on Saturday.\n\n"
            "\"It was a shock,\" said Priya Castell, a nurse.\n\n"
            "\"The captain is one of our best,\" said the company's president, Marga Olandt.\n\n"
            "Olandt said the company would pay the medical bills.")
    result = ingest_article(text, source=SOURCE)
    people = {p.id: p for p in result.new_people}
    quotes = {q.text: people[q.speaker].name for q in result.new_quotes if q.speaker}
    assert quotes.get("It was a shock") == "Priya Castell"
    assert quotes.get("The captain is one of our best") == "Marga Olandt"
    described = {p.name: p.description for p in people.values()}
    assert described["Marga Olandt"] == "company's president"


def test_a_sentences_first_word_before_a_name_is_no_title() -> None:
    text = ("Since Ada Quill took office, the council has met weekly.\n\n"
            "Early Ada Quill campaigns were small, said spokesman Ben Ortiz.")
    result = ingest_article(text, source=SOURCE)
    described = {p.name: p.description for p in result.new_people}
    assert described.get("Ada Quill", "") == ""
    assert described.get("Ben Ortiz") == "spokesman"


def test_a_speaker_with_an_age_in_apposition_is_a_person() -> None:
    """'"...," said Priya Castell, 34, a nurse from Harrow Island.'"""
    text = ("The ferry ran aground on Saturday.\n\n"
            "\"There was this awful sound,\" said Priya Castell, 34, a nurse from Harrow Island.")
    result = ingest_article(text, source=SOURCE)
    people = {p.id: p for p in result.new_people}
    quotes = {q.text: people[q.speaker].name for q in result.new_quotes if q.speaker}
    assert quotes.get("There was this awful sound") == "Priya Castell"
    assert [p.description for p in people.values()] == ["nurse from Harrow Island"]
