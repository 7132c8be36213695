"""Quote verification: verbatim, fragment, paraphrase with its difference, not found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.codec import bank_from_json
from bot.engine.alter import Alteration
from bot.engine.verify import (
    MIN_CHARS,
    MIN_WORDS,
    DiffOp,
    QuoteVerifier,
    Verification,
    normalise,
    verify_quote,
)
from bot.errors import InvalidQuestion
from bot.models import Bank, Person, Quote

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def _load(name: str) -> Bank:
    return bank_from_json(json.loads((KNOWLEDGE / name).read_text(encoding="utf-8")))


QUOTES = _load("newsnation-celebrities-ice-raids.json").quotes
PEOPLE = {p.id: p for p in _load("people.json").people}
KARDASHIAN = next(q for q in QUOTES if q.id == "kardashian-better-way")
RUFFALO = next(q for q in QUOTES if q.id == "ruffalo-guns-wrong-direction")


def check(text: str) -> Verification:
    return verify_quote(text, QUOTES, PEOPLE)


def test_verbatim_whole_quote_ignores_quote_marks_dashes_case_and_spacing() -> None:
    pasted = (
        "\"when we're told that ICE exists to keep our country safe and remove violent "
        "criminals - great.  But when we witness innocent, hardworking people being ripped "
        "from their families in inhumane ways, we have to speak up. We have to do what's "
        'right... there has to be a better way"'
    )
    v = check(pasted)
    assert v.verdict == "verbatim"
    assert v.score == 100
    assert v.quote == KARDASHIAN
    assert v.speaker == "Kim Kardashian" and v.speaker_id == "kim-kardashian"
    assert v.diff == "" and v.changes == ()


def test_accents_invisible_characters_and_typographic_marks_are_folded_as_everywhere() -> None:
    """Comparison folds as bot.textfold does (the engine and the storage's keys too); the
    difference is shown in the words as written."""
    quote = Quote("q", "kim", "José María said we’re done – for now…", "", ())
    bank, people = [quote], {"kim": Person("kim", "Kim", (), "", None)}
    for pasted in ("jose maria said we're done -- for now...",
                   "JOSÉ MARÍA SAID WE`RE DONE, FOR NOW",
                   "Jos\u00e9 Mar\u200bía said we\u2019re done \u2014 for now"):
        v = verify_quote(pasted, bank, people)
        assert (v.verdict, v.quote) == ("verbatim", quote), pasted
    v = verify_quote("Jose Maria said we are done for now", bank, people)
    assert v.verdict == "paraphrase"
    assert v.changes == (DiffOp("replace", "we are", "we're"),)
    assert v.diff_plain == "Jose Maria said [-we are-] {+we're+} done for now"


def test_fragment_of_a_longer_quote_is_verbatim() -> None:
    v = check("There HAS to be a BETTER way")
    assert (v.verdict, v.quote) == ("verbatim", KARDASHIAN)
    v = check("“we have to speak up”")
    assert (v.verdict, v.quote) == ("verbatim", KARDASHIAN)


def test_quotation_with_an_ellipsis_for_left_out_words_is_verbatim() -> None:
    v = check("When we’re told that ICE exists … There HAS to be a BETTER way.")
    assert (v.verdict, v.quote) == ("verbatim", KARDASHIAN)
    # The pieces must come in the quote's order.
    assert check("There HAS to be a BETTER way … When we’re told that ICE exists").verdict != (
        "verbatim"
    )


def test_a_changed_word_is_a_paraphrase_with_the_difference() -> None:
    v = check("You are pointing your weapons in the wrong direction")
    assert v.verdict == "paraphrase"
    assert v.quote == RUFFALO and v.speaker == "Mark Ruffalo"
    assert 70 <= v.score < 100
    assert v.changes == (DiffOp("replace", "weapons", "guns"),)
    assert v.diff == "You are pointing your ~~weapons~~ **guns** in the wrong direction"
    assert v.diff_plain == "You are pointing your [-weapons-] {+guns+} in the wrong direction"
    assert v.summary == "-weapons +guns"


def test_a_dropped_word_is_a_paraphrase_with_the_missing_word() -> None:
    v = check("You are pointing guns in the wrong direction")
    assert v.verdict == "paraphrase" and v.quote == RUFFALO
    assert v.changes == (DiffOp("insert", "", "your"),)
    assert v.diff_plain == "You are pointing {+your+} guns in the wrong direction"
    # The ops rebuild both texts.
    assert " ".join(op.quote for op in v.ops if op.quote) == (
        "You are pointing your guns in the wrong direction"
    )
    assert " ".join(op.text for op in v.ops if op.text) == (
        "You are pointing guns in the wrong direction"
    )


def test_a_changed_first_word_shows_as_a_replacement() -> None:
    v = check("walking in an oligarchy")
    assert v.verdict == "paraphrase" and v.quote is not None
    assert v.quote.id == "ruffalo-living-in-oligarchy"
    assert v.changes == (DiffOp("replace", "walking", "living"),)


def test_added_words_are_a_paraphrase() -> None:
    v = check("There has to be a much better way")
    assert v.verdict == "paraphrase" and v.quote == KARDASHIAN
    assert v.changes == (DiffOp("delete", "much", ""),)


@pytest.mark.parametrize(
    "invented",
    [
        "ICE is tearing families apart and we must protest in Los Angeles",
        "Immigrants are the backbone of this country and Trump knows it",
        "The military should never be deployed against peaceful protestors",
        "I stand with the people of LA against the raids",
        "Trump is a dictator and he must go",
    ],
)
def test_invented_quotes_are_not_found_even_with_topic_words(invented: str) -> None:
    v = check(invented)
    assert v.verdict == "not_found"
    assert not v.found and v.ops == ()
    assert v.score < 70


def test_a_shortened_quote_is_a_paraphrase_not_an_invention() -> None:
    v = check("Trump is a king")  # the quote says "Trump is acting like a king"
    assert v.verdict == "paraphrase"
    assert v.quote is not None and v.quote.id == "teigen-trump-acting-like-a-king"
    assert v.changes == (DiffOp("insert", "", "acting like"),)


def test_unknown_speaker_and_speaker_missing_from_people() -> None:
    quotes = [
        Quote("anon", None, "We are not going anywhere, not now, not ever", "", ()),
        Quote("ghost", "nobody-known", "Families belong together in every city", "", ()),
    ]
    v = verify_quote("we are not going anywhere", quotes, PEOPLE)
    assert (v.verdict, v.speaker, v.speaker_id) == ("verbatim", None, None)
    v = verify_quote("Families belong together in every city", quotes, {})
    assert (v.verdict, v.speaker, v.speaker_id) == ("verbatim", "nobody-known", "nobody-known")


def test_nothing_to_check_is_a_user_error() -> None:
    for empty in ("", "   ", "“”", "... —"):
        with pytest.raises(InvalidQuestion):
            check(empty)


def test_no_quotes_at_all_is_not_found() -> None:
    v = verify_quote("There has to be a better way", [], {})
    assert v.verdict == "not_found" and v.quote is None and v.score == 0


def test_as_json_shape() -> None:
    data = check("You are pointing your weapons in the wrong direction").as_json()
    assert data["verdict"] == "paraphrase"
    assert data["quote"] == "ruffalo-guns-wrong-direction"
    assert data["speaker"] == "Mark Ruffalo"
    assert data["context"] == "Instagram"
    assert data["diff"] == "You are pointing your [-weapons-] {+guns+} in the wrong direction"
    assert {"op": "replace", "text": "weapons", "quote": "guns"} in data["ops"]  # type: ignore[operator]
    json.dumps(data)


def test_verifier_prepared_once_gives_the_same_answers() -> None:
    verifier = QuoteVerifier(QUOTES, PEOPLE)
    assert len(verifier) == len(QUOTES)
    for text in ("There HAS to be a BETTER way", "walking in an oligarchy", "Trump is a king"):
        assert verifier.verify(text) == check(text)


def test_every_curated_quote_verifies_against_the_bank() -> None:
    for q in QUOTES:
        v = check(q.text)
        assert v.verdict == "verbatim", q.id
        assert v.quote is not None and normalise(v.quote.text) == normalise(q.text)
        assert v.speaker == PEOPLE[q.speaker].name  # type: ignore[index]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_run_of_words_from_a_quote_is_verbatim(data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(QUOTES))
    ws = q.text.split()
    start = data.draw(st.integers(0, len(ws) - 1))
    end = data.draw(st.integers(start + 1, len(ws)))
    fragment = " ".join(ws[start:end])
    norm = normalise(fragment)
    if not norm:
        return  # a lone dash or ellipsis has no words to check
    short = len(norm.split()) < MIN_WORDS or sum(c.isalnum() for c in norm) < MIN_CHARS
    if short and norm not in {normalise(other.text) for other in QUOTES}:
        with pytest.raises(InvalidQuestion, match="too short to check"):
            verify_quote(fragment, QUOTES, PEOPLE)
        return
    v = verify_quote(fragment, QUOTES, PEOPLE)
    assert v.verdict == "verbatim"
    assert v.quote is not None and normalise(fragment) in normalise(v.quote.text)


def test_people_mapping_is_only_read() -> None:
    people: dict[str, Person] = dict(PEOPLE)
    quotes = list(QUOTES)
    check_before = (dict(people), list(quotes))
    verify_quote("There HAS to be a BETTER way", quotes, people)
    assert (people, quotes) == check_before


def test_large_bank_goes_through_the_word_index_with_the_same_verdicts() -> None:
    import random

    rng = random.Random(7)
    vocabulary = " ".join(q.text for q in QUOTES).split()
    filler = [
        Quote(f"filler-{i}", None, " ".join(rng.choices(vocabulary, k=rng.randint(6, 30))), "", ())
        for i in range(3000)
    ]
    big = [*filler, *QUOTES]
    cases = {
        "There HAS to be a BETTER way": ("verbatim", "kardashian-better-way"),
        "You are pointing your weapons in the wrong direction": (
            "paraphrase",
            "ruffalo-guns-wrong-direction",
        ),
        "walking in an oligarchy": ("paraphrase", "ruffalo-living-in-oligarchy"),
        "When we’re told that ICE exists … There HAS to be a BETTER way.": (
            "verbatim",
            "kardashian-better-way",
        ),
    }
    verifier = QuoteVerifier(big, PEOPLE)
    for text, (verdict, quote_id) in cases.items():
        v = verifier.verify(text)
        assert v.verdict == verdict, text
        assert v.quote is not None and v.quote.id == quote_id
    assert verifier.verify("Immigrants built this nation and deserve our thanks").verdict == (
        "not_found"
    )


def test_a_paste_sharing_no_word_with_any_quote_is_not_verbatim() -> None:
    """Regression: a closest quote with no word in common gave an empty diff, read as
    'no differences' and so as verbatim."""
    from bot.knowledge import load_knowledge
    from tests.conftest import KNOWLEDGE_DIR

    bank = load_knowledge(KNOWLEDGE_DIR)
    people = {p.id: p for p in bank.people}
    result = verify_quote(
        "I have never supported any political party in my whole life.", bank.quotes, people
    )
    assert result.verdict == "not_found"


# --------------------------------------------------------------------------- too short, altered


@pytest.mark.parametrize("short", ["a", "Trump", "the military", "we have to", "a a a a",
                                   "“Trump is”", "I do it"])
def test_a_paste_too_short_to_judge_is_a_user_error(short: str) -> None:
    with pytest.raises(InvalidQuestion, match="too short to check"):
        check(short)


def test_a_short_paste_that_is_a_whole_quote_is_still_verbatim() -> None:
    v = check("F— Ice")  # a whole two-word quote of the coverage
    assert (v.verdict, v.quote) == ("verbatim", next(q for q in QUOTES if q.text == "F— Ice"))
    quotes = [Quote("short", None, "Stop the raids!", "", ())]
    assert verify_quote("“stop the raids”", quotes, {}).verdict == "verbatim"
    with pytest.raises(InvalidQuestion, match="too short"):
        verify_quote("the raids", quotes, {})


def test_a_changed_name_is_altered_not_a_paraphrase() -> None:
    v = check("Biden is using military force to stop a protest")
    assert v.verdict == "altered" and v.found
    assert v.quote is not None and v.quote.id == "doechii-military-force"
    assert v.speaker == "Doechii"
    assert v.changes == (DiffOp("replace", "Biden", "Trump"),)
    assert v.alterations == (Alteration("name", "Biden", "Trump"),)
    assert v.diff_plain == "[-Biden-] {+Trump+} is using military force to stop a protest"
    # Typed in lower case, a word put one for one in place of the quote's name is a name too.
    assert check("biden is using military force to stop a protest").verdict == "altered"
    # At the start of a sentence too, when the quote's word is a known person's name.
    assert check("Biden is acting like a king by defying the courts").verdict == "altered"
    # A name the quote has elsewhere is no new name; a pronoun for the name is a paraphrase.
    assert check("He is using military force to stop a protest").verdict == "paraphrase"


# Quotes of no article: the rules are general English.
GENERIC = [
    Quote("count", "mayor", "We counted 40 families at the gate on Monday morning", "", ()),
    Quote("stop", "mayor", "We will not stop fighting for our neighbours", "", ()),
    Quote("blame", "mayor", "The council blamed Henderson for the closure of the library", "",
          ()),
    Quote("close", None, "Whitfield closed the old library on Monday morning", "", ()),
]
MAYOR = {"mayor": Person("mayor", "Dana Whitfield", ("Mayor Whitfield",))}


@pytest.mark.parametrize(
    ("pasted", "verdict", "kinds"),
    [
        ("We counted 50 families at the gate on Monday morning", "altered", ["number"]),
        ("We counted fifty families at the gate on Monday morning", "altered", ["number"]),
        ("We counted forty families at the gate on Monday morning", "paraphrase", []),
        ("We counted families at the gate on Monday morning", "paraphrase", []),  # left out
        ("We counted 40 families at the gate on Tuesday morning", "altered", ["name"]),
        ("We will stop fighting for our neighbours", "altered", ["negation"]),
        ("We will never stop fighting for our neighbours", "paraphrase", []),  # still "not"
        ("We won't stop fighting for our neighbours", "paraphrase", []),
        ("We will not quit fighting for our neighbours", "paraphrase", []),
        ("The council blamed Whitfield for the closure of the library", "altered", ["name"]),
        ("The council blamed Henderson for closing the library", "paraphrase", []),
        ("Critics blamed Henderson for the closure of the library", "paraphrase", []),
        ("The Council Blamed Henderson For The Shutting Of The Library", "paraphrase", []),
        ("The council BLAMED Henderson for the SHUTTING of the library", "paraphrase", []),
        ("Henderson closed the old library on Monday morning", "altered", ["name"]),
        ("Someone closed the old library on Monday morning", "paraphrase", []),
    ],
)
def test_names_numbers_and_negations_alter_a_quote(pasted: str, verdict: str,
                                                   kinds: list[str]) -> None:
    v = verify_quote(pasted, GENERIC, MAYOR)
    assert v.verdict == verdict, (v.verdict, v.diff_plain, v.alterations)
    assert [a.kind for a in v.alterations] == kinds
    assert v.changes  # the difference is always there to show


def test_altered_as_json_keeps_the_fields_and_says_what_changed() -> None:
    data = check("Biden is using military force to stop a protest").as_json()
    assert data["verdict"] == "altered"
    assert {"verdict", "score", "quote", "text", "speaker", "speaker_id", "context", "diff",
            "ops"} <= set(data)
    assert data["diff"] == "[-Biden-] {+Trump+} is using military force to stop a protest"
    assert data["alterations"] == [{"kind": "name", "text": "Biden", "quote": "Trump"}]
    json.dumps(data)
