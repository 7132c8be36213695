"""Load on two bot processes sharing one PostgreSQL database (issue 12).

    .venv/bin/python -m benchmarks.load --processes 2 [--db postgresql://...]
        [--rate 150] [--duration 10] [--warmup 2] [the other options of benchmarks/load.py]

The load of :mod:`benchmarks.load` (the same users, questions, admin ``/fact add|edit``
through modals, the same fake Discord timing the answers), served by two bot children, each
``run_bot`` with ``SHARD_COUNT=2`` and ``SHARD_IDS=0`` or ``1`` (passed as the same settings),
pinned to core 0 and core 1, both on one PostgreSQL database. The guilds are spread over the
two shards round-robin (the fake picks guild ids that land on the shard), so each process
answers half of them, and each keeps its engine in step with the other's admin writes by
following the change log (``bot/following.py``, every 0.5 s).

Without ``--db`` a throwaway cluster is started (``tests/postgres_server.py``: initdb and
pg_ctl in a temporary folder, fsync off, run as the ``postgres`` user when root) and a new
database created in it; with ``--db`` that database is used (created already, best empty).

The machine has two cores and they are the bots': this process (the fake Discord and the
users) and the PostgreSQL server are not pinned and share them with the bots, so their CPU
is on the bots' cores. Their CPU per question is reported beside the bots' (the server's
only when this script started it: the postmaster and its backends, from /proc).

At the end, after the load and its drain, the script waits ``--settle`` seconds (at least
1 s: an edit is followed within ~0.5 s) and stops both bots with SIGTERM; each writes the
guild-scoped facts of its engine at its exit (``--engine-dump``: id, guild, text, read
from the engine it answers from). Every admin write the bots confirmed must then be in the
database (as in the one-process mode: audited with the confirmed text, each fact's stored
text its latest audited version) AND in both engines with the database's text: the process
that served the admin's guild (its own write, or a later edit's) and the other one (only
through following: an admin fact is guild-scoped, so the other process, serving other
guilds, could not be asked about it; its engine is what it would answer from).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.load import (
    READY_POLL,
    ROOT,
    Driver,
    _watch_lag,
    affinity,
    check_database,
    machine_busy,
    memory_report,
    percentile,
    print_report,
    process_cpu,
    reap,
    rss_mb,
    start_fake,
    summarise,
    validation_report,
)

SHARDS = 2


def shard_of(guild_id: int, shards: int = SHARDS) -> int:
    """Discord's shard of a guild: ``(guild_id >> 22) % shards``."""
    return (guild_id >> 22) % shards


def postgres_cpu(postmaster: int | None) -> float:
    """CPU seconds of the PostgreSQL server so far: its postmaster and live backends."""
    if postmaster is None:
        return math.nan
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(entry.name) == postmaster or int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _postmaster_pid(data: Path | None) -> int | None:
    if data is None:
        return None
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((data / "postmaster.pid").read_text().split()[0])
    return None



async def _watch_rss_sum(pids: list[int], samples: list[list[float]],
                         every: float = 0.25) -> None:
    """Each bot's resident memory (MB), sampled together every ``every`` seconds."""
    while True:
        with contextlib.suppress(OSError):
            samples.append([rss_mb(pid) for pid in pids])
        await asyncio.sleep(every)


async def check_engines(url: str, writes: list[Any], dumps: list[Path]) -> dict[str, Any]:
    """Every confirmed admin write's fact in each process's engine (its dump) with the text
    the database holds for it (a fact edited twice: the later edit's)."""
    from bot.storage import Storage

    facts = sorted({(w.guild_id, w.fact_id) for w in writes if w.confirmed and w.fact_id},
                   key=str)
    stored: dict[str, str | None] = {}
    async with await Storage.open(url) as storage:
        for _, fact_id in facts:
            record = await storage.get("fact", fact_id)
            stored[fact_id] = getattr(record, "text", None)
    return compare_engines(facts, stored, dumps)


