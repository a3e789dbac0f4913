"""Local aids of a territory (CCAS, commune, département): declarative conditions evaluated next to the national
benefits, in the same result shape, by a pure function.

A territory file lists its aids (``api/territories/<code>.yml``); each has conditions on the answers the
conversation collects (age, commune, household size, resources per household size, housing, children,
activity). The verdict follows the national rules' spirit: an answer that contradicts a condition gives
``not_eligible``; an answer a condition needs and that is not known yet gives ``uncertain`` (never
``not_eligible``), with that answer named in ``missing``. The French reasons are templates (rules/local_aids.yml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from facts.insee import DEPCOM_PATTERN
from rules.explain import euros, render_reason
from rules.results import BenefitResult, HowToApply, Status
from rules.situation import Activity, Child, HousingStatus, Person, Situation

TEMPLATES_FILE = Path(__file__).with_name("local_aids.yml")
LOCAL_PREFIX = "local"
PARTNER_INCOMES = "partner.incomes"


class IncomeCeiling(BaseModel):
    """Monthly resources of the household at most, by household size (people: adults and children)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    by_household_size: dict[int, float] = Field(min_length=1, description="Size → monthly ceiling in euros")
    per_additional_person: float = Field(default=0, ge=0, description="Added for each person beyond the largest size")

    @model_validator(mode="after")
    def _sizes_from_one(self) -> IncomeCeiling:
        sizes = sorted(self.by_household_size)
        if sizes != list(range(1, len(sizes) + 1)):
            raise ValueError("by_household_size must give sizes 1, 2, 3… without a gap")
        if any(amount <= 0 for amount in self.by_household_size.values()):
            raise ValueError("ceilings must be positive")
        return self

    def for_size(self, size: int) -> float:
        """The ceiling of a household of ``size`` people."""
        largest = max(self.by_household_size)
        if size <= largest:
            return self.by_household_size[size]
        return self.by_household_size[largest] + (size - largest) * self.per_additional_person


class Conditions(BaseModel):
    """What the household must be for the aid; a condition not written is not required."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    communes: list[str] | None = Field(default=None, min_length=1, description="INSEE codes (a part of the territory)")
    household_size_min: int | None = Field(default=None, ge=1, le=20)
    household_size_max: int | None = Field(default=None, ge=1, le=20)
    income_ceiling: IncomeCeiling | None = Field(
        default=None, description="Monthly net resources of the resident and partner (housing aid left out)")
    housing: list[HousingStatus] | None = Field(default=None, min_length=1)
    children_min: int | None = Field(default=None, ge=1, le=12)
    children_max_age: int | None = Field(default=None, ge=0, le=25, description="Only children this old or younger")
    activity: list[Activity] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> Conditions:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("age_min is above age_max")
        if (self.household_size_min is not None and self.household_size_max is not None
                and self.household_size_min > self.household_size_max):
            raise ValueError("household_size_min is above household_size_max")
        if self.children_max_age is not None and self.children_min is None:
            raise ValueError("children_max_age needs children_min")
        for code in self.communes or []:
            if not _matches_depcom(code):
                raise ValueError(f"{code!r} is not an INSEE commune code")
        return self


def _matches_depcom(code: str) -> bool:
    return re.match(DEPCOM_PATTERN, code) is not None


class Amount(BaseModel):
    """What the aid gives: an amount per month, per year or once; or, for aid in kind, a text only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float | None = Field(default=None, gt=0, le=100_000)
    period: Literal["month", "year", "once"] = "once"
    text: str | None = Field(default=None, min_length=3, max_length=120, description="Aid in kind: what it gives")

    @model_validator(mode="after")
    def _value_or_text(self) -> Amount:
        if self.value is None and not self.text:
            raise ValueError("an amount needs a value or a text")
        return self


class LocalAid(BaseModel):
    """One local aid, as a territory file declares it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_-]+$", max_length=40)
    label: str = Field(min_length=3, max_length=120)
    example: bool = Field(default=False, description="An example shipped with the code, not a real aid")
    amount: Amount
    how_to_apply: HowToApply
    source: HttpUrl = Field(description="Public page describing this kind of aid")
    as_of: date = Field(description="Date of the rules written here (the source was read then)")
    conditions: Conditions = Field(default_factory=Conditions)


# --- evaluation ------------------------------------------------------------------------------------------------


class Outcome(StrEnum):
    """What one condition says of the situation."""

    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Check:
    """One condition checked: its outcome, the answers it lacks, and the values its reason shows."""

    key: str
    outcome: Outcome
    missing: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)


def age_on(person: Person | Child, on: date) -> int | None:
    """The person's age on ``on``: from the birth date if given, else the age told."""
    if person.birth_date is not None:
        born = person.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return person.age


