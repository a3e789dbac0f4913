"""The worker's ``campaign_sms`` job: one recipient's SMS through the Twilio client path of the SMS channel.

At most once per recipient: the job sends only a recipient still ``queued`` and records the Twilio sid with its
status in the same commit; a job run again after that finds it sent and does nothing. A 429 is retried by the
Twilio sender (1, 2, 4 s), then left to the outbox's backoff. A number that opted out meanwhile is refused here,
before Twilio. The number and the first name are erased as soon as the SMS is handed over (or refused for good).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.campaigns.message import personalise
from api.campaigns.models import Campaign, CampaignRecipient, RecipientStatus
from api.campaigns.service import opt_out, twilio_status
from api.core.config import Settings
from api.db import utcnow
from api.job_errors import database_errors_named
from api.sms.models import SmsContact
from api.sms.twilio_client import OPTED_OUT_ERROR, STATUS_CALLBACK_PATH, SmsRejected, TwilioSender

logger = logging.getLogger(__name__)


MAX_PACING_WAIT_SECONDS = 30.0
"""A worker never waits longer than this between two campaign SMS, so a claimed batch stays within its lease."""


class CampaignJobError(Exception):
    """A job that cannot be done as written."""


class Pacer:
    """Spaces the sends of one worker by the campaign interval.

    The jobs' due times already spread a campaign at the configured rate; after the worker was stopped, though,
    they are all due at once, and the pacer keeps the burst at the same rate.
    """

    def __init__(self, interval_seconds: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.interval = min(interval_seconds, MAX_PACING_WAIT_SECONDS)
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None

    async def wait(self) -> None:
        """Return when the next SMS may go."""
        if self._last is not None:
            remaining = self._last + self.interval - self._clock()
            if remaining > 0:
                await self._sleep(remaining)
        self._last = self._clock()


def _forget(recipient: CampaignRecipient) -> None:
    recipient.phone, recipient.first_name, recipient.updated_at = None, None, utcnow()


class CampaignSender:
    """Sends campaign SMS; the Twilio sender is built at first use, inside the worker's event loop."""

    def __init__(self, *, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession],
                 sender: TwilioSender | None = None) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self._sender = sender
        self.pacer = Pacer(60.0 / settings.campaign_sms_per_minute)

    @property
    def sender(self) -> TwilioSender:
        if self._sender is None:
            self._sender = TwilioSender.from_settings(self.settings)
        return self._sender

    async def aclose(self) -> None:
        """Close the Twilio client, if it was built."""
        if self._sender is not None:
            await self._sender.aclose()
            self._sender = None

    async def handle(self, payload: dict[str, Any], key: str) -> None:
        """``campaign_sms`` handler."""
        with database_errors_named(CampaignJobError):
            await self._handle(int(payload["recipient_id"]))

    async def _handle(self, recipient_id: int) -> None:
        async with self.sessionmaker() as session:
            recipient = await session.get(CampaignRecipient, recipient_id)
            if recipient is None:
                logger.info("campaign sms %s: recipient erased, nothing to send", recipient_id)
                return
            if recipient.status != RecipientStatus.QUEUED:
                return  # sent (or refused) already: never twice
            campaign = await session.get(Campaign, recipient.campaign_id)
            contact = await session.get(SmsContact, recipient.phone_hash)
            if campaign is None or (contact is not None and contact.opted_out):
                recipient.status = RecipientStatus.REFUSED
                _forget(recipient)
                await session.commit()
                logger.info("campaign sms %s refused: opted out", recipient_id)
                return
            if not recipient.phone:
                raise CampaignJobError("a queued recipient without its number")
            body = personalise(campaign.message, recipient.first_name or "")
            await self.pacer.wait()
            try:
                sent = await self.sender.send(to=recipient.phone, body=body,
                                              status_callback=self.settings.public_url + STATUS_CALLBACK_PATH)
            except SmsRejected as error:
                recipient.status, recipient.error_code = RecipientStatus.FAILED, error.code
                if error.code == OPTED_OUT_ERROR:
                    await opt_out(session, recipient.phone_hash, now=utcnow())
                _forget(recipient)
                await session.commit()
                logger.warning("campaign sms %s refused by Twilio: error %s", recipient_id, error.code)
                return
            recipient.twilio_sid = sent.sid
            recipient.status = twilio_status(sent.status) or RecipientStatus.ACCEPTED
            recipient.sent_at = utcnow()
            _forget(recipient)
            await session.commit()
            logger.info("campaign %s: sms %s handed to Twilio", campaign.id, recipient_id)


_default: list[CampaignSender] = []


def handler_for(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> CampaignSender:
    """The worker's campaign sender (one per process, closed by :func:`aclose_default`)."""
    if not _default:
        _default.append(CampaignSender(settings=settings, sessionmaker=sessionmaker))
    return _default[0]


async def aclose_default() -> None:
    """Close the worker's campaign sender, if it was built."""
    while _default:
        await _default.pop().aclose()
