"""Faults: the process killed mid-write, Discord misbehaving, and a database that cannot be
used. Real processes, a real SQLite file, the real bot against the fake Discord.

* SIGKILL in the middle of a 10,000-fact import (the CLI, a child process) and in the middle
  of a stream of admin edits (a child doing service writes and printing an ack after each
  awaited write): after restart the database passes ``PRAGMA integrity_check``, the import
  is all there or not at all, and every acknowledged edit is there.
* Discord: repeated 429s, 5xx answers, the gateway dropping, invalid sessions, while users
  keep asking: every question is answered exactly once once Discord is back (one that was
  lost to a failure Discord does not ask clients to retry is answered at most once).
* The database read-only, its folder missing, or from a newer schema version: one clear
  message (CLI: exit 1, one line, no traceback; ``Storage.open``: ``StorageError``) and the
  file's bytes unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.client import CoverageBot
from bot.errors import StorageError
from bot.models import Source
from bot.service import CoverageService
from bot.settings import Settings
from bot.storage import LATEST_VERSION, Storage
from tests.conftest import KNOWLEDGE_DIR, ROOT, until
from tests.fakediscord.fixtures import World, running_bot, running_fake
from tests.fakediscord.server import FakeDiscord
from tests.postgres_server import PostgresServer

SOURCE_ID = "newsnation-celebrities-ice-raids"
MESSAGES = "/channels/{channel_id}/messages"
WEBHOOK = "/webhooks/{webhook_id}/{webhook_token}"


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL", "ANSWER_THRESHOLD",
                        "LOG_LEVEL")}
    env.update(KNOWLEDGE_DIR=str(KNOWLEDGE_DIR), PYTHONPATH=str(ROOT), **extra)
    return env


def cli(*args: str, cwd: Path, timeout: float = 120, **popen: Any
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, env=child_env(),
                          capture_output=True, text=True, timeout=timeout, **popen)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def reopen_and_check(db: Path) -> dict[str, int]:
    """Open the database as the bot would after a crash; it must be sound."""
    async with await Storage.open(db) as storage:
        assert await storage.integrity_check() == "ok"
        return await storage.stats()


def seeded_db(folder: Path) -> Path:
    db = folder / "bank.db"
    done = cli("stats", "--db", str(db), cwd=folder)
    assert done.returncode == 0, done.stderr
    return db


# --------------------------------------------------------------------------- SIGKILL: import


def bulk_document(n: int) -> dict[str, Any]:
    return {"format": "coverage-bot/1", "facts": [
        {"id": f"bulk-fact-{i:05d}",
         "text": f"Bulk fact number {i:05d} says that the coverage keeps growing.",
         "citations": [{"source": SOURCE_ID, "passage": f"Passage {i:05d} of the article."}],
         "keywords": ["bulk", f"k{i}"]}
        for i in range(n)]}


def write_lock_held(db: Path) -> bool:
    """Whether another connection holds the database's write lock right now (it is inside a
    write transaction): ``BEGIN IMMEDIATE`` without waiting fails with SQLITE_BUSY."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    finally:
        conn.close()


@dataclass
class KillResult:
    killed_at: float
    during_write: bool
    acked: bool
    bulk: int