def household_size(situation: Situation) -> tuple[int | None, tuple[str, ...]]:
    """People in the household (resident, partner, children), or None with the answers it lacks."""
    missing = []
    if situation.in_couple is None:
        missing.append("couple")
    if situation.children is None:
        missing.append("children")
    if missing:
        return None, tuple(missing)
    return 1 + (1 if situation.in_couple else 0) + len(situation.children or []), ()


def _monthly_resources(person: Person) -> float | None:
    if person.incomes is None:
        return None
    return sum(amount for kind, amount in person.incomes.known().items() if kind != "housing_aid")


def household_resources(situation: Situation) -> tuple[float | None, tuple[str, ...]]:
    """Monthly net resources of the resident and partner (housing aid left out), or None with what is lacking."""
    missing: list[str] = []
    own = _monthly_resources(situation)
    if own is None:
        missing.append("incomes")
    partner_resources = 0.0
    if situation.in_couple is None:
        missing.append("couple")
    elif situation.in_couple:
        partner = situation.partner
        resources = _monthly_resources(partner) if partner is not None else None
        if resources is None:
            missing.append(PARTNER_INCOMES)
        else:
            partner_resources = resources
    if missing or own is None:
        return None, tuple(missing)
    return own + partner_resources, ()


def _between(key: str, value: int | None, bound: int, *, minimum: bool, lacking: tuple[str, ...],
             values: dict[str, Any]) -> Check:
    if value is None:
        return Check(key, Outcome.UNKNOWN, lacking, values)
    holds = value >= bound if minimum else value <= bound
    return Check(key, Outcome.MET if holds else Outcome.FAILED, (), values)


def _check_age(conditions: Conditions, situation: Situation, on: date) -> list[Check]:
    age = age_on(situation, on)
    checks = []
    if conditions.age_min is not None:
        checks.append(_between("age_min", age, conditions.age_min, minimum=True, lacking=("age",),
                               values={"age": age, "age_min": conditions.age_min}))
    if conditions.age_max is not None:
        checks.append(_between("age_max", age, conditions.age_max, minimum=False, lacking=("age",),
                               values={"age": age, "age_max": conditions.age_max}))
    return checks


def _check_communes(conditions: Conditions, situation: Situation, _on: date) -> list[Check]:
    if conditions.communes is None:
        return []
    if situation.depcom is None:
        return [Check("communes", Outcome.UNKNOWN, ("depcom",))]
    return [Check("communes", Outcome.MET if situation.depcom in conditions.communes else Outcome.FAILED)]


def _check_household_size(conditions: Conditions, situation: Situation, _on: date) -> list[Check]:
    size, lacking = household_size(situation)
    checks = []
    if conditions.household_size_min is not None:
        checks.append(_between("household_size_min", size, conditions.household_size_min, minimum=True,
                               lacking=lacking, values={"size": size,
                                                        "household_size_min": conditions.household_size_min}))
    if conditions.household_size_max is not None:
        checks.append(_between("household_size_max", size, conditions.household_size_max, minimum=False,
                               lacking=lacking, values={"size": size,
                                                        "household_size_max": conditions.household_size_max}))
    return checks


def _check_income(conditions: Conditions, situation: Situation, _on: date) -> list[Check]:
    ceiling = conditions.income_ceiling
    if ceiling is None:
        return []
    size, size_lacking = household_size(situation)
    resources, resources_lacking = household_resources(situation)
    values: dict[str, Any] = {"first_ceiling": ceiling.for_size(1)}
    if size is None or resources is None:
        lacking = tuple(dict.fromkeys(resources_lacking + size_lacking))
        return [Check("income_ceiling", Outcome.UNKNOWN, lacking, values)]
    limit = ceiling.for_size(size)
    values.update(size=size, resources=resources, ceiling=limit)
    return [Check("income_ceiling", Outcome.MET if resources <= limit else Outcome.FAILED, (), values)]


def _check_housing(conditions: Conditions, situation: Situation, _on: date) -> list[Check]:
    if conditions.housing is None:
        return []
    labels = [_templates().housing_labels[status.value] for status in conditions.housing]
    status = situation.housing.status if situation.housing is not None else None
    if status is None:
        return [Check("housing", Outcome.UNKNOWN, ("housing",), {"housing_labels": labels})]
    outcome = Outcome.MET if status in conditions.housing else Outcome.FAILED
    return [Check("housing", outcome, (), {"housing_labels": labels})]


