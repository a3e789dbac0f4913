"""Staff accounts and logins for tests of the staff space."""

from __future__ import annotations

import re

import httpx

from api.db import create_engine, create_sessionmaker
from api.staff.accounts import create_user
from api.staff.models import StaffRole

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def add_staff(database_url: str, *, email: str, role: StaffRole = StaffRole.AGENT,
                    territory: str = "bastia", password: str = PASSWORD) -> int:
    """Create an account directly in the database; returns its id."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            user = await create_user(session, email=email, display_name=email.split("@")[0], password=password,
                                     role=role, territory=territory)
            await session.commit()
            return user.id
    finally:
        await engine.dispose()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = _CSRF.search(html)
    assert match, "no csrf_token in the page"
    return match.group(1)


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Fill and send the login form as a browser would (the form's CSRF cookie and token included)."""
    form = await client.get("/staff/login")
    return await client.post("/staff/login", data={"email": email, "password": password,
                                                   "csrf_token": csrf_token(form.text)})
