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
from bot.actions.recap import CONFIRMED, CORRECT, read_recap, read_topic
from bot.actions.routing import ANSWER, slot_of_question
from nlu.communes import default_index, name_key

TODAY: Final = date(2026, 12, 3)
"""The date the blind writer was given for ages told as a birth year or as a coming birthday."""

AMOUNT_TOLERANCE: Final = 1.0


@cache
def _by_name() -> dict[tuple[str, str], str]:
    """(name key, département) → the INSEE code the bilan keeps (an arrondissement's city)."""
    return {(name_key(c.name), c.departement): c.commune_insee for c in default_index().communes.values()}


def expected_commune(value: dict[str, Any]) -> str | None:
    """The INSEE code the bilan should keep for the writer's {name, dep}."""
    return _by_name().get((name_key(str(value["name"])), str(value.get("dep"))))


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
    status: Any = kept.get(status_slot)
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


def _recap(item: dict[str, Any]) -> tuple[bool, Any]:
    """The recap's answer: confirmed, or a correction and the topic it names (if it names one)."""
    decision, topic = read_recap(item["text"])
    if item["intent"] == "affirm":
        return decision == CONFIRMED, decision
    return decision == CORRECT and topic == item.get("topic"), (decision, topic)


def judge_value(item: dict[str, Any]) -> tuple[bool, Any]:
    """(right, what the bilan kept) for one answer of the blind set."""
    question: str = item["question"]
    expected: Any = item.get("value")
    if question == "recap":
        return _recap(item)
    if question == "correction_topic":
        topic = read_topic(item["text"])
        return topic == expected, topic
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
