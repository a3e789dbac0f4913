"""The start of a conversation session: where the resident writes from (contract 1 of the helpers' brief).

The api passes `{"channel": "web"|"sms", "territory": <code>|null}` as the metadata of every message it relays to
Rasa's REST channel. Rasa 3.6 puts the metadata of the message that starts a session in the
`session_started_metadata` slot before running action_session_start; this action keeps channel and territory in
their own slots (the SMS variations of long responses are conditioned on `channel`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

CHANNELS: Final = frozenset({"web", "sms"})
DEFAULT_CHANNEL: Final = "web"


def channel_slots(metadata: Mapping[str, Any] | None) -> list[EventType]:
    """`channel` (web unless the api says sms) and `territory` (a code, or None) from the message metadata."""
    metadata = metadata if isinstance(metadata, Mapping) else {}
    channel = metadata.get("channel")
    territory = metadata.get("territory")
    return [
        SlotSet("channel", channel if channel in CHANNELS else DEFAULT_CHANNEL),
        SlotSet("territory", str(territory) if isinstance(territory, str) and territory else None),
    ]


class ActionSessionStart(Action):
    """Starts the session as Rasa's default does, then sets channel and territory from the metadata."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        metadata = tracker.get_slot("session_started_metadata")
        return [SessionStarted(), *channel_slots(metadata), ActionExecuted("action_listen")]
