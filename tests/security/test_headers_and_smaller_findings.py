"""Findings 4 and 5, replayed over HTTP: security headers, callbacks' idempotency keys, SMS caps, and the empty
internal secret that opened the internal routes."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.security.conftest import fresh_window
from tests.support.api_process import INTERNAL_SECRET, ApiProcess, api_environment, running_api
from tests.support.databases import database
from tests.support.fake_twilio import new_sid, signed_inbound
from tests.support.sms import ACCOUNT_SID, AUTH_TOKEN, INBOUND_PATH, PUBLIC_BASE_URL

CSP_SELF = "default-src 'self'"


def test_pages_and_answers_carry_the_security_headers(api: ApiProcess) -> None:
    chat = httpx.get(f"{api.url}/chat", timeout=10)
    assert chat.headers["Content-Security-Policy"].startswith(CSP_SELF)
    assert "frame-ancestors 'self'" in chat.headers["Content-Security-Policy"]
    assert chat.headers["X-Content-Type-Options"] == "nosniff"
    assert chat.headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in chat.headers  # not in production: plain HTTP on loopback
    staff = httpx.get(f"{api.url}/staff/login", timeout=10)
    assert "frame-ancestors 'none'" in staff.headers["Content-Security-Policy"]
    assert staff.headers["Cache-Control"] == "no-store"
    conversation = httpx.post(f"{api.url}/api/v1/conversations", json={}, timeout=30)
    assert conversation.headers["Cache-Control"] == "no-store"
    too_large = httpx.post(f"{api.url}/api/v1/eligibility", content=b"{" * 70_000, timeout=30)
    assert too_large.status_code == 413 and too_large.headers["X-Content-Type-Options"] == "nosniff"


def test_production_adds_hsts(tmp_path: Path, rasa_url: str) -> None:
    strong = {name: secrets.token_urlsafe(32) for name in
              ("INTERNAL_API_SECRET", "STAFF_SESSION_SECRET", "SMS_PHONE_HASH_KEY")}
    with database("sqlite", tmp_path) as url, running_api(
            api_environment(url, rasa_url, ENVIRONMENT="production", **strong), tmp_path / "api.log") as api:
        answer = httpx.get(f"{api.url}/chat", timeout=10)
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_an_empty_internal_secret_opens_nothing(tmp_path: Path, rasa_url: str) -> None:
    with database("sqlite", tmp_path) as url, running_api(
            api_environment(url, rasa_url, INTERNAL_API_SECRET=""), tmp_path / "api.log") as api:
        answer = httpx.post(f"{api.url}/internal/v1/eligibility", json={}, headers={"X-Internal-Secret": ""},
                            timeout=30)
    assert answer.status_code == 401


def test_callback_keys_are_scoped_per_territory_and_body(api: ApiProcess) -> None:
    headers = {"X-Internal-Secret": INTERNAL_SECRET, "Idempotency-Key": secrets.token_hex(8)}
    body = {"territory": "bastia", "phone": "06 12 34 56 78", "consent_share_bilan": False}
    bastia = httpx.post(f"{api.url}/internal/v1/callbacks", json=body, headers=headers, timeout=30)
    venissieux = httpx.post(f"{api.url}/internal/v1/callbacks", json={**body, "territory": "venissieux"},
                            headers=headers, timeout=30)
    reused = httpx.post(f"{api.url}/internal/v1/callbacks", json={**body, "phone": "06 98 76 54 32"},
                        headers=headers, timeout=30)
    assert (bastia.status_code, venissieux.status_code, reused.status_code) == (201, 201, 409)
    assert bastia.json()["reference"] != venissieux.json()["reference"]
    assert reused.json()["detail"][0]["type"] == "idempotency_key_reused"


@pytest.fixture
def sms_api(tmp_path: Path, rasa_url: str) -> Iterator[tuple[ApiProcess, str]]:
    """An api with SMS on (signed webhooks) and 2 incoming SMS per number and minute; its database URL."""
    with database("sqlite", tmp_path) as url, running_api(api_environment(
            url, rasa_url, TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
            PUBLIC_BASE_URL=PUBLIC_BASE_URL, SMS_INBOUND_PER_MINUTE="2"), tmp_path / "api.log") as api:
        yield api, url


def turn_jobs(url: str) -> list[str]:
    engine = create_engine(url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        keys = [row[0] for row in connection.execute(
            text("SELECT idempotency_key FROM outbox_job WHERE kind = 'sms_turn' ORDER BY id"))]
    engine.dispose()
    return keys


def sms(api: ApiProcess, body: str, number: str = "+33612345678") -> httpx.Response:
    form, headers = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + INBOUND_PATH, number=number, body=body,
                                   account_sid=ACCOUNT_SID, message_sid=new_sid("SM"))
    return httpx.post(f"{api.url}{INBOUND_PATH}", data=form, headers=headers, timeout=30)


def test_a_number_writing_too_fast_gets_no_more_turns_but_stop_still_works(
        sms_api: tuple[ApiProcess, str]) -> None:
    api, url = sms_api
    fresh_window()
    codes = [sms(api, f"bonjour {n}").status_code for n in range(3)]
    assert codes == [200, 200, 200]  # Twilio is always acknowledged
    assert len(turn_jobs(url)) == 2
    assert sms(api, "STOP").status_code == 200
    engine = create_engine(url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        opted_out = connection.execute(text("SELECT opted_out FROM sms_contact")).scalar_one()
    engine.dispose()
    assert opted_out


def test_an_sms_body_is_cut_at_twilio_maximum(sms_api: tuple[ApiProcess, str]) -> None:
    api, url = sms_api
    assert sms(api, "a" * 5000, number="+33698765432").status_code == 200
    engine = create_engine(url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        lengths = [len(row[0]) for row in connection.execute(text("SELECT text FROM message"))]
    engine.dispose()
    assert lengths == [1600]
