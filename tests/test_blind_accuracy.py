"""The engine on the blind question set (tests/data/blind_questions.json).

The blind set was written by a different hand from ``questions.json``, from the article and
the bank only, without reading the engine, and committed before any engine ran on it. It
MEASURES how well the engine generalises and must never be used for tuning (see
tests/data/README.md).

The thresholds (answerable accuracy >= 80%, abstention accuracy >= 80%) are a regression
guard, deliberately lower than the dev set's 95%: these questions are blind, so the figure is
an estimate of accuracy on unseen questions, not a target to tune towards.

An answerable question counts as right when the engine answers (``answered is True``) and the
record it relied on (``record_id``) is one of the question's ``expect`` ids; an unanswerable
one when the engine abstains (``answered is False``).

Run ``.venv/bin/pytest tests/test_blind_accuracy.py -rP`` for the figures on a pass too, or
``.venv/bin/python -m tests.test_blind_accuracy`` for the figures and every miss.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.knowledge import load_knowledge
from bot.models import Answer, Bank

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
BLIND = ROOT / "tests" / "data" / "blind_questions.json"

MIN_ANSWERABLE = 0.80
MIN_ABSTENTION = 0.80

ANSWERABLE_KINDS = {
    "paraphrase",
    "typo",
    "lowercase",
    "bare-name",
    "keyword",
    "who-said",
    "what-said",
    "number",
    "day",
    "place",
    "other",
}
UNANSWERABLE_KINDS = {"off-topic", "greeting", "gibberish", "unknown-person", "not-in-article"}


def load_blind() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(BLIND.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Outcome:
    q: str
    kind: str
    expect: tuple[str, ...]  # empty for an unanswerable question
    answer: Answer

    @property
    def answerable(self) -> bool:
        return bool(self.expect)

    @property
    def ok(self) -> bool:
        if self.answerable:
            return self.answer.answered and self.answer.record_id in self.expect
        return not self.answer.answered


def run_blind(bank: Bank) -> list[Outcome]:
    engine = Engine(bank)
    data = load_blind()
    outcomes = [
        Outcome(item["q"], item["kind"], tuple(item["expect"]), engine.answer(item["q"]))
        for item in data["answerable"]
    ]
    outcomes += [
        Outcome(item["q"], item["kind"], (), engine.answer(item["q"]))
        for item in data["unanswerable"]
    ]
    return outcomes


def _rate(items: list[Outcome]) -> float:
    return sum(o.ok for o in items) / len(items) if items else 1.0


def report(outcomes: list[Outcome]) -> str:
    """Overall and per-kind figures, then a table of every miss."""
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    lines = [
        f"blind answerable accuracy: {_rate(answerable):.1%} "
        f"({sum(o.ok for o in answerable)}/{len(answerable)}; guard {MIN_ANSWERABLE:.0%})",
        f"blind abstention accuracy: {_rate(unanswerable):.1%} "
        f"({sum(o.ok for o in unanswerable)}/{len(unanswerable)}; guard {MIN_ABSTENTION:.0%})",
        "per kind:",
    ]
    for kind in sorted({o.kind for o in outcomes}):
        items = [o for o in outcomes if o.kind == kind]
        group = "answerable" if items[0].answerable else "unanswerable"
        lines.append(
            f"  {kind:<15} {group:<12} {sum(o.ok for o in items):>3}/{len(items):<3} "
            f"{_rate(items):6.1%}"
        )
    misses = [o for o in outcomes if not o.ok]
    lines.append(f"misses ({len(misses)}):")
    lines.append("  question | kind | expected | got | score")
    for o in misses:
        expected = ", ".join(o.expect) if o.expect else "(abstain)"
        got = (o.answer.record_id or "?") if o.answer.answered else "(abstained)"
        lines.append(f"  {o.q!r} | {o.kind} | {expected} | {got} | {o.answer.score:.1f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def blind_bank() -> Bank:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="module")
def outcomes(blind_bank: Bank) -> list[Outcome]:
    return run_blind(blind_bank)


def test_blind_set_is_well_formed(blind_bank: Bank) -> None:
    data = load_blind()
    answerable, unanswerable = data["answerable"], data["unanswerable"]
    assert len(answerable) == 90
    assert len(unanswerable) == 35

    questions = [item["q"].strip().lower() for item in answerable + unanswerable]
    dupes = [q for q, n in Counter(questions).items() if n > 1]
    assert not dupes, f"duplicate questions: {dupes}"

    known = {f.id for f in blind_bank.facts} | {q.id for q in blind_bank.quotes}
    expected: set[str] = set()
    for item in answerable:
        assert set(item) == {"q", "expect", "kind"}, item
        assert item["q"].strip(), item
        assert item["kind"] in ANSWERABLE_KINDS, item
        assert item["expect"], item
        assert len(item["expect"]) == len(set(item["expect"])), f"duplicate ids: {item}"
        unknown = set(item["expect"]) - known
        assert not unknown, f"{item['q']!r} expects unknown ids {sorted(unknown)}"
        expected |= set(item["expect"])
    for item in unanswerable:
        assert set(item) == {"q", "kind"}, item
        assert item["kind"] in UNANSWERABLE_KINDS, item

    assert expected == known, f"records never expected: {sorted(known - expected)}"
    kinds = Counter(item["kind"] for item in answerable)
    assert set(kinds) == ANSWERABLE_KINDS
    assert min(kinds.values()) >= 8, kinds
    ukinds = Counter(item["kind"] for item in unanswerable)
    assert set(ukinds) == UNANSWERABLE_KINDS
    assert ukinds["unknown-person"] >= 10, ukinds
    assert ukinds["not-in-article"] >= 10, ukinds


def test_blind_accuracy(outcomes: list[Outcome], record_property: Any) -> None:
    text = report(outcomes)
    print(text)
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    record_property("blind_answerable_accuracy", round(_rate(answerable), 4))
    record_property("blind_abstention_accuracy", round(_rate(unanswerable), 4))
    record_property("blind_report", text)
    assert len(answerable) == 90 and len(unanswerable) == 35
    assert _rate(answerable) >= MIN_ANSWERABLE, text
    assert _rate(unanswerable) >= MIN_ABSTENTION, text


if __name__ == "__main__":
    print(report(run_blind(load_knowledge(KNOWLEDGE_DIR))))
