"""Tables of the indicators: anonymous events (no conversation, no phone, no date finer than the month).

Links to a conversation or a callback live in separate rows that are deleted with it (ON DELETE CASCADE): once the
retention purge has run, nothing ties an event to anyone.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class EventKind(StrEnum):
    """What happened; each event stands for one person (one conversation or one callback)."""

    CONVERSATION_STARTED = "conversation_started"
    BILAN_COMPLETED = "bilan_completed"
    RIGHT_DETECTED = "right_detected"
    UNCERTAIN_RESULT = "uncertain_result"
    CALLBACK_BOOKED = "callback_booked"
    CALLBACK_DELIVERED = "callback_delivered"
    CALLBACK_HANDLED = "callback_handled"
    CALLBACK_UNREACHABLE = "callback_unreachable"


class IndicatorEvent(Base):
    """One anonymous event: where (territory), how (channel, campaign), when (month), what (kind, benefit)."""

    __tablename__ = "indicator_event"
    __table_args__ = (Index("ix_indicator_event_territory_month", "territory", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7))
    territory: Mapped[str] = mapped_column(String(32), default="")
    channel: Mapped[str] = mapped_column(String(16), default="")
    campaign: Mapped[str] = mapped_column(String(32), default="")
    kind: Mapped[str] = mapped_column(String(32))
    benefit: Mapped[str] = mapped_column(String(64), default="")
    amount: Mapped[float | None] = mapped_column(Float, default=None)
    delay_hours: Mapped[float | None] = mapped_column(Float, default=None)


class ConversationBilanEvent(Base):
    """The events of a conversation's latest bilan, so a new bilan replaces them; deleted with the conversation."""

    __tablename__ = "indicator_conversation_link"

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("indicator_event.id", ondelete="CASCADE"), primary_key=True)


class CallbackDimensions(Base):
    """The channel and campaign of the conversation that booked a callback, for its later events; deleted with it."""

    __tablename__ = "indicator_callback_dimensions"

    callback_id: Mapped[str] = mapped_column(ForeignKey("callback.id", ondelete="CASCADE"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default="")
    campaign: Mapped[str] = mapped_column(String(32), default="")
    # No relationship: the flush orders inserts by the foreign key (callback first), and indicators import nothing
    # of callbacks (callbacks report to indicators, not the other way round).
