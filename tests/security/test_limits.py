"""Finding 2, replayed over HTTP: huge bodies get 413 before parsing; one client is rate-limited per minute,
in memory for one process and through Redis across replicas."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import redis

from tests.security.conftest import fresh_window
from tests.support.api_process import ApiProcess, api_environment, running_api
from tests.support.databases import database

REDIS_URL = "redis://127.0.0.1:6379/14"
LIMITS = {"RATE_LIMIT_CONVERSATIONS_PER_MINUTE": "3", "RATE_LIMIT_ELIGIBILITY_PER_MINUTE": "2",
          "RATE_LIMIT_MESSAGES_PER_MINUTE": "4"}


@contextmanager
def limited_api(workdir: Path, rasa_url: str, limits: dict[str, str]) -> Iterator[ApiProcess]:
    """One api process with small limits counted in its memory (the embedded default)."""
    with database("sqlite", workdir) as url, running_api(api_environment(url, rasa_url, **limits),
                                                         workdir / "api.log") as process:
        yield process


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, rasa_url: str) -> Iterator[ApiProcess]:
    with limited_api(tmp_path_factory.mktemp("limited"), rasa_url, LIMITS) as process:
        yield process


@pytest.fixture(scope="module")
def messages_limited(tmp_path_factory: pytest.TempPathFactory, rasa_url: str) -> Iterator[ApiProcess]:
    """Only messages are limited: a test of messages never waits for a window of conversations."""
    with limited_api(tmp_path_factory.mktemp("messages"), rasa_url,
                     {"RATE_LIMIT_MESSAGES_PER_MINUTE": "4"}) as process:
        yield process


def test_twenty_megabytes_are_refused_before_parsing(api: ApiProcess) -> None:
    started = time.monotonic()
    response = httpx.post(f"{api.url}/api/v1/eligibility", content=b'{"age": 40, "x": "' + b"a" * 20_000_000,
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 413
    assert response.json() == {"detail": "Le contenu envoyé est trop volumineux."}
    assert time.monotonic() - started < 10


def test_four_hundred_thousand_children_are_refused_at_once(api: ApiProcess) -> None:
    body = b'{"children": [' + b",".join([b"{}"] * 400_000) + b"]}"
    started = time.monotonic()
    response = httpx.post(f"{api.url}/api/v1/eligibility", content=body,
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 413
    assert time.monotonic() - started < 2


def test_thirteen_children_exceed_the_schema_cap(api: ApiProcess) -> None:
    response = httpx.post(f"{api.url}/api/v1/eligibility", json={"children": [{}] * 13}, timeout=60)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "too_long"


def test_conversation_creation_past_the_limit_is_429_with_retry_after_in_french(limited: ApiProcess) -> None:
    fresh_window()
    answers = [httpx.post(f"{limited.url}/api/v1/conversations", json={}, timeout=30) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [201, 201, 201, 429]
    refused = answers[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Vous avez envoyé beaucoup de demandes")


def test_messages_past_the_limit_are_429_and_not_stored(messages_limited: ApiProcess) -> None:
    fresh_window()
    created = httpx.post(f"{messages_limited.url}/api/v1/conversations", json={}, timeout=30)
    url = f"{messages_limited.url}/api/v1/conversations/{created.json()['id']}/messages"
    headers = {"Authorization": f"Bearer {created.json()['token']}"}
    codes = [httpx.post(url, json={"text": f"message {n}"}, headers=headers, timeout=30).status_code
             for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    history = httpx.get(url, headers=headers, timeout=30).json()["messages"]
    assert "message 4" not in [message["text"] for message in history]


def test_replicas_sharing_redis_share_the_limit(tmp_path: Path, rasa_url: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("assistant:rate:*"):
        client.delete(key)
    env = {**LIMITS, "REDIS_URL": REDIS_URL}
    with database("sqlite", tmp_path) as url, \
            running_api(api_environment(url, rasa_url, **env), tmp_path / "one.log") as one, \
            running_api(api_environment(url, rasa_url, **env), tmp_path / "two.log") as two:
        fresh_window()
        codes = [httpx.post(f"{replica.url}/api/v1/eligibility", json={"age": 200}, timeout=30).status_code
                 for replica in (one, two, one)]
    assert codes == [422, 422, 429]  # two allowed per minute in all, whichever replica answers
