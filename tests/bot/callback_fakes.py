"""Helpers of the callback and summary action tests: trackers from a JSON fixture, the api as an httpx MockTransport.

The fake api answers like the real internal routes (paths, headers, 422 shape) and records every request, so tests
assert what the actions sent (X-Conversation-Id, Idempotency-Key, the body) as well as what they said.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx
from rasa_sdk import Tracker

from bot.actions.callback_client import CallbackClient
from tests.bot.support import load_fixture

FIXTURE = "tracker_callback_form.json"
SENDER = "0123456789abcdef0123456789abcdef"
SLOTS = [
    {"start": "2026-11-26T09:00:00+01:00", "end": "2026-11-26T12:00:00+01:00",
     "label": "jeudi 26 novembre entre 9 h et 12 h"},
    {"start": "2026-11-26T14:00:00+01:00", "end": "2026-11-26T17:00:00+01:00",
     "label": "jeudi 26 novembre entre 14 h et 17 h"},
    {"start": "2026-11-27T09:00:00+01:00", "end": "2026-11-27T12:00:00+01:00",
     "label": "vendredi 27 novembre entre 9 h et 12 h"},
]
OFFERED = [{"start": slot["start"], "label": slot["label"]} for slot in SLOTS]
BASTIA = {"code": "bastia", "name": "Bastia", "covered": True,
          "nearby": {"label": "France services de Bastia", "url": "https://www.france-services.gouv.fr/"}}
OUTSIDE = {"code": None, "name": None, "covered": False,
           "nearby": {"label": "France services de Morlaix", "url": "https://www.france-services.gouv.fr/morlaix"}}
READY: dict[str, Any] = {
    "callback_territory": "bastia", "callback_phone": "06 12 34 56 78", "callback_phone_confirmed": True,
    "callback_first_name": "Karima", "callback_slot": SLOTS[1]["start"], "callback_consent": True,
    "callback_request_key": "key-1", "callback_slots_offered": OFFERED,
}
"""Every answer of the callback form given: what the submit action books."""


def tracker(text: str = "06 12 34 56 78", *, loop: str | None = "callback_form", intent: str = "inform",
            metadata: dict[str, Any] | None = None, **slots: Any) -> Tracker:
    """The fixture's tracker with the latest message ``text`` and these slots changed."""
    state = copy.deepcopy(load_fixture(FIXTURE))
    state["slots"].update(slots)
    state["latest_message"].update(text=text, intent={"name": intent, "confidence": 0.9})
    last = state["events"][-1]
    last.update(text=text, parse_data={"intent": {"name": intent, "confidence": 0.9}, "entities": []})
    if metadata is not None:
        last["metadata"] = metadata
    state["active_loop"] = {"name": loop} if loop else {}
    return Tracker.from_dict(state)


def error_422(field_name: str, code: str, **context: str) -> httpx.Response:
    error: dict[str, Any] = {"loc": ["body", field_name], "msg": "refused", "type": code}
    if context:
        error["ctx"] = context
    return httpx.Response(422, json={"detail": [error]})


Answer = httpx.Response | Exception


@dataclass
class FakeApi:
    """The api's internal routes as the actions see them; ``answers`` per path overrides the default answers."""

    answers: dict[str, list[Answer]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    place: dict[str, Any] = field(default_factory=lambda: dict(BASTIA))

    def client(self) -> CallbackClient:
        return CallbackClient(base_url="http://api.test", secret="s3cret", transport=httpx.MockTransport(self.handle))

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queued = self.answers.get(request.url.path)
        if queued:
            answer = queued.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        path = request.url.path
        if path == "/internal/v1/territories/resolve":
            return httpx.Response(200, json=self.place)
        if path.endswith("/callback-slots"):
            return httpx.Response(200, json={"territory": "bastia", "slots": SLOTS})
        if path == "/internal/v1/callbacks":
            return httpx.Response(201, json={"reference": "K7PX-93QA", "status": "nouveau",
                                             "expected_call": SLOTS[0]})
        if path == "/internal/v1/sms/summary":
            return httpx.Response(202, json={"status": "queued"})
        return httpx.Response(404, json={"detail": "Not Found"})

    def down(self, path: str, times: int = 1) -> None:
        """The next ``times`` calls of ``path`` find nothing listening."""
        self.answers.setdefault(path, []).extend(
            httpx.ConnectError("refused") for _ in range(times))

    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]

    def bodies(self, path: str) -> list[Any]:
        return [json.loads(request.content) for request in self.requests if request.url.path == path]


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coroutine)


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [str(message.get("response")) for message in messages]


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots the events set, last value wins."""
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}

