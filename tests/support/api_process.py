"""The api as a real uvicorn process on a free loopback port, with a scripted Rasa served over HTTP.

tests/security replays issue 13's findings the way they were found: over TCP, against the process `make run`
starts (same factory, same uvicorn), its log file read by the log scan. A test may also serve the api through
``tests.security.crash_app`` (the real app plus one route that fails) to exercise the 500 path.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.fake_rasa import FakeRasa
from tests.support.local_servers import ServerThread
from tests.support.log_scan import register_log_file
from tests.support.processes import ROOT, free_port

INTERNAL_SECRET = "security-suite-internal-secret"
START_TIMEOUT_SECONDS = 60
UVICORN = str(ROOT / ".venv" / "bin" / "uvicorn")


@dataclass
class ApiProcess:
    """A running api process: where it answers and what it logged."""

    url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def api_environment(database_url: str, rasa_url: str, **overrides: str) -> dict[str, str]:
    """Settings of the api process: its database, the scripted Rasa, no engine warm-up, no limits unless given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RATE_LIMIT_", "REDIS_URL"))}
    env.update({
        "ENVIRONMENT": "test", "DATABASE_URL": database_url, "RASA_URL": rasa_url,
        "ACTIONS_URL": "http://127.0.0.1:9", "INTERNAL_API_SECRET": INTERNAL_SECRET, "WARM_UP_ENGINE": "false",
        "RATE_LIMIT_CONVERSATIONS_PER_MINUTE": "0", "RATE_LIMIT_MESSAGES_PER_MINUTE": "0",
        "RATE_LIMIT_ELIGIBILITY_PER_MINUTE": "0", "SMS_INBOUND_PER_MINUTE": "0",
    })
    env.update(overrides)
    return env


def start_api(env: Mapping[str, str], log_path: Path, *, factory: str = "api.main:app_factory") -> ApiProcess:
    """Start uvicorn with ``factory`` and return once the process answers (or raise with its log)."""
    port = free_port()
    register_log_file(log_path, redacted=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [UVICORN, "--factory", factory, "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=dict(env), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    api = ApiProcess(url=f"http://127.0.0.1:{port}", log_path=log_path, process=process)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the api exited with {process.returncode}:\n{api.log()[-3000:]}")
        try:
            httpx.get(f"{api.url}/openapi.json", timeout=2)
            return api
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_api(api)
    raise TimeoutError(f"the api did not answer within {START_TIMEOUT_SECONDS} s:\n{api.log()[-3000:]}")


def stop_api(api: ApiProcess) -> None:
    """Terminate the process group; kill it if it lingers."""
    if api.process.poll() is None:
        os.killpg(api.process.pid, signal.SIGTERM)
        try:
            api.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(api.process.pid, signal.SIGKILL)
            api.process.wait()


@contextmanager
def running_api(env: Mapping[str, str], log_path: Path, *, factory: str = "api.main:app_factory"
                ) -> Iterator[ApiProcess]:
    """A started api process, stopped at the end."""
    api = start_api(env, log_path, factory=factory)
    try:
        yield api
    finally:
        stop_api(api)


@contextmanager
def scripted_rasa() -> Iterator[tuple[FakeRasa, str]]:
    """The scripted bot served on loopback; its recorder and URL."""
    fake = FakeRasa()
    server = ServerThread(fake.asgi())
    server.start()
    try:
        yield fake, server.url
    finally:
        server.stop()
