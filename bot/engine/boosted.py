"""Gradient-boosted trees, read from data: the answer model's confidence stage.

``benchmarks/calibrate.py`` fits the trees with scikit-learn (a development tool only) and
writes each as four lists in ``data/model.json``; this module walks them in plain Python,
so the bot needs neither scikit-learn nor numpy. A tree's node ``i`` splits on feature
``feature[i]`` at ``threshold[i]`` (a value at most the threshold goes left, as
scikit-learn decides it, on the value rounded to single precision); a node whose
``left[i]`` is ``-1`` is a leaf, and ``value[i]`` is what it adds to the log-odds.

Trees of depth at most 2 (what calibrate fits: ten boosters of 150 trees) are not walked
one by one: a depth-2 tree reads its root feature and one more, so the trees are summed,
once when the model loads, into one table per pair of features they read together, indexed
by where each feature's value falls among that feature's thresholds (:class:`Tables`). A
question then costs a search per feature and a look-up per pair (a few hundred) in place of
1,500 walks: the same sums, in another order.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate
from operator import add


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


class Tables:
    """Depth-2 trees summed by the pair of features each side of a root reads.

    ``bucket[f]`` is how many of feature ``f``'s thresholds lie below its value, so the value
    is at most the ``k``-th threshold exactly when ``bucket[f] <= k``; a side of a tree whose
    root reads ``f`` and whose split reads ``g`` adds its leaves to the table of ``(f, g)``
    over the rectangle of buckets that reach them (2-D differences, then running sums)."""

    def __init__(self, width: int, flats: Sequence[Flat]) -> None:
        found: list[set[float]] = [set() for _ in range(width)]
        for f, t, fl, tl, _, _, fr, tr, _, _ in flats:
            for feature, threshold in ((f, t), (fl, tl), (fr, tr)):
                if threshold != _NEVER:
                    found[feature].add(threshold)
        self.thresholds = [sorted(ts) for ts in found]
        rank = [{t: k for k, t in enumerate(ts)} for ts in self.thresholds]

        def last(feature: int, threshold: float) -> int:
            """The highest bucket of ``feature`` at most ``threshold``."""
            if threshold == _NEVER:
                return len(self.thresholds[feature])
            return rank[feature][threshold]

        diffs: dict[tuple[int, int], list[list[float]]] = {}

        def rectangle(f: int, rows: tuple[int, int], g: int, cols: tuple[int, int],
                      value: float) -> None:
            if rows[0] > rows[1] or cols[0] > cols[1] or not value:
                return
            d = diffs.get((f, g))
            if d is None:
                d = diffs[f, g] = [[0.0] * (len(self.thresholds[g]) + 2)
                                   for _ in range(len(self.thresholds[f]) + 2)]
            (r0, r1), (c0, c1) = rows, cols
            d[r0][c0] += value
            d[r0][c1 + 1] -= value
            d[r1 + 1][c0] -= value
            d[r1 + 1][c1 + 1] += value

        for f, t, fl, tl, ll, lr, fr, tr, rl, rr in flats:
            k, top = last(f, t), len(self.thresholds[f])
            for rows, g, split, below, above in (((0, k), fl, tl, ll, lr),
                                                 ((k + 1, top), fr, tr, rl, rr)):
                j = last(g, split)
                rectangle(f, rows, g, (0, j), below)
                rectangle(f, rows, g, (j + 1, len(self.thresholds[g])), above)
        self.pairs: list[tuple[int, int, list[array[float]]]] = []
        for (f, g), d in sorted(diffs.items()):
            running = [0.0] * len(d[0])
            table = []
            for row in d[:-1]:
                running = list(map(add, running, accumulate(row)))
                table.append(array("d", running[:-1]))
            self.pairs.append((f, g, table))

    def __call__(self, single: Sequence[float]) -> float:
        bucket = [bisect_left(ts, v) for ts, v in zip(self.thresholds, single, strict=True)]
        return sum(table[bucket[f]][bucket[g]] for f, g, table in self.pairs)


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
        self._tables = (None if None in flats
                        else Tables(self.width, [f for f in flats if f is not None]))

    def __call__(self, values: Sequence[float]) -> float:
        if len(values) != self.width:
            raise ValueError(f"{len(values)} feature values for {self.width} features")
        single = array("f", values).tolist()  # float32, as scikit-learn reads them
        total = 0.0
        if self._tables is not None:
            total = self._tables(single)
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
