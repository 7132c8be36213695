"""Article ingest: HTML/text extraction, quote attribution, facts, people, and linking
records a bank already has."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.codec import bank_from_json
from bot.engine.extract import extract_text
from bot.engine.ingest import IngestResult, ingest_article, link_duplicates
from bot.engine.verify import normalise
from bot.errors import IngestError
from bot.models import Bank, Citation, Fact, Person, Quote, Source

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
ARTICLE = KNOWLEDGE / "articles" / "newsnation-celebrities-ice-raids.txt"
CURATED = KNOWLEDGE / "newsnation-celebrities-ice-raids.json"
PEOPLE = KNOWLEDGE / "people.json"
DATA = Path(__file__).resolve().parent / "data" / "ingest"

SOURCE = Source("test-outlet-story", "Test Outlet", "A story")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _load(path: Path) -> Bank:
    return bank_from_json(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def curated() -> Bank:
    return _load(CURATED)


@pytest.fixture(scope="module")
def people() -> tuple[Person, ...]:
    return _load(PEOPLE).people


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped(article: str, curated: Bank, people: tuple[Person, ...]) -> IngestResult:
    return ingest_article(article, source=curated.sources[0], known_people=people)


def ingest(text: str, known: tuple[Person, ...] = ()) -> IngestResult:
    return ingest_article(text, source=SOURCE, known_people=known)


def quote(result: IngestResult, start: str) -> Quote:
    found = [q for q in result.quotes if normalise(q.text).startswith(normalise(start))]
    assert len(found) == 1, [q.text for q in result.quotes]
    return found[0]


def speakers(result: IngestResult) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes]


# --------------------------------------------------------------------------- attribution


def test_quote_then_name_and_verb_straight_quotes() -> None:
    r = ingest('Kim Kardashian posted on Sunday.\n"We have to speak up," Kardashian wrote.')
    assert speakers(r) == [("kim-kardashian", "We have to speak up")]
    assert [p.name for p in r.people] == ["Kim Kardashian"]
    assert r.people[0].aliases == ("Kardashian",)


def test_quote_then_pronoun_is_the_person_the_prose_is_about() -> None:
    r = ingest(
        "Kardashian also shared a video of rapper Doechii at the BET Awards on Monday. "
        "The Florida rapper was named best female hip hop artist and used her speech to "
        "talk about the protests.\n“Trump is using military force to stop a protest,” she said."
    )
    q = quote(r, "Trump is using")
    assert q.speaker == "doechii"
    assert q.context == "BET Awards speech"
    # "The Florida rapper" is Doechii in the fact's text; the passage keeps the article's words.
    fact = next(f for f in r.facts if "best female" in f.text)
    assert fact.text.startswith("Doechii was named")
    assert fact.citations[0].passage.startswith("The Florida rapper was named")


def test_pronoun_skips_a_person_the_article_shows_is_not_he() -> None:
    r = ingest(
        "Mark Ruffalo spoke at the rally downtown. Taylor Swift was also there with her band.\n"
        "“We won’t stop,” he said."
    )
    assert quote(r, "We won").speaker == "mark-ruffalo"


def test_pronoun_never_jumps_back_over_another_person() -> None:
    r = ingest(
        "Kim Kardashian posted on Instagram. Mayor Karen Bass held a briefing on Tuesday.\n"
        "“We must act now,” she said."
    )
    assert quote(r, "We must act").speaker == "karen-bass"


def test_pronoun_with_nobody_to_stand_for_keeps_speaker_unknown() -> None:
    r = ingest("“We will win this fight together,” she said.\nThe crowd cheered loudly afterwards.")
    assert speakers(r) == [(None, "We will win this fight together")]


def test_colon_line_then_quote_paragraph() -> None:
    r = ingest(
        "On her Instagram story, Kardashian wrote:\n"
        "“When we’re told that ICE exists to keep our country safe—great. "
        "There HAS to be a BETTER way.”\n"
        "The post was shared widely."
    )
    q = quote(r, "When we")
    assert q.speaker == "kardashian"
    assert q.context == "Instagram story"
    assert q.text.endswith("There HAS to be a BETTER way.")
    # The attribution line is in the quote's passage, and is not a fact.
    assert q.citations[0].passage.startswith("On her Instagram story, Kardashian wrote:")
    assert [f.text for f in r.facts] == ["The post was shared widely."]


def test_partial_quote_in_reported_speech_then_two_quotes_by_the_same_speaker() -> None:
    r = ingest(
        "Actor Mark Ruffalo took to Instagram, claiming that we are “living in an oligarchy.”\n"
        "“You are pointing your guns in the wrong direction,” he said. “Can’t you see that "
        "maybe we are being tricked?” Many stars reacted positively to his post."
    )
    assert speakers(r) == [
        ("mark-ruffalo", "living in an oligarchy"),
        ("mark-ruffalo", "You are pointing your guns in the wrong direction"),
        ("mark-ruffalo", "Can’t you see that maybe we are being tricked?"),
    ]
    assert {q.context for q in r.quotes} == {"Instagram"}
    # "Actor" is what he is, not part of his name.
    assert [(p.id, p.name, p.description) for p in r.people] == [
        ("mark-ruffalo", "Mark Ruffalo", "actor")
    ]
    assert "Many stars reacted positively to his post." in [f.text for f in r.facts]


def test_two_speakers_in_one_sentence_and_a_name_with_a_comma(people: tuple[Person, ...]) -> None:
    text = (
        "Tyler, the Creator wrote on his Instagram story, “F— Ice,” and singer Kehlani wrote, "
        "“Long live the resistance.”"
    )
    known = ingest(text, people)
    assert speakers(known) == [
        ("tyler-the-creator", "F— Ice"),
        ("kehlani", "Long live the resistance."),
    ]
    assert [q.context for q in known.quotes] == ["Instagram story", ""]
    assert known.people == ()  # both are known people
    # Without the list of known people the stage name is still read whole.
    unknown = ingest(text)
    assert [q.speaker for q in unknown.quotes] == ["tyler-the-creator", "kehlani"]
    assert {p.name for p in unknown.people} == {"Tyler, the Creator", "Kehlani"}


def test_a_place_before_a_family_is_no_stage_name() -> None:
    """"Tyler, the Creator wrote" is one name; "in Old Lyme, Connecticut, the Kesslings said"
    is a place, then a family, and no one is named "Connecticut, the Kesslings"."""
    r = ingest("Martin Kessling and his wife bought the lighthouse. Reached at their home in "
               "Old Lyme, Connecticut, the Kesslings said they had looked for a decade.")
    assert all("Connecticut" not in p.name for p in r.people)


def test_a_name_with_particles_is_one_name_and_its_surname_speaks() -> None:
    """"Pieter van der Berg" is one person, and "van der Berg said" gives him the quote; so is
    "Jerónimo de Ayanz y Beaumont", four names and two particles."""
    r = ingest("Her neighbor, Pieter van der Berg, said his vines were spared. \"The fans saved "
               "us,\" van der Berg said.\nJerónimo de Ayanz y Beaumont, 40, patented a pump.")
    assert [p.name for p in r.people] == ["Pieter van der Berg", "Jerónimo de Ayanz y Beaumont"]
    assert speakers(r) == [("pieter-van-der-berg", "The fans saved us")]


def test_a_name_ending_on_a_suffix_keeps_it_and_its_surname_speaks() -> None:
    """"Don M. Wilson III, 70, the dean": one name, its surname "Wilson" (not "III"), so
    "Wilson said" is his; "Robert L. Hayes Jr." is "Hayes" said short."""
    r = ingest("Don M. Wilson III, 70, the dean, spoke first. \"We are ready,\" Wilson said.\n"
               "\"We need answers,\" said Robert L. Hayes Jr., a retired teacher.")
    assert {p.name: p.aliases for p in r.people} == {"Don M. Wilson III": ("Wilson",),
                                                     "Robert L. Hayes Jr": ("Hayes",)}
    assert speakers(r) == [("don-m-wilson-iii", "We are ready"),
                           ("robert-l-hayes-jr", "We need answers")]


def test_a_lead_in_saying_only_who_spoke_and_where_is_no_fact() -> None:
    """'In an email, county health officer Raj Mehta wrote, "..."': his quote, and no fact
    "In an email, county health officer Raj Mehta."."""
    r = ingest("The flu spread fast this winter.\nIn an email, county health officer Raj Mehta "
               "wrote, \"This is the worst season in a decade.\"")
    assert speakers(r) == [("raj-mehta", "This is the worst season in a decade.")]
    assert [f.text for f in r.facts] == ["The flu spread fast this winter."]
    # (where it was said: an email, a text message)
    assert [q.context for q in r.quotes] == ["email"]
    texted = ingest("The flu spread.\n\"It's scary,\" Tom Reyes said via text message.")
    assert [q.context for q in texted.quotes] == ["text message"]


def test_also_said_that_partial_quote() -> None:
    r = ingest(
        "Kim Kardashian spoke out again on Tuesday. "
        "Kardashian also said that “immigrants are woven into the fabric” of LA."
    )
    assert speakers(r) == [("kim-kardashian", "immigrants are woven into the fabric")]
    # The sentence is reported speech: a fact too, in its own words.
    assert "Kardashian also said that “immigrants are woven into the fabric” of LA." in [
        f.text for f in r.facts
    ]


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    r = ingest(
        "Mayor Karen Bass spoke to reporters on Tuesday.\n"
        "“We will not let fear run this city,” Bass said. “Every family in Los Angeles "
        "deserves to feel safe in their home.\n"
        "“We are going to keep fighting for them.”\n"
        "The mayor then left the podium."
    )
    assert speakers(r) == [
        ("karen-bass", "We will not let fear run this city"),
        (
            "karen-bass",
            "Every family in Los Angeles deserves to feel safe in their home. "
            "We are going to keep fighting for them.",
        ),
    ]
    second = r.quotes[1]
    assert "We are going to keep fighting" in second.citations[0].passage
    assert "Bass said" in second.citations[0].passage  # the passage shows who said it
    assert "Karen Bass then left the podium." in [f.text for f in r.facts]


def test_quote_split_by_its_attribution_is_one_quote() -> None:
    r = ingest("“We have to act,” Kim Kardashian said, “and we have to act now.”")
    assert speakers(r) == [("kim-kardashian", "We have to act, and we have to act now.")]


def test_said_before_the_name_and_a_title_before_it() -> None:
    r = ingest("“This is a disgrace,” said Mayor Karen Bass. “It has to stop,” the mayor added.")
    assert speakers(r) == [("karen-bass", "This is a disgrace"), ("karen-bass", "It has to stop")]
    assert r.people[0].name == "Karen Bass"


def test_question_quote_then_name_and_an_appositive_and_according_to() -> None:
    r = ingest(
        "“Why now?” Karen Bass asked. “Why here?”\n"
        "“We will keep marching,” Taylor Swift, who has 200 million followers, said on Tuesday.\n"
        "According to Mayor Karen Bass, “the city will not be intimidated.”"
    )
    assert speakers(r) == [
        ("karen-bass", "Why now?"),
        ("karen-bass", "Why here?"),
        ("taylor-swift", "We will keep marching"),
        ("karen-bass", "the city will not be intimidated."),
    ]


def test_a_speaker_with_an_appositive_of_two_parts() -> None:
    """'"...," Tomasz Whitlow, director of the center, a nonprofit in St. Paul that advises
    businesses, wrote': his words, and he is a person of the story; but in "Ann Roe, who runs
    Starfall Specimens, a dealer in Red Mesa, Arizona, said" the firm is no speaker."""
    r = ingest(
        "“Stores are under pressure,” Tomasz Whitlow, director of the Center for Shared "
        "Ownership, a nonprofit in St. Paul that advises businesses, wrote in a post. "
        "“This is how you keep a store.”\n"
        "Ann Roe, who runs Starfall Specimens, a dealer in Red Mesa, Arizona, said stones that "
        "strike houses sell for more."
    )
    assert speakers(r) == [("tomasz-whitlow", "Stores are under pressure"),
                           ("tomasz-whitlow", "This is how you keep a store.")]
    assert [p.name for p in r.people] == ["Tomasz Whitlow", "Ann Roe"]
    assert r.people[0].description == "director of the Center for Shared Ownership"


