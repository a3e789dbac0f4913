"""Operators' view: Prometheus metrics by route template and JSON log lines that carry only the pseudonym."""

from __future__ import annotations

import json
import logging

import httpx
from prometheus_client import REGISTRY

from api.logs import CONVERSATION, JsonFormatter, conversation_of

MESSAGES_ROUTE = "/api/v1/conversations/{conversation_id}/messages"


def sample(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_request_latency_is_labelled_by_route_template_never_by_id(client: httpx.AsyncClient) -> None:
    labels = {"method": "POST", "route": MESSAGES_ROUTE, "status": "200"}
    before = sample("assistant_http_request_duration_seconds_count", labels)
    created = (await client.post("/api/v1/conversations", json={})).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    await client.post(f"/api/v1/conversations/{created['id']}/messages", json={"text": "bonjour"}, headers=headers)
    assert sample("assistant_http_request_duration_seconds_count", labels) == before + 1
    exposed = "\n".join(f"{m.name} {s.labels}" for m in REGISTRY.collect() for s in m.samples)
    assert created["id"] not in exposed


async def test_rasa_turns_are_timed_with_their_outcome(client: httpx.AsyncClient) -> None:
    before = sample("assistant_rasa_turn_duration_seconds_count", {"outcome": "ok"})
    await client.post("/api/v1/conversations", json={})
    assert sample("assistant_rasa_turn_duration_seconds_count", {"outcome": "ok"}) == before + 1


def test_conversation_is_read_from_the_public_path_or_the_actions_header() -> None:
    assert conversation_of("/api/v1/conversations/abc123def456/messages", []) == "abc123def456"
    assert conversation_of("/internal/v1/callbacks", [(b"x-conversation-id", b"sms-0f3a9c2b")]) == "sms-0f3a9c2b"
    assert conversation_of("/healthz", []) == ""


def test_json_log_line_has_the_conversation_and_the_message_only() -> None:
    record = logging.LogRecord("api.worker", logging.INFO, __file__, 1, "job %s done", ("42",), None)
    token = CONVERSATION.set("abc123def456")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        CONVERSATION.reset(token)
    assert line["conversation"] == "abc123def456"
    assert line["message"] == "job 42 done"
    assert set(line) == {"time", "level", "logger", "message", "conversation"}
