"""Territory settings as data: one YAML file per territory in this folder, validated when it is loaded.

A territory has a perimeter (the communes it serves, checked against the official list), its callback settings
(case system, opening hours), its SMS sender and the numbers residents write to, the welcome text that opens its
conversations, the office residents may visit, and its local aids (rules/local_aids.py). Secret values never
appear in these files: they name the environment variables that hold them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from api.case_systems import CaseSystemConfig, EnvName
from api.territories.perimeter import Perimeter
from api.territories.slots import WEEKDAYS, Slot, find_slot, next_slots
from channels.sms.segments import count_segments, non_gsm7_characters
from rules.local_aids import LocalAid

TERRITORIES_DIR = Path(__file__).parent


def _parse_range(text: str) -> tuple[time, time]:
    opens, sep, closes = text.partition("-")
    try:
        if not sep:
            raise ValueError
        start, end = time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a time range like '09:00-12:00'") from None
    if start >= end:
        raise ValueError(f"{text!r}: the range must end after it starts")
    return start, end


class OpeningHours(BaseModel):
    """Weekday → time ranges (« HH:MM-HH:MM »), in the territory's time zone; a missing day is closed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    monday: list[str] = Field(default_factory=list)
    tuesday: list[str] = Field(default_factory=list)
    wednesday: list[str] = Field(default_factory=list)
    thursday: list[str] = Field(default_factory=list)
    friday: list[str] = Field(default_factory=list)
    saturday: list[str] = Field(default_factory=list)
    sunday: list[str] = Field(default_factory=list)

    @field_validator(*WEEKDAYS)
    @classmethod
    def _ranges_in_order_without_overlap(cls, value: list[str]) -> list[str]:
        parsed = [_parse_range(text) for text in value]
        for (_, previous_end), (start, _) in pairwise(parsed):
            if start < previous_end:
                raise ValueError("ranges must be in order and must not overlap")
        return value

    @model_validator(mode="after")
    def _open_some_day(self) -> OpeningHours:
        if not any(self.ranges(day) for day in WEEKDAYS):
            raise ValueError("opening hours must open at least one day of the week")
        return self

    def ranges(self, weekday: str) -> list[tuple[time, time]]:
        """The (opens, closes) pairs of one weekday (``monday`` … ``sunday``)."""
        texts: list[str] = getattr(self, weekday)
        return [_parse_range(text) for text in texts]


class CallbackSettings(BaseModel):
    """How a territory handles callbacks: its case system, when it calls back, how its status updates are signed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_system: CaseSystemConfig
    status_webhook_secret: EnvName | None = Field(
        default=None, description="Environment variable of the secret signing status updates from the case system"
    )
    opening_hours: OpeningHours
    slot_minutes: Annotated[int, Field(ge=15, le=480)] | None = Field(
        default=None, description="Split each opening range into slots of this length; none: one slot per range"
    )
    min_notice_minutes: int = Field(default=120, ge=0, le=7 * 24 * 60)
    horizon_days: int = Field(default=7, ge=1, le=60)
    closed_dates: frozenset[date] = Field(default_factory=frozenset, description="Public holidays, closures")


SMS_NUMBER_PATTERN = r"^(\+[1-9]\d{7,14}|\d{4,6})$"
"""A number in E.164, or a short code (French short codes have 5 digits)."""


class SmsSettings(BaseModel):
    """The territory's SMS line: who its messages come from and the numbers residents write to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sender: str | None = Field(
        default=None, pattern=r"^(\+[1-9]\d{7,14}|\d{4,6}|MG[0-9a-f]{32})$",
        description="Number, short code or Messaging Service SID (MG…) of its replies; none: SMS_SENDER")
    numbers: list[Annotated[str, Field(pattern=SMS_NUMBER_PATTERN)]] = Field(
        default_factory=list, description="Numbers (the `To` of Twilio's webhook) whose messages belong to it")


class Office(BaseModel):
    """Where a resident of the territory may go in person (shown next to the answer)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=3, max_length=120)
    url: HttpUrl


WELCOME_MAX_SEGMENTS = 1


class Territory(BaseModel):
    """One territory of the experiment."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z0-9-]+$", max_length=32)
    name: str = Field(min_length=2)
    example: bool = Field(default=False, description="An example shipped with the code, not a live set-up")
    timezone: str = "Europe/Paris"
    perimeter: Perimeter = Field(default_factory=Perimeter, description="Empty: it covers nobody (no callback)")
    office: Office | None = None
    welcome_text: str | None = Field(
        default=None, min_length=10, description="First message of its conversations: short French, GSM-7, 1 SMS")
    sms: SmsSettings = Field(default_factory=SmsSettings)
    callbacks: CallbackSettings
    local_aids: list[LocalAid] = Field(default_factory=list)

    @field_validator("welcome_text")
    @classmethod
    def _one_gsm7_sms(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if non_gsm7_characters(value):
            raise ValueError(f"the welcome text must be GSM-7; not: {' '.join(non_gsm7_characters(value))}")
        if count_segments(value).segments > WELCOME_MAX_SEGMENTS:
            raise ValueError("the welcome text must fit in one SMS (160 characters)")
        return value

    @field_validator("local_aids")
    @classmethod
    def _unique_aid_ids(cls, value: list[LocalAid]) -> list[LocalAid]:
        ids = [aid.id for aid in value]
        if len(ids) != len(set(ids)):
            raise ValueError("two local aids have the same id")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @cached_property
    def zone(self) -> ZoneInfo:
        """The territory's time zone."""
        return ZoneInfo(self.timezone)

    def next_slots(self, *, now: datetime, count: int) -> list[Slot]:
        """The next ``count`` bookable callback slots from ``now``."""
        return next_slots(self.callbacks, now=now, count=count, zone=self.zone)

    def find_slot(self, *, now: datetime, start: datetime) -> Slot | None:
        """The bookable slot starting at ``start``, if there is one."""
        return find_slot(self.callbacks, now=now, start=start, zone=self.zone)

    def secret_names(self) -> list[str]:
        """Environment variables this territory needs (their names only)."""
        names = list(self.callbacks.case_system.secret_names())
        if self.callbacks.status_webhook_secret:
            names.append(self.callbacks.status_webhook_secret)
        return names


def load_territory(path: Path) -> Territory:
    """Read and validate one territory file; its file name must be the territory's code."""
    territory = Territory.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if territory.code != path.stem:
        raise ValueError(f"{path.name}: code {territory.code!r} does not match the file name")
    return territory


def check_no_overlap(territories: dict[str, Territory]) -> None:
    """A commune or an SMS number belongs to one territory at most: otherwise who answers would be a guess."""
    communes: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for code, territory in territories.items():
        for depcom in territory.perimeter.depcoms:
            if (other := communes.setdefault(depcom, code)) != code:
                raise ValueError(f"commune {depcom} is in the perimeters of both {other} and {code}")
        for number in territory.sms.numbers:
            if (other := numbers.setdefault(number, code)) != code:
                raise ValueError(f"SMS number {number} is given to both {other} and {code}")


@cache
def load_territories(directory: Path = TERRITORIES_DIR) -> dict[str, Territory]:
    """All territories of a folder by code, read once per process; overlapping perimeters or numbers refused."""
    territories = {path.stem: load_territory(path) for path in sorted(directory.glob("*.yml"))}
    check_no_overlap(territories)
    return territories
