"""Callbacks: booking and slots for the bot's actions (internal), status updates from case systems (signed)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request, Response, status
from pydantic import ValidationError

from api.callbacks import booking
from api.callbacks.models import Callback, CallbackStatus
from api.callbacks.schemas import (
    CallbackBooked,
    CallbackCreate,
    SlotOut,
    SlotsOut,
    StatusUpdate,
    StatusUpdated,
    field_error,
)
from api.callbacks.transitions import StatusSource
from api.case_systems.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, SignatureError, verify
from api.deps import BODY_ERRORS, InternalAuth, NowDep, SecretsDep, SessionDep, TerritoriesDep
from api.territories import Territory
from api.territories.resolve import covers
from api.territories.slots import Slot

router = APIRouter(tags=["callbacks"])
logger = logging.getLogger(__name__)

# Stable codes and English descriptions: what a resident reads is in the bot's domain (utter_callback_rejected_<code>).
SLOT_NOT_OFFERED = "slot not (or no longer) offered"
TERRITORY_UNKNOWN = "territory_unknown"
NOT_COVERED = "commune not served by the territory"
NOT_FOUND = "callback_unknown"
BAD_SIGNATURE = "signature_invalid"
TerritoryCode = Annotated[str, Path(max_length=32, pattern=r"^[a-z0-9-]+$")]


def _slot_out(slot: Slot) -> SlotOut:
    return SlotOut(start=slot.start, end=slot.end, label=slot.label)


def _territory(territories: TerritoriesDep, code: str) -> Territory:
    territory = territories.get(code)
    if territory is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, TERRITORY_UNKNOWN)
    return territory


@router.get("/internal/v1/territories/{code}/callback-slots", response_model=SlotsOut,
            dependencies=[InternalAuth], include_in_schema=False)
async def callback_slots(code: TerritoryCode, territories: TerritoriesDep, now: NowDep,
                         count: Annotated[int, Query(ge=1, le=20)] = 5) -> SlotsOut:
    """The next bookable slots, to offer in the conversation."""
    territory = _territory(territories, code)
    return SlotsOut(territory=code, slots=[_slot_out(slot) for slot in territory.next_slots(now=now, count=count)])


@router.post("/internal/v1/callbacks", response_model=CallbackBooked, status_code=status.HTTP_201_CREATED,
             dependencies=[InternalAuth], include_in_schema=False)
async def book_callback(
    body: CallbackCreate, response: Response, session: SessionDep, territories: TerritoriesDep, now: NowDep,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
    x_conversation_id: Annotated[str | None, Header(max_length=64)] = None,
) -> CallbackBooked:
    """Book a callback for the territory's team: 201 with the reference; 200 with the same one for a repeated key."""
    territory = territories.get(body.territory)
    if territory is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            field_error("territory", "territory_unknown", "unknown territory"))
    if body.depcom is not None and not covers(territory, body.depcom):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            field_error("depcom", "depcom_not_covered", NOT_COVERED, territory_name=territory.name))
    request_key = booking.scoped_key(territory.code, idempotency_key) if idempotency_key is not None else None
    request_hash = booking.body_hash(body)
    if request_key is not None and (earlier := await booking.find_by_request_key(session, request_key=request_key)):
        _same_request(earlier, request_hash)
        # A retry of a booking that went through: the same answer, even if its slot has passed since.
        response.status_code = status.HTTP_200_OK
        return _booked(earlier, territory)
    if body.preferred_slot_start is not None:
        slot = territory.find_slot(now=now, start=body.preferred_slot_start)
        if slot is None:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                field_error("preferred_slot_start", "slot_not_offered", SLOT_NOT_OFFERED))
    else:
        # A callback is never refused for lack of a slot: without one, the team calls as soon as it can.
        slot = next(iter(territory.next_slots(now=now, count=1)), None)
    callback, created = await booking.book_callback(
        session, body=body, slot=slot, slot_chosen=body.preferred_slot_start is not None,
        request_key=request_key, request_hash=request_hash, now=now, conversation_id=x_conversation_id,
    )
    _same_request(callback, request_hash)
    if created:
        logger.info("callback booked for territory %s", callback.territory)
    else:
        response.status_code = status.HTTP_200_OK
    return _booked(callback, territory)


def _same_request(callback: Callback, request_hash: str) -> None:
    """A key already used for another body is a client's mistake: 409, and the first booking stays untouched."""
    if callback.request_hash is not None and callback.request_hash != request_hash:
        raise HTTPException(status.HTTP_409_CONFLICT, [{
            "loc": ["header", "Idempotency-Key"], "type": "idempotency_key_reused",
            "msg": "this Idempotency-Key was used for another booking: use a new key for a new booking",
        }])


def _booked(callback: Callback, territory: Territory) -> CallbackBooked:
    slot = booking.booked_slot(callback, territory.zone)
    return CallbackBooked(reference=callback.reference, status=CallbackStatus(callback.status),
                          expected_call=_slot_out(slot) if slot else None)


# The body is read raw (the signature covers its exact bytes), so its schema is declared for the spec by hand.
STATUS_SCHEMA = StatusUpdate.model_json_schema(ref_template="#/components/schemas/{model}")
STATUS_SCHEMA.pop("$defs", None)  # CallbackStatus is in the spec's components already (the answer uses it)
STATUS_BODY = {"required": True, "content": {"application/json": {"schema": STATUS_SCHEMA}}}


@router.post("/api/v1/territories/{code}/callbacks/{reference}/status", response_model=StatusUpdated,
             responses={**BODY_ERRORS, 401: {"description": "Missing, wrong or stale signature"},
                        404: {"description": "Unknown territory or callback"}},
             openapi_extra={"requestBody": STATUS_BODY})
async def update_status(
    code: TerritoryCode, reference: Annotated[str, Path(max_length=16)], request: Request,
    session: SessionDep, territories: TerritoriesDep, secrets: SecretsDep, now: NowDep,
) -> StatusUpdated:
    """The case system reports where the team is with a callback. Signed like our webhook, with the
    territory's status secret: see docs/callback-webhook.md. A repeated ``Idempotency-Key`` changes nothing."""
    if SIGNATURE_HEADER not in request.headers or TIMESTAMP_HEADER not in request.headers:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, BAD_SIGNATURE)
    territory = territories.get(code)
    secret_name = territory.callbacks.status_webhook_secret if territory else None
    secret = secrets.get(secret_name, "") if secret_name else ""
    if not secret:
        raise HTTPException(status.HTTP_404_NOT_FOUND, TERRITORY_UNKNOWN)
    raw = await request.body()
    try:
        verify(secret, request.headers, raw, now=int(now.timestamp()))
    except SignatureError as error:
        logger.warning("status update for territory %s refused: %s", code, error)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, BAD_SIGNATURE) from error
    try:
        update = StatusUpdate.model_validate_json(raw)
    except ValidationError as error:
        detail = [{"loc": ["body", *err["loc"]], "msg": err["msg"], "type": err["type"]} for err in error.errors()]
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail) from error
    callback = await booking.find_by_reference(session, territory=code, reference=reference)
    if callback is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    event_key = request.headers.get("Idempotency-Key") or None
    if event_key is not None and len(event_key) > 64:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "Idempotency-Key: 64 characters at most.")
    changed = await booking.change_status(
        session, callback=callback, status=update.status, note=update.note, source=StatusSource.CASE_SYSTEM,
        event_key=event_key, now=now,
    )
    if not changed:
        await session.refresh(callback)
    return StatusUpdated(reference=callback.reference, status=CallbackStatus(callback.status))
