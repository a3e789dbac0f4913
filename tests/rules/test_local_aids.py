"""Local aids: declarative conditions evaluated by a pure function, in the national results' shape."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from api.territories import load_territories
from rules.local_aids import LocalAid, evaluate_aid, household_resources, household_size
from rules.results import Status
from rules.situation import Situation

ON = date(2026, 11, 25)


def aid(**conditions: Any) -> LocalAid:
    return LocalAid.model_validate({
        "id": "aide-test", "label": "Aide de test", "amount": {"value": 150, "period": "once"},
        "how_to_apply": {"institution": "CCAS de Test", "url": "https://example.org/ccas"},
        "source": "https://example.org/aide", "as_of": "2026-01-01", "conditions": conditions,
    })


CEILING = {"by_household_size": {1: 900, 2: 1350, 3: 1620}, "per_additional_person": 270}
SINGLE_POOR = {"age": 40, "couple": False, "children": [], "incomes": {"salary": 800}}


def evaluate(local: LocalAid, **answers: Any) -> Any:
    return evaluate_aid("ville", local, Situation.model_validate(answers), on=ON)


def test_every_condition_met_is_eligible_with_the_benefit_id_reasons_and_how_to_apply() -> None:
    result = evaluate(aid(age_min=18, income_ceiling=CEILING), **SINGLE_POOR)
    assert result.benefit == "local:ville:aide-test"
    assert result.status is Status.ELIGIBLE
    assert result.missing == []
    assert result.reasons == [
        "Vous avez 40 ans : cette aide est ouverte à partir de 18 ans.",
        "Les ressources de votre foyer (800\u00a0€ par mois) ne dépassent pas le plafond de 900\u00a0€ pour 1 "
        "personne.",
        "Montant : 150\u00a0€, versé une fois.",
        "Pour la demander : CCAS de Test. C'est son équipe qui décide, sur dossier.",
    ]
    assert (result.how_to_apply.institution, result.legislation_date) == ("CCAS de Test", date(2026, 1, 1))
    assert result.monthly_amount is None and result.yearly_amount is None


def test_an_unknown_answer_a_condition_needs_is_uncertain_never_not_eligible_and_names_it() -> None:
    result = evaluate(aid(age_min=18, income_ceiling=CEILING), age=40)
    assert result.status is Status.UNCERTAIN
    assert result.missing == ["incomes", "couple", "children"]
    assert "elles ne sont pas encore toutes connues" in result.reasons[1]


def test_a_failed_condition_is_not_eligible_with_only_what_rules_it_out() -> None:
    result = evaluate(aid(age_min=18, age_max=25), age=30)
    assert result.status is Status.NOT_ELIGIBLE
    assert result.reasons == ["Cette aide est réservée aux personnes de 25 ans ou moins.",
                              "D'après vos réponses, cette aide ne semble pas vous concerner."]


def test_a_failed_condition_wins_over_an_unknown_one_and_the_unknown_is_still_named() -> None:
    result = evaluate(aid(age_max=25, housing=["tenant"]), age=30)
    assert (result.status, result.missing) == (Status.NOT_ELIGIBLE, ["housing"])


def test_the_ceiling_follows_the_household_size_and_counts_the_partner_but_not_housing_aid() -> None:
    couple_two_children = {"age": 35, "couple": True, "children": [{"age": 3}, {"age": 6}],
                           "incomes": {"salary": 1000, "housing_aid": 300}, "partner": {"incomes": {"pension": 600}}}
    result = evaluate(aid(income_ceiling=CEILING), **couple_two_children)
    # 4 people: 1 620 + 270 for the fourth; resources 1 000 + 600 (the housing aid is left out).
    assert result.status is Status.ELIGIBLE
    assert "(1\u202f600\u00a0€ par mois) ne dépassent pas le plafond de 1\u202f890\u00a0€ pour 4 personnes" \
        in result.reasons[0]
    assert evaluate(aid(income_ceiling=CEILING), **{**couple_two_children, "incomes": {"salary": 1300}}).status \
        is Status.NOT_ELIGIBLE


def test_a_partner_without_known_incomes_makes_the_ceiling_uncertain() -> None:
    result = evaluate(aid(income_ceiling=CEILING), age=35, couple=True, children=[], incomes={"salary": 100})
    assert (result.status, result.missing) == (Status.UNCERTAIN, ["partner.incomes"])


def test_children_of_an_age_count_and_a_child_of_unknown_age_may() -> None:
    young = aid(children_min=1, children_max_age=11)
    assert evaluate(young, children=[{"age": 14}]).status is Status.NOT_ELIGIBLE
    assert evaluate(young, children=[{"age": 14}, {"age": 7}]).status is Status.ELIGIBLE
    unknown_age = evaluate(young, children=[{"birth_date": None}])
    assert (unknown_age.status, unknown_age.missing) == (Status.UNCERTAIN, ["children"])
    assert evaluate(young, children=[]).status is Status.NOT_ELIGIBLE


def test_housing_activity_and_communes_conditions() -> None:
    renters = aid(housing=["tenant", "social_tenant"])
    assert evaluate(renters, housing={"status": "social_tenant"}).status is Status.ELIGIBLE
    owner = evaluate(renters, housing={"status": "owner"})
    assert owner.reasons[0] == ("Cette aide est réservée aux foyers locataires et locataires d'un logement "
                                "social.")
    assert evaluate(aid(activity=["unemployed"]), activity="employed").status is Status.NOT_ELIGIBLE
    some_communes = aid(communes=["69259"])
    assert evaluate(some_communes, depcom="69259").status is Status.ELIGIBLE
    assert evaluate(some_communes, depcom="69123").status is Status.NOT_ELIGIBLE
    assert evaluate(some_communes).missing == ["depcom"]


def test_the_age_comes_from_the_birth_date_on_the_day_of_the_evaluation() -> None:
    assert evaluate(aid(age_max=25), birth_date="2000-11-26").status is Status.ELIGIBLE  # 25 until tomorrow
    assert evaluate(aid(age_max=25), birth_date="2000-11-25").status is Status.NOT_ELIGIBLE


@pytest.mark.parametrize(("period", "monthly", "yearly"), [("month", 40.0, None), ("year", 200.0, None)])
def test_monthly_and_yearly_amounts_fill_their_fields(period: str, monthly: float | None,
                                                      yearly: float | None) -> None:
    value = 40.0 if period == "month" else 200.0
    local = LocalAid.model_validate({**aid().model_dump(mode="json"), "amount": {"value": value, "period": period}})
    result = evaluate(local)
    assert (result.monthly_amount, result.yearly_amount) == ((value, None) if period == "month" else (None, value))
    assert (result.monthly_amount_text or result.yearly_amount_text) == f"{int(value)}\u00a0€"


def test_a_not_eligible_aid_shows_no_amount() -> None:
    local = LocalAid.model_validate({**aid(age_max=25).model_dump(mode="json"),
                                     "amount": {"value": 40, "period": "month"}})
    assert evaluate(local, age=40).monthly_amount is None


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ({"age_min": 30, "age_max": 20}, "age_min is above age_max"),
        ({"income_ceiling": {"by_household_size": {1: 900, 3: 1200}}}, "without a gap"),
        ({"children_max_age": 3}, "children_max_age needs children_min"),
        ({"communes": ["75010x"]}, "is not an INSEE commune code"),
        ({"housing": ["castle"]}, "Input should be"),
        ({"income": 900}, "Extra inputs are not permitted"),
    ],
)
def test_a_wrong_aid_is_refused_with_the_reason(conditions: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        aid(**conditions)


def test_household_size_and_resources_name_what_they_lack() -> None:
    assert household_size(Situation()) == (None, ("couple", "children"))
    assert household_size(Situation(partner={"age": 30}, children=[{"age": 1}])) == (3, ())
    assert household_resources(Situation(couple=False, incomes={})) == (0, ())


@pytest.mark.parametrize("territory", sorted(load_territories()), ids=str)
def test_every_shipped_aid_renders_its_reasons_and_never_rules_out_an_empty_situation(territory: str) -> None:
    """All templates render with real values (StrictUndefined fails on a missing one); nothing known = uncertain."""
    situations = [Situation(), Situation.model_validate(SINGLE_POOR),
                  Situation.model_validate({"age": 70, "couple": True, "partner": {"incomes": {"pension": 900}},
                                            "children": [{"age": 4}], "incomes": {"pension": 700},
                                            "housing": {"status": "tenant"}, "activity": "retired"})]
    for local in load_territories()[territory].local_aids:
        results = [evaluate_aid(territory, local, situation, on=ON) for situation in situations]
        assert results[0].status is Status.UNCERTAIN and results[0].missing
        assert all(result.reasons and all(reason.strip() for reason in result.reasons) for result in results)
