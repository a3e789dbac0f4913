"""The worker's handler of ``callback`` jobs: load the callback, deliver it through its territory's case system.

Each try reads the callback afresh and builds the adapter from the territory file and the secret settings, so a
fixed configuration is picked up by the next retry. The database is never held open during the delivery itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.booking import booked_slot
from api.callbacks.models import Callback
from api.callbacks.phone import display_phone
from api.case_systems import CallbackTicket, CaseSystemError
from api.core.config import Settings
from api.db import utcnow
from api.indicators import events as indicator_events
from api.territories import Territory

logger = logging.getLogger(__name__)


class UnknownTerritoryError(CaseSystemError):
    """The callback's territory has no file (any more): retried, so restoring the file delivers it."""


def ticket_for(callback: Callback, territory: Territory) -> CallbackTicket:
    """What the case system receives, times in the territory's zone; without consent, nothing of the bilan."""
    slot = booked_slot(callback, territory.zone)
    return CallbackTicket(
        reference=callback.reference,
        territory=territory.code,
        territory_name=territory.name,
        phone=callback.phone,
        phone_display=display_phone(callback.phone),
        first_name=callback.first_name,
        slot_start=slot.start if slot else None,
        slot_end=slot.end if slot else None,
        slot_label=slot.label if slot else "",
        consent_share_bilan=callback.consent_share_bilan,
        bilan_summary=callback.bilan_summary if callback.consent_share_bilan else None,
        bilan_answers=callback.bilan_answers if callback.consent_share_bilan else None,
        created_at=callback.created_at,
    )


@dataclass
class StoredCheckpoint:
    """Delivery progress kept in the callback row, committed at each step."""

    sessionmaker: async_sessionmaker[AsyncSession]
    callback_id: str
    state: dict[str, Any] = field(default_factory=dict)

    async def save(self, **values: Any) -> None:
        self.state.update(values)
        async with self.sessionmaker() as session:
            callback = await session.get(Callback, self.callback_id)
            if callback is not None:
                callback.delivery_state = dict(self.state)
                await session.commit()


@dataclass
class CallbackDelivery:
    """The ``callback`` job handler: ``await delivery(payload, idempotency_key)``."""

    sessionmaker: async_sessionmaker[AsyncSession]
    territories: Mapping[str, Territory]
    settings: Settings
    secrets: Mapping[str, str]

    async def __call__(self, payload: dict[str, Any], idempotency_key: str) -> None:
        callback_id = str(payload["callback_id"])
        async with self.sessionmaker() as session:
            callback = await session.get(Callback, callback_id)
            if callback is None:
                # Erased before delivery (a resident's request, retention): there is nothing left to deliver.
                logger.info("callback job %s: the callback no longer exists", idempotency_key)
                return
            territory = self.territories.get(callback.territory)
            if territory is None:
                raise UnknownTerritoryError(f"no territory file for {callback.territory!r}")
            ticket = ticket_for(callback, territory)
            state = dict(callback.delivery_state)
        case_system = territory.callbacks.case_system.build(secrets=self.secrets, settings=self.settings)
        checkpoint = StoredCheckpoint(self.sessionmaker, callback_id, state)
        # Half the lease: a delivery that hangs fails (and is retried) before another worker may take the job.
        async with asyncio.timeout(self.settings.worker_lease_seconds / 2):
            result = await case_system.deliver(ticket, idempotency_key=idempotency_key, checkpoint=checkpoint)
        async with self.sessionmaker() as session:
            stored = await session.get(Callback, callback_id)
            if stored is not None:
                if stored.delivered_at is None:
                    await indicator_events.callback_delivered(session, stored, now=utcnow())
                stored.delivered_at = utcnow()
                stored.case_system_ref = result.case_system_ref
                await session.commit()
