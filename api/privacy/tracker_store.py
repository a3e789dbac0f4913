"""Rasa's tracker store, as the api sees it: a SQL database with Rasa's ``events`` table, from which conversations
are deleted (retention, right to be forgotten). Nothing else is read from it.

The table is Rasa 3.6's ``SQLTrackerStore.SQLEvent`` (rasa/core/tracker_store.py): ``id``, ``sender_id`` (the api's
conversation id: the api is Rasa's only channel), ``type_name``, ``timestamp`` (seconds since the epoch, a float),
``intent_name``, ``action_name``, ``data`` (the event as JSON, with the resident's words). SQLite by default,
PostgreSQL in production; the URL is Rasa's own (``RASA_TRACKER_URL``), given the api runtime's async drivers.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

# Deleted in chunks: an IN list stays well below every driver's parameter limit.
CHUNK = 500

# A conversation is purged whole once its newest event is past the cutoff: never half a tracker.
_EXPIRED = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
_DELETE_EXPIRED = text(f"DELETE FROM events WHERE sender_id IN ({_EXPIRED})")  # noqa: S608 - constant SQL
_COUNT_EXPIRED = text(f"SELECT COUNT(*) FROM ({_EXPIRED}) AS expired")  # noqa: S608 - constant SQL
_DELETE_SENDERS = text("DELETE FROM events WHERE sender_id IN :senders").bindparams(
    bindparam("senders", expanding=True))


def async_tracker_url(url: str) -> str:
    """Rasa's own URL (sqlite / postgresql) with the async driver the api runtime has."""
    if url.startswith("sqlite:"):
        return url.replace("sqlite:", "sqlite+aiosqlite:", 1)
    if url.startswith(("postgresql:", "postgresql+psycopg2:")):
        return "postgresql+psycopg:" + url.split(":", 1)[1]
    return url


async def _has_events(connection: AsyncConnection) -> bool:
    return bool(await connection.run_sync(lambda sync: sync.dialect.has_table(sync, "events")))


async def delete_expired(url: str, *, cutoff: datetime) -> int:
    """Delete every conversation whose newest event is older than ``cutoff``; how many conversations.

    A tracker store that does not exist yet has nothing to delete.
    """
    engine = create_async_engine(async_tracker_url(url))
    try:
        async with engine.begin() as connection:
            if not await _has_events(connection):
                return 0
            expired = int((await connection.execute(_COUNT_EXPIRED, {"cutoff": cutoff.timestamp()})).scalar_one())
            await connection.execute(_DELETE_EXPIRED, {"cutoff": cutoff.timestamp()})
            return expired
    finally:
        await engine.dispose()


async def delete_senders(url: str, sender_ids: Collection[str]) -> int:
    """Delete every event of these conversations (their sender ids); how many events were deleted."""
    senders = sorted(set(sender_ids))
    if not senders:
        return 0
    engine = create_async_engine(async_tracker_url(url))
    deleted = 0
    try:
        async with engine.begin() as connection:
            if not await _has_events(connection):
                return 0
            for start in range(0, len(senders), CHUNK):
                result = await connection.execute(_DELETE_SENDERS, {"senders": senders[start:start + CHUNK]})
                deleted += getattr(result, "rowcount", 0)
        return deleted
    finally:
        await engine.dispose()
