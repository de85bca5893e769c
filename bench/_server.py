"""Start the product the way `make run` does (`hibachi serve`, HF_HUB_OFFLINE=1) in a
child process, on a private port and a private database, for benchmarks and the
reliability tests that need a real server (kill -9, replay storms).

The embedded PostgreSQL lives in a private HIBACHI_DATA_DIR (default `.data/bench`,
never `.data/pg`); each run gets a freshly created database on it, passed to the
server as DATABASE_URL. The database server outlives a killed app, exactly as it does
in production (cleanup_mode=None), so a restart finds every committed row.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Self

import httpx

ROOT = Path(__file__).resolve().parents[1]
HIBACHI = ROOT / ".venv" / "bin" / "hibachi"
DEFAULT_DATA = ROOT / ".data" / "bench"
ADMIN_TOKEN = "bench-admin-token-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_database(data_dir: Path, name: str) -> str:
    """Drop and create `name` on the embedded server in `data_dir`; its asyncpg URL."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset
        from core.db.embedded import recreate_database

        return recreate_database(data_dir, name)


def rss_mb(pid: int) -> float:
    """Resident set size of one process, in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_pids(data_dir: Path) -> list[int]:
    """The embedded PostgreSQL of `data_dir`: its postmaster and every child process."""
    try:
        master = int((data_dir / "pg" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


class ServedApp:
    """`hibachi serve` in a child process; `start`, `stop` (SIGTERM), `kill` (SIGKILL)."""

    def __init__(
        self,
        db_name: str,
        *,
        data_dir: Path = DEFAULT_DATA,
        env: Mapping[str, str] | None = None,
        argv: list[str] | None = None,
        log_path: Path | None = None,
        needs_db: bool = True,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.db_name = db_name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.extra_env = dict(env or {})
        self.argv = argv or [str(HIBACHI), "serve"]
        self.log_path = log_path or data_dir / f"{db_name}.log"
        self.database_url = ""
        self.needs_db = needs_db
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def env(self) -> dict[str, str]:
        providers = ("TWILIO_", "TELEGRAM_", "STRIPE_", "OPENAI_")
        env = {k: v for k, v in os.environ.items() if not k.startswith(providers)}
        env.update(
            HF_HUB_OFFLINE="1",
            HOST="127.0.0.1",
            PORT=str(self.port),
            HIBACHI_DATA_DIR=str(self.data_dir),
            DATABASE_URL=self.database_url,
            PUBLIC_BASE_URL=self.base_url,
            HIBACHI_ADMIN_TOKEN=ADMIN_TOKEN,
            PYTHONPATH=str(ROOT),  # `python -m bench.bare_app` from the data dir
        )
        env.update(self.extra_env)
        return env

    def start(self, *, fresh: bool = True, timeout: float = 180.0) -> Self:
        """Launch and wait for /healthz; `fresh` recreates the database first."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.needs_db and (fresh or not self.database_url):
            self.database_url = fresh_database(self.data_dir, self.db_name)
        self._log = self.log_path.open("ab")
        # cwd is the data dir, so a developer's ./.env cannot leak into the run: the
        # server sees exactly this environment.
        self.proc = subprocess.Popen(
            self.argv, env=self.env(), cwd=self.data_dir, stdout=self._log, stderr=self._log
        )
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if httpx.get(self.base_url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"server not ready after {timeout:.0f}s; see {self.log_path}")

    def rss_mb(self) -> float:
        return rss_mb(self.pid)

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flush — a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)
        self._close_log()

    def stop(self) -> None:
        """SIGTERM and wait for a graceful exit (SIGKILL after 30 s)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def python_argv(module: str) -> list[str]:
    """argv to run `python -m module` with the project's interpreter."""
    return [sys.executable, "-m", module]
