"""Bodies of the callback endpoints: booking (internal, for the actions), slots, and status updates."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from api.callbacks.models import CallbackStatus
from api.callbacks.phone import PhoneError, normalise_phone
from facts.insee import DEPCOM_PATTERN

FIRST_NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
AnswerValue = str | int | float | bool | None


def french_phone(value: str) -> str:
    """A phone field's validator: the E.164 form, or a 422 with the stable code (the bot says it in French)."""
    try:
        return normalise_phone(value)
    except PhoneError as error:
        raise PydanticCustomError(error.code, str(error)) from None


class BilanIn(BaseModel):
    """What the resident agreed to share with the social worker: a summary and the answers given."""

    model_config = ConfigDict(extra="forbid")

    summary: str = Field(min_length=1, max_length=4000)
    answers: dict[str, AnswerValue] = Field(default_factory=dict, max_length=50)


class CallbackCreate(BaseModel):
    """A callback booked in the conversation."""

    model_config = ConfigDict(extra="forbid")

    territory: str = Field(max_length=32, pattern=r"^[a-z0-9-]+$")
    phone: str = Field(max_length=40, description="As the resident typed it; stored in E.164")
    first_name: str | None = Field(default=None, max_length=60)
    preferred_slot_start: datetime | None = Field(
        default=None, description="Start of one of the offered slots; none: the first one"
    )
    consent_share_bilan: bool
    bilan: BilanIn | None = Field(default=None, description="Only with consent_share_bilan: true")
    depcom: str | None = Field(
        default=None, pattern=DEPCOM_PATTERN,
        description="INSEE code of the resident's commune, if known: refused when the territory does not serve it")

    @field_validator("phone")
    @classmethod
    def _french_phone(cls, value: str) -> str:
        return french_phone(value)

    @field_validator("first_name")
    @classmethod
    def _letters_only(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        name = " ".join(value.split())
        if not FIRST_NAME_PATTERN.match(name):
            raise PydanticCustomError(
                "first_name_invalid",
                "a first name has only letters, spaces, hyphens and apostrophes",
            )
        return name

    @field_validator("preferred_slot_start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise PydanticCustomError("slot_naive", "the slot needs its time zone offset (e.g. +01:00)")
        return value

    @field_validator("bilan")
    @classmethod
    def _only_with_consent(cls, value: BilanIn | None, info: ValidationInfo) -> BilanIn | None:
        if value is not None and info.data.get("consent_share_bilan") is not True:
            raise PydanticCustomError(
                "bilan_without_consent",
                "the bilan is shared only with consent_share_bilan: true",
            )
        return value


class SlotOut(BaseModel):
    """A callback slot: when the team may call."""

    start: datetime
    end: datetime
    label: str = Field(description="In French: « mardi 1er décembre entre 9 h et 12 h »")


class SlotsOut(BaseModel):
    """The next bookable slots of a territory."""

    territory: str
    slots: list[SlotOut]


class CallbackBooked(BaseModel):
    """The booking: the reference the resident keeps, and when to expect the call (none: as soon as possible)."""

    reference: str
    status: CallbackStatus
    expected_call: SlotOut | None


class StatusUpdate(BaseModel):
    """A status change sent by the case system (signed: see docs/callback-webhook.md)."""

    model_config = ConfigDict(extra="forbid")

    status: CallbackStatus
    note: str = Field(default="", max_length=2000)


class StatusUpdated(BaseModel):
    """The callback's status after the update."""

    reference: str
    status: CallbackStatus


def field_error(field: str, code: str, message: str, **context: str) -> list[dict[str, Any]]:
    """A 422 ``detail`` naming one body field, in the shape FastAPI gives its own validation errors: ``type`` is
    the stable code the bot maps to its words, ``ctx`` what those words may name."""
    error: dict[str, Any] = {"loc": ["body", field], "msg": message, "type": code}
    if context:
        error["ctx"] = context
    return [error]
