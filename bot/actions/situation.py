"""The household situation sent to the api, built from the bilan's answers (pure, no Rasa import).

Only the questions of this resident's plan count (an answer left out of the plan by a later change is not sent).
An answer the resident does not know stays out of the situation: the api then takes its documented assumption and
says, in `missing` and an `uncertain` status, what it would change. See rules/situation.py for the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from bot.actions.plan import PARTNER_WITHOUT_INCOME, PREGNANT_SLOT, RIGHTS_ENDED_SLOT, in_couple, is_known, plan

ACTIVITY: Final = {
    "employed": "employed", "sick_leave": "employed", "self_employed": "self_employed", "unemployed": "unemployed",
    "student": "student", "retired": "retired", "inactive": "inactive", "disabled": "inactive",
    "parental_leave": "inactive",
}
"""The activity as nlu reads it → the situation's activity (on sick leave one still has one's job)."""

INCOME_KIND: Final = {
    "self_employed": "self_employment", "unemployed": "unemployment", "retired": "pension", "disabled": "aah",
}
"""What the income question asks about, by activity: a salary unless the activity says otherwise. Someone « en
invalidité, sans emploi » who tells a monthly amount tells their AAH (or invalidity pension), not earnings: taken
as a salary, it opened the prime d'activité to people who do not work."""

PARTNER_PENSION_FROM_AGE: Final = 62
"""The partner's income is taken as a pension from this age (legal retirement age), as a salary before."""

MAX_CHILD_AGE: Final = 25
"""Older children are no longer in the household's care for the benefits the api computes."""

HOUSING: Final = {
    "tenant": "tenant", "social_tenant": "social_tenant", "owner": "owner", "homeless": "homeless",
    "student_residence": "student_residence",
}
"""Housing answers that map directly; hosted and shelter depend on the rent (see _housing)."""


def _number(value: Any) -> float | None:
    return float(value) if is_known(value) and isinstance(value, (int, float)) else None


def _housing(status: Any, rent: Any) -> dict[str, Any] | None:
    """Hosted or in a foyer and paying something is renting (a foyer is a social residence); paying nothing is
    being hosted. A rent the resident does not know stays unknown (the api assumes one when renting)."""
    if not is_known(status):
        return None
    amount = _number(rent)
    if status in ("hosted", "shelter"):
        if amount:
            return {"status": "social_tenant" if status == "shelter" else "tenant", "rent": amount}
        return {"status": "hosted"}
    housing: dict[str, Any] = {"status": HOUSING[str(status)]}
    if housing["status"] in ("tenant", "social_tenant", "student_residence") and amount is not None:
        housing["rent"] = amount
    return housing


def _incomes(activity: Any, income: Any, pension: Any = None) -> dict[str, float] | None:
    amount = _number(income)
    if amount is None:
        return None
    kind = INCOME_KIND.get(str(activity), "salary")
    incomes = {kind: amount} if amount else {}
    extra = _number(pension)
    if extra:
        incomes["pension"] = incomes.get("pension", 0.0) + extra
    return incomes


def _children(count: Any, ages: Any) -> list[dict[str, Any]] | None:
    if isinstance(count, list):  # every age told with the count
        count, ages = len(count), count
    number = _number(count)
    if number is None:
        return None
    known = [float(age) for age in ages] if is_known(ages) and isinstance(ages, list) else []
    children: list[dict[str, Any]] = []
    for index in range(int(number)):
        age = known[index] if index < len(known) else None
        if age is None:
            children.append({})
        elif age <= MAX_CHILD_AGE:
            children.append({"age": int(age)})
    return children


PARTNER_INCOME_KIND: Final = INCOME_KIND
"""What the partner's amount is, by their situation: the same as the resident's own."""


def _partner(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The partner: age, activity, and incomes from the situation told in one answer (« au chômage, 1100 »), its
    follow-up amount, or nothing known. A situation without an amount that means none (studies) is no income."""
    partner: dict[str, Any] = {}
    age = _number(answers.get("partner_age"))
    if age is not None:
        partner["age"] = int(age)
    told = answers.get("partner_situation")
    status = told.get("status") if isinstance(told, Mapping) else None
    if status in ACTIVITY:
        partner["activity"] = ACTIVITY[status]
    amount = _number(told.get("monthly")) if isinstance(told, Mapping) else None
    if amount is None:
        amount = _number(answers.get("partner_income"))
    if amount is None and status in PARTNER_WITHOUT_INCOME:
        amount = 0.0
    if amount is not None:
        if status is None:  # an amount alone: a pension from the legal retirement age, else a salary
            kind = "pension" if age is not None and age >= PARTNER_PENSION_FROM_AGE else "salary"
        else:
            kind = PARTNER_INCOME_KIND.get(str(status), "salary")
        partner["incomes"] = {kind: amount} if amount else {}
    return partner


def asked_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of the questions in this resident's plan (numbers, enum values or "unknown")."""
    return {slot: answers.get(slot) for slot in plan(answers) if answers.get(slot) is not None}


def situation_from_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The api's situation for these answers; unknown answers are left out."""
    given = asked_answers(answers)
    situation: dict[str, Any] = {}
    if is_known(given.get("depcom")):
        situation["depcom"] = str(given["depcom"])
    age = _number(given.get("age"))
    if age is not None:
        situation["age"] = int(age)
    activity = given.get("activity")
    if is_known(activity):
        situation["activity"] = ACTIVITY[str(activity)]
    incomes = _incomes(activity, given.get("income"), given.get("pension"))
    if incomes is not None:
        situation["incomes"] = incomes
    if is_known(given.get("couple")):
        situation["couple"] = in_couple(given)
        if situation["couple"]:
            situation["partner"] = _partner(given)
    children = _children(given.get("children"), given.get("child_ages"))
    if children is not None:
        situation["children"] = children
    housing = _housing(given.get("housing"), given.get("rent"))
    if housing is not None:
        situation["housing"] = housing
    rate = _number(given.get("disability"))
    if rate is not None:
        situation["disability_rate"] = int(rate)
    savings = _number(given.get("savings"))
    if savings is not None:
        situation["savings"] = savings
    if "children" in situation:  # the children question asks for a baby on the way too
        situation["pregnant"] = answers.get(PREGNANT_SLOT) is True
    ended = _rights_ended(situation, answers.get(RIGHTS_ENDED_SLOT))
    if ended is not None:
        situation["unemployment_rights_ended"] = ended
    return situation


def _rights_ended(situation: Mapping[str, Any], told: Any) -> bool | None:
    """For someone out of work: ended if they said so (« en fin de droits »), not ended while an unemployment benefit
    is paid, else unknown (the engine then says « peut-être » for the ASS)."""
    if situation.get("activity") != "unemployed":
        return None
    if told is True:
        return True
    return False if (situation.get("incomes") or {}).get("unemployment") else None
