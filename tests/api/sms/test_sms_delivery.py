"""From an incoming SMS to the bot's answer by SMS: the worker's turn, the real twilio client on a local Twilio.

The api receives webhooks signed for its public URL on its own address (as behind the proxy); the worker relays
to the scripted bot and sends through ``twilio.rest.Client`` to tests/support/fake_twilio.py, which answers like
the Messages API (including 429 and 500) and calls the status callback back with Twilio's signature.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from api import worker as worker_process
from api.conversations.models import Message
from api.core.config import Settings, get_settings
from api.db import create_engine, create_sessionmaker
from api.outbox import JobKind, JobStatus, OutboxJob
from api.sms import jobs as sms_jobs
from api.sms.ids import phone_hash
from api.sms.jobs import SmsJobs
from api.sms.models import SmsContact, SmsOutbound
from channels.sms.texts import OPT_OUT_CONFIRMATION
from tests.support.fake_rasa import WELCOME, FakeRasa
from tests.support.fake_twilio import FakeTwilio
from tests.support.sms import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PHONE_HASH_KEY,
    PUBLIC_BASE_URL,
    RESIDENT,
    RESIDENT_DIGITS,
    SENDER,
    STATUS_PATH,
    drain,
    jobs,
    post_inbound,
    worker_sms_jobs,
)


@pytest.fixture
async def worker(settings: Settings, fake_rasa: FakeRasa) -> AsyncIterator[SmsJobs]:
    """The worker's SMS jobs: its own engine, the scripted bot, the real twilio client on the local server."""
    async with worker_sms_jobs(settings, fake_rasa.transport()) as jobs:
        yield jobs


async def run(worker: SmsJobs, *, retry: bool = False) -> int:
    return await drain(worker.sessionmaker, worker.handlers, retry=retry)


async def outbound(worker: SmsJobs) -> list[SmsOutbound]:
    async with worker.sessionmaker() as session:
        return list(await session.scalars(select(SmsOutbound).order_by(SmsOutbound.id)))


def bodies(fake_twilio: FakeTwilio) -> list[str]:
    return [str(message["body"]) for message in fake_twilio.messages]


async def test_resident_sms_answered_by_sms_through_the_messages_api(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio, settings: Settings
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)

    cid = phone_hash(settings, RESIDENT)
    assert fake_rasa.received == [{"sender": cid, "message": "/start",
                                   "metadata": {"channel": "sms", "territory": ""}}]
    [message] = fake_twilio.messages
    assert (message["to"], message["from"], message["body"]) == (RESIDENT, SENDER, WELCOME)
    [request] = fake_twilio.requests
    assert request.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert request.headers["User-Agent"].startswith("twilio-python/")  # the real client built this request
    assert request.form["StatusCallback"] == PUBLIC_BASE_URL + STATUS_PATH
    [sent] = await outbound(worker)
    assert (sent.twilio_sid, sent.status, sent.segments) == (message["sid"], "queued", 1)
    async with worker.sessionmaker() as session:
        transcript = list(await session.scalars(select(Message).order_by(Message.id)))
    assert [(m.author, m.text) for m in transcript] == [("resident", "Bonjour"), ("bot", WELCOME)]


