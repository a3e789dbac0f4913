"""Finding 1, replayed: a production api with an empty or weak secret must not start, and must say which."""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

import pytest

from tests.support.api_process import UVICORN, api_environment
from tests.support.processes import ROOT, free_port

STRONG = {
    "INTERNAL_API_SECRET": secrets.token_urlsafe(32),
    "STAFF_SESSION_SECRET": secrets.token_urlsafe(32),
    "SMS_PHONE_HASH_KEY": secrets.token_urlsafe(32),
}


def start_production(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Run the api of `make run` in production mode until it exits (it must, at start-up)."""
    env = api_environment(f"sqlite+aiosqlite:///{tmp_path / 'api.db'}", "http://127.0.0.1:9",
                          ENVIRONMENT="production", **{**STRONG, **overrides})
    return subprocess.run([UVICORN, "--factory", "api.main:app_factory", "--host", "127.0.0.1",
                           "--port", str(free_port())], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)


@pytest.mark.parametrize(("setting", "value"), [
    ("INTERNAL_API_SECRET", ""),
    ("STAFF_SESSION_SECRET", ""),
    ("STAFF_SESSION_SECRET", "tooShort42"),
    ("INTERNAL_API_SECRET", "correct-horse-battery"),
])
def test_production_refuses_to_start_with_a_weak_secret(tmp_path: Path, setting: str, value: str) -> None:
    result = start_production(tmp_path, **{setting: value})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert setting in output
    for strong in STRONG.values():
        assert strong not in output
    if value:
        assert value not in output


def test_production_refuses_a_weak_case_system_secret_of_a_territory(tmp_path: Path) -> None:
    result = start_production(tmp_path, PARIS10_WEBHOOK_SECRET="paris-10-secret")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "PARIS10_WEBHOOK_SECRET" in output
    assert "paris-10-secret" not in output
