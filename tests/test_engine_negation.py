"""bot/engine/negation.py: where a text's negations stand and the words each governs."""

from __future__ import annotations

from bot.engine.negation import negated_terms, negation_scope, negations, unprefixed
from bot.engine.normalize import stem, words


def test_the_no_of_a_vote_is_an_answer_not_a_negation() -> None:
    """"which trustees voted no", "she said no to the offer": the "no" is what was voted or
    said; "no one was hurt", "did it pass or not" as before."""
    assert negations(["which", "trustees", "voted", "no"]) == []
    assert negations(["she", "said", "no", "to", "the", "offer"]) == []
    assert negations(["no", "one", "was", "hurt"]) == [0]
    assert negations(["did", "it", "pass", "or", "not"]) == []
    # "cast the only no vote", "the lone no vote": a vote cast; "there was no vote": none held
    assert negations(words("she cast the only no vote")) == []
    assert negations(words("it drew the lone no vote")) == []
    assert negations(words("there was no vote on it")) == [2]


def test_a_negation_governs_three_content_words_within_six_words() -> None:
    """"did not fully fit into the old framework": fully, fit, old (three content words);
    the words between count toward the span, not the reach."""
    ws = words("it did not fully fit into the old framework")
    assert negation_scope(ws) == {3, 4, 5, 6, 7}
    assert negated_terms(ws) == {stem("fully"), stem("fit"), stem("old")}
    assert negation_scope(words("no one came")) == {1, 2}
    assert negation_scope(words("it passed")) == set()


def test_a_word_of_un_negates_the_ordinary_word_it_is_made_of() -> None:
    """"unmonitored" negates "monitored"; "until", "union", "unless" negate nothing (what
    follows "un" is no ordinary word of four letters or more)."""
    assert unprefixed("unable") == "able"
    assert unprefixed("unmonitored") == "monitored"
    for word in ("until", "union", "unless", "unique", "under", "uncle"):
        assert unprefixed(word) is None, word
    assert {stem("monitored"), stem("unmonitored")} <= negated_terms(["left", "unmonitored"])
