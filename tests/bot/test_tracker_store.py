"""The tracker store of bot/endpoints.yml: Rasa's SQL store, its database work off Rasa's event loop."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import ThreadedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_yaml("version: '3.1'\nslots:\n  age:\n    type: any\n    mappings:\n      - type: custom\n")


def _store(tmp_path: Path, kind: type[SQLTrackerStore] = ThreadedSQLTrackerStore) -> SQLTrackerStore:
    return kind(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")


def _tracker(sender: str, messages: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for number in range(messages):
        tracker.update(UserUttered(f"message {number}"))
        tracker.update(SlotSet("age", float(number)))
    return tracker


def test_endpoints_name_this_store() -> None:
    endpoints = yaml.safe_load((ROOT / "bot" / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["tracker_store"]["type"] == "bot.tracker_store.ThreadedSQLTrackerStore"


def test_concurrent_conversations_are_all_saved_and_read_back_whole(tmp_path: Path) -> None:
    store = _store(tmp_path)

    async def play() -> list[Any]:
        await asyncio.gather(*(store.save(_tracker(f"c{n}", 5 + n)) for n in range(20)))
        return await asyncio.gather(*(store.retrieve(f"c{n}") for n in range(20)))

    trackers = asyncio.run(play())
    for number, tracker in enumerate(trackers):
        texts = [event.text for event in tracker.events if isinstance(event, UserUttered)]
        assert texts == [f"message {m}" for m in range(5 + number)]
        assert tracker.get_slot("age") == float(4 + number)
    assert sorted(asyncio.run(store.keys())) == sorted(f"c{n}" for n in range(20))


def test_a_second_save_adds_only_the_new_events(tmp_path: Path) -> None:
    store = _store(tmp_path)
    tracker = _tracker("c", 2)
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("later"))
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("c"))
    assert again is not None
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["message 0", "message 1", "later"]


def test_sqlite_runs_in_write_ahead_log_mode(tmp_path: Path) -> None:
    store = _store(tmp_path)
    asyncio.run(store.save(_tracker("c", 1)))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


@pytest.mark.parametrize(("kind", "waits"), [(ThreadedSQLTrackerStore, False), (SQLTrackerStore, True)])
def test_a_commit_that_waits_on_the_disk_does_not_hold_other_conversations(
    tmp_path: Path, kind: type[SQLTrackerStore], waits: bool
) -> None:
    """One conversation's commit blocks (a slow disk); another conversation's save still completes meanwhile.
    Rasa's own store (second case) shows the stall this store removes."""
    store = _store(tmp_path, kind)
    release = threading.Event()
    sessionmaker = store.sessionmaker

    def slow_sessions() -> Any:
        session = sessionmaker()
        commit = session.commit

        def waiting_commit() -> None:
            if any(getattr(o, "sender_id", None) == "slow" for o in session.new):
                release.wait(timeout=2)
            commit()

        session.commit = waiting_commit
        return session

    store.sessionmaker = slow_sessions

    async def play() -> bool:
        slow = asyncio.ensure_future(store.save(_tracker("slow", 1)))
        await asyncio.sleep(0.05)
        fast_done = False
        try:
            await asyncio.wait_for(store.save(_tracker("fast", 1)), timeout=10)
            fast_done = not slow.done()
        except asyncio.TimeoutError:
            fast_done = False
        release.set()
        await slow
        return fast_done

    assert asyncio.run(play()) is not waits
