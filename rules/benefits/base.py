"""What every benefit module provides: the engine values it reads, and a judgement of one household from them.

A judgement never decides alone: the engine combines the judgement of the household as told (unknown answers filled by
the documented assumptions) with the judgements of its variants into eligible / not_eligible / uncertain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from rules.situation import Situation

PeriodKind = Literal["month", "year", "year_n2"]
"""The month of the computation, its calendar year, or the year N-2 (tax notices, family benefits' resources)."""

ZERO = 0.005
"""Below half a cent an amount is nothing."""


@dataclass(frozen=True)
class Outcome:
    """One benefit for one household: eligible or not, the amount, and why (a catalogue template and its values)."""

    eligible: bool
    reason: str
    values: Mapping[str, Any] = field(default_factory=dict)
    amount: float | None = None
    yearly_amount: float | None = None
    one_off_amount: float | None = None
    """Paid once (the prime à la naissance), instead of a monthly or yearly amount."""
    extra_reasons: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    caveat: str | None = None
    """A reason key that makes the answer uncertain whatever the variants say (stale law, not computable)."""
    parameter: str = ""
    """The parameter whose latest dated change is the result's legislation date."""


class Reader(Protocol):
    """The engine's values for one household, and the law at the date of the computation."""

    situation: Situation
    on: date

    def __call__(self, variable: str, period: PeriodKind = "month") -> float:
        """A value of the household's family, dwelling or tax household (entity-level variables)."""

    def each(self, variable: str, period: PeriodKind = "month") -> list[float]:
        """A person-level variable for each adult, resident first."""

    def parameter(self, path: str) -> Any:
        """A parameter (dotted path) at the date of the computation."""

    def stale_margin(self, path: str) -> float:
        """0 when the parameter is current; else how far (a fraction) its true value may be from the one we hold.

        Within that margin of a stale threshold, the engine cannot tell: the result is uncertain.
        """

    def last_change(self, path: str) -> date:
        """The date from which the parameter's current value applies."""


@dataclass(frozen=True)
class Benefit:
    """A benefit the engine knows: its code (catalogue file name), the values it reads, its judgement."""

    code: str
    reads: tuple[tuple[str, PeriodKind], ...]
    judge: Callable[[Reader], Outcome]


NUMBERS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze")


def children_text(count: int) -> str:
    """'un enfant', 'deux enfants'."""
    word = NUMBERS[count] if count < len(NUMBERS) else str(count)
    return f"{word} enfant{'s' if count > 1 else ''}"


def household_text(situation: Situation) -> str:
    """The household as the law's amounts name it: 'une personne seule', 'un couple avec deux enfants'."""
    children = len(situation.children or [])
    adults = "un couple" if situation.in_couple else "une personne seule"
    return f"{adults} avec {children_text(children)}" if children else adults


def persons_text(situation: Situation) -> str:
    """'1 personne', '4 personnes' (the CSS and the chèque énergie count persons)."""
    count = (2 if situation.in_couple else 1) + len(situation.children or [])
    return f"{count} personne{'s' if count > 1 else ''}"


def positive(value: float) -> bool:
    """An amount that is really paid."""
    return value > ZERO
