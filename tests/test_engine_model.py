"""bot/engine/model.py: the calibrated model as data (a ranker, and confidence trees)."""

from __future__ import annotations

from bot.engine.boosted import BoostedTrees
from bot.engine.model import Model
from bot.engine.scoring import CONFIDENCE_FEATURES, FEATURES


def test_the_shipped_model_reads_known_features_only() -> None:
    model = Model.load()
    assert len(model.ranker.weights) == len(FEATURES)
    assert isinstance(model.confidence, BoostedTrees)
    assert model.confidence.width == len(CONFIDENCE_FEATURES)
    assert all(0 <= f < len(CONFIDENCE_FEATURES) or f == -2
               for tree in model.confidence.trees for f in tree.feature)
    p = model.confidence([0.0] * len(CONFIDENCE_FEATURES))
    assert 0.0 <= p <= 1.0


def test_trees_fitted_on_other_features_give_way_until_the_re_fit() -> None:
    """After a change of the features, calibrate must still run the engine to re-fit: the
    stale trees give way to a plain model on the ranker's probability."""
    stale = {"features": ["coverage"], "init": 0.0, "learning_rate": 0.1, "trees": []}
    model = Model({"ranker": {"weights": {}, "bias": 0.0}, "confidence": stale})
    assert not isinstance(model.confidence, BoostedTrees)
    values = [0.0] * len(CONFIDENCE_FEATURES)
    sure = list(values)
    sure[CONFIDENCE_FEATURES.index("ranker")] = 1.0
    assert model.confidence(sure) > 0.5 > model.confidence(values)


def test_a_model_from_before_the_trees_still_loads() -> None:
    """A model.json of logistic weights only (before session 12) is read as it was."""
    plain = {"weights": {"coverage": 8.0}, "bias": -5.0}
    model = Model({"ranker": plain, "confidence": plain})
    values = [0.0] * len(CONFIDENCE_FEATURES)
    values[CONFIDENCE_FEATURES.index("coverage")] = 1.0
    assert model.confidence(values) > model.confidence([0.0] * len(CONFIDENCE_FEATURES))


def test_more_coverage_of_the_question_is_more_confidence() -> None:
    model = Model.load()
    low = [0.0] * len(FEATURES)
    high = list(low)
    high[FEATURES.index("coverage")] = 1.0
    high[FEATURES.index("coverage_shown")] = 1.0
    high[FEATURES.index("complete")] = 1.0
    assert model.ranker(high) > model.ranker(low)
