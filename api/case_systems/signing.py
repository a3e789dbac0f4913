"""HMAC-SHA256 signatures of JSON bodies, both ways: our webhook to a case system, its status updates to us.

The signed string is ``<timestamp>.<raw body>``; the signature header is ``sha256=<hex digest>``. A receiver
recomputes it over the bytes it received and refuses a timestamp too far from its clock (replays).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

TIMESTAMP_HEADER = "X-Assistant-Timestamp"
SIGNATURE_HEADER = "X-Assistant-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
SIGNATURE_PREFIX = "sha256="
TOLERANCE_SECONDS = 300
"""A signed request older (or newer) than this is refused: a replay of a captured request fails after 5 min."""


class SignatureError(Exception):
    """A request's signature is missing, wrong or too old."""

    log_safe = True
    """Its messages are written here and name no personal data (api.core.log_redaction logs them)."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256(secret, "<timestamp>." + body)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def signed_headers(secret: str, body: bytes, *, idempotency_key: str, timestamp: int) -> dict[str, str]:
    """The headers of a signed request."""
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
        IDEMPOTENCY_HEADER: idempotency_key,
    }


def verify(secret: str, headers: Mapping[str, str], body: bytes, *, now: int,
           tolerance: int = TOLERANCE_SECONDS) -> None:
    """Check a signed request (headers looked up case-insensitively by the caller's mapping); raise if it fails."""
    raw_timestamp = headers.get(TIMESTAMP_HEADER) or headers.get(TIMESTAMP_HEADER.lower())
    given = headers.get(SIGNATURE_HEADER) or headers.get(SIGNATURE_HEADER.lower())
    if not raw_timestamp or not given:
        raise SignatureError("missing signature headers")
    try:
        timestamp = int(raw_timestamp)
    except ValueError:
        raise SignatureError("the timestamp is not an integer") from None
    if abs(now - timestamp) > tolerance:
        raise SignatureError("the timestamp is too far from now")
    if not hmac.compare_digest(given.encode(), signature(secret, timestamp, body).encode()):
        raise SignatureError("wrong signature")