async def test_numbered_reply_relays_the_chosen_payload(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    await post_inbound(client, "J'ai une question")
    await run(worker)
    assert bodies(fake_twilio)[-1] == "Vous avez écrit : J'ai une question\n1. Oui\n2. Non\nRépondez 1 ou 2"

    await post_inbound(client, "1")
    await run(worker)
    assert fake_rasa.received[-1]["message"] == "/affirm"
    assert bodies(fake_twilio)[-1] == "Très bien."
    async with worker.sessionmaker() as session:
        resident = list(await session.scalars(select(Message.text).where(Message.author == "resident")))
    assert resident == ["Bonjour", "J'ai une question", "Oui"]


async def test_number_when_nothing_is_offered_is_text(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    await post_inbound(client, "34")
    await run(worker)
    assert fake_rasa.received[-1]["message"] == "34"


async def test_same_message_sid_twice_is_one_bot_turn_and_one_sms(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour", message_sid="SM" + "1" * 32)
    await run(worker)
    await post_inbound(client, "Bonjour", message_sid="SM" + "1" * 32)  # Twilio's retry, after the turn
    await run(worker)
    assert len(fake_rasa.received) == 1
    assert len(fake_twilio.messages) == 1


async def test_messages_of_one_conversation_relayed_in_order(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    for body in ("Bonjour", "premier", "second"):
        await post_inbound(client, body)
    await run(worker)
    assert [received["message"] for received in fake_rasa.received] == ["/start", "premier", "second"]
    assert [body.split("\n")[0] for body in bodies(fake_twilio)] == [
        WELCOME, "Vous avez écrit : premier", "Vous avez écrit : second",
    ]


async def test_rasa_down_keeps_the_turn_for_later(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    fake_rasa.down = True
    await post_inbound(client, "Bonjour")
    await run(worker)
    [turn] = await jobs(worker.sessionmaker, JobKind.SMS_TURN)
    assert turn.status == JobStatus.PENDING
    assert "RasaUnavailable" in turn.last_error
    fake_rasa.down = False
    await run(worker, retry=True)
    assert bodies(fake_twilio) == [WELCOME]


# --- Twilio answering 429 or 500, and jobs run twice


async def test_429_retried_with_backoff_and_sent_once(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.fail_next(429, times=2)
    await post_inbound(client, "Bonjour")
    await run(worker)
    assert fake_twilio.create_attempts == 3
    assert bodies(fake_twilio) == [WELCOME]
    assert [job.status for job in await jobs(worker.sessionmaker, JobKind.SMS_SEND)] == [JobStatus.DONE]


async def test_persistent_429_leaves_the_sms_to_the_outbox_then_sends_it_once(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.fail_next(429, times=3)  # more than the sender's own retries
    await post_inbound(client, "Bonjour")
    await run(worker)
    [job] = await jobs(worker.sessionmaker, JobKind.SMS_SEND)
    assert (job.status, job.attempts) == (JobStatus.PENDING, 1)
    assert "429" in job.last_error
    assert RESIDENT_DIGITS not in job.last_error
    assert fake_twilio.messages == []

    await run(worker, retry=True)
    assert bodies(fake_twilio) == [WELCOME]
    assert fake_twilio.create_attempts == 4


async def test_500_retried_later(client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio) -> None:
    fake_twilio.fail_next(500)
    await post_inbound(client, "Bonjour")
    await run(worker)
    assert fake_twilio.messages == []
    await run(worker, retry=True)
    assert bodies(fake_twilio) == [WELCOME]


async def test_send_job_run_again_after_success_sends_nothing(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    # The worker died after Twilio took the SMS, before marking the job done: the job comes back.
    async with worker.sessionmaker() as session:
        await session.execute(update(OutboxJob).values(status=JobStatus.PENDING, done_at=None))
        await session.commit()
    await run(worker, retry=True)
    assert len(fake_twilio.messages) == 1


async def test_sms_waits_for_an_earlier_sms_of_its_conversation(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    await post_inbound(client, "un")
    await post_inbound(client, "deux")
    fake_twilio.fail_next(500)  # the answer to "un" fails once
    await run(worker, retry=True)
    assert [body.split("\n")[0] for body in bodies(fake_twilio)] == [
        WELCOME, "Vous avez écrit : un", "Vous avez écrit : deux",
    ]


# --- opt-out at send time


async def test_reply_queued_before_stop_is_refused_before_twilio(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await drain(worker.sessionmaker, {JobKind.SMS_TURN: worker.handle_turn})  # the answer is enqueued, not yet sent
    await post_inbound(client, "STOP")
    await run(worker, retry=True)
    assert bodies(fake_twilio) == [OPT_OUT_CONFIRMATION]
    statuses = [(row.purpose, row.status) for row in await outbound(worker)]
    assert statuses == [("reply", "refused"), ("opt_out", "queued")]


async def test_message_received_before_stop_and_relayed_after_gets_no_answer(
    client: httpx.AsyncClient, worker: SmsJobs, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await post_inbound(client, "STOP")
    await run(worker, retry=True)
    assert fake_rasa.received == []
    assert bodies(fake_twilio) == [OPT_OUT_CONFIRMATION]


async def test_twilio_unsubscribed_error_opts_the_number_out(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio, settings: Settings
) -> None:
    fake_twilio.unsubscribed.add(RESIDENT)
    await post_inbound(client, "Bonjour")
    await run(worker)
    [row] = await outbound(worker)
    assert (row.status, row.error_code) == ("failed", 21610)
    assert [job.status for job in await jobs(worker.sessionmaker, JobKind.SMS_SEND)] == [JobStatus.DONE]  # not retried
    async with worker.sessionmaker() as session:
        contact = await session.get(SmsContact, phone_hash(settings, RESIDENT))
        assert contact is not None
        assert contact.opted_out


# --- delivery statuses


async def test_status_callbacks_through_the_proxy_record_delivery(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    [message] = fake_twilio.messages
    proxy = (PUBLIC_BASE_URL, "http://testserver")
    for status in ("sent", "delivered", "sent"):  # the late "sent" must not undo "delivered"
        response = await fake_twilio.deliver_status(message["sid"], status, http=client, proxy=proxy)
        assert response.status_code == 204
    [row] = await outbound(worker)
    assert row.status == "delivered"


async def test_undelivered_status_keeps_the_error_code(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio, settings: Settings
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    [message] = fake_twilio.messages
    await fake_twilio.deliver_status(message["sid"], "undelivered", http=client, error_code=21610,
                                     proxy=(PUBLIC_BASE_URL, "http://testserver"))
    [row] = await outbound(worker)
    assert (row.status, row.error_code) == ("undelivered", 21610)
    async with worker.sessionmaker() as session:
        contact = await session.get(SmsContact, phone_hash(settings, RESIDENT))
        assert contact is not None
        assert contact.opted_out


async def test_status_callback_signed_for_the_internal_url_forbidden(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio
) -> None:
    await post_inbound(client, "Bonjour")
    await run(worker)
    [message] = fake_twilio.messages
    message["_status_callback"] = "http://testserver" + STATUS_PATH  # what the api sees, not what Twilio calls
    response = await fake_twilio.deliver_status(message["sid"], "delivered", http=client)
    assert response.status_code == 403
    [row] = await outbound(worker)
    assert row.status == "queued"


# --- where the number is


async def test_number_stored_nowhere_once_the_jobs_are_done_and_never_logged(
    client: httpx.AsyncClient, worker: SmsJobs, fake_twilio: FakeTwilio, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # the level the api and the worker log at
    for body in ("Bonjour", "question", "1", "STOP", "START"):
        await post_inbound(client, body)
        await run(worker)
    fake_twilio.fail_next(429, times=4)
    await post_inbound(client, "encore")
    await run(worker, retry=True)
    assert len(fake_twilio.messages) == 6

    assert RESIDENT_DIGITS not in caplog.text
    async with worker.sessionmaker() as session:
        dump = await _dump(session)
    assert RESIDENT_DIGITS not in dump
    assert "SM" in dump  # the dump did read the tables


async def _dump(session: AsyncSession) -> str:
    """Every row of every table, as text."""
    tables = ["conversation", "message", "outbox_job", "sms_contact", "sms_inbound", "sms_outbound"]
    rows: list[str] = []
    for table in tables:
        result = await session.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 - fixed names
        rows.extend(repr(tuple(row)) for row in result)
    return "\n".join(rows)



# --- the worker process


async def test_worker_process_sends_with_its_registered_handlers(
    client: httpx.AsyncClient, fake_twilio: FakeTwilio, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m api.worker`` builds its SMS jobs from the environment at first use and closes them at the end."""
    await post_inbound(client, "STOP")
    environment = {
        "DATABASE_URL": database_url, "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "SMS_SENDER": SENDER, "SMS_PHONE_HASH_KEY": PHONE_HASH_KEY,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    engine = create_engine(database_url)
    try:
        assert {JobKind.SMS_TURN, JobKind.SMS_SEND} <= set(worker_process.HANDLERS)
        sessionmaker = create_sessionmaker(engine)
        context = worker_process.WorkerContext(get_settings(), sessionmaker, os.environ)
        await drain(sessionmaker, worker_process.build_handlers(context))
    finally:
        await sms_jobs.aclose_default()
        await engine.dispose()
        get_settings.cache_clear()
    assert bodies(fake_twilio) == [OPT_OUT_CONFIRMATION]
    assert fake_twilio.requests[0].form["StatusCallback"] == PUBLIC_BASE_URL + STATUS_PATH
