"""Deleting a person's records in the api database, the same way for the scheduled purge and for the right to be
forgotten: conversations with their messages, SMS records and the outbox jobs that still carry their number or
text; callbacks with their status changes and their delivery jobs.

Counts are returned (never contents): the purge logs them, an erasure writes their total to the audit log.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from api.callbacks.models import Callback, CallbackStatusChange, job_key
from api.conversations.models import Conversation, Message
from api.outbox import JobKind, OutboxJob
from api.sms.models import SmsInbound, SmsOutbound

CHUNK = 500


@dataclass(frozen=True)
class Erased:
    """Rows deleted, by table."""

    conversations: int = 0
    messages: int = 0
    sms_inbound: int = 0
    sms_outbound: int = 0
    outbox_jobs: int = 0
    callbacks: int = 0
    callback_status_changes: int = 0

    def __add__(self, other: Erased) -> Erased:
        return Erased(**{name.name: getattr(self, name.name) + getattr(other, name.name) for name in fields(self)})

    @property
    def total(self) -> int:
        """Every row deleted."""
        return sum(getattr(self, name.name) for name in fields(self))


def _chunks(ids: Collection[str]) -> list[list[str]]:
    ordered = sorted(set(ids))
    return [ordered[start:start + CHUNK] for start in range(0, len(ordered), CHUNK)]


async def _count(session: AsyncSession, model: type[object], condition: ColumnElement[bool]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(condition)) or 0)


async def _sms_job_keys(session: AsyncSession, conversation_ids: list[str]) -> list[str]:
    """Outbox keys of the SMS jobs of these conversations (turns by MessageSid, sends by their own key)."""
    sids = await session.scalars(select(SmsInbound.message_sid).where(SmsInbound.conversation_id.in_(conversation_ids)))
    sends = await session.scalars(
        select(SmsOutbound.idempotency_key).where(SmsOutbound.conversation_id.in_(conversation_ids)))
    return [f"{JobKind.SMS_TURN}:{sid}" for sid in sids] + list(sends)


async def erase_conversations(session: AsyncSession, conversation_ids: Collection[str]) -> Erased:
    """Delete conversations, their transcript and SMS rows (foreign-key cascades) and their SMS jobs.

    In the caller's transaction: the caller commits.
    """
    erased = Erased()
    for chunk in _chunks(conversation_ids):
        keys = await _sms_job_keys(session, chunk)
        counted = Erased(
            messages=await _count(session, Message, Message.conversation_id.in_(chunk)),
            sms_inbound=await _count(session, SmsInbound, SmsInbound.conversation_id.in_(chunk)),
            sms_outbound=await _count(session, SmsOutbound, SmsOutbound.conversation_id.in_(chunk)),
        )
        jobs = await session.execute(delete(OutboxJob).where(OutboxJob.idempotency_key.in_(keys))) if keys else None
        result = await session.execute(delete(Conversation).where(Conversation.id.in_(chunk)))
        erased = erased + counted + Erased(conversations=getattr(result, "rowcount", 0),
                                           outbox_jobs=getattr(jobs, "rowcount", 0) if jobs else 0)
    return erased


async def erase_callbacks(session: AsyncSession, callback_ids: Collection[str]) -> Erased:
    """Delete callbacks, their status changes (cascade) and their delivery jobs. The caller commits."""
    erased = Erased()
    for chunk in _chunks(callback_ids):
        changes = await _count(session, CallbackStatusChange, CallbackStatusChange.callback_id.in_(chunk))
        jobs = await session.execute(delete(OutboxJob).where(OutboxJob.idempotency_key.in_(
            [job_key(callback_id) for callback_id in chunk])))
        result = await session.execute(delete(Callback).where(Callback.id.in_(chunk)))
        erased = erased + Erased(callbacks=getattr(result, "rowcount", 0), callback_status_changes=changes,
                                 outbox_jobs=getattr(jobs, "rowcount", 0))
    return erased
