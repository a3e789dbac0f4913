"""Retention: past their time, conversations leave the api database and Rasa's tracker store; the rest stays."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from api.core.config import Settings
from api.models import AuditEvent, Conversation, LoginFailure, Message, utcnow
from api.retention import RetentionPolicy, async_tracker_url, purge, purge_tracker_store
from api.worker import run_forever

POLICY = RetentionPolicy.from_days(conversation_days=30, audit_days=365)
NOW = utcnow()

# The table Rasa 3.6's SQLTrackerStore creates (rasa/core/tracker_store.py, SQLEvent).
TRACKER = MetaData()
EVENTS = Table("events", TRACKER, Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
               Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
               Column("action_name", String(255)), Column("data", Text))


def tracker_url(database_url: str) -> str:
    """Rasa's URL form of the same test database (its events table lives beside ours)."""
    return database_url.replace("sqlite+aiosqlite:", "sqlite:").replace("postgresql+psycopg:", "postgresql:")


async def add_tracker_events(database_url: str, events: list[tuple[str, float]]) -> None:
    engine = create_async_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(TRACKER.create_all)
        await connection.execute(EVENTS.insert(), [
            {"sender_id": sender, "type_name": "user", "timestamp": moment, "data": "{}"} for sender, moment in events
        ])
    await engine.dispose()


async def tracker_senders(database_url: str) -> dict[str, int]:
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        rows = await connection.execute(select(EVENTS.c.sender_id, func.count()).group_by(EVENTS.c.sender_id))
        counts = {sender: count for sender, count in rows}
    await engine.dispose()
    return counts


def conversation(identifier: str, last: timedelta) -> Conversation:
    return Conversation(id=identifier, token_hash="0" * 64, channel="web", territory="", created_at=NOW - last,
                        last_message_at=NOW - last,
                        messages=[Message(author="resident", text="j'ai 34 ans", created_at=NOW - last)])


def test_async_tracker_url_maps_rasa_urls_to_the_api_drivers() -> None:
    assert async_tracker_url("sqlite:///var/rasa_tracker.db") == "sqlite+aiosqlite:///var/rasa_tracker.db"
    assert async_tracker_url("postgresql://rasa@db/rasa") == "postgresql+psycopg://rasa@db/rasa"


async def test_purge_deletes_conversations_past_30_days_and_keeps_recent_ones(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with sessions() as session:
        session.add_all([conversation("old", timedelta(days=31)), conversation("recent", timedelta(days=29))])
        session.add_all([AuditEvent(action="login", at=NOW - timedelta(days=366)), AuditEvent(action="login", at=NOW)])
        session.add(LoginFailure(key_hash="k", at=NOW - timedelta(hours=1)))
        await session.commit()
    async with sessions() as session:
        report = await purge(session, tracker_url=tracker_url(database_url), now=NOW, policy=POLICY)
    assert (report.conversations, report.audit_events, report.login_failures) == (1, 1, 1)
    async with sessions() as session:
        assert list(await session.scalars(select(Conversation.id))) == ["recent"]
        assert await session.scalar(select(func.count()).select_from(Message)) == 1
        assert await session.scalar(select(func.count()).select_from(AuditEvent)) == 1


async def test_tracker_store_loses_whole_expired_conversations_only(database_url: str) -> None:
    old, recent = (NOW - timedelta(days=40)).timestamp(), (NOW - timedelta(days=2)).timestamp()
    await add_tracker_events(database_url, [("gone", old), ("gone", old + 60), ("kept", old), ("kept", recent)])
    deleted = await purge_tracker_store(tracker_url(database_url), now=NOW, policy=POLICY)
    assert deleted == 1
    assert await tracker_senders(database_url) == {"kept": 2}  # an active conversation keeps its whole history


async def test_tracker_store_not_created_yet_has_nothing_to_purge(database_url: str) -> None:
    assert await purge_tracker_store(tracker_url(database_url), now=NOW, policy=POLICY) == 0


async def test_worker_purges_at_start_then_on_schedule(
    sessions: async_sessionmaker[AsyncSession], database_url: str, settings: Settings
) -> None:
    async with sessions() as session:
        session.add(conversation("old", timedelta(days=31)))
        await session.commit()
    stop = asyncio.Event()
    worker_settings = settings.model_copy(update={"rasa_tracker_url": tracker_url(database_url),
                                                  "worker_poll_seconds": 0.05})
    worker = asyncio.create_task(run_forever(worker_settings, stop, handlers={}))
    for _ in range(100):
        async with sessions() as session:
            if await session.scalar(select(func.count()).select_from(Conversation)) == 0:
                break
        await asyncio.sleep(0.05)
    stop.set()
    await worker
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
