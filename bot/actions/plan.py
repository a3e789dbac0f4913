"""Which questions the bilan asks this resident, given the answers so far (pure, no Rasa import).

The plan is the ordered list of bilan slots this resident will be asked: a question is in it only when an earlier
answer makes it matter (no rent for an owner, children's ages only when there are children, the partner's income
only for a couple, the pension only past the age where one may have started…). Optional questions come last and are
the first dropped: nobody is asked more than MAX_QUESTIONS. "Question N sur M" is read from the plan: M is its
length, N the number of its questions already answered, plus one.

Answers are the slot values the form keeps: a normalised value, UNKNOWN_MARKER for "je ne sais pas", or None when
not asked yet. `children` is a count, or the list of the children's ages when the resident gave them all with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

UNKNOWN_MARKER: Final = "unknown"
"""Slot value of an answer the resident does not know: the situation sent to the api leaves that field unknown."""

MAX_QUESTIONS: Final = 10

BILAN_SLOTS: Final = (
    "depcom", "age", "couple", "children", "child_ages", "housing", "rent", "activity", "income",
    "partner_situation", "partner_income", "partner_age", "pension", "disability", "savings",
)
"""Every slot the bilan may ask, in the order it asks them. The partner's situation comes in one answer (what they
do and how much: « au chômage, 1100 »); `partner_income` follows only when that answer gave no amount."""

PREGNANT_SLOT: Final = "pregnant"
RIGHTS_ENDED_SLOT: Final = "unemployment_ended"
TOLD_ALONG_SLOTS: Final = (PREGNANT_SLOT, RIGHTS_ENDED_SLOT)
"""Facts told along with an answer, never asked on their own (no question added): a baby on the way with the
children (the question asks for it), the end of unemployment rights with the situation (« en fin de droits »).
Each is read again, True or False, with every new answer to its question."""

APPROXIMATE_SLOT: Final = "approximate"
"""The bilan slots whose amount the resident told as a guess (« environ 900 »): the amount is kept and said back
with « environ », so that the resident sees it is an estimate and may correct it at the recap."""

OPTIONAL_SLOTS: Final = frozenset({"disability", "savings"})
"""Asked at the end, skippable ("passer", "je ne sais pas")."""

DROP_ORDER: Final = ("savings", "disability", "pension", "partner_income", "partner_age", "child_ages")
"""When a plan is longer than MAX_QUESTIONS, its unanswered questions are dropped in this order (what decides the
fewest benefits first). Without them a plan has at most nine questions."""

PAYING_HOUSING: Final = frozenset({"tenant", "social_tenant", "hosted", "shelter", "student_residence"})
"""Housing answers after which the rent is asked (a hosted resident or a foyer may pay something, or nothing)."""

PARTNER_AGE_MATTERS_BELOW: Final = 25
PARTNER_AGE_MATTERS_FROM: Final = 55
"""The partner's age changes a result near the RSA's age of 25 and the ASPA's age of 65 (the resident's age tells
whether the partner may be near it)."""

PARTNER_AGE_MATTERS_FOR: Final = frozenset({"retired", "inactive", "disabled"})
"""A partner retired, without activity or disabled may be old enough for the ASPA whatever the resident's age."""

PARTNER_WITHOUT_INCOME: Final = frozenset({"student", "inactive", "parental_leave"})
"""Partner situations for which no amount told means no income (the others are asked how much)."""

PENSION_FROM_AGE: Final = 60
"""A resident this old who is not retired may still receive a pension (a survivor's, or work after retirement)."""

SAVINGS_FROM_AGE: Final = 60
"""Savings decide the ASPA (a yield of the savings counts as a resource); for younger residents they rarely change
a result and the question is left out."""


def is_known(value: Any) -> bool:
    """An answer was given and is not "je ne sais pas"."""
    return value is not None and value != UNKNOWN_MARKER


def _number(value: Any) -> float | None:
    return float(value) if is_known(value) and isinstance(value, (int, float)) else None


def in_couple(answers: Mapping[str, Any]) -> bool:
    """Whether the couple answer says a couple (anything but "single"; unknown counts as single)."""
    value = answers.get("couple")
    return is_known(value) and value != "single"


def partner_status(answers: Mapping[str, Any]) -> str | None:
    """The partner's situation as told (`partner_situation` is {"status", "monthly"}), or None."""
    told = answers.get("partner_situation")
    return str(told["status"]) if isinstance(told, Mapping) and told.get("status") else None


def _partner_questions(answers: Mapping[str, Any], age: float | None) -> list[str]:
    told = answers.get("partner_situation")
    questions = ["partner_situation"]
    status = partner_status(answers)
    amount_missing = isinstance(told, Mapping) and told.get("monthly") is None
    if status is not None and amount_missing and status not in PARTNER_WITHOUT_INCOME:
        questions.append("partner_income")
    near_an_age = age is not None and (age < PARTNER_AGE_MATTERS_BELOW or age >= PARTNER_AGE_MATTERS_FROM)
    if near_an_age or status in PARTNER_AGE_MATTERS_FOR:
        questions.append("partner_age")
    return questions


def _wanted(answers: Mapping[str, Any]) -> list[str]:
    """Every question that matters for this household, before the limit on the number of questions."""
    age = _number(answers.get("age"))
    children = _number(answers.get("children"))
    activity = answers.get("activity")
    wanted = ["depcom", "age", "couple", "children"]
    if children is not None and children > 0:
        wanted.append("child_ages")
    wanted.append("housing")
    if answers.get("housing") in PAYING_HOUSING:
        wanted.append("rent")
    wanted += ["activity", "income"]  # « retraitée, 710 € » answers both at once
    if in_couple(answers):
        wanted += _partner_questions(answers, age)
    if age is not None and age >= PENSION_FROM_AGE and activity != "retired":
        wanted.append("pension")
    wanted.append("disability")
    if age is not None and age >= SAVINGS_FROM_AGE:
        wanted.append("savings")
    return wanted


def plan(answers: Mapping[str, Any]) -> list[str]:
    """The questions this resident is asked, in order, at most MAX_QUESTIONS (answered ones are never dropped)."""
    questions = _wanted(answers)
    for slot in DROP_ORDER:
        if len(questions) <= MAX_QUESTIONS:
            break
        if slot in questions and answers.get(slot) is None:
            questions.remove(slot)
    return questions


def next_question(answers: Mapping[str, Any]) -> str | None:
    """The next slot to ask, or None when the bilan is complete."""
    return next((slot for slot in plan(answers) if answers.get(slot) is None), None)


def progress(answers: Mapping[str, Any]) -> tuple[int, int]:
    """(N, M) of "Question N sur M" for the next question: its rank and the length of the plan."""
    questions = plan(answers)
    answered = sum(1 for slot in questions if answers.get(slot) is not None)
    return min(answered + 1, len(questions)), len(questions)


def previous_answered(answers: Mapping[str, Any], requested: str | None) -> str | None:
    """The question answered just before the one being asked (what "je me suis trompé" alone is about)."""
    questions = plan(answers)
    before = questions[: questions.index(requested)] if requested in questions else questions
    return next((slot for slot in reversed(before) if answers.get(slot) is not None), None)


DEPENDENT_SLOTS: Final[Mapping[str, tuple[str, ...]]] = {
    "children": ("child_ages", PREGNANT_SLOT), "activity": ("income", RIGHTS_ENDED_SLOT),
    "partner_situation": ("partner_income",),
}
"""Answers whose meaning depends on another one, forgotten when it changes (a new number of children needs new ages).
Other answers left out of the plan by a change are simply not sent to the api."""
