"""The engine on a second news article it was not written for (tests/data/second_article/).

The article (a city council's light-rail vote, original text) is ingested as
``coverage-bot ingest`` ingests it, beside the shipped coverage, and its 114 questions are
scored as the SQuAD protocol scores: answered with a gold answer in the answer or an
excerpt, or abstained on when unanswerable.

Issue 9 asks for 90%. The general engine reaches 62.0% of the answerable questions and
82.9% abstention (precision 80.3%) at the commit that set these guards; the thresholds
below are regression guards just under that, not the target. Its misses are mostly
paraphrases the article's words do not share ("pay for" / "funding") and answers that need
the sentence before. Note: this set was read for error analysis while the engine was
developed (the errors of other sets were fixed, not of this one, but its figures were
watched), so it is not blind; benchmarks/RESULTS.md says so.
"""

from __future__ import annotations

from functools import cache

from benchmarks.second_article import Outcome, figures, outcomes

MIN_ANSWERABLE = 0.64
MIN_ABSTAINED = 0.82
MIN_PRECISION = 0.75


@cache
def _results() -> tuple[Outcome, ...]:
    return tuple(outcomes())


def _misses(answerable: bool) -> str:
    return "\n".join(
        f"  {r.question!r} -> {'answered' if r.answered else 'abstained'} {r.score:.0f}"
        for r in _results()
        if r.answerable == answerable and not r.right
    )


def test_the_question_set_is_large_enough() -> None:
    results = _results()
    assert len(results) >= 60
    assert sum(r.answerable for r in results) >= 40


def test_answerable_questions_are_answered_with_the_gold_answer() -> None:
    f = figures(list(_results()))
    assert f["answerable"] >= MIN_ANSWERABLE, f"{f}\n{_misses(True)}"
    assert f["precision"] >= MIN_PRECISION, f


def test_unanswerable_questions_are_abstained_on() -> None:
    f = figures(list(_results()))
    assert f["abstained"] >= MIN_ABSTAINED, f"{f}\n{_misses(False)}"


def test_one_bank_holds_every_article_and_asks_each_its_own_questions() -> None:
    """``--one-bank``: the development articles ingested together, as a server holding them
    all; each article's questions asked of that one bank, most still answered right."""
    import json

    from benchmarks.second_article import ROOT, one_bank
    from bot.engine import Engine

    folders = sorted(p for p in (ROOT / "tests" / "data" / "dev_news").iterdir() if p.is_dir())
    bank = one_bank(folders)
    titles = {s.title for s in bank.sources}
    for d in folders:
        assert json.loads((d / "meta.json").read_text(encoding="utf-8"))["title"] in titles
    engine = Engine(bank)
    results = [r for d in folders for r in outcomes(data_dir=d, engine=engine)]
    asked = sum(len(q) for d in folders
                for q in json.loads((d / "questions.json").read_text(encoding="utf-8")).values())
    assert len(results) == asked
    assert figures(results)["answerable"] > 0.6
