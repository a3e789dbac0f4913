"""Start the real processes of the Procfile (rasa, actions, api, worker) on free ports, and stop them all.

The commands are read from the Procfile itself, so the end-to-end tests exercise exactly what `make run` starts.
Each process runs in its own process group with its output in a log file; stopping kills the whole group.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ops.procfile import read_procfile
from ops.supervisor import Supervisor
from tests.support.log_scan import register_log_file

ROOT = Path(__file__).resolve().parents[2]
REDACTED_PROCESSES = frozenset({"api", "worker"})
"""Our own processes: their logs may hold no raw traceback (api.core.log_redaction); Rasa's are not ours."""


def free_port() -> int:
    """A TCP port nobody listens on right now, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Stack:
    """The running processes of one test session and where their logs are."""

    workdir: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.env['API_PORT']}"

    def log(self, name: str) -> str:
        """Everything process ``name`` printed so far."""
        return (self.workdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def migrate(self) -> None:
        """Bring the stack's fresh database to the newest revision, as `make run` does."""
        subprocess.run([str(ROOT / ".venv/bin/alembic"), "-c", "api/alembic.ini", "upgrade", "head"],
                       cwd=ROOT, env=self.env, check=True, capture_output=True)

    def start(self, names: list[str]) -> None:
        """Start the named Procfile entries from the repository root."""
        commands = read_procfile()
        for name in names:
            register_log_file(self.workdir / f"{name}.log", redacted=name in REDACTED_PROCESSES)
            with (self.workdir / f"{name}.log").open("wb") as log:
                self.processes[name] = subprocess.Popen(
                    ["bash", "-c", commands[name]], cwd=ROOT, env=self.env,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                )

    def wait_healthy(self, timeout: float) -> None:
        """Wait until /healthz says rasa, actions and the engine answer; fail early if a process died."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log(name)[-3000:]}")
            try:
                response = httpx.get(f"{self.api_url}/healthz", timeout=5)
                last = response.text
                if response.status_code == 200:
                    return
            except httpx.HTTPError as error:
                last = repr(error)
            time.sleep(2)
        raise TimeoutError(f"not healthy after {timeout:.0f} s: {last}")

    def stop(self) -> None:
        """Terminate every process group, then kill what is left after a grace period."""
        Supervisor(self.workdir, self.processes).stop()


def stack_environment(workdir: Path) -> dict[str, str]:
    """Settings of every process: free ports, databases in ``workdir``, one random shared internal secret."""
    api, rasa, actions, town = free_port(), free_port(), free_port(), free_port()
    env = dict(os.environ)
    env.update({
        "API_HOST": "127.0.0.1",
        "API_PORT": str(api),
        "RASA_PORT": str(rasa),
        "ACTIONS_PORT": str(actions),
        "RASA_URL": f"http://127.0.0.1:{rasa}",
        "ACTIONS_URL": f"http://127.0.0.1:{actions}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions}/webhook",
        "API_INTERNAL_URL": f"http://127.0.0.1:{api}",
        "INTERNAL_API_SECRET": secrets.token_urlsafe(24),
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'api.db'}",
        "RASA_TRACKER_DB": str(workdir / "rasa_tracker.db"),
        "RASA_TRACKER_URL": f"sqlite:///{workdir / 'rasa_tracker.db'}",
        "ENVIRONMENT": "test",
        # One Rasa process: the in-memory lock store of `make run` (tests/e2e/topology sets Redis).
        "RASA_LOCK_STORE": "in_memory", "RASA_REDIS_HOST": "127.0.0.1", "RASA_REDIS_PORT": "6379",
        "RASA_REDIS_DB": "1", "RASA_REDIS_PASSWORD": "",
        "WORKER_POLL_SECONDS": "0.5",
        # A town website on another origin embeds the widget (tests/e2e serves it on this port).
        "TOWN_SITE_PORT": str(town),
        "WIDGET_ALLOWED_ORIGINS": f"http://127.0.0.1:{town}",
        # Every simulated resident comes from 127.0.0.1: the per-client limits would count them as one.
        "RATE_LIMIT_CONVERSATIONS_PER_MINUTE": "0",
        "RATE_LIMIT_MESSAGES_PER_MINUTE": "0",
        "RATE_LIMIT_ELIGIBILITY_PER_MINUTE": "0",
        "SMS_INBOUND_PER_MINUTE": "0",
    })
    return env
