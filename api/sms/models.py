"""Tables of the SMS channel: contacts by keyed hash, inbound messages once each, outgoing messages without text."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, utcnow


class SmsContact(Base):
    """A phone number known to the SMS channel, by its keyed hash only: its opt-out and the choices it was offered.

    Not tied to the conversation row, so an opt-out outlives the deletion of the conversation.
    """

    __tablename__ = "sms_contact"

    phone_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None] = mapped_column(default=None)
    choices: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SmsInboundKind(StrEnum):
    """What an incoming SMS asked for."""

    TEXT = "text"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    FORGET = "forget"
    IGNORED = "ignored"


class SmsInbound(Base):
    """One incoming SMS, once: the unique MessageSid makes a retried webhook a no-op."""

    __tablename__ = "sms_inbound"
    __table_args__ = (Index("ix_sms_inbound_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id", ondelete="SET NULL"), default=None)
    kind: Mapped[str] = mapped_column(String(16), default=SmsInboundKind.TEXT)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(default=None)


class SmsPurpose(StrEnum):
    """Why an SMS is sent: only the opt-out confirmation may reach an opted-out number."""

    REPLY = "reply"
    OPT_OUT_CONFIRMATION = "opt_out"
    OPT_IN_WELCOME = "opt_in"
    FORGET_CONFIRMATION = "forget"
    SUMMARY = "summary"  # the bilan's summary, asked for in the web chat


class SmsStatus(StrEnum):
    """Life of an outgoing SMS: ours until Twilio accepts it, then Twilio's statuses from the delivery callback."""

    PENDING = "pending"
    REFUSED = "refused"  # opted out: never handed to Twilio
    ACCEPTED = "accepted"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"


class SmsOutbound(Base):
    """One outgoing SMS, one outbox job: the Twilio sid once sent, then its delivery status. No number, no text."""

    __tablename__ = "sms_outbound"
    __table_args__ = (Index("ix_sms_outbound_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(16), default=SmsPurpose.REPLY)
    status: Mapped[str] = mapped_column(String(16), default=SmsStatus.PENDING)
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    error_code: Mapped[int | None] = mapped_column(Integer, default=None)
    encoding: Mapped[str] = mapped_column(String(8), default="")
    segments: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