def test_a_speaker_named_with_where_they_work() -> None:
    """'"...," Professor Harold Quinn of Cedar Valley College wrote': his words, as "Ann Roe
    of the University of Iowa said" gives hers; a lower-case phrase there is no place of
    work ('"...," Ann Roe of the council and the city said' stays unattributed)."""
    r = ingest(
        "“Every time it is a small miracle,” Professor Harold Quinn of Cedar Valley College "
        "wrote in an email.\n“It is rare,” Ann Roe of the University of Iowa said Tuesday."
    )
    assert speakers(r) == [("harold-quinn", "Every time it is a small miracle"),
                           ("ann-roe", "It is rare")]
    late = ingest("The vote was held.\n“It is late,” Bo Park of the council and the city said.")
    assert speakers(late) == []  # (kept as a fact, given to no one)


def test_sentences_split_at_a_lone_capital_but_not_at_initials() -> None:
    r = ingest(
        "“I can’t stay silent,” Taylor Swift wrote on X. Her post drew 2 million likes. "
        "George W. Bush did not comment on the raids."
    )
    assert speakers(r) == [("taylor-swift", "I can’t stay silent")]
    assert r.quotes[0].context == "X"
    assert [(f.text, f.people) for f in r.facts] == [
        ("Her post drew 2 million likes.", ("taylor-swift",)),
        ("George W. Bush did not comment on the raids.", ("george-w-bush",)),
    ]
    assert [p.name for p in r.people] == ["Taylor Swift", "George W. Bush"]


