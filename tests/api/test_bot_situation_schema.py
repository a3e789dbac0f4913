"""Every situation the bot can build from the bilan's answers is valid for the api (rules/situation.py).

The bot runs in another runtime (Python 3.10, pydantic 1): its situation builder is pure Python, so it is imported
here and checked against the api's own schema for many combinations of answers.
"""

from __future__ import annotations

import itertools
from typing import Any

from bot.actions.situation import situation_from_answers
from rules.situation import Situation

AGES: list[Any] = [19.0, 34.0, 63.0, 72.0, "unknown"]
COUPLES = ["single", "married", "couple", "unknown"]
CHILDREN: list[tuple[Any, Any]] = [(0.0, None), (2.0, [3.0, 28.0]), (1.0, "unknown"), ("unknown", None)]
HOUSING: list[tuple[Any, Any]] = [("tenant", 550.0), ("social_tenant", "unknown"), ("owner", None), ("hosted", 0.0),
                                  ("hosted", 150.0), ("shelter", 300.0), ("homeless", None), ("unknown", None)]
ACTIVITIES = ["employed", "sick_leave", "self_employed", "unemployed", "student", "retired", "inactive",
              "disabled", "parental_leave", "unknown"]
MONEY: list[Any] = [0.0, 1234.5, "unknown"]


def test_every_combination_of_answers_makes_a_valid_situation() -> None:
    count = 0
    for age, couple, (children, ages), (housing, rent), activity in itertools.product(
            AGES, COUPLES, CHILDREN, HOUSING, ACTIVITIES):
        for income, disability in ((MONEY[count % 3], [0.0, "yes", 80.0, "unknown"][count % 4]),):
            answers = {"depcom": "2B033", "age": age, "couple": couple, "partner_age": 66.0, "children": children,
                       "child_ages": ages, "housing": housing, "rent": rent, "activity": activity, "income": income,
                       "partner_income": MONEY[(count + 1) % 3], "pension": MONEY[(count + 2) % 3],
                       "disability": disability, "savings": 500.0}
            Situation.model_validate(situation_from_answers(answers))
            count += 1
    assert count == len(AGES) * len(COUPLES) * len(CHILDREN) * len(HOUSING) * len(ACTIVITIES)
