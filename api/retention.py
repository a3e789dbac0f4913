"""Retention: personal data is deleted once its purpose is served; anonymous indicators are not personal data.

Defaults (settings): conversation content 30 days after the last message, audit log 1 year (the CNIL référentiel
for social action allows up to 2 years of active data after the last contact; chat content needs far less).
Rasa's tracker store holds the same conversations, so it is purged with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from api.models import AuditEvent, Conversation, LoginFailure
from api.staff.accounts import FAILURE_WINDOW


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of record is kept."""

    conversation: timedelta
    audit: timedelta

    @classmethod
    def from_days(cls, *, conversation_days: int, audit_days: int) -> RetentionPolicy:
        """A policy from the settings' day counts."""
        return cls(conversation=timedelta(days=conversation_days), audit=timedelta(days=audit_days))


@dataclass(frozen=True)
class PurgeReport:
    """How many records each purge deleted (counts only: the report is logged)."""

    conversations: int
    audit_events: int
    login_failures: int
    tracker_conversations: int


async def purge_api_database(session: AsyncSession, *, now: datetime, policy: RetentionPolicy) -> tuple[int, int, int]:
    """Delete conversations (their messages cascade), audit events and stale login failures past their retention."""
    conversations = await session.execute(
        delete(Conversation).where(Conversation.last_message_at < now - policy.conversation)
    )
    audit = await session.execute(delete(AuditEvent).where(AuditEvent.at < now - policy.audit))
    failures = await session.execute(delete(LoginFailure).where(LoginFailure.at < now - FAILURE_WINDOW))
    await session.commit()
    return (getattr(conversations, "rowcount", 0), getattr(audit, "rowcount", 0), getattr(failures, "rowcount", 0))


def async_tracker_url(url: str) -> str:
    """Rasa's own URL (sqlite / postgresql) with the async driver the api runtime has."""
    if url.startswith("sqlite:"):
        return url.replace("sqlite:", "sqlite+aiosqlite:", 1)
    if url.startswith(("postgresql:", "postgresql+psycopg2:")):
        return "postgresql+psycopg:" + url.split(":", 1)[1]
    return url


# A conversation is purged whole once its newest event is past the cutoff: never half a tracker.
_PURGE_TRACKER = text(
    "DELETE FROM events WHERE sender_id IN ("
    " SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
)
_COUNT_EXPIRED = text(
    "SELECT COUNT(*) FROM (SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff) AS expired"
)


async def purge_tracker_store(url: str, *, now: datetime, policy: RetentionPolicy) -> int:
    """Delete from Rasa's tracker store every conversation whose last event is older than the retention.

    Returns how many conversations were deleted; a tracker store that does not exist yet has nothing to purge.
    """
    engine = create_async_engine(async_tracker_url(url))
    cutoff = (now - policy.conversation).timestamp()
    try:
        async with engine.begin() as connection:
            has_events = await connection.run_sync(lambda sync: sync.dialect.has_table(sync, "events"))
            if not has_events:
                return 0
            expired = int((await connection.execute(_COUNT_EXPIRED, {"cutoff": cutoff})).scalar_one())
            await connection.execute(_PURGE_TRACKER, {"cutoff": cutoff})
            return expired
    finally:
        await engine.dispose()


async def purge(session: AsyncSession, *, tracker_url: str, now: datetime, policy: RetentionPolicy) -> PurgeReport:
    """The whole scheduled purge: the api database, then Rasa's tracker store."""
    conversations, audit_events, login_failures = await purge_api_database(session, now=now, policy=policy)
    tracker = await purge_tracker_store(tracker_url, now=now, policy=policy)
    return PurgeReport(conversations=conversations, audit_events=audit_events, login_failures=login_failures,
                       tracker_conversations=tracker)
