"""Territory settings as data: one YAML file per territory in this folder, validated when it is loaded.

Only what callbacks need for now (the case system, opening hours); other sections (perimeter, SMS sender, local
aids) are added as new optional fields of ``Territory``. Secret values never appear in these files: they name the
environment variables that hold them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from api.case_systems import CaseSystemConfig, EnvName
from api.territories.slots import WEEKDAYS, Slot, find_slot, next_slots

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


class Territory(BaseModel):
    """One territory of the experiment."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z0-9-]+$", max_length=32)
    name: str = Field(min_length=2)
    example: bool = Field(default=False, description="An example shipped with the code, not a live set-up")
    timezone: str = "Europe/Paris"
    callbacks: CallbackSettings

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


@cache
def load_territories(directory: Path = TERRITORIES_DIR) -> dict[str, Territory]:
    """All territories of a folder by code, read once per process."""
    return {path.stem: load_territory(path) for path in sorted(directory.glob("*.yml"))}
