"""bot/errors.py: domain errors and validation problems, worded for a person."""

from __future__ import annotations

from bot.errors import (
    MAX_LISTED_PROBLEMS,
    CoverageBotError,
    IngestError,
    InputError,
    InvalidQuestion,
    NotFound,
    Problem,
    StorageError,
    ValidationFailed,
)


def test_every_domain_error_is_a_coverage_bot_error() -> None:
    for kind in (InvalidQuestion, NotFound, StorageError, IngestError, InputError):
        assert issubclass(kind, CoverageBotError)


def test_a_problem_says_where_and_why() -> None:
    assert str(Problem("facts[2].text", "must not be blank")) == "facts[2].text: must not be blank"


def test_validation_lists_the_first_problems_and_counts_the_rest() -> None:
    problems = [Problem(f"r{i}", "bad") for i in range(MAX_LISTED_PROBLEMS + 5)]
    error = ValidationFailed(problems, what="the import")
    text = str(error)
    assert text.startswith(f"the import is invalid ({MAX_LISTED_PROBLEMS + 5} problems)")
    assert f"r{MAX_LISTED_PROBLEMS - 1}: bad" in text and f"r{MAX_LISTED_PROBLEMS}: bad" not in text
    assert text.endswith("... and 5 more problems")
    assert error.unlisted == 0 and error.total == MAX_LISTED_PROBLEMS + 5


def test_a_total_beyond_the_problems_carried_is_counted_as_unlisted() -> None:
    error = ValidationFailed([Problem("a", "b")], what="x", total=30_000)
    assert error.total == 30_000 and error.unlisted == 29_999
    assert "(30000 problems)" in str(error) and "and 29999 more problems" in str(error)


def test_one_problem_is_singular() -> None:
    assert "(1 problem)" in str(ValidationFailed([Problem("a", "b")]))
