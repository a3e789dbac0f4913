"""The api's internal endpoints the callback and the SMS summary use, over httpx.

Every call carries the shared secret and ``X-Conversation-Id`` (the Rasa sender id, which is the api's
conversation id), so the api can count bookings per territory and channel without any personal data. Failures
are the exceptions of bot.actions.api_client, plus :class:`ApiRejectedError` for a 422 whose French message the
bot can say as it is. Nothing personal goes into an exception message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from bot.actions.api_client import (
    ApiError,
    ApiResponseError,
    ApiStatusError,
    ApiUnavailableError,
    InternalApiClient,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
RESOLVE_PATH = "/internal/v1/territories/resolve"
SLOTS_PATH = "/internal/v1/territories/{code}/callback-slots"
CALLBACKS_PATH = "/internal/v1/callbacks"
SMS_SUMMARY_PATH = "/internal/v1/sms/summary"
SLOTS_OFFERED = 4
"""How many slots the bot offers as buttons: enough to choose, few enough to read on a phone."""


REJECTIONS = frozenset({
    "phone_not_a_number", "phone_invalid", "phone_not_french", "phone_service_number", "first_name_invalid",
    "territory_unknown", "depcom_not_covered", "slot_not_offered",
})
"""The api's stable codes of a refused answer that the domain words as ``utter_callback_rejected_<code>``."""


class ApiRejectedError(ApiError):
    """The api refused an answer (422); ``field`` is the body field, ``code`` the api's stable code, ``context``
    what the words may name (e.g. the territory's name)."""

    def __init__(self, field: str | None, code: str, context: Mapping[str, str] | None = None) -> None:
        super().__init__(f"api refused the field {field}: {code}")
        self.field = field
        self.code = code
        self.context = dict(context or {})

    @property
    def response(self) -> str:
        """The domain response that says this refusal to the resident."""
        return f"utter_callback_rejected_{self.code}" if self.code in REJECTIONS else "utter_callback_rejected"


@dataclass(frozen=True)
class Place:
    """Where the resident lives, as the api resolves it (contract 3)."""

    code: str | None
    name: str | None
    covered: bool
    nearby_label: str = ""
    nearby_url: str = ""


@dataclass(frozen=True)
class Slot:
    """A callback slot the territory's team offers."""

    start: str
    label: str


@dataclass(frozen=True)
class Booking:
    """A booked callback: the reference to keep and when to expect the call (None: as soon as possible)."""

    reference: str
    expected_call: str | None


def _rejection(response: httpx.Response) -> ApiRejectedError:
    """The first field error of a 422, in the shape FastAPI gives them."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    first = detail[0] if isinstance(detail, list) and detail and isinstance(detail[0], Mapping) else {}
    loc = first.get("loc") or []
    field = str(loc[-1]) if loc else None
    code = first.get("type")
    if not isinstance(code, str) or not code:
        raise ApiResponseError("a 422 without a code")
    context = first.get("ctx")
    words = {str(key): str(value) for key, value in context.items()} if isinstance(context, Mapping) else {}
    return ApiRejectedError(field, code, words)


class CallbackClient(InternalApiClient):
    """Calls the callback, territory and SMS summary endpoints for one conversation."""

    async def _call(self, method: str, path: str, *, conversation: str, json: Any = None,
                    params: Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None) -> Any:
        """One request; the JSON body of a 2xx answer, or an ApiError."""
        sent = {**self._headers(conversation), **(headers or {})}
        async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, transport=self._transport) as client:
            try:
                response = await client.request(method, path, json=json, params=params, headers=sent)
            except httpx.TransportError as exc:
                raise ApiUnavailableError(type(exc).__name__) from exc
        if response.status_code == 422:
            raise _rejection(response)
        if not response.is_success:
            raise ApiStatusError(response.status_code)
        try:
            return response.json()
        except ValueError as exc:
            raise ApiResponseError("body is not JSON") from exc

    async def resolve(self, *, conversation: str, depcom: str | None, hint: str | None) -> Place:
        """The territory whose perimeter holds ``depcom`` (else the ``hint``), or the nearby France services."""
        params = {name: value for name, value in (("depcom", depcom), ("hint", hint)) if value}
        body = await self._call("GET", RESOLVE_PATH, conversation=conversation, params=params)
        try:
            nearby = body.get("nearby") or {}
            return Place(code=body.get("code") or None, name=body.get("name") or None, covered=bool(body["covered"]),
                         nearby_label=str(nearby.get("label") or ""), nearby_url=str(nearby.get("url") or ""))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ApiResponseError(f"malformed place: {type(exc).__name__}") from exc

    async def slots(self, *, conversation: str, territory: str, count: int = SLOTS_OFFERED) -> list[Slot]:
        """The territory's next bookable callback slots."""
        body = await self._call("GET", SLOTS_PATH.format(code=territory), conversation=conversation,
                                params={"count": str(count)})
        try:
            return [Slot(start=str(raw["start"]), label=str(raw["label"])) for raw in body["slots"]]
        except (KeyError, TypeError) as exc:
            raise ApiResponseError(f"malformed slots: {type(exc).__name__}") from exc

    async def book(self, *, conversation: str, key: str, booking: Mapping[str, Any]) -> Booking:
        """Book a callback; the same ``key`` (Idempotency-Key) gives back the same callback."""
        body = await self._call("POST", CALLBACKS_PATH, conversation=conversation, json=dict(booking),
                                headers={IDEMPOTENCY_HEADER: key})
        try:
            expected = body.get("expected_call")
            return Booking(reference=str(body["reference"]),
                           expected_call=str(expected["label"]) if expected else None)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ApiResponseError(f"malformed booking: {type(exc).__name__}") from exc

    async def send_summary(self, *, conversation: str, phone: str, text: str) -> str:
        """Queue the summary SMS; ``queued`` or ``opted_out`` (the number asked for no more SMS)."""
        body = await self._call("POST", SMS_SUMMARY_PATH, conversation=conversation,
                                json={"phone": phone, "text": text})
        status = body.get("status") if isinstance(body, Mapping) else None
        if status not in ("queued", "opted_out"):
            raise ApiResponseError("unknown summary status")
        return str(status)
