"""Tables of the conversations: one row each, and its transcript. Ids are random, never derived from a person."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, utcnow


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