def compare_engines(facts: list[tuple[int, str]], stored: dict[str, str | None],
                    dumps: list[Path]) -> dict[str, Any]:
    """Each engine dump against the database: ``facts`` (guild, id) must each be there, in
    its guild, with the ``stored`` text; what is missing or stale, per process."""
    out: dict[str, Any] = {"facts": len(facts), "processes": []}
    for i, dump in enumerate(dumps):
        served = sum(1 for g, _ in facts if shard_of(g, len(dumps)) == i)
        try:
            engine = json.loads(dump.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            out["processes"].append({"process": i, "missing": [f"no engine dump: {exc}"],
                                     "missing_count": len(facts) or 1, "served": served,
                                     "followed": len(facts) - served})
            continue
        missing = []
        for guild_id, fact_id in facts:
            got = engine.get(fact_id)
            if got is None:
                missing.append(f"{fact_id}: not in the engine")
            elif got[0] != guild_id or got[1] != stored[fact_id]:
                missing.append(f"{fact_id}: the engine has another guild or text")
        out["processes"].append({"process": i, "missing": missing[:20],
                                 "missing_count": len(missing), "served": served,
                                 "followed": len(facts) - served})
    return out


def per_process(driver: Driver, start: float) -> list[dict[str, Any]]:
    """Answered questions per second and latency of each process (the guilds of its shard),
    over the same window as the total (first measured question to the last answer)."""
    qs = driver.stats.questions
    answered = [q for q in qs if q.answered is not None]
    last = max((q.answered for q in answered), default=start)
    window = max(1e-9, last - start)
    out = []
    for i in range(SHARDS):
        mine = [q for q in qs if shard_of(q.guild_id) == i]
        ok = [q for q in mine if q.answered is not None and 200 <= (q.status or 0) < 300
              and not q.busy]
        lat = [(q.answered - q.sent) * 1000 for q in ok]  # type: ignore[operator]
        out.append({"process": i, "sent": len(mine), "answered": len(ok),
                    "answered_per_s": round(len(ok) / window, 1),
                    "median_ms": round(sorted(lat)[len(lat) // 2], 2) if lat else math.nan,
                    "p99_ms": round(percentile(lat, 99), 2),
                    "max_ms": round(max(lat), 2) if lat else math.nan})
    return out


async def drive_two(args: argparse.Namespace, url: str, data: Path | None) -> dict[str, Any]:
    """One run: the fake and users here, two bot children on ``url``; the report."""
    loadavg = [round(x, 2) for x in os.getloadavg()]
    postmaster = _postmaster_pid(data)
    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="coverage-load-pg-"))
    fake, driver, sampler = await start_fake(args, rng, recommended_shards=SHARDS)
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DATABASE_URL")}
    logs = [workdir / f"bot{i}.log" for i in range(SHARDS)]
    dumps = [workdir / f"engine{i}.json" for i in range(SHARDS)]
    procs: list[subprocess.Popen[bytes]] = []
    cpu: dict[str, float] = {}
    rss: list[list[float]] = []
    exits: list[int | None] = [None] * SHARDS
    files = [open(log, "wb") for log in logs]  # noqa: SIM115 (closed below)
    try:
        spawned = time.perf_counter()
        for i in range(SHARDS):
            cmd = [sys.executable, "-m", "benchmarks.load", "--child-bot", "--fake",
                   fake.base_url, "--db", url, "--log-level", args.log_level, "--cooldown",
                   str(args.cooldown), "--shard-count", str(SHARDS), "--shard-id", str(i),
                   "--engine-dump", str(dumps[i])]
            if args.pin:
                cmd += ["--core", str(i)]
            if args.backlog is not None:
                cmd += ["--backlog", str(args.backlog)]
            procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=files[i],
                                          stderr=subprocess.STDOUT))
        try:
            ready = await driver.wait_ready(args.startup_timeout)
            print(f"bots ready {ready - spawned:.2f} s after their processes started "
                  f"(answering in every guild, within {READY_POLL} s)", flush=True)
            where = [affinity(p.pid) for p in procs]  # where they really run
            driver.lags = []
            marks: dict[str, Any] = {}

            def measuring() -> None:
                marks["cpu"] = ([process_cpu(p.pid) for p in procs], process_cpu(),
                                postgres_cpu(postmaster))
                marks["busy"], marks["wall"] = machine_busy(), time.perf_counter()
                marks["watcher"] = asyncio.create_task(_watch_lag(driver.lags))
                marks["rss"] = asyncio.create_task(
                    _watch_rss_sum([p.pid for p in procs], rss))
                for p in procs:
                    p.send_signal(signal.SIGUSR1)

            gc.disable()  # as in benchmarks/load.py: the fake's collections are not measured
            try:
                start, end = await driver.run_load(measuring)
            finally:
                gc.enable()
            for p in procs:
                p.send_signal(signal.SIGUSR2)
            marks["watcher"].cancel()
            marks["rss"].cancel()
            bots_before, fake_before, pg_before = marks["cpu"]
            for i, p in enumerate(procs):
                cpu[f"bot{i}_load"] = process_cpu(p.pid) - bots_before[i]
            cpu["bot_load"] = sum(cpu[f"bot{i}_load"] for i in range(SHARDS))
            cpu["fake_load"] = process_cpu() - fake_before
            cpu["postgres_load"] = postgres_cpu(postmaster) - pg_before
            wall = time.perf_counter() - marks["wall"]
            others = machine_busy() - marks["busy"] - cpu["bot_load"] - cpu["fake_load"] \
                - (0.0 if math.isnan(cpu["postgres_load"]) else cpu["postgres_load"])
            cpu["others_cores"] = max(0.0, others) / max(1e-9, wall)
            # Every write followed by both (FOLLOW_SECONDS is 0.5 s), then stop them.
            await asyncio.sleep(max(1.0, args.settle))
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for i, p in enumerate(procs):
                exits[i], cpu[f"bot{i}"] = await reap(p)
            cpu["bot"] = sum(cpu.get(f"bot{i}", 0.0) for i in range(SHARDS))
            await fake.stop()
    finally:
        for f in files:
            f.close()
    t = os.times()
    cpu["fake"] = t.user + t.system
    texts = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    pinning = {"fake": "not pinned (with the PostgreSQL server: on whichever core is free)",
               "bot": ", ".join(f"process {i} (shard {i}) {where[i]}"
                                for i in range(SHARDS))}
    db_report = await check_database(url, driver.stats.writes)
    engines = await check_engines(url, driver.stats.writes, dumps)
    bad_exit = next((e for e in exits if e != 0), exits[0])
    report = summarise(args, driver, start, end, db_report, "\n".join(texts), pinning,
                       bad_exit)
    report["bot_exit_statuses"] = exits
    report["bot_logs"] = [str(log) for log in logs]
    report["per_process"] = per_process(driver, start)
    report["engines"] = engines
    report["bot_runtime"] = [f"process {i}: " + ln.removeprefix("load: ")
                             for i, text in enumerate(texts) for ln in text.splitlines()
                             if ln.startswith("load: bot")]
    report["fake_loop_lag_ms"] = {"p99": round(percentile(driver.lags, 99), 2),
                                  "max": round(max(driver.lags), 2) if driver.lags
                                  else math.nan}
    report["validated_requests"] = validation_report(sampler)
    report["machine"]["loadavg_before"] = loadavg
    report["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    report["bot_memory_mb"] = memory_report([sum(s) for s in rss])  # the two together
    report["bot_memory_mb_each"] = [memory_report([s[i] for s in rss]) for i in range(SHARDS)]
    report["cpu_seconds"] = {k: round(v, 2) for k, v in cpu.items()}
    report["other_processes_cores"] = round(cpu.get("others_cores", math.nan), 2)
    report["cpu_ms_per_question"] = {
        k: round(cpu[f"{k}_load"] / max(1, report["sent"]) * 1000, 3)
        for k in ("bot", "bot0", "bot1", "fake", "postgres") if f"{k}_load" in cpu}
    report["database"] = "given by --db" if data is None else "throwaway cluster (fsync off)"
    return report


def print_two(report: dict[str, Any]) -> bool:
    """The one-process report (totals; "bot" is both processes), then each process and
    the engines' check. True when every target passes."""
    ok = print_report(report)
    print(f"database: PostgreSQL, {report['database']}; bot exit statuses "
          f"{report['bot_exit_statuses']}")
    per = report["cpu_ms_per_question"]
    print(f"CPU per question: process 0 {per.get('bot0')} ms, process 1 {per.get('bot1')} ms, "
          f"PostgreSQL server {per.get('postgres')} ms")
    for p, mem in zip(report["per_process"], report["bot_memory_mb_each"], strict=True):
        print(f"process {p['process']} (shard {p['process']}): {p['sent']} sent, "
              f"{p['answered']} answered ({p['answered_per_s']}/s), median {p['median_ms']} ms"
              f", p99 {p['p99_ms']} ms, max {p['max_ms']} ms; memory {mem['start']} -> "
              f"{mem['end']} MB")
    engines = report["engines"]
    for p in engines["processes"]:
        good = not p["missing"]
        ok &= good
        print(f"{'PASS' if good else 'FAIL'}  every admin write in process {p['process']}'s "
              f"engine: {engines['facts']} facts ({p['served']} written through it, "
              f"{p['followed']} only followed), {p['missing_count']} missing or stale")
        for line in p["missing"][:5]:
            print(f"  engine {p['process']}: {line}")
    return ok


def main_two(args: argparse.Namespace) -> int:
    """``--processes 2``: one run on ``--db`` or on a throwaway cluster; exit 0 when all
    targets pass."""
    if args.knee or args.echo or args.profile:
        print("--knee, --echo and --profile are for one process", file=sys.stderr)
        return 2
    if args.db and not args.db.lower().startswith(("postgresql://", "postgres://")):
        print("--processes 2 needs a postgresql:// --db (or none: a throwaway cluster)",
              file=sys.stderr)
        return 2
    args.processes = SHARDS
    if args.db:
        report = asyncio.run(drive_two(args, args.db, None))
    else:
        from tests.postgres_server import MISSING, bin_dir, running_postgres

        binaries = bin_dir()
        if binaries is None:
            print(MISSING, file=sys.stderr)
            return 2
        with running_postgres(binaries) as server:
            server.client("createdb", "coverage_load")
            report = asyncio.run(drive_two(args, server.url("coverage_load"), server.data))
    ok = print_two(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return 0 if ok else 1
