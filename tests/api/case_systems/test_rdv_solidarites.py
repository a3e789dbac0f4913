"""The RDV-Solidarités adapter against a local server speaking the API v1 (users, rdv_plans, invitations)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.case_systems import CallbackTicket, MemoryCheckpoint, RdvSolidaritesConfig
from api.case_systems.base import CaseSystemStatusError, CaseSystemUnavailableError
from api.case_systems.rdv_solidarites import RdvSolidaritesCaseSystem
from api.core.config import Settings
from tests.api.case_systems.conftest import make_ticket
from tests.support.fake_rdv_solidarites import FakeRdvSolidarites
from tests.support.local_servers import ServerThread, serve
from tests.support.processes import free_port

ENV = {"RDV_TOKEN": "oauth-token-of-the-agent", "RDV_EMAIL": "agent@ville.example.org", "RDV_PASSWORD": "mot-de-passe"}


@pytest.fixture
def rdv() -> Iterator[tuple[FakeRdvSolidarites, ServerThread]]:
    fake = FakeRdvSolidarites()
    with serve(fake.app()) as server:
        yield fake, server


def adapter(base_url: str, *, env: dict[str, str] = ENV, **options: Any) -> RdvSolidaritesCaseSystem:
    auth = options.get("auth", "oauth")
    secrets = {"access_token": "RDV_TOKEN"} if auth == "oauth" else {
        "agent_email": "RDV_EMAIL", "agent_password": "RDV_PASSWORD"}
    config = RdvSolidaritesConfig.model_validate({
        "kind": "rdv_solidarites",
        "options": {"base_url": base_url, "organisation_id": 42, "timeout_seconds": 2, **options},
        "secrets": secrets,
    })
    return config.build(secrets=env, settings=Settings(environment="test"))


async def test_rdv_creates_the_user_then_an_rdv_plan_with_oauth(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    fake, server = rdv
    checkpoint = MemoryCheckpoint()
    result = await adapter(server.url, return_url="https://ville.example.org/retour").deliver(
        ticket, idempotency_key="callback-1", checkpoint=checkpoint)
    (user,) = fake.users.values()
    assert user["first_name"] == "Marie"
    assert user["last_name"] == "Rappel K7MQ-2XPT"
    assert user["phone_number"] == "+33612345678"
    assert user["organisation_ids"] == [42]
    (plan,) = fake.rdv_plans.values()
    assert plan["user_id"] == user["id"]
    assert plan["return_url"] == "https://ville.example.org/retour"
    assert result.case_system_ref == f"rdv_plan:{plan['id']}"
    assert checkpoint.state == {"rdv_user_id": user["id"], "rdv_plan_id": plan["id"], "rdv_plan_url": plan["url"]}
    assert fake.calls == ["POST users", "POST rdv_plans"]


async def test_rdv_retry_after_a_failed_plan_reuses_the_user_created(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    fake, server = rdv
    fake.fail_next["rdv_plans"] = [500]
    checkpoint = MemoryCheckpoint()
    with pytest.raises(CaseSystemStatusError, match="500"):
        await adapter(server.url).deliver(ticket, idempotency_key="callback-1", checkpoint=checkpoint)
    await adapter(server.url).deliver(ticket, idempotency_key="callback-1", checkpoint=checkpoint)
    await adapter(server.url).deliver(ticket, idempotency_key="callback-1", checkpoint=checkpoint)  # delivered again
    assert len(fake.users) == 1
    assert len(fake.rdv_plans) == 1
    assert fake.calls == ["POST users", "POST rdv_plans", "GET users/id", "POST rdv_plans", "GET users/id"]


async def test_rdv_user_deleted_on_their_side_is_created_again(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    fake, server = rdv
    checkpoint = MemoryCheckpoint({"rdv_user_id": 999, "rdv_plan_id": 7})
    await adapter(server.url).deliver(ticket, idempotency_key="callback-1", checkpoint=checkpoint)
    assert len(fake.users) == 1
    assert len(fake.rdv_plans) == 1
    assert checkpoint.state["rdv_user_id"] != 999


async def test_rdv_agent_sign_in_then_invitation(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    fake, server = rdv
    result = await adapter(server.url, auth="agent_sign_in", then="invitation").deliver(
        make_ticket(first_name=""), idempotency_key="callback-1", checkpoint=MemoryCheckpoint())
    (user,) = fake.users.values()
    assert user["first_name"] == "Usager"
    assert fake.invitations == [user["id"]]
    assert fake.rdv_plans == {}
    assert result.case_system_ref == f"user:{user['id']}"


async def test_rdv_wrong_token_is_a_401_failure(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    _, server = rdv
    with pytest.raises(CaseSystemStatusError) as error:
        await adapter(server.url, env={"RDV_TOKEN": "expired"}).deliver(
            ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert error.value.status_code == 401


async def test_rdv_wrong_password_fails_at_sign_in(
    rdv: tuple[FakeRdvSolidarites, ServerThread], ticket: CallbackTicket
) -> None:
    fake, server = rdv
    env = {**ENV, "RDV_PASSWORD": "faux"}
    with pytest.raises(CaseSystemStatusError, match="401"):
        await adapter(server.url, auth="agent_sign_in", env=env).deliver(
            ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert fake.users == {}


async def test_rdv_refusal_names_the_fields_never_their_values(
    rdv: tuple[FakeRdvSolidarites, ServerThread],
) -> None:
    _, server = rdv
    ticket = make_ticket()
    bad_phone = CallbackTicket(**{**ticket.__dict__, "phone": "+3361234"})
    with pytest.raises(CaseSystemStatusError) as error:
        await adapter(server.url).deliver(bad_phone, idempotency_key="k", checkpoint=MemoryCheckpoint())
    assert error.value.status_code == 422
    assert "phone_number" in str(error.value)
    assert "3361234" not in str(error.value)


async def test_rdv_down_is_a_failure_to_retry(ticket: CallbackTicket) -> None:
    with pytest.raises(CaseSystemUnavailableError):
        await adapter(f"http://127.0.0.1:{free_port()}").deliver(
            ticket, idempotency_key="k", checkpoint=MemoryCheckpoint())