def test_quoted_text_without_attribution_is_no_quote() -> None:
    # A sign, a term or a scare quote is not something someone said: nothing links it to a
    # person, so it is no quote and its words stay in the fact.
    r = ingest(
        "“We are not going anywhere.”\n"
        "Protesters gathered downtown on Sunday, holding signs that read "
        "“Families belong together.” The law is usually called simply “the first oil shock”. "
        "A force F is called the “action” and its opposite the “reaction”."
    )
    assert speakers(r) == []
    assert r.people == ()
    texts = [f.text for f in r.facts]
    assert any("“Families belong together.”" in t for t in texts), texts
    assert any("“the first oil shock”" in t for t in texts), texts


def test_known_person_matched_despite_a_misspelling(people: tuple[Person, ...]) -> None:
    # The curated list has the article's spelling as an alias; take it away to test fuzziness.
    known = tuple(
        Person(p.id, p.name, tuple(a for a in p.aliases if a != "Chriss Teigen"), p.description)
        for p in people
        if p.id in {"chrissy-teigen", "donald-trump"}
    )
    r = ingest(
        "Chriss Teigen posted a message that encouraged people to protest against the raids. "
        "“Trump is acting like a king,” she wrote.",
        known,
    )
    q = quote(r, "Trump is acting")
    assert q.speaker == "chrissy-teigen"  # fuzzy: "Chriss Teigen" is "Chrissy Teigen"
    assert q.context == "post"
    assert r.people == ()
    assert r.facts[0].people == ("chrissy-teigen",)


