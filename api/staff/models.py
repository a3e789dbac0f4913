"""Tables of the staff pages: accounts, the audit log, failed logins (by hash only)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, utcnow


class StaffRole(StrEnum):
    """An agent handles the callbacks of one territory; a territory admin also manages its settings and campaigns."""

    AGENT = "agent"
    ADMIN = "admin"


class StaffUser(Base):
    """A social worker or territory admin. ``session_version`` changes to end every open session at once."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=StaffRole.AGENT)
    territory: Mapped[str] = mapped_column(String(32))
    is_active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEvent(Base):
    """Who did what, when, on which record: every read and change of personal data, and every login.

    It names records by id, never by their content, so the log itself holds no personal data.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"), default=None)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[str] = mapped_column(String(64), default="")
    territory: Mapped[str] = mapped_column(String(32), default="")
    row_count: Mapped[int | None] = mapped_column(Integer, default=None)
    """How many rows an erasure deleted (the right to be forgotten leaves this trace, never whose rows)."""


class LoginFailure(Base):
    """A failed login, keyed by a hash of the account name: enough to rate-limit, nothing to read back."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key_hash", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
