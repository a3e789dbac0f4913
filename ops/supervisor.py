"""Starts, kills and stops named processes, each in its own process group with its output in a log file.

Used by `make run-scaled` and by the topology tests and benchmarks, which kill single replicas on purpose.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ops.procfile import ROOT

STOP_GRACE_SECONDS = 20.0


@dataclass
class Supervisor:
    """The running processes of one topology and where their logs are (``workdir/<name>.log``)."""

    workdir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    killed: set[str] = field(default_factory=set)

    def log_path(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def log(self, name: str) -> str:
        """Everything process ``name`` printed so far."""
        return self.log_path(name).read_text(encoding="utf-8", errors="replace")

    def start(self, name: str, command: str, env: dict[str, str]) -> None:
        """Run ``command`` with bash from the repository root (appending to its log if it ran before)."""
        self.killed.discard(name)
        with self.log_path(name).open("ab") as log:
            self.processes[name] = subprocess.Popen(  # noqa: S603 - our own Procfile commands
                ["bash", "-c", command], cwd=ROOT, env=env,  # noqa: S607
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def dead(self) -> dict[str, int]:
        """Processes that exited by themselves (not killed on purpose), with their exit code."""
        return {name: code for name, process in self.processes.items()
                if name not in self.killed and (code := process.poll()) is not None}

    def kill(self, name: str, signum: int = signal.SIGKILL) -> None:
        """Kill one process group at once (a crash, for failover tests) and reap it."""
        process = self.processes[name]
        self.killed.add(name)
        if process.poll() is None:
            os.killpg(process.pid, signum)
        process.wait()

    def stop(self) -> None:
        """Terminate every process group, then kill what is left after a grace period."""
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.processes.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