def test_ids_are_unique_slugs_and_every_record_cites_the_article(shipped: IngestResult) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    records: list[Fact | Quote] = [*shipped.facts, *shipped.quotes]
    for kind in (shipped.facts, shipped.quotes):
        ids = [r.id for r in kind]
        assert len(ids) == len(set(ids))
        assert all(SLUG.match(i) for i in ids), ids
    for record in records:
        assert len(record.citations) == 1
        citation = record.citations[0]
        assert citation.source_id == "newsnation-celebrities-ice-raids"
        for line in citation.passage.split("\n"):
            assert line in article, line  # the article's own words
    for q in shipped.quotes:
        assert q.text.rstrip(".?!") in q.citations[0].passage


# --------------------------------------------------------------------------- the shipped article


def test_shipped_article_reproduces_the_curated_quotes(
    shipped: IngestResult, curated: Bank
) -> None:
    reproduced = []
    for expected in curated.quotes:
        best = max(
            shipped.quotes, key=lambda q: fuzz.ratio(normalise(q.text), normalise(expected.text))
        )
        similar = fuzz.ratio(normalise(best.text), normalise(expected.text)) >= 90
        if similar and best.speaker == expected.speaker:
            reproduced.append(expected.id)
    share = len(reproduced) / len(curated.quotes)
    print(f"curated quotes reproduced: {len(reproduced)}/{len(curated.quotes)} = {share:.0%}")
    assert share >= 0.9, sorted({q.id for q in curated.quotes} - set(reproduced))
    # Nothing is invented: every ingested quote is one of the curated ones.
    for q in shipped.quotes:
        assert max(fuzz.ratio(normalise(q.text), normalise(c.text)) for c in curated.quotes) >= 90


