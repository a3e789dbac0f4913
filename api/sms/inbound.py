"""The SMS channel: incoming messages stored once, bot turns and sends as outbox jobs, delivery statuses.

The webhook only stores and acknowledges (:func:`record_inbound`); the worker does the slow part (api.sms.jobs):

- ``sms_turn`` relays the resident's message to Rasa (channel "sms"), stores the bot's answers in the transcript and
  enqueues one ``sms_send`` job per SMS. Messages of one conversation are relayed in the order they arrived.
- ``sms_send`` hands one SMS to Twilio, once: the ``sms_outbound`` row keeps the Twilio sid, and a job that runs again
  after a success finds it and sends nothing. A number that opted out is refused here, before Twilio.

The phone number is in the payload of these jobs only, and erased from it as soon as the job's work is committed;
conversations, transcripts and SMS rows know only its keyed hash. Logs never show a number.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations.models import Author, Conversation, Message
from api.core.config import Settings
from api.db import utcnow
from api.indicators import events as indicator_events
from api.outbox import JobKind, enqueue
from api.sms.ids import phone_hash
from api.sms.models import SmsContact, SmsInbound, SmsInboundKind, SmsOutbound, SmsPurpose, SmsStatus
from api.sms.twilio_client import OPTED_OUT_ERROR
from api.territories import load_territories
from api.territories.resolve import known_territory, territory_of_number
from channels.sms.keywords import Keyword, keyword
from channels.sms.segments import count_segments
from channels.sms.texts import FORGET_CONFIRMATION, OPT_IN_WELCOME, OPT_OUT_CONFIRMATION

logger = logging.getLogger(__name__)

CHANNEL = "sms"
START_PAYLOAD = "/start"

# Twilio's statuses in the order they happen; a late callback never moves a message back.
_STATUS_RANK = {
    SmsStatus.PENDING: 0, SmsStatus.ACCEPTED: 1, SmsStatus.QUEUED: 2, SmsStatus.SENDING: 3, SmsStatus.SENT: 4,
    SmsStatus.DELIVERED: 5, SmsStatus.UNDELIVERED: 5, SmsStatus.FAILED: 5, SmsStatus.REFUSED: 5,
}


class InboundReactions(Protocol):
    """What other features do about an incoming SMS. The router wires them in, so that the SMS channel imports
    neither campaigns nor privacy, which both send through it (no import cycle)."""

    async def text_relayed(self, session: AsyncSession, conversation: Conversation, *, first_turn: bool,
                           now: datetime) -> None:
        """A text is relayed to the bot: link it to the campaign SMS it answers."""

    async def forget_number(self, session: AsyncSession, settings: Settings, *, number: str, territory: str,
                            job_key: str) -> None:
        """EFFACER: erase every record of this number (conversations, callbacks, campaign rows, trackers)."""


def short(identifier: str) -> str:
    """Enough of a conversation id to follow it in the logs."""
    return identifier[:8]


# --- the webhook side: store once, acknowledge ---------------------------------------------------------------


@dataclass(frozen=True)
class Inbound:
    """An incoming SMS as the webhook read it; ``number`` is E.164."""

    message_sid: str
    number: str
    body: str
    to: str = ""
    """The number it was sent to (Twilio's ``To``): it tells the territory of a new conversation."""
    throttled: bool = False
    """The number wrote more than SMS_INBOUND_PER_MINUTE: stored, keywords honoured, but no bot turn."""


class InboundOutcome(StrEnum):
    """What the webhook did with an incoming SMS."""

    RELAYED = "relayed"  # a turn job was enqueued
    DUPLICATE = "duplicate"  # this MessageSid was already stored: nothing done
    OPTED_OUT = "opted_out"  # STOP: opted out, confirmation enqueued (once)
    OPTED_IN = "opted_in"  # START after STOP: welcome back enqueued
    FORGOTTEN = "forgotten"  # EFFACER: the person's records erased, confirmation enqueued (unless opted out)
    SILENCED = "silenced"  # stored, but the number is opted out: no answer, ever
    IGNORED = "ignored"  # empty message: stored, nothing to answer
    THROTTLED = "throttled"  # the number writes too fast: stored, no turn (STOP and START still honoured)


def send_key(message_sid: str, index: int) -> str:
    return f"{JobKind.SMS_SEND}:{message_sid}:{index}"


def enqueue_sms(session: AsyncSession, *, conversation: str, key: str, number: str, body: str,
                purpose: SmsPurpose) -> None:
    """One outgoing SMS: its ``sms_outbound`` row and its ``sms_send`` job, in the caller's transaction."""
    count = count_segments(body)
    if not count.fits:
        logger.warning("sms for conversation %s is %s %s segments long", short(conversation), count.segments,
                       count.encoding)
    session.add(SmsOutbound(idempotency_key=key, conversation_id=conversation, purpose=purpose,
                            encoding=count.encoding, segments=count.segments))
    enqueue(session, kind=JobKind.SMS_SEND, idempotency_key=key, payload={"to": number, "body": body})


def territory_of(settings: Settings, to: str) -> str:
    """The territory of the number a message was sent to; else DEFAULT_TERRITORY if known; else none."""
    territories = load_territories(settings.territories_dir)
    territory = territory_of_number(territories, to) or known_territory(territories, settings.default_territory)
    return territory.code if territory is not None else ""


async def _forget(session: AsyncSession, settings: Settings, inbound: Inbound,
                  reactions: InboundReactions) -> InboundOutcome:
    """EFFACER: erase the person's records; keep the MessageSid (so a retry does nothing) and an opt-out."""
    cid = phone_hash(settings, inbound.number)
    await reactions.forget_number(session, settings, number=inbound.number,
                                  territory=territory_of(settings, inbound.to),
                                  job_key=f"{JobKind.TRACKER_FORGET}:{inbound.message_sid}")
    contact = await session.get(SmsContact, cid)
    opted_out = contact is not None and contact.opted_out
    if contact is not None and not opted_out:
        await session.delete(contact)
    await session.flush()
    # What is left: an empty conversation holding the MessageSid and the confirmation's delivery record (no
    # number, no text once sent), deleted by the retention purge like any conversation.
    session.add(Conversation(id=cid, token_hash="", channel=CHANNEL, territory=""))
    await session.flush()
    session.add(SmsInbound(message_sid=inbound.message_sid, conversation_id=cid, kind=SmsInboundKind.FORGET,
                           processed_at=utcnow()))
    if not opted_out:  # they asked for no SMS at all: the erasure is done without a word
        enqueue_sms(session, conversation=cid, key=send_key(inbound.message_sid, 0), number=inbound.number,
                    body=FORGET_CONFIRMATION, purpose=SmsPurpose.FORGET_CONFIRMATION)
    await session.commit()
    logger.info("sms conversation %s forgotten at the resident's request", short(cid))
    return InboundOutcome.FORGOTTEN


async def _record(session: AsyncSession, settings: Settings, inbound: Inbound,
                  reactions: InboundReactions) -> InboundOutcome:
    if keyword(inbound.body) is Keyword.FORGET:
        return await _forget(session, settings, inbound, reactions)
    cid = phone_hash(settings, inbound.number)
    now = utcnow()
    conversation = await session.get(Conversation, cid)
    if conversation is None:
        # No bearer token: an SMS conversation cannot be read through the web contract.
        conversation = Conversation(id=cid, token_hash="", channel=CHANNEL,
                                    territory=territory_of(settings, inbound.to))
        session.add(conversation)
    contact = await session.get(SmsContact, cid)
    if contact is None:
        contact = SmsContact(phone_hash=cid, choices=[])
        session.add(contact)
    await session.flush()

    text = inbound.body.strip()
    message = Message(conversation_id=cid, author=Author.RESIDENT, text=text)
    session.add(message)
    conversation.last_message_at = now
    await session.flush()
    row = SmsInbound(message_sid=inbound.message_sid, conversation_id=cid, message_id=message.id)
    session.add(row)
    await session.flush()  # the unique MessageSid: a retried webhook fails here, before anything is enqueued

    word = keyword(text)
    outcome: InboundOutcome
    if word is Keyword.OPT_OUT:
        row.kind = SmsInboundKind.OPT_OUT
        if contact.opted_out:
            outcome = InboundOutcome.SILENCED  # one confirmation, not one per STOP
        else:
            contact.opted_out, contact.opted_out_at, contact.choices = True, now, []
            session.add(Message(conversation_id=cid, author=Author.BOT, text=OPT_OUT_CONFIRMATION))
            enqueue_sms(session, conversation=cid, key=send_key(inbound.message_sid, 0), number=inbound.number,
                        body=OPT_OUT_CONFIRMATION, purpose=SmsPurpose.OPT_OUT_CONFIRMATION)
            outcome = InboundOutcome.OPTED_OUT
    elif word is Keyword.OPT_IN and contact.opted_out:
        row.kind = SmsInboundKind.OPT_IN
        contact.opted_out, contact.choices = False, []
        session.add(Message(conversation_id=cid, author=Author.BOT, text=OPT_IN_WELCOME))
        enqueue_sms(session, conversation=cid, key=send_key(inbound.message_sid, 0), number=inbound.number,
                    body=OPT_IN_WELCOME, purpose=SmsPurpose.OPT_IN_WELCOME)
        outcome = InboundOutcome.OPTED_IN
    elif contact.opted_out:
        outcome = InboundOutcome.SILENCED
    elif not text:
        row.kind = SmsInboundKind.IGNORED
        outcome = InboundOutcome.IGNORED
    elif inbound.throttled:
        row.kind = SmsInboundKind.IGNORED
        outcome = InboundOutcome.THROTTLED
    else:
        await _campaign_and_indicators(session, conversation, row, reactions, now=now)
        enqueue(session, kind=JobKind.SMS_TURN, idempotency_key=f"{JobKind.SMS_TURN}:{inbound.message_sid}",
                payload={"message_sid": inbound.message_sid, "to": inbound.number})
        outcome = InboundOutcome.RELAYED
    if outcome is not InboundOutcome.RELAYED:
        row.processed_at = now
    contact.updated_at = now
    await session.commit()
    return outcome


async def _campaign_and_indicators(session: AsyncSession, conversation: Conversation, row: SmsInbound,
                                   reactions: InboundReactions, *, now: datetime) -> None:
    """A text relayed to the bot: linked to the campaign SMS it answers; the first one starts the conversation."""
    first_turn = not await session.scalar(select(exists().where(
        SmsInbound.conversation_id == conversation.id, SmsInbound.kind == SmsInboundKind.TEXT,
        SmsInbound.id != row.id)))
    await reactions.text_relayed(session, conversation, first_turn=first_turn, now=now)
    if first_turn:
        indicator_events.conversation_started(session, conversation, now=now)


async def _already_stored(session: AsyncSession, message_sid: str) -> bool:
    return bool(await session.scalar(select(exists().where(SmsInbound.message_sid == message_sid))))


async def record_inbound(session: AsyncSession, settings: Settings, inbound: Inbound,
                         reactions: InboundReactions) -> InboundOutcome:
    """Store an incoming SMS exactly once and enqueue what it calls for, in one transaction.

    A second delivery of the same MessageSid (Twilio's retry) hits the unique constraint and changes nothing.
    Two first messages of a new number racing may collide on the new conversation: the loser tries once more.
    """
    for attempt in range(2):
        if await _already_stored(session, inbound.message_sid):
            return InboundOutcome.DUPLICATE
        try:
            return await _record(session, settings, inbound, reactions)
        except IntegrityError:
            await session.rollback()
            if attempt == 1 and not await _already_stored(session, inbound.message_sid):
                raise
    return InboundOutcome.DUPLICATE


async def record_status(session: AsyncSession, *, twilio_sid: str, status: str, error_code: int | None) -> bool:
    """Apply a delivery callback; False if the sid or the status is not one of ours. Never moves a status back."""
    try:
        new = SmsStatus(status)
    except ValueError:
        return False
    outbound = await session.scalar(select(SmsOutbound).where(SmsOutbound.twilio_sid == twilio_sid))
    if outbound is None:
        return False
    if _STATUS_RANK[new] >= _STATUS_RANK[SmsStatus(outbound.status)]:
        outbound.status = new
    if error_code is not None:
        outbound.error_code = error_code
        if error_code == OPTED_OUT_ERROR:
            await mark_opted_out(session, outbound.conversation_id)
    outbound.updated_at = utcnow()
    await session.commit()
    return True


async def mark_opted_out(session: AsyncSession, phone: str) -> None:
    """Twilio says the number unsubscribed (with Twilio itself): never send to it again until START."""
    contact = await session.get(SmsContact, phone)
    if contact is not None and not contact.opted_out:
        contact.opted_out, contact.opted_out_at, contact.choices = True, utcnow(), []
        logger.info("conversation %s opted out at Twilio", short(phone))
