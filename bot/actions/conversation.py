"""What the callback and summary actions need to know about the conversation: channel, territory, commune.

The bilan owns the ``channel``, ``territory`` and ``depcom`` slots (filled from the message metadata the api sends
with every message: ``{"channel", "territory"}``). Until those slots are filled the metadata of the latest
message says the same, so these readers fall back on it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def _latest_metadata(tracker: Tracker) -> dict[str, Any]:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            metadata = event.get("metadata")
            return dict(metadata) if isinstance(metadata, dict) else {}
    return {}


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value.strip() else None


def channel(tracker: Tracker) -> str | None:
    """``web`` or ``sms``: the ``channel`` slot, else the latest message's metadata."""
    return _text(tracker.get_slot("channel")) or _text(_latest_metadata(tracker).get("channel"))


def territory_hint(tracker: Tracker) -> str | None:
    """The territory the conversation was opened for (a town's widget, an SMS campaign), if any."""
    return _text(tracker.get_slot("territory")) or _text(_latest_metadata(tracker).get("territory"))


def depcom(tracker: Tracker) -> str | None:
    """The INSEE code of the resident's commune: told in the bilan, or in the callback form."""
    return _text(tracker.get_slot("depcom")) or _text(tracker.get_slot("callback_depcom"))
