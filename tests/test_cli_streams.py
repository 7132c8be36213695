"""The command line as a stream filter and a conversation, run as real subprocesses on real
SQLite files: a reader that goes away (`| head -1`), Ctrl-C, endless lines, unanswered
questions logged as they come, and the chat on a pipe and on a terminal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE_DIR

BOT = str(Path(sys.executable).parent / "coverage-bot")
UNANSWERABLE = "what is the capital of mars"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL", "COVERAGE_BOT_ENV_FILE")}
    env.update(KNOWLEDGE_DIR=str(KNOWLEDGE_DIR), **extra)
    return env


def _logged(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM unanswered").fetchone()[0])


def _start(args: list[str], tmp_path: Path, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([BOT, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=_env(**extra))


def _prepare(db: Path, tmp_path: Path) -> None:
    """Creates and seeds the bank first, so that timings below are the command's own."""
    proc = subprocess.run([BOT, "stats", "--db", str(db)], capture_output=True, text=True,
                          cwd=tmp_path, env=_env(), timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


def _interrupt(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Ctrl-C, then the rest of the output. Read through the same file objects the test read
    lines with: communicate() reads the pipes underneath and loses what readline() had
    buffered (the output is small: the pipes cannot fill meanwhile)."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("one Ctrl-C did not end it")
    out = proc.stdout.read() if proc.stdout is not None else ""
    err = proc.stderr.read() if proc.stderr is not None else ""
    return out, err


@pytest.mark.parametrize("command", ["ask", "quote"])
def test_a_reader_that_goes_away_ends_it_quietly(tmp_path: Path, command: str) -> None:
    """`coverage-bot ask - | head -1`: no BrokenPipeError traceback."""
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    questions = tmp_path / "questions.txt"
    questions.write_text("who is doechii\n" * 3000)
    with questions.open() as stdin:
        proc = subprocess.Popen([BOT, command, "-", "--db", str(db)], stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                                env=_env())
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # what head does after its line
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    assert json.loads(first)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 128 + signal.SIGPIPE


def test_batch_ask_logs_as_it_goes_and_one_ctrl_c_ends_it(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    proc = _start(["ask", "-", "--db", str(db)], tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    for i in range(5):
        proc.stdin.write(f"{UNANSWERABLE} {i}\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["answered"] is False
    deadline = time.monotonic() + 10
    while _logged(db) < 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _logged(db) == 5, "unanswered questions are logged while the input is still open"
    _, err = _interrupt(proc)
    assert proc.returncode == 130
    assert "Traceback" not in err, err
    assert _logged(db) == 5


def test_batch_ask_keeps_what_it_logged_when_interrupted_mid_stream(tmp_path: Path) -> None:
    """Ctrl-C while questions are still coming: a clean exit, and every question answered
    before it has its log (at most the batch being written when the signal came is lost)."""
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    proc = _start(["ask", "-", "--db", str(db)], tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("".join(f"{UNANSWERABLE} {i}\n" for i in range(300)))
    proc.stdin.flush()
    answered = sum(1 for _ in range(250) if proc.stdout.readline())
    assert answered == 250
    out, err = _interrupt(proc)
    assert proc.returncode == 130
    assert "Traceback" not in err, err
    printed = answered + len(out.splitlines())
    # a question answered (and its log queued) when the signal came may miss its line
    assert printed - 100 <= _logged(db) <= printed + 1


def test_quote_stream_ends_on_one_ctrl_c(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    proc = _start(["quote", "-", "--db", str(db)], tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("teigen\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["found"] is True
    _, err = _interrupt(proc)
    assert proc.returncode == 130
    assert "Traceback" not in err, err


def _peak_rss_kb(args: list[str], stdin: Path, tmp_path: Path) -> tuple[int, str]:
    """Peak memory of one run of the command (measured by a parent of its own)."""
    code = (
        "import resource, subprocess, sys\n"
        "with open(sys.argv[1], 'rb') as stdin:\n"
        "    proc = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True, text=True)\n"
        "assert proc.returncode == 0, proc.stderr\n"
        "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n')\n"
        "sys.stdout.write(proc.stdout)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(stdin), BOT, *args],
                          capture_output=True, text=True, cwd=tmp_path, env=_env(),
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    peak, _, out = proc.stdout.partition("\n")
    return int(peak), out


def test_an_endless_line_does_not_fill_the_memory(tmp_path: Path) -> None:
    """A 16 MB line is rejected as too long without being held in memory."""
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    small = tmp_path / "small.txt"
    small.write_text("x\nwho is doechii\n")
    huge = tmp_path / "huge.txt"
    with huge.open("w") as f:
        for _ in range(16):
            f.write("why " * (256 * 1024))
        f.write("\nwho is doechii\n")
    base, _ = _peak_rss_kb(["ask", "-", "--db", str(db)], small, tmp_path)
    peak, out = _peak_rss_kb(["ask", "-", "--db", str(db)], huge, tmp_path)
    first, second = (json.loads(line) for line in out.splitlines())
    assert "error" in first and "characters long" in first["error"]
    assert second["answered"] is True
    huge.unlink()
    assert peak - base < 16 * 1024, f"peak {peak} KB against {base} KB for a short input"


def test_chat_on_a_pipe_has_help_and_no_log_lines(tmp_path: Path) -> None:
    """With no command and no token, the terminal chat: /help is help, not a question, and
    no log line (even at LOG_LEVEL=DEBUG) gets into the conversation."""
    proc = subprocess.run([BOT, "--db", str(tmp_path / "b.db")],
                          input="/help\nwho is doechii\n/quit\n", capture_output=True,
                          text=True, cwd=tmp_path, env=_env(LOG_LEVEL="DEBUG"), timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "/quote WHO-OR-WORDS" in proc.stdout and "/quit" in proc.stdout
    assert "doesn't say" not in proc.stdout  # /help was not taken for a question
    assert "Doechii" in proc.stdout
    for level in ("DEBUG", "INFO", "WARNING"):
        assert f" {level} " not in proc.stdout + proc.stderr, proc.stderr


def test_chat_ends_on_one_ctrl_c_and_logs_as_it_goes(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    proc = _start(["chat", "--db", str(db)], tmp_path)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()  # the greeting
    proc.stdin.write(f"{UNANSWERABLE}\n")
    proc.stdin.flush()
    assert "doesn't say" in proc.stdout.readline()
    deadline = time.monotonic() + 10
    while _logged(db) < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _logged(db) == 1
    _, err = _interrupt(proc)
    assert proc.returncode == 130
    assert "Traceback" not in err, err


def test_chat_on_a_terminal_edits_and_recalls_lines(tmp_path: Path) -> None:
    """On a terminal the chat reads through readline: the up arrow recalls the last question."""
    pty = pytest.importorskip("pty")
    pytest.importorskip("readline")
    import select

    db = tmp_path / "b.db"
    _prepare(db, tmp_path)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the chat on the terminal
        os.chdir(tmp_path)
        os.execve(BOT, [BOT, "chat", "--db", str(db)], _env(TERM="xterm"))

    def read_until(text: str, timeout: float = 30) -> str:
        out = b""
        deadline = time.monotonic() + timeout
        while text.encode() not in out and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
        return out.decode(errors="replace")

    try:
        assert "you> " in read_until("you> ")
        os.write(fd, b"who is doechii\n")
        assert "bot> " in read_until("you> ")
        os.write(fd, b"\x1b[A\n")  # up arrow, enter: the same question again
        again = read_until("you> ")
        assert "who is doechii" in again and "bot> Doechii: Florida rapper" in again, again
        os.kill(pid, signal.SIGINT)
        read_until("never", timeout=2)
        deadline = time.monotonic() + 30  # never wait for ever: a hang is a failure
        status = None
        while status is None and time.monotonic() < deadline:
            done, raw = os.waitpid(pid, os.WNOHANG)
            status = raw if done else None
            time.sleep(0.05)
        assert status is not None, "one Ctrl-C did not end the chat"
        assert os.waitstatus_to_exitcode(status) == 130
    finally:
        os.close(fd)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
