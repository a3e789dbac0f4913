"""Talks to Rasa's REST channel: the only way the api reaches the bot.

Rasa's own HTTP API is never enabled; the REST webhook takes a sender id, a text and metadata (channel,
territory) and answers with the bot's messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

DEFAULT_TIMEOUT_SECONDS = 30.0
WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaError(Exception):
    """Base of every failure to get the bot's answer."""

    log_safe = True
    """Its messages are written here and name no personal data (api.core.log_redaction logs them)."""


class RasaUnavailable(RasaError):
    """Rasa could not be reached or did not answer in time."""


class RasaBadResponse(RasaError):
    """Rasa answered, but not with what the REST channel promises."""


@dataclass(frozen=True)
class Button:
    """A quick reply: what the resident sees and what is sent back when chosen."""

    title: str
    payload: str


@dataclass(frozen=True)
class BotMessage:
    """One message of the bot, text and optional quick replies."""

    text: str
    buttons: list[Button] = field(default_factory=list)


def parse_replies(body: Any) -> list[BotMessage]:
    """Turn the REST channel's JSON into messages; images and custom payloads are not used by this bot."""
    if not isinstance(body, list):
        raise RasaBadResponse("Rasa's REST channel did not answer with a list")
    messages = []
    for item in body:
        if not isinstance(item, dict):
            raise RasaBadResponse("a Rasa reply is not an object")
        buttons = [
            Button(title=str(button.get("title", "")), payload=str(button.get("payload", "")))
            for button in item.get("buttons") or []
            if isinstance(button, dict)
        ]
        text = item.get("text")
        if text is None and not buttons:
            continue
        messages.append(BotMessage(text=str(text or ""), buttons=buttons))
    return messages


class RasaClient:
    """An async client for one Rasa server, sharing one connection pool for the life of the api."""

    def __init__(self, base_url: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    async def send(self, *, sender: str, text: str, metadata: dict[str, str]) -> list[BotMessage]:
        """Send one resident message and return the bot's answers."""
        try:
            response = await self._client.post(
                WEBHOOK_PATH, json={"sender": sender, "message": text, "metadata": metadata}
            )
        except httpx.TimeoutException as error:
            raise RasaUnavailable("Rasa did not answer in time") from error
        except httpx.TransportError as error:
            raise RasaUnavailable("Rasa cannot be reached") from error
        if response.status_code >= 500:
            raise RasaUnavailable(f"Rasa answered {response.status_code}")
        if response.status_code != 200:
            raise RasaBadResponse(f"Rasa answered {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise RasaBadResponse("Rasa's answer is not JSON") from error
        return parse_replies(body)

    async def is_up(self) -> bool:
        """Whether the server answers on its root (which needs no enabled API)."""
        return await probe(self._client, "/")

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()


async def probe(client: httpx.AsyncClient, url: str) -> bool:
    """True when ``url`` answers 200 quickly: a liveness check, not a guarantee."""
    try:
        response = await client.get(url, timeout=3.0)
    except httpx.HTTPError:
        return False
    return response.status_code == 200
