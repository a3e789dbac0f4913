"""The public conversation contract used by the web widget: start, send a message, read the history."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, status

from api.conversations import crud
from api.conversations.models import Conversation
from api.conversations.schemas import (
    ButtonOut,
    ConversationCreate,
    ConversationCreated,
    History,
    HistoryMessage,
    MessageIn,
    MessageOut,
    Replies,
)
from api.db import utcnow
from api.deps import LIMITED, ConversationDep, RasaDep, SessionDep, SettingsDep, TerritoriesDep, rate_limited
from api.indicators import events as indicator_events
from api.territories.resolve import known_territory
from channels.quick_replies import interpret
from channels.rasa_client import BotMessage, RasaClient, RasaError

router = APIRouter(prefix="/api/v1/conversations", tags=["conversations"])
logger = logging.getLogger(__name__)

START_PAYLOAD = "/start"
START_UNAVAILABLE = "L'assistant ne peut pas répondre pour le moment. Réessayez dans quelques minutes."
REPLY_UNAVAILABLE = (
    "L'assistant ne peut pas répondre pour le moment. Votre message est bien enregistré : "
    "réessayez dans quelques minutes."
)


def _out(replies: list[BotMessage]) -> list[MessageOut]:
    return [
        MessageOut(text=reply.text, buttons=[ButtonOut(title=b.title, payload=b.payload) for b in reply.buttons])
        for reply in replies
    ]


async def _ask_rasa(rasa: RasaClient, conversation: Conversation, text: str, *, unavailable: str) -> list[BotMessage]:
    """Relay to Rasa; an unreachable bot becomes a 503 with a French message the widget can show."""
    try:
        return await rasa.send(
            sender=conversation.id,
            text=text,
            metadata={"channel": conversation.channel, "territory": conversation.territory},
        )
    except RasaError as error:
        logger.warning("rasa relay failed for a conversation: %s", error)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, unavailable) from error


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ConversationCreated,
             dependencies=[rate_limited("conversations")], responses=LIMITED)
async def create_conversation(
    body: ConversationCreate, session: SessionDep, rasa: RasaDep, settings: SettingsDep, territories: TerritoriesDep
) -> ConversationCreated:
    """Start a conversation; the bot's welcome comes back with the token (kept by the client, shown once).

    The territory is the widget's ``data-territory`` (else ``DEFAULT_TERRITORY``) when it is a known one; its
    welcome text is the conversation's first message. An unknown code gives a national conversation.
    """
    territory = known_territory(territories, body.territory) or known_territory(territories, settings.default_territory)
    conversation, token = crud.new_conversation(channel=body.channel, territory=territory.code if territory else "")
    replies = await _ask_rasa(rasa, conversation, START_PAYLOAD, unavailable=START_UNAVAILABLE)
    if territory is not None and territory.welcome_text:
        replies = [BotMessage(text=territory.welcome_text), *replies]
    await crud.add_bot_messages(session, conversation=conversation, replies=replies)
    indicator_events.conversation_started(session, conversation, now=utcnow())
    await session.commit()
    return ConversationCreated(id=conversation.id, token=token, messages=_out(replies))


@router.post("/{conversation_id}/messages", response_model=Replies, dependencies=[rate_limited("messages")],
             responses=LIMITED)
async def post_message(
    body: MessageIn, conversation: ConversationDep, session: SessionDep, rasa: RasaDep
) -> Replies:
    """Send the resident's message (or a quick reply's payload) and return the bot's answers."""
    offered = await crud.last_bot_buttons(session, conversation=conversation)
    message = interpret(body.text, offered)
    await crud.add_resident_message(session, conversation=conversation, text=message.to_transcript)
    await session.commit()
    replies = await _ask_rasa(rasa, conversation, message.to_rasa, unavailable=REPLY_UNAVAILABLE)
    await crud.add_bot_messages(session, conversation=conversation, replies=replies)
    await session.commit()
    return Replies(messages=_out(replies))


@router.get("/{conversation_id}/messages", response_model=History)
async def read_history(conversation: ConversationDep, session: SessionDep) -> History:
    """The transcript, so a reload resumes the conversation where it was."""
    messages = await crud.list_messages(session, conversation=conversation)
    return History(messages=[
        HistoryMessage(
            author="resident" if message.author == "resident" else "bot",
            text=message.text,
            buttons=[ButtonOut(**button) for button in message.buttons],
            created_at=message.created_at,
        )
        for message in messages
    ])
