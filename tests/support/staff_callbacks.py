"""Callbacks as the staff pages see them: booked at a given time and status, their jobs dead, the audit log read."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.models import Callback, CallbackStatus, job_key
from api.outbox import JobStatus, OutboxJob
from api.staff.models import AuditEvent
from tests.support.callback_app import NOW
from tests.support.callback_store import book
from tests.support.staff import add_staff, login

Sessions = async_sessionmaker[AsyncSession]
NO_BILAN: dict[str, Any] = {"consent_share_bilan": False, "bilan": None}


async def booked(sessions: Sessions, territory: str = "bastia", *, minutes_ago: int = 0,
                 status: CallbackStatus = CallbackStatus.NOUVEAU, **fields: Any) -> Callback:
    """A callback booked ``minutes_ago`` before NOW, in ``status`` (set directly: no history)."""
    callback = await book(sessions, territory, **fields)
    created = NOW - timedelta(minutes=minutes_ago)
    async with sessions() as session:
        await session.execute(update(Callback).where(Callback.id == callback.id)
                              .values(created_at=created, updated_at=created, status=status))
        await session.commit()
    callback.created_at, callback.status = created, status
    return callback


async def set_job(sessions: Sessions, callback: Callback, *, status: JobStatus, attempts: int = 8,
                  last_error: str = "", done_at: datetime | None = None) -> None:
    """Put the callback's delivery job in ``status`` (a dead letter, or delivered)."""
    async with sessions() as session:
        await session.execute(update(OutboxJob).where(OutboxJob.idempotency_key == job_key(callback.id))
                              .values(status=status, attempts=attempts, last_error=last_error, done_at=done_at))
        await session.commit()


async def audit_rows(sessions: Sessions) -> list[tuple[int | None, str, str, str, str]]:
    """(actor, action, territory, target type, target id) of every audit event, oldest first; logins left out."""
    async with sessions() as session:
        events = await session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(event.actor_id, event.action, event.territory, event.target_type, event.target_id)
                for event in events if not event.action.startswith("login")]


async def logged_in_agent(client: httpx.AsyncClient, database_url: str, email: str = "agent@bastia.fr") -> int:
    """Create an agent of Bastia and log them in on ``client``; their id."""
    user_id = await add_staff(database_url, email=email)
    assert (await login(client, email)).status_code == 303
    return user_id
