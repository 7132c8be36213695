"""The answer model, its parameters data (``data/model.json``, fitted by
``benchmarks/calibrate.py`` on the development questions only): the ranker, a logistic
regression over :data:`~bot.engine.scoring.FEATURES`, and the confidence model, boosted
trees (:mod:`bot.engine.boosted`) over :data:`~bot.engine.scoring.CONFIDENCE_FEATURES`."""

from __future__ import annotations

import json
import math
import operator
from importlib import resources

from bot.engine.boosted import BoostedTrees
from bot.engine.scoring import CONFIDENCE_FEATURES, FEATURES


class _Logistic:
    def __init__(self, names: tuple[str, ...], weights: dict[str, float], bias: float) -> None:
        self.weights = [float(weights.get(name, 0.0)) for name in names]
        self.bias = float(bias)

    def __call__(self, values: list[float]) -> float:
        if len(values) != len(self.weights):
            raise ValueError(f"{len(values)} feature values for {len(self.weights)} weights")
        z = self.bias + sum(map(operator.mul, self.weights, values))
        if z < -30:
            return 0.0
        if z > 30:
            return 1.0
        return 1.0 / (1.0 + math.exp(-z))


class Model:
    """The answer model (parameters from ``data/model.json``): the *ranker*, a logistic
    regression, orders the candidates of a question; the *confidence* model, boosted trees
    (a logistic regression in a model.json from before session 12), estimates for the chosen
    one the probability that it answers the question (the answer's score)."""

    def __init__(self, data: dict[str, dict[str, object]]) -> None:
        r, c = data["ranker"], data["confidence"]
        self.ranker = _Logistic(FEATURES, r["weights"], r["bias"])  # type: ignore[arg-type]
        self.confidence: _Logistic | BoostedTrees
        if "trees" not in c:
            self.confidence = _Logistic(
                CONFIDENCE_FEATURES, c["weights"], c["bias"]  # type: ignore[arg-type]
            )
        elif c.get("features") != list(CONFIDENCE_FEATURES):
            # fitted before the features changed (only until the re-fit that a feature
            # change calls for, which this model serves: tests fail on a stale model)
            self.confidence = _Logistic(CONFIDENCE_FEATURES, {"ranker": 6.0}, -3.0)
        else:
            self.confidence = BoostedTrees(CONFIDENCE_FEATURES, c)

    @classmethod
    def load(cls) -> Model:
        path = resources.files("bot.engine").joinpath("data", "model.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # before the first calibration: a plain coverage model
            plain = {"weights": {"coverage": 8.0, "missing_max": -4.0}, "bias": -5.0}
            data = {"ranker": plain, "confidence": plain}
        return cls(data)
