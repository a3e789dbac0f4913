"""The result of the rule set for one benefit: what the public contract returns."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Status(StrEnum):
    """Three answers, never more: the bot informs, it never decides (GDPR art. 22)."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNCERTAIN = "uncertain"


class HowToApply(BaseModel):
    """Where the resident goes next."""

    institution: str
    url: str


class BenefitResult(BaseModel):
    """One benefit, its monthly amount and the reasons in plain French."""

    model_config = ConfigDict(frozen=True)

    benefit: str
    label: str
    status: Status
    monthly_amount: float | None
    monthly_amount_text: str | None
    reasons: list[str]
    missing: list[str]
    """Answers the resident has not given that would change this result (situation field paths)."""
    how_to_apply: HowToApply
    legislation_date: date
    yearly_amount: float | None = None
    """For benefits paid once a year (the chèque énergie, the allocation de rentrée scolaire, school grants),
    instead of a monthly amount."""
    yearly_amount_text: str | None = None
    one_off_amount: float | None = None
    """For benefits paid once (the prime à la naissance of the PAJE), instead of a monthly or yearly amount."""
    one_off_amount_text: str | None = None
