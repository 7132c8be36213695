"""The answer engine held to the question set in ``tests/data/questions.json``.

Two parts:

* the question file is well formed (runs without an engine): every expected id is a fact or
  quote of the shipped bank, no question twice, enough questions, every fact and quote
  asked about at least twice in different styles, dev and holdout drawn alike;
* the shipped engine, on the shipped bank, answers at least 93% of the answerable questions
  with one of the expected records and abstains on at least 85% of the unanswerable ones.
  Issue 9 asks for 95% on both; the general engine (no word list fitted to this article)
  reaches 94.5% and 86.7% at the commit that set these guards, so they are regression
  guards just under what it does, not the target.

On a miss the assertion message carries a table of the misses and the per-split and
per-kind figures; the same figures are attached with ``record_property`` (JUnit XML) and
printed (``pytest tests/test_accuracy.py -rP`` shows them on a pass). For a full report
without pytest: ``.venv/bin/python -m tests.test_accuracy``.

The set is split into ``dev`` and ``holdout`` (see tests/data/README.md): tune the engine on
dev questions only, and read the holdout figures as the honest estimate.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge import content_key, load_knowledge
from bot.models import Bank

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
QUESTIONS_PATH = ROOT / "tests" / "data" / "questions.json"

#: The least share of answerable questions answered with an expected record, and of
#: unanswerable questions abstained on, over the whole set (regression guards; the target
#: of issue 9 is 0.95 for both).
GUARD = {True: 0.93, False: 0.85}
MIN_ANSWERABLE = 130
MIN_UNANSWERABLE = 45
MIN_UNKNOWN_PERSON = 12
#: Every fact and quote is expected by at least this many questions, of as many kinds.
MIN_COVERAGE = 2

ANSWERABLE_KINDS = frozenset(
    {
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
)
UNANSWERABLE_KINDS = frozenset(
    {"off-topic", "greeting", "gibberish", "unknown-person", "not-in-article"}
)
SPLITS = ("dev", "holdout")


# --------------------------------------------------------------------------- loading


def load_questions() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(QUESTIONS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "questions.json must be an object"
    assert set(data) == {"answerable", "unanswerable"}, f"top-level keys: {sorted(data)}"
    return data


@cache
def shipped_bank() -> Bank:
    return load_knowledge(KNOWLEDGE_DIR)


def answer_ids(bank: Bank) -> set[str]:
    """Ids a question may expect: the bank's facts and quotes."""
    return {f.id for f in bank.facts} | {q.id for q in bank.quotes}


# --------------------------------------------------------------------------- the file


def test_questions_have_the_expected_shape() -> None:
    data = load_questions()
    problems = []
    for i, item in enumerate(data["answerable"]):
        if set(item) != {"q", "expect", "kind", "split"}:
            problems.append(f"answerable[{i}]: keys {sorted(item)}")
            continue
        if not isinstance(item["q"], str) or not item["q"].strip():
            problems.append(f"answerable[{i}]: blank question")
        expect = item["expect"]
        if not isinstance(expect, list) or not expect or len(set(expect)) != len(expect):
            problems.append(f"answerable[{i}] {item['q']!r}: expect must be unique ids, >= 1")
        if item["kind"] not in ANSWERABLE_KINDS:
            problems.append(f"answerable[{i}] {item['q']!r}: kind {item['kind']!r}")
        if item["split"] not in SPLITS:
            problems.append(f"answerable[{i}] {item['q']!r}: split {item['split']!r}")
    for i, item in enumerate(data["unanswerable"]):
        if set(item) != {"q", "kind", "split"}:
            problems.append(f"unanswerable[{i}]: keys {sorted(item)}")
            continue
        if not isinstance(item["q"], str) or not item["q"].strip():
            problems.append(f"unanswerable[{i}]: blank question")
        if item["kind"] not in UNANSWERABLE_KINDS:
            problems.append(f"unanswerable[{i}] {item['q']!r}: kind {item['kind']!r}")
        if item["split"] not in SPLITS:
            problems.append(f"unanswerable[{i}] {item['q']!r}: split {item['split']!r}")
    assert not problems, "\n".join(problems)


