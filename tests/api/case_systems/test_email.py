"""E-mail to the team, against a local aiosmtpd server."""

from __future__ import annotations

import pytest

from api.case_systems import CallbackTicket, EmailConfig, MemoryCheckpoint
from api.case_systems.base import CaseSystemStatusError, CaseSystemUnavailableError
from api.case_systems.email import EmailCaseSystem
from api.core.config import Settings
from tests.api.case_systems.conftest import make_ticket
from tests.support.local_servers import smtp_server
from tests.support.processes import free_port


def adapter(port: int) -> EmailCaseSystem:
    config = EmailConfig.model_validate({"kind": "email", "options": {"to": ["equipe@ville.example.org"]}})
    settings = Settings(environment="test", smtp_host="127.0.0.1", smtp_port=port, smtp_timeout_seconds=2,
                        smtp_from="assistant@ville.example.org")
    return config.build(secrets={}, settings=settings)


async def test_email_reaches_the_team_with_what_they_need_to_call(ticket: CallbackTicket) -> None:
    with smtp_server() as (inbox, port):
        result = await adapter(port).deliver(ticket, idempotency_key="callback-abc", checkpoint=MemoryCheckpoint())
    (message,) = inbox.messages
    assert inbox.envelopes == [("assistant@ville.example.org", ["equipe@ville.example.org"])]
    assert message["Subject"] == "Demande de rappel – K7MQ-2XPT"
    assert message["Message-ID"] == "<callback-abc@ville.example.org>"
    assert message["X-Idempotency-Key"] == "callback-abc"
    assert result.case_system_ref == "<callback-abc@ville.example.org>"
    body = message.get_content()
    assert "Téléphone : 06 12 34 56 78" in body
    assert "Prénom : Marie" in body
    assert "Créneau souhaité : lundi 30 novembre entre 9 h et 12 h" in body
    assert "Personne seule, 34 ans, sans revenu." in body
    assert "- age : 34" in body


async def test_email_subject_carries_no_personal_data(ticket: CallbackTicket) -> None:
    with smtp_server() as (inbox, port):
        await adapter(port).deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    subject = inbox.messages[0]["Subject"]
    assert "06" not in subject
    assert "Marie" not in subject


async def test_email_without_consent_has_no_bilan() -> None:
    with smtp_server() as (inbox, port):
        await adapter(port).deliver(make_ticket(consent=False), idempotency_key="k", checkpoint=MemoryCheckpoint())
    body = inbox.messages[0].get_content()
    assert "n'a pas souhaité partager son bilan" in body
    assert "34 ans" not in body


async def test_email_refused_by_the_server_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    with smtp_server() as (inbox, port):
        inbox.reject_with = "451 Try again later"
        with pytest.raises(CaseSystemStatusError) as error:
            await adapter(port).deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert error.value.status_code == 451


async def test_email_server_down_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    with pytest.raises(CaseSystemUnavailableError, match="ConnectionRefusedError"):
        await adapter(free_port()).deliver(ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
