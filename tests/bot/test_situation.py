"""The situation sent to the api from the bilan's answers (bot/actions/situation.py)."""

from __future__ import annotations

from bot.actions.situation import asked_answers, situation_from_answers


def test_a_couple_with_children_renting_in_hlm() -> None:
    answers = {"depcom": "93066", "age": 41.0, "couple": "married", "children": 2.0, "child_ages": [3.0, 7.0],
               "housing": "social_tenant", "rent": 480.0, "activity": "unemployed", "income": 700.0,
               "partner_situation": {"status": "employed", "monthly": 1400.0}, "disability": "unknown"}
    assert situation_from_answers(answers) == {
        "depcom": "93066", "age": 41, "activity": "unemployed", "incomes": {"unemployment": 700.0},
        "couple": True, "partner": {"activity": "employed", "incomes": {"salary": 1400.0}},
        "children": [{"age": 3}, {"age": 7}], "housing": {"status": "social_tenant", "rent": 480.0},
        "pregnant": False,  # the children question asks for a baby on the way: none told is none
        "unemployment_rights_ended": False,  # an unemployment benefit is paid
    }


def test_unknown_answers_stay_out_so_the_api_says_what_they_change() -> None:
    answers = {"depcom": "unknown", "age": 30.0, "couple": "unknown", "children": "unknown", "housing": "tenant",
               "rent": "unknown", "activity": "employed", "income": "unknown", "disability": "yes"}
    assert situation_from_answers(answers) == {"age": 30, "activity": "employed", "housing": {"status": "tenant"}}


def test_an_older_couple_gets_pensions_and_savings() -> None:
    answers = {"depcom": "2B033", "age": 70.0, "couple": "pacs", "partner_age": 68.0, "children": 0.0,
               "housing": "owner", "activity": "retired", "income": 900.0,
               "partner_situation": {"status": "retired", "monthly": 600.0}, "disability": 0.0, "savings": 2000.0}
    situation = situation_from_answers(answers)
    assert situation["incomes"] == {"pension": 900.0}
    assert situation["partner"] == {"age": 68, "activity": "retired", "incomes": {"pension": 600.0}}
    assert situation["savings"] == 2000.0
    assert situation["housing"] == {"status": "owner"}


def test_hosted_paying_rents_and_hosted_for_free_is_hosted() -> None:
    base = {"age": 30.0, "housing": "hosted"}
    assert situation_from_answers({**base, "rent": 200.0})["housing"] == {"status": "tenant", "rent": 200.0}
    assert situation_from_answers({**base, "rent": 0.0})["housing"] == {"status": "hosted"}
    assert situation_from_answers({"housing": "shelter", "rent": 350.0})["housing"] == {
        "status": "social_tenant", "rent": 350.0}


def test_answers_left_out_of_the_plan_are_not_sent() -> None:
    # A rent answered before the resident corrected "locataire" into "propriétaire".
    answers = {"age": 45.0, "housing": "owner", "rent": 500.0, "couple": "single", "partner_income": 1000.0}
    assert "rent" not in asked_answers(answers) and "partner_income" not in asked_answers(answers)
    assert situation_from_answers(answers)["housing"] == {"status": "owner"}
    assert "partner" not in situation_from_answers(answers)


def test_no_income_is_an_empty_list_of_incomes_and_children_ages_unknown_stay_unknown() -> None:
    situation = situation_from_answers({"activity": "inactive", "income": 0.0, "children": 2.0,
                                        "child_ages": "unknown"})
    assert situation["incomes"] == {}
    assert situation["children"] == [{}, {}]


def test_the_partners_situation_decides_what_their_amount_is() -> None:
    base = {"age": 50.0, "couple": "married", "activity": "employed", "income": 1500.0}
    unemployed = situation_from_answers({**base, "partner_situation": {"status": "unemployed", "monthly": 1100.0}})
    assert unemployed["partner"] == {"activity": "unemployed", "incomes": {"unemployment": 1100.0}}
    disabled = situation_from_answers({**base, "partner_situation": {"status": "disabled", "monthly": 900.0}})
    assert disabled["partner"]["incomes"] == {"aah": 900.0}
    student = situation_from_answers({**base, "partner_situation": {"status": "student", "monthly": None}})
    assert student["partner"] == {"activity": "student", "incomes": {}}
    asked_after = situation_from_answers(
        {**base, "partner_situation": {"status": "employed", "monthly": None}, "partner_income": 1300.0})
    assert asked_after["partner"] == {"activity": "employed", "incomes": {"salary": 1300.0}}


def test_a_student_residence_is_sent_as_one_with_its_rent() -> None:
    situation = situation_from_answers({"age": 20.0, "housing": "student_residence", "rent": 250.0})
    assert situation["housing"] == {"status": "student_residence", "rent": 250.0}


def test_an_amount_told_by_someone_disabled_and_without_work_is_not_a_salary() -> None:
    situation = situation_from_answers({"age": 59.0, "couple": "single", "activity": "disabled", "income": 820.0})
    assert situation["activity"] == "inactive"
    assert situation["incomes"] == {"aah": 820.0}  # a salary would open the prime d'activité


def test_a_baby_on_the_way_and_rights_ended_are_sent_when_told() -> None:
    answers = {"age": 53.0, "couple": "single", "children": 0.0, "activity": "unemployed", "income": 0.0,
               "pregnant": True, "unemployment_ended": True}
    situation = situation_from_answers(answers)
    assert situation["pregnant"] is True and situation["unemployment_rights_ended"] is True


def test_rights_ended_stays_unknown_when_nothing_tells_it() -> None:
    situation = situation_from_answers({"age": 53.0, "activity": "unemployed", "income": 0.0})
    assert "unemployment_rights_ended" not in situation and "pregnant" not in situation
