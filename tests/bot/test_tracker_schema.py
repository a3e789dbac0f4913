"""The tracker store fixture of the api tests (tests/rasa_events.py) is the table the installed Rasa writes."""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import Table

from tests.rasa_events import EVENTS


def shape(table: Table) -> dict[str, Any]:
    """What matters of a table for the purge: columns, types, lengths, nullability, keys and indexes."""
    return {
        "name": table.name,
        "columns": [(column.name, type(column.type).__name__, getattr(column.type, "length", None), column.nullable,
                     column.primary_key) for column in table.columns],
        "indexes": sorted((index.name, tuple(column.name for column in index.columns)) for index in table.indexes),
    }


def test_fixture_table_is_rasas_sql_event_table() -> None:
    rasa_table = SQLTrackerStore.SQLEvent.__table__
    assert shape(EVENTS) == shape(rasa_table)
    assert shape(EVENTS)["indexes"] == [("ix_events_sender_id", ("sender_id",))]
