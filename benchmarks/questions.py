"""How many questions a resident is asked, over every combination of the answers that shape the plan.

    PYTHONPATH=. .venv-bot/bin/python -m benchmarks.questions

Each combination is played as a resident answers, question by question (the plan may grow as answers come), and
the number of questions asked is counted. Prints the distribution, its median and maximum; never asserts (the
ten-question limit is a test: tests/bot/test_plan.py).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterator
from typing import Any

from bot.actions.plan import UNKNOWN_MARKER, next_question

AGES = (19.0, 24.0, 34.0, 52.0, 58.0, 61.0, 64.0, 67.0, 80.0, UNKNOWN_MARKER)
COUPLES = ("single", "married", UNKNOWN_MARKER)
CHILDREN = (0.0, 1.0, 3.0, [2.0, 5.0], UNKNOWN_MARKER)
HOUSING = ("tenant", "social_tenant", "owner", "hosted", "homeless", "student_residence", UNKNOWN_MARKER)
ACTIVITIES = ("employed", "self_employed", "unemployed", "retired", "student", "inactive", "disabled", UNKNOWN_MARKER)
PARTNERS: tuple[Any, ...] = (
    {"status": "employed", "monthly": 1400.0}, {"status": "unemployed", "monthly": None},
    {"status": "retired", "monthly": 700.0}, {"status": "inactive", "monthly": None}, UNKNOWN_MARKER,
)
SHAPING = ("age", "couple", "children", "housing", "activity", "partner_situation")
"""Answers that decide which other questions are asked; any other answer is a number (1.0 stands for it)."""


def combinations() -> Iterator[dict[str, Any]]:
    """Every combination of the shaping answers (the partner's only for a couple)."""
    for age, couple, children, housing, activity in itertools.product(AGES, COUPLES, CHILDREN, HOUSING, ACTIVITIES):
        partners = PARTNERS if couple == "married" else (None,)
        for partner in partners:
            told = {"depcom": "69259", "age": age, "couple": couple, "children": children, "housing": housing,
                    "activity": activity}
            yield told if partner is None else {**told, "partner_situation": partner}


def questions_asked(told: dict[str, Any]) -> int:
    """Plays the bilan: each question asked gets the resident's answer (a shaping one, else a number)."""
    answers: dict[str, Any] = {}
    asked = 0
    while (slot := next_question(answers)) is not None:
        answers[slot] = told.get(slot, 1.0)
        asked += 1
    return asked


def main() -> dict[str, Any]:
    counts = [questions_asked(told) for told in combinations()]
    distribution = Counter(counts)
    print(f"questions asked over {len(counts)} combinations of {', '.join(SHAPING)}:")
    for number in sorted(distribution):
        share = distribution[number] / len(counts)
        print(f"  {number:2d} questions: {distribution[number]:6d}  ({share:6.1%})")
    print(f"  median {statistics.median(counts)}, max {max(counts)}")
    return {"combinations": len(counts), "distribution": dict(sorted(distribution.items())),
            "median": statistics.median(counts), "max": max(counts)}


if __name__ == "__main__":
    main()
