"""SMS and territories: the number written to tells the territory (its welcome first, its sender); EFFACER erases
the person's conversation, callbacks and tracker events, keeps the audit trace and an opt-out, confirms once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.models import Callback
from api.conversations.models import Conversation, Message
from api.core.config import Settings
from api.db import utcnow
from api.outbox import Handler, JobKind, OutboxJob
from api.privacy.forget import TrackerForget, enqueue_tracker_forget
from api.sms.ids import phone_hash
from api.sms.jobs import SmsJobs
from api.sms.models import SmsContact, SmsInbound, SmsOutbound
from api.staff.models import AuditEvent
from api.territories import load_territories
from api.worker import HANDLERS, HandlerFactory, WorkerContext, build_handlers
from channels.sms.texts import FORGET_CONFIRMATION
from tests.rasa_events import user_event
from tests.support.fake_rasa import WELCOME, FakeRasa
from tests.support.fake_twilio import FakeTwilio
from tests.support.sms import (
    RESIDENT,
    RESIDENT_DIGITS,
    SENDER,
    drain,
    post_inbound,
    sms_settings,
    worker_sms_jobs,
)
from tests.support.tracker import add_events, events_by_sender, tracker_database

BASTIA = load_territories()["bastia"]
BASTIA_LINE = BASTIA.sms.numbers[0]


@pytest.fixture
def tracker_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    with tracker_database("sqlite" if database_url.startswith("sqlite") else "postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def settings(database_url: str, fake_twilio: FakeTwilio, tracker_url: str) -> Settings:
    return sms_settings(database_url, fake_twilio.base_url, rasa_tracker_url=tracker_url)


@pytest.fixture
async def worker(settings: Settings, fake_rasa: FakeRasa) -> AsyncIterator[SmsJobs]:
    async with worker_sms_jobs(settings, fake_rasa.transport()) as jobs:
        yield jobs


async def run(worker: SmsJobs, settings: Settings) -> int:
    handlers: dict[str, Handler] = {**worker.handlers, JobKind.TRACKER_FORGET: TrackerForget(settings.rasa_tracker_url)}
    return await drain(worker.sessionmaker, handlers)


async def count(sessions: async_sessionmaker[AsyncSession], model: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_sms_to_a_territory_number_opens_with_its_welcome_from_its_sender(
    client: httpx.AsyncClient, worker: SmsJobs, settings: Settings, fake_rasa: FakeRasa, fake_twilio: FakeTwilio,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await post_inbound(client, "Bonjour", to=BASTIA_LINE)
    await run(worker, settings)
    cid = phone_hash(settings, RESIDENT)
    async with sessions() as session:
        conversation = await session.get(Conversation, cid)
        assert conversation is not None and conversation.territory == "bastia"
    assert fake_rasa.received[0]["metadata"] == {"channel": "sms", "territory": "bastia"}
    assert [(m["from"], m["body"]) for m in fake_twilio.messages] == [(BASTIA.sms.sender, BASTIA.welcome_text),
                                                                      (BASTIA.sms.sender, WELCOME)]
    await post_inbound(client, "34", to=BASTIA_LINE)
    await run(worker, settings)
    assert BASTIA.welcome_text not in [m["body"] for m in fake_twilio.messages[2:]]  # once, at the start


async def test_sms_to_another_number_is_national_without_welcome_from_the_default_sender(
    client: httpx.AsyncClient, worker: SmsJobs, settings: Settings, fake_twilio: FakeTwilio,
) -> None:
    await post_inbound(client, "Bonjour", to="+33700000099")
    await run(worker, settings)
    assert [(m["from"], m["body"]) for m in fake_twilio.messages] == [(SENDER, WELCOME)]


async def seed_person(client: httpx.AsyncClient, worker: SmsJobs, settings: Settings,
                      sessions: async_sessionmaker[AsyncSession]) -> str:
    """A resident who chatted by SMS, booked a callback, and whose words are in the tracker store."""
    await post_inbound(client, "Bonjour", to=BASTIA_LINE)
    await post_inbound(client, "je gagne 1234 euros", to=BASTIA_LINE)
    await run(worker, settings)
    booked = await client.post("/internal/v1/callbacks", headers={"X-Internal-Secret": settings.internal_api_secret
                                                                  .get_secret_value()},
                               json={"territory": "bastia", "phone": "06 12 34 56 78", "consent_share_bilan": False})
    assert booked.status_code == 201
    cid = phone_hash(settings, RESIDENT)
    add_events(settings.rasa_tracker_url, [user_event(cid, utcnow().timestamp(), "je gagne 1234 euros"),
                                           user_event("someone-else", utcnow().timestamp(), "bonjour")])
    return cid


async def test_effacer_erases_the_person_everywhere_and_confirms_once(
    client: httpx.AsyncClient, worker: SmsJobs, settings: Settings, fake_twilio: FakeTwilio,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    cid = await seed_person(client, worker, settings, sessions)
    sent_before = len(fake_twilio.messages)

    await post_inbound(client, "Effacer", to=BASTIA_LINE, message_sid="SM" + "e" * 32)
    await post_inbound(client, "Effacer", to=BASTIA_LINE, message_sid="SM" + "e" * 32)  # Twilio's retry
    await run(worker, settings)

    assert [m["body"] for m in fake_twilio.messages[sent_before:]] == [FORGET_CONFIRMATION]
    assert await count(sessions, Callback) == 0
    assert await count(sessions, Message) == 0  # the EFFACER message itself is not kept
    async with sessions() as session:
        assert [row.kind for row in await session.scalars(select(SmsInbound))] == ["forget"]
        assert [row.purpose for row in await session.scalars(select(SmsOutbound))] == ["forget"]
        assert await session.get(SmsContact, cid) is None
        jobs = list(await session.scalars(select(OutboxJob)))
        assert all(RESIDENT_DIGITS not in str(job.payload) for job in jobs)  # sent: the number is gone
        [event] = await session.scalars(select(AuditEvent).where(AuditEvent.action == "forget_sms"))
        # 2 messages + 2 bot replies, 2 incoming and 3 outgoing SMS rows, their jobs, the callback and its job…
        assert event.row_count is not None and event.row_count >= 10
        assert (event.actor_id, event.territory, event.target_id) == (None, "bastia", "")
    assert events_by_sender(settings.rasa_tracker_url) == {"someone-else": 1}


async def test_effacer_from_an_opted_out_number_erases_silently_and_keeps_the_opt_out(
    client: httpx.AsyncClient, worker: SmsJobs, settings: Settings, fake_twilio: FakeTwilio,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    cid = await seed_person(client, worker, settings, sessions)
    await post_inbound(client, "STOP", to=BASTIA_LINE)
    await run(worker, settings)
    sent_before = len(fake_twilio.messages)
    await post_inbound(client, "oublier", to=BASTIA_LINE)
    await run(worker, settings)
    assert len(fake_twilio.messages) == sent_before
    assert await count(sessions, Callback) == 0
    async with sessions() as session:
        contact = await session.get(SmsContact, cid)
        assert contact is not None and contact.opted_out
    assert events_by_sender(settings.rasa_tracker_url) == {"someone-else": 1}


async def test_the_worker_deletes_tracker_events_of_a_forget_job_from_the_configured_store(
    settings: Settings, sessions: async_sessionmaker[AsyncSession],
) -> None:
    add_events(settings.rasa_tracker_url, [user_event("forgotten", utcnow().timestamp(), "je gagne 1234 euros"),
                                           user_event("kept", utcnow().timestamp(), "bonjour")])
    async with sessions() as session:
        enqueue_tracker_forget(session, sender_ids=["forgotten"], key="tracker_forget:test")
        await session.commit()
    factories: dict[str, HandlerFactory] = {JobKind.TRACKER_FORGET: HANDLERS[JobKind.TRACKER_FORGET]}
    handlers = build_handlers(WorkerContext(settings, sessions, {}), factories)
    assert await drain(sessions, handlers) == 1
    assert events_by_sender(settings.rasa_tracker_url) == {"kept": 1}
