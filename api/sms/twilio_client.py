"""Sending SMS through the Twilio Messages API with the official client, asynchronously, retrying on 429.

The real ``twilio`` client builds and authenticates every request; only its host may be rewritten
(``TWILIO_API_BASE_URL``), so tests run the same code path against a local server that speaks the Messages API.
Errors never carry Twilio's message text, which may quote the phone number: only the status and error code.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from api.core.config import Settings

DEFAULT_TIMEOUT_SECONDS = 15.0
RETRY_DELAYS_SECONDS: tuple[float, ...] = (1.0, 2.0, 4.0)
"""Waits before each new try after a 429 (with jitter); then the outbox retries the job later."""
OPTED_OUT_ERROR = 21610
"""Twilio's "Attempt to send to unsubscribed recipient"."""
STATUS_CALLBACK_PATH = "/sms/twilio/status"
"""Where Twilio reports the delivery of what we send (our route, named in every send request)."""

# Twilio's client logs every request at INFO; its lines would drown the worker's own.
_HTTP_LOGGER = logging.getLogger("api.twilio_http")
_HTTP_LOGGER.setLevel(logging.WARNING)


class SmsError(Exception):
    """Base of every failure to hand an SMS to Twilio."""


class SmsRetryLater(SmsError):
    """Twilio is rate-limiting, failing or unreachable: the same SMS may be tried again later."""


class SmsRejected(SmsError):
    """Twilio refused this SMS for good (invalid number, unsubscribed recipient…): do not try again."""

    def __init__(self, status: int, code: int | None) -> None:
        super().__init__(f"Twilio refused the message: HTTP {status}, error {code}")
        self.status = status
        self.code = code


class RebasedAsyncHttpClient(AsyncTwilioHttpClient):  # type: ignore[misc]  # twilio ships no type information
    """Twilio's own aiohttp client, sending to another base URL when one is set, and never without a timeout."""

    def __init__(self, *, base_url: str = "", timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout, logger=_HTTP_LOGGER)
        self.base_url = base_url.rstrip("/")

    def rebase(self, url: str) -> str:
        """``https://api.twilio.com/2010-04-01/…`` → ``<base_url>/2010-04-01/…`` (unchanged without a base)."""
        if not self.base_url:
            return url
        base, target = urlsplit(self.base_url), urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, base.path + target.path, target.query, target.fragment))

    async def request(self, method: str, url: str, params: dict[str, object] | None = None,
                      data: dict[str, object] | None = None, headers: dict[str, str] | None = None,
                      auth: tuple[str, str] | None = None, timeout: float | None = None,
                      allow_redirects: bool = False) -> Any:
        return await super().request(
            method, self.rebase(url), params=params, data=data, headers=headers, auth=auth,
            timeout=timeout if timeout is not None else self.timeout, allow_redirects=allow_redirects,
        )


@dataclass(frozen=True)
class SentSms:
    """What Twilio answered: the message sid, its first status and the segments it counted."""

    sid: str
    status: str
    segments: int | None


class TwilioSender:
    """Creates messages with the Messages API; a 429 is retried a few times here, then left to the outbox."""

    def __init__(self, client: Client, *, sender: str, retry_delays: Sequence[float] = RETRY_DELAYS_SECONDS,
                 rng: random.Random | None = None) -> None:
        self._client = client
        self._sender = sender
        self._retry_delays = tuple(retry_delays)
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not security

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> TwilioSender:
        """A sender with the account, token, sender and API base of the settings."""
        http = RebasedAsyncHttpClient(base_url=settings.twilio_api_base_url)
        client = Client(settings.twilio_account_sid, settings.twilio_auth_token.get_secret_value(),
                        http_client=http)
        return cls(client, sender=settings.sms_sender, **kwargs)

    @staticmethod
    def _sender_fields(sender: str) -> dict[str, str]:
        if sender.startswith("MG"):
            return {"messaging_service_sid": sender}
        return {"from_": sender}

    async def send(self, *, to: str, body: str, status_callback: str | None = None,
                   sender: str | None = None) -> SentSms:
        """Create one message (from ``sender``, else SMS_SENDER); :class:`SmsRetryLater` or :class:`SmsRejected`
        when Twilio does not take it."""
        chosen = sender or self._sender
        if not chosen:
            raise SmsRetryLater("SMS_SENDER is not set")
        fields: dict[str, Any] = {"to": to, "body": body, **self._sender_fields(chosen)}
        if status_callback:
            fields["status_callback"] = status_callback
        for attempt in range(len(self._retry_delays) + 1):
            try:
                message = await self._client.messages.create_async(**fields)
            except (TwilioRestException, TwilioServiceException) as error:
                status, code = int(error.status), error.code
                if status == 429 and attempt < len(self._retry_delays):
                    delay = self._retry_delays[attempt]
                    await asyncio.sleep(delay * (0.5 + 0.5 * self._rng.random()))
                    continue
                if status == 429 or status >= 500:
                    raise SmsRetryLater(f"Twilio answered HTTP {status}, error {code}") from None
                raise SmsRejected(status, code) from None
            except (TimeoutError, OSError, aiohttp.ClientError) as error:
                raise SmsRetryLater(f"Twilio cannot be reached: {type(error).__name__}") from None
            segments = message.num_segments
            return SentSms(sid=str(message.sid), status=str(message.status or "queued"),
                           segments=int(segments) if segments not in (None, "") else None)
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        """Close the client's connection pool."""
        await self._client.http_client.close()
