"""bot/engine/ingest/evidence.py: what makes a capitalised run a person's name."""

from __future__ import annotations

from bot.engine.ingest.evidence import (
    Candidate,
    accept,
    occurrence_evidence,
    ordinary_words,
    shape_rejects,
)


def _evidence(text: str, name: str) -> set[str]:
    start = text.index(name)
    return occurrence_evidence(text, start, start + len(name), titled=False, first=True,
                               next_sentence="")


def test_a_speech_verb_or_a_role_after_the_name_is_evidence() -> None:
    assert "verb" in _evidence("Rosa Imbert said the bridge is safe.", "Rosa Imbert")
    assert "who" in _evidence("Rosa Imbert, a professor of engineering, agreed.", "Rosa Imbert")
    assert "place" in _evidence("The bridge crosses into Lake Calder today.", "Lake Calder")


def test_places_bodies_symbols_are_rejected_by_their_shape() -> None:
    assert shape_rejects("Lakeside State University")
    assert shape_rejects("F")
    assert shape_rejects("Rosa Imbert") is None


def test_a_name_made_of_ordinary_words_needs_its_own_strong_evidence() -> None:
    lower = frozenset({"frame", "relay"})
    assert ordinary_words("Frame Relay", lower) == ["Frame", "Relay"]
    assert not accept(Candidate("Frame Relay", {"first"}), lower)
    assert accept(Candidate("Rosa Imbert", {"verb"}), frozenset())
