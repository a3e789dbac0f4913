"""The right to be forgotten: a person's conversations, messages, SMS records, callbacks (with their jobs) and Rasa
tracker events are erased, by SMS keyword or by a territory admin. The audit log keeps that it happened: who,
when, how many rows; never the phone number.

A person is found by their phone number: their SMS conversation is the keyed hash of it (api.sms.inbound) and
their callbacks hold it. Web conversations carry no phone number, so they cannot be found this way; they are
deleted by the retention purge 30 days after their last message.

The tracker store is another database: its events are deleted by an outbox job (``tracker_forget``), retried
until done, so that an erasure never waits on Rasa's database and is never half done.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.callbacks.models import Callback
from api.campaigns.models import Campaign, CampaignRecipient
from api.campaigns.service import forget_recipients
from api.conversations.models import Conversation
from api.core.config import Settings
from api.outbox import JobKind, enqueue
from api.privacy.erasure import Erased, erase_callbacks, erase_conversations
from api.privacy.tracker_store import delete_senders
from api.sms.ids import phone_hash
from api.staff import audit


@dataclass(frozen=True)
class Person:
    """Where a person's records are: ids only (the phone number is not kept here)."""

    conversation_ids: list[str] = field(default_factory=list)
    callback_ids: list[str] = field(default_factory=list)
    callback_references: list[str] = field(default_factory=list)
    campaign_recipient_ids: list[int] = field(default_factory=list)
    """Outreach rows of the number, even when the person never replied (so never had a conversation)."""

    @property
    def found(self) -> bool:
        """Whether there is anything to erase."""
        return bool(self.conversation_ids or self.callback_ids or self.campaign_recipient_ids)


async def find_person(session: AsyncSession, settings: Settings, *, phone: str, territory: str | None) -> Person:
    """The records of the person with this number (E.164); only those of ``territory`` unless it is None."""
    hashed = phone_hash(settings, phone)  # also the campaign rows' phone_hash
    conversations = select(Conversation.id).where(Conversation.id == hashed)
    callbacks = select(Callback.id, Callback.reference).where(Callback.phone == phone)
    recipients = (select(CampaignRecipient.id).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                  .where(CampaignRecipient.phone_hash == hashed))
    if territory is not None:
        conversations = conversations.where(Conversation.territory == territory)
        callbacks = callbacks.where(Callback.territory == territory)
        recipients = recipients.where(Campaign.territory == territory)
    found_callbacks = (await session.execute(callbacks.order_by(Callback.created_at))).all()
    return Person(conversation_ids=list(await session.scalars(conversations)),
                  callback_ids=[row.id for row in found_callbacks],
                  callback_references=[row.reference for row in found_callbacks],
                  campaign_recipient_ids=list(await session.scalars(recipients)))


async def phone_of_reference(session: AsyncSession, *, reference: str, territory: str) -> str | None:
    """The phone number of a callback of ``territory`` by its reference, to find the rest of the person's records."""
    phone: str | None = await session.scalar(
        select(Callback.phone).where(Callback.territory == territory, Callback.reference == reference.strip().upper()))
    return phone


def enqueue_tracker_forget(session: AsyncSession, *, sender_ids: Collection[str], key: str) -> None:
    """Delete these conversations' events from Rasa's tracker store, through the outbox (retried until done)."""
    if sender_ids:
        enqueue(session, kind=JobKind.TRACKER_FORGET, idempotency_key=key, payload={"sender_ids": sorted(sender_ids)})


async def forget(session: AsyncSession, person: Person, *, actor_id: int | None, territory: str, how: str,
                 job_key: str) -> Erased:
    """Erase the person's records and write the audit event, in the caller's transaction (the caller commits)."""
    erased = await erase_conversations(session, person.conversation_ids)
    await forget_recipients(session, person.campaign_recipient_ids)
    erased = erased + await erase_callbacks(session, person.callback_ids)
    enqueue_tracker_forget(session, sender_ids=person.conversation_ids, key=job_key)
    audit.record(session, actor_id=actor_id, action=f"forget_{how}", territory=territory, target_type="person",
                 row_count=erased.total)
    return erased


class TrackerForget:
    """Handler of ``tracker_forget`` jobs: deletes the events of the given sender ids from the tracker store."""

    def __init__(self, tracker_url: str) -> None:
        self.tracker_url = tracker_url

    async def __call__(self, payload: dict[str, Any], _key: str) -> None:
        await delete_senders(self.tracker_url, [str(sender) for sender in payload.get("sender_ids", [])])
