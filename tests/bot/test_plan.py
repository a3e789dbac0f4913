"""Which questions the bilan asks (bot/actions/plan.py): adaptive, at most ten, numbered."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from bot.actions.plan import MAX_QUESTIONS, OPTIONAL_SLOTS, UNKNOWN_MARKER, next_question, plan, progress

SINGLE_OWNER = {"depcom": "69259", "age": 40.0, "couple": "single", "children": 0.0, "housing": "owner",
                "activity": "employed", "income": 1500.0}


def test_the_first_question_is_the_commune_and_counts_the_questions_known_so_far() -> None:
    assert next_question({}) == "depcom"
    assert progress({}) == (1, len(plan({})))


def test_an_owner_is_not_asked_a_rent_and_a_tenant_is() -> None:
    assert "rent" not in plan(SINGLE_OWNER)
    assert "rent" in plan({**SINGLE_OWNER, "housing": "tenant"})
    assert "rent" in plan({**SINGLE_OWNER, "housing": "hosted"})
    assert "rent" not in plan({**SINGLE_OWNER, "housing": "homeless"})


def test_childrens_ages_only_when_there_are_children() -> None:
    assert "child_ages" not in plan(SINGLE_OWNER)
    assert "child_ages" not in plan({**SINGLE_OWNER, "children": UNKNOWN_MARKER})
    assert "child_ages" in plan({**SINGLE_OWNER, "children": 2.0})


def test_partner_questions_only_for_a_couple_and_the_partners_age_only_where_it_matters() -> None:
    assert not {"partner_age", "partner_situation", "partner_income"} & set(plan(SINGLE_OWNER))
    couple = {**SINGLE_OWNER, "couple": "married"}
    assert "partner_situation" in plan(couple)
    assert "partner_income" not in plan(couple)
    assert "partner_age" not in plan(couple)
    retired = {**couple, "partner_situation": {"status": "retired", "monthly": 700.0}}
    assert "partner_age" in plan(retired) and "partner_income" not in plan(retired)
    without_amount = {**couple, "partner_situation": {"status": "employed", "monthly": None}}
    assert "partner_income" in plan(without_amount)
    student = {**couple, "partner_situation": {"status": "student", "monthly": None}}
    assert "partner_income" not in plan(student)
    assert "partner_age" in plan({**couple, "age": 67.0})
    assert "partner_age" in plan({**couple, "age": 22.0})


def test_pension_only_for_an_older_resident_not_already_asked_about_a_retirement() -> None:
    assert "pension" not in plan(SINGLE_OWNER)
    assert "pension" in plan({**SINGLE_OWNER, "age": 63.0})
    assert "pension" not in plan({**SINGLE_OWNER, "age": 70.0, "activity": "retired"})


def test_optional_questions_come_last() -> None:
    questions = plan({**SINGLE_OWNER, "age": 70.0, "activity": "retired"})
    assert questions[-2:] == ["disability", "savings"]
    assert set(questions[-2:]) == set(OPTIONAL_SLOTS)


def test_progress_counts_answered_questions_and_the_whole_plan() -> None:
    answers = {"depcom": "69259", "age": 34.0, "couple": "single"}
    assert progress(answers) == (4, len(plan(answers)))
    assert next_question(answers) == "children"


AGES = [20.0, 34.0, 58.0, 63.0, 70.0, UNKNOWN_MARKER]
COUPLES = ["single", "married", UNKNOWN_MARKER]
CHILDREN = [0.0, 3.0, UNKNOWN_MARKER]
HOUSING = ["tenant", "owner", "hosted", "homeless"]
ACTIVITIES = ["employed", "retired", "unemployed"]


@pytest.mark.parametrize(("age", "couple"), list(itertools.product(AGES, COUPLES)))
def test_nobody_is_asked_more_than_ten_questions_whatever_the_answers(age: Any, couple: str) -> None:
    for children, housing, activity in itertools.product(CHILDREN, HOUSING, ACTIVITIES):
        answers: dict[str, Any] = {"depcom": "69259", "age": age, "couple": couple, "children": children,
                                   "housing": housing, "activity": activity}
        asked: list[str] = []
        # Answer the plan question by question, as the resident does: the plan may grow, never past ten.
        while (slot := next_question({**answers, **{s: 1.0 for s in asked}})) is not None:
            asked.append(slot)
            assert len(plan({**answers, **{s: 1.0 for s in asked}})) <= MAX_QUESTIONS
        assert len(plan(answers)) <= MAX_QUESTIONS


def test_a_long_plan_drops_optional_questions_first_but_never_an_answered_one() -> None:
    answers = {"depcom": "69259", "age": 67.0, "couple": "married", "children": 2.0, "housing": "tenant",
               "activity": "employed"}
    questions = plan(answers)
    assert len(questions) == MAX_QUESTIONS
    assert "savings" not in questions and "partner_situation" in questions and "rent" in questions
    assert "child_ages" not in questions or "disability" not in questions
