"""Login, sessions, CSRF, rate limit and audit of the staff space, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import select

from api.core.config import Settings
from api.db import create_engine, create_sessionmaker, utcnow
from api.staff.accounts import WHOLE_ACCOUNT_FACTOR, LoginError, LoginResult, authenticate
from api.staff.login_slowdown import FIRST_DELAY_SECONDS, FREE_FAILURES, delay_after
from api.staff.models import AuditEvent, StaffRole
from api.staff.passwords import hash_password, verify_password
from tests.support.staff import PASSWORD, add_staff, csrf_token, login


async def audit_actions(database_url: str) -> list[tuple[int | None, str]]:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            events = await session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            return [(event.actor_id, event.action) for event in events]
    finally:
        await engine.dispose()


def test_password_hash_is_argon2id_and_verifies() -> None:
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, PASSWORD)
    assert not verify_password(hashed, PASSWORD + "!")
    assert not verify_password(None, PASSWORD)
    with pytest.raises(ValueError, match="12 characters"):
        hash_password("short")


async def test_home_without_session_redirects_to_login(client: httpx.AsyncClient) -> None:
    response = await client.get("/staff/")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login"


async def test_login_sets_a_strict_httponly_session_and_shows_the_territory(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    user_id = await add_staff(settings.database_url, email="Agent@Bastia.fr")
    response = await login(client, " agent@bastia.fr ")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "add_staff_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/staff" in cookie
    home = await client.get("/staff/")
    assert home.status_code == 200
    assert "agent du territoire « bastia »" in home.text
    assert await audit_actions(settings.database_url) == [(user_id, "login")]


async def test_wrong_password_refused_in_french_and_audited_without_identity(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await add_staff(settings.database_url, email="agent@bastia.fr")
    response = await login(client, "agent@bastia.fr", "wrong password!!")
    assert response.status_code == 400
    assert "Adresse e-mail ou mot de passe incorrect." in response.text
    assert "add_staff_session" not in response.headers.get("set-cookie", "")
    assert await audit_actions(settings.database_url) == [(None, "login_bad_credentials")]


async def test_login_without_form_token_forbidden(client: httpx.AsyncClient, settings: Settings) -> None:
    await add_staff(settings.database_url, email="agent@bastia.fr")
    response = await client.post("/staff/login", data={"email": "agent@bastia.fr", "password": PASSWORD})
    assert response.status_code == 403
    assert "add_staff_session" not in response.headers.get("set-cookie", "")


async def test_sixth_attempt_in_15_minutes_rate_limited_even_with_the_right_password(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await add_staff(settings.database_url, email="agent@bastia.fr")
    for _ in range(settings.login_max_failures):
        assert (await login(client, "agent@bastia.fr", "not the password")).status_code == 400
    blocked = await login(client, "agent@bastia.fr")
    assert blocked.status_code == 429
    assert "Réessayez dans 15 minutes" in blocked.text


async def test_logout_needs_the_csrf_token_and_ends_the_session_everywhere(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await add_staff(settings.database_url, email="agent@bastia.fr")
    await login(client, "agent@bastia.fr")
    home = await client.get("/staff/")
    stolen = client.cookies.get("add_staff_session")
    assert (await client.post("/staff/logout", data={"csrf_token": "forged"})).status_code == 403
    response = await client.post("/staff/logout", data={"csrf_token": csrf_token(home.text)})
    assert response.status_code == 303
    client.cookies.set("add_staff_session", stolen or "", path="/staff")
    assert (await client.get("/staff/")).status_code == 303


async def test_forged_or_inactive_session_redirects_to_login(client: httpx.AsyncClient, settings: Settings) -> None:
    client.cookies.set("add_staff_session", "eyJ1IjoxfQ.forged.signature", path="/staff")
    assert (await client.get("/staff/")).status_code == 303


async def test_admin_is_named_admin(client: httpx.AsyncClient, settings: Settings) -> None:
    await add_staff(settings.database_url, email="admin@bastia.fr", role=StaffRole.ADMIN)
    await login(client, "admin@bastia.fr")
    assert "administrateur du territoire" in (await client.get("/staff/")).text


def test_production_refuses_the_development_session_secret() -> None:
    with pytest.raises(ValueError, match="STAFF_SESSION_SECRET"):
        Settings(environment="production", internal_api_secret="kJ3v9QxP2mZr7TwLb8Nc4Hs6Fy1Ud5Ae0Gi")


def test_login_delay_grows_with_the_failures_of_one_address() -> None:
    assert [delay_after(n) for n in (0, 4, 5, 6, 7, 20)] == [0.0, 0.0, 0.5, 1.0, 2.0, 8.0]


async def test_one_password_tried_across_accounts_slows_the_address_without_locking_an_account(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await add_staff(settings.database_url, email="victim@bastia.fr")
    for index in range(FREE_FAILURES):
        assert (await login(client, f"guess{index}@bastia.fr", "Summer2026!!")).status_code == 400
    started = time.monotonic()
    slowed = await login(client, "other@bastia.fr", "Summer2026!!")
    assert slowed.status_code == 400
    assert time.monotonic() - started >= FIRST_DELAY_SECONDS
    # The victim's own account was never tried, so it is not locked: its owner still gets in (after the delay).
    assert (await login(client, "victim@bastia.fr")).status_code == 303


async def test_failures_from_one_address_lock_the_account_for_that_address_only(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await add_staff(settings.database_url, email="agent@bastia.fr")
    engine = create_engine(settings.database_url)
    sessions = create_sessionmaker(engine)
    now = utcnow()

    async def attempt(password: str, address: str) -> LoginResult:
        async with sessions() as session:
            result = await authenticate(session, email="agent@bastia.fr", password=password, now=now,
                                        max_failures=settings.login_max_failures, address=address)
            await session.commit()
            return result

    try:
        for _ in range(settings.login_max_failures):
            assert (await attempt("not the password", "203.0.113.7")).error is LoginError.BAD_CREDENTIALS
        assert (await attempt(PASSWORD, "203.0.113.7")).error is LoginError.RATE_LIMITED
        # A colleague (or the account's owner) elsewhere is not locked out by someone else's wrong guesses.
        assert (await attempt(PASSWORD, "198.51.100.4")).user is not None
        # A guess spread over many addresses locks the whole account.
        for index in range(settings.login_max_failures * WHOLE_ACCOUNT_FACTOR):
            await attempt("not the password", f"192.0.2.{index}")
        assert (await attempt(PASSWORD, "198.51.100.4")).error is LoginError.RATE_LIMITED
    finally:
        await engine.dispose()