def test_every_expected_id_is_a_fact_or_quote_of_the_shipped_bank() -> None:
    known = answer_ids(shipped_bank())
    unknown = [
        f"{item['q']!r}: {rid}"
        for item in load_questions()["answerable"]
        for rid in item["expect"]
        if rid not in known
    ]
    assert not unknown, "expected ids not in the bank:\n" + "\n".join(unknown)


def test_no_question_is_asked_twice() -> None:
    data = load_questions()
    keys = Counter(content_key(item["q"]) for item in data["answerable"] + data["unanswerable"])
    twice = sorted(k for k, n in keys.items() if n > 1)
    assert not twice, f"duplicate questions (case and punctuation ignored): {twice}"


def test_the_set_is_large_enough() -> None:
    data = load_questions()
    assert len(data["answerable"]) >= MIN_ANSWERABLE
    assert len(data["unanswerable"]) >= MIN_UNANSWERABLE
    unknown_people = [i for i in data["unanswerable"] if i["kind"] == "unknown-person"]
    assert len(unknown_people) >= MIN_UNKNOWN_PERSON
    for kinds, part in ((ANSWERABLE_KINDS, "answerable"), (UNANSWERABLE_KINDS, "unanswerable")):
        missing = kinds - {i["kind"] for i in data[part]}
        assert not missing, f"no {part} question of kind {sorted(missing)}"


def test_every_fact_and_quote_is_asked_about_twice_in_different_styles() -> None:
    kinds_by_id: dict[str, list[str]] = defaultdict(list)
    for item in load_questions()["answerable"]:
        for rid in item["expect"]:
            kinds_by_id[rid].append(item["kind"])
    thin = [
        f"{rid}: {kinds_by_id[rid]}"
        for rid in sorted(answer_ids(shipped_bank()))
        if len(kinds_by_id[rid]) < MIN_COVERAGE or len(set(kinds_by_id[rid])) < MIN_COVERAGE
    ]
    assert not thin, "records asked about too little:\n" + "\n".join(thin)


def test_dev_and_holdout_are_drawn_alike() -> None:
    data = load_questions()
    for part in ("answerable", "unanswerable"):
        items = data[part]
        holdout = sum(1 for i in items if i["split"] == "holdout")
        assert 0.3 <= holdout / len(items) <= 0.5, f"{part}: {holdout}/{len(items)} holdout"
        by_kind: dict[str, set[str]] = defaultdict(set)
        for i in items:
            by_kind[i["kind"]].add(i["split"])
        counts = Counter(i["kind"] for i in items)
        lopsided = [k for k, splits in by_kind.items() if counts[k] >= 3 and len(splits) < 2]
        assert not lopsided, f"{part}: kinds found in one split only: {lopsided}"


# --------------------------------------------------------------------------- the engine


@dataclass(frozen=True)
class Outcome:
    q: str
    kind: str
    split: str
    #: Expected record ids; empty for an unanswerable question.
    expect: tuple[str, ...]
    answered: bool
    record_id: str | None
    score: float
    #: The exception the engine raised, if any (counted as a miss).
    error: str | None = None

    @property
    def answerable(self) -> bool:
        return bool(self.expect)

    @property
    def ok(self) -> bool:
        if self.error is not None:
            return False
        if self.answerable:
            return self.answered and self.record_id in self.expect
        return not self.answered


@cache
def _engine_answer() -> Callable[[str], Any]:
    """The shipped engine's ``answer``, imported only when a test needs it."""
    try:
        from bot.engine import Engine
    except ImportError as exc:
        missing = str(exc)
    else:
        return Engine(shipped_bank()).answer
    pytest.fail(
        f"cannot import Engine from bot.engine ({missing}): the accuracy test needs the "
        "answer engine (bot/engine/__init__.py must export Engine)",
        pytrace=False,
    )


def _ask(answer: Callable[[str], Any], item: dict[str, Any]) -> Outcome:
    expect = tuple(item.get("expect", ()))
    try:
        got = answer(item["q"])
    except Exception as exc:  # a crash is a miss, reported by its own test too
        return Outcome(
            item["q"],
            item["kind"],
            item["split"],
            expect,
            False,
            None,
            0.0,
            error=f"{type(exc).__name__}: {exc}",
        )
    return Outcome(
        item["q"],
        item["kind"],
        item["split"],
        expect,
        bool(got.answered),
        got.record_id,
        float(got.score),
    )


