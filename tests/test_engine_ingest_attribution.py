"""bot/engine/ingest/attribution.py: a quote needs a speaker; scare quotes are not quotes."""

from __future__ import annotations

import pytest

from bot.engine.ingest import ingest_article
from bot.models import Source
from tests.ingest_text import ARTICLE, SOURCE, ingested


def test_a_quote_is_attributed_to_who_said_it_across_its_parts() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    people = {p.id: p.name for p in result.new_people}
    quotes = {q.text: people.get(q.speaker or "") for q in result.new_quotes}
    assert quotes.get("We waited twenty years for this") == "Ada Quill"


def test_scare_quotes_are_not_quotes() -> None:
    result = ingest_article(ARTICLE, source=SOURCE)
    assert all("vanity project" not in q.text for q in result.new_quotes)


#: (article, its quotes with their speakers, its new people's descriptions)
_SPEAKERS = {
    # 'According to Jane Roe, the county attorney, "..."': the name before its apposition
    "according to a name and its apposition": (
        "The Gazette will print its last edition Friday.\n\n"
        "According to Ray Holtby, the county attorney, \"we now have no paper of record.\"\n\n"
        "Holtby said the county would look for another paper.",
        {"we now have no paper of record.": "Ray Holtby"},
        {"Ray Holtby": "county attorney"},
    ),
    # '"...," said board chair Jane Roe.': the title is lower case, and no word list's
    "titled after the verb": (
        "The agency will raise fares in January.\n\n"
        "\"Nobody wanted to do this,\" said board chair Lorna Okafo. \"But the other "
        "choice was cutting service.\"\n\n"
        "General manager Dave Chenn said the agency would seek a sales tax.",
        {"Nobody wanted to do this": "Lorna Okafo",
         "But the other choice was cutting service.": "Lorna Okafo"},
        {"Lorna Okafo": "board chair", "Dave Chenn": "general manager"},
    ),
    # '"...," said the company's president, Jane Roe.': Roe's, not the last speaker's
    "described with a possessive after the verb": (
        "The ferry ran aground on Saturday.\n\n"
        "\"It was a shock,\" said Priya Castell, a nurse.\n\n"
        "\"The captain is one of our best,\" said the company's president, Marga Olandt.\n\n"
        "Olandt said the company would pay the medical bills.",
        {"It was a shock": "Priya Castell", "The captain is one of our best": "Marga Olandt"},
        {"Priya Castell": "nurse", "Marga Olandt": "company's president"},
    ),
    # '"...," said Priya Castell, 34, a nurse': an age in apposition hides no one
    "with an age in apposition": (
        "The ferry ran aground on Saturday.\n\n"
        "\"There was this awful sound,\" said Priya Castell, 34, a nurse from Harrow Island.",
        {"There was this awful sound": "Priya Castell"},
        {"Priya Castell": "nurse from Harrow Island"},
    ),
    # 'Her message to state officials was simple: "..."': hers, as the sentence before says
    "introduced by a noun of her words": (
        "The bridge closed on Tuesday.\n\n"
        "Among the residents was Marga Lindqvest, 78, a retired teacher. She crosses it "
        "daily.\n\n"
        "Her message to state officials was simple: \"Fix it, but don't forget us.\"\n\n"
        "Dale Okafor's answer: \"We are working on it.\"",
        {"Fix it, but don't forget us.": "Marga Lindqvest", "We are working on it.": "Dale Okafor"},
        {"Marga Lindqvest": "retired teacher", "Dale Okafor": ""},
    ),
    # '"..." That was Lyle Brandvald, 44, a farmer.': the next sentence names the speaker
    "named in the next sentence": (
        "The train left the tracks on Tuesday.\n\n"
        "\"We've got nowhere to put our beans.\" That was Lyle Brandvald, 44, a farmer.\n\n"
        "\"I've never missed an opening day.\" So said Gordon Lysle, 72, a retired teacher.",
        {"We've got nowhere to put our beans.": "Lyle Brandvald",
         "I've never missed an opening day.": "Gordon Lysle"},
        {"Lyle Brandvald": "farmer", "Gordon Lysle": "retired teacher"},
    ),
    # the next sentence names another than the last speaker: not a continuation of theirs
    "named after another's quote": (
        "The board voted 7-2 to close the ward.\n\n"
        "\"We are giving up too soon,\" said Walter Penhallo, a retired farmer.\n\n"
        "\"We will not abandon these families.\" The promise came from Thomas Okwuosi, "
        "chairman of the board.",
        {"We are giving up too soon": "Walter Penhallo",
         "We will not abandon these families.": "Thomas Okwuosi"},
        {"Walter Penhallo": "retired farmer", "Thomas Okwuosi": "chairman of the board"},
    ),
    # a paragraph that is one quote of two sentences, named by the next paragraph's opening
    "named in the next paragraph": (
        "The council approved the runway 5-2 on Tuesday.\n\n"
        "\"We were handed one option. That's not how you treat people.\"\n\n"
        "That was how Ingrid Solvang, a council member who voted no, summed up her vote.",
        {"We were handed one option. That's not how you treat people.": "Ingrid Solvang"},
        {"Ingrid Solvang": "council member who voted no"},
    ),
    # a paragraph that is one quote, after a sentence reporting one person's words
    "after their reported words": (
        "The hardware store changed hands on Friday.\n\n"
        "The store will be run by Tomas Reinholm, 44, its manager. He said the staff had "
        "spent last year bracing for bad news.\n\n"
        "\"Half of us had our resumes updated.\"",
        {"Half of us had our resumes updated.": "Tomas Reinholm"},
        {"Tomas Reinholm": "its manager"},
    ),
    # a title of five words before the name; a speaker who testified; "the councilman"
    # named by his title before; each one's next quote theirs too
    "a long title, testimony and a role": (
        "The jury convicted Martin Eldon on Thursday.\n\n"
        "\"He treated the money like his own,\" Calder County Prosecuting Attorney Helen "
        "Marquart told reporters. \"Today 12 citizens told him no.\"\n\n"
        "\"I didn't ask enough questions,\" Curtis Vane testified.\n\n"
        "Councilman Felix Arroyo said he would ask for a delay.\n\n"
        "\"Nobody should have to rip out a garden,\" the councilman said.",
        {"He treated the money like his own": "Helen Marquart",
         "Today 12 citizens told him no.": "Helen Marquart",
         "I didn't ask enough questions": "Curtis Vane",
         "Nobody should have to rip out a garden": "Felix Arroyo"},
        {"Martin Eldon": "", "Helen Marquart": "Calder County Prosecuting Attorney",
         "Curtis Vane": "", "Felix Arroyo": "councilman"},
    ),
    # "said his mother, Grace Oyelaran": a name that is also a word, after her role; her
    # next quote hers too; she is the mother of the one named in the sentence before
    "after a possessive and a role": (
        "The steer sold for $41,000 on Monday.\n\n"
        "Tanner Oyelaran, 15, a high school sophomore, showed the grand champion.\n\n"
        "\"Tanner wanted to win it in the ring,\" said his mother, Grace Oyelaran, 43. "
        "\"He is proud of the banner.\"",
        {"Tanner wanted to win it in the ring": "Grace Oyelaran",
         "He is proud of the banner.": "Grace Oyelaran"},
        {"Tanner Oyelaran": "high school sophomore", "Grace Oyelaran": "Tanner Oyelaran's mother"},
    ),
    # lower-case words before a title say of what ("university President Miriam Oduya")
    "a title's modifier": (
        "The fraud came to light on Monday.\n\n"
        "\"We are embarrassed, and we should be,\" university President Miriam Oduya wrote "
        "in a letter to faculty.",
        {"We are embarrassed, and we should be": "Miriam Oduya"},
        {"Miriam Oduya": "university president"},
    ),
    # a noun of words before the colon, no verb of saying: 'in a message to parents: "..."'
    "a message or a statement before a colon": (
        "The school closed on Tuesday.\n\n"
        "The superintendent, Carla Mendez-Hoyt, summed up the day in a message to parents: "
        "\"Classes are canceled Wednesday.\"\n\n"
        "Parks Director Monica Ferrante offered a suggestion in a statement Monday evening: "
        "\"Play ball.\"\n\n"
        "The sign at the gate carried a warning: \"Keep out.\"",
        {"Classes are canceled Wednesday.": "Carla Mendez-Hoyt",
         "Play ball.": "Monica Ferrante", "Keep out.": None},
        {"Carla Mendez-Hoyt": "superintendent", "Monica Ferrante": "Parks Director"},
    ),
}


