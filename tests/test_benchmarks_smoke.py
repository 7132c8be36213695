"""The benchmark scripts still run: each main on a tiny size, printing its figures.

Not a timing test: the figures are checked for being there and well formed, never for
their values (speed targets are read off the scripts' output, see benchmarks/README.md).
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from benchmarks import bench_accuracy, bench_speed, bench_start
from benchmarks.baselines import Item, Prediction, evaluate, tune_threshold
from benchmarks.synthetic import Generator, synthetic_bank, typo
from bot.models import Fact, Person, Quote, Source


def test_synthetic_bank_is_deterministic_and_well_formed() -> None:
    first, gen = synthetic_bank(500, seed=3)
    second, _ = synthetic_bank(500, seed=3)
    other, _ = synthetic_bank(500, seed=4)
    assert first == second
    assert first != other
    assert len(first) == 500
    ids = [r.id for r in first.records()]
    assert len(set(ids)) == len(ids)
    people = {p.id for p in first.people}
    sources = {s.id for s in first.sources}
    assert all(p.aliases for p in first.people)
    for record in first.records():
        if isinstance(record, Fact):
            assert set(record.people) <= people
        if isinstance(record, Fact | Quote):
            assert {c.source_id for c in record.citations} <= sources
        if isinstance(record, Quote) and record.speaker is not None:
            assert record.speaker in people
    kinds = {type(r) for r in first.records()}
    assert kinds == {Source, Person, Fact, Quote}
    rng = random.Random(1)
    q = gen.answerable_question(first.facts[0], rng)
    assert q.expect == (first.facts[0].id,)
    assert not gen.unanswerable_question(rng).expect


def test_generator_streams_on_top_of_a_base_bank() -> None:
    base, _ = synthetic_bank(50, seed=9)
    bank, _ = synthetic_bank(120, seed=1, base=base)
    assert len(bank) == 120
    assert bank.facts[: len(base.facts)] == base.facts
    assert sum(1 for _ in Generator(2).records(30)) == 30


def test_typo_changes_a_word_slightly() -> None:
    rng = random.Random(5)
    changed = [typo("kardashian", rng) for _ in range(50)]
    assert all(abs(len(c) - len("kardashian")) <= 1 and c[0] == "k" for c in changed)
    # A swap of two equal letters or a same-letter slip may leave it unchanged, rarely.
    assert sum(c != "kardashian" for c in changed) >= 40


def test_threshold_is_tuned_for_balanced_accuracy() -> None:
    items = [
        Item("a", frozenset({"x"}), "k", "dev"),
        Item("b", frozenset({"y"}), "k", "dev"),
        Item("c", frozenset(), "k", "dev"),
        Item("d", frozenset(), "k", "dev"),
    ]
    preds = [Prediction("x", 9.0), Prediction("y", 7.0), Prediction("x", 3.0),
             Prediction("z", 5.0)]
    threshold = tune_threshold(items, preds)
    assert 5.0 < threshold < 7.0
    m = evaluate(items, preds, threshold)
    assert (m.answerable_correct, m.abstained_correct) == (2, 2)
    assert m.overall == 1.0 == m.balanced
    wrong = evaluate(items, preds, 0.0)
    assert (wrong.answerable_accuracy, wrong.abstention_accuracy) == (1.0, 0.0)
    assert wrong.balanced == 0.5


def test_accuracy_main_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questions = tmp_path / "questions.json"
    questions.write_text(json.dumps({
        "answerable": [
            {"q": "what did kim kardashian post on instagram", "kind": "paraphrase",
             "split": "dev", "expect": ["kardashian-instagram-story", "kardashian-better-way"]},
            {"q": "doechii bet award", "kind": "keyword", "split": "dev",
             "expect": ["bet-doechii-award"]},
            {"q": "doechi award", "kind": "typo", "split": "holdout",
             "expect": ["bet-doechii-award"]},
        ],
        "unanswerable": [
            {"q": "what is the capital of france", "kind": "off-topic", "split": "dev"},
            {"q": "hello there", "kind": "greeting", "split": "holdout"},
        ],
    }))
    out = tmp_path / "accuracy.json"
    assert bench_accuracy.main(["--questions", str(questions), "--json", str(out),
                                "--embeddings"]) == 0
    text = capsys.readouterr().out
    for name in ("engine (as shipped)", "rapidfuzz WRatio", "BM25 (rank_bm25)",
                 "SQLite FTS5 bm25()"):
        assert name in text
    data = json.loads(out.read_text())
    assert data["items"] == 5
    for name in ("engine (threshold tuned on dev)", "rapidfuzz WRatio", "BM25 (rank_bm25)",
                 "SQLite FTS5 bm25()"):
        method = data["methods"][name]
        assert math.isfinite(method["threshold"])
        assert set(method["splits"]) == {"dev", "holdout", "all"}
        assert method["splits"]["all"]["answerable"] == 3
        assert method["splits"]["all"]["unanswerable"] == 2
    assert data["methods"]["engine (as shipped)"]["threshold"] is None
    assert "embeddings (cosine)" in data["methods"]  # run, or skipped with a reason


def test_speed_main_prints_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "speed.json"
    assert bench_speed.main(["--sizes", "100", "--questions", "30", "--baseline-budget", "5",
                             "--profile", "10", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "engine latency over 30 questions" in text
    assert "command line:" in text
    assert "cProfile, 10 questions" in text
    data = json.loads(out.read_text())
    engine = data["engine"]["100"]
    assert "error" not in engine, engine.get("error")
    assert engine["records"] == 100
    assert engine["latency"]["n"] == 30
    assert engine["latency"]["median"] <= engine["latency"]["p99"] <= engine["latency"]["max"]
    assert engine["peak_mb"] >= engine["rss_imports_mb"] > 0
    assert set(engine["latency_by_group"]) == {
        "question set", "synthetic answerable", "synthetic unanswerable"}
    for name in bench_speed.BASELINES:
        res = data["baselines"][name]["100"]
        assert "error" not in res, res.get("error")
        assert res["latency"]["n"] >= 5
    runs = data["cli"]["runs"]
    assert [r["exit"] for r in runs] == [0, 0, 0], runs
    assert all(isinstance(r["answered"], bool) for r in runs)


def test_start_main_times_cold_and_warm_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "start.json"
    assert bench_start.main(["--records", "300", "--runs", "2", "--keep", str(tmp_path),
                             "--json", str(out)]) == 0
    assert "first answer cold" in capsys.readouterr().out
    got = json.loads(out.read_text())["300"]
    assert got["cold_s"] > 0 and len(got["warm_s"]) == 2 and got["snapshot_mb"] > 0
    assert (tmp_path / "import-300.db.engine").exists()
