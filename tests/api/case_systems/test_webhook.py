"""The signed webhook, against a real local HTTP server that verifies it as docs/callback-webhook.md says."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.case_systems import CallbackTicket, MemoryCheckpoint, MissingSecretError, WebhookConfig
from api.case_systems.base import CaseSystemStatusError, CaseSystemUnavailableError
from api.case_systems.signing import SignatureError, signed_headers, verify
from api.case_systems.webhook import WebhookCaseSystem
from api.core.config import Settings
from tests.api.case_systems.conftest import make_ticket
from tests.support.local_servers import serve
from tests.support.processes import free_port
from tests.support.webhook_receiver import WebhookReceiver

SECRET = "s3cret-of-the-territory"
DOC = Path(__file__).resolve().parents[3] / "docs" / "callback-webhook.md"


def adapter(url: str, timeout: float = 5.0) -> WebhookCaseSystem:
    config = WebhookConfig.model_validate({"kind": "webhook", "options": {"url": url, "timeout_seconds": timeout},
                                           "secrets": {"signing_secret": "VILLE_SECRET"}})
    return config.build(secrets={"VILLE_SECRET": SECRET}, settings=Settings(environment="test"))


def documented_verifier() -> Any:
    """The verification example of the territory documentation, run as written."""
    code = re.search(r"### Verification example.*?```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert code is not None
    namespace: dict[str, Any] = {}
    exec(code.group(1), namespace)  # noqa: S102 - our own documentation's example
    return namespace["verify_callback_request"]


async def test_webhook_delivers_signed_json_with_the_idempotency_key(ticket: CallbackTicket) -> None:
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        result = await adapter(f"{server.url}/callbacks").deliver(
            ticket, idempotency_key="callback-abc", checkpoint=MemoryCheckpoint())
    (request,) = receiver.requests
    assert request["key"] == "callback-abc"
    assert request["body"] == {
        "event": "callback.requested",
        "reference": "K7MQ-2XPT",
        "territory": "ville",
        "phone": "+33612345678",
        "first_name": "Marie",
        "preferred_slot": {"start": "2026-11-30T09:00:00+01:00", "end": "2026-11-30T12:00:00+01:00",
                           "label": "lundi 30 novembre entre 9 h et 12 h"},
        "consent_share_bilan": True,
        "bilan": {"summary": "Personne seule, 34 ans, sans revenu.", "answers": {"age": 34}},
        "created_at": "2026-11-25T10:30:00+00:00",
    }
    assert result.case_system_ref == "case-1"


async def test_webhook_without_consent_sends_no_bilan() -> None:
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        await adapter(f"{server.url}/callbacks").deliver(
            make_ticket(consent=False, first_name=""), idempotency_key="k", checkpoint=MemoryCheckpoint())
    body = receiver.requests[0]["body"]
    assert body["bilan"] is None
    assert body["consent_share_bilan"] is False
    assert body["first_name"] is None


async def test_webhook_with_a_wrong_secret_is_refused_by_the_receiver(ticket: CallbackTicket) -> None:
    receiver = WebhookReceiver("another-secret")
    with serve(receiver.app()) as server, pytest.raises(CaseSystemStatusError) as error:
        await adapter(f"{server.url}/callbacks").deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert error.value.status_code == 401
    assert receiver.requests == []


async def test_webhook_500_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    receiver = WebhookReceiver(SECRET, fail_next=[500])
    with serve(receiver.app()) as server, pytest.raises(CaseSystemStatusError, match="500"):
        await adapter(f"{server.url}/callbacks").deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert receiver.accepted == {}


async def test_webhook_too_slow_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    receiver = WebhookReceiver(SECRET, delay_seconds=2)
    with serve(receiver.app()) as server, pytest.raises(CaseSystemUnavailableError, match="Timeout"):
        await adapter(f"{server.url}/callbacks", timeout=0.3).deliver(
            ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())


async def test_webhook_down_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    with pytest.raises(CaseSystemUnavailableError, match="ConnectError"):
        await adapter(f"http://127.0.0.1:{free_port()}/callbacks").deliver(
            ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())


def test_webhook_secret_missing_from_the_environment_is_named_in_the_error() -> None:
    config = WebhookConfig.model_validate({"kind": "webhook", "options": {"url": "https://example.org/h"},
                                           "secrets": {"signing_secret": "VILLE_SECRET"}})
    with pytest.raises(MissingSecretError, match="VILLE_SECRET is not set"):
        config.build(secrets={}, settings=Settings(environment="test"))


async def test_documented_verification_example_accepts_our_requests_and_refuses_tampering(
    ticket: CallbackTicket,
) -> None:
    verify_callback_request = documented_verifier()
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        await adapter(f"{server.url}/callbacks").deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    sent = receiver.requests[0]
    assert verify_callback_request(SECRET, httpx.Headers(sent["headers"]), sent["raw"])
    body = b'{"reference":"K7MQ-2XPT"}'
    headers = signed_headers(SECRET, body, idempotency_key="k", timestamp=int(time.time()))
    assert verify_callback_request(SECRET, headers, body)
    assert not verify_callback_request(SECRET, headers, body.replace(b"K7MQ", b"AAAA"))
    assert not verify_callback_request("wrong", headers, body)
    old = signed_headers(SECRET, body, idempotency_key="k", timestamp=int(time.time()) - 600)
    assert not verify_callback_request(SECRET, old, body)


def test_verify_refuses_missing_wrong_and_stale_signatures() -> None:
    body = b"{}"
    headers = signed_headers(SECRET, body, idempotency_key="k", timestamp=1_000_000)
    verify(SECRET, headers, body, now=1_000_100)
    with pytest.raises(SignatureError, match="too far"):
        verify(SECRET, headers, body, now=1_000_400)
    with pytest.raises(SignatureError, match="wrong signature"):
        verify(SECRET, headers, b"{ }", now=1_000_100)
    with pytest.raises(SignatureError, match="missing"):
        verify(SECRET, {}, body, now=1_000_100)
