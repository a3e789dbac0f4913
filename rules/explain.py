"""Plain-French reasons: catalogue templates rendered with values the engine computed, in French formats."""

from __future__ import annotations

import re

from babel.numbers import format_currency
from jinja2 import Environment, StrictUndefined

# A reason with a missing value must fail loudly in tests rather than read "le RSA est de  par mois".
_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)  # noqa: S701 - plain text
_ASCII_WHITESPACE = re.compile(r"[ \t\r\n]+")


def euros(amount: float) -> str:
    """An amount as a French reader expects it: "1 368,50 €" (cents dropped when whole)."""
    # A no-break space before the sign, so "651,69 €" never wraps between the number and the euro.
    pattern = "#,##0\u00a0¤" if round(amount, 2) == int(amount) else "#,##0.00\u00a0¤"
    return format_currency(amount, "EUR", format=pattern, locale="fr_FR", currency_digits=False)


def render_reason(template: str, **values: object) -> str:
    """Render one reason template; line breaks and runs of spaces folded, no-break spaces of amounts kept."""
    return _ASCII_WHITESPACE.sub(" ", _ENV.from_string(template).render(**values)).strip()
