"""Rasa's SQL tracker store with its database work off Rasa's event loop (bot/endpoints.yml names it).

Rasa's `SQLTrackerStore` declares `save` and `retrieve` as coroutines but runs its queries and its commit inline, so
while one conversation's commit waits on the disk (SQLite's fsync: 17 % of Rasa's samples under load, see the
README « Exploitation »), every other conversation waits too: one Rasa process then served about 6.5 messages a
second with its CPU at 30 %. Here the same methods run in a worker thread; the loop goes on with other conversations.

Order is unchanged: the lock store hands one conversation to one message at a time, and Rasa awaits `save` before
it releases the lock. The event broker (none is configured) publishes from the loop, so with one the store keeps
Rasa's inline behaviour. On SQLite the database is switched to write-ahead logging, so that a commit is one fsync and
readers do not wait for writers; PostgreSQL (`make run-scaled`) is used as Rasa configures it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

T = TypeVar("T")


def _run_to_end(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that only does blocking work to its end, in the calling (worker) thread."""
    return asyncio.run(coroutine)


BUSY_TIMEOUT_MS = 30_000
"""SQLite has one writer at a time: a save waits this long for another thread's commit (in SQLite's C code, off the
GIL) before it fails; Python's default of 5 s was reached under load with twenty conversations saving at once."""


def _write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


class ThreadedSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """`SQLTrackerStore` whose queries and commits run in a thread (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead_log)

    @property
    def _inline(self) -> bool:
        return self.event_broker is not None

    async def save(self, tracker: DialogueStateTracker) -> None:
        if self._inline:
            await super().save(tracker)
            return
        await asyncio.to_thread(_run_to_end, SQLTrackerStore.save(self, tracker))

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        parent = SQLTrackerStore._retrieve(self, sender_id, fetch_events_from_all_sessions)
        if self._inline:
            return await parent
        return await asyncio.to_thread(_run_to_end, parent)

    async def keys(self) -> Iterable[str]:
        return await asyncio.to_thread(_run_to_end, SQLTrackerStore.keys(self))
