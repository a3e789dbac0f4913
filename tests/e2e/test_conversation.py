"""A real conversation through the public contract: api → Rasa → action server → api's rule engine → back."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.db import create_engine, create_sessionmaker, utcnow
from api.privacy.retention import RetentionPolicy, purge
from tests.support.bilan import SHORT_BILAN, SHORT_FACTS
from tests.support.processes import Stack

pytestmark = pytest.mark.e2e


def start(stack: Stack) -> tuple[httpx.Client, dict[str, Any]]:
    client = httpx.Client(base_url=stack.api_url, timeout=60)
    response = client.post("/api/v1/conversations", json={"channel": "web"})
    assert response.status_code == 201, response.text
    conversation: dict[str, Any] = response.json()
    client.headers["Authorization"] = f"Bearer {conversation['token']}"
    return client, conversation


def say(client: httpx.Client, conversation: dict[str, Any], text: str) -> list[dict[str, Any]]:
    response = client.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(message["text"] for message in messages)


def rsa_from_api(stack: Stack, facts: dict[str, Any]) -> dict[str, Any]:
    results = httpx.post(f"{stack.api_url}/api/v1/eligibility", json=facts, timeout=60).json()["results"]
    (rsa,) = [result for result in results if result["benefit"] == "rsa"]
    return dict(rsa)


def test_health_reports_every_process_up(stack: Stack) -> None:
    assert httpx.get(f"{stack.api_url}/healthz").json() == {
        "status": "ok", "api": True, "rasa": True, "actions": True, "engine_ready": True,
    }


def test_welcome_says_what_the_bot_does_and_keeps_then_asks_the_commune(stack: Stack) -> None:
    _, conversation = start(stack)
    welcome = texts(conversation["messages"])
    assert "Bonjour" in welcome
    assert "je ne contrôle rien" in welcome and "30 jours" in welcome
    assert re.search(r"Question 1 sur \d+ : dans quelle commune", welcome)


def test_a_whole_bilan_reaches_the_custom_action_once_and_the_amount_computed_by_the_api(stack: Stack) -> None:
    client, conversation = start(stack)
    before = stack.log("api").count('"POST /internal/v1/eligibility HTTP/1.1" 200')
    replies: list[dict[str, Any]] = []
    for answer in SHORT_BILAN:
        replies = say(client, conversation, answer)
    answer_text = texts(replies)
    rsa = rsa_from_api(stack, SHORT_FACTS)
    assert rsa["status"] == "eligible"
    assert rsa["monthly_amount_text"] in answer_text
    assert rsa["reasons"][0] in answer_text
    assert stack.log("api").count('"POST /internal/v1/eligibility HTTP/1.1" 200') == before + 1
    assert [button["payload"] for button in replies[-1]["buttons"]] == ["/human_request", "/send_summary",
                                                                         "/start_over"]


def test_unreadable_commune_asks_again_kindly_then_accepts_a_postcode(stack: Stack) -> None:
    client, conversation = start(stack)
    retry = texts(say(client, conversation, "qsdfg"))
    assert "par exemple" in retry
    assert re.search(r"Question 2 sur \d+ : quel âge", texts(say(client, conversation, "69200")))


def test_reload_resumes_the_same_transcript(stack: Stack) -> None:
    client, conversation = start(stack)
    say(client, conversation, "69200")
    history = client.get(f"/api/v1/conversations/{conversation['id']}/messages").json()["messages"]
    authors = [message["author"] for message in history]
    assert authors[0] == "bot"
    assert "resident" in authors
    assert history[authors.index("resident")]["text"] == "69200"
    assert "Question 2 sur" in texts(history)


async def test_purge_past_retention_erases_the_conversation_from_api_and_rasa(stack: Stack) -> None:
    client, conversation = start(stack)
    say(client, conversation, "69200")
    tracker = Path(stack.env["RASA_TRACKER_DB"])

    def tracker_events() -> int:
        with sqlite3.connect(tracker) as connection:
            row = connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (conversation["id"],))
            return int(row.fetchone()[0])

    assert tracker_events() > 0
    engine = create_engine(stack.env["DATABASE_URL"])
    try:
        async with create_sessionmaker(engine)() as session:
            await purge(session, tracker_url=stack.env["RASA_TRACKER_URL"], now=utcnow() + timedelta(days=31),
                        policy=RetentionPolicy.from_days(conversation_days=30, audit_days=365))
    finally:
        await engine.dispose()
    assert client.get(f"/api/v1/conversations/{conversation['id']}/messages").status_code == 404
    assert tracker_events() == 0