@pytest.mark.parametrize("case", _SPEAKERS)
def test_a_speaker_after_the_verb_is_found_and_described(case: str) -> None:
    text, quotes, described = _SPEAKERS[case]
    result = ingest_article(text, source=SOURCE)
    people = {p.id: p for p in result.new_people}
    found = {q.text: people[q.speaker].name for q in result.new_quotes if q.speaker}
    assert {q: found.get(q) for q in quotes} == quotes
    assert {p.name: p.description for p in people.values()} == described


def test_a_sentences_first_word_before_a_name_is_no_title() -> None:
    text = ("Since Ada Quill took office, the council has met weekly.\n\n"
            "Early Ada Quill campaigns were small, said spokesman Ben Ortiz.")
    result = ingest_article(text, source=SOURCE)
    described = {p.name: p.description for p in result.new_people}
    assert described.get("Ada Quill", "") == ""
    assert described.get("Ben Ortiz") == "spokesman"


def test_a_role_with_its_modifiers_or_its_name_after_it_says_who_spoke() -> None:
    """'"...," the retired teacher said.', no one of the article described as a teacher:
    the person the prose was last about; '"...," said the attorney, Rita Calderwood.': she,
    whom the role names (not an attorney looked for among the others)."""
    text = ("PORT ELRIDGE (Tribune) — Odessa Flanagan, 71, started the garden in 2006. "
            "Flanagan said the lot had been empty for years.\n\n"
            "Flanagan has collected 830 signatures on a petition.\n\n"
            "\"I'll be there with my petition,\" the retired teacher said.\n\n"
            "Mayfield's attorney says he bought the ticket himself.\n\n"
            "\"Mr. Mayfield left that pool when he left that job,\" said the attorney, "
            "Rita Calderwood.")
    r, ids = ingested(text, Source("s", "Tribune", "Garden"))
    said = {q.text: q.speaker for q in r.new_quotes}
    assert said["I'll be there with my petition"] == ids["Odessa Flanagan"]
    assert said["Mr. Mayfield left that pool when he left that job"] == ids["Rita Calderwood"]


