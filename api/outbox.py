"""The transactional outbox: jobs written with what they deliver, claimed with a lease, retried with backoff.

At-least-once: a job is marked done only after its handler returned; a worker that dies mid-delivery leaves a
lease that expires, and another run takes the job again with the same idempotency key.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, utcnow


class JobKind(StrEnum):
    """Every kind of job the worker knows (``api/worker.py`` maps each to its handler). Stored in ``OutboxJob.kind``;
    a job's idempotency key starts with its kind, so a key says what it delivers."""

    CALLBACK = "callback"  # api/callbacks/delivery.py: hand a booked callback to the territory's case system
    SMS_TURN = "sms_turn"  # api/sms/jobs.py: one incoming SMS through Rasa
    SMS_SEND = "sms_send"  # api/sms/jobs.py: one outgoing SMS through Twilio
    SMS_SUMMARY = "sms_summary"  # api/sms/summary.py: the bilan's summary, asked for in the web chat
    CAMPAIGN_SMS = "campaign_sms"  # api/campaigns/sending.py: one outreach SMS, paced
    TRACKER_FORGET = "tracker_forget"  # api/privacy/forget.py: delete a person's conversations in Rasa's tracker


class JobStatus(StrEnum):
    """Life of an outbox job: pending until delivered, dead after too many failures (visible to staff)."""

    PENDING = "pending"
    DONE = "done"
    DEAD = "dead"


class OutboxJob(Base):
    """A job written in the same transaction as what it delivers, processed at least once by the worker."""

    __tablename__ = "outbox_job"
    __table_args__ = (Index("ix_outbox_job_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(default=None)


Handler = Callable[[dict[str, Any], str], Awaitable[None]]

BACKOFF_BASE_SECONDS = 10.0
BACKOFF_CAP_SECONDS = 6 * 3600.0
LEASE_SECONDS = 300.0


def backoff_delay(attempts: int, *, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter after ``attempts`` failed tries: 10 s, 20 s, 40 s… capped at 6 h.

    The jitter (50 to 100 % of the step) spreads retries so a case system coming back is not hit all at once.
    """
    step = min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)
    return timedelta(seconds=step * (0.5 + 0.5 * (rng or random).random()))


def enqueue(session: AsyncSession, *, kind: str, idempotency_key: str, payload: dict[str, Any]) -> OutboxJob:
    """Add a job to the caller's transaction: it exists if and only if what it delivers was committed."""
    job = OutboxJob(kind=kind, idempotency_key=idempotency_key, payload=payload)
    session.add(job)
    return job


async def claim_due(session: AsyncSession, *, now: datetime, limit: int = 10,
                    lease_seconds: float = LEASE_SECONDS) -> list[OutboxJob]:
    """Take up to ``limit`` due jobs under a lease; a job leased by another worker is never taken twice."""
    candidates = await session.scalars(
        select(OutboxJob.id)
        .where(OutboxJob.status == JobStatus.PENDING, OutboxJob.next_attempt_at <= now,
               or_(OutboxJob.locked_until.is_(None), OutboxJob.locked_until < now))
        .order_by(OutboxJob.next_attempt_at, OutboxJob.id)
        .limit(limit)
    )
    claimed: list[OutboxJob] = []
    for job_id in list(candidates):
        # The conditional update is the lock: of two workers racing for one row, exactly one changes it.
        result = await session.execute(
            update(OutboxJob)
            .where(OutboxJob.id == job_id, OutboxJob.status == JobStatus.PENDING,
                   or_(OutboxJob.locked_until.is_(None), OutboxJob.locked_until < now))
            .values(locked_until=now + timedelta(seconds=lease_seconds), attempts=OutboxJob.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        await session.commit()
        if getattr(result, "rowcount", 0) == 1:
            job = await session.get(OutboxJob, job_id, populate_existing=True)
            if job is not None:
                claimed.append(job)
    return claimed


def lanes(jobs: list[OutboxJob]) -> list[list[OutboxJob]]:
    """Claimed jobs in lanes that may run side by side: the jobs of one phone number (an SMS turn, then its reply)
    or of one callback stay in one lane, in the order they were claimed (due first); any other job is a lane."""
    by_key: dict[str, list[OutboxJob]] = {}
    for job in jobs:
        payload = job.payload or {}
        key = f"to:{payload['to']}" if payload.get("to") else (
            f"callback:{payload['callback_id']}" if payload.get("callback_id") is not None else f"job:{job.id}")
        by_key.setdefault(key, []).append(job)
    return list(by_key.values())


async def run_job(session: AsyncSession, job: OutboxJob, handlers: Mapping[str, Handler], *,
                  max_attempts: int, now: Callable[[], datetime] = utcnow) -> JobStatus:
    """Deliver one claimed job and record the outcome: done, retried later, or dead after ``max_attempts``."""
    handler = handlers.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        await handler(dict(job.payload), job.idempotency_key)
    except Exception as error:  # noqa: BLE001 - any failure of a delivery is retried, never lost
        job.last_error = f"{type(error).__name__}: {error}"[:1000]
        job.locked_until = None
        if job.attempts >= max_attempts:
            job.status = JobStatus.DEAD
        else:
            job.next_attempt_at = now() + backoff_delay(job.attempts)
    else:
        job.status = JobStatus.DONE
        job.done_at = now()
        job.locked_until = None
        job.last_error = ""
    await session.commit()
    return JobStatus(job.status)
