"""Bodies of the public contract (docs/architecture.md): stable, documented in the OpenAPI spec."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

MAX_MESSAGE_LENGTH = 1000


class ButtonOut(BaseModel):
    """A quick reply shown to the resident."""

    title: str
    payload: str


class MessageOut(BaseModel):
    """A message of the bot (or, in the history, of the resident)."""

    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)


class HistoryMessage(MessageOut):
    """A message of the transcript with its author, for resuming after a reload."""

    author: Literal["resident", "bot"]
    created_at: datetime


class ConversationCreate(BaseModel):
    """Start of a conversation: where it comes from."""

    model_config = ConfigDict(extra="forbid")

    territory: str | None = Field(default=None, max_length=32, pattern=r"^[a-z0-9-]*$")
    channel: Literal["web"] = "web"


class ConversationCreated(BaseModel):
    """The new conversation, its bearer token (shown once) and the bot's first messages."""

    id: str
    token: str
    messages: list[MessageOut]


class MessageIn(BaseModel):
    """One message typed by the resident, or the payload of a quick reply."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_MESSAGE_LENGTH)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        stripped = value.strip()
        if not stripped:
            raise PydanticCustomError("message_empty", "the message is empty")
        return stripped


class Replies(BaseModel):
    """The bot's answers to one message."""

    messages: list[MessageOut]


class History(BaseModel):
    """The whole transcript, oldest first."""

    messages: list[HistoryMessage]
