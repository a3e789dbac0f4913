"""action_session_start keeps where the resident writes from (contract 1): channel and territory."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.session import ActionSessionStart, channel_slots


def tracker_with_metadata(metadata: Any) -> Tracker:
    return Tracker("conversation-1", {"session_started_metadata": metadata}, {}, [], False, None, {}, "action_listen")


def test_session_start_sets_channel_and_territory_after_starting_the_session(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_with_metadata({"channel": "sms", "territory": "bastia"})

    events = asyncio.run(ActionSessionStart().run(dispatcher, tracker, domain))

    assert events == [SessionStarted(), SlotSet("channel", "sms"), SlotSet("territory", "bastia"),
                      ActionExecuted("action_listen")]
    assert {"channel", "territory"} <= set(domain["slots"])
    assert "action_session_start" in domain["actions"]


@pytest.mark.parametrize(
    ("metadata", "channel", "territory"),
    [(None, "web", None), ({}, "web", None), ({"channel": "web", "territory": None}, "web", None),
     ({"channel": "fax", "territory": ""}, "web", None), ({"channel": "sms"}, "sms", None)],
)
def test_missing_or_odd_metadata_means_the_web_and_no_territory(metadata: Any, channel: str,
                                                                 territory: str | None) -> None:
    assert channel_slots(metadata) == [SlotSet("channel", channel), SlotSet("territory", territory)]


def test_sms_variations_are_conditioned_on_the_channel_slot(domain: dict[str, Any]) -> None:
    conditioned = [name for name, variations in domain["responses"].items()
                   if any(condition.get("name") == "channel" for variation in variations
                          for condition in variation.get("condition") or [])]
    assert "utter_result_eligible_monthly" in conditioned
    for name in conditioned:
        # The conditioned (SMS) variation comes first; the last one, without condition, is the web's.
        assert "condition" not in domain["responses"][name][-1]
