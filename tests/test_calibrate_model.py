"""The shipped model (``bot/engine/data/model.json``) is the one ``benchmarks/calibrate.py``
fits on the development data with today's engine.

A change to the engine's features, gates or question reading changes what the script fits;
it must be followed by a re-fit (``python -m benchmarks.calibrate``) and the model committed
with it. Until 2026-12-04 the shipped model lagged seven rule changes behind the script, so a
re-fit could no longer be told from the shipped model's figures.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import calibrate

#: Weights are stored to five decimals; another BLAS may differ in the last one.
TOLERANCE = 1e-3


@pytest.fixture(scope="module")
def questions() -> list[calibrate.Question]:
    """The development questions, read once for the module (each engine ingests an article)."""
    return calibrate.collect()


def test_the_shipped_model_is_what_calibrate_fits_today(
    questions: list[calibrate.Question],
) -> None:
    shipped = json.loads(calibrate.MODEL.read_text(encoding="utf-8"))
    fitted, _, _ = calibrate.fit_model(questions)
    want, got = shipped["ranker"], fitted["ranker"]
    assert isinstance(got, dict)
    assert set(want["weights"]) == set(got["weights"])
    off = {name: (want["weights"][name], value) for name, value in got["weights"].items()
           if abs(want["weights"][name] - value) > TOLERANCE}
    assert not off, f"ranker: re-fit with python -m benchmarks.calibrate: {off}"
    assert abs(want["bias"] - got["bias"]) <= TOLERANCE
    want, got = shipped["confidence"], fitted["confidence"]
    assert isinstance(got, dict)
    redo = "confidence: re-fit with python -m benchmarks.calibrate"
    assert want["features"] == got["features"], redo
    assert abs(want["init"] - got["init"]) <= TOLERANCE, redo
    assert want["learning_rate"] == got["learning_rate"], redo
    assert len(want["trees"]) == len(got["trees"]), redo
    for i, (a, b) in enumerate(zip(want["trees"], got["trees"], strict=True)):
        for key in ("feature", "left", "right"):
            assert a[key] == b[key], f"{redo} (tree {i}: {key})"
        for key in ("threshold", "value"):
            assert all(abs(x - y) <= TOLERANCE for x, y in zip(a[key], b[key], strict=True)), \
                f"{redo} (tree {i}: {key})"


def test_the_engine_walks_the_trees_as_scikit_learn_predicts(
    questions: list[calibrate.Question],
) -> None:
    """bot.engine.boosted (no scikit-learn) gives what the fitted model predicts, on the
    development data's own rows."""
    import numpy as np

    from bot.engine.boosted import BoostedTrees
    from bot.engine.scoring import CONFIDENCE_FEATURES

    ranker, _, _ = calibrate.fit_model(questions)
    r = ranker["ranker"]
    assert isinstance(r, dict)
    rw = np.array([r["weights"][n] for n in calibrate.FEATURES])
    x, y, weight = calibrate.top_rows(questions, rw, float(r["bias"]))
    booster = calibrate.fit_trees(x, y, weight)
    walked = BoostedTrees(CONFIDENCE_FEATURES, calibrate.trees_data(booster))
    mine = np.array([walked(list(row)) for row in x])
    theirs = booster.predict_proba(x)[:, 1]
    assert len(x) > 1000
    assert np.abs(mine - theirs).max() < 1e-6


def test_model_json_keeps_each_tree_on_one_line() -> None:
    """``dumps`` writes what ``json.loads`` reads back unchanged, each of the 1,500 trees on a
    line of its own (a re-fit's diff then reads tree by tree, not value by value)."""
    tree = {"feature": [0, -2, -2], "threshold": [0.5, -2.0, -2.0], "left": [1, -1, -1],
            "right": [2, -1, -1], "value": [0.0, -1.0, 1.0]}
    model = {"_source": "test", "ranker": {"weights": {"a": 1.0}, "bias": 0.0},
             "confidence": {"features": ["a"], "init": 0.1, "learning_rate": 0.005,
                            "trees": [tree, {**tree, "value": [0.0, 2.0, -2.0]}]}}
    text = calibrate.dumps(model)
    assert json.loads(text) == model
    lines = [line for line in text.splitlines() if '"feature"' in line]
    assert len(lines) == 2 and all(line.strip().startswith("{") for line in lines)
