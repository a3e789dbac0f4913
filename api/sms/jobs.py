"""The SMS channel's worker jobs: one bot turn (through Rasa), one send (through Twilio), in order per
conversation; the webhook side lives in api.sms.inbound."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.conversations import crud
from api.conversations.models import Author, Conversation, Message
from api.core.config import Settings
from api.db import create_engine, create_sessionmaker, utcnow
from api.job_errors import database_errors_named
from api.metrics import SMS_FAILED, SMS_SENT
from api.outbox import Handler, JobKind, JobStatus, OutboxJob
from api.sms.inbound import (
    CHANNEL,
    START_PAYLOAD,
    enqueue_sms,
    mark_opted_out,
    send_key,
    short,
)
from api.sms.models import SmsContact, SmsInbound, SmsOutbound, SmsPurpose, SmsStatus
from api.sms.twilio_client import OPTED_OUT_ERROR, STATUS_CALLBACK_PATH, SentSms, SmsRejected, TwilioSender
from api.territories import Territory, load_territories
from channels.rasa_client import BotMessage, RasaClient
from channels.sms.choices import choose
from channels.sms.keywords import Keyword, keyword
from channels.sms.render import render_turn

logger = logging.getLogger(__name__)


class SmsNotYet(Exception):
    """An earlier SMS of the same conversation is still to be sent: this one waits, so the order is kept."""


class SmsJobError(Exception):
    """A job that cannot be done as written (its row or its number is missing)."""


async def forget_number(session: AsyncSession, key: str) -> None:
    """Erase the phone number from a job's payload once its work is committed with the same transaction.

    The worker marks the job done afterwards without touching its payload; a job found without its number has
    nothing left to do.
    """
    job = await session.scalar(select(OutboxJob).where(OutboxJob.idempotency_key == key))
    if job is not None and "to" in job.payload:
        job.payload = {name: value for name, value in job.payload.items() if name != "to"}


def record_sent(outbound: SmsOutbound, sent: SentSms) -> None:
    """What Twilio answered, on the outgoing SMS's row: its sid (so it is never sent again), status, segments."""
    outbound.twilio_sid = sent.sid
    try:
        outbound.status = SmsStatus(sent.status)
    except ValueError:
        outbound.status = SmsStatus.ACCEPTED
    if sent.segments is not None:
        outbound.segments = sent.segments
    outbound.updated_at = utcnow()


