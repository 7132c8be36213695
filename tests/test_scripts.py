"""./run and ./test, called from another folder as a user would: file arguments mean what they
say there, and nothing is written into the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

from tests.conftest import ROOT


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DATABASE_PATH", "KNOWLEDGE_DIR", "COVERAGE_BOT_ENV_FILE")}
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "run"), *args], capture_output=True, text=True,
                          cwd=cwd, env=_env(**extra), timeout=120, check=False)


def test_run_export_writes_where_it_is_called_from(tmp_path: Path) -> None:
    name = f"export-{uuid.uuid4().hex}.json"
    try:
        proc = _run(["export", "-o", name, "--db", str(tmp_path / "b.db")], tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / name).is_file()
        assert json.loads((tmp_path / name).read_text())["facts"]
    finally:
        in_checkout = (ROOT / name).exists()
        (ROOT / name).unlink(missing_ok=True)
        assert not in_checkout, "./run wrote into the checkout"


def test_run_import_reads_a_file_where_it_is_called_from(tmp_path: Path) -> None:
    (tmp_path / "new.json").write_text(json.dumps({"format": "coverage-bot/1", "facts": []}))
    proc = _run(["import", "new.json", "--db", str(tmp_path / "b.db")], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("imported 0 sources")


def test_run_reads_the_checkouts_env_file_from_another_folder(tmp_path: Path) -> None:
    """The settings of ./run are the checkout's .env (named through COVERAGE_BOT_ENV_FILE)."""
    env_file = tmp_path / "settings.env"
    env_file.write_text(f"DATABASE_PATH={tmp_path / 'from-env.db'}\n")
    proc = _run(["stats", "--json"], tmp_path, COVERAGE_BOT_ENV_FILE=str(env_file))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["database"] == str(tmp_path / "from-env.db")


def test_test_takes_files_relative_to_where_it_is_called_from(tmp_path: Path) -> None:
    (tmp_path / "test_here.py").write_text("def test_here() -> None:\n    pass\n")
    (tmp_path / "here").touch()  # an option's value is not a file, even where one is so named
    proc = subprocess.run([str(ROOT / "test"), "-q", "-p", "no:cacheprovider", "-k", "here",
                           "test_here.py::test_here"],
                          capture_output=True, text=True, cwd=tmp_path, env=_env(),
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout
