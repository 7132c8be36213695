"""Accuracy on the question set: the engine against plain retrieval baselines, same run.

    .venv/bin/python -m benchmarks.bench_accuracy [--questions tests/data/questions.json]
        [--knowledge knowledge] [--dev-split dev] [--embeddings] [--json out.json]

Every method is scored on answerable accuracy (answered, with one of the expected records),
abstention accuracy (unanswerable questions it declined), overall (share of all questions
handled right) and balanced (the mean of the first two), per split. The baselines' and the
"engine, tuned" row's abstention thresholds are picked on the dev split to maximise the
balanced accuracy, then applied unchanged to every split; the "engine" row is the engine
as shipped (its own default threshold).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.baselines import (
    BM25Baseline,
    EmbeddingBaseline,
    FTS5Baseline,
    Item,
    Metrics,
    Prediction,
    RapidfuzzBaseline,
    answer_docs,
    embeddings_available,
    evaluate,
    tune_threshold,
)
from bot.errors import CoverageBotError
from bot.knowledge import load_knowledge
from bot.models import Bank

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "tests" / "data" / "questions.json"
DEFAULT_KNOWLEDGE = ROOT / "knowledge"


def load_items(path: Path) -> list[Item]:
    """The question set: ``{"answerable": [...], "unanswerable": [...]}`` (or one list).

    An item without ``expect`` (or with an empty one) is unanswerable.
    """
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = [*data.get("answerable", ()), *data.get("unanswerable", ())]
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected the answerable and unanswerable lists")
    return [
        Item(
            q=entry["q"],
            expect=frozenset(entry.get("expect") or ()),
            kind=str(entry.get("kind", "")),
            split=str(entry.get("split", "")),
        )
        for entry in data
    ]


def engine_predictions(bank: Bank, items: Sequence[Item], threshold: float | None) -> list[
    Prediction
]:
    from bot.engine import Engine

    engine = Engine(bank, threshold=threshold)
    out = []
    for item in items:
        try:
            answer = engine.answer(item.q)
        except CoverageBotError:
            out.append(Prediction(None, -math.inf, answered=False))
            continue
        out.append(Prediction(answer.record_id, float(answer.score), answered=answer.answered))
    return out


def baseline_predictions(
    make: Callable[[], Any], items: Sequence[Item]
) -> list[Prediction]:
    method = make()
    return [Prediction(*method.best(item.q)) for item in items]


def _fmt(x: float) -> str:
    return "   -  " if math.isnan(x) else f"{100 * x:5.1f}%"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE)
    parser.add_argument("--dev-split", default="dev", help="split the thresholds are tuned on")
    parser.add_argument("--embeddings", action="store_true",
                        help="add an embeddings baseline if a package and model are on disk")
    parser.add_argument("--embedding-model", default="all-MiniLM-L6-v2")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    bank = load_knowledge(args.knowledge)
    items = load_items(args.questions)
    splits = sorted({i.split for i in items}, key=lambda s: (s != args.dev_split, s))
    dev = [n for n, i in enumerate(items) if i.split == args.dev_split]
    if not dev:
        raise SystemExit(f"no question in split {args.dev_split!r} to tune thresholds on")
    docs = answer_docs(bank)
    n_ans = sum(i.answerable for i in items)
    print(f"question set: {args.questions} — {len(items)} questions ({n_ans} answerable, "
          f"{len(items) - n_ans} unanswerable); splits: "
          + ", ".join(f"{s} {sum(i.split == s for i in items)}" for s in splits))
    print(f"bank: {args.knowledge} — {len(bank)} records, {len(docs)} facts+quotes indexed "
          "by the baselines")

    # name -> (predictions, threshold or None for "as shipped", seconds)
    methods: dict[str, tuple[list[Prediction], float | None, float]] = {}

    def run(name: str, predict: Callable[[], list[Prediction]], tuned: bool) -> None:
        t0 = time.perf_counter()
        preds = predict()
        took = time.perf_counter() - t0
        threshold = tune_threshold([items[n] for n in dev], [preds[n] for n in dev]) if tuned \
            else None
        methods[name] = (preds, threshold, took)

    run("engine (as shipped)", lambda: engine_predictions(bank, items, None), tuned=False)
    run("engine (threshold tuned on dev)", lambda: engine_predictions(bank, items, 0.0),
        tuned=True)
    run(RapidfuzzBaseline.name, lambda: baseline_predictions(
        lambda: RapidfuzzBaseline(docs), items), tuned=True)
    run(BM25Baseline.name, lambda: baseline_predictions(
        lambda: BM25Baseline(docs), items), tuned=True)
    run(FTS5Baseline.name, lambda: baseline_predictions(
        lambda: FTS5Baseline(docs), items), tuned=True)
    skipped: dict[str, str] = {}
    if args.embeddings:
        why = embeddings_available()
        if why is None:
            try:
                run(EmbeddingBaseline.name, lambda: baseline_predictions(
                    lambda: EmbeddingBaseline(docs, args.embedding_model), items), tuned=True)
            except Exception as exc:  # a missing model, mostly: reported, not fatal
                skipped[EmbeddingBaseline.name] = f"{type(exc).__name__}: {exc}"
        else:
            skipped[EmbeddingBaseline.name] = why

    results: dict[str, Any] = {}
    header = (f"{'method':34} {'split':7} {'thresh':>7} {'answerable':>15} {'abstention':>15} "
              f"{'overall':>8} {'balanced':>9}")
    print()
    print(header)
    print("-" * len(header))
    for name, (preds, threshold, took) in methods.items():
        per_split: dict[str, Any] = {}
        for split in [*splits, "all"]:
            idx = [n for n, i in enumerate(items) if split in ("all", i.split)]
            m = evaluate([items[n] for n in idx], [preds[n] for n in idx], threshold)
            per_split[split] = _metrics_json(m)
            shown = "shipped" if threshold is None else f"{threshold:7.2f}"
            print(f"{name:34} {split:7} {shown:>7} "
                  f"{_fmt(m.answerable_accuracy):>6} {m.answerable_correct:>3}/{m.answerable:<4} "
                  f"{_fmt(m.abstention_accuracy):>6} {m.abstained_correct:>3}/{m.unanswerable:<4} "
                  f"{_fmt(m.overall):>8} {_fmt(m.balanced):>9}")
        results[name] = {"threshold": threshold, "seconds": round(took, 3), "splits": per_split}
    for name, why in skipped.items():
        print(f"{name:34} skipped: {why}")
        results[name] = {"skipped": why}

    # Where each method goes wrong, by kind of question (all splits, each at its threshold).
    kinds = sorted({i.kind for i in items})
    print()
    print("correct by kind of question (all splits):")
    names = list(methods)
    short = ["engine", "eng-tuned", "rapidfuzz", "bm25", "fts5", "embed"][: len(names)]
    print(f"  {'kind':28} {'n':>4} " + " ".join(f"{s:>9}" for s in short))
    by_kind: dict[str, dict[str, float]] = defaultdict(dict)
    for kind in kinds:
        idx = [n for n, i in enumerate(items) if i.kind == kind]
        row = []
        for name in names:
            preds, threshold, _ = methods[name]
            m = evaluate([items[n] for n in idx], [preds[n] for n in idx], threshold)
            by_kind[kind][name] = m.overall
            row.append(_fmt(m.overall))
        print(f"  {kind:28} {len(idx):>4} " + " ".join(f"{c:>9}" for c in row))
    print("\nanswerable = answered with an expected record; abstention = unanswerable "
          "questions declined;\noverall = all questions handled right; balanced = mean of "
          f"the two. Thresholds tuned on split {args.dev_split!r}.")

    if args.json:
        args.json.write_text(json.dumps(
            {"questions": str(args.questions), "items": len(items), "methods": results,
             "by_kind": by_kind}, indent=2) + "\n", encoding="utf-8")
    return 0


def _metrics_json(m: Metrics) -> dict[str, Any]:
    return {
        "answerable": m.answerable, "answerable_correct": m.answerable_correct,
        "unanswerable": m.unanswerable, "abstained_correct": m.abstained_correct,
        "answerable_accuracy": _round(m.answerable_accuracy),
        "abstention_accuracy": _round(m.abstention_accuracy),
        "overall": _round(m.overall), "balanced": _round(m.balanced),
    }


def _round(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


if __name__ == "__main__":
    sys.exit(main())
