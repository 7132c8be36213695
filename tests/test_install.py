"""Installing as a new user would: the wheel, built and installed by the pip that Python ships,
into a fresh virtual environment, used from another folder (scripts/check-install, also run by
.ci/run); and what a command imports at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_installs_with_stock_pip_and_works_from_another_folder() -> None:
    """A fresh venv's own pip builds and installs the wheel (no build/ left in the checkout);
    the installed copy answers from its packaged coverage and ingests HTML."""
    env = {k: v for k, v in os.environ.items() if k != "PIP_REQUIRE_VIRTUALENV"}
    env["PYTHON"] = sys.executable  # its venv module makes a venv with the bundled pip
    proc = subprocess.run([str(ROOT / "scripts" / "check-install")], capture_output=True,
                          text=True, env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "check-install: OK" in proc.stderr


def test_ask_does_not_import_the_html_extractor(tmp_path: Path) -> None:
    """trafilatura (and lxml under it) is for ingesting HTML only: ask never loads it."""
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        f"assert main(['ask', 'who is doechii', '--db', {str(tmp_path / 'b.db')!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'lxml'))\n"
        "assert not loaded, loaded\n"
    )
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_PATH", "DATABASE_URL", "DISCORD_TOKEN")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr

