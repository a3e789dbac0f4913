"""Recording indicator events when things happen: a conversation starts, a bilan ends, a callback moves.

Each event is anonymous: territory, channel, campaign, month, kind, and for rights the benefit and its monthly amount,
for handled callbacks the delay. The conversation or callback it came from is known only through link rows deleted
with them, so the events survive the retention purge and then point to no one. Every function adds to the caller's
transaction: an event exists if and only if what it counts was committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations.models import Conversation
from api.indicators.models import CallbackDimensions, ConversationBilanEvent, EventKind, IndicatorEvent
from rules.results import BenefitResult, Status

ZONE = ZoneInfo("Europe/Paris")
"""Months are those of the territories' calendar."""
BILAN_KINDS = (EventKind.BILAN_COMPLETED, EventKind.RIGHT_DETECTED, EventKind.UNCERTAIN_RESULT)


class BookedCallback(Protocol):
    """What indicators read of a callback. Callbacks report their events here; indicators import nothing of them."""

    @property
    def id(self) -> str: ...

    @property
    def territory(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...


def month_of(moment: datetime) -> str:
    """"2026-11": the month of ``moment`` in French time, the only date an event keeps."""
    return moment.astimezone(ZONE).strftime("%Y-%m")


def _event(kind: EventKind, *, now: datetime, territory: str, channel: str, campaign: str, benefit: str = "",
           amount: float | None = None, delay_hours: float | None = None) -> IndicatorEvent:
    return IndicatorEvent(month=month_of(now), territory=territory, channel=channel, campaign=campaign, kind=kind,
                          benefit=benefit, amount=amount, delay_hours=delay_hours)


def conversation_started(session: AsyncSession, conversation: Conversation, *, now: datetime) -> None:
    """A new conversation (web: created; SMS: its first text relayed to the bot)."""
    session.add(_event(EventKind.CONVERSATION_STARTED, now=now, territory=conversation.territory,
                       channel=conversation.channel, campaign=conversation.campaign_code))


def bilan_events(conversation: Conversation, results: Sequence[BenefitResult], *,
                 now: datetime) -> list[IndicatorEvent]:
    """The events of one bilan: completed, one per right detected (with its monthly amount), one per uncertain."""
    def make(kind: EventKind, benefit: str = "", amount: float | None = None) -> IndicatorEvent:
        return _event(kind, now=now, territory=conversation.territory, channel=conversation.channel,
                      campaign=conversation.campaign_code, benefit=benefit, amount=amount)

    events = [make(EventKind.BILAN_COMPLETED)]
    for result in results:
        if result.status is Status.ELIGIBLE:
            events.append(make(EventKind.RIGHT_DETECTED, result.benefit, result.monthly_amount))
        elif result.status is Status.UNCERTAIN:
            events.append(make(EventKind.UNCERTAIN_RESULT, result.benefit))
    return events


async def bilan_completed(session: AsyncSession, *, conversation_id: str, results: Sequence[BenefitResult],
                          now: datetime) -> bool:
    """Record a conversation's bilan; a new bilan of the same conversation replaces its previous one (one
    person, counted once, with their latest answers). False if the conversation is unknown (nothing recorded)."""
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        return False
    previous = select(ConversationBilanEvent.event_id).where(ConversationBilanEvent.conversation_id == conversation_id)
    old_ids = list(await session.scalars(previous))
    if old_ids:
        await session.execute(delete(ConversationBilanEvent).where(
            ConversationBilanEvent.conversation_id == conversation_id))
        await session.execute(delete(IndicatorEvent).where(IndicatorEvent.id.in_(old_ids)))
    events = bilan_events(conversation, results, now=now)
    session.add_all(events)
    await session.flush()
    session.add_all(ConversationBilanEvent(conversation_id=conversation_id, event_id=event.id) for event in events)
    return True


async def callback_booked(session: AsyncSession, callback: BookedCallback, *, conversation_id: str | None,
                          now: datetime) -> None:
    """A callback booked from a conversation (X-Conversation-Id): its channel and campaign are kept with it."""
    conversation = await session.get(Conversation, conversation_id) if conversation_id else None
    channel = conversation.channel if conversation else ""
    campaign = conversation.campaign_code if conversation else ""
    session.add(CallbackDimensions(callback_id=callback.id, channel=channel, campaign=campaign))
    session.add(_event(EventKind.CALLBACK_BOOKED, now=now, territory=callback.territory, channel=channel,
                       campaign=campaign))


async def _dimensions(session: AsyncSession, callback: BookedCallback) -> tuple[str, str]:
    dims = await session.get(CallbackDimensions, callback.id)
    return (dims.channel, dims.campaign) if dims else ("", "")


async def callback_delivered(session: AsyncSession, callback: BookedCallback, *, now: datetime) -> None:
    """The callback reached the territory's case system (recorded once: the caller checks it was not before)."""
    channel, campaign = await _dimensions(session, callback)
    session.add(_event(EventKind.CALLBACK_DELIVERED, now=now, territory=callback.territory, channel=channel,
                       campaign=campaign))


async def callback_outcome(session: AsyncSession, callback: BookedCallback, *, handled: bool,
                           now: datetime) -> None:
    """The first « rappelé » (handled, with the delay since the booking) or the first « injoignable »
    (unreachable) of a callback; the caller checks it is the first, later moves count nothing more."""
    kind = EventKind.CALLBACK_HANDLED if handled else EventKind.CALLBACK_UNREACHABLE
    channel, campaign = await _dimensions(session, callback)
    delay = round((now - callback.created_at).total_seconds() / 3600, 2) if handled else None
    session.add(_event(kind, now=now, territory=callback.territory, channel=channel, campaign=campaign,
                       delay_hours=delay))
