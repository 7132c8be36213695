"""bot/engine/ingest/records.py: an article's text into facts, quotes and people, each
citing the article's own words."""

from __future__ import annotations

import pytest

from bot.engine.ingest import ingest_article
from bot.errors import IngestError
from bot.models import Source
from tests.ingest_text import ARTICLE, SOURCE, fact_saying


def test_every_record_cites_the_articles_own_words() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    flat = " ".join(ARTICLE.split())
    for record in (*result.new_facts, *result.new_quotes):
        assert record.citations[0].source_id == SOURCE.id
        assert " ".join(record.citations[0].passage.split()) in flat


def test_facts_keep_the_figures_exact() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    assert any("$40 million" in f.text for f in result.new_facts)
    assert any("2028" in f.text for f in result.new_facts)


def test_an_empty_article_is_an_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        ingest_article("   ", source=SOURCE)


@pytest.mark.parametrize("dateline", [
    "LOS ANGELES (NewsNation) — ", "BRANWELL, Pa. — ", "DALTON, Ore. (Valley Health Wire) — ",
    "GULL HARBOR, Maine (Atlantic Coast Wire) — ", "(Valley Health Wire) — ",
    "ST. PAUL, Minn. (North Star Press Service) — ", "WASHINGTON, D.C. — ",
])
def test_the_lead_fact_drops_the_dateline_its_passage_keeps(dateline: str) -> None:
    lead = "A measles outbreak in Dalton County has grown to 31 confirmed cases."
    article = f"{dateline}{lead}\n\nMost of the cases are children under 10, officials said."
    result = ingest_article(article, source=SOURCE)
    first = fact_saying(result, "outbreak")
    assert first.text == lead
    assert first.citations[0].passage == f"{dateline}{lead}".strip()


def test_a_sentence_under_a_subheading_cites_it_with_its_passage() -> None:
    """An explainer's "What does it mean for repair shops?" says what the sentences under
    it answer: their passage opens on it (the reader sees it, and a question about repair
    shops finds them); a sentence before any subheading, or the lead under the title, cites
    itself alone."""
    text = ("Repair law takes effect\n\n"
            "DES MOINES, Iowa (Wire) — A repair law takes effect Tuesday.\n\n"
            "What does it mean for repair shops?\n\n"
            "Tamsin Okafor runs a small engine business in Brennan City.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Repair law"))
    lead = fact_saying(r, "takes effect")
    assert lead.citations[0].passage.startswith("DES MOINES")
    shop = fact_saying(r, "Okafor")
    assert shop.citations[0].passage == ("What does it mean for repair shops?\nTamsin Okafor "
                                         "runs a small engine business in Brennan City.")


def test_a_sentence_pointing_back_cites_the_one_before_with_it() -> None:
    """"That means nurses will not be allowed back until Saturday": what "that" is, the
    sentence before says (in the paragraph before, often); its passage opens on it."""
    text = ("Nurses locked out\n\n"
            "PORT AVERY, Maine (Wire) — Nurses at the hospital went on strike Tuesday.\n\n"
            "The staffing agency requires a minimum five-day contract.\n\n"
            "That means nurses will not be allowed back to work until Saturday.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Nurses locked out"))
    back = next(f for f in r.new_facts if f.text.startswith("That means"))
    assert back.citations[0].passage == ("The staffing agency requires a minimum five-day "
                                         "contract. That means nurses will not be allowed "
                                         "back to work until Saturday.")
    agency = fact_saying(r, "agency")
    assert agency.citations[0].passage == agency.text


def test_a_statement_no_person_said_keeps_its_words_as_a_fact() -> None:
    """'In a statement, the company said: "..."' and 'The statement continued: "..."': no
    person to give the words to, so the sentence stays a fact, words and all (they were
    lost); a person's lead-in ("Roe said:") is still no fact of its own."""
    from bot.engine.ingest import ingest_article
    from bot.models import Source

    text = ("CARROW JUNCTION (Gazette) — Golden Hearth Foods is recalling 41,000 pounds of "
            "potstickers.\n\n"
            "In a statement, the company said: \"On Sept. 15 we learned of a reaction. We "
            "pulled samples from our warehouse.\"\n\n"
            "The statement continued: \"Nothing is more important to us than the trust of "
            "families.\"\n\n"
            "Mayor Ada Quill said: \"We will help the workers.\"\n")
    r = ingest_article(text, source=Source("s", "Gazette", "Recall"))
    facts = [f.text for f in r.new_facts]
    # (a statement quoted at length is a fact a sentence, the first with its lead-in)
    assert 'In a statement, the company said: "On Sept. 15 we learned of a reaction."' in facts
    assert "We pulled samples from our warehouse." in facts
    assert any("Nothing is more important to us" in f for f in facts)
    assert not any("We will help the workers" in f for f in facts)
    assert [q.text for q in r.new_quotes] == ["We will help the workers."]


def test_a_speaker_described_beside_a_quote_is_a_fact_citing_the_description() -> None:
    """'"...," said the Rev. Miriam Saltonstall, who has led the congregation for 11 years':
    what she is and has done was in no record ("how long has she led the congregation"); it
    is a fact now, citing the description, not the quote (whose figures and reasons are not
    the fact's). A bare role ("said Ada Quill, the mayor") is no fact of its own."""
    text = ("PELL'S CROSSING, Vt. (Gazette) — Fire tore through the First Parish Church on "
            "Saturday night.\n\n"
            "\"Buildings can be rebuilt, because six people keep saying so,\" said the Rev. "
            "Miriam Saltonstall, who has led the congregation for 11 years.\n\n"
            "\"We will help,\" said Ada Quill, the mayor.\n\n"
            "Harold Bisbee, 81, who has kept the church's books since 1990, said: \"The "
            "wiring was old.\"\n")
    r = ingest_article(text, source=Source("s", "Gazette", "Fire"))
    facts = {f.text: f for f in r.new_facts}
    described = "Miriam Saltonstall, who has led the congregation for 11 years."
    led = facts[described]
    assert led.people == ("miriam-saltonstall",)
    assert led.citations[0].passage == described
    assert "Harold Bisbee, 81, who has kept the church's books since 1990." in facts
    assert not any("mayor" in f or "Buildings" in f or "wiring" in f for f in facts)
    assert any("Buildings can be rebuilt" in q.text for q in r.new_quotes)
