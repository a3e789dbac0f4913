"""The bilan form reads the age in light of the question (validate_bilan_form)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.forms import ActionResetBilan, ValidateBilanForm

FIXTURE = "tracker_age_asked.json"


def validate(tracker: Tracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> list[dict[str, Any]]:
    action = ValidateBilanForm(today=lambda: date(2026, 11, 25))
    return asyncio.run(action.run(dispatcher, tracker, domain))


@pytest.mark.parametrize(
    ("answer", "age"),
    [("trente-quatre ans", 34.0), ("34", 34.0), ("jai 52ans", 52.0), ("né en 1989", 37.0)],
)
def test_validate_age_readable_answer_fills_the_slot(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
    age: float,
) -> None:
    events = validate(tracker_from_fixture(FIXTURE, answer), dispatcher, domain)

    assert SlotSet("age", age) in events
    assert dispatcher.messages == []


@pytest.mark.parametrize("answer", ["bonjour", "12 ou 13", "un chat"])
def test_validate_age_unreadable_answer_asks_again_with_an_example(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
) -> None:
    events = validate(tracker_from_fixture(FIXTURE, answer), dispatcher, domain)

    assert SlotSet("age", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_age_unreadable"]


@pytest.mark.parametrize("answer", ["je sais pas", "euh je sais pas trop", "jsp", "aucune idée"])
def test_validate_age_dont_know_asks_again_kindly_with_an_example(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
) -> None:
    events = validate(tracker_from_fixture(FIXTURE, answer), dispatcher, domain)

    assert SlotSet("age", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_dont_know_age"]
    assert "par exemple" in domain["responses"]["utter_dont_know_age"][0]["text"]


def test_validate_age_accepts_a_number_set_by_another_action(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture(FIXTURE)
    tracker.slots["age"] = 35.0
    tracker.events[-1]["value"] = 35.0

    events = validate(tracker, dispatcher, domain)

    assert SlotSet("age", 35.0) in events


@pytest.mark.parametrize("answer", ["8", "j'ai 150 ans", "né en 2020"])
def test_validate_age_implausible_answer_asks_again_kindly(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
) -> None:
    events = validate(tracker_from_fixture(FIXTURE, answer), dispatcher, domain)

    assert SlotSet("age", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_age_out_of_range"]


def test_validate_age_cleared_slot_asks_without_complaint(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture(FIXTURE)
    tracker.slots["age"] = None
    tracker.events[-1]["value"] = None

    events = validate(tracker, dispatcher, domain)

    assert SlotSet("age", None) in events
    assert dispatcher.messages == []


def test_responses_used_by_the_form_exist_in_the_domain(domain: dict[str, Any]) -> None:
    for name in ("utter_ask_age", "utter_age_unreadable", "utter_age_out_of_range"):
        assert name in domain["responses"]
    assert domain["forms"]["bilan_form"]["required_slots"] == ["age"]


def test_reset_bilan_forgets_the_age_only(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture("tracker_bilan_complete.json")

    events = asyncio.run(ActionResetBilan().run(dispatcher, tracker, domain))

    assert events == [SlotSet("age", None)]
    assert dispatcher.messages == []


def test_second_unreadable_answer_in_a_row_also_offers_a_person(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture(FIXTURE, "un chat")
    tracker.slots["misunderstood_answers"] = 1.0

    events = validate(tracker, dispatcher, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_age_unreadable", "utter_misunderstood_twice"]
    assert SlotSet("misunderstood_answers", 0.0) in events
    assert "misunderstood_answers" in domain["slots"]


def test_first_unreadable_answer_is_counted_and_a_good_one_resets_the_count(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    assert SlotSet("misunderstood_answers", 1.0) in validate(
        tracker_from_fixture(FIXTURE, "un chat"), dispatcher, domain
    )
    assert SlotSet("misunderstood_answers", 0.0) in validate(tracker_from_fixture(FIXTURE, "34"), dispatcher, domain)
