"""Counts in user-facing text are worded right: "1 source", "1 fact", "16 people" (issue 8).

The helper itself, and the command line and Discord messages that count things, run as a
user runs them (the CLI through main(), real SQLite files in tmp_path).
"""

from __future__ import annotations

import json

import pytest

from bot import present
from bot.wording import and_list, bank_counts, or_list, plural, record_counts
from tests.conftest import KNOWLEDGE_DIR, ROOT, cli

SECOND = ROOT / "tests" / "data" / "ingest" / "second-outlet.txt"


pytestmark = pytest.mark.usefixtures("clean_cli_env")


def test_lists_with_and_or_or() -> None:
    assert and_list([]) == "" and and_list(["a"]) == "a"
    assert and_list(["a", "b", "c"]) == "a, b and c"
    assert or_list(["a", "b"]) == "a or b" and or_list(["a", "b", "c"]) == "a, b or c"


def test_plural_words() -> None:
    assert plural(1, "source") == "1 source"
    assert plural(0, "source") == "0 sources"
    assert plural(2, "fact") == "2 facts"
    assert plural(1, "person") == "1 person"
    assert plural(16, "person") == "16 people"
    assert plural(3, "index", "indexes") == "3 indexes"
    assert record_counts({"sources": 1, "people": 1, "facts": 1, "quotes": 2}) == (
        "1 source, 1 person, 1 fact, 2 quotes")
    assert record_counts({"facts": 1}, last=" and ") == (
        "0 sources, 0 people, 1 fact and 0 quotes")


def test_check_counts_the_one_shipped_source_in_the_singular(capsys) -> None:
    code, out, err = cli(capsys, "check", str(KNOWLEDGE_DIR))
    assert code == 0, err
    assert "OK — 1 source, 16 people, 27 facts, 14 quotes" in out


def test_import_of_one_fact_says_one_fact(tmp_path, capsys) -> None:
    doc = {
        "format": "coverage-bot/1",
        "facts": [{"id": "zendaya-donation", "text": "Zendaya donated $50,000 to the fund.",
                   "keywords": ["Zendaya", "donate"],
                   "citations": [{"source": "newsnation-celebrities-ice-raids",
                                  "passage": "Zendaya gave $50,000."}]}],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = cli(capsys, "import", str(path), "--db", str(tmp_path / "b.db"))
    assert code == 0, err
    assert out.strip() == "imported 0 sources, 0 people, 1 fact, 0 quotes"


def test_ingest_of_one_article_says_one_source(tmp_path, capsys) -> None:
    code, _out, err = cli(capsys, "ingest", str(SECOND), "--outlet", "Daily Example",
                          "--title", "Stars keep up criticism", "--db", str(tmp_path / "b.db"))
    assert code == 0, err
    assert "added 1 source," in err
    assert "1 sources" not in err and " 1 facts" not in err and " 1 quotes" not in err


def test_ingest_counts_text_and_problem_counts() -> None:
    assert present.ingest_counts_text({"sources": 1, "people": 1, "facts": 2, "linked": 1}) == (
        "1 source, 1 person and 2 facts; 1 known record cited again")
    from bot.errors import Problem, ValidationFailed

    one = ValidationFailed([Problem("f.json", "is bad")], what="the file")
    assert str(one).startswith("the file is invalid (1 problem)")


def test_bank_counts_reads_a_bank() -> None:
    from bot.knowledge import check_knowledge

    bank, problems = check_knowledge(KNOWLEDGE_DIR)
    assert bank is not None, problems
    assert bank_counts(bank, last=" and ") == "1 source, 16 people, 27 facts and 14 quotes"


def test_a_one_character_article_says_one_character(tmp_path, capsys) -> None:
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("x", encoding="utf-8")
    code, _out, err = cli(capsys, "ingest", str(tiny), "--outlet", "X", "--title", "Y",
                          "--db", str(tmp_path / "b.db"))
    assert code == 1
    assert "(1 character)" in err
