"""Property-based tests (hypothesis): arbitrary text at every door.

The engine, the service's question rules, the knowledge loader, imports and the command
line each get arbitrary Unicode (every category, zero-width and right-to-left marks,
combining marks, emoji sequences), 100 KB strings, empty and whitespace-only input,
markdown, Discord mentions, SQL fragments, malformed JSON and malformed data files.

Properties:
- nothing crashes: a rejected input is a :class:`CoverageBotError` (on the command line:
  exit status 1 and exactly one line on stderr, no traceback);
- nothing is written on a rejected input: the database's full dump is identical before
  and after.

Settings are kept small for CI on two cores (``max_examples`` 25-60, ``deadline=None``
because the first example of a test pays for warm caches). ``too_slow`` is suppressed only
where an example is slow by design (100 KB strings, whole-database dumps).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.errors import CoverageBotError, InvalidQuestion, ValidationFailed
from bot.export_stream import parse_document
from bot.knowledge import (
    KnownIds,
    check_knowledge,
    parse_json,
)
from bot.models import Answer, Bank, kind_of
from bot.settings import Settings
from tests.conftest import KNOWLEDGE_DIR

# --------------------------------------------------------------------------- strategies

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
COMBINING = "\u0301\u0308\u0327\u20dd\u0489"
SPECIAL_SNIPPETS = [
    "",
    " ",
    "\t\n\r\x0b\x0c",
    "\u3000\u00a0\u2028\u2029",
    ZERO_WIDTH,
    BIDI,
    "\u202ewhat did doechii say\u202c",
    "who is d\u200boe\u200cch\u200dii",
    "\u0645\u0627\u0630\u0627 \u0642\u0627\u0644\u062a \u062f\u0648\u062a\u0634\u064a\u061f",
    "\u05de\u05d4 \u05d0\u05de\u05e8\u05d4 \u05e7\u05d9\u05dd?",
    "ｗｈｏ　ｉｓ　ｄｏｅｃｈｉｉ",
    "Z̴̢̛a̵̧͝l̸̨̛g̴̢͘o̵̡͝",
    "👩‍👩‍👧‍👦🏳️‍🌈🇺🇸",
    "**bold** __under__ `code` ```py\nprint(1)\n``` > quote ||spoiler|| [x](http://e.com)",
    "@everyone @here <@123456789012345678> <@&123> <#456> <:emoji:789> <t:0:R>",
    "'; DROP TABLE facts; --",
    "\" OR 1=1 --",
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
    "%s %d {0} {{}} $(whoami) `id` \\x00",
    "\x00\x01\x02\x7f",
    "\ud800"[:0] + "\ufffd\ufffe\uffff",
    "null",
    "[]",
    "{}",
]


def _printable_or_any() -> st.SearchStrategy[str]:
    # Every Unicode category except lone surrogates (which cannot be encoded to UTF-8, so
    # never reach us from Discord, a terminal or a file) plus the snippets above.
    chars = st.characters(exclude_categories=("Cs",))
    return st.one_of(
        st.text(chars, max_size=200),
        st.text(st.sampled_from(ZERO_WIDTH + BIDI + COMBINING + " \t\n"), max_size=50),
        st.sampled_from(SPECIAL_SNIPPETS),
        st.lists(st.sampled_from(SPECIAL_SNIPPETS), max_size=6).map("".join),
        st.tuples(st.sampled_from(SPECIAL_SNIPPETS), st.text(chars, max_size=40)).map(
            lambda t: t[1].join([t[0], t[0]])
        ),
    )


arbitrary_text = _printable_or_any()
#: 100 KB strings: one repeated character, a repeated snippet, or random text repeated.
huge_text = st.one_of(
    st.sampled_from(["a", " ", "\u200b", "é", "字", "🙂", "'; --", "**"]).map(
        lambda s: s * (100_000 // len(s))
    ),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=50).map(
        lambda s: (s * (100_000 // len(s) + 1))[:100_000]
    ),
)
#: Questions may also carry lone surrogates: a terminal's non-UTF-8 bytes arrive that way
#: (surrogateescape), and JSON can spell them ("\\ud800").
question_text = st.one_of(
    arbitrary_text,
    st.text(st.characters(categories=("Cs", "Ll", "Zs")), max_size=40),
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), arbitrary_text
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(arbitrary_text, children, max_size=4),
    max_leaves=20,
)
slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)


@st.composite
def near_valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Documents shaped like an export, with arbitrary values where the schema has rules."""
    def value() -> Any:
        return draw(st.one_of(arbitrary_text, json_values))

    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["format"] = draw(st.sampled_from(["coverage-bot/1", "coverage-bot/2", 1, None]))
    if draw(st.booleans()):
        doc["sources"] = [
            {"id": draw(st.one_of(slug, arbitrary_text)), "outlet": value(), "title": value(),
             "url": draw(st.one_of(st.none(), arbitrary_text)),
             "published": draw(st.one_of(st.none(), arbitrary_text))}
            for _ in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        doc["people"] = [
            {"id": draw(st.one_of(slug, arbitrary_text)), "name": value(),
             "aliases": draw(st.lists(arbitrary_text, max_size=3))}
            for _ in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        doc["facts"] = [
            {"id": draw(st.one_of(slug, arbitrary_text)), "text": value(),
             "citations": draw(st.one_of(
                 st.just([{"source": "newsnation-celebrities-ice-raids", "passage": "x"}]),
                 st.lists(st.dictionaries(st.sampled_from(["source", "passage", "x"]),
                                          arbitrary_text, max_size=3), max_size=2),
                 json_values,
             )),
             "people": draw(st.one_of(st.just([]), st.lists(arbitrary_text, max_size=2)))}
            for _ in range(draw(st.integers(0, 3)))
        ]
    if draw(st.booleans()):
        doc["quotes"] = [
            {"id": draw(st.one_of(slug, arbitrary_text)),
             "speaker": draw(st.one_of(st.none(), slug, arbitrary_text)),
             "text": value(), "context": value(),
             "citations": [{"source": draw(st.one_of(slug, arbitrary_text)),
                            "passage": value()}]}
            for _ in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        doc[draw(arbitrary_text)] = value()
    return doc


def malformed_json_text() -> st.SearchStrategy[str]:
    valid = json.dumps({"facts": [{"id": "a", "text": "t", "citations": []}]})
    return st.one_of(
        arbitrary_text,
        st.integers(0, len(valid)).map(lambda n: valid[:n]),  # truncated
        st.sampled_from([
            "{", "}", "[", "{\"facts\": [", "{'facts': []}", "{\"facts\": NaN}",
            "\ufeff{}", "{\"a\":1,}", "[1,2,]", "\"\\ud800\"", "{\"a\": \"\\u0000\"}",
            "[" * 100_000, "{\"a\":" * 5000, "1e999999", "-", "tru", "nul",
        ]),
    )


# --------------------------------------------------------------------------- knowledge


@settings(max_examples=60, deadline=None)
@given(raw=st.one_of(malformed_json_text(), arbitrary_text.map(lambda s: s.encode("utf-8")),
                     st.binary(max_size=300)))
def test_parse_document_rejects_any_malformed_input_with_a_clear_message(
    raw: str | bytes,
) -> None:
    try:
        bank = parse_document(raw, where="upload.json")
    except ValidationFailed as exc:
        message = str(exc)
        assert message.startswith("upload.json is invalid (")
        assert exc.problems, "a rejection names at least one problem"
        assert all(str(p).strip() for p in exc.problems)
        assert "Traceback" not in message
    else:
        # Only a document that is really an empty (or all-empty-list) bank can pass.
        assert isinstance(bank, Bank)
        assert len(bank) == 0


@settings(max_examples=60, deadline=None)
@given(doc=st.one_of(near_valid_documents(), json_values))
def test_parse_document_never_crashes_on_arbitrary_json(doc: Any) -> None:
    raw = json.dumps(doc, ensure_ascii=False)
    known = KnownIds(sources={"newsnation-celebrities-ice-raids"})
    try:
        bank = parse_document(raw, where="doc", known=known)
    except ValidationFailed as exc:
        assert exc.problems
        assert str(exc).startswith("doc is invalid (")
        for problem in exc.problems:
            # Each problem says where: the document, then a record/field path.
            assert problem.where.startswith("doc")
            assert problem.message
    else:
        # Accepted: every record made it through the schema, so its fields are sane.
        for record in bank.records():
            assert record.id and record.id == record.id.strip()
        assert isinstance(doc, dict)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contents=st.lists(st.one_of(malformed_json_text(), near_valid_documents().map(json.dumps)),
                         min_size=1, max_size=3))
def test_check_knowledge_reports_every_bad_file_and_loads_nothing(
    tmp_path_factory: pytest.TempPathFactory, contents: list[str]
) -> None:
    directory = tmp_path_factory.mktemp("knowledge")
    for i, text in enumerate(contents):
        (directory / f"{i:02d}-file.json").write_text(text, encoding="utf-8")
    bank, problems = check_knowledge(directory)
    if bank is None:
        assert problems
        for problem in problems:
            assert str(directory) in problem.where  # every problem names its file
    else:
        assert problems == []


def test_check_knowledge_handles_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"\xff\xfe\x00{")
    (tmp_path / "b.json").mkdir()  # a folder named like a data file is not a file
    (tmp_path / "c.json").write_text("", encoding="utf-8")
    bank, problems = check_knowledge(tmp_path)
    assert bank is None
    wheres = " ".join(p.where for p in problems)
    assert "a.json" in wheres and "c.json" in wheres
    assert any("UTF-8" in p.message for p in problems)


@settings(max_examples=40, deadline=None)
@given(raw=malformed_json_text())
def test_parse_json_returns_problems_not_exceptions(raw: str) -> None:
    data, problems = parse_json(raw, "x")
    assert (data is None) == bool(problems)
    if data is not None:
        assert isinstance(data, dict)


@settings(max_examples=10, deadline=None)
@given(text=huge_text)
def test_huge_strings_in_a_record_are_rejected_by_field_limits(text: str) -> None:
    doc = {"sources": [{"id": "s", "outlet": "O", "title": text}],
           "facts": [{"id": "f", "text": text,
                      "citations": [{"source": "s", "passage": text}]}]}
    with pytest.raises(ValidationFailed) as info:
        parse_document(json.dumps(doc), where="big")
    message = str(info.value)
    assert "big is invalid" in message
    assert "sources[0]" in message and "facts[0]" in message
    # A clear message names the field and the limit; it does not echo 100 KB back (it would
    # not even fit in a Discord message).
    for problem in info.value.problems:
        assert len(str(problem)) < 400, str(problem)[:200]


def test_shipped_knowledge_still_loads() -> None:
    bank, problems = check_knowledge(KNOWLEDGE_DIR)
    assert problems == [] and bank is not None



# --------------------------------------------------------------------------- the engine


@pytest.fixture(scope="module")
def engine(shipped_bank: Bank) -> Any:
    from bot.engine import Engine

    return Engine(shipped_bank)


def _check_answer(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.text.strip(), "every reply says something"
    assert 0 <= answer.score <= 100
    assert len(answer.suggestions) <= 3
    if answer.answered:
        # The bot cites its source for every answer.
        assert answer.sources and all(s.outlet and s.excerpt for s in answer.sources)
        assert answer.record_id is not None
    else:
        assert answer.sources == ()
    json.dumps(answer.as_json(), ensure_ascii=False)  # always serialisable


@settings(max_examples=60, deadline=None)
@given(question=question_text)
@example(question="")
@example(question="\u200b\u200b\u202e")
@example(question="who is d\u200boe\u200cch\u200dii")
@example(question="'; DROP TABLE facts; --")
def test_engine_answers_or_abstains_on_any_text(engine: Any, question: str) -> None:
    _check_answer(engine.answer(question))
    _check_answer(engine.answer(question, guild_id=123))
    for hit in engine.find_quotes(question, limit=3):
        assert hit.quote.text
    engine.search_speakers(question[:100], limit=5)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=huge_text)
def test_engine_survives_100_kb_questions(engine: Any, question: str) -> None:
    # Callers cap questions at MAX_QUESTION_LENGTH; the engine must still not fall over
    # (too_slow suppressed: each example is 100 KB by design).
    _check_answer(engine.answer(question))


# --------------------------------------------------------------------------- the service


def db_digest(path: Path) -> str:
    """A digest of everything committed in the database (a read-only second connection)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest()


class Live:
    """An open service on a real database file, driven from synchronous hypothesis tests
    (one event loop kept for the module, so examples share the database)."""

    def __init__(self, path: Path) -> None:
        from bot.service import CoverageService

        self.path = path
        self.runner = asyncio.Runner()
        settings_ = Settings(database_path=path, knowledge_dir=KNOWLEDGE_DIR,
                             question_cooldown=0.0)
        self.service = self.run(CoverageService.open(settings_))

    def run(self, coro: Any) -> Any:
        return self.runner.run(coro)

    def close(self) -> None:
        self.run(self.service.close())
        self.runner.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    live = Live(tmp_path_factory.mktemp("live") / "bank.db")
    yield live
    live.close()


def _one_line(message: str) -> None:
    assert message.strip() and "\n" not in message and "Traceback" not in message


@settings(max_examples=60, deadline=None)
@given(question=st.one_of(question_text, huge_text))
@example(question="")
@example(question="what did \udcff say about the \ud800 raids")
@example(question="   \t\n ")
@example(question=ZERO_WIDTH + BIDI)
@example(question="?!…")
def test_service_ask_answers_or_rejects_without_writing(live: Live, question: str) -> None:
    live.run(live.service.flush())  # an earlier example's abstention log, written meanwhile
    before = db_digest(live.path)
    try:
        answer = live.run(live.service.ask(question, guild_id=42, user_id=7))
        live.run(live.service.flush())  # abstentions are logged in the background
    except InvalidQuestion as exc:
        _one_line(str(exc))
        assert db_digest(live.path) == before, "a rejected question wrote to the database"
        return
    _check_answer(answer)
    if answer.answered:
        # An answered question writes nothing either (only abstentions are logged).
        assert db_digest(live.path) == before


def test_service_rejects_blank_and_invisible_questions_with_one_message(live: Live) -> None:
    messages = set()
    for question in ("", " ", "\n\t", ZERO_WIDTH, BIDI, ZERO_WIDTH + " " + BIDI, "?!", "**"):
        with pytest.raises(InvalidQuestion) as info:
            live.run(live.service.ask(question))
        messages.add(str(info.value))
    assert len(messages) == 1 and "question" in messages.pop().casefold()
    with pytest.raises(InvalidQuestion, match="characters long"):
        live.run(live.service.ask("a" * 100_000))


@settings(max_examples=40, deadline=None)
@given(doc=st.one_of(near_valid_documents(), json_values), guild=st.sampled_from([None, 5, 6]))
def test_import_is_all_or_nothing_for_any_document(live: Live, doc: Any, guild: int | None
                                                   ) -> None:
    raw = json.dumps(doc, ensure_ascii=False)
    before = db_digest(live.path)
    stats_before = live.run(live.service.storage.stats())
    try:
        bank = live.run(live.service.import_document(raw, actor="prop", guild_id=guild))
    except CoverageBotError as exc:
        assert str(exc).strip()
        assert db_digest(live.path) == before, "a rejected import wrote to the database"
        assert live.run(live.service.storage.stats()) == stats_before
        return
    stats = live.run(live.service.storage.stats())
    assert stats["audit_rows"] == stats_before["audit_rows"] + len(bank)
    for record in bank.records():
        stored = live.run(live.service.storage.get(kind_of(record), record.id))
        assert stored == record  # every character kept, zero-width and RTL marks included


@settings(max_examples=40, deadline=None)
@given(text=st.one_of(arbitrary_text, huge_text), passage=arbitrary_text,
       keywords=st.lists(arbitrary_text, max_size=3))
def test_admin_writes_store_exactly_or_change_nothing(live: Live, text: str, passage: str,
                                                      keywords: list[str]) -> None:
    from bot.models import Citation, Fact

    service = live.service
    fact_id = live.run(service.next_id("fact", text))
    fact = Fact(id=fact_id, text=text, keywords=tuple(keywords), guild_id=99,
                citations=(Citation("newsnation-celebrities-ice-raids", passage),))
    before = db_digest(live.path)
    try:
        live.run(service.add(fact, actor="prop"))
    except CoverageBotError as exc:
        assert str(exc).strip()
        assert db_digest(live.path) == before, "a rejected write changed the database"
        return
    assert live.run(service.storage.get("fact", fact_id)) == fact
    (entry,) = live.run(service.storage.audit_log(guild_id=99, record_id=fact_id, limit=5))
    assert entry.action == "add" and entry.after is not None and entry.after["text"] == text


# --------------------------------------------------------------------------- command line


def run_cli(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    from bot.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A seeded database for the command line, in a folder with no ``.env``."""
    folder = tmp_path_factory.mktemp("cli")
    mp = pytest.MonkeyPatch()
    for name in ("DISCORD_TOKEN", "DATABASE_PATH", "ANSWER_THRESHOLD", "LOG_LEVEL"):
        mp.delenv(name, raising=False)
    mp.setenv("KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    mp.chdir(folder)
    db = folder / "bank.db"
    code, _, err = run_cli(["stats", "--db", str(db)])
    assert code == 0, err
    yield db
    mp.undo()


def _assert_clean_failure(code: int, err: str) -> None:
    assert code == 1, err
    lines = err.splitlines()
    assert lines and lines[0].startswith("coverage-bot: ")
    assert "Traceback" not in err
    # One line, or one line and then the listed problems of a validation failure.
    if len(lines) > 1:
        head = re.search(r"invalid \(([\d,]+) problems?\)", lines[0])
        assert head, err[:300]
        count = int(head.group(1).replace(",", ""))
        listed = min(count, 20)  # the first 20, then a count of the rest
        assert all(line.startswith("  - ") for line in lines[1:listed + 1])
        assert len(lines) - 1 == listed + (count > listed)
        if count > listed:
            more = count - listed
            assert lines[-1] == f"  ... and {more} more problem{'s' if more != 1 else ''}"


@settings(max_examples=30, deadline=None)
@given(question=st.one_of(question_text, huge_text).filter(lambda s: "\x00" not in s))
@example(question="")
@example(question="-x")
def test_cli_ask_answers_or_fails_in_one_line(cli_db: Path, question: str) -> None:
    before = db_digest(cli_db)
    code, out, err = run_cli(["ask", "--db", str(cli_db), "--json", "--", question])
    if code == 0:
        obj = json.loads(out)
        assert isinstance(obj["answered"], bool)
        assert err == ""
    else:
        _assert_clean_failure(code, err)
        assert db_digest(cli_db) == before


@settings(max_examples=20, deadline=None)
@given(lines=st.lists(st.one_of(arbitrary_text, huge_text).map(
    lambda s: s.replace("\n", " ").replace("\r", " ").replace("\x0b", " ").replace(
        "\x0c", " ").replace("\x1c", " ").replace("\x1d", " ").replace("\x1e", " ").replace(
        "\x85", " ").replace("\u2028", " ").replace("\u2029", " ")), min_size=1, max_size=4))
def test_cli_ask_stdin_gives_one_json_object_per_line(cli_db: Path, lines: list[str]) -> None:
    code, out, err = run_cli(["ask", "-", "--db", str(cli_db)], stdin="\n".join(lines) + "\n")
    assert code == 0, err
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == len(lines)
    for obj in objects:
        assert isinstance(obj["answered"], bool)
        if "error" in obj:
            assert obj["answered"] is False and obj["error"].strip()


@settings(max_examples=30, deadline=None)
@given(content=st.one_of(malformed_json_text(), near_valid_documents().map(json.dumps),
                         st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_cli_import_of_a_bad_file_changes_nothing(cli_db: Path, content: str) -> None:
    path = cli_db.parent / "upload.json"
    path.write_text(content, encoding="utf-8")
    before = db_digest(cli_db)
    code, out, err = run_cli(["import", str(path), "--db", str(cli_db), "--guild", "77"])
    if code != 0:
        _assert_clean_failure(code, err)
        assert db_digest(cli_db) == before
    else:
        assert out.startswith("imported ")


def test_cli_import_of_unreadable_input_is_one_line(cli_db: Path) -> None:
    before = db_digest(cli_db)
    for path in (cli_db.parent / "missing.json", cli_db.parent):
        code, _, err = run_cli(["import", str(path), "--db", str(cli_db)])
        _assert_clean_failure(code, err)
        assert len(err.splitlines()) == 1
    (cli_db.parent / "latin1.json").write_bytes(b'{"facts": "\xe9t\xe9"}')
    code, _, err = run_cli(["import", str(cli_db.parent / "latin1.json"), "--db", str(cli_db)])
    _assert_clean_failure(code, err)
    assert db_digest(cli_db) == before


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=st.lists(malformed_json_text(), min_size=1, max_size=3))
def test_cli_check_reports_bad_data_files(tmp_path_factory: pytest.TempPathFactory,
                                          contents: list[str]) -> None:
    # too_slow: each example writes files into a fresh folder.
    folder = tmp_path_factory.mktemp("data")
    for i, text in enumerate(contents):
        (folder / f"{i}.json").write_text(text, encoding="utf-8")
    code, out, err = run_cli(["check", str(folder)])
    if code == 0:
        assert "OK" in out
    else:
        _assert_clean_failure(code, err)


def test_cli_argv_that_is_not_utf8_is_handled(tmp_path: Path) -> None:
    """A terminal can pass bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "ANSWER_THRESHOLD")}
    env["KNOWLEDGE_DIR"] = str(KNOWLEDGE_DIR)
    db = str(tmp_path / "bank.db")
    exe = str(Path(sys.executable).with_name("coverage-bot"))
    for arg in (b"what did \xff say", b"\xc3", b"who is doechii \xed\xa0\x80"):
        proc = subprocess.run([exe.encode(), b"ask", b"--db", db.encode(), arg], env=env,
                              cwd=tmp_path, capture_output=True, timeout=60)
        err = proc.stderr.decode("utf-8", "replace")
        assert "Traceback" not in err, err[-2000:]
        assert proc.returncode in (0, 1), err
        if proc.returncode == 1:
            assert len(err.splitlines()) == 1 and err.startswith("coverage-bot: ")
