"""bot/engine/scoring.py: every weight in one place; the calibrated model as data."""

from __future__ import annotations

from bot.engine.records import FIELD_KEYWORD, FIELD_PASSAGE, FIELD_PERSON, FIELD_TEXT
from bot.engine.scoring import (
    CONFIDENCE_FEATURES,
    FEATURES,
    RARITY_CAP,
    RARITY_FLOOR,
    Model,
    credit,
    english_factor,
)


def test_a_match_counts_by_the_best_field_it_is_in() -> None:
    assert credit(FIELD_TEXT) == credit(FIELD_PERSON) == 1.0
    assert credit(FIELD_PASSAGE) < credit(FIELD_KEYWORD) < credit(FIELD_TEXT)
    assert credit(FIELD_PASSAGE | FIELD_TEXT) == 1.0 and credit(0) == 0.0


def test_common_words_weigh_less_and_the_factor_is_bounded() -> None:
    assert english_factor(0.0) == RARITY_FLOOR
    assert english_factor(0.9) > english_factor(0.5) > english_factor(0.2)
    assert english_factor(1.0) <= RARITY_CAP


def test_the_shipped_model_has_a_weight_for_known_features_only() -> None:
    model = Model.load()
    assert len(model.ranker.weights) == len(FEATURES)
    assert len(model.confidence.weights) == len(CONFIDENCE_FEATURES)
    p = model.confidence([0.0] * len(CONFIDENCE_FEATURES))
    assert 0.0 <= p <= 1.0


def test_more_coverage_of_the_question_is_more_confidence() -> None:
    model = Model.load()
    low = [0.0] * len(FEATURES)
    high = list(low)
    high[FEATURES.index("coverage")] = 1.0
    high[FEATURES.index("coverage_shown")] = 1.0
    high[FEATURES.index("complete")] = 1.0
    assert model.ranker(high) > model.ranker(low)
