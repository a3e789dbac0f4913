"""The engine on OpenFisca-France: amounts from the dated law, reasons from the engine's values, three answers."""

from __future__ import annotations

from datetime import date

import pytest

from rules.benefits import BENEFITS
from rules.engine import Engine
from rules.results import Status
from rules.samples import SAMPLE_SITUATIONS
from rules.situation import Situation
from tests.rules.conftest import ON, by_benefit, evaluate

CODES = ["rsa", "ppa", "aspa", "aah", "aide_logement", "cheque_energie", "af", "cf", "asf", "css",
    "paje_base", "paje_naissance", "aeeh", "ars", "bourse_college", "bourse_lycee", "ass", "contrat_engagement_jeune",
    "reduction_loyer_solidarite"]


@pytest.mark.parametrize(
    ("on", "expected_amount", "expected_date"),
    [
        # Décret n° 2026-220 du 30 mars 2026: RSA socle 651,69 € from 2026-04-01.
        (ON, 651.69, date(2026, 4, 1)),
        # Décret n° 2025-293 du 29 mars 2025: RSA socle 646,52 € from 2025-04-01.
        (date(2025, 12, 1), 646.52, date(2025, 4, 1)),
    ],
)
def test_single_adult_without_income_gets_the_rsa_socle_of_the_month(
    engine: Engine, on: date, expected_amount: float, expected_date: date
) -> None:
    rsa = evaluate(engine, on=on, age=30)["rsa"]
    assert rsa.status is Status.ELIGIBLE
    assert rsa.monthly_amount == expected_amount
    assert rsa.legislation_date == expected_date
    assert rsa.reasons == ["Vous avez 25 ans ou plus et pas de revenu : le RSA complète vos ressources jusqu'au "
                           "montant prévu pour une personne seule."]


def test_age_only_body_of_the_bot_gets_one_result_per_benefit_in_a_stable_order(engine: Engine) -> None:
    results = engine.evaluate(Situation(age=34), on=ON)
    assert [result.benefit for result in results] == CODES == [benefit.code for benefit in BENEFITS]


def test_age_only_rsa_lists_the_answers_that_would_change_it(engine: Engine) -> None:
    rsa = evaluate(engine, age=34)["rsa"]
    assert rsa.status is Status.ELIGIBLE
    assert {"couple", "children", "housing", "incomes"} <= set(rsa.missing)


@pytest.mark.parametrize("age", [18, 24])
def test_adult_under_25_without_child_is_not_eligible_to_rsa(engine: Engine, age: int) -> None:
    rsa = evaluate(engine, age=age, children=[], pregnant=False)["rsa"]
    assert rsa.status is Status.NOT_ELIGIBLE
    assert rsa.monthly_amount is None
    assert rsa.reasons[0].startswith("Le RSA est en principe ouvert à partir de 25 ans.")


def test_adult_under_25_with_children_unknown_is_uncertain_and_told_children_matter(engine: Engine) -> None:
    # Before 25 a child opens the RSA: with children unknown, a "no" could be a false negative, the worst error.
    rsa = evaluate(engine, age=22)["rsa"]
    assert rsa.status is Status.UNCERTAIN
    assert rsa.missing == ["children", "pregnant"]  # a pregnancy opens the RSA before 25 too
    assert "si vous avez un enfant à charge" in rsa.reasons[0]
    assert rsa.reasons[-1].startswith("La réponse dépend de vos enfants à charge")


@pytest.mark.parametrize("age", [18, 24])
def test_adult_under_25_whose_pregnancy_is_unknown_is_uncertain_to_rsa(engine: Engine, age: int) -> None:
    rsa = evaluate(engine, age=age, children=[])["rsa"]
    assert rsa.status is Status.UNCERTAIN
    assert rsa.missing[:1] == ["pregnant"]


def test_family_benefit_with_children_unknown_is_uncertain_and_says_why(engine: Engine) -> None:
    af = evaluate(engine, age=34)["af"]
    assert af.status is Status.UNCERTAIN
    assert af.missing == ["children"]
    assert af.reasons[-1] == ("La réponse dépend de vos enfants à charge : avec cette information, je pourrai vous "
                              "répondre plus sûrement.")


@pytest.mark.parametrize("age", [65, 76])
def test_over_65_without_income_is_told_the_aspa_comes_first(engine: Engine, age: int) -> None:
    # ASPA for a single person: 12 523,14 € a year from 2026-01-01, i.e. 1 043,60 € a month (Circulaire Cnav 2025-29).
    results = evaluate(engine, age=age, couple=False)
    assert results["rsa"].status is Status.NOT_ELIGIBLE
    assert "ASPA" in results["rsa"].reasons[0]
    assert "1\u202f043,60\xa0€" in results["rsa"].reasons[0]
    assert results["aspa"].status is Status.ELIGIBLE
    assert results["aspa"].monthly_amount == 1043.60


def test_25th_birthday_opens_the_rsa(engine: Engine) -> None:
    assert evaluate(engine, age=25)["rsa"].status is Status.ELIGIBLE


def test_batch_gives_each_household_the_answer_it_gets_alone(engine: Engine) -> None:
    batch = engine.evaluate_many(SAMPLE_SITUATIONS[:4], on=ON)
    alone = [engine.evaluate(situation, on=ON) for situation in SAMPLE_SITUATIONS[:4]]
    assert batch == alone


def test_results_do_not_depend_on_the_order_benefits_are_computed(engine: Engine) -> None:
    forward = engine.evaluate_many(SAMPLE_SITUATIONS, on=ON)
    backward = engine.evaluate_many(SAMPLE_SITUATIONS, on=ON, order=tuple(reversed(engine.benefits)))
    assert forward == backward


def test_unknown_answers_never_hide_a_benefit_the_known_answer_gives(engine: Engine) -> None:
    known = evaluate(engine, age=40, couple=False, children=[{"age": 5}, {"age": 9}])
    unknown = evaluate(engine, age=40, couple=False)
    assert known["af"].status is Status.ELIGIBLE
    assert unknown["af"].status is Status.UNCERTAIN
    assert unknown["af"].missing == ["children"]


def test_declared_income_two_years_ago_overrides_the_assumption_household_by_household(engine: Engine) -> None:
    declared, assumed = engine.evaluate_many(
        [Situation(age=40, incomes={"salary": 1500}, housing={"status": "tenant", "rent": 500},
                   income_two_years_ago=0),
         Situation(age=40, incomes={"salary": 1500}, housing={"status": "tenant", "rent": 500})], on=ON)
    assert by_benefit(declared)["cheque_energie"].yearly_amount == 194.0  # 1 UC, RFR 0 € (barème 2021: 194 €)
    assert by_benefit(assumed)["cheque_energie"].yearly_amount is None


def test_stale_cheque_energie_scale_makes_an_eligible_household_uncertain(engine: Engine) -> None:
    tenant = {"status": "tenant", "rent": 400}
    energy = evaluate(engine, age=40, housing=tenant, income_two_years_ago=0)["cheque_energie"]
    assert energy.status is Status.UNCERTAIN
    assert energy.yearly_amount == 194.0
    assert energy.legislation_date == date(2021, 1, 1)
    # What the resident will get and how: sent by post without any demand, or asked for on chequeenergie.gouv.fr.
    assert "sans démarche" in " ".join(energy.reasons)
    assert "chequeenergie.gouv.fr" in energy.reasons[-1]
