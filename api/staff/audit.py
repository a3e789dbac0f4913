"""The audit log: who read or changed what, when. Records are named by id, never by content."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.staff.models import AuditEvent


def record(session: AsyncSession, *, actor_id: int | None, action: str, territory: str = "",
           target_type: str = "", target_id: str = "", row_count: int | None = None) -> AuditEvent:
    """Add an audit event to the caller's transaction, so it is kept if and only if the action is."""
    event = AuditEvent(actor_id=actor_id, action=action, territory=territory, target_type=target_type,
                       target_id=target_id, row_count=row_count)
    session.add(event)
    return event
