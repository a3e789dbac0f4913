"""Tables of the outreach campaigns. A recipient's number and first name live here only until its SMS is sent."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, utcnow


class CampaignStatus(StrEnum):
    """Draft until the admin confirms; sending once confirmed; erased when its retention ended."""

    DRAFT = "draft"
    SENDING = "sending"
    ERASED = "erased"


class Campaign(Base):
    """One outreach campaign of a territory: a code (carried by the conversations it starts) and one text."""

    __tablename__ = "campaign"
    __table_args__ = (UniqueConstraint("territory", "code", name="uq_campaign_territory_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    territory: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(120), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=CampaignStatus.DRAFT)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)
    erased_at: Mapped[datetime | None] = mapped_column(default=None)
    import_report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The last upload's report: counts and (line, column, reason) issues; never a number or a name."""
    final_counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The progress counts frozen when the recipients were erased."""


class RecipientStatus(StrEnum):
    """Life of one campaign SMS: ours until Twilio takes it, then Twilio's delivery statuses."""

    IMPORTED = "imported"  # in a draft: nothing sent until the admin confirms
    QUEUED = "queued"  # confirmed: its job waits for its turn (the sending rate)
    REFUSED = "refused"  # opted out meanwhile: never handed to Twilio
    ACCEPTED = "accepted"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"


class CampaignRecipient(Base):
    """One recipient of a campaign. ``phone_hash`` is the SMS conversation id of the number (keyed HMAC): it
    deduplicates and links a reply to its campaign. ``phone`` and ``first_name`` are erased once the SMS is handed
    to Twilio (or refused); the whole row goes when the campaign's retention ends."""

    __tablename__ = "campaign_recipient"
    __table_args__ = (
        UniqueConstraint("campaign_id", "phone_hash", name="uq_campaign_recipient_campaign_phone"),
        Index("ix_campaign_recipient_phone_hash", "phone_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    phone_hash: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    first_name: Mapped[str | None] = mapped_column(String(60), default=None)
    consent_origin: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default=RecipientStatus.IMPORTED)
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    error_code: Mapped[int | None] = mapped_column(Integer, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    replied_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
