"""The command line, run as a user runs it: in-process through main() and, for the
console script itself, as a subprocess. Real SQLite files in tmp_path."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import KNOWLEDGE_DIR


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL", "KNOWLEDGE_DIR",
                 "ANSWER_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's is read
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_the_answer_with_its_citation(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "b.db")
    code, out, err = run(["ask", "who did kim kardashian meet at the white house in 2024",
                          "--db", db], capsys)
    assert code == 0, err
    assert "Kamala Harris" in out
    assert "NewsNation" in out
    assert "She met with Kamala Harris at the White House in 2024" in out  # the passage


def test_ask_json_has_the_documented_fields(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["ask", "how many protestors were arrested on monday", "--json",
                        "--db", str(tmp_path / "b.db")], capsys)
    assert code == 0
    obj = json.loads(out)
    assert obj["answered"] is True
    assert "114" in obj["answer"]
    assert 0 <= obj["score"] <= 100
    assert isinstance(obj["suggestions"], list)
    (source,) = obj["sources"]
    assert set(source) >= {"outlet", "title", "url", "published", "excerpt"}
    assert source["outlet"] == "NewsNation"
    assert source["url"] is None and source["published"] is None
    assert "114 on Monday" in source["excerpt"]


def test_ask_abstains_on_what_the_coverage_does_not_say(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["ask", "what did taylor swift say about ice", "--json",
                        "--db", str(tmp_path / "b.db")], capsys)
    assert code == 0
    obj = json.loads(out)
    assert obj["answered"] is False
    assert obj["sources"] == []


def test_ask_stdin_answers_each_line_in_order(tmp_path: Path, capsys, monkeypatch) -> None:
    questions = ["who is doechii", "", "what's the weather in paris",
                 "which cities did the protests spread to"]
    code, out, _ = run(["ask", "-", "--db", str(tmp_path / "b.db")], capsys,
                       stdin="\n".join(questions) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(questions)
    assert lines[0]["answered"] is True
    assert lines[1]["answered"] is False and "error" in lines[1]
    assert lines[2]["answered"] is False
    assert "Atlanta" in lines[3]["answer"]


def test_quote_json_by_speaker_alias(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["quote", "ruffalo", "--json", "--db", str(tmp_path / "b.db")], capsys)
    assert code == 0
    obj = json.loads(out)
    assert obj["found"] is True
    assert {q["speaker"] for q in obj["quotes"]} == {"Mark Ruffalo"}
    assert any("oligarchy" in q["text"] for q in obj["quotes"])
    for q in obj["quotes"]:
        assert set(q) >= {"speaker", "text", "context", "sources"}


def test_quote_limit_and_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["quote", "-", "--limit", "1", "--db", str(tmp_path / "b.db")], capsys,
                       stdin="kardashian\nzzzzqqq\n", monkeypatch=monkeypatch)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["found"] is True and len(first["quotes"]) == 1
    assert second == {"found": False, "quotes": []}


@pytest.mark.parametrize("question", ["", "   ", "?!", "x" * 501])
def test_bad_questions_are_one_clear_line(tmp_path: Path, capsys, question: str) -> None:
    code, out, err = run(["ask", question, "--db", str(tmp_path / "b.db")], capsys)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_database_directory_is_one_clear_line(tmp_path: Path, capsys) -> None:
    code, _, err = run(["ask", "who is doechii", "--db", str(tmp_path / "no" / "b.db")], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and str(tmp_path / "no") in err


def test_check_ok_and_bad(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["check"], capsys)
    assert code == 0 and "27 facts" in out
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "x.json").write_text('{"facts": [{"id": "A"}]}', encoding="utf-8")
    code, _, err = run(["check", str(tmp_path / "k")], capsys)
    assert code == 1
    assert "x.json: facts[0] (id 'A')" in err and "Traceback" not in err


def _stats(db: str, capsys) -> dict:
    code, out, _ = run(["stats", "--json", "--db", db], capsys)
    assert code == 0
    return json.loads(out)


def test_seeding_is_idempotent(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "b.db")
    first = _stats(db, capsys)
    second = _stats(db, capsys)
    assert first == second


def test_export_import_round_trip_and_failed_import_changes_nothing(tmp_path: Path,
                                                                    capsys) -> None:
    db = str(tmp_path / "b.db")
    doc = {
        "sources": [{"id": "other-outlet", "outlet": "Other", "title": "A report",
                     "url": "https://example.org/a", "published": "2025-06-11"}],
        "facts": [{"id": "guild-fact", "text": "The parade was cancelled on Friday.",
                   "citations": [{"source": "other-outlet", "passage": "Parade cancelled."}]}],
    }
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(["import", str(good), "--guild", "42", "--db", db], capsys)
    assert code == 0, err
    code, out, _ = run(["export", "--guild", "42", "--db", db], capsys)
    exported = json.loads(out)
    assert [f["id"] for f in exported["facts"]] == ["guild-fact"]
    assert exported["sources"][0]["url"] == "https://example.org/a"

    before = _stats(db, capsys)
    bad = json.loads(json.dumps(doc))
    bad["sources"][0]["id"] = "other-2"
    bad["facts"][0]["id"] = "guild-fact-2"
    bad["facts"].append({"id": "dangling", "text": "x", "citations": [
        {"source": "missing", "passage": "y"}]})
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = run(["import", str(tmp_path / "bad.json"), "--guild", "42", "--db", db],
                       capsys)
    assert code == 1 and "unknown source 'missing'" in err
    assert _stats(db, capsys) == before


def test_chat_reads_questions_from_a_pipe(tmp_path: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["chat", "--db", str(tmp_path / "b.db")], capsys,
                       stdin="what did pedro pascal write\n/quote teigen\n/quit\n",
                       monkeypatch=monkeypatch)
    assert code == 0
    assert "Built by the best of U.S." in out
    assert "acting like a king" in out


def test_console_script_and_python_m(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["KNOWLEDGE_DIR"] = str(KNOWLEDGE_DIR)
    db = str(tmp_path / "b.db")
    for cmd in ([str(Path(sys.executable).parent / "coverage-bot")], [sys.executable, "-m", "bot"]):
        proc = subprocess.run([*cmd, "ask", "who is kehlani", "--json", "--db", db],
                              capture_output=True, text=True, env=env, cwd=tmp_path,
                              timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["answered"] is True


def test_sync_takes_db_too(tmp_path: Path, capsys, monkeypatch) -> None:
    """Every command that touches the bank takes --db; sync records what it synced there.
    (The sync itself, against the fake Discord, is in test_discord_e2e.)"""
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")
    code, _, err = run(["sync", "--db", str(tmp_path / "missing" / "b.db")], capsys)
    assert code == 1
    assert str(tmp_path / "missing") in err and "Traceback" not in err
    assert "not-a-real-token" not in err


@pytest.mark.parametrize("before", [True, False], ids=["before-command", "after-command"])
def test_db_works_before_or_after_the_command(tmp_path: Path, capsys, monkeypatch,
                                              before: bool) -> None:
    default = tmp_path / "default.db"
    monkeypatch.setenv("DATABASE_PATH", "DATABASE_URL", str(default))
    db = str(tmp_path / "scratch.db")
    argv = ["--db", db, "stats", "--json"] if before else ["stats", "--json", "--db", db]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert json.loads(out)["database"] == db
    assert Path(db).is_file() and not default.exists()


def test_db_before_ask_and_export_is_used_too(tmp_path: Path, capsys, monkeypatch) -> None:
    default = tmp_path / "default.db"
    monkeypatch.setenv("DATABASE_PATH", "DATABASE_URL", str(default))
    db = str(tmp_path / "scratch.db")
    code, _, err = run(["--db", db, "ask", "who is doechii"], capsys)
    assert code == 0, err
    code, _, err = run(["--db", db, "export", "-o", str(tmp_path / "out.json")], capsys)
    assert code == 0, err
    assert Path(db).is_file() and not default.exists()


def test_db_with_check_is_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "b.db"), "check"])
    assert exc.value.code == 2
    assert "--db does not apply" in capsys.readouterr().err


def test_chat_json_keeps_the_conversation_between_lines(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    code, out, _ = run(
        ["chat", "--json", "--db", str(tmp_path / "b.db")],
        capsys,
        stdin="who is doechii\nwhat did she say at the bet awards\nwhat else did she say\n"
        "and pedro pascal?\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == 4  # one object a line, no banner
    assert all(r["answered"] for r in replies), replies
    assert replies[0]["answer"].startswith("Doechii")
    # "she" is Doechii, and "what else" is another of her quotes
    assert replies[1]["speaker"] == replies[2]["speaker"] == "Doechii"
    assert replies[1]["record"] != replies[2]["record"]
    # "and pedro pascal?" asks the last question about him
    assert replies[3]["speaker"] == "Pedro Pascal"


def test_every_database_command_works_on_postgresql_and_moves_a_bank(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], postgres_url: str) -> None:
    """Issue 12: import, export, ingest, stats and ask with ``--db postgresql://...``; an
    export from SQLite imported into PostgreSQL moves a server's bank."""
    lite = str(tmp_path / "old.db")
    doc = tmp_path / "guild.json"
    doc.write_text(json.dumps({
        "format": "coverage-bot/1",
        "sources": [{"id": "council-vote", "outlet": "Gazette", "title": "Council votes",
                     "url": "https://example.org/vote", "published": "2026-05-01"}],
        "facts": [{"id": "council-budget", "text": "The council approved a $4 million budget "
                   "for new bike lanes.", "keywords": ["council", "budget", "bike lanes"],
                   "citations": [{"source": "council-vote", "passage": "approved $4 million"}]}],
    }), encoding="utf-8")
    assert run(["import", str(doc), "--guild", "42", "--db", lite], capsys)[0] == 0
    code, out, _ = run(["export", "--guild", "42", "--db", lite], capsys)
    assert code == 0
    moved = tmp_path / "moved.json"
    moved.write_text(out, encoding="utf-8")

    code, out, err = run(["import", str(moved), "--guild", "42", "--db", postgres_url], capsys)
    assert code == 0, err
    code, out, _ = run(["export", "--guild", "42", "--db", postgres_url], capsys)
    assert json.loads(out) == json.loads(moved.read_text(encoding="utf-8"))

    article = tmp_path / "article.txt"
    article.write_text("Harbor Town Opens Ferry Line\n\nThe new ferry line opened on Monday "
                       "with 12 daily crossings, the port authority said.\n", encoding="utf-8")
    code, _, err = run(["ingest", str(article), "--outlet", "Harbor News", "--title",
                        "Harbor Town Opens Ferry Line", "--url",
                        "https://example.org/ferry", "--db", postgres_url], capsys)
    assert code == 0, err
    code, out, _ = run(["stats", "--json", "--db", postgres_url], capsys)
    stats = json.loads(out)
    assert stats["database"] == postgres_url and stats["facts_guild"] == 1
    assert stats["sources_global"] >= 2  # the shipped article's and the ingested one
    code, out, _ = run(["ask", "--json", "how many daily crossings does the ferry make",
                        "--db", postgres_url], capsys)
    answer = json.loads(out)
    assert code == 0 and "12 daily crossings" in answer["answer"], answer


def test_database_url_selects_postgresql(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch,
                                         postgres_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "unused.db"))
    code, out, _ = run(["stats", "--json"], capsys)
    assert code == 0 and json.loads(out)["database"] == postgres_url
    assert not (tmp_path / "unused.db").exists()
    monkeypatch.setenv("DATABASE_URL", "mysql://somewhere/db")
    code, _, err = run(["stats"], capsys)
    assert code != 0 and "DATABASE_URL must be a PostgreSQL URL" in err


def test_indexing_a_large_bank_shows_a_progress_bar_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bank without a usable snapshot, from INDEXING_BAR_FROM records on, is indexed
    under a progress bar on a terminal's stderr; smaller banks, and stderr in a file or a
    pipe, get none (and every record goes through either way)."""
    from bot import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    many = [object()] * cli.INDEXING_BAR_FROM
    for stream, records, shown in ((Terminal(), many, True), (Terminal(), many[:100], False),
                                   (io.StringIO(), many, False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert list(cli._indexing_bar(records, len(records))) == records  # type: ignore[arg-type]
        out = stream.getvalue()
        assert ("indexing the bank" in out and "/20.0k" in out) == shown, out