def test_a_lone_quote_after_a_paragraph_naming_two_people_is_no_ones() -> None:
    # (whose words they are, the paragraph before does not say)
    text = ("The council approved the runway 5-2 on Tuesday.\n\n"
            "Ingrid Solvang voted no. Mayor Piet Kowal said the north option was ruled out.\n\n"
            "\"We were handed one option and told to take it.\"")
    result = ingest_article(text, source=SOURCE)
    assert [q.speaker for q in result.new_quotes] == [None] or not result.new_quotes


def test_a_lone_quote_keeps_its_words_when_given_to_someone() -> None:
    text = ("The store changed hands on Friday.\n\n"
            "Tomas Reinholm said the staff had spent last year bracing for bad news.\n\n"
            "\"We'd all heard the rumors about a chain. Half of us had our resumes updated.\"")
    result = ingest_article(text, source=SOURCE)
    (quote,) = result.new_quotes
    assert "resumes updated" in quote.text
    assert quote.citations[0].passage.startswith("Tomas Reinholm said the staff")


def test_words_given_to_no_one_stay_a_fact() -> None:
    # ("the statement" is no one: the sentence, quote and all, is kept)
    text = ("The water main broke on Monday.\n\n"
            "\"We are confident our work played no role in this failure,\" the statement said.")
    result = ingest_article(text, source=SOURCE)
    assert not result.new_quotes
    assert any("played no role" in f.text for f in result.new_facts)


def test_a_quote_named_after_it_cites_the_sentence_naming_its_speaker() -> None:
    # (the passage shows a reader whose words they are)
    text = ("The council approved the runway 5-2 on Tuesday.\n\n"
            "\"We were handed one option. That's not how you treat people.\"\n\n"
            "That was how Ingrid Solvang, a council member who voted no, summed up her vote.")
    (quote,) = ingest_article(text, source=SOURCE).new_quotes
    passage = quote.citations[0].passage
    assert passage.startswith("\"We were handed one option.")
    assert passage.endswith("summed up her vote.")


def test_a_quote_alone_after_a_sentence_reporting_her_words_in_an_aside_is_hers() -> None:
    """'Testimony showed officers spent eight seconds on each, she wrote, in an opinion.'
    then a paragraph that is one quote: the judge's words, as after "She wrote that ..."; not
    when the aside says "they", who may be anyone."""
    text = ("The judge ruled for the city.\n\nJudge Ann Roe rejected that argument. Testimony "
            "showed officers spent eight seconds on each, {} wrote, in a 34-page opinion.\n\n"
            "\"Eight seconds is not review. It is a signature.\"")
    hers = ingest_article(text.format("she"), source=Source("s", "Wire", "Ruling"))
    assert [(q.speaker, q.text) for q in hers.quotes] == [
        ("ann-roe", "Eight seconds is not review. It is a signature.")]
    nobody = ingest_article(text.format("they"), source=Source("s", "Wire", "Ruling"))
    assert nobody.quotes == ()