@cache
def outcomes() -> tuple[Outcome, ...]:
    answer = _engine_answer()
    data = load_questions()
    return tuple(_ask(answer, item) for item in data["answerable"] + data["unanswerable"])


def _rate(items: Iterable[Outcome]) -> tuple[int, int]:
    items = list(items)
    return sum(1 for o in items if o.ok), len(items)


def _pct(ok: int, n: int) -> str:
    return f"{ok}/{n} = {100 * ok / n:.1f}%" if n else "-"


def figures(results: Iterable[Outcome]) -> str:
    """Overall, per-split and per-kind figures, as a small text table."""
    results = list(results)
    lines = []
    for label, answerable in (("answerable accuracy", True), ("abstention accuracy", False)):
        part = [o for o in results if o.answerable == answerable]
        lines.append(f"{label}: {_pct(*_rate(part))}")
        for split in SPLITS:
            lines.append(f"  {split:<8} {_pct(*_rate(o for o in part if o.split == split))}")
    lines.append("per kind (answerable: answered with an expected record; others: abstained):")
    for kind in sorted({o.kind for o in results}, key=lambda k: (k in UNANSWERABLE_KINDS, k)):
        of_kind = [o for o in results if o.kind == kind]
        per_split = "  ".join(
            f"{s} {_pct(*_rate(o for o in of_kind if o.split == s))}" for s in SPLITS
        )
        lines.append(f"  {kind:<15} {_pct(*_rate(of_kind)):<18} ({per_split})")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def misses_table(results: Iterable[Outcome]) -> str:
    """The misses: question, kind, split, expected, what the engine gave, its score."""
    rows = [("question", "kind", "split", "expected", "got", "score")]
    for o in results:
        if o.ok:
            continue
        if o.error is not None:
            got = f"ERROR {o.error}"
        elif o.answered:
            got = o.record_id or "(answered, no record)"
        else:
            got = "(abstained)"
        expected = ", ".join(o.expect) if o.expect else "(abstain)"
        rows.append(
            (_cut(o.q, 55), o.kind, o.split, _cut(expected, 60), _cut(got, 45), f"{o.score:.1f}")
        )
    if len(rows) == 1:
        return "no misses"
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join(
        " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )


def _check(record_property: Callable[[str, object], None], answerable: bool) -> None:
    results = outcomes()
    part = [o for o in results if o.answerable == answerable]
    ok, n = _rate(part)
    name = "answerable" if answerable else "abstention"
    record_property(f"{name}_accuracy", round(ok / n, 4))
    for split in SPLITS:
        s_ok, s_n = _rate(o for o in part if o.split == split)
        record_property(f"{name}_accuracy_{split}", round(s_ok / s_n, 4) if s_n else None)
    for kind in sorted({o.kind for o in part}):
        k_ok, k_n = _rate(o for o in part if o.kind == kind)
        record_property(f"{name}_kind_{kind}", f"{k_ok}/{k_n}")
    report = figures(results)
    print(f"\n{report}")
    guard = GUARD[answerable]
    assert ok / n >= guard, (
        f"{name} accuracy {_pct(ok, n)} is below {guard:.0%}\n\n{report}\n\n"
        f"{name} misses:\n{misses_table(part)}"
    )


def test_answerable_questions_are_answered_with_an_expected_record(
    record_property: Callable[[str, object], None],
) -> None:
    _check(record_property, answerable=True)


def test_unanswerable_questions_are_abstained_on(
    record_property: Callable[[str, object], None],
) -> None:
    _check(record_property, answerable=False)


def test_no_question_makes_the_engine_raise() -> None:
    crashed = [o for o in outcomes() if o.error is not None]
    assert not crashed, "the engine raised on:\n" + misses_table(crashed)


if __name__ == "__main__":  # full report: .venv/bin/python -m tests.test_accuracy
    every = outcomes()
    print(figures(every))
    print()
    print(misses_table(every))
