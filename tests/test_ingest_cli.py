"""Issue 4 end to end on the command line: ingest articles, several sources for one fact,
a conflicting figure, quote verification. Real SQLite files in tmp_path."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTICLE, KNOWLEDGE_DIR, ROOT, cli

SECOND = ROOT / "tests" / "data" / "ingest" / "second-outlet.txt"
PAGE = ROOT / "tests" / "data" / "ingest" / "example-daily-page.html"
SHIPPED_TITLE = "Kim Kardashian, other celebrities speak out against ICE raids in LA"


pytestmark = pytest.mark.usefixtures("clean_cli_env")


def stats(capsys, db: str) -> dict:
    code, out, _ = cli(capsys, "stats", "--json", "--db", db)
    assert code == 0
    return json.loads(out)


def ask(capsys, db: str, question: str) -> dict:
    code, out, err = cli(capsys, "ask", question, "--json", "--db", db)
    assert code == 0, err
    return json.loads(out)


def ingest_second(capsys, db: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "ingest", str(SECOND), "--outlet", "Daily Example", "--title",
               "Stars keep up criticism", "--published", "2025-06-12",
               "--url", "https://example.org/stars", "--db", db, *extra)


def test_dry_run_shows_what_would_be_added_and_writes_nothing(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    before = stats(capsys, db)
    code, out, err = ingest_second(capsys, db, "--dry-run")
    assert code == 0, err
    assert "Source: Daily Example — Stars keep up criticism" in out
    assert "cited again" in out and "Different figures" in out
    assert stats(capsys, db) == before


def test_a_second_source_is_cited_beside_the_first(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    code, _, err = ingest_second(capsys, db)
    assert code == 0, err
    answer = ask(capsys, db, "which cities did the protests spread to")
    assert answer["answered"]
    outlets = [s["outlet"] for s in answer["sources"]]
    assert sorted(outlets) == ["Daily Example", "NewsNation"]
    assert outlets[0] == "Daily Example"  # newest first
    assert answer["reported_by"] == "Reported by Daily Example and 1 other (2025-06-12)"
    code, out, _ = cli(capsys, "ask", "which cities did the protests spread to", "--db", db)
    assert "Reported by Daily Example and 1 other" in out


def test_a_conflicting_figure_shows_both_newest_first(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    ingest_second(capsys, db)
    answer = ask(capsys, db, "how many people did ice arrest in la")
    figures = [answer["answer"], *(c["text"] for c in answer["conflicts"])]
    assert any("over 40" in f for f in figures) and any("more than 50" in f for f in figures)
    _code, out, _ = cli(capsys, "ask", "how many people did ice arrest in la", "--db", db)
    assert "Sources disagree" in out
    assert out.index("more than 50") < out.index("over 40")  # the newer report first
    latest = ask(capsys, db, "how many people has ice arrested so far")
    assert "more than 50" in latest["answer"]


def test_ingesting_the_same_article_twice_adds_nothing(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    ingest_second(capsys, db)
    once = stats(capsys, db)
    code, _out, err = ingest_second(capsys, db)
    assert code == 0, err
    assert stats(capsys, db)["facts_global"] == once["facts_global"]
    assert stats(capsys, db)["sources_global"] == once["sources_global"]
    # And the shipped article itself, read again, is all already known.
    code, _out, err = cli(capsys, "ingest", str(ARTICLE), "--outlet", "NewsNation", "--title",
                         SHIPPED_TITLE, "--db", db)
    assert code == 0, err
    after = stats(capsys, db)
    assert after["facts_global"] == once["facts_global"]
    assert after["quotes_global"] == once["quotes_global"]


def test_html_with_boilerplate_and_several_files(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    code, out, err = cli(capsys, "ingest", str(PAGE), str(SECOND), "--outlet", "Example",
                         "--title", "Example coverage", "--dry-run", "--db", db)
    assert code == 0, err
    assert "ingesting" in err  # the progress bar, for several files
    lowered = out.lower()
    for junk in ("subscribe", "cookie", "advertisement"):
        assert junk not in lowered


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\x00\x01\x02\xff\xfe" * 50])
def test_empty_or_unreadable_file_is_one_clear_line_and_nothing_is_written(
    tmp_path, capsys, content: bytes
) -> None:
    db = str(tmp_path / "b.db")
    before = stats(capsys, db)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _out, err = cli(capsys, "ingest", str(SECOND), str(bad), "--outlet", "X",
                         "--title", "Y", "--db", db)
    assert code == 1
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("coverage-bot:")]
    assert len(errors) == 1 and "bad.txt" in errors[0]  # beside the progress bar
    assert stats(capsys, db) == before  # the good file before it was not written either


def test_missing_file_and_bad_options(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    code, _, err = cli(capsys, "ingest", str(tmp_path / "nope.txt"), "--outlet", "X",
                       "--title", "Y", "--db", db)
    assert code == 1 and "cannot read" in err
    code, _, err = ingest_second(capsys, db, "--published", "June 12")
    assert code == 1 and "--published" in err


def test_to_writes_a_valid_knowledge_file(tmp_path, capsys, monkeypatch) -> None:
    db = str(tmp_path / "b.db")
    kdir = tmp_path / "k"
    kdir.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.json"):
        (kdir / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("KNOWLEDGE_DIR", str(kdir))  # --to writes in the knowledge folder
    target = kdir / "daily-example.json"
    code, _, err = ingest_second(capsys, db, "--to", str(target))
    assert code == 0, err
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["sources"][0]["outlet"] == "Daily Example"
    code, _out, err = cli(capsys, "check", str(kdir))
    assert code == 0, err
    code, _, err = ingest_second(capsys, db, "--to", str(target))
    assert code == 1 and "exists already" in err


def test_guild_ingest_never_changes_the_shared_coverage(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    code, _, err = ingest_second(capsys, db, "--guild", "42")
    assert code == 0, err
    shared = ask(capsys, db, "which cities did the protests spread to")
    assert [s["outlet"] for s in shared["sources"]] == ["NewsNation"]
    code, out, _ = cli(capsys, "export", "--guild", "42", "--db", db)
    exported = json.loads(out)
    assert [s["outlet"] for s in exported["sources"]] == ["Daily Example"]
    assert all(f["citations"][0]["source"] != "newsnation-celebrities-ice-raids"
               for f in exported["facts"])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("There HAS to be a BETTER way.", "verbatim"),
        ("“You are pointing your guns in the wrong direction,”", "verbatim"),
        ("you are pointing your weapons in the wrong direction", "paraphrase"),
        ("Trump is acting like a king by defying the courts and issuing decrees", "paraphrase"),
        ("I have always loved the ICE agents and their hard work for America", "not_found"),
        ("Biden is using military force to stop a protest", "altered"),
    ],
)
def test_verify(tmp_path, capsys, text: str, verdict: str) -> None:
    code, out, err = cli(capsys, "verify", text, "--json", "--db", str(tmp_path / "b.db"))
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] == verdict
    if verdict != "not_found":
        assert result["speaker"] in {"Kim Kardashian", "Mark Ruffalo", "Chrissy Teigen",
                                     "Doechii"}
    if verdict == "paraphrase":
        assert "[-" in result["diff"] or "{+" in result["diff"]
    if verdict == "altered":
        assert result["diff"].startswith("[-Biden-] {+Trump+}")
        assert result["alterations"] == [{"kind": "name", "text": "Biden", "quote": "Trump"}]


def test_verify_prints_the_difference_for_a_person(tmp_path, capsys) -> None:
    code, out, _ = cli(capsys, "verify", "you are pointing your weapons in the wrong direction",
                       "--db", str(tmp_path / "b.db"))
    assert code == 0
    assert "A paraphrase: Mark Ruffalo (Instagram)" in out
    assert "[-weapons-] {+guns+}" in out
    assert "NewsNation" in out


def test_verify_says_an_altered_quote_is_not_what_was_said(tmp_path, capsys) -> None:
    code, out, _ = cli(capsys, "verify", "Biden is using military force to stop a protest",
                       "--db", str(tmp_path / "b.db"))
    assert code == 0
    assert out.startswith("Altered (a changed name): Doechii (BET Awards speech) said "
                          "something else:")
    assert "[-Biden-] {+Trump+} is using military force" in out


@pytest.mark.parametrize("short", ["a", "the courts", "Trump is"])
def test_verify_of_a_word_or_two_is_too_short_to_check(tmp_path, capsys, short: str) -> None:
    code, out, err = cli(capsys, "verify", short, "--json", "--db", str(tmp_path / "b.db"))
    assert code == 1 and out == ""
    assert "too short to check" in err and "Traceback" not in err
