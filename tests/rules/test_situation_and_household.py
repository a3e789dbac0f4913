"""The typed situation (field-level errors) and its translation into OpenFisca-France entities."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from rules.household import Periods, birth_date, household, load_assumptions, merge, unknown_answers, variants
from rules.situation import Situation
from tests.rules.conftest import ON


def error_locations(data: dict[str, object]) -> list[tuple[str | int, ...]]:
    with pytest.raises(ValidationError) as error:
        Situation.model_validate(data)
    return [tuple(item["loc"]) for item in error.value.errors()]


@pytest.mark.parametrize(
    ("data", "location"),
    [
        ({"age": 7}, ("age",)),
        ({"age": 30, "salaire": 1000}, ("salaire",)),
        ({"depcom": "75001 Paris"}, ("depcom",)),
        ({"incomes": {"salary": -5}}, ("incomes", "salary")),
        ({"children": [{"age": 40}]}, ("children", 0, "age")),
        ({"housing": {"status": "owner", "rent": 300}}, ("housing", "rent")),
        ({"couple": False, "partner": {"age": 30}}, ("partner",)),
        ({"disability_rate": 120}, ("disability_rate",)),
        ({"birth_date": "2999-01-01"}, ("birth_date",)),
        ({"housing": {"status": "castle"}}, ("housing", "status")),
    ],
)
def test_bad_answer_rejected_with_its_field(data: dict[str, object], location: tuple[str | int, ...]) -> None:
    assert location in error_locations(data)


def test_every_field_may_be_unknown_and_a_partner_implies_a_couple() -> None:
    assert Situation().in_couple is None
    assert Situation(partner={"age": 30}).in_couple is True
    assert Situation(depcom="2A004").depcom == "2A004"


def test_periods_cross_the_year_and_cover_n_minus_two() -> None:
    periods = Periods(date(2026, 2, 10))
    assert periods.months_back(3) == ["2025-11", "2025-12", "2026-01"]
    assert periods.month == "2026-02"
    assert periods.income_periods() == [("2024", 12), ("2025", 12), ("2026-01", 1), ("2026-02", 1)]


def test_age_becomes_a_birth_date_half_way_through_that_year_of_age() -> None:
    assert birth_date(25, ON) == date(2001, 5, 1)
    assert birth_date(0, ON) == date(2026, 5, 1)


def test_incomes_are_repeated_over_every_month_the_law_reads() -> None:
    entities = household("h", Situation(age=40, incomes={"unemployment": 900}), ON)
    assert entities["individus"]["h_r"]["chomage_net"] == {"2024": 10800, "2025": 10800, **{
        f"2026-{month:02d}": 900 for month in range(1, 12)}}
    assert entities["individus"]["h_r"]["activite"] == {"2024": "chomeur", "2025": "chomeur", "2026": "chomeur"}


def test_benefits_already_received_are_declared_for_the_past_months_only() -> None:
    entities = household("h", Situation(age=40, incomes={"rsa": 500, "aah": 300}), ON)
    assert set(entities["familles"]["h"]["rsa_declare"]) == set(Periods(ON).months_back(12))
    assert "2026-11" not in entities["individus"]["h_r"]["aah_declare"]
    assert "rsa" not in entities["familles"]["h"]


def test_declared_income_two_years_ago_goes_to_the_companion_of_rfr() -> None:
    entities = household("h", Situation(age=40, income_two_years_ago=12000), ON)
    assert entities["foyers_fiscaux"]["h"] == {"declarants": ["h_r"], "personnes_a_charge": [], "rfr_declare": {
        "2024": 12000}}


def test_unknown_rent_takes_the_documented_assumption() -> None:
    entities = household("h", Situation(housing={"status": "tenant"}), ON)
    assert entities["menages"]["h"]["loyer"]["2026-11"] == load_assumptions().rent


def test_households_merge_with_distinct_ids() -> None:
    merged = merge([household("a", Situation(age=30), ON), household("b", Situation(age=40), ON)])
    assert set(merged["individus"]) == {"a_r", "b_r"}
    assert set(merged["familles"]) == {"a", "b"}


def test_variants_fill_only_what_is_unknown() -> None:
    told = Situation(age=30, couple=True, partner={"age": 31}, housing={"rent": 450})
    tried = variants(told)
    assert tried["housing"].housing is not None
    assert tried["housing"].housing.rent == 450
    assert tried["partner.incomes"].partner is not None
    assert tried["partner.incomes"].partner.age == 31
    assert "age" not in tried
    assert "couple" not in tried


def test_a_fully_told_household_has_no_variant() -> None:
    told = Situation(age=30, couple=False, children=[], housing={"status": "hosted"}, incomes={}, disability_rate=0,
                     income_two_years_ago=0, depcom="75056", savings=0, pregnant=False,
                     unemployment_rights_ended=False)
    assert unknown_answers(told) == []
