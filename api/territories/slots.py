"""Callback slots from a territory's opening hours: a pure function of the hours and of ``now``.

A slot is one opening range of one day (or a piece of it, when the territory sets ``slot_minutes``), in the
territory's time zone. It is bookable when it starts at least ``min_notice_minutes`` after ``now``, within
``horizon_days`` days, on a day that is not closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


@dataclass(frozen=True)
class Slot:
    """A time range in which the team will call, aware datetimes in the territory's time zone."""

    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        """How the resident reads it: « mardi 1er décembre entre 9 h et 12 h »."""
        return f"{french_date(self.start.date())} entre {french_time(self.start.time())} et " \
               f"{french_time(self.end.time())}"


def french_date(day: date) -> str:
    """« lundi 30 novembre », « mardi 1er décembre »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{JOURS[day.weekday()]} {number} {MOIS[day.month - 1]}"


def french_time(moment: time) -> str:
    """« 9 h », « 13 h 30 »."""
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def _day_slots(day: date, ranges: list[tuple[time, time]], zone: ZoneInfo, slot_minutes: int | None) -> list[Slot]:
    slots = []
    for opens, closes in ranges:
        start = datetime.combine(day, opens, tzinfo=zone)
        end = datetime.combine(day, closes, tzinfo=zone)
        if slot_minutes is None:
            slots.append(Slot(start, end))
            continue
        step = timedelta(minutes=slot_minutes)
        while start + step <= end:
            slots.append(Slot(start, start + step))
            start += step
    return slots


class Hours(Protocol):
    """Opening hours as slots read them (the territory's settings; kept abstract so this module imports none)."""

    def ranges(self, weekday: str) -> list[tuple[time, time]]: ...


class SlotRules(Protocol):
    """What slots read of a territory's callback settings."""

    @property
    def opening_hours(self) -> Hours: ...

    @property
    def slot_minutes(self) -> int | None: ...

    @property
    def min_notice_minutes(self) -> int: ...

    @property
    def horizon_days(self) -> int: ...

    @property
    def closed_dates(self) -> frozenset[date]: ...


def next_slots(settings: SlotRules, *, now: datetime, count: int, zone: ZoneInfo) -> list[Slot]:
    """The next ``count`` bookable slots after ``now`` (aware), earliest first; fewer if the horizon ends first."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    local_now = now.astimezone(zone)
    earliest = local_now + timedelta(minutes=settings.min_notice_minutes)
    slots: list[Slot] = []
    for offset in range(settings.horizon_days + 1):
        day = local_now.date() + timedelta(days=offset)
        if day in settings.closed_dates:
            continue
        ranges = settings.opening_hours.ranges(WEEKDAYS[day.weekday()])
        for slot in _day_slots(day, ranges, zone, settings.slot_minutes):
            if slot.start >= earliest:
                slots.append(slot)
                if len(slots) == count:
                    return slots
    return slots


def find_slot(settings: SlotRules, *, now: datetime, start: datetime, zone: ZoneInfo) -> Slot | None:
    """The bookable slot that starts at ``start``, or None if no such slot is offered from ``now``."""
    for slot in next_slots(settings, now=now, count=10_000, zone=zone):
        if slot.start == start:
            return slot
        if slot.start > start:
            return None
    return None
