"""Memoised period arithmetic for OpenFisca-core.

One bilan offsets the same few dozen months and years tens of thousands of times (each read of "the last three
months" or "the previous year" rebuilds its periods through pendulum date arithmetic): about a fifth of the engine's
time. ``Instant`` and ``Period`` are immutable tuples and their ``offset`` and ``get_subperiods`` are pure functions of
their arguments, so they are memoised once per process by ``install()``; so is the parsing of a period written as a
string (about 500 pendulum parses per household with its variants: every input's period, every eternal variable).
"""

from __future__ import annotations

import functools
from typing import Any

from openfisca_core import periods
from openfisca_core.periods import Instant, Period

_INSTALLED = False
CACHE_SIZE = 1 << 16


def install() -> None:
    """Memoise ``Instant.offset``, ``Period.offset``, ``Period.get_subperiods``; skip ``periods.period`` for Periods."""
    global _INSTALLED
    if _INSTALLED:
        return
    Instant.offset = functools.lru_cache(maxsize=CACHE_SIZE)(Instant.offset)  # type: ignore[method-assign]
    Period.offset = functools.lru_cache(maxsize=CACHE_SIZE)(Period.offset)  # type: ignore[method-assign]
    subperiods = functools.lru_cache(maxsize=CACHE_SIZE)(lambda period, unit: tuple(_get_subperiods(period, unit)))

    def get_subperiods(self: Period, unit: Any) -> list[Period]:
        return list(subperiods(self, unit))

    Period.get_subperiods = get_subperiods  # type: ignore[method-assign]
    periods.period = _period_or_itself  # type: ignore[assignment]
    _INSTALLED = True


def _period_or_itself(value: Any) -> Any:
    """``periods.period`` without its single-dispatch lookup when the value already is a Period (most calls), and
    parsed once per process when it is a string or a number ("2026-03", "2024", "eternity": each input the builder
    sets, each eternal variable's storage look-up)."""
    if type(value) is Period:
        return value
    return _parsed(value) if isinstance(value, (str, int)) else _period(value)


@functools.lru_cache(maxsize=CACHE_SIZE, typed=True)
def _parsed(value: str | int) -> Period:
    parsed: Period = _period(value)
    return parsed


_get_subperiods = Period.get_subperiods
_period = periods.period
