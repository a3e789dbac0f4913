"""How benchmarks/blind.py judges one blind answer: the value the bilan keeps against the value the blind writer
expected, in the writer's own format (see the header of benchmarks/blind/blind_set.yml).

The writer's format was fixed before any reader changed, from the questions alone; this module only translates the
bilan's slot values into it. An amount may differ by less than one euro (weekly and fortnightly conversions round).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Final

from bot.actions.plan import UNKNOWN_MARKER
from bot.actions.readings import read_slot
from bot.actions.routing import ANSWER, slot_of_question
from nlu.communes import CommuneIndex, name_key

TODAY: Final = date(2026, 12, 3)
"""The date the blind writer was given for ages told as a birth year or as a coming birthday."""

AMOUNT_TOLERANCE: Final = 1.0


@cache
def _communes() -> CommuneIndex:
    return CommuneIndex.load()


def expected_commune(value: dict[str, Any]) -> str | None:
    """The INSEE code the bilan should keep for the writer's {name, dep}: an arrondissement's city."""
    index = _communes()
    key = name_key(str(value["name"]))
    for commune in index.communes.values():
        if commune.departement == str(value.get("dep")) and name_key(commune.name) == key:
            return commune.commune_insee
    return None


def _amount(expected: Any, got: Any) -> bool:
    if expected == "unknown":
        return bool(got == UNKNOWN_MARKER)
    return isinstance(got, (int, float)) and abs(float(got) - float(expected)) < AMOUNT_TOLERANCE


def _children(expected: dict[str, Any], kept: dict[str, Any]) -> bool:
    got = kept.get("children")
    if isinstance(got, list):
        count, ages = len(got), sorted(int(a) for a in got)
    elif isinstance(got, (int, float)):
        count, ages = int(got), []
    else:
        return False
    wanted_ages = sorted(int(a) for a in expected.get("ages") or [])
    if count != int(expected["count"]):
        return False
    return ages == wanted_ages or (not ages and len(wanted_ages) < count)


def _activity(expected: dict[str, Any], kept: dict[str, Any], status_slot: str, amount_slot: str) -> bool:
    status = kept.get(status_slot)
    if isinstance(status, dict):  # a situation told in one answer: {status, monthly}
        status, monthly = status.get("status"), status.get("monthly")
    else:
        monthly = kept.get(amount_slot)
    if status != expected["status"]:
        return False
    return "monthly" not in expected or _amount(expected["monthly"], monthly)


def _disability(expected: Any, got: Any) -> bool:
    wanted = {"no": 0.0, "yes": "yes", "skip": UNKNOWN_MARKER}.get(str(expected), expected)
    if isinstance(wanted, (int, float)) and isinstance(got, (int, float)):
        return float(wanted) == float(got)
    return bool(wanted == got)


def _recap(item: dict[str, Any], kept: dict[str, Any]) -> bool:
    got = kept.get("recap")
    if item["intent"] == "affirm":
        return got == "confirmed"
    return got == "correct" and kept.get("recap_topic") == item.get("topic")


def judge_value(item: dict[str, Any]) -> tuple[bool, Any]:
    """(right, what the bilan kept) for one answer of the blind set."""
    question, expected = item["question"], item.get("value")
    slot = slot_of_question(question)
    if slot is None:
        return False, "no such question in the bilan"
    reading = read_slot(slot, item["text"], today=TODAY)
    if question == "commune" and reading.choices:
        wanted = expected_commune(expected)
        return any(choice.insee == wanted for choice in reading.choices), [c.insee for c in reading.choices]
    kept = reading.values
    if not reading.understood:
        return False, reading.problem
    got = kept.get(slot)
    if question == "commune":
        return got == expected_commune(expected), got
    if question in ("age", "partner_age"):
        return isinstance(got, (int, float)) and int(got) == int(expected), got
    if question in ("rent", "income", "pension", "savings"):
        return _amount(expected, got), got
    if question == "couple":
        return (got == "single") == (expected == "single") and got not in (None, UNKNOWN_MARKER), got
    if question == "children":
        return _children(expected, kept), kept
    if question == "child_ages":
        return isinstance(got, list) and sorted(map(int, got)) == sorted(map(int, expected)), got
    if question == "activity":
        return _activity(expected, kept, "activity", "income"), kept
    if question == "partner_situation":
        return _activity(expected, kept, "partner_situation", "partner_income"), kept
    if question == "disability":
        return _disability(expected, got), got
    if question in ("recap", "correction_topic"):
        return _recap(item, kept) if question == "recap" else kept.get("recap_topic") == expected, kept
    return got == expected, got


def expected_route(item: dict[str, Any]) -> set[str]:
    """The routes that act on the message as its writer meant: an answer is read as one ("je ne sais pas" is the
    answer "unknown"), an opener starts the bilan, the recap's yes and no are its answer."""
    intent = str(item["intent"])
    if intent in ("inform", "affirm", "deny"):
        return {ANSWER} if slot_of_question(item["question"]) else {intent, ANSWER}
    if intent == "dont_know":
        return {"dont_know", ANSWER}
    if intent == "opener":
        return {"start", "greet", "opener"}
    return {intent}
