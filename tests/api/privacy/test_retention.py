"""Retention: past their time, personal records leave the api database and Rasa's tracker store (a real one, with
the table Rasa 3.6 creates); what is still within its retention, opt-outs and the rest stay."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.models import Callback, CallbackStatusChange
from api.conversations.models import Conversation, Message
from api.core.config import Settings
from api.db import Base, utcnow
from api.outbox import JobStatus, OutboxJob
from api.privacy.retention import RetentionPolicy, async_tracker_url, purge, purge_tracker_store
from api.sms.models import SmsContact, SmsInbound, SmsOutbound
from api.staff.models import AuditEvent, LoginFailure
from api.worker import run_forever
from tests.rasa_events import bot_event, user_event
from tests.support.tracker import add_events, all_event_data, events_by_sender, tracker_database

POLICY = RetentionPolicy.from_days(conversation_days=30, audit_days=365, callback_days=730)
NOW = utcnow()
OLD_PHONE = "+33611223344"
OLD_WORDS = "je gagne 1234 euros par mois"


@pytest.fixture
def tracker_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A real tracker store of the same kind as the api database (SQLite or PostgreSQL), in its own database."""
    with tracker_database("sqlite" if database_url.startswith("sqlite") else "postgresql", tmp_path) as url:
        yield url


def conversation(identifier: str, last: timedelta, channel: str = "web", words: str = "j'ai 34 ans") -> Conversation:
    return Conversation(id=identifier, token_hash="0" * 64, channel=channel, territory="bastia",
                        created_at=NOW - last, last_message_at=NOW - last,
                        messages=[Message(author="resident", text=words, created_at=NOW - last)])


def callback(identifier: str, last_contact: timedelta, phone: str, summary: str = "Bilan : RSA probable.") -> Callback:
    return Callback(id=identifier, reference=identifier[:4].upper() + "-" + identifier[4:8].upper(),
                    territory="bastia", phone=phone, first_name="Marie", consent_share_bilan=True,
                    bilan_summary=summary, bilan_answers={"age": 34}, created_at=NOW - last_contact - timedelta(1),
                    updated_at=NOW - last_contact,
                    status_changes=[CallbackStatusChange(old_status="nouveau", new_status="rappele", note="appelée",
                                                         source="staff", created_at=NOW - last_contact)])


async def dump_api_database(sessions: async_sessionmaker[AsyncSession]) -> str:
    """Every row of every api table as text: what is left to read."""
    async with sessions() as session:
        rows = []
        for table in Base.metadata.sorted_tables:
            rows += [str(row) for row in await session.execute(text(f"SELECT * FROM {table.name}"))]  # noqa: S608
    return "\n".join(rows)


def test_async_tracker_url_maps_rasa_urls_to_the_api_drivers() -> None:
    assert async_tracker_url("sqlite:///var/rasa_tracker.db") == "sqlite+aiosqlite:///var/rasa_tracker.db"
    assert async_tracker_url("postgresql://rasa@db/rasa") == "postgresql+psycopg://rasa@db/rasa"


def test_default_settings_are_the_safe_retention_periods() -> None:
    settings = Settings(environment="test")
    assert (settings.retention_conversation_days, settings.retention_callback_days,
            settings.retention_audit_days) == (30, 730, 365)


async def seed_everything(sessions: async_sessionmaker[AsyncSession], tracker_url: str) -> None:
    """Old and recent records of every kind, in the api database and the tracker store."""
    old, recent = timedelta(days=31), timedelta(days=29)
    async with sessions() as session:
        session.add_all([conversation("old-web", old, words=OLD_WORDS), conversation("recent-web", recent),
                         conversation("old-sms", old, channel="sms", words=OLD_WORDS),
                         callback("oldcb000", timedelta(days=731), OLD_PHONE, summary=OLD_WORDS),
                         callback("newcb000", timedelta(days=2), "+33699887766")])
        session.add_all([SmsContact(phone_hash="old-sms", updated_at=NOW - old),
                         SmsContact(phone_hash="opted-out", opted_out=True, opted_out_at=NOW - timedelta(days=400),
                                    updated_at=NOW - timedelta(days=400))])
        session.add_all([AuditEvent(action="login", at=NOW - timedelta(days=366)), AuditEvent(action="login", at=NOW),
                         LoginFailure(key_hash="k", at=NOW - timedelta(hours=1))])
        await session.flush()
        session.add_all([SmsInbound(message_sid="SMold", conversation_id="old-sms", received_at=NOW - old),
                         SmsOutbound(idempotency_key="sms_send:SMold:0", conversation_id="old-sms",
                                     created_at=NOW - old),
                         # A turn that never ran still holds the number; a sent SMS still holds its text.
                         OutboxJob(kind="sms_turn", idempotency_key="sms_turn:SMold", created_at=NOW - old,
                                   payload={"message_sid": "SMold", "to": OLD_PHONE}, status=JobStatus.DEAD),
                         OutboxJob(kind="sms_send", idempotency_key="sms_send:SMold:0", created_at=NOW - old,
                                   payload={"body": OLD_WORDS}, status=JobStatus.DONE),
                         OutboxJob(kind="callback", idempotency_key="callback-oldcb000", status=JobStatus.DONE,
                                   payload={"callback_id": "oldcb000"}, created_at=NOW - timedelta(days=732))])
        await session.commit()
    stamp = {name: (NOW - age).timestamp() for name, age in (("old", timedelta(days=31)),
                                                                ("recent", timedelta(days=29)))}
    add_events(tracker_url, [
        user_event("old-web", stamp["old"], OLD_WORDS), bot_event("old-web", stamp["old"] + 1, "Merci."),
        # The api last heard of this one 31 days ago; Rasa's clock says 29: it goes with the api's conversation.
        user_event("old-sms", stamp["recent"], OLD_WORDS),
        user_event("recent-web", stamp["recent"], "j'ai 34 ans"),
        user_event("never-in-the-api", stamp["old"], OLD_WORDS),
    ])


