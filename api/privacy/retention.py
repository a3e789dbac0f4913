"""Retention: personal data is deleted once its purpose is served; anonymous indicators are not personal data and
are never purged here.

Defaults (settings, .env.example), all counted from the last activity:

- conversation content (messages, SMS records, SMS jobs): 30 days after the last message;
- callbacks (phone, first name, shared bilan, status history): 2 years after the last contact (CNIL référentiel
  for social action, délibération 2021-028: active data at most 2 years after the last contact);
- audit log: 1 year; failed logins: the 15 minutes the rate limit reads;
- finished outbox jobs: with the conversation content (30 days);
- SMS contacts: those that did not opt out go with the conversation content; an opt-out is kept as long as the
  service runs, because it protects the person (their number is never written to again). It is a keyed hash of
  the number, nothing else.

Rasa's tracker store holds the same conversations: the events of every purged conversation are deleted, and any
tracker whose newest event is past the conversation retention too (a conversation the api never stored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.callbacks.models import Callback
from api.conversations.models import Conversation
from api.outbox import JobStatus, OutboxJob
from api.privacy.erasure import Erased, erase_callbacks, erase_conversations
from api.privacy.tracker_store import async_tracker_url, delete_expired, delete_senders
from api.sms.models import SmsContact
from api.staff.accounts import FAILURE_WINDOW
from api.staff.models import AuditEvent, LoginFailure

__all__ = ["PurgeReport", "RetentionPolicy", "async_tracker_url", "purge", "purge_api_database",
           "purge_tracker_store"]

DEFAULT_CALLBACK_DAYS = 730


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of record is kept after its last activity."""

    conversation: timedelta
    audit: timedelta
    callback: timedelta = timedelta(days=DEFAULT_CALLBACK_DAYS)

    @classmethod
    def from_days(cls, *, conversation_days: int, audit_days: int,
                  callback_days: int = DEFAULT_CALLBACK_DAYS) -> RetentionPolicy:
        """A policy from the settings' day counts."""
        return cls(conversation=timedelta(days=conversation_days), audit=timedelta(days=audit_days),
                   callback=timedelta(days=callback_days))


@dataclass(frozen=True)
class PurgeReport:
    """How many records each purge deleted (counts only: the report is logged)."""

    conversations: int
    audit_events: int
    login_failures: int
    tracker_conversations: int
    callbacks: int = 0
    outbox_jobs: int = 0
    sms_contacts: int = 0


@dataclass(frozen=True)
class ApiPurge:
    """What the api database purge deleted, and which conversations (their tracker events go next)."""

    erased: Erased
    conversation_ids: list[str]
    audit_events: int
    login_failures: int
    outbox_jobs: int
    sms_contacts: int


async def purge_api_database(session: AsyncSession, *, now: datetime, policy: RetentionPolicy) -> ApiPurge:
    """Delete what is past its retention in the api database, in one transaction."""
    conversation_ids = list(await session.scalars(
        select(Conversation.id).where(Conversation.last_message_at < now - policy.conversation)))
    callback_ids = list(await session.scalars(select(Callback.id).where(Callback.updated_at < now - policy.callback)))
    erased = await erase_conversations(session, conversation_ids) + await erase_callbacks(session, callback_ids)
    jobs = await session.execute(delete(OutboxJob).where(
        OutboxJob.status.in_([JobStatus.DONE, JobStatus.DEAD]), OutboxJob.created_at < now - policy.conversation))
    contacts = await session.execute(delete(SmsContact).where(
        SmsContact.opted_out.is_(False), SmsContact.updated_at < now - policy.conversation))
    audit = await session.execute(delete(AuditEvent).where(AuditEvent.at < now - policy.audit))
    failures = await session.execute(delete(LoginFailure).where(LoginFailure.at < now - FAILURE_WINDOW))
    await session.commit()
    return ApiPurge(erased=erased, conversation_ids=conversation_ids, audit_events=getattr(audit, "rowcount", 0),
                    login_failures=getattr(failures, "rowcount", 0), outbox_jobs=getattr(jobs, "rowcount", 0),
                    sms_contacts=getattr(contacts, "rowcount", 0))


async def purge_tracker_store(url: str, *, now: datetime, policy: RetentionPolicy,
                              conversation_ids: list[str] | None = None) -> int:
    """Delete from Rasa's tracker store the purged conversations and every tracker past the retention.

    Returns how many expired trackers were deleted (the purged conversations' events are usually among them).
    """
    expired = await delete_expired(url, cutoff=now - policy.conversation)
    await delete_senders(url, conversation_ids or [])
    return expired


async def purge(session: AsyncSession, *, tracker_url: str, now: datetime, policy: RetentionPolicy) -> PurgeReport:
    """The whole scheduled purge: the api database, then Rasa's tracker store."""
    api = await purge_api_database(session, now=now, policy=policy)
    tracker = await purge_tracker_store(tracker_url, now=now, policy=policy, conversation_ids=api.conversation_ids)
    return PurgeReport(conversations=api.erased.conversations, audit_events=api.audit_events,
                       login_failures=api.login_failures, tracker_conversations=tracker,
                       callbacks=api.erased.callbacks, outbox_jobs=api.erased.outbox_jobs + api.outbox_jobs,
                       sms_contacts=api.sms_contacts)
