"""Staff accounts: creation, authentication with a rate limit on failures, logout everywhere."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.staff.models import LoginFailure, StaffRole, StaffUser
from api.staff.passwords import hash_password, verify_password

FAILURE_WINDOW = timedelta(minutes=15)


class LoginError(Enum):
    """Why a login was refused (the page says the same thing for unknown e-mail and wrong password)."""

    BAD_CREDENTIALS = "bad_credentials"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class LoginResult:
    """The user on success, else the reason."""

    user: StaffUser | None
    error: LoginError | None


def normalise_email(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def failure_key(email: str) -> str:
    """Failures are counted per account name, stored only as a hash."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def pair_key(email: str, address: str) -> str:
    """Failures of one account from one address, stored only as a hash (distinct from the account's own key)."""
    return hashlib.sha256(f"pair:{normalise_email(email)}|{address}".encode()).hexdigest()


WHOLE_ACCOUNT_FACTOR = 10
"""An account is locked for everyone only after this many times the per-address limit (a guess spread over many
addresses): one address that fails locks the account for itself only, so nobody can lock a colleague out by typing
five wrong passwords (issue 13)."""


async def create_user(session: AsyncSession, *, email: str, display_name: str, password: str,
                      role: StaffRole, territory: str) -> StaffUser:
    """A new active staff account (the caller commits)."""
    user = StaffUser(email=normalise_email(email), display_name=display_name.strip(),
                     password_hash=hash_password(password), role=role, territory=territory)
    session.add(user)
    await session.flush()
    return user


async def get_user(session: AsyncSession, *, user_id: int) -> StaffUser | None:
    """An active account by id."""
    user = await session.get(StaffUser, user_id)
    return user if user is not None and user.is_active else None


async def _failures(session: AsyncSession, key: str) -> int:
    return int(await session.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.key_hash == key))
               or 0)


async def authenticate(session: AsyncSession, *, email: str, password: str, now: datetime,
                       max_failures: int, address: str = "") -> LoginResult:
    """Check the password unless, in the last 15 minutes, this account failed ``max_failures`` times from this
    address, or ``WHOLE_ACCOUNT_FACTOR`` times more from anywhere."""
    key, pair = failure_key(email), pair_key(email, address)
    await session.execute(delete(LoginFailure).where(LoginFailure.at < now - FAILURE_WINDOW))
    if await _failures(session, pair) >= max_failures \
            or await _failures(session, key) >= max_failures * WHOLE_ACCOUNT_FACTOR:
        return LoginResult(user=None, error=LoginError.RATE_LIMITED)
    user = await session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))
    valid = verify_password(user.password_hash if user is not None else None, password)
    if user is None or not valid or not user.is_active:
        session.add_all([LoginFailure(key_hash=key, at=now), LoginFailure(key_hash=pair, at=now)])
        return LoginResult(user=None, error=LoginError.BAD_CREDENTIALS)
    await session.execute(delete(LoginFailure).where(LoginFailure.key_hash.in_((key, pair))))
    user.last_login_at = now
    return LoginResult(user=user, error=None)


def end_all_sessions(user: StaffUser) -> None:
    """Every cookie issued so far stops working (logout, password change, suspected theft)."""
    user.session_version += 1
