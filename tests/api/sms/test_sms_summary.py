"""``POST /internal/v1/sms/summary`` (contract 4): queued in the outbox, sent once through the real twilio client.

Twilio is tests/support/fake_twilio.py (the Messages API over HTTP, 429 and 21610 included); the worker's handler
is the one ``python -m api.worker`` registers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api import worker as worker_process
from api.core.config import Settings, get_settings
from api.db import create_engine, create_sessionmaker
from api.eligibility_service import EligibilityService
from api.outbox import Handler, JobKind, JobStatus, OutboxJob
from api.sms import jobs as sms_jobs
from api.sms.models import SmsOutbound
from tests.support.fake_rasa import FakeRasa
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
    app_client,
    drain,
    jobs,
    post_inbound,
)

SECRET = "test-internal-secret"
SUMMARY = "Votre bilan : RSA environ 565 EUR par mois (CAF). Prime d'activite : a verifier."
PATH = "/internal/v1/sms/summary"


@pytest.fixture
async def client(settings: Settings, service: EligibilityService,
                 fake_rasa: FakeRasa) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(settings, service, fake_rasa.transport()) as http:
        yield http


@pytest.fixture
async def conversation(client: httpx.AsyncClient) -> str:
    """A web conversation: the summary is asked for from it (its id comes as X-Conversation-Id)."""
    response = await client.post("/api/v1/conversations", json={"channel": "web"})
    assert response.status_code == 201
    return str(response.json()["id"])


@pytest.fixture
async def worker(database_url: str, fake_twilio: FakeTwilio,
                 monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession],
                                                                         dict[str, Handler]]]:
    """The handlers of ``python -m api.worker``, built from its environment, and its database."""
    environment = {
        "DATABASE_URL": database_url, "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "SMS_SENDER": SENDER, "SMS_PHONE_HASH_KEY": PHONE_HASH_KEY,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "RASA_URL": "http://127.0.0.1:9",  # the SMS turns of these tests reach no bot (nothing listens there)
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("api.sms.twilio_client.RETRY_DELAYS_SECONDS", (0.01, 0.02))
    get_settings.cache_clear()
    engine = create_engine(database_url)
    sessionmaker = create_sessionmaker(engine)
    try:
        yield sessionmaker, worker_process.build_handlers(
            worker_process.WorkerContext(get_settings(), sessionmaker, os.environ))
    finally:
        await sms_jobs.aclose_default()
        await engine.dispose()
        get_settings.cache_clear()


async def ask(client: httpx.AsyncClient, conversation: str, **body: Any) -> httpx.Response:
    return await client.post(PATH, json={"phone": "06 12 34 56 78", "text": SUMMARY, **body},
                             headers={"X-Internal-Secret": SECRET, "X-Conversation-Id": conversation})


async def test_summary_queued_then_sent_once_by_the_worker_with_our_sender(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
) -> None:
    sessionmaker, handlers = worker
    response = await ask(client, conversation)
    assert (response.status_code, response.json()) == (202, {"status": "queued"})
    assert fake_twilio.messages == []  # the route only queues

    await drain(sessionmaker, handlers)
    [message] = fake_twilio.messages
    assert (message["to"], message["from"], message["body"]) == (RESIDENT, SENDER, SUMMARY)
    [request] = fake_twilio.requests
    assert request.headers["User-Agent"].startswith("twilio-python/")
    assert request.form["StatusCallback"] == PUBLIC_BASE_URL + STATUS_PATH
    [job] = await jobs(sessionmaker, JobKind.SMS_SUMMARY)
    assert job.status == JobStatus.DONE
    assert "to" not in job.payload  # the number is forgotten once sent
    async with sessionmaker() as session:
        [row] = list(await session.scalars(select(SmsOutbound)))
    assert (row.conversation_id, row.purpose, row.twilio_sid) == (conversation, "summary", message["sid"])


async def test_summary_asked_twice_and_job_run_again_send_one_sms(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
) -> None:
    sessionmaker, handlers = worker
    for _ in range(2):
        assert (await ask(client, conversation, phone="+33 6 12 34 56 78")).json() == {"status": "queued"}
    await drain(sessionmaker, handlers)
    # The worker died after Twilio took the SMS, before marking the job done: the job comes back.
    async with sessionmaker() as session:
        await session.execute(update(OutboxJob).values(status=JobStatus.PENDING, done_at=None))
        await session.commit()
    await drain(sessionmaker, handlers, retry=True)
    assert len(fake_twilio.messages) == 1
    assert len(await jobs(sessionmaker, JobKind.SMS_SUMMARY)) == 1


async def test_summary_429_retried_then_sent_once(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
) -> None:
    sessionmaker, handlers = worker
    fake_twilio.fail_next(429, times=4)  # more than the sender's own retries: the outbox tries again later
    await ask(client, conversation)
    await drain(sessionmaker, handlers)
    [job] = await jobs(sessionmaker, JobKind.SMS_SUMMARY)
    assert (job.status, fake_twilio.messages) == (JobStatus.PENDING, [])
    assert "429" in job.last_error and RESIDENT_DIGITS not in job.last_error

    await drain(sessionmaker, handlers, retry=True)
    assert [message["body"] for message in fake_twilio.messages] == [SUMMARY]
    assert fake_twilio.create_attempts == 5


async def test_summary_to_a_number_that_sent_stop_is_not_queued(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
) -> None:
    sessionmaker, handlers = worker
    await post_inbound(client, "STOP")
    response = await ask(client, conversation)
    assert (response.status_code, response.json()) == (202, {"status": "opted_out"})
    await drain(sessionmaker, handlers)
    assert [message["body"] for message in fake_twilio.messages if message["body"] == SUMMARY] == []
    assert await jobs(sessionmaker, JobKind.SMS_SUMMARY) == []


async def test_summary_refused_by_twilio_as_unsubscribed_opts_the_number_out(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
) -> None:
    sessionmaker, handlers = worker
    await post_inbound(client, "Bonjour")  # the number is known to the SMS channel
    fake_twilio.unsubscribed.add(RESIDENT)
    await ask(client, conversation)
    await drain(sessionmaker, handlers)
    [job] = await jobs(sessionmaker, JobKind.SMS_SUMMARY)
    assert job.status == JobStatus.DONE  # refused for good: not retried
    assert (await ask(client, conversation, text="Un autre résumé")).json() == {"status": "opted_out"}


@pytest.mark.parametrize(("phone", "code", "words"), [
    ("06 12 34", "phone_invalid", "not a complete"),
    ("pas de numéro", "phone_not_a_number", "no phone number"),
    ("+44 7911 123456", "phone_not_french", "not a French number"),
    ("08 99 12 34 56", "phone_service_number", "premium-rate"),
])
async def test_bad_phone_is_a_422_with_the_field_and_its_stable_code(
    client: httpx.AsyncClient, conversation: str, phone: str, code: str, words: str,
) -> None:
    response = await ask(client, conversation, phone=phone)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["body", "phone"], code)
    assert words in error["msg"]


async def test_blank_summary_is_a_422_on_the_text(client: httpx.AsyncClient, conversation: str) -> None:
    response = await ask(client, conversation, text="   ")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


async def test_summary_for_an_unknown_conversation_not_found(client: httpx.AsyncClient) -> None:
    response = await ask(client, "0" * 32)
    assert response.status_code == 404


async def test_summary_without_the_internal_secret_unauthorized(client: httpx.AsyncClient, conversation: str) -> None:
    response = await client.post(PATH, json={"phone": "0612345678", "text": SUMMARY},
                                 headers={"X-Conversation-Id": conversation})
    assert response.status_code == 401


async def test_summary_number_never_logged(
    client: httpx.AsyncClient, conversation: str, worker: Any, fake_twilio: FakeTwilio,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    sessionmaker, handlers = worker
    await ask(client, conversation)
    await ask(client, conversation, phone="06 12")
    await drain(sessionmaker, handlers)
    assert len(fake_twilio.messages) == 1
    assert "summary sms" in caplog.text
    assert RESIDENT_DIGITS not in caplog.text
    assert SUMMARY not in caplog.text
