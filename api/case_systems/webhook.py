"""Signed JSON webhook: the callback is POSTed to the territory's endpoint, signed with HMAC-SHA256.

Protocol (docs/callback-webhook.md): the body is the ticket's JSON; headers carry the timestamp, the signature of
``<timestamp>.<body>`` and the idempotency key (the same on every retry of one callback). Any 2xx is a delivery;
an optional JSON ``{"id": "..."}`` in the answer is kept as the case system's reference.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from api.case_systems.base import (
    DEFAULT_TIMEOUT_SECONDS,
    CallbackTicket,
    CaseSystemStatusError,
    CaseSystemUnavailableError,
    Checkpoint,
    DeliveryResult,
    EnvName,
    read_secret,
)
from api.case_systems.signing import signed_headers
from api.core.config import Settings


class WebhookOptions(BaseModel):
    """Where to POST, and how long to wait."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0, le=120)


class WebhookSecrets(BaseModel):
    """Names of the environment variables of the webhook's secrets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    signing_secret: EnvName


class WebhookConfig(BaseModel):
    """``kind: webhook`` in a territory file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["webhook"]
    options: WebhookOptions
    secrets: WebhookSecrets

    def secret_names(self) -> list[str]:
        return [self.secrets.signing_secret]

    def build(self, *, secrets: Mapping[str, str], settings: Settings) -> WebhookCaseSystem:
        return WebhookCaseSystem(
            url=str(self.options.url),
            secret=read_secret(secrets, self.secrets.signing_secret),
            timeout=self.options.timeout_seconds,
        )


@dataclass
class WebhookCaseSystem:
    """Delivers a ticket as one signed POST."""

    url: str
    secret: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    transport: httpx.AsyncBaseTransport | None = None
    clock: Callable[[], float] = time.time

    async def deliver(self, ticket: CallbackTicket, *, idempotency_key: str, checkpoint: Checkpoint) -> DeliveryResult:
        body = json.dumps(ticket.as_json(), ensure_ascii=False, separators=(",", ":")).encode()
        headers = signed_headers(self.secret, body, idempotency_key=idempotency_key, timestamp=int(self.clock()))
        try:
            async with httpx.AsyncClient(timeout=self.timeout, transport=self.transport) as client:
                response = await client.post(self.url, content=body, headers=headers)
        except httpx.TransportError as error:
            raise CaseSystemUnavailableError(f"webhook unreachable: {type(error).__name__}") from error
        if not response.is_success:
            raise CaseSystemStatusError(response.status_code)
        return DeliveryResult(case_system_ref=_reference(response))


def _reference(response: httpx.Response) -> str:
    """The ``id`` of a JSON answer, if any: a 2xx without it (or without JSON) is still a delivery."""
    try:
        data = response.json()
    except ValueError:
        return ""
    value = data.get("id") if isinstance(data, dict) else None
    return str(value)[:128] if isinstance(value, str | int) else ""
