"""RDV-Solidarités / RDV Service Public: the callback becomes a user of the territory's organisation, then an
``rdv_plan`` (a draft appointment an agent completes) or an invitation to book, as the public API v1 documents.

API v1 (``https://<domain>/api/v1``, JSON): ``POST /users`` (``organisation_ids``, ``first_name``, ``last_name``,
``phone_number``) → ``{"user": {"id"}}``; ``GET /users/{id}``; ``POST /rdv_plans`` (``{"user": {"id"}}``,
``return_url``) → 201 ``{"rdv_plan": {"id", "url", "user_id"}}``; ``POST /users/{id}/rdv_invitation_token`` →
``{"invitation_token"}``. Authentication: an OAuth access token (``Authorization: Bearer``), or, on the historic
instance, an agent's e-mail and password exchanged at ``POST /auth/sign_in`` for the ``access-token``, ``client``
and ``uid`` headers.

The API takes no idempotency key, so each step is checkpointed: a retry reuses the user and the plan already
created instead of creating them again. The resident's surname is not asked: the user's last name carries the
callback's reference, which the agent replaces on the call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from api.case_systems.base import (
    DEFAULT_TIMEOUT_SECONDS,
    CallbackTicket,
    CaseSystemResponseError,
    CaseSystemStatusError,
    CaseSystemUnavailableError,
    Checkpoint,
    DeliveryResult,
    EnvName,
    read_secret,
)
from api.core.config import Settings

DEFAULT_FIRST_NAME = "Usager"


class RdvOptions(BaseModel):
    """The instance, the organisation of the territory's team, and what to create after the user."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: HttpUrl = Field(description="https://www.rdv-solidarites.fr or https://rdv.anct.gouv.fr")
    organisation_id: int = Field(gt=0)
    auth: Literal["oauth", "agent_sign_in"] = "oauth"
    then: Literal["rdv_plan", "invitation"] = "rdv_plan"
    return_url: HttpUrl | None = None
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0, le=120)


class RdvSecrets(BaseModel):
    """Environment variables of the credentials: an OAuth token, or an agent's e-mail and password."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    access_token: EnvName | None = None
    agent_email: EnvName | None = None
    agent_password: EnvName | None = None


class RdvSolidaritesConfig(BaseModel):
    """``kind: rdv_solidarites`` in a territory file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["rdv_solidarites"]
    options: RdvOptions
    secrets: RdvSecrets

    @model_validator(mode="after")
    def _credentials_match_auth(self) -> RdvSolidaritesConfig:
        if self.options.auth == "oauth" and not self.secrets.access_token:
            raise ValueError("auth oauth needs secrets.access_token")
        if self.options.auth == "agent_sign_in" and not (self.secrets.agent_email and self.secrets.agent_password):
            raise ValueError("auth agent_sign_in needs secrets.agent_email and secrets.agent_password")
        return self

    def _secret_roles(self) -> dict[str, str | None]:
        if self.options.auth == "oauth":
            return {"access_token": self.secrets.access_token}
        return {"agent_email": self.secrets.agent_email, "agent_password": self.secrets.agent_password}

    def secret_names(self) -> list[str]:
        return [name for name in self._secret_roles().values() if name]

    def build(self, *, secrets: Mapping[str, str], settings: Settings) -> RdvSolidaritesCaseSystem:
        credentials = {role: read_secret(secrets, name) for role, name in self._secret_roles().items() if name}
        return RdvSolidaritesCaseSystem(options=self.options, credentials=credentials)


