"""Tables of the callbacks: the request (personal data kept to the minimum) and its status changes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, utcnow


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
    """sha256 of the territory and the Idempotency-Key (booking.scoped_key): one key per territory."""
    request_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    """sha256 of the booking's body: the same key with another body is refused, never answered with this one."""
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


def job_key(callback_id: str) -> str:
    """The idempotency key of a callback's delivery job: one per callback, the same on every retry."""
    return f"callback-{callback_id}"
