"""The transactional outbox: jobs written with what they deliver, claimed with a lease, retried with backoff.

At-least-once: a job is marked done only after its handler returned; a worker that dies mid-delivery leaves a
lease that expires, and another run takes the job again with the same idempotency key.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import JobStatus, OutboxJob, utcnow

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
