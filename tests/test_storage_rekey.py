"""bot/storage/rekey.py: migration 4's plan, by itself (the migration on real databases of
schema version 3: tests/test_storage_migrations.py)."""

from __future__ import annotations

from bot.storage.rekey import (
    DUPLICATE_MARK,
    PARKED,
    parked,
    plan_keys,
    plan_questions,
    select_records,
)
from bot.textfold import squash


def test_only_the_keys_that_change_are_written() -> None:
    rows = [("a", 0, "plain text", "Plain  TEXT"), ("b", 0, "café", "Café")]
    assert plan_keys("facts", rows) == [("cafe", "b")]
    assert plan_keys("facts", [("a", 0, "plain text", "plain text")]) == []


def test_the_older_of_two_records_that_now_say_the_same_keeps_the_key() -> None:
    rows = [("old", 0, "café", "Café"), ("new", 0, "cafe", "cafe"),
            ("newest", 0, "cafe\u0301!", "CAFÉ"), ("elsewhere", 7, "café", "Café")]
    assert plan_keys("facts", rows) == [
        ("cafe", "old"),
        (f"cafe{DUPLICATE_MARK}new", "new"),
        (f"cafe{DUPLICATE_MARK}newest", "newest"),
        ("cafe", "elsewhere"),  # another scope: no clash
    ]


def test_each_kind_is_keyed_from_its_own_columns() -> None:
    assert plan_keys("sources", [("s", 0, "", "https://x.org/Café", "T", "AP")]) == [
        ("https://x.org/café\x1fap", "s")]
    assert plan_keys("sources", [("s", 0, "", None, "The “Title”", "AP")]) == [
        ('the "title"\x1fap', "s")]
    assert plan_keys("quotes", [("q", 0, "", "We’re", "kim"), ("r", 0, "", "We’re", None)]) == [
        ("we're\x1fkim", "q"), ("we're\x1f", "r")]
    assert plan_keys("people", [("p", 0, "", "José")]) == [("jose", "p")]
    assert "ORDER BY rowid" in select_records("quotes")
    assert "text, speaker_id" in select_records("quotes")


def test_no_written_text_has_a_marked_or_parked_key() -> None:
    """The marks keep the keys they make apart from every key a text folds to."""
    assert squash(f"a{DUPLICATE_MARK}b") == "a b"
    assert parked([("cafe", "x"), ("tea", "y")]) == [(f"{PARKED}x", "x"), (f"{PARKED}y", "y")]


def test_questions_are_regrouped_and_one_folding_to_nothing_keeps_its_group() -> None:
    rows = [(1, "Who is Beyoncé?", "who is beyoncé"), (2, "who is beyonce", "who is beyonce"),
            (3, "\u200b?", "\u200b")]
    assert plan_questions(rows) == [("who is beyonce", 1)]