def _check_children(conditions: Conditions, situation: Situation, on: date) -> list[Check]:
    if conditions.children_min is None:
        return []
    values: dict[str, Any] = {"children_min": conditions.children_min, "children_max_age": conditions.children_max_age}
    if situation.children is None:
        return [Check("children_min", Outcome.UNKNOWN, ("children",), values)]
    limit = conditions.children_max_age
    ages = [age_on(child, on) for child in situation.children]
    counted = len(ages) if limit is None else sum(1 for age in ages if age is not None and age <= limit)
    unknown_ages = 0 if limit is None else sum(1 for age in ages if age is None)
    values["count"] = counted
    if counted >= conditions.children_min:
        return [Check("children_min", Outcome.MET, (), values)]
    if counted + unknown_ages >= conditions.children_min:
        return [Check("children_min", Outcome.UNKNOWN, ("children",), values)]
    return [Check("children_min", Outcome.FAILED, (), values)]


def _check_activity(conditions: Conditions, situation: Situation, _on: date) -> list[Check]:
    if conditions.activity is None:
        return []
    values = {"activity_labels": [_templates().activity_labels[activity.value] for activity in conditions.activity]}
    if situation.activity is None:
        return [Check("activity", Outcome.UNKNOWN, ("activity",), values)]
    return [Check("activity", Outcome.MET if situation.activity in conditions.activity else Outcome.FAILED, (),
                  values)]


CHECKS: tuple[Callable[[Conditions, Situation, date], list[Check]], ...] = (
    _check_communes, _check_age, _check_household_size, _check_children, _check_housing, _check_activity,
    _check_income,
)


def check_conditions(conditions: Conditions, situation: Situation, *, on: date) -> list[Check]:
    """Every condition of an aid checked against the situation, in a stable order."""
    return [check for function in CHECKS for check in function(conditions, situation, on)]


# --- results ---------------------------------------------------------------------------------------------------


class Templates(BaseModel):
    """The French texts of local aids (rules/local_aids.yml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reasons: dict[str, dict[Outcome, str]]
    amounts: dict[Literal["month", "year", "once"], str]
    closing: dict[Status, str]
    housing_labels: dict[str, str]
    activity_labels: dict[str, str]


@cache
def _templates(path: Path = TEMPLATES_FILE) -> Templates:
    return Templates.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def benefit_id(territory: str, aid: LocalAid) -> str:
    """The result's benefit id: ``local:<territory>:<aid>`` (contract 5)."""
    return f"{LOCAL_PREFIX}:{territory}:{aid.id}"


def _status(checks: Sequence[Check]) -> Status:
    outcomes = {check.outcome for check in checks}
    if Outcome.FAILED in outcomes:
        return Status.NOT_ELIGIBLE
    if Outcome.UNKNOWN in outcomes:
        return Status.UNCERTAIN
    return Status.ELIGIBLE


def _reasons(aid: LocalAid, checks: Sequence[Check], status: Status) -> list[str]:
    templates = _templates()
    # Not eligible: only what rules it out; otherwise every condition, met or waiting for an answer.
    shown = [check for check in checks if check.outcome is Outcome.FAILED] if status is Status.NOT_ELIGIBLE else checks
    reasons = [render_reason(templates.reasons[check.key][check.outcome], **check.values) for check in shown]
    if status is not Status.NOT_ELIGIBLE and aid.amount.value is not None:
        reasons.append(render_reason(templates.amounts[aid.amount.period], amount=aid.amount.value))
    elif status is not Status.NOT_ELIGIBLE and aid.amount.text:
        reasons.append(aid.amount.text)
    reasons.append(render_reason(templates.closing[status], institution=aid.how_to_apply.institution))
    return reasons


def evaluate_aid(territory: str, aid: LocalAid, situation: Situation, *, on: date) -> BenefitResult:
    """One local aid for one situation: eligible, not eligible, or uncertain with the answers it lacks."""
    checks = check_conditions(aid.conditions, situation, on=on)
    status = _status(checks)
    missing = list(dict.fromkeys(name for check in checks if check.outcome is Outcome.UNKNOWN
                                 for name in check.missing))
    monthly = aid.amount.value if aid.amount.period == "month" else None
    yearly = aid.amount.value if aid.amount.period == "year" else None
    return BenefitResult(
        benefit=benefit_id(territory, aid),
        label=aid.label,
        status=status,
        monthly_amount=monthly if status is not Status.NOT_ELIGIBLE else None,
        monthly_amount_text=euros(monthly) if monthly is not None and status is not Status.NOT_ELIGIBLE else None,
        reasons=_reasons(aid, checks, status),
        missing=missing,
        how_to_apply=aid.how_to_apply,
        legislation_date=aid.as_of,
        yearly_amount=yearly if status is not Status.NOT_ELIGIBLE else None,
        yearly_amount_text=euros(yearly) if yearly is not None and status is not Status.NOT_ELIGIBLE else None,
    )


def evaluate_local_aids(territory: str, aids: Sequence[LocalAid], situation: Situation, *,
                        on: date) -> list[BenefitResult]:
    """Every local aid of a territory for a situation, in the order the territory file lists them."""
    return [evaluate_aid(territory, aid, situation, on=on) for aid in aids]
