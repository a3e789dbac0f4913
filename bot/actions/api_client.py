"""A small async client for the api's internal endpoints.

The action server never computes a benefit itself: the api owns the eligibility
engine (OpenFisca-France). This module is the only place that knows the URL, the
shared secret and the shape of the answer, so actions stay thin and testable with
`httpx.MockTransport` instead of a network.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

DEFAULT_API_URL = "http://127.0.0.1:8000"
"""Where the api listens when everything runs on one machine (dev, `make run`)."""

DEFAULT_INTERNAL_SECRET = "dev-internal-secret"  # noqa: S105 - a documented dev default, not a credential
"""Development secret only; production sets INTERNAL_API_SECRET."""

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=2.0)
"""A warm OpenFisca estimate takes a few seconds; a refused connection must fail fast."""

ELIGIBILITY_PATH = "/internal/v1/eligibility"
INTERNAL_AUTH_HEADER = "X-Internal-Secret"


class ApiError(Exception):
    """Base class: the api could not give a usable answer."""


class ApiUnavailableError(ApiError):
    """The api could not be reached in time (connection refused, DNS, timeout)."""


class ApiStatusError(ApiError):
    """The api answered with a non-2xx status."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"api answered HTTP {status_code}")
        self.status_code = status_code


class ApiResponseError(ApiError):
    """The api answered 2xx but the body is not the documented shape."""


@dataclass(frozen=True)
class BenefitResult:
    """One benefit as computed by the api (see the eligibility contract)."""

    benefit: str
    label: str
    status: str
    monthly_amount: float | None
    monthly_amount_text: str | None
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    institution: str = ""
    url: str = ""
    legislation_date: str | None = None


STATUSES = frozenset({"eligible", "not_eligible", "uncertain"})


def _parse_result(raw: Any) -> BenefitResult:
    """Turn one JSON result into a BenefitResult, or raise ApiResponseError."""
    if not isinstance(raw, Mapping):
        raise ApiResponseError("a result is not an object")
    try:
        how = raw.get("how_to_apply") or {}
        amount = raw.get("monthly_amount")
        result = BenefitResult(
            benefit=str(raw["benefit"]),
            label=str(raw["label"]),
            status=str(raw["status"]),
            monthly_amount=None if amount is None else float(amount),
            monthly_amount_text=raw.get("monthly_amount_text"),
            reasons=[str(r) for r in raw.get("reasons") or []],
            missing=[str(m) for m in raw.get("missing") or []],
            institution=str(how.get("institution") or ""),
            url=str(how.get("url") or ""),
            legislation_date=raw.get("legislation_date"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ApiResponseError(f"malformed result: {type(exc).__name__}") from exc
    if result.status not in STATUSES:
        raise ApiResponseError("unknown status")
    return result


ClientT = TypeVar("ClientT", bound="InternalApiClient")


class InternalApiClient:
    """Where the api's internal endpoints are and the shared secret they ask for; subclasses add the calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_API_URL,
        secret: str = DEFAULT_INTERNAL_SECRET,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret = secret
        self.timeout = timeout
        self._transport = transport

    @classmethod
    def from_env(cls: type[ClientT], environ: Mapping[str, str] = os.environ) -> ClientT:
        """Build a client from API_INTERNAL_URL and INTERNAL_API_SECRET."""
        return cls(
            base_url=environ.get("API_INTERNAL_URL") or DEFAULT_API_URL,
            secret=environ.get("INTERNAL_API_SECRET") or DEFAULT_INTERNAL_SECRET,
        )


class EligibilityClient(InternalApiClient):
    """Calls `POST {base_url}/internal/v1/eligibility` with the shared secret."""

    async def estimate(self, situation: Mapping[str, Any]) -> list[BenefitResult]:
        """Ask the api for the benefits of a household situation.

        Raises an ApiError subclass for every failure so that callers have one
        thing to catch; the situation itself never appears in an error message.
        """
        async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, transport=self._transport) as client:
            try:
                response = await client.post(
                    ELIGIBILITY_PATH,
                    json=dict(situation),
                    headers={INTERNAL_AUTH_HEADER: self.secret},
                )
            except httpx.TransportError as exc:
                raise ApiUnavailableError(type(exc).__name__) from exc
        if not response.is_success:
            raise ApiStatusError(response.status_code)
        try:
            body = response.json()
        except ValueError as exc:
            raise ApiResponseError("body is not JSON") from exc
        results = body.get("results") if isinstance(body, Mapping) else None
        if not isinstance(results, list):
            raise ApiResponseError("no results list")
        return [_parse_result(raw) for raw in results]
