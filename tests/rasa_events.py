"""Rasa 3.6's tracker store table, as its ``SQLTrackerStore.SQLEvent`` declares it (rasa/core/tracker_store.py).

Shared by both runtimes (plain SQLAlchemy Core, valid on SQLAlchemy 1.4 and 2): the api tests build a real tracker
store database from it (SQLite and PostgreSQL), and tests/bot/test_tracker_schema.py checks it against the
installed Rasa, so the fixture cannot drift from the schema Rasa writes.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, Sequence, String, Table, Text

METADATA = MetaData()

EVENTS = Table(
    "events", METADATA,
    # Rasa declares an optional sequence for databases without autoincrement (Oracle).
    Column("id", Integer, Sequence("events_seq", optional=True), primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def user_event(sender_id: str, timestamp: float, text: str, intent: str = "inform") -> dict[str, Any]:
    """A row as Rasa writes a resident's message: the event's JSON in ``data``, with the words typed."""
    data = {"event": "user", "timestamp": timestamp, "text": text, "input_channel": "rest",
            "parse_data": {"intent": {"name": intent, "confidence": 0.98}, "entities": [], "text": text},
            "metadata": {"channel": "sms", "territory": "bastia"}}
    return {"sender_id": sender_id, "type_name": "user", "timestamp": timestamp, "intent_name": intent,
            "action_name": None, "data": json.dumps(data, ensure_ascii=False)}


def bot_event(sender_id: str, timestamp: float, text: str) -> dict[str, Any]:
    """A row as Rasa writes a bot's utterance."""
    data = {"event": "bot", "timestamp": timestamp, "text": text, "data": {}, "metadata": {}}
    return {"sender_id": sender_id, "type_name": "bot", "timestamp": timestamp, "intent_name": None,
            "action_name": None, "data": json.dumps(data, ensure_ascii=False)}
