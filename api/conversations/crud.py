"""Reads and writes of conversations; keyword-only, one transaction per call site."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations.models import Author, Conversation, Message
from api.db import utcnow
from channels.rasa_client import BotMessage


def hash_token(token: str) -> str:
    """Tokens are stored hashed: a database leak does not give access to conversations."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(conversation: Conversation, token: str) -> bool:
    """Constant-time comparison of a presented token with the stored hash."""
    return hmac.compare_digest(conversation.token_hash, hash_token(token))


def new_conversation(*, channel: str, territory: str) -> tuple[Conversation, str]:
    """A new, not yet stored conversation with a random id and token; the token is returned once, never stored.

    It is stored only once the bot has answered, so a failed start leaves nothing behind.
    """
    token = secrets.token_urlsafe(32)
    conversation = Conversation(
        id=secrets.token_hex(16), token_hash=hash_token(token), channel=channel, territory=territory
    )
    return conversation, token


async def get_conversation(session: AsyncSession, *, conversation_id: str) -> Conversation | None:
    """The conversation, or None."""
    return await session.get(Conversation, conversation_id)


async def add_resident_message(session: AsyncSession, *, conversation: Conversation, text: str) -> Message:
    """Record what the resident wrote before anything else can fail: nothing typed is lost."""
    message = Message(conversation_id=conversation.id, author=Author.RESIDENT, text=text)
    conversation.last_message_at = utcnow()
    session.add(message)
    await session.flush()
    return message


async def add_bot_messages(session: AsyncSession, *, conversation: Conversation,
                           replies: list[BotMessage]) -> None:
    """Record the bot's answers in order (and the conversation itself, if it is new)."""
    session.add(conversation)
    for reply in replies:
        session.add(Message(
            conversation_id=conversation.id,
            author=Author.BOT,
            text=reply.text,
            buttons=[{"title": button.title, "payload": button.payload} for button in reply.buttons],
        ))
    conversation.last_message_at = utcnow()
    await session.flush()


async def list_messages(session: AsyncSession, *, conversation: Conversation) -> list[Message]:
    """The transcript, oldest first."""
    result = await session.scalars(
        select(Message).where(Message.conversation_id == conversation.id).order_by(Message.id)
    )
    return list(result)


async def last_bot_buttons(session: AsyncSession, *, conversation: Conversation) -> list[dict[str, str]]:
    """Quick replies currently offered: the buttons of the bot messages after the resident's last message.

    Asked on every message, so only those last bot messages are read, not the whole transcript.
    """
    last_resident = (
        select(func.max(Message.id))
        .where(Message.conversation_id == conversation.id, Message.author == Author.RESIDENT)
        .scalar_subquery()
    )
    rows = await session.scalars(
        select(Message.buttons)
        .where(Message.conversation_id == conversation.id, Message.id > func.coalesce(last_resident, 0))
        .order_by(Message.id)
    )
    return [button for buttons in rows for button in buttons]