def kill_import(db: Path, doc: Path, *, when: str, delay: float, rng: random.Random
                ) -> KillResult:
    """Run ``coverage-bot import`` and SIGKILL it: ``when="write"`` once its write
    transaction is under way (the write lock held for a while) plus up to ``delay``;
    ``when="random"`` after ``delay`` seconds whatever it is doing."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", "import", str(doc), "--db", str(db)],
                            cwd=db.parent, env=child_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    start = time.perf_counter()
    during = False
    try:
        if when == "write":
            held = 0
            while proc.poll() is None and time.perf_counter() - start < 60:
                held = held + 1 if write_lock_held(db) else 0
                if held >= 3:  # not the start-up sync's brief transaction: the import's
                    time.sleep(rng.uniform(0, delay))
                    during = write_lock_held(db)
                    break
                time.sleep(0.002)
        else:
            time.sleep(delay)
        killed_at = time.perf_counter() - start
        proc.send_signal(signal.SIGKILL)
    finally:
        out, _ = proc.communicate(timeout=30)
    acked = "imported" in out
    return KillResult(killed_at, during, acked, -1)


async def test_sigkill_during_a_10000_fact_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    n = 10_000
    doc = tmp_path / "bulk.json"
    doc.write_text(json.dumps(bulk_document(n)), encoding="utf-8")
    seed = random.randrange(2**32)
    rng = random.Random(seed)

    # An uninterrupted import, timed, on its own database: the reference.
    ref_dir = tmp_path / "ref"
    ref_dir.mkdir()
    ref_db = seeded_db(ref_dir)
    base = (await reopen_and_check(ref_db))["facts_global"]
    t0 = time.perf_counter()
    done = cli("import", str(doc), "--db", str(ref_db), cwd=ref_dir)
    duration = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"imported 0 sources, 0 people, {n} facts")
    assert (await reopen_and_check(ref_db))["facts_global"] == base + n

    # Two kills inside the write transaction (early and late in it), one at a random moment
    # of the whole run (start-up, validation, writing or already done).
    trials = [("write", 0.02), ("write", 0.4), ("random", rng.uniform(0.2, duration * 1.1))]
    reimported = False
    outcomes: list[tuple[str, float, bool, int]] = []

    async def trial(i: int, when: str, delay: float) -> None:
        nonlocal reimported
        folder = tmp_path / f"trial{i}"
        folder.mkdir()
        db = seeded_db(folder)
        base = (await reopen_and_check(db))["facts_global"]
        result = kill_import(db, doc, when=when, delay=delay, rng=rng)
        stats = await reopen_and_check(db)
        result.bulk = stats["facts_global"] - base
        outcomes.append((when, round(result.killed_at, 3), result.during_write, result.bulk))
        assert result.bulk in (0, n), f"half an import after SIGKILL (seed {seed}): {outcomes}"
        if result.acked:
            assert result.bulk == n, "the import was acknowledged but is not there"
        if result.during_write:
            assert not result.acked
        if result.bulk == 0 and not reimported:
            # The database is usable afterwards: the import can simply be run again.
            again = cli("import", str(doc), "--db", str(db), cwd=folder)
            assert again.returncode == 0, again.stderr
            assert (await reopen_and_check(db))["facts_global"] == base + n
            reimported = True

    for i, (when, delay) in enumerate(trials):
        await trial(i, when, delay)
    # At least one kill must land inside the import's write transaction, or the test proved
    # nothing about atomicity. On a busy machine the polling can miss the transaction: a few
    # more tries, killing as soon as the write lock is seen held.
    for i in range(len(trials), len(trials) + 3):
        if any(o[2] for o in outcomes):
            break
        await trial(i, "write", 0.0)
    assert any(o[2] for o in outcomes), f"no kill landed mid-transaction: {outcomes}"


# --------------------------------------------------------------------------- SIGKILL: edits


EDITS_SCRIPT = textwrap.dedent('''
    """A stream of admin writes through the service: 'begin' before, 'ack' after each one."""
    import asyncio, sys
    from dataclasses import replace
    from pathlib import Path

    from bot.models import Citation, Fact
    from bot.service import CoverageService
    from bot.settings import Settings

    async def main(db: str, knowledge: str, run: str) -> None:
        settings = Settings(database_path=Path(db), knowledge_dir=Path(knowledge))
        service = await CoverageService.open(settings)
        print("ready", flush=True)
        ids: list[str] = []
        n = 0
        while True:
            n += 1
            if n % 4 == 1 or not ids:
                fid = f"edit-{run}-{n}"
                fact = Fact(id=fid, text=f"Fact {fid} at version {n}.", guild_id=7,
                            citations=(Citation("newsnation-celebrities-ice-raids", "p"),))
                print(f"begin add {fid} {n}", flush=True)
                await service.add(fact, actor="edits")
                ids.append(fid)
                print(f"ack add {fid} {n}", flush=True)
            elif n % 9 == 0 and len(ids) > 2:
                fid = ids.pop(0)
                print(f"begin remove {fid} {n}", flush=True)
                await service.remove("fact", fid, actor="edits", guild_id=7)
                print(f"ack remove {fid} {n}", flush=True)
            else:
                fid = ids[n % len(ids)]
                current = service.visible("fact", fid, 7)
                print(f"begin update {fid} {n}", flush=True)
                await service.update(replace(current, text=f"Fact {fid} at version {n}."),
                                     actor="edits")
                print(f"ack update {fid} {n}", flush=True)

    asyncio.run(main(*sys.argv[1:4]))
''')


def expected_after(lines: list[str]) -> tuple[dict[str, int | None], tuple[str, str, int] | None]:
    """From the child's output: each fact's last acknowledged state (version, or None when
    removed) and the one write under way when it died (begun, not acknowledged)."""
    state: dict[str, int | None] = {}
    pending: tuple[str, str, int] | None = None
    for line in lines:
        parts = line.split()
        if len(parts) != 4:
            continue
        what, op, fid, n = parts[0], parts[1], parts[2], int(parts[3])
        if what == "begin":
            pending = (op, fid, n)
        elif what == "ack":
            state[fid] = None if op == "remove" else n
            pending = None
    return state, pending


async def test_sigkill_during_admin_edits_keeps_every_acknowledged_edit(tmp_path: Path) -> None:
    db = seeded_db(tmp_path)
    script = tmp_path / "edits.py"
    script.write_text(EDITS_SCRIPT, encoding="utf-8")
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for run in range(3):
        proc = subprocess.Popen([sys.executable, str(script), str(db), str(KNOWLEDGE_DIR),
                                 f"r{run}"], cwd=tmp_path, env=child_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        lines: list[str] = []
        target = rng.randrange(10, 120)
        acks = 0
        while acks < target:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the writer stopped: {proc.stderr.read()}")  # type: ignore
            lines.append(line.strip())
            acks += line.startswith("ack ")
        time.sleep(rng.uniform(0, 0.01))  # somewhere inside the next write, or between
        proc.send_signal(signal.SIGKILL)
        # The rest of the output through the same file object: communicate() would read the
        # pipe underneath it and lose the lines readline() had already buffered (an ack
        # lost so made a committed write look unacknowledged: a flaky failure).
        rest = proc.stdout.read()
        proc.wait(timeout=30)
        lines += rest.splitlines()  # acks printed before the kill count too
        state, pending = expected_after(lines)
        assert len(state) >= 3

        async with await Storage.open(db) as storage:
            assert await storage.integrity_check() == "ok"
            for fid, version in state.items():
                stored = await storage.get("fact", fid)
                allowed: set[int | None] = {version}
                if pending is not None and pending[1] == fid:  # may or may not have committed
                    allowed.add(None if pending[0] == "remove" else pending[2])
                got = None if stored is None else int(stored.text.rsplit(" ", 1)[1].rstrip("."))
                assert got in allowed, (
                    f"{fid}: acknowledged {version}, stored {got} (seed {seed}, run {run})")
            # The audit log holds one row per committed write, no more.
            audit = await storage.audit_log(guild_id=7, limit=100_000)
            committed = {int(e.after["text"].rsplit(" ", 1)[1].rstrip(".")) if e.after
                         else int(e.before["text"].rsplit(" ", 1)[1].rstrip("."))
                         for e in audit if e.record_id.startswith(f"edit-r{run}-")
                         and e.action != "remove"}
            acked_versions = {int(ln.split()[3]) for ln in lines
                              if ln.startswith(("ack add", "ack update"))}
            assert acked_versions <= committed


# --------------------------------------------------------------------------- unusable database


def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply. Root ignores them (its
    CAP_DAC_OVERRIDE), so when the tests run as root the child runs as root *without* that
    capability (util-linux ``setpriv``); any other user needs nothing."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root: util-linux setpriv is needed to test permissions"
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def cli_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*unprivileged(), sys.executable, "-m", "bot", *args], cwd=cwd,
                          env=child_env(), capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


STORAGE_OPEN_SCRIPT = textwrap.dedent('''
    import asyncio, sys
    from bot.errors import StorageError
    from bot.storage import Storage

    async def main(path: str) -> None:
        try:
            storage = await Storage.open(path)
        except StorageError as exc:
            print("StorageError:", exc)
            return
        await storage.close()
        print("opened")

    asyncio.run(main(sys.argv[1]))
''')


def storage_open_unprivileged(path: Path, cwd: Path) -> str:
    """``Storage.open`` in a child under :func:`unprivileged`: what it said."""
    done = subprocess.run([*unprivileged(), sys.executable, "-c", STORAGE_OPEN_SCRIPT,
                           str(path)], cwd=cwd, env=child_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.strip()


def test_permissions_apply_to_the_unprivileged_child(tmp_path: Path) -> None:
    """The premise of the read-only tests: the child really cannot write a 0444 file."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0o444)
    done = subprocess.run([*unprivileged(), sys.executable, "-c",
                           f"open({str(probe)!r}, 'a').write('y')"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "Permission denied" in done.stderr
    assert probe.read_text() == "x"


def assert_one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("coverage-bot: ")
    for word in words:
        assert word in line, line
    return line


def test_a_read_only_database_file_is_refused_untouched(tmp_path: Path) -> None:
    shared_dir = tmp_path
    db = seeded_db(shared_dir)
    db.chmod(0o444)
    before = sha(db)
    for command in (["stats"], ["ask", "who is doechii"], ["import", "-"]):
        done = cli_unprivileged(*command, "--db", str(db), cwd=shared_dir)
        assert_one_clear_line(done, str(db), "read-only")
        assert sha(db) == before
    assert "read-only" in storage_open_unprivileged(db, shared_dir)
    assert sha(db) == before


def test_a_database_in_a_read_only_folder_is_refused_untouched(tmp_path: Path) -> None:
    shared_dir = tmp_path
    folder = shared_dir / "ro"
    folder.mkdir()
    db = seeded_db(folder)
    db.chmod(0o666)
    folder.chmod(0o555)
    before = sha(db)
    done = cli_unprivileged("stats", "--db", str(db), cwd=shared_dir)
    assert_one_clear_line(done, str(folder), "not writable")
    assert "not writable" in storage_open_unprivileged(db, shared_dir)
    assert sha(db) == before
    # no -wal/-shm left (the engine snapshot beside it is from seeding, before the chmod)
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".engine") == ["bank.db"]
    folder.chmod(0o755)  # so that pytest can clean up


async def test_a_missing_database_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "folder" / "bank.db"
    done = cli("stats", "--db", str(db), cwd=tmp_path)
    assert_one_clear_line(done, str(db.parent), "does not exist")
    done = cli("ask", "who is doechii", "--db", str(db), cwd=tmp_path)
    assert_one_clear_line(done, "does not exist")
    with pytest.raises(StorageError, match="does not exist"):
        await Storage.open(db)
    assert not (tmp_path / "no").exists()


def make_newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in: one file to compare
    conn.close()


async def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = seeded_db(tmp_path)
    make_newer(db)
    before = sha(db)
    for command in (["stats"], ["ask", "what did doechii say?"], ["export"]):
        done = cli(*command, "--db", str(db), cwd=tmp_path)
        assert_one_clear_line(done, "newer", "upgrade coverage-bot")
        assert sha(db) == before
    with pytest.raises(StorageError, match="newer"):
        await Storage.open(db)
    settings = Settings(database_path=db, knowledge_dir=KNOWLEDGE_DIR)
    with pytest.raises(StorageError, match="newer"):
        await CoverageService.open(settings)
    assert sha(db) == before


async def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"these are my notes, not a database\n" * 100)
    before = sha(db)
    done = cli("stats", "--db", str(db), cwd=tmp_path)
    assert_one_clear_line(done, "not an SQLite database")
    with pytest.raises(StorageError):
        await Storage.open(db)
    assert sha(db) == before
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    before = sha(other)
    assert_one_clear_line(cli("stats", "--db", str(other), cwd=tmp_path),
                          "another program's")
    assert sha(other) == before


