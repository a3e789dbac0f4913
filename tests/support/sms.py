"""Helpers of the SMS tests: settings pointing at the local Twilio server, signed webhooks, the worker's rounds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.core.config import Settings
from api.db import create_engine, create_sessionmaker, utcnow
from api.eligibility_service import EligibilityService
from api.main import create_app
from api.outbox import Handler, JobStatus, OutboxJob
from api.sms.jobs import SmsJobs
from api.sms.twilio_client import TwilioSender
from api.worker import run_once
from channels.rasa_client import RasaClient
from tests.support.fake_twilio import FakeTwilio, new_sid, signed_inbound

PUBLIC_BASE_URL = "https://assistant.example.fr"
"""What Twilio calls; the api itself is reached at http://testserver, as behind a reverse proxy."""
ACCOUNT_SID = "AC" + "5" * 32
AUTH_TOKEN = "test-twilio-auth-token"
SENDER = "+33700000001"
PHONE_HASH_KEY = "test-phone-hash-key"
INBOUND_PATH = "/sms/twilio/inbound"
STATUS_PATH = "/sms/twilio/status"
RESIDENT = "+33612345678"
RESIDENT_DIGITS = "612345678"
"""What must appear nowhere: in no table (outside a pending job), in no log line."""


@contextmanager
def local_twilio() -> Iterator[FakeTwilio]:
    """The local Messages API of the test account, started and stopped."""
    twilio = FakeTwilio(ACCOUNT_SID, AUTH_TOKEN).start()
    try:
        yield twilio
    finally:
        twilio.stop()


def sms_environment(twilio_base_url: str) -> dict[str, str]:
    """The same settings as environment variables, for the processes of the end-to-end stack."""
    return {
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SMS_SENDER": SENDER, "SMS_PHONE_HASH_KEY": PHONE_HASH_KEY, "TWILIO_API_BASE_URL": twilio_base_url,
    }


def sms_settings(database_url: str, twilio_base_url: str, **overrides: Any) -> Settings:
    """Settings of a test app and worker with SMS on, Twilio's API at ``twilio_base_url``."""
    values: dict[str, Any] = {
        "environment": "test", "database_url": database_url, "internal_api_secret": "test-internal-secret",
        "warm_up_engine": False, "actions_url": "http://127.0.0.1:9", "public_base_url": PUBLIC_BASE_URL,
        "twilio_account_sid": ACCOUNT_SID, "twilio_auth_token": AUTH_TOKEN, "sms_sender": SENDER,
        "sms_phone_hash_key": PHONE_HASH_KEY, "twilio_api_base_url": twilio_base_url,
    }
    values.update(overrides)
    return Settings(**values)


async def post_inbound(client: httpx.AsyncClient, body: str, *, number: str = RESIDENT,
                       message_sid: str | None = None, token: str = AUTH_TOKEN,
                       signed_url: str = PUBLIC_BASE_URL + INBOUND_PATH, to: str = "+33700000000") -> httpx.Response:
    """Post an incoming SMS as Twilio does: signed for the public URL, received on the api's own address."""
    form, headers = signed_inbound(token, signed_url, number=number, body=body, account_sid=ACCOUNT_SID,
                                   message_sid=message_sid or new_sid("SM"), to=to)
    return await client.post(INBOUND_PATH, data=form, headers=headers)


async def make_due(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Every pending job due now, as if its backoff had passed."""
    async with sessionmaker() as session:
        await session.execute(update(OutboxJob).where(OutboxJob.status == JobStatus.PENDING)
                              .values(next_attempt_at=utcnow(), locked_until=None))
        await session.commit()


async def drain(sessionmaker: async_sessionmaker[AsyncSession], handlers: Mapping[str, Handler], *,
                max_rounds: int = 20, retry: bool = False) -> int:
    """Run the worker until no job is due (``retry``: waiting ones made due again); how many runs it took."""
    runs = 0
    for _ in range(max_rounds):
        if retry:
            await make_due(sessionmaker)
        ran = await run_once(sessionmaker, handlers, max_attempts=8)
        runs += ran
        if ran == 0:
            return runs
    raise AssertionError("the outbox did not drain")


async def jobs(sessionmaker: async_sessionmaker[AsyncSession], kind: str | None = None) -> list[OutboxJob]:
    """The outbox, oldest first."""
    async with sessionmaker() as session:
        query = select(OutboxJob).order_by(OutboxJob.id)
        if kind is not None:
            query = query.where(OutboxJob.kind == kind)
        return list(await session.scalars(query))


@asynccontextmanager
async def worker_sms_jobs(settings: Settings, rasa_transport: httpx.AsyncBaseTransport) -> AsyncIterator[SmsJobs]:
    """The worker's SMS jobs: its own engine, the given bot, the real twilio client on the local server."""
    engine = create_engine(settings.database_url)
    jobs = SmsJobs(settings=settings, sessionmaker=create_sessionmaker(engine), engine=engine,
                   rasa=RasaClient(settings.rasa_url, transport=rasa_transport),
                   sender=TwilioSender.from_settings(settings, retry_delays=(0.01, 0.02)))
    try:
        yield jobs
    finally:
        await jobs.aclose()


@asynccontextmanager
async def app_client(settings: Settings, service: EligibilityService,
                     rasa_transport: httpx.AsyncBaseTransport) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on an app of these settings (its lifespan run), at http://testserver."""
    app = create_app(settings, service=service, rasa_transport=rasa_transport)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield http
