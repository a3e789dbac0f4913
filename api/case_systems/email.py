"""E-mail to the territory's team: one plain-text French message per callback, through the api's SMTP server.

The subject carries only the reference (subjects end up in mail logs); the body has what the team needs to call.
The Message-ID is derived from the idempotency key, so a message sent twice (a retry after a lost answer) is the
same message to mail clients that de-duplicate.
"""

from __future__ import annotations

import asyncio
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.case_systems.base import (
    CallbackTicket,
    CaseSystemError,
    CaseSystemStatusError,
    CaseSystemUnavailableError,
    Checkpoint,
    DeliveryResult,
)
from api.core.config import Settings

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class EmailOptions(BaseModel):
    """Who receives the callbacks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: list[str] = Field(min_length=1, description="The team's addresses")
    subject: str = Field(default="Demande de rappel", max_length=120)

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        bad = [address for address in value if not re.fullmatch(EMAIL_PATTERN, address)]
        if bad:
            raise ValueError(f"not e-mail addresses: {bad}")
        return value


class EmailSecrets(BaseModel):
    """No secret of its own: the SMTP credentials are settings of the api (SMTP_USERNAME, SMTP_PASSWORD)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EmailConfig(BaseModel):
    """``kind: email`` in a territory file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["email"]
    options: EmailOptions
    secrets: EmailSecrets = Field(default_factory=EmailSecrets)

    def secret_names(self) -> list[str]:
        return []

    def build(self, *, secrets: Mapping[str, str], settings: Settings) -> EmailCaseSystem:
        return EmailCaseSystem(options=self.options, settings=settings)


def render_body(ticket: CallbackTicket) -> str:
    """The message the team reads, in French."""
    lines = [
        f"Une personne demande à être rappelée ({ticket.territory_name}).",
        "",
        f"Référence : {ticket.reference}",
        f"Téléphone : {ticket.phone_display}",
        f"Prénom : {ticket.first_name or 'non précisé'}",
        f"Créneau souhaité : {ticket.slot_label or 'dès que possible'}",
        "",
    ]
    if ticket.consent_share_bilan and ticket.bilan_summary:
        lines += ["Bilan, partagé avec l'accord de la personne :", ticket.bilan_summary, ""]
        lines += [f"- {key} : {value}" for key, value in (ticket.bilan_answers or {}).items()]
    elif ticket.consent_share_bilan:
        lines.append("La personne accepte de partager son bilan, mais il est vide.")
    else:
        lines.append("La personne n'a pas souhaité partager son bilan : demandez-lui ce dont elle a besoin.")
    lines += ["", "Message envoyé par l'assistant des droits. Merci de ne pas le transférer hors de l'équipe."]
    return "\n".join(lines) + "\n"


@dataclass
class EmailCaseSystem:
    """Sends the ticket by SMTP (plain, STARTTLS or TLS, with optional login), in a thread."""

    options: EmailOptions
    settings: Settings

    def message(self, ticket: CallbackTicket, idempotency_key: str) -> EmailMessage:
        sender = self.settings.smtp_from
        domain = sender.rpartition("@")[2] or "localhost"
        message = EmailMessage()
        message["From"] = formataddr((self.settings.smtp_from_name, sender))
        message["To"] = ", ".join(self.options.to)
        message["Subject"] = f"{self.options.subject} – {ticket.reference}"
        message["Date"] = format_datetime(ticket.created_at)
        message["Message-ID"] = f"<{idempotency_key}@{domain}>"
        message["X-Idempotency-Key"] = idempotency_key
        message.set_content(render_body(ticket))
        return message

    async def deliver(self, ticket: CallbackTicket, *, idempotency_key: str, checkpoint: Checkpoint) -> DeliveryResult:
        message = self.message(ticket, idempotency_key)
        await asyncio.to_thread(self._send, message)
        return DeliveryResult(case_system_ref=str(message["Message-ID"]))

    def _send(self, message: EmailMessage) -> None:
        settings = self.settings
        smtp_class = smtplib.SMTP_SSL if settings.smtp_security == "tls" else smtplib.SMTP
        try:
            with smtp_class(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds) as smtp:
                if settings.smtp_security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if settings.smtp_username:
                    smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
                smtp.send_message(message)
        except smtplib.SMTPResponseException as error:
            raise CaseSystemStatusError(error.smtp_code, "SMTP reply") from error
        except smtplib.SMTPException as error:
            raise CaseSystemError(f"SMTP failed: {type(error).__name__}") from error
        except OSError as error:
            raise CaseSystemUnavailableError(f"SMTP server unreachable: {type(error).__name__}") from error

