"""A warm OpenFisca-France engine shared by the rule tests, and the day they compute for."""

from __future__ import annotations

from datetime import date

import pytest

from rules.engine import Engine
from rules.results import BenefitResult
from rules.situation import Situation

ON = date(2026, 11, 25)
"""The rule tests compute for this day: legislation of November 2026 (RSA of 2026-04-01, housing aid of 2026-10-01)."""


@pytest.fixture(scope="session")
def engine() -> Engine:
    """Loading the tax-benefit system and its first simulation take seconds: once per session."""
    warm = Engine()
    warm.warm_up(ON)
    return warm


def by_benefit(results: list[BenefitResult]) -> dict[str, BenefitResult]:
    """Results keyed by benefit code."""
    return {result.benefit: result for result in results}


def evaluate(engine: Engine, on: date = ON, **answers: object) -> dict[str, BenefitResult]:
    """Every benefit for a situation given as keyword answers."""
    return by_benefit(engine.evaluate(Situation.model_validate(answers), on=on))
