"""Issue 8: every input is bounded before it is read, and decoded strictly.

Hostile files given to ``ingest``, ``import`` and ``check``: special files (/dev/zero, a
FIFO, a folder), huge files, invalid UTF-8, a declared charset, NUL, lone surrogates. Real
SQLite files in tmp_path; the commands run through ``bot.cli.main``, and the ones that
would read without end before the fix run as a subprocess under a memory limit and a
timeout, so a regression fails the test instead of eating the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bot.inputs import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS
from tests.conftest import KNOWLEDGE_DIR, ROOT, cli

SECOND = ROOT / "tests" / "data" / "ingest" / "second-outlet.txt"
#: What a hostile-input subprocess may use: far below what reading /dev/zero would take.
MEMORY_LIMIT = 1024 * 1024 * 1024


pytestmark = pytest.mark.usefixtures("clean_cli_env")


def one_line_error(code: int, err: str) -> str:
    """The stderr of a refused command: exit 1 and exactly one line, no traceback."""
    assert code == 1, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(tmp_path: Path, *argv: str, stdin: bytes | None = None) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL")}
    env["KNOWLEDGE_DIR"] = str(KNOWLEDGE_DIR)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *argv], cwd=tmp_path, env=env, input=stdin,
        capture_output=True, timeout=60, preexec_fn=_limited,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def ingest(capsys, tmp_path: Path, *files: str) -> tuple[int, str, str]:
    return cli(capsys, "ingest", *files, "--outlet", "Daily Example", "--title", "Stars",
               "--dry-run", "--db", str(tmp_path / "b.db"))


# --------------------------------------------------------------------------- special files


def test_ingest_refuses_a_symlink_to_dev_zero_without_reading_it(tmp_path) -> None:
    link = tmp_path / "article.txt"
    link.symlink_to("/dev/zero")
    code, err = run_limited(tmp_path, "ingest", str(link), "--outlet", "X", "--dry-run",
                            "--db", str(tmp_path / "b.db"))
    line = one_line_error(code, err)
    assert str(link) in line and "a device" in line


def test_import_refuses_dev_zero_without_reading_it(tmp_path) -> None:
    code, err = run_limited(tmp_path, "import", "/dev/zero", "--db", str(tmp_path / "b.db"))
    line = one_line_error(code, err)
    assert "/dev/zero" in line and "a device" in line


def test_import_refuses_deep_nesting_in_bounded_memory(tmp_path) -> None:
    """A 100 KB run of "[" once took tens of gigabytes (every parser event named by its
    path); it is refused at the depth limit, under the 1 GB memory cap."""
    deep = tmp_path / "deep.json"
    deep.write_text('{"facts": ' + "[" * 100_000)
    code, err = run_limited(tmp_path, "import", str(deep), "--db", str(tmp_path / "b.db"))
    assert code == 1, err
    assert "nested too deeply (at most 32 levels)" in err and "Traceback" not in err


def test_ingest_refuses_a_fifo_without_waiting_for_a_writer(tmp_path, capsys) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _out, err = ingest(capsys, tmp_path, str(fifo))
    line = one_line_error(code, err)
    assert str(fifo) in line and "pipe" in line


def test_import_refuses_a_fifo(tmp_path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, err = run_limited(tmp_path, "import", str(fifo), "--db", str(tmp_path / "b.db"))
    line = one_line_error(code, err)
    assert str(fifo) in line and "pipe" in line


def test_ingest_and_import_refuse_a_folder(tmp_path, capsys) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    code, _out, err = ingest(capsys, tmp_path, str(folder))
    assert "folder" in one_line_error(code, err)
    code, _out, err = cli(capsys, "import", str(folder), "--db", str(tmp_path / "b.db"))
    assert "folder" in one_line_error(code, err)


def test_check_reports_a_special_file_among_the_knowledge_files(tmp_path, capsys) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zero.json").symlink_to("/dev/zero")
    code, _out, err = cli(capsys, "check", str(folder))
    assert code == 1 and "Traceback" not in err
    assert "zero.json: cannot read" in err and "a device" in err


# --------------------------------------------------------------------------- huge files


def test_ingest_refuses_a_file_over_the_limit_naming_the_limit(tmp_path, capsys) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as f:  # sparse: no disk used
        f.truncate(50 * 1024 * 1024)
    code, _out, err = ingest(capsys, tmp_path, str(huge))
    line = one_line_error(code, err)
    assert str(huge) in line and "50 MB" in line and "at most 2 MB" in line


def test_ingest_refuses_an_article_whose_text_is_too_long(tmp_path, capsys) -> None:
    sentence = "The council met on Tuesday to discuss the housing budget for next year.\n"
    long = tmp_path / "long.txt"
    long.write_text(sentence * (MAX_ARTICLE_CHARS // len(sentence) + 10), encoding="utf-8")
    assert long.stat().st_size < MAX_ARTICLE_BYTES
    code, _out, err = ingest(capsys, tmp_path, str(long))
    line = one_line_error(code, err)
    assert str(long) in line and f"at most {MAX_ARTICLE_CHARS:,}" in line


def test_check_refuses_a_knowledge_file_over_the_limit(tmp_path, capsys) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    with (folder / "huge.json").open("wb") as f:
        f.truncate(60 * 1024 * 1024)
    code, _out, err = cli(capsys, "check", str(folder))
    assert code == 1 and "Traceback" not in err
    assert "huge.json" in err and "at most 50 MB" in err


# --------------------------------------------------------------------------- decoding


def test_ingest_refuses_text_that_is_not_utf8_naming_the_byte_offset(tmp_path, capsys) -> None:
    latin = tmp_path / "latin.txt"
    text = SECOND.read_text(encoding="utf-8").replace("“", '"').replace("”", '"')
    latin.write_bytes(text.replace("Chicago", "Chicag\u00f3").encode("latin-1"))
    offset = latin.read_bytes().index(b"\xf3")
    code, _out, err = ingest(capsys, tmp_path, str(latin))
    line = one_line_error(code, err)
    assert str(latin) in line and "UTF-8" in line and f"offset {offset}" in line


def test_ingest_reads_html_in_its_declared_charset(tmp_path, capsys) -> None:
    body = "".join(f"<p>{line}</p>" for line in SECOND.read_text(encoding="utf-8").splitlines())
    body = body.replace("“", "&ldquo;").replace("”", "&rdquo;")
    body += "<p>The mayor of San Jos\u00e9 said the city police would not join the raids.</p>"
    page = tmp_path / "page.html"
    page.write_bytes(
        (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
         f'charset=ISO-8859-1"><title>Stars</title></head><body><article>{body}'
         "</article></body></html>").encode("latin-1")
    )
    out_file = tmp_path / "out.json"
    code, _out, err = cli(capsys, "ingest", str(page), "--outlet", "Daily Example",
                          "--to", str(out_file), "--to-anywhere", "--db", str(tmp_path / "b.db"))
    assert code == 0, err
    written = out_file.read_text(encoding="utf-8")
    assert "The mayor of San José said" in written and "Jos\u00c3" not in written


def test_ingest_refuses_html_that_breaks_its_declared_charset(tmp_path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b'<html><head><meta charset="shift_jis"><title>T</title></head><body>'
                     b"<p>Some text \x81\x20 here, long enough to be an article.</p></body></html>")
    code, _out, err = ingest(capsys, tmp_path, str(page))
    line = one_line_error(code, err)
    assert str(page) in line and "shift_jis" in line and "offset" in line


def test_ingest_refuses_an_article_with_nul(tmp_path, capsys) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(SECOND.read_bytes() + b"\x00more text after a NUL byte")
    code, _out, err = ingest(capsys, tmp_path, str(nul))
    line = one_line_error(code, err)
    assert str(nul) in line and "NUL" in line


# --------------------------------------------------------------------------- import


def fact(fid: str, text: str, source: str = "newsnation-celebrities-ice-raids",
         **extra: object) -> dict:
    return {"id": fid, "text": text, "citations": [{"source": source, "passage": text}],
            **extra}


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_export_imports_into_a_new_database_and_back_into_its_own(tmp_path, capsys) -> None:
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    doc = write(tmp_path / "add.json", {"facts": [fact("zendaya-gift", "Zendaya gave $5.")]})
    assert cli(capsys, "import", str(doc), "--db", first)[0] == 0
    exported = tmp_path / "export.json"
    code, _out, err = cli(capsys, "export", "-o", str(exported), "--db", first)
    assert code == 0, err
    # A new database is seeded with the shipped records first: they are in the export too.
    code, out, err = cli(capsys, "import", str(exported), "--db", second)
    assert code == 0, err
    assert out.startswith("imported 0 sources, 0 people, 1 fact, 0 quotes (")
    assert "records already there, unchanged" in out
    again = tmp_path / "again.json"
    assert cli(capsys, "export", "-o", str(again), "--db", second)[0] == 0
    assert json.loads(again.read_text("utf-8")) == json.loads(exported.read_text("utf-8"))
    # Into the database it came from: every record is already there; nothing changes.
    code, out, err = cli(capsys, "import", str(exported), "--db", first)
    assert code == 0, err
    assert out.startswith("imported 0 sources, 0 people, 0 facts, 0 quotes (")


def test_import_from_stdin_streams_too(tmp_path) -> None:
    doc = json.dumps({"facts": [fact("zendaya-gift", "Zendaya gave $5.")]}).encode()
    code, err = run_limited(tmp_path, "import", "-", "--db", str(tmp_path / "b.db"), stdin=doc)
    assert code == 0, err


def test_a_changed_record_with_a_taken_id_is_still_refused(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    doc = write(tmp_path / "x.json", {"facts": [fact("zendaya-gift", "Zendaya gave $5.")]})
    assert cli(capsys, "import", str(doc), "--db", db)[0] == 0
    write(doc, {"facts": [fact("zendaya-gift", "Zendaya gave $6.")]})
    code, _out, err = cli(capsys, "import", str(doc), "--db", db)
    assert code == 1 and "already exists, with other content" in err


def test_a_lone_surrogate_in_an_import_is_a_clear_problem(tmp_path, capsys) -> None:
    doc = tmp_path / "s.json"
    doc.write_text('{"facts": [' + json.dumps(fact("bad-text", "Zendaya gave $5.")).replace(
        "Zendaya", "Zen\\ud800daya", 1) + "]}", encoding="ascii")
    code, _out, err = cli(capsys, "import", str(doc), "--db", str(tmp_path / "b.db"))
    assert code == 1 and "Traceback" not in err
    assert "facts[0] (id 'bad-text').text: contains a lone surrogate" in err


def test_nul_in_an_import_is_a_clear_problem_and_not_stored(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    doc = write(tmp_path / "n.json", {"facts": [fact("nul-text", "Zendaya\u0000 gave $5.")]})
    code, _out, err = cli(capsys, "import", str(doc), "--db", db)
    assert code == 1
    assert "facts[0] (id 'nul-text').text: contains a NUL character" in err
    code, out, _err = cli(capsys, "stats", "--json", "--db", db)
    assert json.loads(out)["facts_global"] == 27


def test_invalid_utf8_in_an_import_names_the_byte(tmp_path, capsys) -> None:
    doc = tmp_path / "l.json"
    doc.write_bytes(json.dumps({"facts": [fact("x", "Zendaya gave $5.")]}).encode()
                    .replace(b"Zendaya", b"Zend\xe9ya"))
    code, _out, err = cli(capsys, "import", str(doc), "--db", str(tmp_path / "b.db"))
    assert code == 1 and "Traceback" not in err
    assert "near byte" in err and "UTF-8" in err


def test_import_reports_format_and_reference_problems_in_one_pass(tmp_path, capsys) -> None:
    doc = write(tmp_path / "both.json", {"facts": [
        fact("bad-format", ""),                                          # format
        fact("unknown-source", "Zendaya gave $5.", source="no-such-source"),  # reference
        fact("unknown-person", "Zendaya gave $6.", people=["nobody"]),        # reference
        fact("unknown-source", "Zendaya gave $7."),                           # duplicate id
    ]})
    code, _out, err = cli(capsys, "import", str(doc), "--db", str(tmp_path / "b.db"))
    assert code == 1
    assert "(5 problems)" in err  # the empty text and its empty passage
    assert "facts[0] (id 'bad-format').text" in err
    assert "facts[1] (id 'unknown-source').citations[0].source: unknown source" in err
    assert "facts[2] (id 'unknown-person').people: unknown person 'nobody'" in err
    assert "facts[3] (id 'unknown-source'): duplicate id" in err


def test_check_reports_format_and_reference_problems_in_one_pass(tmp_path, capsys) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.json"):
        (folder / path.name).write_bytes(path.read_bytes())
    write(folder / "bad.json", {"facts": [fact("bad-format", ""),
                                          fact("dangling", "A claim.", source="nowhere")]})
    code, _out, err = cli(capsys, "check", str(folder))
    assert code == 1
    assert "facts[0] (id 'bad-format').text" in err
    assert "facts[1] (id 'dangling').citations[0].source: unknown source 'nowhere'" in err


def test_error_lists_are_capped_at_20_with_a_count(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.db")
    doc = write(tmp_path / "many.json", {"facts": [fact(f"f-{n}", f"Fact {n}.", source=f"s-{n}")
                                                   for n in range(500)]})
    code, _out, err = cli(capsys, "import", str(doc), "--db", db)
    assert code == 1
    lines = err.strip().splitlines()
    assert "invalid (500 problems)" in lines[0]
    assert len(lines) == 22 and lines[-1].strip() == "... and 480 more problems"
    folder = tmp_path / "kb"
    folder.mkdir()
    write(folder / "many.json", json.loads(doc.read_text("utf-8")))
    code, _out, err = cli(capsys, "check", str(folder))
    assert code == 1 and len(err.strip().splitlines()) == 22
    assert err.strip().endswith("more problems")


def test_import_has_no_50_mb_ceiling_on_the_command_line(tmp_path, capsys) -> None:
    text = "x" * 3000
    facts = [fact(f"f-{n}", f"Fact number {n}: {text}") for n in range(9000)]
    doc = write(tmp_path / "big.json", {"facts": facts})
    assert doc.stat().st_size > 50 * 1024 * 1024
    code, out, err = cli(capsys, "import", str(doc), "--db", str(tmp_path / "b.db"))
    assert code == 0, err
    assert out.startswith("imported 0 sources, 0 people, 9000 facts")


def test_import_shows_a_progress_bar_only_on_a_terminal(tmp_path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    doc = write(tmp_path / "d.json", {"facts": [fact("zendaya-gift", "Zendaya gave $5.")]})
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL")}
    env.update(KNOWLEDGE_DIR=str(KNOWLEDGE_DIR), PYTHONPATH=str(ROOT))
    main_fd, term = pty.openpty()
    fcntl.ioctl(term, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    proc = subprocess.run([sys.executable, "-m", "bot", "import", str(doc), "--db",
                           str(tmp_path / "b.db")], cwd=tmp_path, env=env, stderr=term,
                          stdout=subprocess.PIPE, timeout=60)
    os.close(term)
    shown = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(main_fd, 65536):
            shown += chunk
    os.close(main_fd)
    assert proc.returncode == 0
    assert b"importing" in shown and b"100%" in shown
    code, err = run_limited(tmp_path / ".." / tmp_path.name, "import", str(doc), "--db",
                            str(tmp_path / "b.db"))
    assert code == 0 and "importing" not in err  # not a terminal: no bar


def test_import_refuses_a_huge_value_before_building_it(tmp_path) -> None:
    doc = tmp_path / "huge-value.json"
    with doc.open("w", encoding="ascii") as f:
        f.write('{"facts": [{"id": "x", "text": "')
        for _ in range(20):
            f.write("a" * (1024 * 1024))
        f.write('"}]}')
    code, err = run_limited(tmp_path, "import", str(doc), "--db", str(tmp_path / "b.db"))
    line = one_line_error(code, err)
    assert "longer than 16 MB" in line and str(doc) in line
