"""Case-system adapters, chosen per territory by ``callbacks.case_system.kind`` in its YAML file.

Each kind has a config model (options, names of secret settings) with ``build()``, and an adapter with
``deliver()`` (see ``base.CaseSystem``). Adding a kind: a module here, and its config in ``CaseSystemConfig``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.case_systems.base import (
    CallbackTicket,
    CaseSystem,
    CaseSystemError,
    Checkpoint,
    DeliveryResult,
    EnvName,
    MemoryCheckpoint,
    MissingSecretError,
)
from api.case_systems.email import EmailConfig
from api.case_systems.rdv_solidarites import RdvSolidaritesConfig
from api.case_systems.webhook import WebhookConfig

CaseSystemConfig = Annotated[WebhookConfig | RdvSolidaritesConfig | EmailConfig, Field(discriminator="kind")]

__all__ = [
    "CallbackTicket",
    "CaseSystem",
    "CaseSystemConfig",
    "CaseSystemError",
    "Checkpoint",
    "DeliveryResult",
    "EmailConfig",
    "EnvName",
    "MemoryCheckpoint",
    "MissingSecretError",
    "RdvSolidaritesConfig",
    "WebhookConfig",
]
