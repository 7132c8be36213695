"""A throwaway PostgreSQL cluster for the tests: ``initdb`` in a temporary folder and
``pg_ctl`` on a free local port, run as an unprivileged user (PostgreSQL refuses root), and
stopped at the end. No mock: the storage tests that take the ``postgres_url`` fixture run
against a real server.

The server binaries are found on PATH, under ``PG_BIN``, or in Debian's
``/usr/lib/postgresql/<version>/bin``; ``.ci/run`` installs them (apt-get) when none are
there, so on CI they are always found. A developer's machine without them skips those tests
with a message that says how to get them.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Said when a test needs PostgreSQL and the machine has none.
MISSING = ("PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
           "(Debian: apt-get install postgresql) or set PG_BIN to their folder")


def bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    candidates: list[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                         reverse=True)
    for folder in candidates:
        if all((folder / p).exists() for p in ("initdb", "pg_ctl", "postgres", "createdb")):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _as_user() -> list[str]:
    """The command prefix that runs a server program as an unprivileged user (none when
    this process is not root)."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run "
                       "PostgreSQL as")


@dataclass
class PostgresServer:
    """A running throwaway cluster: its port, folders and the commands that run as its user."""
    binaries: Path
    data: Path
    root: Path
    port: int
    options: str
    prefix: list[str]

    def url(self, database: str = "postgres") -> str:
        """The URL of one of its databases (user ``coverage``, no password: trust)."""
        return f"postgresql://coverage@127.0.0.1:{self.port}/{database}"

    def client(self, program: str, *args: str) -> None:
        """Run one of the server's client programs (``createdb``, ``dropdb``, ``psql``)."""
        subprocess.run([str(self.binaries / program), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "coverage", *args], check=True, capture_output=True, text=True)

    def pg_ctl(self, *args: str) -> None:
        """Run ``pg_ctl`` on the cluster (``"restart"``, ``"stop"``, ...), waiting for it."""
        subprocess.run([*self.prefix, str(self.binaries / "pg_ctl"), "-D", str(self.data),
                        "-o", self.options, "-l", str(self.root / "server.log"), "-w",
                        "-t", "60", *args], check=True, capture_output=True, text=True)


@contextlib.contextmanager
def running_postgres(binaries: Path) -> Iterator[PostgresServer]:
    """A new cluster, started on a free local port; stopped and deleted after."""
    prefix = _as_user()
    with tempfile.TemporaryDirectory(prefix="coverage-pg-") as tmp:
        root = Path(tmp)
        data = root / "data"
        if prefix:
            shutil.chown(root, user=prefix[2])
            root.chmod(0o700)
        run = {"check": True, "capture_output": True, "text": True}
        subprocess.run([*prefix, str(binaries / "initdb"), "-D", str(data), "-U", "coverage",
                        "-A", "trust", "-E", "UTF8", "--no-locale"], **run)  # type: ignore[call-overload]
        port = _free_port()
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c max_connections=50")
        server = PostgresServer(binaries, data, root, port, options, prefix)
        server.pg_ctl("start")
        try:
            yield server
        finally:
            subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast",
                            "-w", "-t", "60", "stop"], capture_output=True, check=False)
