"""The scaled topology of `make run-scaled` (PostgreSQL, Redis lock store, two replicas of rasa, actions, api and
worker behind nginx), on loopback: order and completeness under interleaving, failover, a worker killed mid-job,
and Rasa stopped during a conversation.

The tests run in file order on one topology: the last two kill replicas for good.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from benchmarks.conversations import pending_question
from channels.quick_replies import interpret
from tests.support.bilan import SHORT_BILAN
from tests.support.processes import ROOT
from tests.support.scaled import Scaled, scaled_topology
from tests.support.sockets import pids_connected_to

pytestmark = pytest.mark.e2e

MODEL = ROOT / "bot" / "models" / "assistant.tar.gz"
START_TIMEOUT_SECONDS = 600
CONVERSATIONS = 50
MESSAGES = 20
SCRIPT = (*SHORT_BILAN[:8], "non", "mon âge", "35", "c'est exact", "merci", "bonjour", "je ne sais pas",
          "au revoir", "aide", "rsa", "merci beaucoup", "ok")
"""Twenty messages: the short bilan's answers, a correction of the recap, then what residents write after it."""
ANSWERS = {"commune": "69200", "age": "34", "couple": "je vis seul", "children": "pas d'enfant",
           "housing": "propriétaire", "activity": "au chômage", "income": "0", "savings": "passer",
           "disability": "non", "pension": "0", "recap": "c'est exact"}
"""The short bilan's facts, by the question the bot asks (a question asked again gets the same answer)."""
RETRY = "réessayez"
FINISHED = "Que souhaitez-vous faire"


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does it)")
    with scaled_topology(tmp_path_factory.mktemp("scaled"), START_TIMEOUT_SECONDS) as topology:
        yield topology


@dataclass
class Resident:
    """One conversation through the proxy: what was sent (as the api reads it), what failed, what came back."""

    client: httpx.Client
    id: str = ""
    sent: list[str] = field(default_factory=list)
    to_rasa: list[str] = field(default_factory=list)
    failures: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def start(cls, url: str) -> Resident:
        client = httpx.Client(base_url=url, timeout=90)
        created = client.post("/api/v1/conversations", json={"channel": "web"}).raise_for_status().json()
        client.headers["Authorization"] = f"Bearer {created['token']}"
        return cls(client=client, id=created["id"], messages=created["messages"])

    def say(self, text: str, *, retries: int = 0) -> bool:
        """Post ``text``; on a failure (the widget's « réessayez »), wait and post it again up to ``retries``."""
        offered = [button for message in self.messages for button in message.get("buttons") or []]
        read = interpret(text, offered)
        self.sent.append(read.to_transcript)
        self.to_rasa.append(read.to_rasa)
        for attempt in range(retries + 1):
            try:
                response = self.client.post(f"/api/v1/conversations/{self.id}/messages", json={"text": text})
                if response.status_code == 200:
                    self.messages = response.json()["messages"]
                    return True
            except httpx.TransportError:
                pass
            self.failures += 1
            if attempt < retries:
                time.sleep(2)
        return False

    def transcript(self) -> list[dict[str, Any]]:
        history: list[dict[str, Any]] = self.client.get(f"/api/v1/conversations/{self.id}/messages").json()["messages"]
        return history

    def resident_texts(self) -> list[str]:
        return [message["text"] for message in self.transcript() if message["author"] == "resident"]


def kept_in_order(sent: list[str], stored: list[str]) -> bool:
    """Every message sent is stored, in the order sent. A message posted again after a failure may be stored twice
    (the api keeps a message before relaying it: « Votre message est bien enregistré »)."""
    remaining = iter(text.casefold() for text in stored)
    return all(any(text.casefold() == candidate for candidate in remaining) for text in sent)


def test_interleaved_conversations_keep_every_message_in_order_exactly_once(scaled: Scaled) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        residents = list(pool.map(lambda _: Resident.start(scaled.stack.url), range(CONVERSATIONS)))
        for text in SCRIPT:  # message n of every conversation, then message n+1: conversations interleave
            assert all(pool.map(Resident.say, residents, [text] * len(residents)))

    for resident in residents:
        assert len(resident.sent) == MESSAGES
        assert resident.resident_texts() == resident.sent
        assert scaled.tracker_texts(resident.id) == ["/start", *resident.to_rasa]
    api_ports = {str(port) for port in (scaled.stack.topology.ports.public,)}
    by_conversation: dict[str, set[str]] = {}
    rasa_replicas: Counter[str] = Counter()
    for fields in scaled.access_log():
        port, path, upstream = fields[1], fields[3], fields[5]
        if port in api_ports and path.endswith("/messages"):
            by_conversation.setdefault(path.split("/")[4], set()).add(upstream)
        if path == "/webhooks/rest/webhook":
            rasa_replicas[upstream] += 1
    assert all(len(by_conversation[resident.id]) == 2 for resident in residents)  # both api replicas
    assert set(rasa_replicas) == set(scaled.stack.topology.upstream("rasa"))
    assert min(rasa_replicas.values()) > CONVERSATIONS * MESSAGES // 4  # picked at random: about half each


