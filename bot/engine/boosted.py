"""Gradient-boosted trees, read from data: the answer model's confidence stage.

``benchmarks/calibrate.py`` fits the trees with scikit-learn (a development tool only) and
writes each as four lists in ``data/model.json``; this module walks them in plain Python,
so the bot needs neither scikit-learn nor numpy. A tree's node ``i`` splits on feature
``feature[i]`` at ``threshold[i]`` (a value at most the threshold goes left, as
scikit-learn decides it, on the value rounded to single precision); a node whose
``left[i]`` is ``-1`` is a leaf, and ``value[i]`` is what it adds to the log-odds.

Trees of depth at most 2 (what calibrate fits: ten boosters of 150 trees) are
walked as one flat tuple each, a root split and one split on either side, about twice as
fast as following the lists.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence


class Tree:
    """One tree's lists, checked (:class:`BoostedTrees` walks them)."""

    __slots__ = ("feature", "left", "right", "threshold", "value")

    def __init__(self, data: Mapping[str, Sequence[float]]) -> None:
        self.feature = [int(f) for f in data["feature"]]
        self.threshold = [float(t) for t in data["threshold"]]
        self.left = [int(i) for i in data["left"]]
        self.right = [int(i) for i in data["right"]]
        self.value = [float(v) for v in data["value"]]
        n = len(self.feature)
        if not (n and len(self.threshold) == len(self.left) == len(self.right)
                == len(self.value) == n):
            raise ValueError("a tree's lists differ in length")


#: a flat depth-2 tree: root feature and threshold; the left side's feature, threshold and
#: its two leaves; the right side's alike (a leaf above depth 2 is a split no value passes)
Flat = tuple[int, float, int, float, float, float, int, float, float, float]
_NEVER = math.inf  # a threshold every finite value is at most: the left leaf, always


def flat(tree: Tree) -> Flat | None:
    """The tree as one tuple when it has depth 2 at most, else None."""
    left, right, feature, threshold, value = (
        tree.left, tree.right, tree.feature, tree.threshold, tree.value)

    def side(i: int) -> tuple[int, float, float, float] | None:
        if left[i] == -1:
            return 0, _NEVER, value[i], value[i]
        if left[left[i]] != -1 or left[right[i]] != -1:
            return None
        return feature[i], threshold[i], value[left[i]], value[right[i]]

    if left[0] == -1:
        return 0, _NEVER, 0, _NEVER, value[0], value[0], 0, _NEVER, value[0], value[0]
    a, b = side(left[0]), side(right[0])
    if a is None or b is None:
        return None
    return (feature[0], threshold[0], *a, *b)


class BoostedTrees:
    """``init`` plus ``rate`` times the sum of the trees' leaves, through the logistic
    function: the probability that the chosen candidate answers its question."""

    def __init__(self, names: Sequence[str], data: Mapping[str, object]) -> None:
        features = list(data["features"])  # type: ignore[call-overload]
        if features != list(names):
            raise ValueError(f"the trees were fitted on other features: {features}")
        self.width = len(features)
        self.init = float(data["init"])  # type: ignore[arg-type]
        self.rate = float(data["learning_rate"])  # type: ignore[arg-type]
        self.trees = [Tree(t) for t in data["trees"]]  # type: ignore[attr-defined]
        # the trees' lists, walked inline (a call per tree costs more than its walk)
        self._walks = [(t.left, t.right, t.feature, t.threshold, t.value) for t in self.trees]
        flats = [flat(t) for t in self.trees]
        self._flats = None if None in flats else [f for f in flats if f is not None]

    def __call__(self, values: Sequence[float]) -> float:
        if len(values) != self.width:
            raise ValueError(f"{len(values)} feature values for {self.width} features")
        single = array("f", values).tolist()  # float32, as scikit-learn reads them
        total = 0.0
        if self._flats is not None:
            for f, t, fl, tl, ll, lr, fr, tr, rl, rr in self._flats:
                if single[f] <= t:
                    total += ll if single[fl] <= tl else lr
                else:
                    total += rl if single[fr] <= tr else rr
        else:
            for left, right, feature, threshold, value in self._walks:
                i = 0
                while (j := left[i]) != -1:
                    i = j if single[feature[i]] <= threshold[i] else right[i]
                total += value[i]
        z = self.init + self.rate * total
        if z < -30:
            return 0.0
        if z > 30:
            return 1.0
        return 1.0 / (1.0 + math.exp(-z))
