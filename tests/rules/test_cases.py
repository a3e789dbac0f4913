"""Household cases as data (tests/rules/cases/*.yml): each named as a sentence, each citing its source.

A case gives a situation (the body of POST /api/v1/eligibility) and, per benefit, what the published barèmes give:
``status``, ``monthly_amount``, ``yearly_amount`` or ``one_off_amount`` (to the cent), ``amount_between`` (bounds
derived from the formula when the amount itself needs the whole barème), ``missing`` (exactly) or
``missing_includes``, and ``reason_contains`` (a piece of the French reasons, spaces ordinary). All cases run in one
batch on the shared engine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from rules.engine import Engine
from rules.results import BenefitResult, Status
from rules.situation import Situation
from tests.rules.conftest import ON, by_benefit

CASES_DIR = Path(__file__).parent / "cases"
BENEFITS = {"rsa", "ppa", "aspa", "aah", "aide_logement", "cheque_energie", "af", "cf", "asf", "css",
    "paje_base", "paje_naissance", "aeeh", "ars", "bourse_college", "bourse_lycee", "ass", "contrat_engagement_jeune",
    "reduction_loyer_solidarite"}


class Expected(BaseModel):
    """What one benefit must be for one case."""

    model_config = ConfigDict(extra="forbid")

    status: Status
    monthly_amount: float | None = None
    yearly_amount: float | None = None
    one_off_amount: float | None = None
    amount_between: tuple[float, float] | None = None
    missing: list[str] | None = None
    missing_includes: list[str] | None = None
    reason_contains: str | None = None


class Case(BaseModel):
    """A household case."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=20)
    source: str = Field(min_length=10)
    on: date = ON
    situation: Situation
    expected: dict[str, Expected] = Field(min_length=1)


def load_cases() -> list[Case]:
    return [Case.model_validate(case) for path in sorted(CASES_DIR.glob("*.yml"))
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


CASES = load_cases()


@pytest.fixture(scope="module")
def computed(engine: Engine) -> dict[str, dict[str, BenefitResult]]:
    """Every case, the cases of a day in one simulation."""
    results: dict[str, dict[str, BenefitResult]] = {}
    for day in sorted({case.on for case in CASES}):
        cases = [case for case in CASES if case.on == day]
        for case, answer in zip(cases, engine.evaluate_many([case.situation for case in cases], on=day), strict=True):
            results[case.name] = by_benefit(answer)
    return results


def plain(text: str) -> str:
    """French amounts with ordinary spaces (the results use no-break spaces around thousands and before €)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def check(result: BenefitResult, expected: Expected) -> list[str]:
    """What differs, in words (empty when the result is as expected)."""
    problems: list[str] = []
    actual: dict[str, Any] = result.model_dump()
    if result.status is not expected.status:
        problems.append(f"status {result.status.value} != {expected.status.value}")
    for field in ("monthly_amount", "yearly_amount", "one_off_amount"):
        wanted = getattr(expected, field)
        if wanted is not None and (actual[field] is None or abs(actual[field] - wanted) > 0.005):
            problems.append(f"{field} {actual[field]} != {wanted}")
    if expected.amount_between is not None:
        low, high = expected.amount_between
        if result.monthly_amount is None or not low <= result.monthly_amount <= high:
            problems.append(f"monthly_amount {result.monthly_amount} not in [{low}, {high}]")
    if expected.missing is not None and result.missing != expected.missing:
        problems.append(f"missing {result.missing} != {expected.missing}")
    if expected.missing_includes is not None and not set(expected.missing_includes) <= set(result.missing):
        problems.append(f"missing {result.missing} lacks {expected.missing_includes}")
    if expected.reason_contains is not None and expected.reason_contains not in plain(" ".join(result.reasons)):
        problems.append(f"no {expected.reason_contains!r} in {result.reasons}")
    return problems


def test_there_are_at_least_thirty_cases_and_every_benefit_is_covered() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)
    assert {benefit for case in CASES for benefit in case.expected} == BENEFITS


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_household_case(case: Case, computed: dict[str, dict[str, BenefitResult]]) -> None:
    results = computed[case.name]
    problems = {benefit: check(results[benefit], expected) for benefit, expected in case.expected.items()}
    assert not {benefit: found for benefit, found in problems.items() if found}, case.source
