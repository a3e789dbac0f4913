"""What a person does and how much it brings each month, told in one answer (pure).

« il est au chômage, 1100 », « retraitée, 710 € par mois », « salarié, je gagne 1300 net », « sans revenu »: the
partner's situation is asked in one question, and the resident may give their own amount with their activity.
The activity is read by nlu.activity, the amount by nlu.numbers; benefits the engine computes itself (RSA, prime
d'activité, APL) are not an income.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from nlu.activity import ActivityStatus, read_activity
from nlu.numbers import read_amount
from nlu.text import fold, has_any, padded, phrases, words

# fmt: off
_NOTHING: Final = phrases(
    "sans revenu", "sans revenus", "aucun revenu", "pas de revenu", "pas de revenus", "ne touche rien",
    "touche rien", "gagne rien", "ne gagne rien", "sans indemnite", "sans indemnites", "pas d indemnite",
    "pas d indemnites", "sans allocation", "sans allocations", "sans chomage", "fin de droits", "fin de droit",
    "plus de droits", "plus de droit", "sans droits", "droits epuises", "non indemnise", "non indemnisee",
    "pas indemnise", "pas indemnisee", "rien du tout", "zero", "0", "nada", "sans ressources", "aucune ressource",
    "droit a rien", "droit a aucune", "pas droit", "pas dindemnite", "pas dindemnites", "aucune indemnite",
    "il fait rien", "elle fait rien", "ne fait rien", "il a rien", "elle a rien", "touche r", "jtouche r",
    "sans rien toucher", "sans rien percevoir", "touche plus rien", "ne touche plus rien",
)
# fmt: on
_BENEFITS_ONLY: Final = phrases(
    "rsa", "au rsa", "le rsa", "prime d activite", "apl", "caf", "allocations familiales", "alloc", "alloc caf",
)
"""Money the engine computes itself: not an income to tell it."""
_VARYING: Final = phrases("parfois", "des fois", "ca depend", "ca varie", "variable", "selon les", "certains mois")
"""An amount that varies: « parfois rien » is not « nothing »."""
_EARNS: Final = phrases("gagne", "il gagne", "elle gagne", "salaire", "son salaire", "sa paie", "sa paye", "bosse")
"""« mon compagnon gagne 1650 par mois »: an amount earned is a salary (left unsaid, a partner of 62 or more would
be taken as retired)."""
_SMALLEST_AMOUNT: Final = 20
_CURRENCY: Final = re.compile(r"€|\beuros?\b|\beur\b|\bballes\b")
WITHOUT_INCOME_BY_DEFAULT: Final = frozenset(
    {ActivityStatus.STUDENT, ActivityStatus.INACTIVE, ActivityStatus.PARENTAL_LEAVE}
)


@dataclass(frozen=True)
class Occupation:
    """A status (None when only an amount was told) and a monthly amount (None when not told)."""

    status: ActivityStatus | None
    monthly: float | None = None
    approximate: bool = False
    """The amount was told as a guess (« environ 900 », « entre 800 et 900 »): kept, and said back as such."""


def read_occupation(text: str) -> Occupation | None:
    """Read « au chômage, 1100 », « retraitée 710 € », « sans revenu », « 1300 » (an amount alone); None when the
    answer names neither an activity nor an amount."""
    activity = read_activity(text)
    folded = fold(text)  # a year (« retraité depuis 2019 ») is no amount: nlu.amount_words
    spaced = padded(folded)
    amount = read_amount(folded)
    status = activity.status if activity else None
    benefits_only = has_any(spaced, _BENEFITS_ONLY) and status in (ActivityStatus.UNEMPLOYED, ActivityStatus.INACTIVE)
    nothing = has_any(spaced, _NOTHING) or words(folded) in (["rien"], ["aucun"], ["aucune"], ["nada"])
    if benefits_only or (amount is None and nothing):
        return Occupation(status=status or ActivityStatus.INACTIVE, monthly=0.0)
    if amount is not None and amount.stated == 0 and has_any(spaced, _VARYING):
        amount = None  # « des missions, parfois rien »: it varies, the amount is asked on its own
    if amount is not None and 0 < amount.stated < _SMALLEST_AMOUNT and not _CURRENCY.search(folded):
        amount = None  # « invalidité catégorie 2 », « 2 emplois »: a count, not money
    if amount is not None:
        earns = has_any(spaced, _EARNS)
        no_status = ActivityStatus.INACTIVE if amount.monthly == 0 else ActivityStatus.EMPLOYED if earns else None
        return Occupation(status=status or no_status, monthly=round(amount.monthly, 2), approximate=amount.approximate)
    if status is None:
        return None
    return Occupation(status=status)
