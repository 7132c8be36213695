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


#: One side of a depth-2 tree: root feature, split feature, root threshold, the left side or
#: not, the split's threshold, the leaf at most it and the leaf above it.
Side = tuple[int, int, float, bool, float, float, float]


class Tables:
    """Depth-2 trees summed by the pair of features each side of a root reads.

    A side of a tree whose root reads ``f`` and whose split reads ``g`` adds one of its leaves
    to the table of the pair ``{f, g}`` (``f`` alone when ``g`` is ``f``), over the rectangle of
    the pair's grid that reaches it: the grid's lines are the thresholds the pair's trees put
    on either feature, so it stays small (a few thousand cells for 1,500 trees). A value's
    place on a feature's grid is read through its place among all that feature's thresholds
    (``bucket``: how many lie below it), mapped once per pair (``ro``, ``co``)."""

    def __init__(self, width: int, flats: Sequence[Flat]) -> None:
        found: list[set[float]] = [set() for _ in range(width)]
        sides: dict[tuple[int, int], list[Side]] = {}
        lines: dict[tuple[int, int], tuple[set[float], set[float]]] = {}
        for f, t, fl, tl, ll, lr, fr, tr, rl, rr in flats:
            for g, split, below, above, left in ((fl, tl, ll, lr, True), (fr, tr, rl, rr, False)):
                a, b = min(f, g), max(f, g)
                grid = lines.setdefault((a, b), (set(), set()))
                for feature, threshold in ((f, t), (g, split)):
                    if threshold != _NEVER:
                        found[feature].add(threshold)
                        grid[feature != a].add(threshold)
                sides.setdefault((a, b), []).append((f, g, t, left, split, below, above))
        self.thresholds = [sorted(ts) for ts in found]
        self.pairs: list[tuple[int, int, list[int], list[int], list[float]]] = []
        for (a, b), (on_a, on_b) in sorted(lines.items()):
            la = sorted(on_a | on_b) if a == b else sorted(on_a)
            lb = [] if a == b else sorted(on_b)
            table = _summed(a, b, la, lb, sides[a, b])
            # a value's row and column on this grid, from its bucket among all thresholds
            ro = [(len(lb) + 1) * bisect_left(la, x) for x in (*self.thresholds[a], _NEVER)]
            co = [bisect_left(lb, x) for x in (*self.thresholds[b], _NEVER)]
            self.pairs.append((a, b, ro, co, table))

    def __call__(self, single: Sequence[float]) -> float:
        bucket = [bisect_left(ts, v) for ts, v in zip(self.thresholds, single, strict=True)]
        return sum([t[ro[bucket[a]] + co[bucket[b]]] for a, b, ro, co, t in self.pairs])


def _summed(a: int, b: int, la: list[float], lb: list[float], sides: list[Side]) -> list[float]:
    """The table of the pair ``(a, b)`` (``a`` alone when ``b`` is ``a``), row by row: on the
    grid whose lines are ``la`` on ``a`` and ``lb`` on ``b``, each side's leaves added over the
    rectangle of cells that reach them (2-D differences, then running sums)."""
    rows, cols = len(la) + 1, len(lb) + 1
    # (``a`` last: when ``b`` is ``a``, its one axis is ``la``)
    rank = {b: {x: k for k, x in enumerate(lb)}, a: {x: k for k, x in enumerate(la)}}
    top = {b: len(lb), a: len(la)}
    d = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for f, g, t, left, split, below, above in sides:
        k = top[f] if t == _NEVER else rank[f][t]
        root = (0, k) if left else (k + 1, top[f])
        j = top[g] if split == _NEVER else rank[g][split]
        for leaf, span in ((below, (0, j)), (above, (j + 1, top[g]))):
            if a == b:  # one feature: both ranges on its one axis
                r, c = (max(root[0], span[0]), min(root[1], span[1])), (0, 0)
            else:
                r, c = (root, span) if f == a else (span, root)
            if leaf and r[0] <= r[1] and c[0] <= c[1]:
                d[r[0]][c[0]] += leaf
                d[r[0]][c[1] + 1] -= leaf
                d[r[1] + 1][c[0]] -= leaf
                d[r[1] + 1][c[1] + 1] += leaf
    running = [0.0] * (cols + 1)
    table: list[float] = []
    for row in d[:-1]:
        running = list(map(add, running, accumulate(row)))
        table.extend(running[:-1])
    return table


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
