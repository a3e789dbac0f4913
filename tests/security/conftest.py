"""Fixtures of the security suite: the api as real uvicorn processes (SQLite and PostgreSQL), a scripted Rasa."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.security.crash_app import CRASH_PATH
from tests.support.api_process import ApiProcess, api_environment, running_api, scripted_rasa
from tests.support.databases import database

CRASH_FACTORY = "tests.security.crash_app:app_factory"
__all__ = ["CRASH_PATH"]


@pytest.fixture(scope="session")
def rasa_url() -> Iterator[str]:
    """The scripted bot, served on loopback for every api process of the suite."""
    with scripted_rasa() as (_fake, url):
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, rasa_url: str
        ) -> Iterator[ApiProcess]:
    """The api process (plus the failing test route) on a fresh database of each kind, without rate limits."""
    workdir = tmp_path_factory.mktemp(f"api-{request.param}")
    with database(request.param, workdir) as url, running_api(
            api_environment(url, rasa_url), workdir / "api.log", factory=CRASH_FACTORY) as process:
        yield process


def fresh_window(seconds: int = 60, margin: float = 8.0) -> None:
    """Wait for the next rate-limit window when this one is about to end, so a test's hits share one window."""
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 0.05)