@dataclass
class RdvSolidaritesCaseSystem:
    """Creates (or finds again) the user, then the rdv_plan or the invitation."""

    options: RdvOptions
    credentials: dict[str, str]

    async def deliver(self, ticket: CallbackTicket, *, idempotency_key: str, checkpoint: Checkpoint) -> DeliveryResult:
        base = str(self.options.base_url).rstrip("/") + "/api/v1"
        async with httpx.AsyncClient(base_url=base, timeout=self.options.timeout_seconds) as client:
            client.headers.update(await self._auth_headers(client))
            user_id = await self._user(client, ticket, checkpoint)
            if self.options.then == "invitation":
                await _call(client, "POST", f"/users/{user_id}/rdv_invitation_token", expect="invitation_token")
                return DeliveryResult(case_system_ref=f"user:{user_id}")
            plan_id = checkpoint.state.get("rdv_plan_id")
            if plan_id is None:
                body: dict[str, Any] = {"user": {"id": user_id}}
                if self.options.return_url is not None:
                    body["return_url"] = str(self.options.return_url)
                plan = await _call(client, "POST", "/rdv_plans", json=body, expect="rdv_plan")
                plan_id = _id(plan)
                await checkpoint.save(rdv_plan_id=plan_id, rdv_plan_url=str(plan.get("url", ""))[:500])
            return DeliveryResult(case_system_ref=f"rdv_plan:{plan_id}")

    async def _auth_headers(self, client: httpx.AsyncClient) -> dict[str, str]:
        if self.options.auth == "oauth":
            return {"Authorization": f"Bearer {self.credentials['access_token']}"}
        response = await _send(client, "POST", "/auth/sign_in", json={
            "email": self.credentials["agent_email"], "password": self.credentials["agent_password"]})
        headers = {name: response.headers.get(name, "") for name in ("access-token", "client", "uid")}
        if not all(headers.values()):
            raise CaseSystemResponseError("sign_in answered without the access-token, client and uid headers")
        return headers

    async def _user(self, client: httpx.AsyncClient, ticket: CallbackTicket, checkpoint: Checkpoint) -> int:
        """The user created on an earlier try if it still exists, else a new one (checkpointed at once)."""
        known = checkpoint.state.get("rdv_user_id")
        if isinstance(known, int):
            response = await _send(client, "GET", f"/users/{known}", allow={404})
            if response.status_code != 404:
                return known
        user = await _call(client, "POST", "/users", expect="user", json={
            "organisation_ids": [self.options.organisation_id],
            "first_name": ticket.first_name or DEFAULT_FIRST_NAME,
            "last_name": f"Rappel {ticket.reference}",
            "phone_number": ticket.phone,
        })
        user_id = _id(user)
        await checkpoint.save(rdv_user_id=user_id, rdv_plan_id=None)
        return user_id


async def _send(client: httpx.AsyncClient, method: str, path: str, *, json: Any = None,
                allow: frozenset[int] | set[int] = frozenset()) -> httpx.Response:
    try:
        response = await client.request(method, path, json=json)
    except httpx.TransportError as error:
        raise CaseSystemUnavailableError(f"RDV-Solidarités unreachable: {type(error).__name__}") from error
    if not response.is_success and response.status_code not in allow:
        # Only the error keys: the API's messages may quote what was sent (a phone number, a name).
        raise CaseSystemStatusError(response.status_code, f"{method} {path.split('/')[1]} {_error_keys(response)}")
    return response


async def _call(client: httpx.AsyncClient, method: str, path: str, *, expect: str, json: Any = None) -> Any:
    """Send, and return the documented root object of the answer."""
    response = await _send(client, method, path, json=json)
    try:
        data = response.json()
    except ValueError:
        raise CaseSystemResponseError(f"{method} {path.split('/')[1]}: the answer is not JSON") from None
    if not isinstance(data, dict) or expect not in data:
        raise CaseSystemResponseError(f"{method} {path.split('/')[1]}: no {expect!r} in the answer")
    return data[expect]


def _id(document: Any) -> int:
    if not isinstance(document, dict) or not isinstance(document.get("id"), int):
        raise CaseSystemResponseError("an object without an integer id")
    value: int = document["id"]
    return value


def _error_keys(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors")
    except (ValueError, AttributeError):
        return ""
    if isinstance(errors, dict):
        return ",".join(sorted(str(key) for key in errors))[:200]
    return ""
