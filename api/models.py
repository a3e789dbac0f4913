"""Tables of the api. Personal data is kept to the minimum; ids are random, never derived from a person."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, Dialect, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Aware UTC now: every timestamp in the database is UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend: SQLite keeps no time zone, so UTC is stored and put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: use api.models.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every table (Alembic reads its metadata)."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class Author(StrEnum):
    """Who wrote a message of the transcript."""

    RESIDENT = "resident"
    BOT = "bot"


class Conversation(Base):
    """One conversation of a resident on a channel; the bearer token is stored only as a hash."""

    __tablename__ = "conversation"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    territory: Mapped[str] = mapped_column(String(32), default="")
    campaign_code: Mapped[str] = mapped_column(String(32), default="")  # SMS replies to an outreach campaign
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow)

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", cascade="all, delete-orphan"
    )


class Message(Base):
    """One message of the transcript, kept so that a reload resumes the conversation."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class JobStatus(StrEnum):
    """Life of an outbox job: pending until delivered, dead after too many failures (visible to staff)."""

    PENDING = "pending"
    DONE = "done"
    DEAD = "dead"


class OutboxJob(Base):
    """A job written in the same transaction as what it delivers, processed at least once by the worker."""

    __tablename__ = "outbox_job"
    __table_args__ = (Index("ix_outbox_job_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(default=None)


class StaffRole(StrEnum):
    """An agent handles the callbacks of one territory; a territory admin also manages its settings and campaigns."""

    AGENT = "agent"
    ADMIN = "admin"


class StaffUser(Base):
    """A social worker or territory admin. ``session_version`` changes to end every open session at once."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=StaffRole.AGENT)
    territory: Mapped[str] = mapped_column(String(32))
    is_active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEvent(Base):
    """Who did what, when, on which record: every read and change of personal data, and every login.

    It names records by id, never by their content, so the log itself holds no personal data.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), default=None)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[str] = mapped_column(String(64), default="")
    territory: Mapped[str] = mapped_column(String(32), default="")
    row_count: Mapped[int | None] = mapped_column(Integer, default=None)
    """How many rows an erasure deleted (the right to be forgotten leaves this trace, never whose rows)."""


class LoginFailure(Base):
    """A failed login, keyed by a hash of the account name: enough to rate-limit, nothing to read back."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key_hash", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class CallbackStatus(StrEnum):
    """Where the team is with a callback; the French labels are what staff and residents read."""

    NOUVEAU = "nouveau"
    EN_COURS = "en_cours"
    RAPPELE = "rappele"
    INJOIGNABLE = "injoignable"
    CLOS = "clos"

    @property
    def label(self) -> str:
        """« nouveau », « en cours », « rappelé », « injoignable », « clos »."""
        return {"en_cours": "en cours", "rappele": "rappelé"}.get(self.value, self.value)


class Callback(Base):
    """A resident's request to be called back by the territory's team.

    Personal data: the phone number (E.164), an optional first name and, only with consent, the bilan. The
    reference is random and is all the resident gets; ``request_key`` makes a retried booking return the same one.
    """

    __tablename__ = "callback"
    __table_args__ = (
        CheckConstraint(
            "consent_share_bilan OR (bilan_summary IS NULL AND bilan_answers IS NULL)", name="ck_callback_bilan_consent"
        ),
        Index("ix_callback_territory_status_created", "territory", "status", "created_at"),
        Index("ix_callback_updated_at", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    territory: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(60), default="")
    slot_start: Mapped[datetime | None] = mapped_column(default=None)
    slot_end: Mapped[datetime | None] = mapped_column(default=None)
    slot_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share_bilan: Mapped[bool] = mapped_column(Boolean)
    bilan_summary: Mapped[str | None] = mapped_column(Text, default=None)
    bilan_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    status: Mapped[str] = mapped_column(String(16), default=CallbackStatus.NOUVEAU)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    case_system_ref: Mapped[str] = mapped_column(String(128), default="")
    delivery_state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    status_changes: Mapped[list[CallbackStatusChange]] = relationship(
        back_populates="callback", order_by="CallbackStatusChange.id", cascade="all, delete-orphan"
    )


class CallbackStatusChange(Base):
    """One change of a callback's status, by the case system (signed webhook) or by a staff member (``actor_id``)."""

    __tablename__ = "callback_status_change"
    __table_args__ = (Index("ix_callback_status_change_callback_id", "callback_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    callback_id: Mapped[str] = mapped_column(ForeignKey("callback.id", ondelete="CASCADE"))
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), default=None)
    event_key: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    callback: Mapped[Callback] = relationship(back_populates="status_changes")


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