class SmsJobs:
    """The handlers of ``sms_turn`` and ``sms_send`` with what they need: database, Rasa, Twilio, settings."""

    def __init__(self, *, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], rasa: RasaClient,
                 sender: TwilioSender, engine: AsyncEngine | None = None) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.rasa = rasa
        self.sender = sender
        self._engine = engine

    @classmethod
    def from_settings(cls, settings: Settings) -> SmsJobs:
        """Everything built from the settings (the worker's own engine, Rasa and Twilio clients)."""
        engine = create_engine(settings.database_url)
        return cls(settings=settings, sessionmaker=create_sessionmaker(engine), engine=engine,
                   rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds),
                   sender=TwilioSender.from_settings(settings))

    @property
    def handlers(self) -> Mapping[str, Handler]:
        """Job kind → handler, for the worker."""
        return {JobKind.SMS_TURN: self.handle_turn, JobKind.SMS_SEND: self.handle_send}

    @property
    def status_callback_url(self) -> str:
        """Where Twilio reports the delivery of what we send."""
        return self.settings.public_url + STATUS_CALLBACK_PATH

    async def aclose(self) -> None:
        """Close the clients and the engine."""
        await self.rasa.aclose()
        await self.sender.aclose()
        if self._engine is not None:
            await self._engine.dispose()

    # -- sms_turn

    async def handle_turn(self, payload: dict[str, Any], key: str) -> None:
        """Relay every not yet relayed message of the conversation up to this one, oldest first."""
        with database_errors_named(SmsJobError):
            await self._handle_turn(payload, key)

    async def _handle_turn(self, payload: dict[str, Any], key: str) -> None:
        async with self.sessionmaker() as session:
            row = await session.scalar(select(SmsInbound).where(SmsInbound.message_sid == payload["message_sid"]))
            if row is None:
                raise SmsJobError("no stored incoming SMS for this job")
            if row.processed_at is None:
                number = payload.get("to")
                if not number:
                    raise SmsJobError("a turn job lost its number before its turn was done")
                waiting = await session.scalars(
                    select(SmsInbound)
                    .where(SmsInbound.conversation_id == row.conversation_id, SmsInbound.processed_at.is_(None),
                           SmsInbound.id <= row.id)
                    .order_by(SmsInbound.id)
                )
                for earlier in list(waiting):
                    await self._turn(session, earlier, number)
            await forget_number(session, key)
            await session.commit()

    async def _turn(self, session: AsyncSession, row: SmsInbound, number: str) -> None:
        """One message to Rasa and its answers to the transcript and the outbox, committed together."""
        cid = row.conversation_id
        conversation = await session.get(Conversation, cid)
        contact = await session.get(SmsContact, cid)
        if conversation is None or contact is None:
            raise SmsJobError("the conversation of an incoming SMS is gone")
        if contact.opted_out:  # STOP arrived after this message: it gets no answer
            row.processed_at = utcnow()
            await session.commit()
            return
        message = await session.get(Message, row.message_id) if row.message_id is not None else None
        text = message.text if message is not None else ""
        answered_before = await session.scalar(select(exists().where(
            Message.conversation_id == cid, Message.author == Author.BOT)))
        if not answered_before or keyword(text) is Keyword.OPT_IN:
            # A first SMS (often "Bonjour" or "Oui" to an outreach message) opens the conversation as the web does.
            to_rasa = START_PAYLOAD
        else:
            chosen = choose(text, contact.choices)
            to_rasa = chosen.to_rasa
            if message is not None:
                message.text = chosen.to_transcript
        replies = await self.rasa.send(sender=cid, text=to_rasa,
                                       metadata={"channel": CHANNEL, "territory": conversation.territory})
        if not answered_before:
            replies = [*self._welcome(conversation.territory), *replies]
        turn = render_turn(replies)
        await crud.add_bot_messages(session, conversation=conversation, replies=replies)
        contact.choices = turn.choices
        contact.updated_at = utcnow()
        for index, body in enumerate(turn.bodies):
            enqueue_sms(session, conversation=cid, key=send_key(row.message_sid, index), number=number, body=body,
                        purpose=SmsPurpose.REPLY)
        row.processed_at = utcnow()
        await session.commit()
        logger.info("sms turn for conversation %s: %s sms enqueued", short(cid), len(turn.bodies))

    def _territory(self, code: str) -> Territory | None:
        return load_territories(self.settings.territories_dir).get(code) if code else None

    async def _territory_sender(self, session: AsyncSession, cid: str) -> str | None:
        """The sender of the conversation's territory, so the resident reads the number they wrote to."""
        territory = self._territory(await session.scalar(select(Conversation.territory).where(
            Conversation.id == cid)) or "")
        return territory.sms.sender if territory is not None else None

    def _welcome(self, territory: str) -> list[BotMessage]:
        """The territory's welcome text, first message of its SMS conversations (none without a territory)."""
        known = self._territory(territory)
        return [BotMessage(text=known.welcome_text)] if known is not None and known.welcome_text else []

    # -- sms_send

    async def handle_send(self, payload: dict[str, Any], key: str) -> None:
        """Hand one SMS to Twilio unless it was already, or the number opted out; keep the conversation's order."""
        with database_errors_named(SmsJobError):
            await self._handle_send(payload, key)

    async def _handle_send(self, payload: dict[str, Any], key: str) -> None:
        async with self.sessionmaker() as session:
            outbound = await session.scalar(select(SmsOutbound).where(SmsOutbound.idempotency_key == key))
            if outbound is None:
                raise SmsJobError("no sms_outbound row for this job")
            if outbound.status != SmsStatus.PENDING:
                await forget_number(session, key)
                await session.commit()
                return
            cid = outbound.conversation_id
            contact = await session.get(SmsContact, cid)
            if contact is not None and contact.opted_out and outbound.purpose != SmsPurpose.OPT_OUT_CONFIRMATION:
                outbound.status, outbound.updated_at = SmsStatus.REFUSED, utcnow()
                await forget_number(session, key)
                await session.commit()
                logger.info("sms for conversation %s refused: opted out", short(cid))
                return
            if await self._earlier_unsent(session, outbound):
                raise SmsNotYet("an earlier SMS of this conversation is not sent yet")
            number, body = payload.get("to"), payload.get("body")
            if not number or not body:
                raise SmsJobError("a send job without its number or text")
            try:
                sent = await self.sender.send(to=number, body=body, status_callback=self.status_callback_url,
                                              sender=await self._territory_sender(session, cid))
            except SmsRejected as error:
                outbound.status, outbound.error_code, outbound.updated_at = SmsStatus.FAILED, error.code, utcnow()
                if error.code == OPTED_OUT_ERROR:
                    await mark_opted_out(session, cid)
                await forget_number(session, key)
                await session.commit()
                SMS_FAILED.labels(str(error.code)).inc()
                logger.warning("sms for conversation %s refused by Twilio: error %s", short(cid), error.code)
                return
            record_sent(outbound, sent)
            await forget_number(session, key)
            await session.commit()
            SMS_SENT.inc()
            logger.info("sms for conversation %s handed to Twilio (%s segments)", short(cid), outbound.segments)

    @staticmethod
    async def _earlier_unsent(session: AsyncSession, outbound: SmsOutbound) -> bool:
        """Whether an older SMS of the conversation still waits for its (living) job."""
        earlier = select(SmsOutbound.id).join(
            OutboxJob, OutboxJob.idempotency_key == SmsOutbound.idempotency_key
        ).where(
            SmsOutbound.conversation_id == outbound.conversation_id, SmsOutbound.id < outbound.id,
            SmsOutbound.status == SmsStatus.PENDING, OutboxJob.status == JobStatus.PENDING,
        )
        return bool(await session.scalar(select(exists(earlier))))


# --- the worker's instance, built from the worker's settings and database (WorkerContext) ---------------------

_default: list[SmsJobs] = []


def jobs_for(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> SmsJobs:
    """The worker's SMS jobs (one per process, closed by :func:`aclose_default`), like the campaign sender."""
    if not _default:
        _default.append(SmsJobs(settings=settings, sessionmaker=sessionmaker,
                                rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds),
                                sender=TwilioSender.from_settings(settings)))
    return _default[0]


async def aclose_default() -> None:
    """Close the worker's SMS clients, if they were built."""
    while _default:
        await _default.pop().aclose()
