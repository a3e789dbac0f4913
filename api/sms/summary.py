"""The bilan's summary sent by SMS to a resident of the web chat (contract 4): queued once, sent once.

The route (api/routes/sms_summary.py) writes an ``sms_outbound`` row and an ``sms_summary`` job in one transaction;
the worker hands the text to Twilio through the SMS channel's sender (api.sms.jobs), with our configured sender and
status callback. A number that opted out of our SMS (STOP) gets nothing. The row keeps the Twilio sid: a job run
again after a success sends nothing. The number lives in the job's payload only, erased once the job's work is
committed; logs carry the conversation's first characters, never the number or the text.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.core.config import Settings
from api.db import utcnow
from api.job_errors import database_errors_named
from api.outbox import JobKind, enqueue
from api.sms.ids import phone_hash
from api.sms.inbound import mark_opted_out, short
from api.sms.jobs import SmsJobError, forget_number, record_sent
from api.sms.models import SmsContact, SmsOutbound, SmsPurpose, SmsStatus
from api.sms.twilio_client import OPTED_OUT_ERROR, STATUS_CALLBACK_PATH, SmsRejected, TwilioSender
from channels.sms.segments import count_segments

logger = logging.getLogger(__name__)



class SummaryStatus(StrEnum):
    """What became of a summary request."""

    QUEUED = "queued"
    OPTED_OUT = "opted_out"


def summary_key(conversation: str, number: str, text: str) -> str:
    """One key per conversation, number and text: the same request made twice queues one SMS."""
    digest = hashlib.sha256(f"{number}\n{text}".encode()).hexdigest()[:16]
    return f"{JobKind.SMS_SUMMARY}:{conversation}:{digest}"


async def queue_summary(session: AsyncSession, settings: Settings, *, conversation: str, number: str,
                        text: str) -> SummaryStatus:
    """Queue the summary for ``number`` (E.164) unless it opted out; a repeated request changes nothing."""
    contact = await session.get(SmsContact, phone_hash(settings, number))
    if contact is not None and contact.opted_out:
        logger.info("summary sms for conversation %s not queued: opted out", short(conversation))
        return SummaryStatus.OPTED_OUT
    key = summary_key(conversation, number, text)
    if await session.scalar(select(SmsOutbound.id).where(SmsOutbound.idempotency_key == key)) is not None:
        return SummaryStatus.QUEUED
    count = count_segments(text)
    session.add(SmsOutbound(idempotency_key=key, conversation_id=conversation, purpose=SmsPurpose.SUMMARY,
                            encoding=count.encoding, segments=count.segments))
    enqueue(session, kind=JobKind.SMS_SUMMARY, idempotency_key=key, payload={"to": number, "body": text})
    await session.commit()
    logger.info("summary sms for conversation %s queued (%s segments)", short(conversation), count.segments)
    return SummaryStatus.QUEUED


@dataclass(frozen=True)
class SummarySender:
    """The worker's ``sms_summary`` handler: what it needs to send one summary."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    sender: TwilioSender

    async def __call__(self, payload: dict[str, Any], key: str) -> None:
        with database_errors_named(SmsJobError):
            await self._send(payload, key)

    async def _send(self, payload: dict[str, Any], key: str) -> None:
        async with self.sessionmaker() as session:
            outbound = await session.scalar(select(SmsOutbound).where(SmsOutbound.idempotency_key == key))
            if outbound is None:
                raise SmsJobError("no sms_outbound row for this summary")
            number, body = payload.get("to"), payload.get("body")
            if outbound.status != SmsStatus.PENDING or not number:
                await forget_number(session, key)  # sent (or refused) already: never twice
                await session.commit()
                return
            cid = phone_hash(self.settings, number)
            contact = await session.get(SmsContact, cid)
            if contact is not None and contact.opted_out:  # STOP came between the request and the send
                outbound.status, outbound.updated_at = SmsStatus.REFUSED, utcnow()
            else:
                await self._hand_to_twilio(session, outbound, number=number, body=str(body or ""), cid=cid)
            await forget_number(session, key)
            await session.commit()

    async def _hand_to_twilio(self, session: AsyncSession, outbound: SmsOutbound, *, number: str, body: str,
                              cid: str) -> None:
        """Send; a refusal is recorded (21610 also opts the number out), anything else is retried by the outbox."""
        try:
            sent = await self.sender.send(to=number, body=body,
                                          status_callback=self.settings.public_url + STATUS_CALLBACK_PATH)
        except SmsRejected as error:
            outbound.status, outbound.error_code, outbound.updated_at = SmsStatus.FAILED, error.code, utcnow()
            if error.code == OPTED_OUT_ERROR:
                await mark_opted_out(session, cid)
            logger.warning("summary sms for conversation %s refused by Twilio: error %s",
                           short(outbound.conversation_id), error.code)
            return
        record_sent(outbound, sent)
        logger.info("summary sms for conversation %s handed to Twilio", short(outbound.conversation_id))
