"""Shared fixtures for the bot tests: tracker JSON fixtures and the real domain."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

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
    """Build a Tracker from a JSON fixture, optionally replacing the latest answer."""

    def build(name: str, answer: str | None = None) -> Tracker:
        state = copy.deepcopy(load_fixture(name))
        if answer is not None:
            state["slots"]["age"] = answer
            state["latest_message"]["text"] = answer
            state["events"][-2]["text"] = answer
            state["events"][-1]["value"] = answer
        return Tracker.from_dict(state)

    return build