def test_shipped_article_contexts_where_the_prose_says_them(shipped: IngestResult) -> None:
    contexts = {q.text[:25]: q.context for q in shipped.quotes}
    assert contexts["When we’re told that ICE "] == "Instagram story"
    assert contexts["I do wanna address what’s"] == "BET Awards speech"
    assert contexts["For Black people, for Lat"] == "BET Awards speech"
    assert contexts["You are pointing your gun"] == "Instagram"
    assert contexts["F— Ice"] == "Instagram story"
    assert contexts["Long live the resistance."] == ""
    assert contexts["I’m witnessing tear gas a"] == ""


def test_shipped_article_facts(shipped: IngestResult, curated: Bank) -> None:
    texts = [f.text for f in shipped.facts]
    # Pronoun subjects resolved; the article's words kept as the passage.
    assert (
        "Kim Kardashian supported stricter gun laws, Black Lives Matter and Roe v. Wade "
        "remaining in place." in texts
    )
    supported = next(f for f in shipped.facts if f.text.startswith("Kim Kardashian supported"))
    assert supported.citations[0].passage.startswith("She supported")
    assert supported.people == ("kim-kardashian",)
    # Headlines, attribution lines and quotes are not facts.
    assert not any("speaks out against ICE at BET Awards" in t for t in texts)
    assert not any(t.startswith("On her Instagram story") for t in texts)
    assert not any("No matter where you fall" in t for t in texts)
    assert shipped.headlines == (
        "Doechii speaks out against ICE at BET Awards",
        "Pedro Pascal, other celebrities speak out against ICE raids",
        "ICE protests expanding to other US cities",
    )
    # Figures kept exactly.
    bass = next(f for f in shipped.facts if f.text.startswith("Mayor Karen Bass"))
    assert "27 on Saturday, 40 on Sunday, 114 on Monday and nearly 200" in bass.text
    assert bass.people == ("karen-bass",)
    # Most curated facts' passages are facts of the ingest too.
    passages = [normalise(f.citations[0].passage) for f in shipped.facts]
    covered = [
        f.id
        for f in curated.facts
        if max(fuzz.token_set_ratio(normalise(f.citations[0].passage), p) for p in passages) >= 90
    ]
    assert len(covered) / len(curated.facts) >= 0.8, len(covered)


def test_shipped_article_without_known_people_names_them_from_the_prose(article: str) -> None:
    r = ingest(article)
    by_id = {p.id: p for p in r.people}
    assert {"kim-kardashian", "doechii", "mark-ruffalo", "pedro-pascal", "kehlani"} <= set(by_id)
    assert by_id["doechii"].description == "rapper"
    assert by_id["donald-trump"].aliases == ("Trump",)
    assert "Creator" not in by_id and "vox" not in by_id and "los-angeles" not in by_id
    used = {q.speaker for q in r.quotes} | {p for f in r.facts for p in f.people}
    assert used - {None} <= set(by_id)  # every reference has its person record


