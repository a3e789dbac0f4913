"""Failed logins per address slow that address down, whatever accounts it tries (issue 13).

The lockout per account stops one account's password from being guessed, but not one common password tried across
many accounts, and it lets anyone lock a known colleague out. Failures of one address are counted too (only a hash of
the address is stored, in the same table as the account failures) and delay its next attempts, doubling from a
half-second up to a few seconds: a person who mistyped a few times barely notices, a script slows to a crawl, and no
account is locked by it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.staff.accounts import FAILURE_WINDOW
from api.staff.models import LoginFailure

FREE_FAILURES = 5
"""Failures of one address within the window before any delay (colleagues behind one office address mistype too)."""
FIRST_DELAY_SECONDS = 0.5
MAX_DELAY_SECONDS = 8.0


def address_key(address: str) -> str:
    """The stored form of a client address: a hash, distinct from every account's (prefixed before hashing)."""
    return hashlib.sha256(f"address:{address}".encode()).hexdigest()


def delay_after(failures: int) -> float:
    """Seconds to wait before checking a password, given the address's recent failures (pure)."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS))


async def address_delay(session: AsyncSession, *, address: str, now: datetime) -> float:
    """The delay owed by ``address`` now, from its failures of the last 15 minutes."""
    failures = await session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.key_hash == address_key(address), LoginFailure.at >= now - FAILURE_WINDOW))
    return delay_after(failures or 0)


def record_address_failure(session: AsyncSession, *, address: str, now: datetime) -> None:
    """Count one failed login of ``address`` (the caller commits)."""
    session.add(LoginFailure(key_hash=address_key(address), at=now))
