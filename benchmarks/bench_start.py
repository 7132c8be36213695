"""Issue 10: the first answer of ``coverage-bot ask``, cold (no engine snapshot) and warm.

For each size, a synthetic bank is imported through ``coverage-bot import`` (the export
written by :mod:`benchmarks.bench_import`; a database already in ``--keep DIR`` is reused),
then ``coverage-bot ask QUESTION --db DB`` is run as a new process:

* cold: the snapshot beside the database removed, so the engine is built from the records
  (and the snapshot written);
* warm: ``--runs`` times more with the snapshot present (the median is reported).

Each time is the child's wall time, from its start to its exit, and its peak memory. The
children run without ``PYTHONDONTWRITEBYTECODE`` (which some shells here set), so that they
use compiled bytecode as an installed copy does: compiling the sources again on every run
costs 0.13 s that no user pays.

    .venv/bin/python -m benchmarks.bench_start --records 10000 100000 1000000 --keep DIR
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_import import run_import, write_export

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "what did the mayor say about the budget"


def ask_once(db: Path, question: str) -> tuple[float, float, str]:
    """(seconds, peak MB of this child, its stdout) of one ``coverage-bot ask``."""
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", question, "--db", str(db)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    # wait4 gives this child's own peak memory; its output (one answer) fits in the pipes.
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = status
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    if status != 0:
        sys.exit(f"ask failed ({status}):\n{err[-3000:]}")
    return took, usage.ru_maxrss / 1024, out.strip()


def bank(folder: Path, n: int) -> Path:
    """The database of ``n`` synthetic records in ``folder``, imported if not there yet."""
    doc, db = folder / f"export-{n}.json", folder / f"import-{n}.db"
    if db.exists():
        print(f"{n:,} records: reusing {db}")
        return db
    write_export(doc, n)
    took, peak, out = run_import(doc, db)
    print(f"{n:,} records: imported in {took:.1f} s, peak {peak:,.0f} MB ({out})")
    return db


def measure(db: Path, runs: int, question: str) -> dict[str, object]:
    snap = db.with_name(db.name + ".engine")
    snap.unlink(missing_ok=True)
    cold, cold_mb, answer = ask_once(db, question)
    warm = [ask_once(db, question) for _ in range(runs)]
    assert all(w[2] == answer for w in warm), "a warm start answered differently"
    return {
        "cold_s": round(cold, 3),
        "cold_peak_mb": round(cold_mb),
        "warm_s": [round(w[0], 3) for w in warm],
        "warm_median_s": round(statistics.median(w[0] for w in warm), 3),
        "warm_peak_mb": round(max(w[1] for w in warm)),
        "snapshot_mb": round(snap.stat().st_size / 1e6, 1),
        "database_mb": round(db.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure every size asked for and print a line each; 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", metavar="DIR", help="databases here (reused if present)")
    parser.add_argument("--runs", type=int, default=5, help="warm starts per size")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-start-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    for n in args.records:
        got = measure(bank(folder, n), args.runs, args.question)
        results[str(n)] = got
        print(f"{n:>9,} records: first answer cold {got['cold_s']:.2f} s "
              f"(peak {got['cold_peak_mb']:,} MB), warm median {got['warm_median_s']:.2f} s "
              f"of {args.runs} (peak {got['warm_peak_mb']:,} MB); snapshot "
              f"{got['snapshot_mb']:,} MB, database {got['database_mb']:,} MB", flush=True)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