def test_worker_killed_mid_job_delivers_the_callback_once(scaled: Scaled) -> None:
    receiver, supervisor = scaled.receiver, scaled.stack.supervisor
    receiver.delay_seconds = 60  # holds the delivery: its worker is mid-job
    internal = f"http://127.0.0.1:{scaled.stack.topology.ports.internal_api}"
    secret = scaled.stack.envs["api-1"]["INTERNAL_API_SECRET"]
    booked = httpx.post(f"{internal}/internal/v1/callbacks", timeout=30, headers={"X-Internal-Secret": secret},
                        json={"territory": "ville", "phone": "06 12 34 56 78", "consent_share_bilan": False})
    assert booked.status_code == 201, booked.text
    deadline = time.monotonic() + 30
    while not receiver.requests:
        assert time.monotonic() < deadline, "no worker called the case system"
        time.sleep(0.1)
    port = scaled.receiver_port
    workers = {name: process.pid for name, process in supervisor.processes.items() if name.startswith("worker")}
    holding = pids_connected_to(port, list(workers.values()))
    assert len(holding) == 1
    supervisor.kill(next(name for name, pid in workers.items() if pid == holding[0]))
    receiver.delay_seconds = 0

    deadline = time.monotonic() + 60
    while not receiver.accepted:
        assert time.monotonic() < deadline, "the other worker never delivered the callback"
        time.sleep(0.2)
    time.sleep(2)  # nothing else may arrive
    keys = receiver.keys()
    assert len(receiver.accepted) == 1
    assert len(keys) == 2 and len(set(keys)) == 1  # the same job, taken again once the dead worker's lease ran out


def play_bilan(resident: Resident, started: threading.Barrier) -> Resident:
    """Answer the short bilan by the question asked, retrying a failed message (at most 6 tries in all)."""
    started.wait(timeout=60)
    for _ in range(40):  # the short bilan, a « réessayez », and room for re-asks after a replica died
        if any(FINISHED in message["text"] for message in resident.messages):
            return resident
        question = pending_question(resident.messages) or "recap"
        if not resident.say(ANSWERS.get(question, "je ne sais pas"), retries=5):
            return resident
    return resident


def test_a_rasa_and_an_api_replica_killed_mid_conversation_lose_no_message(scaled: Scaled) -> None:
    residents = [Resident.start(scaled.stack.url) for _ in range(10)]
    started = threading.Barrier(len(residents) + 1)
    with ThreadPoolExecutor(max_workers=len(residents)) as pool:
        futures = [pool.submit(play_bilan, resident, started) for resident in residents]
        started.wait(timeout=60)
        time.sleep(2)  # ten residents in the middle of their bilans, turns in flight on every replica
        for name in ("rasa-1", "api-1"):
            scaled.stack.supervisor.kill(name)
        played = [future.result() for future in futures]

    for resident in played:
        assert resident.failures <= 1, resident.failures
        last = [message["text"][:120] for message in resident.messages[-4:]]
        assert any(FINISHED in message["text"] for message in resident.messages), (resident.sent, last)  # the result
        transcript, tracker = resident.resident_texts(), scaled.tracker_texts(resident.id)
        assert kept_in_order(resident.sent, transcript), (resident.sent, transcript)
        assert kept_in_order(["/start", *resident.to_rasa], tracker), (resident.to_rasa, tracker)


def test_rasa_stopped_during_a_conversation_keeps_the_message_and_resumes(scaled: Scaled) -> None:
    resident = Resident.start(scaled.stack.url)
    assert resident.say("69200")
    asked = pending_question(resident.messages)
    for name in ("rasa-1", "rasa-2"):  # every Rasa still running, stopped as an operator would
        scaled.stack.supervisor.kill(name, signal.SIGTERM)

    response = resident.client.post(f"/api/v1/conversations/{resident.id}/messages", json={"text": "34"})
    assert response.status_code == 503
    assert RETRY in response.json()["detail"]
    assert resident.resident_texts()[-1] == "34"  # kept

    scaled.stack.restart("rasa-2")
    scaled.stack.wait_healthy(START_TIMEOUT_SECONDS)
    assert asked == "age"
    assert resident.say("34")
    assert pending_question(resident.messages) == "couple"
