"""A callback booked through the public conversation contract, with the real four processes, delivered to a case system.

api → Rasa → actions → api's internal routes (territory, slots, booking) → the callback row and its outbox job →
the worker → the territory's signed webhook (tests/support/webhook_receiver.py, served on loopback). The territory
is a test file (tests/support/territories.py) in a folder given to the stack as TERRITORIES_DIR.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.local_servers import ServerThread
from tests.support.processes import ROOT, Stack, stack_environment
from tests.support.territories import webhook, write_territory
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.e2e

MODEL = ROOT / "bot" / "models" / "assistant.tar.gz"
START_TIMEOUT_SECONDS = 420
TERRITORY = "testville"
SECRET = "webhook-secret-of-testville"
DIGITS = "781223344"


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[WebhookReceiver, ServerThread]]:
    """The territory's case system: a signed webhook on loopback."""
    case_system = WebhookReceiver(SECRET)
    server = ServerThread(case_system.app())
    server.start()
    yield case_system, server
    server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory,
          receiver: tuple[WebhookReceiver, ServerThread]) -> Iterator[Stack]:
    """The four processes, with a territory whose case system is the local webhook."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does it)")
    workdir = tmp_path_factory.mktemp("callback-stack")
    territories = workdir / "territories"
    write_territory(territories, TERRITORY, webhook(f"{receiver[1].url}/callbacks"))
    env = {**stack_environment(workdir), "TERRITORIES_DIR": str(territories), "TEST_WEBHOOK_SECRET": SECRET}
    running = Stack(workdir=workdir, env=env)
    running.migrate()
    try:
        running.start(["rasa", "actions", "api", "worker"])
        running.wait_healthy(START_TIMEOUT_SECONDS)
        yield running
    finally:
        running.stop()


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(message["text"] for message in messages)


class Resident:
    """A resident on the web chat of the territory's website."""

    def __init__(self, stack: Stack) -> None:
        self.client = httpx.Client(base_url=stack.api_url, timeout=60)
        response = self.client.post("/api/v1/conversations", json={"channel": "web", "territory": TERRITORY})
        assert response.status_code == 201, response.text
        self.conversation: dict[str, Any] = response.json()
        self.client.headers["Authorization"] = f"Bearer {self.conversation['token']}"

    def say(self, text: str) -> list[dict[str, Any]]:
        response = self.client.post(f"/api/v1/conversations/{self.conversation['id']}/messages", json={"text": text})
        assert response.status_code == 200, response.text
        messages: list[dict[str, Any]] = response.json()["messages"]
        return messages


def callback_rows(stack: Stack) -> list[dict[str, Any]]:
    database = stack.env["DATABASE_URL"].removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(database) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("SELECT * FROM callback ORDER BY created_at")]


def delivered(case_system: WebhookReceiver, reference: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for body in list(case_system.accepted.values()):
            if body.get("reference") == reference:
                return body
        time.sleep(0.3)
    raise AssertionError(f"callback {reference} not delivered after {timeout:.0f} s: {case_system.requests}")


def test_callback_booked_during_the_bilan_is_stored_delivered_and_the_bilan_resumes(
        stack: Stack, receiver: tuple[WebhookReceiver, ServerThread]) -> None:
    resident = Resident(stack)
    assert "âge" in texts(resident.conversation["messages"])

    start = texts(resident.say("je veux parler à quelqu'un"))
    assert "Le bilan attend" in start
    assert "quel numéro peut-on vous rappeler" in start

    retry = texts(resident.say("mon numéro c'est le 07 81 22"))
    assert "incomplet" in retry
    read_back = resident.say("07.81.22.33.44")
    assert "J'ai noté le 07 81 22 33 44 : c'est bien ça ?" in texts(read_back)
    assert [button["title"] for button in read_back[-1]["buttons"]] == ["Oui", "Non, je corrige"]

    first_name = texts(resident.say("/affirm"))
    assert "prénom" in first_name
    slots = resident.say("passer")
    offered = [button for message in slots for button in message.get("buttons", [])]
    assert offered[-1] == {"title": "Peu importe", "payload": "peu importe"}
    assert re.search(r"entre \d+ h et \d+ h", offered[0]["title"])

    booked = texts(resident.say(offered[1]["payload"]))
    match = re.search(r"référence ([A-Z0-9]{4}-[A-Z0-9]{4})", booked)
    assert match, booked
    reference = match.group(1)
    assert f"vous appellera {offered[1]['title']}" in booked
    assert "Reprenons le bilan" in booked
    assert "âge" in booked  # the bilan asks its question again

    [row] = [row for row in callback_rows(stack) if row["reference"] == reference]
    assert (row["territory"], row["phone"], row["first_name"]) == (TERRITORY, "+33781223344", "")
    assert (row["consent_share_bilan"], row["bilan_summary"], row["slot_chosen"]) == (0, None, 1)
    assert row["request_key"]  # the booking's Idempotency-Key

    case_system, _ = receiver
    ticket = delivered(case_system, reference)
    assert ticket["territory"] == TERRITORY
    for name in ("rasa", "actions", "api", "worker"):
        assert DIGITS not in stack.log(name), f"the phone number is in the {name} log"


def test_two_unreadable_answers_offer_a_person_whose_button_starts_the_callback(stack: Stack) -> None:
    resident = Resident(stack)
    resident.say("blablabla")
    offer = resident.say("hmm bof")
    buttons = [button["payload"] for message in offer for button in message.get("buttons", [])]
    assert "/human_request" in buttons
    start = texts(resident.say("/human_request"))  # only a payload on offer reaches Rasa as a command
    assert "Le bilan attend" in start
    assert "quel numéro peut-on vous rappeler" in start