async def test_after_a_purge_nothing_personal_is_left_past_its_retention(
    sessions: async_sessionmaker[AsyncSession], tracker_url: str
) -> None:
    await seed_everything(sessions, tracker_url)
    async with sessions() as session:
        report = await purge(session, tracker_url=tracker_url, now=NOW, policy=POLICY)

    assert (report.conversations, report.callbacks, report.audit_events, report.login_failures) == (2, 1, 1, 1)
    assert report.sms_contacts == 1
    assert report.outbox_jobs == 3
    async with sessions() as session:
        assert list(await session.scalars(select(Conversation.id))) == ["recent-web"]
        assert list(await session.scalars(select(Message.text))) == ["j'ai 34 ans"]
        assert list(await session.scalars(select(Callback.id))) == ["newcb000"]
        assert await session.scalar(select(func.count()).select_from(CallbackStatusChange)) == 1
        for model in (SmsInbound, SmsOutbound, OutboxJob):
            assert await session.scalar(select(func.count()).select_from(model)) == 0
        # The opt-out protects the person: it stays (a keyed hash, nothing else); a contact without one goes.
        assert list(await session.scalars(select(SmsContact.phone_hash))) == ["opted-out"]
        assert await session.scalar(select(func.count()).select_from(AuditEvent)) == 1
    leftovers = await dump_api_database(sessions)
    assert OLD_PHONE not in leftovers and OLD_WORDS not in leftovers
    assert events_by_sender(tracker_url) == {"recent-web": 1}
    assert OLD_WORDS not in all_event_data(tracker_url)


async def test_tracker_store_loses_whole_expired_conversations_only(tracker_url: str) -> None:
    old, recent = (NOW - timedelta(days=40)).timestamp(), (NOW - timedelta(days=2)).timestamp()
    add_events(tracker_url, [user_event("gone", old, "a"), bot_event("gone", old + 60, "b"),
                             user_event("kept", old, "c"), bot_event("kept", recent, "d")])
    deleted = await purge_tracker_store(tracker_url, now=NOW, policy=POLICY)
    assert deleted == 1
    assert events_by_sender(tracker_url) == {"kept": 2}  # an active conversation keeps its whole history


async def test_tracker_store_not_created_yet_has_nothing_to_purge(tmp_path: Path) -> None:
    assert await purge_tracker_store(f"sqlite:///{tmp_path / 'none.db'}", now=NOW, policy=POLICY,
                                     conversation_ids=["x"]) == 0


async def test_callbacks_are_kept_two_years_after_the_last_contact(
    sessions: async_sessionmaker[AsyncSession], tracker_url: str
) -> None:
    async with sessions() as session:
        session.add_all([callback("edge0000", timedelta(days=729), "+33600000001"),
                         callback("past0000", timedelta(days=731), "+33600000002")])
        await session.commit()
    async with sessions() as session:
        await purge(session, tracker_url=tracker_url, now=NOW, policy=POLICY)
    async with sessions() as session:
        assert list(await session.scalars(select(Callback.id))) == ["edge0000"]


async def test_worker_purges_at_start_then_on_schedule(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, tracker_url: str
) -> None:
    async with sessions() as session:
        session.add(conversation("old", timedelta(days=31)))
        await session.commit()
    add_events(tracker_url, [user_event("old", (NOW - timedelta(days=31)).timestamp(), OLD_WORDS)])
    stop = asyncio.Event()
    worker_settings = settings.model_copy(update={"rasa_tracker_url": tracker_url, "worker_poll_seconds": 0.05})
    worker = asyncio.create_task(run_forever(worker_settings, stop, handlers={}))
    for _ in range(100):
        async with sessions() as session:
            if await session.scalar(select(func.count()).select_from(Conversation)) == 0 and \
                    not events_by_sender(tracker_url):
                break
        await asyncio.sleep(0.05)
    stop.set()
    await worker
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
    assert events_by_sender(tracker_url) == {}
