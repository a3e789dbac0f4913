"""What the staff pages read and change about callbacks, always within one territory.

Every query takes the territory of the logged-in user, so another territory's callback is simply not found. A
callback's delivery job is found by its idempotency key (api.callbacks.models.job_key), the link the outbox keeps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.callbacks.models import Callback, CallbackStatus, CallbackStatusChange, job_key
from api.outbox import JobKind, JobStatus, OutboxJob
from api.staff import audit
from api.staff.models import StaffUser

PAGE_SIZE = 20
RETRIED = "callback_delivery_retried"
VIEWED = "callback_viewed"
JOB_KEY_PREFIX = job_key("")


class Delivery(StrEnum):
    """Where the delivery of a callback to the territory's case system is."""

    DELIVERED = "delivered"
    PENDING = "pending"
    DEAD = "dead"

    @property
    def label(self) -> str:
        """What staff read: « transmise », « en attente », « échec d'envoi »."""
        return {"delivered": "transmise", "pending": "en attente", "dead": "échec d'envoi"}[self.value]


def _job_of_callback() -> ColumnElement[bool]:
    return (OutboxJob.kind == JobKind.CALLBACK) & (OutboxJob.idempotency_key == literal(JOB_KEY_PREFIX) + Callback.id)


@dataclass(frozen=True)
class CallbackRow:
    """A callback and its delivery job (None only if the job was purged)."""

    callback: Callback
    job: OutboxJob | None

    @property
    def delivery(self) -> Delivery:
        if self.job is not None and self.job.status == JobStatus.DEAD:
            return Delivery.DEAD
        if self.callback.delivered_at is not None or (self.job is not None and self.job.status == JobStatus.DONE):
            return Delivery.DELIVERED
        return Delivery.PENDING


@dataclass(frozen=True)
class CallbackPage:
    """One page of a territory's callbacks, newest first."""

    rows: list[CallbackRow]
    total: int
    page: int
    page_count: int


def _with_jobs(territory: str) -> Select[Callback, OutboxJob]:
    return (select(Callback, OutboxJob).outerjoin(OutboxJob, _job_of_callback())
            .where(Callback.territory == territory))


async def list_callbacks(session: AsyncSession, *, territory: str, status: CallbackStatus | None, page: int,
                         page_size: int = PAGE_SIZE) -> CallbackPage:
    """A page of the territory's callbacks (of one status, or all); a page past the end gives the last one."""
    condition = Callback.territory == territory
    if status is not None:
        condition = condition & (Callback.status == status)
    total = await session.scalar(select(func.count()).select_from(Callback).where(condition)) or 0
    page_count = max(math.ceil(total / page_size), 1)
    page = min(max(page, 1), page_count)
    query = _with_jobs(territory).order_by(Callback.created_at.desc(), Callback.id.desc())
    if status is not None:
        query = query.where(Callback.status == status)
    result = await session.execute(query.limit(page_size).offset((page - 1) * page_size))
    rows = [CallbackRow(callback, job) for callback, job in result.tuples()]
    return CallbackPage(rows=rows, total=total, page=page, page_count=page_count)


async def count_by_status(session: AsyncSession, *, territory: str) -> dict[CallbackStatus, int]:
    """How many callbacks of the territory are in each status (every status named, zero included)."""
    result = await session.execute(select(Callback.status, func.count()).where(Callback.territory == territory)
                                   .group_by(Callback.status))
    counts = dict.fromkeys(CallbackStatus, 0)
    for status, count in result.tuples():
        counts[CallbackStatus(status)] = count
    return counts


async def find_callback(session: AsyncSession, *, territory: str, reference: str) -> CallbackRow | None:
    """A callback of the territory by its reference, with its job; another territory's is not found."""
    result = await session.execute(_with_jobs(territory).where(Callback.reference == reference.strip().upper()))
    found = result.tuples().first()
    return CallbackRow(*found) if found is not None else None


@dataclass(frozen=True)
class HistoryEntry:
    """One status change and the name of the staff member who made it (None: the case system, or a deleted account)."""

    change: CallbackStatusChange
    actor_name: str | None


async def status_history(session: AsyncSession, *, callback: Callback) -> list[HistoryEntry]:
    """The callback's status changes, oldest first, with who made them."""
    result = await session.execute(
        select(CallbackStatusChange, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == CallbackStatusChange.actor_id)
        .where(CallbackStatusChange.callback_id == callback.id)
        .order_by(CallbackStatusChange.id)
    )
    return [HistoryEntry(change, name) for change, name in result.tuples()]


async def dead_letters(session: AsyncSession, *, territory: str) -> list[CallbackRow]:
    """The territory's callbacks whose delivery gave up after its last try, newest first."""
    result = await session.execute(
        select(Callback, OutboxJob).join(OutboxJob, _job_of_callback())
        .where(Callback.territory == territory, OutboxJob.status == JobStatus.DEAD)
        .order_by(Callback.created_at.desc(), Callback.id.desc())
    )
    return [CallbackRow(callback, job) for callback, job in result.tuples()]


def record_view(session: AsyncSession, *, actor_id: int, callback: Callback) -> None:
    """Audit a read of the callback's personal data (the caller commits with the page's transaction)."""
    audit.record(session, actor_id=actor_id, action=VIEWED, territory=callback.territory, target_type="callback",
                 target_id=callback.id)


async def retry_delivery(session: AsyncSession, *, row: CallbackRow, actor_id: int, now: datetime) -> bool:
    """Put a dead delivery back in the outbox, due now with its tries counted from zero, and audit it.

    The idempotency key is the job's own, so a case system that did receive an earlier try is not given a
    duplicate. Anything but a dead letter is left alone (False): a second click changes nothing.
    """
    if row.job is None:
        return False
    # A conditional update, like the outbox's claim: of two clicks racing, one puts the job back, once.
    result = await session.execute(
        update(OutboxJob).where(OutboxJob.id == row.job.id, OutboxJob.status == JobStatus.DEAD)
        .values(status=JobStatus.PENDING, attempts=0, next_attempt_at=now, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        await session.rollback()
        return False
    audit.record(session, actor_id=actor_id, action=RETRIED, territory=row.callback.territory,
                 target_type="callback", target_id=row.callback.id)
    await session.commit()
    return True
