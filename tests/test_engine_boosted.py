"""bot/engine/boosted.py: the confidence trees walked from data, as scikit-learn walks them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine.boosted import BoostedTrees, Tree

#: x0 <= 0.5 ? (x1 <= 2 ? -1 : +1) : +2
TREE = {"feature": [0, 1, -2, -2, -2], "threshold": [0.5, 2.0, -2.0, -2.0, -2.0],
        "left": [1, 2, -1, -1, -1], "right": [4, 3, -1, -1, -1],
        "value": [0.0, 0.0, -1.0, 1.0, 2.0]}


def test_a_tree_sends_a_value_at_most_its_threshold_left() -> None:
    """One tree at rate 1 from 0: the probability is the logistic of the leaf reached."""
    one = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.0,
                                    "learning_rate": 1.0, "trees": [TREE]})
    for values, leaf in (([0.5, 2.0], -1.0), ([0.5, 2.5], 1.0), ([0.6, 0.0], 2.0)):
        assert one(values) == pytest.approx(1 / (1 + math.exp(-leaf))), values


def test_the_trees_add_up_to_a_probability() -> None:
    model = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.5,
                                      "learning_rate": 0.1, "trees": [TREE, TREE]})
    z = 0.5 + 0.1 * (2.0 + 2.0)
    assert model([1.0, 0.0]) == pytest.approx(1 / (1 + math.exp(-z)))
    z = 0.5 + 0.1 * (-1.0 - 1.0)
    assert model([0.0, 0.0]) == pytest.approx(1 / (1 + math.exp(-z)))


def test_values_are_compared_in_single_precision() -> None:
    """scikit-learn reads features as float32: 0.50000001 is 0.5 to it, so goes left."""
    model = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.0,
                                      "learning_rate": 1.0, "trees": [TREE]})
    assert model([0.50000001, 0.0]) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model([1e40, 0.0]) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_trees_fitted_on_other_features_are_refused() -> None:
    with pytest.raises(ValueError, match="other features"):
        BoostedTrees(("a", "b"), {"features": ["b", "a"], "init": 0.0,
                                  "learning_rate": 1.0, "trees": [TREE]})
    model = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.0,
                                      "learning_rate": 1.0, "trees": [TREE]})
    with pytest.raises(ValueError, match="3 feature values for 2"):
        model([0.0, 0.0, 0.0])


def test_a_malformed_tree_is_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        Tree({**TREE, "value": [0.0]})


def test_a_tree_deeper_than_two_is_walked_by_its_lists() -> None:
    """Depth-2 trees are walked flat; one deeper tree and the lists are walked instead, to
    the same probabilities."""
    deep = {"feature": [0, 1, 0, -2, -2, -2, -2], "threshold": [0.5, 2.0, 0.25, -2, -2, -2, -2],
            "left": [1, 2, 3, -1, -1, -1, -1], "right": [6, 5, 4, -1, -1, -1, -1],
            "value": [0.0, 0.0, 0.0, -3.0, -2.0, 1.0, 2.0]}
    stump = {"feature": [-2], "threshold": [-2.0], "left": [-1], "right": [-1], "value": [0.5]}
    flat = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.0,
                                     "learning_rate": 1.0, "trees": [TREE, stump]})
    both = BoostedTrees(("a", "b"), {"features": ["a", "b"], "init": 0.0,
                                     "learning_rate": 1.0, "trees": [TREE, stump, deep]})
    assert flat._tables is not None and both._tables is None
    for values, z_flat, z_deep in (([0.2, 0.0], -0.5, -3.0), ([0.3, 0.0], -0.5, -2.0),
                                   ([0.4, 3.0], 1.5, 1.0), ([0.9, 0.0], 2.5, 2.0)):
        assert flat(values) == pytest.approx(1 / (1 + math.exp(-z_flat))), values
        z = z_flat + z_deep
        assert both(values) == pytest.approx(1 / (1 + math.exp(-z))), values


def _walked(model: BoostedTrees, values: list[float]) -> float:
    """The model's probability by walking every tree's lists, not its tables."""
    tables, model._tables = model._tables, None
    try:
        return model(values)
    finally:
        model._tables = tables


_THRESHOLDS = st.sampled_from([-1.0, 0.0, 0.25, 0.5, 1.0, 2.0])
_LEAF = st.floats(-3, 3, allow_nan=False)


@st.composite
def _depth_two_trees(draw: st.DrawFn) -> dict[str, list[float]]:
    """A tree of depth 0, 1 or 2 over three features, in scikit-learn's node order."""
    def split() -> tuple[int, float]:
        return draw(st.integers(0, 2)), draw(_THRESHOLDS)

    if draw(st.integers(0, 5)) == 0:
        return {"feature": [-2], "threshold": [-2.0], "left": [-1], "right": [-1],
                "value": [draw(_LEAF)]}
    feature, threshold, left, right, value = [], [], [], [], []

    def node(depth: int) -> int:
        i = len(feature)
        feature.append(-2)
        threshold.append(-2.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if depth < 2 and (depth == 0 or draw(st.booleans())):
            feature[i], threshold[i] = split()
            left[i] = node(depth + 1)
            right[i] = node(depth + 1)
        else:
            value[i] = draw(_LEAF)
        return i

    node(0)
    return {"feature": feature, "threshold": threshold, "left": left, "right": right,
            "value": value}


@given(trees=st.lists(_depth_two_trees(), min_size=1, max_size=12),
       values=st.lists(st.lists(st.sampled_from([-2.0, -1.0, -0.5, 0.0, 0.25, 0.3, 0.5,
                                                 0.7, 1.0, 1.5, 2.0, 9.0]),
                                min_size=3, max_size=3), min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_the_summed_tables_give_what_walking_the_trees_gives(
        trees: list[dict[str, list[float]]], values: list[list[float]]) -> None:
    """Values on, below and above every threshold, trees with leaf sides, one-leaf trees and
    a feature split twice on one path: the tables and the walk agree."""
    model = BoostedTrees(("a", "b", "c"), {"features": ["a", "b", "c"], "init": 0.1,
                                           "learning_rate": 0.5, "trees": trees})
    assert model._tables is not None
    for v in values:
        assert model(v) == pytest.approx(_walked(model, v), abs=1e-12), v