# --------------------------------------------------------------------------- Discord faults


@dataclass
class Asked:
    id: int
    channel_id: int


@contextlib.asynccontextmanager
async def bot_against(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[CoverageBot]:
    settings = Settings(database_path=tmp_path / "bank.db", knowledge_dir=KNOWLEDGE_DIR,
                        question_cooldown=0.0)
    service = await CoverageService.open(settings)
    try:
        bot = CoverageBot(settings=settings, service=service)
        async with running_bot(fake, bot, timeout=20) as running:
            yield running
    finally:
        await service.close()


def replies_to(fake: FakeDiscord, message_id: int) -> list[dict[str, Any]]:
    """The bot's successful reply requests to one message (a reply sent twice shows twice)."""
    return [r.json for r in fake.requests_to("POST", MESSAGES)
            if r.ok and isinstance(r.json, dict)
            and str((r.json.get("message_reference") or {}).get("message_id")) == str(message_id)]


def answers_to(fake: FakeDiscord, token: str) -> list[Any]:
    return [r.json for r in fake.requests_to("POST", WEBHOOK)
            if r.ok and r.params.get("webhook_token") == token]


async def ask_mention(fake: FakeDiscord, world: World, text: str, *, other: bool = False
                      ) -> Asked:
    guild = world.other_guild if other else world.guild
    channel = world.other_channel if other else world.channel
    member = world.other_member if other else world.member
    handle = await fake.send_message(guild.id, channel.id, member,
                                     f"<@{fake.bot_user.id}> {text}")
    return Asked(handle.id, channel.id)


async def settle(fake: FakeDiscord, check: Any, timeout: float, what: str) -> None:
    await fake.wait_until(check, timeout, what)


QUESTIONS = ["what did Doechii say at the BET Awards?", "what did Mark Ruffalo say?",
             "how many protestors were arrested on monday?", "who is kim kardashian?"]


async def test_repeated_429s_and_5xx_every_question_answered_exactly_once(tmp_path: Path
                                                                          ) -> None:
    """429s (per-route and global) on every kind of request the bot makes while answering,
    and 5xx that Discord asks clients to retry on its message and followup requests:
    discord.py waits and retries, and each question gets exactly one answer."""
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        async with bot_against(fake, tmp_path):
            def answers(method: str, path: str) -> bool:
                return method == "POST" and (path.endswith("/messages") or "/webhooks/" in path
                                             or path.endswith("/callback"))

            def replies(method: str, path: str) -> bool:
                return method == "POST" and (path.endswith("/messages") or "/webhooks/" in path)

            asked: list[Asked] = []
            slashes = []
            for round_ in range(4):
                fake.rate_limit_next(3, answers, retry_after=0.05, is_global=round_ % 2 == 1)
                fake.fail_next(1, (500, 502, 504, 500)[round_], replies)
                for q in QUESTIONS:
                    asked.append(await ask_mention(fake, world, q, other=round_ % 2 == 0))
                slashes.append(await fake.slash(world.guild.id, world.channel.id, world.member,
                                                "ask", {"question": QUESTIONS[round_]}))
                await settle(fake, lambda: all(replies_to(fake, a.id) for a in asked)
                             and all(answers_to(fake, s.token) for s in slashes),
                             20, "every question answered")
            await asyncio.sleep(0.5)  # room for a duplicate to show up, if there were one
            for a in asked:
                assert len(replies_to(fake, a.id)) == 1, a
            for s in slashes:
                assert len(answers_to(fake, s.token)) == 1
            faulted = [r for r in fake.requests if r.fault]
            assert sum(r.status == 429 for r in faulted) == 12
            assert sum(r.status >= 500 for r in faulted) == 4


async def test_a_5xx_on_an_interaction_ack_loses_at_most_that_question(tmp_path: Path
                                                                       ) -> None:
    """A 5xx on the "thinking" acknowledgement of ``/ask``: discord.py retries after a second
    or more, which may be past Discord's 3-second window; that one question may go
    unanswered (the bot logs it), is never answered twice, and the next ones are answered."""
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        async with bot_against(fake, tmp_path):
            fake.fail_next(2, 500, lambda m, p: m == "POST" and p.endswith("/callback"))
            hit = await fake.slash(world.guild.id, world.channel.id, world.member, "ask",
                                   {"question": QUESTIONS[0]})
            await fake.wait_until(lambda: len([r for r in fake.requests if r.fault]) == 2, 10,
                                  "the two failures")
            later = [await fake.slash(world.guild.id, world.channel.id, world.member, "ask",
                                      {"question": q}) for q in QUESTIONS]
            await settle(fake, lambda: all(answers_to(fake, s.token) for s in later), 20,
                         "answers after the failures")
            await asyncio.sleep(4)  # past the window: a late retry shows up now or never
            assert len(answers_to(fake, hit.token)) <= 1
            assert all(len(answers_to(fake, s.token)) == 1 for s in later)
        # A late acknowledgement, if discord.py's retry was late, is what this test provokes.
        fake.late_interactions.clear()
        fake.rejected.clear()


async def test_a_5xx_discord_does_not_retry_loses_one_reply_not_the_bot(tmp_path: Path
                                                                        ) -> None:
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        async with bot_against(fake, tmp_path):
            fake.fail_next(1, 503, lambda m, p: m == "POST" and p.endswith("/messages"))
            lost = await ask_mention(fake, world, QUESTIONS[0])
            await fake.wait_for_request(lambda r: r.fault == "fail", timeout=10)
            after = [await ask_mention(fake, world, q) for q in QUESTIONS]
            await settle(fake, lambda: all(replies_to(fake, a.id) for a in after), 15,
                         "answers after the outage")
            await asyncio.sleep(0.3)
            assert replies_to(fake, lost.id) == []  # never answered twice, nor late
            assert all(len(replies_to(fake, a.id)) == 1 for a in after)
        fake.rejected.clear()


async def test_gateway_drops_and_invalid_sessions_while_users_ask(tmp_path: Path) -> None:
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        async with bot_against(fake, tmp_path) as bot:
            asked: list[Asked] = []
            for round_ in range(3):
                # 1. The socket drops while questions are on their way: RESUME replays them.
                resumed = asyncio.ensure_future(bot.wait_for("resumed", timeout=15))
                await asyncio.sleep(0)
                assert await fake.drop_gateway() == 1
                for q in QUESTIONS[:2]:
                    asked.append(await ask_mention(fake, world, q))
                await resumed
                # 2. A resumable invalid session: resumed, nothing lost.
                resumed = asyncio.ensure_future(bot.wait_for("resumed", timeout=15))
                await asyncio.sleep(0)
                await fake.invalidate_session(resumable=True)
                await resumed
                asked.append(await ask_mention(fake, world, QUESTIONS[2], other=True))
                # 3. A session that cannot be resumed: a new IDENTIFY, a new READY.
                ready = asyncio.ensure_future(bot.wait_for("ready", timeout=15))
                await asyncio.sleep(0)
                await fake.invalidate_session(resumable=False)
                await ready
                for q in QUESTIONS:
                    asked.append(await ask_mention(fake, world, q, other=round_ == 1))
                # 4. Discord asks the client to reconnect (op 7).
                resumed = asyncio.ensure_future(bot.wait_for("resumed", timeout=15))
                await asyncio.sleep(0)
                await fake.request_reconnect()
                await resumed
            await settle(fake, lambda: all(replies_to(fake, a.id) for a in asked), 30,
                         "every question answered after the gateway faults")
            await asyncio.sleep(0.5)
            for a in asked:
                assert len(replies_to(fake, a.id)) == 1, a
            kinds = [e.kind for e in fake.gateway.events]
            assert kinds.count("identify") == 4  # the first, then one per lost session
            assert kinds.count("resumed") >= 9


async def test_questions_asked_while_the_session_is_invalid_are_never_answered_twice(
    tmp_path: Path,
) -> None:
    """Events Discord sent to a session that was then invalidated (not resumable) are gone,
    as on Discord; the bot must not answer them twice when a replay happens elsewhere."""
    async with running_fake() as fake:
        world: World = fake.world  # type: ignore[attr-defined]
        async with bot_against(fake, tmp_path) as bot:
            before = await ask_mention(fake, world, QUESTIONS[0])
            await settle(fake, lambda: replies_to(fake, before.id), 10, "first answer")
            ready = asyncio.ensure_future(bot.wait_for("ready", timeout=15))
            await asyncio.sleep(0)
            assert await fake.invalidate_session(resumable=False) == 1
            during = await ask_mention(fake, world, QUESTIONS[1])  # before the new IDENTIFY
            await ready
            after = await ask_mention(fake, world, QUESTIONS[2])
            await settle(fake, lambda: replies_to(fake, after.id), 15, "answer after")
            await asyncio.sleep(0.5)
            assert len(replies_to(fake, before.id)) == 1
            assert len(replies_to(fake, during.id)) <= 1
            assert len(replies_to(fake, after.id)) == 1


async def test_postgresql_restarting_under_the_running_bot(
        tmp_path: Path, postgres_server: PostgresServer, postgres_url: str,
        caplog: pytest.LogCaptureFixture) -> None:
    """Issue 12: the server restarts while the bot runs on it. Questions keep being answered
    (from the engine; nobody sees an error), the bot reconnects by itself, an admin edit
    made after the restart is acknowledged and kept, and the change log is followed again."""
    from tests.discord_env import bot_env, ephemeral_text, settings_for

    async with running_fake() as fake, bot_env(
            fake, settings_for(tmp_path).with_database(postgres_url)) as env:
        w = env.world
        mention = f"<@{fake.bot_user.id}> "
        restart = asyncio.create_task(
            asyncio.to_thread(postgres_server.pg_ctl, "restart", "-m", "fast"))
        replies = []
        while not restart.done():  # questions while the server is going down and up again
            sent = await fake.send_message(w.guild, w.channel, w.member,
                                           mention + "how many protestors were arrested on sunday")
            replies.append(await sent.reply())
        await restart
        assert replies and all("40 on Sunday" in str(r["embeds"]) for r in replies)
        fact_id = "doechii-best-female-hip-hop-artist"
        editing = await env.slash("fact edit", {"fact": fact_id}, w.owner)
        modal = await editing.modal()
        done = await fake.submit_modal(
            modal["custom_id"], {"text": "Doechii was named the best female hip hop artist of "
                                         "the year at the BET Awards, before 8,000 guests."},
            w.owner)
        assert "for the shipped coverage" in await ephemeral_text(done)
        other = await Storage.open(postgres_url)  # another process edits after the restart
        try:
            await other.add(Source("after-restart", "Gazette", "After the restart"), actor="cli")
        finally:
            await other.close()
        await until(lambda: env.service.engine.get("source", "after-restart") is not None, 5,
                    "the change log is not followed again")
    async with await Storage.open(postgres_url) as db:
        kept = await db.get("fact", fact_id)
    assert kept is not None and "8,000 guests" in kept.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [
        r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
