"""Callbacks and their jobs in a test database: book one, read them back, make a retry due now."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks import booking
from api.callbacks.models import Callback, job_key
from api.callbacks.schemas import CallbackCreate
from api.db import utcnow
from api.outbox import JobStatus, OutboxJob


async def book(sessions: async_sessionmaker[AsyncSession], territory: str = "ville", **fields: Any) -> Callback:
    """A callback booked as the internal endpoint does (with its job), without a slot."""
    body = CallbackCreate.model_validate(
        {"territory": territory, "phone": "06 12 34 56 78", "first_name": "Marie", "consent_share_bilan": True,
         "bilan": {"summary": "Personne seule, 34 ans, sans revenu.", "answers": {"age": 34}}, **fields})
    async with sessions() as session:
        callback, _ = await booking.book_callback(session, body=body, slot=None, slot_chosen=False,
                                                    request_key=None, now=utcnow())
        return callback


async def job_of(sessions: async_sessionmaker[AsyncSession], callback: Callback) -> OutboxJob:
    async with sessions() as session:
        return (await session.scalars(
            select(OutboxJob).where(OutboxJob.idempotency_key == job_key(callback.id)))).one()


async def reload(sessions: async_sessionmaker[AsyncSession], callback: Callback) -> Callback:
    async with sessions() as session:
        found = await session.get(Callback, callback.id)
        assert found is not None
        return found


async def make_due(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Skip the backoff wait: every pending job is due now."""
    async with sessions() as session:
        await session.execute(update(OutboxJob).where(OutboxJob.status == JobStatus.PENDING)
                              .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        await session.commit()
