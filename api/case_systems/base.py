"""What every case-system adapter shares: the ticket it delivers, its errors, secrets and progress checkpoints.

An adapter delivers one callback; the worker calls it again with the same idempotency key until it returns, so
an adapter must be safe to repeat. Multi-step protocols save their progress with the checkpoint between steps.
Error messages end up in the outbox's ``last_error``, which staff read: they never contain personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Protocol

from pydantic import Field

EnvName = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=100)]
"""The name of an environment variable holding a secret (the value never appears in territory files)."""

DEFAULT_TIMEOUT_SECONDS = 15.0
"""How long a case system may take to answer one request before the try counts as failed."""


class CaseSystemError(Exception):
    """A delivery failed; the outbox retries it later with the same idempotency key."""


class CaseSystemUnavailableError(CaseSystemError):
    """The case system could not be reached in time (refused, DNS, timeout)."""


class CaseSystemStatusError(CaseSystemError):
    """The case system answered with a status that is not a success."""

    def __init__(self, status_code: int, detail: str = "") -> None:
        super().__init__(f"case system answered {status_code}{': ' + detail if detail else ''}")
        self.status_code = status_code


class CaseSystemResponseError(CaseSystemError):
    """The case system answered success with a body that is not the documented shape."""


class MissingSecretError(CaseSystemError):
    """A secret setting named in the territory file is not set in the environment."""

    def __init__(self, name: str) -> None:
        super().__init__(f"setting {name} is not set")
        self.name = name


def read_secret(secrets: Mapping[str, str], name: str) -> str:
    """The value of secret setting ``name``; an empty or missing one is an error (retried: it may be set later)."""
    value = secrets.get(name, "")
    if not value:
        raise MissingSecretError(name)
    return value


@dataclass(frozen=True)
class CallbackTicket:
    """What a case system receives about one callback. The bilan is present only with the resident's consent."""

    reference: str
    territory: str
    territory_name: str
    phone: str
    phone_display: str
    first_name: str
    slot_start: datetime | None
    slot_end: datetime | None
    slot_label: str
    consent_share_bilan: bool
    bilan_summary: str | None
    bilan_answers: dict[str, Any] | None
    created_at: datetime

    def as_json(self) -> dict[str, Any]:
        """The JSON document of the signed webhook (see docs/callback-webhook.md)."""
        slot = None
        if self.slot_start is not None and self.slot_end is not None:
            slot = {"start": self.slot_start.isoformat(), "end": self.slot_end.isoformat(), "label": self.slot_label}
        bilan = None
        if self.consent_share_bilan and (self.bilan_summary is not None or self.bilan_answers is not None):
            bilan = {"summary": self.bilan_summary, "answers": self.bilan_answers or {}}
        return {
            "event": "callback.requested",
            "reference": self.reference,
            "territory": self.territory,
            "phone": self.phone,
            "first_name": self.first_name or None,
            "preferred_slot": slot,
            "consent_share_bilan": self.consent_share_bilan,
            "bilan": bilan,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class DeliveryResult:
    """What the case system said back: its own reference of the callback, if it gives one."""

    case_system_ref: str = ""


class Checkpoint(Protocol):
    """Progress of a multi-step delivery, kept across tries (and across a crash of the worker)."""

    @property
    def state(self) -> Mapping[str, Any]:
        """What earlier steps saved."""

    async def save(self, **values: Any) -> None:
        """Merge ``values`` into the state and store it durably before the next step."""


@dataclass
class MemoryCheckpoint:
    """A checkpoint kept in memory, for tests and one-shot deliveries."""

    state: dict[str, Any] = field(default_factory=dict)

    async def save(self, **values: Any) -> None:
        self.state.update(values)


class CaseSystem(Protocol):
    """An adapter delivering callbacks to one territory's case system."""

    async def deliver(self, ticket: CallbackTicket, *, idempotency_key: str, checkpoint: Checkpoint) -> DeliveryResult:
        """Deliver the ticket, or raise a CaseSystemError; repeating a delivered key must not duplicate it."""
