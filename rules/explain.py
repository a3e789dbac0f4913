"""Plain-French reasons: catalogue templates rendered with values the engine computed, in French formats."""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from jinja2 import Environment, StrictUndefined, Template

# A reason with a missing value must fail loudly in tests rather than read "le RSA est de  par mois".
_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)  # noqa: S701 - plain text
_ASCII_WHITESPACE = re.compile(r"[ \t\r\n]+")


def cents(value: Any) -> float:
    """An amount rounded half-up to the cent, from its shortest decimal form.

    OpenFisca computes in float32, which holds 1043.595 as 1043.59497…; its shortest decimal form is the amount the
    formula meant, and the cent a reader expects is 1043,60.
    """
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def euros(amount: float) -> str:
    """An amount as a French reader expects it: "1 368,50 €" (cents dropped when whole)."""
    amount = cents(amount)
    # A no-break space before the sign, so "651,69 €" never wraps between the number and the euro.
    pattern = "#,##0\u00a0¤" if amount == int(amount) else "#,##0.00\u00a0¤"
    return format_currency(amount, "EUR", format=pattern, locale="fr_FR", currency_digits=False)


def number(value: float) -> str:
    """A number in French: "1,5", "2"."""
    return format_decimal(round(float(value), 2), locale="fr_FR")


def date_fr(day: date) -> str:
    """"1er avril 2026", "15 mars 2025"."""
    text = format_date(day, format="d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if day.day == 1 else text


def join_fr(items: list[str]) -> str:
    """"a", "a et b", "a, b et c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


_ENV.filters.update(euros=euros, number=number, date_fr=date_fr, join_fr=join_fr)


@functools.lru_cache(maxsize=1024)
def _compiled(template: str) -> Template:
    return _ENV.from_string(template)


def render_reason(template: str, **values: object) -> str:
    """Render one reason template; line breaks and runs of spaces folded, no-break spaces of amounts kept."""
    return _ASCII_WHITESPACE.sub(" ", _compiled(template).render(**values)).strip()
