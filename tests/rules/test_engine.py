"""The engine on OpenFisca-France: amounts from the dated law, reasons from the engine's values."""

from __future__ import annotations

from datetime import date

import pytest

from rules.engine import Engine, household_entities, last_change, month_of, previous_months
from rules.results import Status
from rules.situation import Situation


def test_previous_months_cross_the_year() -> None:
    assert previous_months(date(2026, 2, 10), 3) == ["2025-11", "2025-12", "2026-01"]
    assert month_of(date(2026, 2, 10)) == "2026-02"


def test_household_repeats_age_over_the_months_the_rsa_reads() -> None:
    entities = household_entities(Situation(age=40), date(2026, 1, 5))
    assert entities["individus"]["demandeur"]["age"] == {"2025-10": 40, "2025-11": 40, "2025-12": 40, "2026-01": 40}


@pytest.mark.parametrize(
    ("on", "expected_amount", "expected_date"),
    [
        # Décret n° 2026-220 du 30 mars 2026: RSA socle 651,69 € from 2026-04-01.
        (date(2026, 11, 25), 651.69, date(2026, 4, 1)),
        # Décret n° 2025-293 du 29 mars 2025: RSA socle 646,52 € from 2025-04-01.
        (date(2025, 12, 1), 646.52, date(2025, 4, 1)),
    ],
)
def test_single_adult_without_income_gets_the_rsa_socle_of_the_month(
    engine: Engine, on: date, expected_amount: float, expected_date: date
) -> None:
    (rsa,) = engine.evaluate(Situation(age=30), on=on)
    assert rsa.status is Status.ELIGIBLE
    assert rsa.monthly_amount == expected_amount
    assert rsa.legislation_date == expected_date
    assert rsa.reasons == ["Vous avez 25 ans ou plus et pas de revenu : le RSA complète vos ressources jusqu'au "
                           "montant prévu pour une personne seule."]


@pytest.mark.parametrize("age", [18, 24])
def test_adult_under_25_without_child_is_not_eligible_to_rsa(engine: Engine, age: int) -> None:
    (rsa,) = engine.evaluate(Situation(age=age), on=date(2026, 11, 25))
    assert rsa.status is Status.NOT_ELIGIBLE
    assert rsa.monthly_amount is None
    assert rsa.reasons[0].startswith("Le RSA est en principe ouvert à partir de 25 ans.")


@pytest.mark.parametrize("age", [65, 76])
def test_over_65_without_income_is_told_the_aspa_comes_first(engine: Engine, age: int) -> None:
    # ASPA for a single person: 12 523,14 € a year from 2026-01-01, i.e. 1 043,60 € a month (art. D815-1 CSS).
    (rsa,) = engine.evaluate(Situation(age=age), on=date(2026, 11, 25))
    assert rsa.status is Status.NOT_ELIGIBLE
    assert "ASPA" in rsa.reasons[0]
    assert "1\u202f043,60\xa0€" in rsa.reasons[0]


def test_25th_birthday_opens_the_rsa(engine: Engine) -> None:
    (rsa,) = engine.evaluate(Situation(age=25), on=date(2026, 11, 25))
    assert rsa.status is Status.ELIGIBLE


def test_legislation_date_is_last_change_not_after_the_day(engine: Engine) -> None:
    parameter = engine.system.parameters.prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m
    assert last_change(parameter.montant_de_base_du_rsa, date(2026, 3, 31)) == date(2025, 4, 1)


def test_cents_rounds_the_float32_amount_the_formula_meant() -> None:
    import numpy as np

    from rules.engine import cents

    assert cents(np.float32(12523.14 / 12)) == 1043.60
    assert cents(np.float32(651.69)) == 651.69
    assert cents(np.float32(0.004)) == 0.0
