"""bot/engine/alter.py: which word changes alter a quote's meaning (a name, a number, a
negation), read through the quote verifier that uses it."""

from __future__ import annotations

from bot.engine.alter import known_names, proper_nouns
from bot.engine.verify import QuoteVerifier
from tests.engine_records import ADA, BEN, BEN_SAYS, WAITED

VERIFIER = QuoteVerifier([WAITED, BEN_SAYS], {ADA.id: ADA, BEN.id: BEN})


def test_names_written_mid_sentence_are_proper_nouns() -> None:
    sentence = "Then we met with Quill and the engineers from Lakeside at noon"
    tokens = [(w, i == 0) for i, w in enumerate(sentence.split())]
    assert proper_nouns(tokens) == {"quill", "lakeside"}
    shouting = [("THE", True), ("BRIDGE", False), ("IS", False), ("OPEN", False)]
    assert proper_nouns(shouting) == set()  # all capitals say nothing about names


def test_known_names_are_the_words_of_names_and_aliases() -> None:
    assert known_names(["Ada Quill", "Jean-Luc de la Croix"]) >= {"ada", "quill", "jean", "luc"}


def test_a_changed_number_alters_the_quote() -> None:
    result = VERIFIER.verify("We waited thirty years for this bridge.")
    assert result.verdict == "altered" and "number" in result.what_changed


def test_a_negation_turned_around_alters_the_quote() -> None:
    result = VERIFIER.verify("The steel never arrives in the spring.")
    assert result.verdict == "altered" and "negation" in result.what_changed


def test_a_word_that_changes_no_meaning_is_a_paraphrase() -> None:
    result = VERIFIER.verify("We waited twenty years for the bridge.")
    assert result.verdict in ("paraphrase", "verbatim") and result.what_changed == ""
