"""Import at scale: a synthetic export of N records through ``coverage-bot import``.

Writes the export (the ``export`` command's format: one JSON document, sources, people,
facts, quotes) to a file without holding it in memory, then runs ``coverage-bot import``
on a new database as a subprocess and reports its wall time and peak memory (the child's
maximum resident set). ``--twice`` imports the same file again into the same database
(every record then already there: all no-ops).

    .venv/bin/python -m benchmarks.bench_import --records 1000000 [--keep DIR] [--twice]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.synthetic import Generator
from bot.codec import EXPORT_FORMAT, LIST_KEYS, to_json
from bot.knowledge import content_key as knowledge_key
from bot.models import Fact, Person, Quote, kind_of
from bot.storage.content import content_key

ROOT = Path(__file__).resolve().parent.parent


def write_export(path: Path, n: int, seed: int = 1) -> None:
    """``n`` synthetic records as one export document, written kind by kind as it goes."""
    parts = {key: path.with_suffix(f".{key}.part") for key in LIST_KEYS.values()}
    files = {key: p.open("w", encoding="utf-8") for key, p in parts.items()}
    first = dict.fromkeys(parts, True)
    seen: set[int] = set()
    for i, record in enumerate(Generator(seed).records(n)):
        # The generator repeats a text now and then at this scale; an import refuses
        # duplicates (as it should), so a repeat is renamed (people, sources) or left out.
        keys = {hash((kind_of(record), content_key(record)))}
        if isinstance(record, Fact | Quote):
            keys.add(hash((kind_of(record), knowledge_key(record.text),
                           getattr(record, "speaker", None))))
        if keys & seen:
            if isinstance(record, Fact | Quote):
                continue
            if isinstance(record, Person):
                record = replace(record, name=f"{record.name} {i}")
            else:
                record = replace(record, title=f"{record.title} {i}", url=None)
        seen |= keys
        key = LIST_KEYS[kind_of(record)]
        files[key].write(("" if first[key] else ",\n    ")
                         + json.dumps(to_json(record), ensure_ascii=False))
        first[key] = False
    for f in files.values():
        f.close()
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{\n  "format": "{EXPORT_FORMAT}"')
        for key, part in parts.items():
            out.write(f',\n  "{key}": [\n    ')
            with part.open(encoding="utf-8") as f:
                while chunk := f.read(1 << 20):
                    out.write(chunk)
            out.write("\n  ]")
            part.unlink()
        out.write("\n}\n")


def run_import(doc: Path, db: Path) -> tuple[float, float, str]:
    """(seconds, peak MB of the child, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bot", "import", str(doc), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.exit(f"import failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KB on Linux).
    return took, max(peak, before) / 1024, proc.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DIR", help="write the export and database here")
    parser.add_argument("--twice", action="store_true", help="import the same file again")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    doc, db = folder / f"export-{args.records}.json", folder / f"import-{args.records}.db"
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    start = time.perf_counter()
    write_export(doc, args.records)
    print(f"export of {args.records:,} records: {doc.stat().st_size / 1e6:,.0f} MB, "
          f"written in {time.perf_counter() - start:.1f} s")
    took, peak, out = run_import(doc, db)
    print(f"import into a new database: {took:.1f} s, peak memory {peak:,.0f} MB ({out})")
    print(f"database: {db.stat().st_size / 1e6:,.0f} MB")
    if args.twice:
        took, peak, out = run_import(doc, db)
        print(f"the same import again: {took:.1f} s, peak memory {peak:,.0f} MB ({out})")


if __name__ == "__main__":
    main()