def test_preview_lists_what_would_be_added(shipped: IngestResult) -> None:
    text = shipped.preview()
    assert text.startswith("Source: NewsNation")
    assert "New quotes (14):" in text
    assert f"New facts ({len(shipped.facts)}):" in text
    assert "(Tyler, the Creator, Instagram story) “F— Ice”" in text
    bank = shipped.to_bank()
    assert bank.sources == (shipped.source,)
    assert len(bank.quotes) == 14 and bank.facts == shipped.facts


# --------------------------------------------------------------------------- HTML and errors


def test_ingesting_nothing_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="empty"):
        ingest("   \n ")
    with pytest.raises(IngestError, match="No facts or quotes"):
        ingest("Breaking news")


def test_hard_wrapped_plain_text_is_joined_into_paragraphs() -> None:
    text = (
        "Kim Kardashian and other celebrities are speaking out against the\n"
        "Immigration and Customs Enforcement raids in the Los Angeles area,\n"
        "according to several reports published on Monday.\n"
        "\n"
        "“There HAS to be a BETTER way,” Kardashian wrote on her\n"
        "Instagram story, adding that families were being torn apart by the\n"
        "raids across the city.\n"
    )
    r = ingest(text)
    assert speakers(r) == [("kim-kardashian", "There HAS to be a BETTER way")]
    assert r.quotes[0].context == "Instagram story"
    assert r.facts[0].text.startswith("Kim Kardashian and other celebrities")
    assert r.facts[0].text.endswith("published on Monday.")


# --------------------------------------------------------------------------- linking


def test_same_article_twice_links_instead_of_duplicating(
    article: str, shipped: IngestResult, curated: Bank, people: tuple[Person, ...]
) -> None:
    bank = shipped.to_bank().merged(Bank(people=people))
    again = link_duplicates(
        ingest_article(article, source=curated.sources[0], known_people=people), bank
    )
    assert again.new_facts == () and again.new_quotes == () and again.new_people == ()
    assert not again.source_is_new and again.to_bank().sources == ()
    assert {f.id for f in again.linked_facts} == {f.id for f in shipped.facts}
    assert {q.id for q in again.linked_quotes} == {q.id for q in shipped.quotes}
    assert all(new == old for new, old in again.links)  # each to itself
    # The same passage from the same source is not cited twice.
    assert all(len(f.citations) == 1 for f in again.linked_facts)
    assert all(len(q.citations) == 1 for q in again.linked_quotes)


def test_article_against_the_curated_bank_links_nearly_everything(
    shipped: IngestResult, curated: Bank, people: tuple[Person, ...]
) -> None:
    linked = link_duplicates(shipped, curated.merged(Bank(people=people)))
    assert len(linked.linked_quotes) == len(curated.quotes)
    assert linked.new_quotes == ()
    assert len(linked.new_facts) <= 3, [f.text for f in linked.new_facts]
    assert linked.conflicts == ()


def test_second_outlet_for_the_same_fact_adds_a_citation(
    shipped: IngestResult, people: tuple[Person, ...]
) -> None:
    bank = shipped.to_bank().merged(Bank(people=people))
    other = Source("example-daily-stars", "Example Daily", "Stars keep up criticism")
    text = (DATA / "second-outlet.txt").read_text(encoding="utf-8")
    result = link_duplicates(ingest_article(text, source=other, known_people=people), bank)

    by_start = {f.text[:30]: f for f in result.linked_facts}
    troops = by_start["President Donald Trump recentl"]  # the bank's record, kept
    assert [c.source_id for c in troops.citations] == [
        "newsnation-celebrities-ice-raids",
        "example-daily-stars",
    ]
    assert troops.citations[1] == Citation(
        "example-daily-stars",
        "President Donald Trump has deployed National Guard troops to LA over the protests.",
    )
    spread = by_start["The anti-ICE protests that sta"]
    assert [c.source_id for c in spread.citations][-1] == "example-daily-stars"
    guns = next(q for q in result.linked_quotes if q.text.startswith("You are pointing"))
    assert guns.speaker == "mark-ruffalo" and len(guns.citations) == 2
    assert result.source_is_new and result.to_bank().sources == (other,)


