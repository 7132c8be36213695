"""Load: the real bot under many users at once, through the local fake Discord.

    .venv/bin/python -m benchmarks.load [--rate 250] [--duration 20] [--warmup 3]
        [--guilds 4] [--users 1200] [--slash-share 0.3] [--admin-interval 0.25]
        [--mix all|answerable] [--backlog N] [--json out.json]
    .venv/bin/python -m benchmarks.load --knee 200,250,300,350 [--duration 10]
        [--overload-duration 20] [--json out.json]

``--knee``: one run per rate (a new bot each), upwards until one fails; the knee is the
highest rate at which every question got its answer with p99 < 100 ms and no error. Then a
run at twice the knee, judged on the targets past it (issue 13): no interaction acknowledged
later than 3 s, every admin write confirmed and present, p99 of the answered questions < 1 s,
the bot's memory flat, no error besides "busy" replies. Past the knee the bot answers "busy"
(to mentions at most once per channel per 10 s; the other mentions get no reply): each run
reports those, the mentions left without a reply, late acknowledgements and the bot's RSS.

Two processes, one core each (``os.sched_setaffinity``):

* the bot: a child interpreter (``--child-bot``) pinned to core 0 that runs
  ``bot.client.run_bot`` itself, the same function ``coverage-bot run`` calls (settings,
  logging, the real ``CoverageService`` on a fresh SQLite file, the cogs, signal handling),
  with discord.py's two base URLs pointed at the fake;
* this process, pinned to the other core: the fake Discord (``tests.fakediscord``: gateway
  and REST on 127.0.0.1) and the users.

The users ask questions from ``tests/data/questions.json`` (answerable and unanswerable) at
``--rate`` per second, open loop (a question is sent on schedule whether or not earlier ones
were answered), round-robin over ``--guilds`` guilds and ``--users`` members (enough that no
one hits the 3-second per-user cooldown): ``@bot question`` messages (MESSAGE_CREATE) and
``/ask`` interactions (``--slash-share`` of them). Meanwhile an admin of a random guild adds
or edits a fact every ``--admin-interval`` seconds through the admin commands as a person
does: ``/fact add`` or ``/fact edit`` opens a modal, the admin types for 0.3-1 s and submits
it, the bot confirms ("Added fact `id`"). ``--warmup`` seconds of the same load come first:
answered and checked for errors like the rest, not timed (first-use costs: imports, caches).

Latency is measured inside the fake, on one clock: from just before the question is put on
the gateway to the arrival of the request that carries its answer (the reply
``POST /channels/{id}/messages`` for a mention; the followup ``POST /webhooks/{app}/{token}``
with the answer for ``/ask``, not just the "thinking" acknowledgement).

What the harness does so that it measures the bot, not itself: the fake checks the bot's
request bodies against Discord's OpenAPI description for the first 10 requests of each route
and then 1 in 20 (``--validate all`` checks every one; a check costs the fake ~6 ms, more
than the bot spends on a question), and it does not collect garbage during the load (it keeps
every request it saw; its full collections would stall it). Both are reported, with the
fake's event-loop lag, the bot's (sampled inside the bot process), the bot's full garbage
collections, the CPU each process spent per question, and how busy the rest of the machine
was (other processes on these two cores skew every figure).

At the end the bot is stopped with SIGTERM (as a service manager would), the database is
reopened and checked (``PRAGMA integrity_check``; every admin write the bot confirmed is
there with the confirmed text), the bot's log is searched for errors and
"database is locked", and each target is printed with PASS or FAIL. Exit status 0 when all
pass. ``--echo`` runs a bare discord.py bot instead (a calibration: the harness's own
latency); ``--bot-*`` flags are experiments on the bot process, named as such in the output.

``--processes 2 [--db postgresql://...]``: the same load on two bot processes (shards 0 and 1
of 2, cores 0 and 1) sharing one PostgreSQL database, a throwaway cluster unless ``--db``
names one; figures per process and in total, and every admin write checked in the database
and in both processes' engines (issue 12; ``benchmarks/load_pg.py`` says how).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import math
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file as well as with -m
    sys.path.insert(0, str(ROOT))

QUESTIONS_FILE = ROOT / "tests" / "data" / "questions.json"
KNOWLEDGE_DIR = ROOT / "knowledge"
SOURCE_ID = "newsnation-celebrities-ice-raids"
TOKEN = "load-test-bot-token"  # the fake's, not a real one
SORRY = "Sorry, something went wrong"
#: In the bot's "busy, try again in a moment" reply (``bot.cogs.ask.BUSY_TEXT``).
BUSY_MARK = "please try again in a moment"
#: Discord's window for acknowledging an interaction (seconds).
ACK_WINDOW = 3.0

#: The issue's targets.
TARGET_RATE = 200.0  # answered questions per second, at least
TARGET_P99_MS = 100.0
#: Seconds between the questions that find when the bot is ready (:meth:`Driver.wait_ready`).
READY_POLL = 0.1


# --------------------------------------------------------------------------- bot child


def _pin(core: int | None) -> str:
    """Pin this process to ``core`` when the machine has it; what was done, for the report.

    The core is tried, not looked up in this process's own affinity: a child inherits its
    parent's (the fake pins itself to its core before it starts the bot), and the bot must
    still move to its own core (it once stayed, unnoticed, on the fake's)."""
    if core is None or not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    try:
        os.sched_setaffinity(0, {core})
    except OSError as exc:
        return f"not pinned (core {core}: {exc.strerror})"
    return f"core {core}"


def affinity(pid: int) -> str:
    """The cores a process may run on, as the report shows them ("core 0", "cores 0, 1")."""
    if not hasattr(os, "sched_getaffinity"):
        return "unknown"
    try:
        cores = sorted(os.sched_getaffinity(pid))
    except OSError:
        return "unknown (the process is gone)"
    return ("core " if len(cores) == 1 else "cores ") + ", ".join(map(str, cores))


async def reap(proc: subprocess.Popen[bytes]) -> tuple[int, float]:
    """Wait for a child sent SIGTERM (kill it after 30 s): exit status and CPU seconds."""
    if proc.returncode is not None:  # reaped already (send_signal polls): no CPU figure
        return proc.returncode, math.nan
    reaped: tuple[int, int, Any] = (0, 0, None)
    for _ in range(300):
        reaped = os.wait4(proc.pid, os.WNOHANG)
        if reaped[0]:
            break
        await asyncio.sleep(0.1)
    if not reaped[0]:
        proc.kill()
        reaped = os.wait4(proc.pid, 0)
    _, status, usage = reaped
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime


async def run_echo_bot(settings: Any) -> int:
    """Calibration (``--echo``): a bare discord.py bot that answers every mention and every
    /ask at once with a fixed embed, no engine and no database. Its latency is the floor this
    harness (fake, discord.py, two processes on two cores) puts under any bot."""
    import discord

    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.AutoShardedClient(intents=intents)
    embed = discord.Embed(title="echo", description="A fixed answer. " * 20)

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot or client.user is None or client.user not in message.mentions:
            return
        await message.reply(embed=embed, mention_author=True)

    @client.event
    async def on_interaction(interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(embed=embed)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with client:
        runner = asyncio.create_task(client.start(settings.discord_token))
        await stop.wait()
        await client.close()
        await asyncio.gather(runner, return_exceptions=True)
    return 0


def _watch_gc() -> list[float]:
    """Durations (ms) of the collections of the oldest generation in this process."""
    pauses: list[float] = []
    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(callback)
    return pauses


def child_bot(args: argparse.Namespace) -> int:
    """The bot process: ``run_bot`` with discord.py pointed at the fake."""
    _pin(args.core)
    import discord.gateway
    import discord.http
    import yarl

    from bot.client import run_bot
    from bot.settings import Settings

    discord.http.Route.BASE = f"{args.fake}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        args.fake.replace("http://", "ws://") + "/"
    )
    settings = Settings(
        discord_token=TOKEN,
        knowledge_dir=KNOWLEDGE_DIR,
        log_level=args.log_level,
        question_cooldown=args.cooldown,
    ).with_database(args.db)  # a file, or a postgresql:// URL (``--processes 2``)
    if args.shard_count is not None:  # SHARD_COUNT / SHARD_IDS of this process
        settings = settings.with_overrides(shard_count=args.shard_count,
                                           shard_ids=frozenset({args.shard_id}))
    if args.backlog is not None:
        settings = settings.with_overrides(question_backlog=args.backlog)
    pauses = _watch_gc()
    lags: list[float] = []
    if args.bot_switch_interval:
        sys.setswitchinterval(args.bot_switch_interval)

    window: list[int] = []  # sample indexes where the load started and ended
    gc_marks: list[int] = []  # how many collections there had been then

    async def main() -> int:
        # The bot's own event-loop lag, beside run_bot (which is what `coverage-bot run` runs);
        # the driver marks the load window with SIGUSR1 (start) and SIGUSR2 (end).
        loop = asyncio.get_running_loop()
        def started() -> None:
            window.append(len(lags))
            gc_marks.append(len(pauses))
            if args.bot_gc_freeze:
                gc.collect()
                gc.freeze()

        loop.add_signal_handler(signal.SIGUSR1, started)
        def ended() -> None:
            window.append(len(lags))
            gc_marks.append(len(pauses))
            if args.bot_gc_report:
                _gc_report()

        loop.add_signal_handler(signal.SIGUSR2, ended)
        watcher = asyncio.create_task(_watch_lag(lags))
        services = _capture_services() if args.engine_dump else []
        try:
            if args.echo:
                return await run_echo_bot(settings)
            return await run_bot(settings)
        finally:
            watcher.cancel()
            if args.engine_dump:
                _dump_engine(services, Path(args.engine_dump))

    try:
        if not args.profile:
            return asyncio.run(main())
        import cProfile

        profiler = cProfile.Profile()
        try:
            return profiler.runcall(asyncio.run, main())
        finally:
            profiler.dump_stats(args.profile)
    finally:
        # Only those during the load: the start-up's own (tune_runtime's gc.collect() before
        # the freeze, ~90 ms over the whole bank) is not what a user waits for.
        in_load = pauses[gc_marks[0]:gc_marks[1]] if len(gc_marks) >= 2 else pauses
        worst = max(in_load, default=0.0)
        print(f"load: bot gc: {len(in_load)} collections of the oldest generation during the "
              f"load, longest {worst:.1f} ms, total {sum(in_load):.0f} ms ({len(pauses)} in "
              f"the whole run)", flush=True)
        during = lags[window[0]:window[1]] if len(window) >= 2 else lags
        print(f"load: bot loop lag during the load: p99 {percentile(during, 99):.2f} ms, max "
              f"{max(during, default=0.0):.2f} ms ({len(during)} samples)", flush=True)


def _capture_services() -> list[Any]:
    """The services ``run_bot`` opens in this process, kept for :func:`_dump_engine` (the
    open itself is the real one; this only remembers what it returned)."""
    from bot.service import CoverageService

    opened: list[Any] = []
    real = CoverageService.open.__func__  # type: ignore[attr-defined]

    async def remembering(cls: Any, *a: Any, **kw: Any) -> Any:
        service = await real(cls, *a, **kw)
        opened.append(service)
        return service

    CoverageService.open = classmethod(remembering)  # type: ignore[method-assign,assignment]
    return opened


def _dump_engine(services: list[Any], path: Path) -> None:
    """Write the guild-scoped facts of this process's engine at its exit, ``{id: [guild,
    text]}``: what it would answer from (``--processes 2`` checks every admin write there)."""
    facts: dict[str, list[Any]] = {}
    for service in services:
        memory = service.engine.memory
        for fact_id in memory.rids["fact"]:
            fact = memory.get("fact", fact_id)
            if fact is not None and fact.guild_id is not None:
                facts[fact_id] = [fact.guild_id, fact.text]
    path.write_text(json.dumps(facts), encoding="utf-8")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` now (MB), from ``/proc/PID/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


async def _watch_rss(pid: int, samples: list[float], every: float = 0.25) -> None:
    """The bot's resident memory (MB), sampled every ``every`` seconds."""
    while True:
        with contextlib.suppress(OSError):
            samples.append(rss_mb(pid))
        await asyncio.sleep(every)


def memory_report(samples: Sequence[float]) -> dict[str, float]:
    """The bot's memory during the load: at its start and end, the most, and "growth": the
    median of the last quarter of the samples less that of the second quarter (a backlog
    that grows without bound shows as growth; the first quarter is left out: caches fill)."""
    if len(samples) < 8:
        return {"start": math.nan, "end": math.nan, "max": math.nan, "growth": math.nan}
    n = len(samples)
    second = statistics.median(samples[n // 4:n // 2])
    last = statistics.median(samples[3 * n // 4:])
    return {"start": round(samples[0], 1), "end": round(samples[-1], 1),
            "max": round(max(samples), 1), "growth": round(last - second, 1)}


def _gc_report() -> None:
    """What a full collection has to look at in this process, and how long one takes."""
    import collections

    objects = gc.get_objects()
    kinds = collections.Counter(
        f"{type(o).__module__}.{type(o).__qualname__}" for o in objects)
    big = sorted(((len(o), f"{type(o).__qualname__}") for o in objects
                  if isinstance(o, dict | list | set)), reverse=True)[:8]
    del objects
    t = time.perf_counter()
    gc.collect()
    took = (time.perf_counter() - t) * 1000
    print(f"load: bot gc report: {sum(kinds.values())} tracked objects not frozen "
          f"({gc.get_freeze_count()} frozen); a full collection now takes {took:.1f} ms; "
          f"most: {kinds.most_common(10)}; largest containers: {big}", flush=True)


async def _watch_lag(lags: list[float], every: float = 0.005) -> None:
    """How late an event loop wakes up, sampled every ``every`` seconds (ms)."""
    while True:
        t = time.perf_counter()
        await asyncio.sleep(every)
        lags.append((time.perf_counter() - t - every) * 1000)


# --------------------------------------------------------------------------- driver side


@dataclass
class Question:
    kind: str  # "mention" or "slash"
    text: str
    guild_id: int
    sent: float = 0.0
    answered: float | None = None
    acked: float | None = None  # /ask: the interaction's first callback
    reply: Any = None
    status: int | None = None
    busy: bool = False  # the reply was "busy, try again" (the backlog was full)
    channel_id: int = 0


@dataclass
class AdminWrite:
    guild_id: int
    action: str  # add / edit
    text: str
    fact_id: str | None = None
    confirmed: bool = False
    error: str | None = None
    took: float | None = None  # seconds from the form's submission to the confirmation's
    # arrival at the fake


@dataclass
class Stats:
    questions: list[Question] = field(default_factory=list)
    writes: list[AdminWrite] = field(default_factory=list)


def _make_fake_class() -> Any:
    """FakeDiscord that timestamps the requests carrying answers (O(1) per request: the fake's
    own ``wait_for_*`` helpers scan every stored message, fine for tests, not for load)."""
    from tests.fakediscord.server import FakeDiscord

    class TimedFake(FakeDiscord):
        def __init__(self, **kw: Any) -> None:
            super().__init__(**kw)
            self.by_message: dict[str, Question] = {}
            self.by_token: dict[str, Question] = {}
            self.by_interaction: dict[str, Question] = {}
            #: Answers to interactions whose handle was not registered yet (the bot can be
            #: faster than ``slash()`` returns): (time, body, status) by token / id.
            self.early_token: dict[str, tuple[float, Any, int]] = {}
            self.early_ack: dict[str, tuple[float, Any, int]] = {}
            self.non_2xx: list[str] = []
            #: When the first followup for each other interaction token (an admin's
            #: confirmation) arrived: timed here, not when the admin's task notices it.
            self.other_followups: dict[str, float] = {}

        def claim_early(self, handle: Any, q: Question) -> None:
            ack = self.early_ack.pop(str(handle.id), None)
            if ack is not None:
                self._acked(q, *ack)
            answer = self.early_token.pop(handle.token, None)
            if answer is not None and q.answered is None:
                self._answered(q, *answer)

        @staticmethod
        def _answered(q: Question, now: float, body: Any, status: int) -> None:
            q.answered, q.reply, q.status = now, body, status
            q.busy = BUSY_MARK in str((body or {}).get("content") or "")

        @staticmethod
        def _acked(q: Question, now: float, body: Any, status: int) -> None:
            if q.acked is None:
                q.acked = now
                if body.get("type") == 4:  # answered at once (a cooldown or busy notice)
                    TimedFake._answered(q, now, body.get("data"), status)

        async def _answer(self, request: Any, record: Any, version: Any, parse_error: Any
                          ) -> tuple[int, Any, dict[str, str]]:
            now = time.perf_counter()
            status, payload, headers = await super()._answer(request, record, version,
                                                              parse_error)
            if not 200 <= status < 300:
                self.non_2xx.append(f"{record.method} {record.template} -> {status}")
            body = record.json if isinstance(record.json, dict) else {}
            if record.method == "POST" and record.template == "/channels/{channel_id}/messages":
                ref = (body.get("message_reference") or {}).get("message_id")
                q = self.by_message.get(str(ref)) if ref is not None else None
                if q is not None and q.answered is None:
                    self._answered(q, now, body, status)
            elif (record.method == "POST"
                  and record.template == "/webhooks/{webhook_id}/{webhook_token}"):
                token = record.params.get("webhook_token", "")
                q = self.by_token.get(token)
                if q is None:
                    self.early_token.setdefault(token, (now, body, status))
                    self.other_followups.setdefault(token, now)
                elif q.answered is None:
                    self._answered(q, now, body, status)
            elif record.method == "POST" and record.template and record.template.startswith(
                    "/interactions/"):
                iid = record.params.get("interaction_id", "")
                q = self.by_interaction.get(iid)
                if q is None:
                    self.early_ack.setdefault(iid, (now, body, status))
                else:
                    self._acked(q, now, body, status)
            return status, payload, headers

    return TimedFake


class SampledValidation:
    """Checks the bot's request bodies against Discord's OpenAPI description: every request
    of a route until ``first`` of it were checked, then one in ``every``. (Full jsonschema
    validation costs the fake ~6 ms a request, more than the bot spends answering; checking
    them all would measure the fake's core, not the bot's. ``--validate all`` does.)"""

    def __init__(self, first: int = 10, every: int = 20) -> None:
        from tests.fakediscord import spec

        self.spec = spec
        self.full = spec.request_errors
        self.first, self.every = first, every
        self.seen: dict[tuple[str, str], int] = {}
        self.checked = 0
        self.total = 0

    def __call__(self, template: str, method: str, body: Any) -> list[str]:
        self.total += 1
        n = self.seen.get((template, method), 0)
        self.seen[(template, method)] = n + 1
        if n < self.first or n % self.every == 0:
            self.checked += 1
            return list(self.full(template, method, body))
        return []

    def install(self) -> None:
        self.spec.request_errors = self  # type: ignore[assignment]

    def uninstall(self) -> None:
        self.spec.request_errors = self.full  # type: ignore[assignment]


def process_cpu(pid: int | None = None) -> float:
    """CPU seconds (user + system) used so far by ``pid`` (default: this process)."""
    if pid is None:
        t = os.times()
        return t.user + t.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds all processes of the machine have used so far (``/proc/stat``)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def load_questions(mix: str = "all") -> list[str]:
    """The question set's questions: all of them, or only the answerable ones."""
    data = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    out = [q["q"] for q in data["answerable"]]
    if mix == "all":
        out += [q["q"] for q in data["unanswerable"]]
    return [q for q in out if q.strip()]


def is_abstention(reply: Any) -> bool:
    """Whether an answer is an abstention (the bot logs those: a database write). Its 👍/👎
    buttons name the record the answer came from; an abstention's name none."""
    for row in (reply or {}).get("components") or []:
        for comp in row.get("components") or []:
            cid = comp.get("custom_id") or ""
            if cid.startswith("cb:fb:"):
                return cid.rsplit(":", 1)[1] == ""
    return False


def percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[k]


class Driver:
    def __init__(self, args: argparse.Namespace, fake: Any, rng: random.Random) -> None:
        self.args = args
        self.fake = fake
        self.rng = rng
        self.stats = Stats()
        self.questions = load_questions(args.mix)
        self.guilds: list[Any] = []
        self.channels: dict[int, list[Any]] = {}
        self.members: dict[int, list[Any]] = {}
        self.admins: dict[int, Any] = {}
        self.facts: dict[int, list[str]] = {}  # guild -> ids of facts its admin added
        self.tasks: set[asyncio.Task[Any]] = set()
        self.warmup_questions: list[Question] = []

    # ---- world ---------------------------------------------------------------------

    def build_world(self) -> None:
        from tests.fakediscord.models import Permissions

        fake, a = self.fake, self.args
        per_guild = max(1, a.users // a.guilds)
        shards = getattr(a, "processes", 1)  # one shard per bot process, guilds round-robin
        for g in range(a.guilds):
            guild = fake.create_guild(f"Load Guild {g}",
                                      shard=(g % shards, shards) if shards > 1 else None)
            chans = [fake.add_channel(guild, f"news-{c}") for c in range(a.channels)]
            role = guild.add_role("Moderator", Permissions.DEFAULT_EVERYONE
                                  | Permissions.MANAGE_GUILD)
            admin_user = fake.create_user(f"admin{g}")
            self.admins[guild.id] = fake.add_member(guild, admin_user, [role])
            members = []
            for u in range(per_guild):
                user = fake.create_user(f"user{g}-{u}")
                members.append(fake.add_member(guild, user))
            self.guilds.append(guild)
            self.channels[guild.id] = chans
            self.members[guild.id] = members
            self.facts[guild.id] = []

    # ---- helpers -------------------------------------------------------------------

    def spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def ask(self, q: Question, channel: Any, member: Any) -> None:
        """Put one question on the gateway; its answer is matched by the fake's ``_answer``.
        Registered before the dispatch, so an answer can never arrive unmatched."""
        fake = self.fake
        q.sent = time.perf_counter()
        q.channel_id = channel.id
        if q.kind == "mention":
            bot_id = fake.bot_user.id
            data = fake.build_message(channel=channel, author=member.user,
                                      content=f"<@{bot_id}> {q.text}",
                                      mention_user_ids=[bot_id],
                                      extra={"nonce": str(fake.new_id())})
            fake.by_message[data["id"]] = q
            fake.store_message(data)
            await fake.dispatch_message_event("MESSAGE_CREATE", data)
        else:
            handle = await fake.slash(q.guild_id, channel.id, member, "ask",
                                      {"question": q.text})
            fake.by_token[handle.token] = q
            fake.by_interaction[str(handle.id)] = q
            fake.claim_early(handle, q)

    async def admin_write(self, guild: Any) -> None:
        fake, admin = self.fake, self.admins[guild.id]
        channel = self.channels[guild.id][0]
        own = self.facts[guild.id]
        n = len(self.stats.writes)
        edit = bool(own) and self.rng.random() < 0.5
        text = (f"Load test fact number {n} for guild {guild.id}: admins keep the coverage "
                f"current (revision {self.rng.randrange(10**9)}).")
        write = AdminWrite(guild.id, "edit" if edit else "add", text)
        self.stats.writes.append(write)
        try:
            if edit:
                write.fact_id = self.rng.choice(own)
                opened = await fake.slash(guild.id, channel.id, admin, "fact edit",
                                          {"fact": write.fact_id})
                values = {"text": text}
            else:
                opened = await fake.slash(guild.id, channel.id, admin, "fact add")
                values = {"text": text, "source": SOURCE_ID,
                          "passage": "Along with Doechii and Kardashian, other stars are also "
                                     "speaking out."}
            modal = await opened.modal(timeout=10)
            # The admin reads and types. (Submitting within a millisecond of the form appearing
            # can beat discord.py, which registers a modal only once Discord has accepted it:
            # no person is that fast.)
            await asyncio.sleep(self.rng.uniform(0.3, 1.0))
            t_submit = time.perf_counter()
            submitted = await fake.submit_modal(modal["custom_id"], values, admin)
            response = await submitted.response(timeout=10)
            if not response.ok:
                write.error = f"{response.status}: the form's acknowledgement was refused"
                return
            # The bot acknowledges the form first, then confirms the stored write.
            content = (await submitted.reply(timeout=10)).get("content") or ""
            m = re.search(r"(Added|Updated) fact `([a-z0-9-]+)`", content)
            if m is None:
                write.error = f"not confirmed: {content[:200]!r}"
                return
            write.fact_id = m.group(2)
            write.confirmed = True
            arrived = fake.other_followups.get(submitted.token)
            write.took = (arrived if arrived is not None else time.perf_counter()) - t_submit
            if not edit:
                own.append(write.fact_id)
        except Exception as exc:  # report, do not stop the run
            write.error = f"{write.action}: {type(exc).__name__}: {exc}"[:300]

    # ---- phases --------------------------------------------------------------------

    async def wait_ready(self, timeout: float) -> float:
        """Until the bot answers one question in every guild (it is connected and ready); the
        time (``perf_counter``) the last guild's first answer came.

        A question is put every :data:`READY_POLL` s, each from another member (so that no
        cooldown hides an answer): the bot is ready within that of the time returned. (It
        once waited 3 s for each answer, then out the cooldown, and took that for the time
        to ready: 6.2 s for a bot that answered after 3.2 s, and which may have been ready
        at 1 s.)"""
        deadline = time.perf_counter() + timeout
        ready = time.perf_counter()
        for guild in self.guilds:
            members, channel = self.members[guild.id], self.channels[guild.id][0]
            asked: list[Question] = []
            answers: list[float] = []
            while not answers:
                if time.perf_counter() > deadline:
                    raise TimeoutError("the bot did not answer within the start-up timeout")
                q = Question("mention", "who is doechii", guild.id)
                await self.ask(q, channel, members[-1 - len(asked) % len(members)])
                asked.append(q)
                t_end = time.perf_counter() + READY_POLL
                while not (answers := [a.answered for a in asked if a.answered is not None]) \
                        and time.perf_counter() < t_end:
                    await asyncio.sleep(0.005)
            ready = max(ready, min(answers))
        # Users in the warm-up must not be reused before their cooldown is over.
        await asyncio.sleep(max(0.0, self.args.cooldown))
        return ready

    lags: list[float]

    async def run_load(self, on_measure: Any = None) -> tuple[float, float]:
        """``--warmup`` seconds of load (answered, checked for errors, not timed), then
        ``--duration`` seconds measured; ``on_measure()`` is called when the measured part
        starts. Returns when every answer is in (or ``--drain`` seconds after the last)."""
        a, rng = self.args, self.rng
        warmup = int(a.rate * a.warmup)
        total = warmup + int(a.rate * a.duration)
        cursor = {g.id: 0 for g in self.guilds}
        start = time.perf_counter()
        measured_start = start
        admin_next = start
        for i in range(total):
            due = start + i / a.rate
            while True:
                now = time.perf_counter()
                if now >= admin_next and a.admin_interval > 0:
                    self.spawn(self.admin_write(self.guilds[rng.randrange(len(self.guilds))]))
                    admin_next += a.admin_interval
                delay = due - now
                if delay <= 0:
                    break
                await asyncio.sleep(min(delay, max(0.0, admin_next - now)) or delay)
            if i == warmup:
                measured_start = time.perf_counter()
                if on_measure is not None:
                    on_measure()
            guild = self.guilds[i % len(self.guilds)]
            members = self.members[guild.id]
            member = members[cursor[guild.id] % len(members)]
            cursor[guild.id] += 1
            channel = self.channels[guild.id][rng.randrange(len(self.channels[guild.id]))]
            kind = "slash" if rng.random() < a.slash_share else "mention"
            q = Question(kind, rng.choice(self.questions), guild.id)
            (self.warmup_questions if i < warmup else self.stats.questions).append(q)
            self.spawn(self.ask(q, channel, member))
        end = time.perf_counter()
        # Every question answered (or given up on), every admin write finished.
        deadline = end + a.drain
        everything = self.warmup_questions + self.stats.questions
        while time.perf_counter() < deadline:
            if all(q.answered is not None for q in everything) and not self.tasks:
                break
            await asyncio.sleep(0.05)
        return measured_start, end


# --------------------------------------------------------------------------- checks


async def check_database(db: Path | str, writes: list[AdminWrite]) -> dict[str, Any]:
    """Every admin write the bot confirmed is in the database: in the audit log with the
    confirmed text, and each fact's stored text is its latest audited version. (Two edits of
    one fact may be confirmed in another order than they were committed; the audit log has
    the commit order.)"""
    from bot.models import Fact
    from bot.storage import Storage

    confirmed = [w for w in writes if w.confirmed and w.fact_id]
    missing: list[str] = []
    async with await Storage.open(db) as storage:
        integrity = await storage.integrity_check()
        facts = {(w.guild_id, w.fact_id) for w in confirmed}
        for guild_id, fact_id in sorted(facts, key=str):
            assert fact_id is not None
            audit = await storage.audit_log(guild_id=guild_id, record_id=fact_id,
                                            kind="fact", limit=10_000)
            audited = {(e.after or {}).get("text") for e in audit}
            for w in confirmed:
                if (w.guild_id, w.fact_id) == (guild_id, fact_id) and w.text not in audited:
                    missing.append(f"{fact_id}: confirmed text not in the audit log")
            fact = await storage.get("fact", fact_id)
            latest = (audit[0].after or {}).get("text") if audit else None
            if not isinstance(fact, Fact) or fact.text != latest:
                missing.append(f"{fact_id}: stored text is not its latest audited version")
        stats = await storage.stats()
    return {"integrity": integrity, "confirmed_writes": len(confirmed),
            "confirmed_facts": len(facts), "missing": missing, "stats": stats}


def machine() -> dict[str, Any]:
    model = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform()}


def summarise(args: argparse.Namespace, driver: Driver, start: float, end: float,
              db_report: dict[str, Any], log_text: str, pinning: dict[str, str],
              bot_exit: int | None) -> dict[str, Any]:
    qs = driver.stats.questions
    answered = [q for q in qs if q.answered is not None]
    ok = [q for q in answered if q.status is not None and 200 <= q.status < 300
          and not q.busy]
    busy = [q for q in answered if q.busy]
    no_reply = [q for q in qs if q.answered is None]
    slash = [q for q in qs if q.kind == "slash"]
    late_acks = [q for q in slash
                 if q.acked is None or q.acked - q.sent > ACK_WINDOW]
    # The "busy" reply to mentions is rate-limited per channel: the shortest gap between two
    # of them in one channel (seconds).
    busy_times: dict[int, list[float]] = {}
    for q in busy:
        if q.kind == "mention":
            busy_times.setdefault(q.channel_id, []).append(q.answered)  # type: ignore[arg-type]
    gaps = [b - a for times in busy_times.values()
            for a, b in zip(sorted(times), sorted(times)[1:], strict=False)]
    error_replies = [q for q in answered
                     if SORRY in json.dumps(q.reply, ensure_ascii=False)]
    lat = [(q.answered - q.sent) * 1000 for q in ok]  # type: ignore[operator]
    by_kind = {k: [(q.answered - q.sent) * 1000 for q in ok if q.kind == k]  # type: ignore
               for k in ("mention", "slash")}
    abstained = [(q.answered - q.sent) * 1000 for q in ok if is_abstention(q.reply)]  # type: ignore
    from_record = [(q.answered - q.sent) * 1000 for q in ok  # type: ignore[operator]
                   if not is_abstention(q.reply)]
    acks = [(q.acked - q.sent) * 1000 for q in qs if q.acked is not None]
    last = max((q.answered for q in answered), default=end)  # type: ignore[type-var]
    window = max(1e-9, last - start)
    writes = driver.stats.writes
    fake = driver.fake
    problems = [str(p) for p in fake.problems()]
    locked = log_text.count("database is locked")
    log_errors = [ln for ln in log_text.splitlines()
                  if " ERROR " in ln or "Traceback" in ln or "CRITICAL" in ln]
    warm = driver.warmup_questions
    warm_bad = [q for q in warm if q.answered is None or not 200 <= (q.status or 0) < 300
                or q.busy or SORRY in json.dumps(q.reply, ensure_ascii=False)]
    errors = len(warm_bad) + (len(qs) - len(ok)) + len(error_replies) + len(problems) \
        + len(fake.non_2xx) \
        + len(log_errors) + sum(1 for w in writes if not w.confirmed)
    # Past the knee "busy" replies and mentions left without one (rate-limited per channel)
    # are the bot doing as designed; everything else is still an error: an /ask left without
    # any answer, a failed request, an apology, a problem the fake saw, an unconfirmed write.
    everything = warm + qs
    overload_errors = (
        sum(1 for q in everything if q.kind == "slash" and q.answered is None)
        + sum(1 for q in everything if q.answered is not None
              and not 200 <= (q.status or 0) < 300)
        + sum(1 for q in everything if SORRY in json.dumps(q.reply, ensure_ascii=False))
        + len(problems) + len(fake.non_2xx) + len(log_errors)
        + sum(1 for w in writes if not w.confirmed))

    def ms(values: Sequence[float]) -> dict[str, float]:
        return {"median": round(statistics.median(values), 2) if values else math.nan,
                "p95": round(percentile(values, 95), 2), "p99": round(percentile(values, 99), 2),
                "max": round(max(values), 2) if values else math.nan}

    # Per second of the load: how many questions were sent and the slowest answer (ms), to
    # see whether slow answers cluster (a stall) or spread (a queue).
    timeline: dict[int, list[float]] = {}
    for q in ok:
        timeline.setdefault(int(q.sent - start), []).append(
            (q.answered - q.sent) * 1000)  # type: ignore[operator]
    return {
        "timeline": {sec: [len(v), round(max(v), 1)] for sec, v in sorted(timeline.items())},
        "machine": machine(),
        "pinning": pinning,
        "config": {k: v for k, v in vars(args).items() if not k.startswith("child")},
        "sent": len(qs),
        "answered": len(ok),
        "answered_per_s": round(len(ok) / window, 1),
        "offered_per_s": round(len(qs) / max(1e-9, end - start), 1),
        "latency_ms": ms(lat),
        "latency_ms_mention": ms(by_kind["mention"]),
        "latency_ms_slash": ms(by_kind["slash"]),
        "ack_ms_slash": ms(acks),
        "latency_ms_from_a_record": ms(from_record),
        "latency_ms_abstentions": ms(abstained),
        "unanswered": len(qs) - len(answered),
        "busy_replies": {"mention": sum(1 for q in busy if q.kind == "mention"),
                         "slash": sum(1 for q in busy if q.kind == "slash")},
        "mentions_without_reply": sum(1 for q in no_reply if q.kind == "mention"),
        "slash_sent": len(slash),
        "slash_acked_late_or_never": len(late_acks),
        "busy_min_gap_per_channel_s": round(min(gaps), 2) if gaps else None,
        "overload_errors": overload_errors,
        "warmup_questions": len(warm),
        "warmup_errors": len(warm_bad),
        "error_replies": len(error_replies),
        "non_2xx_requests": fake.non_2xx[:20],
        "fake_problems": problems[:20],
        "bot_log_errors": log_errors[:20],
        "database_is_locked": locked,
        "admin_writes": len(writes),
        "admin_writes_confirmed": sum(1 for w in writes if w.confirmed),
        "admin_confirmation_ms": ms([w.took * 1000 for w in writes if w.took is not None]),
        "admin_confirmations_s": [round(w.took, 2) if w.took is not None else None
                                  for w in writes],
        "admin_write_errors": [w.error for w in writes if w.error][:20],
        "db": db_report,
        "bot_exit_status": bot_exit,
        "errors": errors,
    }


def targets(report: dict[str, Any]) -> list[tuple[str, bool, str]]:
    db = report["db"]
    return [
        (f"answered questions per second >= {TARGET_RATE:.0f}",
         report["answered_per_s"] >= TARGET_RATE, f"{report['answered_per_s']}/s"),
        (f"p99 latency < {TARGET_P99_MS:.0f} ms", report["latency_ms"]["p99"] < TARGET_P99_MS,
         f"{report['latency_ms']['p99']} ms (median {report['latency_ms']['median']} ms)"),
        ("zero errors", report["errors"] == 0, str(report["errors"])),
        ('zero "database is locked"', report["database_is_locked"] == 0,
         str(report["database_is_locked"])),
        ("every admin write present afterwards",
         not db["missing"] and db["integrity"] == "ok" and report["admin_writes"] > 0
         and report["admin_writes_confirmed"] == report["admin_writes"],
         f"{db['confirmed_writes']} confirmed writes to {db['confirmed_facts']} facts, "
         f"{len(db['missing'])} missing; {report['admin_writes_confirmed']}/"
         f"{report['admin_writes']} writes confirmed; integrity {db['integrity']}"),
    ]


def overload_targets(report: dict[str, Any], knee: float | None) -> list[tuple[str, bool, str]]:
    """The targets past the knee (issue 13), for a run at twice the knee."""
    db, mem = report["db"], report["bot_memory_mb"]
    lines = [
        ("zero interactions acknowledged late",
         report["slash_acked_late_or_never"] == 0 and not any(
             "late_interaction" in p for p in report["fake_problems"]),
         f"{report['slash_acked_late_or_never']} of {report['slash_sent']} /ask late or never "
         f"(ack p99 {report['ack_ms_slash']['p99']} ms)"),
        ("every admin write confirmed and present",
         not db["missing"] and db["integrity"] == "ok" and report["admin_writes"] > 0
         and report["admin_writes_confirmed"] == report["admin_writes"],
         f"{report['admin_writes_confirmed']}/{report['admin_writes']} confirmed, "
         f"{len(db['missing'])} missing, integrity {db['integrity']}"),
        ("p99 of answered questions < 1 s", report["latency_ms"]["p99"] < 1000,
         f"{report['latency_ms']['p99']} ms ({report['answered']} answered, "
         f"{sum(report['busy_replies'].values())} busy)"),
        ("memory flat (growth over the second half < 10 MB)",
         mem["growth"] == mem["growth"] and abs(mem["growth"]) < 10,
         f"{mem['growth']} MB ({mem['start']} -> {mem['end']} MB, max {mem['max']})"),
        ("zero errors besides the busy replies", report["overload_errors"] == 0,
         str(report["overload_errors"])),
    ]
    if knee is not None:
        lines.insert(0, ("knee >= 250 questions/s", knee >= 250, f"{knee:g}/s"))
    return lines


def passes_knee(report: dict[str, Any]) -> bool:
    """A rate is at or below the knee when every question got its answer, p99 < 100 ms, with
    no error at all."""
    return (report["latency_ms"]["p99"] < TARGET_P99_MS and report["errors"] == 0
            and report["answered"] == report["sent"])


def print_report(report: dict[str, Any]) -> bool:
    m = report["machine"]
    print(f"machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}; load average "
          f"before the run {m['loadavg_before']} (other work on the machine skews figures)")
    print(f"pinning: bot {report['pinning']['bot']}, fake+users {report['pinning']['fake']}")
    c = report["config"]
    print(f"load: {c['rate']}/s, {c['warmup']} s of warm-up then {c['duration']} s measured, "
          f"over {c['guilds']} guilds, "
          f"{c['users']} users, {int(c['slash_share'] * 100)}% /ask; an admin write every "
          f"{c['admin_interval']} s")
    experiments = [f"--{k.replace('_', '-')}" + ("" if v is True else f" {v}")
                   for k, v in c.items() if k.startswith("bot_") and v]
    if c.get("echo"):
        experiments.insert(0, "--echo (a bare discord.py bot, not coverage-bot)")
    if experiments:
        print("EXPERIMENT, not the bot as shipped: " + ", ".join(experiments))
    print(f"questions: {report['sent']} sent ({report['offered_per_s']}/s offered), "
          f"{report['answered']} answered ({report['answered_per_s']}/s)")
    for name in ("latency_ms", "latency_ms_mention", "latency_ms_slash", "ack_ms_slash",
                 "latency_ms_from_a_record", "latency_ms_abstentions"):
        v = report[name]
        print(f"{name:24s} median {v['median']:8.2f}  p95 {v['p95']:8.2f}  "
              f"p99 {v['p99']:8.2f}  max {v['max']:8.2f}")
    per = report["cpu_ms_per_question"]
    print(f"CPU per question during the load (admin writes included): bot "
          f"{per.get('bot')} ms, fake+users {per.get('fake')} ms; whole run: bot "
          f"{report['cpu_seconds']['bot']} s, fake+users {report['cpu_seconds']['fake']} s")
    a = report["admin_confirmation_ms"]
    print(f"admin confirmations (form submitted -> confirmation): median {a['median']} ms, "
          f"p99 {a['p99']} ms, max {a['max']} ms")
    print(f"admin writes: {report['admin_writes']} ({report['admin_writes_confirmed']} "
          f"confirmed); DB integrity: {report['db']['integrity']}; DB stats: "
          f"{report['db']['stats']}")
    b = report["busy_replies"]
    print(f"busy replies: {b['mention']} to mentions (shortest gap in one channel "
          f"{report['busy_min_gap_per_channel_s']} s), {b['slash']} to /ask; mentions without "
          f"any reply: {report['mentions_without_reply']}; /ask acknowledged late or never: "
          f"{report['slash_acked_late_or_never']} of {report['slash_sent']}")
    mem = report["bot_memory_mb"]
    print(f"bot memory during the load: {mem['start']} MB at the start, {mem['end']} MB at "
          f"the end, max {mem['max']} MB, growth over the second half {mem['growth']} MB")
    print(f"load average before / after the run: {m['loadavg_before']} / "
          f"{m.get('loadavg_after')}")
    print(f"other processes on the machine during the load: "
          f"{report['other_processes_cores']} cores busy on average")
    for line in report.get("bot_runtime", []):
        print(line)
    print(f"fake+users event-loop lag: p99 {report['fake_loop_lag_ms']['p99']} ms, max "
          f"{report['fake_loop_lag_ms']['max']} ms")
    print(f"request bodies checked against Discord's OpenAPI description: "
          f"{report['validated_requests']}")
    print(f"errors: {report['errors']} (warm-up {report['warmup_errors']} of "
          f"{report['warmup_questions']}, unanswered {report['unanswered']}, error replies "
          f"{report['error_replies']}, non-2xx {len(report['non_2xx_requests'])}, fake problems "
          f"{len(report['fake_problems'])}, bot log errors {len(report['bot_log_errors'])}, "
          f"admin write errors {len(report['admin_write_errors'])})")
    for key in ("non_2xx_requests", "fake_problems", "bot_log_errors", "admin_write_errors"):
        for line in report[key][:5]:
            print(f"  {key}: {line}")
    all_ok = True
    for name, ok, value in targets(report):
        all_ok &= ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    return all_ok


# --------------------------------------------------------------------------- main


async def start_fake(args: argparse.Namespace, rng: random.Random, **options: Any
                     ) -> tuple[Any, Driver, SampledValidation | None]:
    """The fake Discord (``options``: more of its settings), its users' driver with their
    world built, and the sampled checking of the bot's requests installed; started."""
    fake = _make_fake_class()(token=TOKEN, heartbeat_interval_ms=30_000,
                              validate_responses=False, **options)
    driver = Driver(args, fake, rng)
    driver.build_world()
    sampler = SampledValidation() if args.validate == "sample" else None
    if sampler is not None:
        sampler.install()
    await fake.start()
    return fake, driver, sampler


def validation_report(sampler: SampledValidation | None) -> str:
    """How many of the bot's requests were checked against the API description (the
    sampling uninstalled)."""
    if sampler is None:
        return "all"
    sampler.uninstall()
    return f"{sampler.checked} of {sampler.total} (sampled)"


async def drive(args: argparse.Namespace) -> dict[str, Any]:
    loadavg = [round(x, 2) for x in os.getloadavg()]
    pinning = {"fake": _pin(args.fake_core if args.pin else None)}
    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="coverage-load-"))
    db = Path(args.db) if args.db else workdir / "load.db"
    log_path = workdir / "bot.log"
    fake, driver, sampler = await start_fake(args, rng)
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    cmd = [sys.executable, "-m", "benchmarks.load", "--child-bot", "--fake", fake.base_url,
           "--db", str(db), "--log-level", args.log_level, "--cooldown", str(args.cooldown)]
    if args.pin:
        cmd += ["--core", str(args.bot_core)]
    if args.bot_gc_freeze:
        cmd += ["--bot-gc-freeze"]
    if args.bot_gc_report:
        cmd += ["--bot-gc-report"]
    if args.backlog is not None:
        cmd += ["--backlog", str(args.backlog)]
    if args.bot_switch_interval:
        cmd += ["--bot-switch-interval", str(args.bot_switch_interval)]
    if args.echo:
        cmd += ["--echo"]
    if args.profile:
        cmd += ["--profile", str(Path(args.profile).resolve())]
    bot_exit: int | None = None
    cpu: dict[str, float] = {}
    rss: list[float] = []
    with open(log_path, "wb") as log_file:
        spawned = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_file,
                                stderr=subprocess.STDOUT)
        try:
            ready = await driver.wait_ready(args.startup_timeout)
            # from starting the bot's process to its first answer in every guild (its database
            # opened, the engine loaded, the commands synced, the guilds ready on the gateway)
            print(f"bot ready {ready - spawned:.2f} s after its process started "
                  f"(answering in every guild, within {READY_POLL} s)", flush=True)
            # where the bot really runs (what it was asked to is not enough: see _pin)
            pinning["bot"] = affinity(proc.pid)
            driver.lags = []
            marks: dict[str, Any] = {}

            def measuring() -> None:
                marks["cpu"] = (process_cpu(proc.pid), process_cpu())
                marks["busy"], marks["wall"] = machine_busy(), time.perf_counter()
                # This process's lag (the fake's and the users' side): a stall here delays
                # questions and the recording of answers, so it is reported.
                marks["watcher"] = asyncio.create_task(_watch_lag(driver.lags))
                marks["rss"] = asyncio.create_task(_watch_rss(proc.pid, rss))
                proc.send_signal(signal.SIGUSR1)

            # The fake keeps every request and message it saw, so its full garbage
            # collections grow long (100+ ms) and would show up as the bot's latency: the
            # harness does not collect during the load (it is not what is measured).
            gc.disable()
            try:
                start, end = await driver.run_load(measuring)
            finally:
                gc.enable()
            cpu_before = marks["cpu"]
            busy_before, wall_before = marks["busy"], marks["wall"]
            watcher = marks["watcher"]
            proc.send_signal(signal.SIGUSR2)
            watcher.cancel()
            marks["rss"].cancel()
            cpu["bot_load"] = process_cpu(proc.pid) - cpu_before[0]
            cpu["fake_load"] = process_cpu() - cpu_before[1]
            # What the rest of the machine used meanwhile (other people's work skews figures).
            wall = time.perf_counter() - wall_before
            others = machine_busy() - busy_before - cpu["bot_load"] - cpu["fake_load"]
            cpu["others_cores"] = max(0.0, others) / max(1e-9, wall)
        finally:
            proc.send_signal(signal.SIGTERM)
            # Reap it ourselves (wait4, not Popen.poll) to read its CPU time.
            bot_exit, cpu["bot"] = await reap(proc)
            await fake.stop()
    t = os.times()
    cpu["fake"] = t.user + t.system
    pinning.setdefault("bot", "unknown (it never became ready)")
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    db_report = await check_database(db, driver.stats.writes)
    report = summarise(args, driver, start, end, db_report, log_text, pinning, bot_exit)
    report["bot_log"] = str(log_path)
    lags = driver.lags
    for line in log_text.splitlines():
        if line.startswith("load: bot"):
            report.setdefault("bot_runtime", []).append(line.removeprefix("load: "))
    report["fake_loop_lag_ms"] = {"p99": round(percentile(lags, 99), 2),
                                  "max": round(max(lags), 2) if lags else math.nan}
    report["validated_requests"] = validation_report(sampler)
    report["machine"]["loadavg_before"] = loadavg
    report["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    report["bot_memory_mb"] = memory_report(rss)
    report["cpu_seconds"] = {k: round(v, 2) for k, v in cpu.items()}
    # CPU per question during the load (from the first question to the last answer or the
    # drain timeout): admin writes included, start-up and shutdown not.
    report["other_processes_cores"] = round(cpu.get("others_cores", math.nan), 2)
    report["cpu_ms_per_question"] = {
        k: round(cpu[f"{k}_load"] / max(1, report["sent"]) * 1000, 3) for k in ("bot", "fake")
        if f"{k}_load" in cpu}
    return report


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rate", type=float, default=250.0, help="questions per second offered")
    p.add_argument("--duration", type=float, default=20.0, help="seconds of load measured")
    p.add_argument("--warmup", type=float, default=3.0,
                   help="seconds of the same load first, answered and checked but not timed")
    p.add_argument("--guilds", type=int, default=4)
    p.add_argument("--channels", type=int, default=2, help="channels per guild")
    p.add_argument("--users", type=int, default=1200,
                   help="members in all (spread over the guilds); keep rate*cooldown below")
    p.add_argument("--slash-share", type=float, default=0.3, help="share of /ask questions")
    p.add_argument("--admin-interval", type=float, default=0.25,
                   help="seconds between admin writes (0: none)")
    p.add_argument("--cooldown", type=float, default=3.0, help="QUESTION_COOLDOWN of the bot")
    p.add_argument("--mix", choices=("all", "answerable"), default="all",
                   help="all questions of the question set (a quarter are unanswerable, which "
                   "the bot logs: a database write each), or only the answerable ones")
    p.add_argument("--log-level", default="INFO", help="the bot's LOG_LEVEL")
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--drain", type=float, default=10.0,
                   help="seconds to wait for late answers after the last question")
    p.add_argument("--startup-timeout", type=float, default=60.0)
    p.add_argument("--no-pin", dest="pin", action="store_false",
                   help="do not pin the bot and the fake to separate cores")
    p.add_argument("--bot-core", type=int, default=0)
    p.add_argument("--fake-core", type=int, default=1)
    p.add_argument("--db", help="the bot's database (default: a new file in a temp folder; "
                   "with --processes 2 a postgresql:// URL of a database created already)")
    p.add_argument("--processes", type=int, choices=(1, 2), default=1,
                   help="2: two bot processes (shards 0 and 1 of 2, cores 0 and 1) on one "
                   "PostgreSQL database (benchmarks/load_pg.py)")
    p.add_argument("--postgres", action="store_true",
                   help="with --processes 2 and no --db: on a throwaway PostgreSQL cluster "
                   "(the default then)")
    p.add_argument("--settle", type=float, default=1.5,
                   help="with --processes 2: seconds (at least 1) between the end of the load "
                   "and stopping the bots, whose engines must then hold every admin write")
    p.add_argument("--json", help="write the figures to this file")
    p.add_argument("--validate", choices=("sample", "all"), default="sample",
                   help="check every request body of the bot against the OpenAPI description "
                   "(all), or the first 10 of each route and then 1 in 20 (sample)")
    p.add_argument("--profile", help="write a cProfile of the bot process to this file")
    p.add_argument("--knee", help="comma-separated rates: find the knee (the highest that "
                   "meets p99 < 100 ms with every question answered and no error), one run "
                   "of --duration s each, then run at twice it for --overload-duration s")
    p.add_argument("--overload-duration", type=float, default=20.0,
                   help="seconds of load measured at twice the knee (with --knee)")
    p.add_argument("--backlog", type=int, default=None,
                   help="QUESTION_BACKLOG of the bot (default: the setting's default)")
    p.add_argument("--bot-switch-interval", type=float, default=None,
                   help="experiment: sys.setswitchinterval() in the bot process (default "
                   "0.005 s): how long its aiosqlite thread may wait for the GIL")
    p.add_argument("--echo", action="store_true",
                   help="calibration: run a bare discord.py bot answering with a fixed embed "
                   "instead of coverage-bot (no admin writes): the harness's own latency")
    p.add_argument("--bot-gc-report", action="store_true",
                   help="diagnostic: at the end of the load, the bot's tracked objects by type "
                   "and the time of one full collection")
    p.add_argument("--bot-gc-freeze", action="store_true",
                   help="experiment: gc.freeze() in the bot process when the load starts "
                   "(what the bot would do after start-up), to measure its effect")
    # The bot child (internal).
    p.add_argument("--child-bot", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--fake", help=argparse.SUPPRESS)
    p.add_argument("--core", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--shard-count", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--shard-id", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--engine-dump", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.pin and len(os.sched_getaffinity(0)) < 2:
        args.pin = False  # one core: nothing to separate
    return args


def find_knee(args: argparse.Namespace) -> int:
    """``--knee R1,R2,...``: one run per rate (a new bot each), upwards until one fails;
    the knee is the highest rate that passed. Then a run at twice the knee
    (``--overload-duration`` s) and its targets."""
    rates = sorted(float(r) for r in args.knee.split(","))
    steps: list[dict[str, Any]] = []
    knee: float | None = None
    for rate in rates:
        step = argparse.Namespace(**vars(args))
        step.rate = rate
        step.users = max(args.users, math.ceil(rate * args.cooldown * 1.5))
        report = asyncio.run(drive(step))
        ok = passes_knee(report)
        steps.append({"rate": rate, "pass": ok, "report": report})
        m = report["machine"]
        print(f"knee search: {rate:g}/s offered: {report['answered_per_s']}/s answered, "
              f"p99 {report['latency_ms']['p99']} ms (median {report['latency_ms']['median']}),"
              f" errors {report['errors']}, busy {sum(report['busy_replies'].values())}, "
              f"others {report['other_processes_cores']} cores, load average "
              f"{m['loadavg_before']} -> {m['loadavg_after']}: {'PASS' if ok else 'FAIL'}",
              flush=True)
        if not ok:
            break
        knee = rate
    out: dict[str, Any] = {"knee": knee, "steps": steps}
    all_ok = knee is not None
    if knee is not None:
        over = argparse.Namespace(**vars(args))
        over.rate = 2 * knee
        over.duration = args.overload_duration
        over.users = max(args.users, math.ceil(over.rate * args.cooldown * 1.5))
        print(f"\nat twice the knee ({over.rate:g}/s offered, {over.duration:g} s):",
              flush=True)
        report = asyncio.run(drive(over))
        print_report(report)
        out["overload"] = report
        print("\ntargets past the knee:")
        for name, ok, value in overload_targets(report, knee):
            all_ok &= ok
            print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    else:
        print("FAIL  no rate passed: the knee is below the lowest rate tried")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return 0 if all_ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child_bot:
        return child_bot(args)
    if args.processes == 2 or args.postgres:
        from benchmarks.load_pg import main_two

        return main_two(args)
    if args.knee:
        return find_knee(args)
    if args.users < args.rate * args.cooldown * 1.2:
        print(f"note: {args.users} users at {args.rate}/s ask more often than the "
              f"{args.cooldown} s cooldown allows; some get the cooldown notice",
              file=sys.stderr)
    report = asyncio.run(drive(args))
    ok = print_report(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
