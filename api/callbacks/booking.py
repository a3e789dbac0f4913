"""Callbacks: booked with their delivery job in one transaction; their status changed by the case system or staff."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.callbacks.models import Callback, CallbackStatus, CallbackStatusChange, job_key
from api.callbacks.schemas import CallbackCreate
from api.callbacks.transitions import StatusSource, check_staff_change
from api.indicators import events as indicator_events
from api.outbox import JobKind, enqueue
from api.staff import audit
from api.territories.slots import Slot

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a reference is read aloud over the phone."""
REFERENCE_LENGTH = 8
STATUS_CHANGED = "callback_status_changed"
"""The audit action of every status change, whoever made it (no actor: the case system)."""


def new_reference() -> str:
    """A random reference such as « K7MQ-2XPT » (31^8 ≈ 8.5e11 values), never derived from the person."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{code[:4]}-{code[4:]}"


def booked_slot(callback: Callback, zone: ZoneInfo) -> Slot | None:
    """The slot the callback was booked for, in the territory's time zone (none: as soon as possible)."""
    if callback.slot_start is None or callback.slot_end is None:
        return None
    return Slot(callback.slot_start.astimezone(zone), callback.slot_end.astimezone(zone))


async def _unused_reference(session: AsyncSession) -> str:
    while True:
        reference = new_reference()
        if await session.scalar(select(Callback.id).where(Callback.reference == reference)) is None:
            return reference


def scoped_key(territory: str, idempotency_key: str) -> str:
    """The stored form of a booking's Idempotency-Key: scoped to its territory (issue 13), 64 hex characters."""
    return hashlib.sha256(f"{territory}\n{idempotency_key}".encode()).hexdigest()


def body_hash(body: CallbackCreate) -> str:
    """A fingerprint of what was asked, so a key reused for another booking can be told from a retry."""
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


async def find_by_request_key(session: AsyncSession, *, request_key: str) -> Callback | None:
    """The callback booked by an earlier request with this key (the actions retry after a timeout)."""
    result: Callback | None = await session.scalar(select(Callback).where(Callback.request_key == request_key))
    return result


async def find_by_reference(session: AsyncSession, *, territory: str, reference: str) -> Callback | None:
    """A callback of ``territory`` by its public reference; another territory's is not found."""
    result: Callback | None = await session.scalar(
        select(Callback).where(Callback.territory == territory, Callback.reference == reference.upper())
    )
    return result


async def book_callback(
    session: AsyncSession, *, body: CallbackCreate, slot: Slot | None, slot_chosen: bool,
    request_key: str | None, now: datetime, conversation_id: str | None = None, request_hash: str | None = None,
) -> tuple[Callback, bool]:
    """Store the callback and its delivery job in one transaction; (callback, created).

    A request key already used returns the callback it booked, created False, and books nothing more (the
    route looks the key up first; the unique constraint settles two requests racing with one key).
    """
    callback = Callback(
        id=secrets.token_hex(16),
        reference=await _unused_reference(session),
        request_key=request_key,
        request_hash=request_hash,
        territory=body.territory,
        phone=body.phone,
        first_name=body.first_name or "",
        slot_start=slot.start if slot else None,
        slot_end=slot.end if slot else None,
        slot_chosen=slot_chosen,
        consent_share_bilan=body.consent_share_bilan,
        bilan_summary=body.bilan.summary if body.consent_share_bilan and body.bilan else None,
        bilan_answers=dict(body.bilan.answers) if body.consent_share_bilan and body.bilan else None,
        status=CallbackStatus.NOUVEAU,
        created_at=now,
        updated_at=now,
    )
    session.add(callback)
    enqueue(session, kind=JobKind.CALLBACK, idempotency_key=job_key(callback.id), payload={"callback_id": callback.id})
    await indicator_events.callback_booked(session, callback, conversation_id=conversation_id, now=now)
    try:
        await session.commit()
    except IntegrityError:
        # The key was used already (two requests racing): the other one won, and its callback is the answer.
        await session.rollback()
        if request_key is None or (earlier := await find_by_request_key(session, request_key=request_key)) is None:
            raise
        return earlier, False
    return callback, True


OUTCOMES = (CallbackStatus.RAPPELE, CallbackStatus.INJOIGNABLE)
"""The statuses the indicators count, each once per callback (its first time)."""


async def _reached_before(session: AsyncSession, callback: Callback, status: CallbackStatus) -> bool:
    return callback.status == status or bool(await session.scalar(select(exists().where(
        CallbackStatusChange.callback_id == callback.id, CallbackStatusChange.new_status == status))))


async def change_status(
    session: AsyncSession, *, callback: Callback, status: CallbackStatus, note: str, source: StatusSource,
    now: datetime, event_key: str | None = None, actor_id: int | None = None, seen_status: str | None = None,
) -> bool:
    """The one way a callback's status changes (contract 7), from the case system's webhook or the staff space.

    The change, its note, who made it and its audit event are written in one transaction, so the history and the
    audit log never disagree (indicators of status changes belong here too). A staff change is checked first
    (raises TransitionError, nothing written), against ``seen_status``, the status its form showed, too; the case
    system's report is recorded as sent. An event key seen before changes nothing (a replayed webhook): False.
    """
    if source == StatusSource.STAFF:
        # Read again under a row lock (PostgreSQL): two colleagues submitting at once are checked one after the other.
        await session.refresh(callback, with_for_update=True)
        note = check_staff_change(CallbackStatus(callback.status), status, note, seen_status)
    if event_key is not None and await session.scalar(
        select(CallbackStatusChange.id).where(CallbackStatusChange.event_key == event_key)
    ) is not None:
        return False
    if status in OUTCOMES and not await _reached_before(session, callback, status):
        await indicator_events.callback_outcome(session, callback, handled=status == CallbackStatus.RAPPELE, now=now)
    session.add(CallbackStatusChange(
        callback_id=callback.id, old_status=callback.status, new_status=status, note=note, source=source,
        actor_id=actor_id, event_key=event_key, created_at=now,
    ))
    audit.record(session, actor_id=actor_id, action=STATUS_CHANGED, territory=callback.territory,
                 target_type="callback", target_id=callback.id)
    callback.status = status
    callback.updated_at = now
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return False
    return True