def test_a_different_figure_for_the_same_claim_is_not_linked(
    shipped: IngestResult, people: tuple[Person, ...]
) -> None:
    bank = shipped.to_bank().merged(Bank(people=people))
    other = Source("example-daily-stars", "Example Daily", "Stars keep up criticism")
    text = (DATA / "second-outlet.txt").read_text(encoding="utf-8")
    result = link_duplicates(ingest_article(text, source=other, known_people=people), bank)
    arrests = [f for f in result.new_facts if f.text.startswith("ICE arrested more than 50")]
    assert len(arrests) == 1
    assert not any("arrested" in f.text for f in result.linked_facts)
    assert [(c.new.text[:26], c.existing.text[:26]) for c in result.conflicts] == [
        ("ICE arrested more than 50 ", "ICE arrested over 40 peopl")
    ]
    assert "Different figures than the bank (1):" in result.preview()


def test_linking_maps_new_people_onto_the_banks_and_keeps_ids_unique(
    people: tuple[Person, ...],
) -> None:
    text = (
        "Chriss Teigen posted a message that encouraged people to protest against the raids. "
        "“Trump is acting like a king,” she wrote."
    )
    bank = Bank(
        people=people,
        facts=(
            Fact(
                "chriss-teigen-posted-message-encouraged-people-protest",
                "An unrelated claim about the weather in Chicago this weekend.",
                (Citation("elsewhere", "An unrelated claim about the weather in Chicago."),),
            ),
        ),
    )
    result = link_duplicates(ingest(text), bank)  # ingested without the known people
    assert result.new_people == ()
    assert [q.speaker for q in result.new_quotes] == ["chrissy-teigen"]
    assert result.new_facts[0].people == ("chrissy-teigen",)
    assert result.new_facts[0].id == "chriss-teigen-posted-message-encouraged-people-protest-2"
    assert [p.id for p in result.referenced_people] == ["chrissy-teigen"]


_TOKENS = [
    *"abcdefgh ABCDEFGH  .,;:?!-—…'\"“”‘’()\n",
    "Kim Kardashian",
    " said",
    " wrote",
    " she",
    " he ",
    "Mayor Karen Bass",
    "Tyler, the Creator",
]
_PROSE = st.lists(st.sampled_from(_TOKENS), max_size=150).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_PROSE)
def test_any_text_ingests_or_says_why(text: str) -> None:
    try:
        r = ingest(text)
    except IngestError as err:
        assert str(err)
        return
    ids = {p.id for p in r.people}
    for q in r.quotes:
        assert q.text.strip() and (q.speaker is None or q.speaker in ids)
    for f in r.facts:
        assert f.text.strip() and set(f.people) <= ids
    for kind in (r.facts, r.quotes, r.people):
        assert len({x.id for x in kind}) == len(kind)
        assert all(SLUG.match(x.id) for x in kind)


def test_shipped_article_file_through_extraction_gives_the_same_records(
    shipped: IngestResult, curated: Bank, people: tuple[Person, ...]
) -> None:
    text = extract_text(ARTICLE.read_bytes(), filename=ARTICLE.name)
    assert not text.endswith("\n")  # the file's trailing blank lines are gone
    again = ingest_article(text, source=curated.sources[0], known_people=people)
    assert again == shipped


def test_html_article_ingests(people: tuple[Person, ...]) -> None:
    text = extract_text((DATA / "example-daily-page.html").read_bytes(), filename="a.html")
    r = ingest(text, people)
    assert speakers(r) == [
        ("kim-kardashian", "We have to do what’s right… There HAS to be a BETTER way"),
        ("mark-ruffalo", "living in an oligarchy"),
        ("mark-ruffalo", "You are pointing your guns in the wrong direction"),
    ]
    assert r.quotes[0].context == "Instagram story"
