"""Shared fixtures for the bot tests: tracker JSON fixtures and the real domain."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.bot.callback_fakes import FakeApi
from tests.bot.support import DOMAIN_DIR, load_fixture


@pytest.fixture
def domain() -> dict[str, Any]:
    """The real domain (all theme files merged), so tests catch renamed responses."""
    merged: dict[str, Any] = {"responses": {}, "slots": {}, "forms": {}, "intents": [], "actions": []}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("responses", "slots", "forms"):
            merged[key].update(part.get(key) or {})
        for key in ("intents", "actions"):
            merged[key].extend(part.get(key) or [])
    return merged


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def tracker_from_fixture() -> Callable[..., Tracker]:
    """Build a Tracker from a JSON fixture, optionally answering `answer` to the question `slot` (the slot asked
    becomes the requested one, as the form's text mapping fills it), with earlier `answers` already kept."""

    def build(name: str, answer: str | None = None, slot: str = "age", intent: str = "inform",
              answers: dict[str, Any] | None = None) -> Tracker:
        state = copy.deepcopy(load_fixture(name))
        state["slots"].update(answers or {})
        if answer is not None:
            state["slots"][slot] = answer
            state["slots"]["requested_slot"] = slot
            state["latest_message"]["text"] = answer
            state["latest_message"]["intent"] = {"name": intent, "confidence": 0.9}
            state["events"][-2]["text"] = answer
            state["events"][-2]["parse_data"]["intent"] = {"name": intent, "confidence": 0.9}
            state["events"][-1] = {"event": "slot", "name": slot, "value": answer}
        return Tracker.from_dict(state)

    return build


@pytest.fixture
def api() -> FakeApi:
    """The api of the callback and summary actions, answering through httpx.MockTransport."""
    return FakeApi()
