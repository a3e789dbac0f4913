"""From judgements to the answer given to the resident: status, amount, reasons, missing answers, where to apply.

The household as told (unknowns filled by the documented assumptions) is judged, and so is each variant (one unknown
answer given another value). Eligible as told: eligible, and the variants that change the answer or the amount are the
missing answers. Not eligible as told but eligible in a variant of an answer that decides the benefit (the kind of
household it exists for: children for family benefits, disability for the AAH, renting for housing aid…, the
catalogue's ``decided_by``): uncertain, since a false "no" is the worst error. Other answers that would open it are
listed as missing, first the deciding ones; the household is otherwise judged as told, as the public simulators do.
A caveat (stale law, a case OpenFisca cannot compute) makes the answer uncertain whatever the variants say.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from functools import cache

import yaml

from rules.benefits.base import Outcome
from rules.catalogue import CatalogueEntry
from rules.explain import cents, euros, join_fr, render_reason
from rules.household import ASSUMPTIONS_FILE
from rules.results import BenefitResult, HowToApply, Status

AMOUNT_TOLERANCE = 0.5
"""Two amounts closer than 50 cents are the same answer (float32 noise, rounding of housing aid to the euro)."""


@cache
def questions() -> tuple[Mapping[str, str], str]:
    """How each missing answer is named in French, and the reason template that lists them."""
    data = yaml.safe_load(ASSUMPTIONS_FILE.read_text(encoding="utf-8"))
    return data["questions"], data["depends_on"]


def _changes(base: Outcome, variant: Outcome) -> bool:
    if variant.eligible != base.eligible:
        return True
    return any(abs((new or 0.0) - (old or 0.0)) >= AMOUNT_TOLERANCE
               for new, old in ((variant.amount, base.amount), (variant.yearly_amount, base.yearly_amount),
                                (variant.one_off_amount, base.one_off_amount)))


def status_and_missing(base: Outcome, variants: Mapping[str, Outcome],
                       decided_by: Collection[str]) -> tuple[Status, list[str]]:
    """The three-valued answer, and the unknown answers that would change it (those that decide it first)."""
    if base.eligible:
        missing = [key for key, outcome in variants.items() if _changes(base, outcome)]
        status = Status.ELIGIBLE
    else:
        opening = [key for key, outcome in variants.items() if outcome.eligible]
        deciding = [key for key in opening if key in decided_by]
        missing = deciding + [key for key in opening if key not in deciding]
        status = Status.UNCERTAIN if deciding else Status.NOT_ELIGIBLE
    if base.caveat is not None:
        status = Status.UNCERTAIN
    return status, missing


def result(entry: CatalogueEntry, base: Outcome, variants: Mapping[str, Outcome],
           legislation_date: date) -> BenefitResult:
    """One benefit's answer for one household."""
    status, missing = status_and_missing(base, variants, entry.decided_by)
    reasons = [render_reason(entry.reasons[base.reason], **base.values)]
    reasons += [render_reason(entry.reasons[key], **values) for key, values in base.extra_reasons]
    if base.caveat is not None and base.caveat != base.reason:
        reasons.append(render_reason(entry.reasons[base.caveat], **base.values))
    labels, depends_on = questions()
    deciding = [key for key in missing if key in entry.decided_by]
    if status is Status.UNCERTAIN and not base.eligible and deciding:
        reasons.append(render_reason(depends_on, answers=join_fr([labels[key] for key in deciding])))
    monthly = cents(base.amount) if base.eligible and base.amount is not None else None
    yearly = cents(base.yearly_amount) if base.eligible and base.yearly_amount is not None else None
    once = cents(base.one_off_amount) if base.eligible and base.one_off_amount is not None else None
    return BenefitResult(
        benefit=entry.benefit,
        label=entry.label,
        status=status,
        monthly_amount=monthly,
        monthly_amount_text=None if monthly is None else euros(monthly),
        reasons=reasons,
        missing=missing,
        how_to_apply=HowToApply(institution=entry.institution, url=str(entry.url)),
        legislation_date=legislation_date,
        yearly_amount=yearly,
        yearly_amount_text=None if yearly is None else euros(yearly),
        one_off_amount=once,
        one_off_amount_text=None if once is None else euros(once),
    )
