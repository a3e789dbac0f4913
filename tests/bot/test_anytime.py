"""Corrections and repeated misunderstandings (bot/actions/anytime.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.anytime import ActionCorrection, ActionMisunderstood, correction_events, misunderstood_in_a_row


def user(intent: str) -> dict[str, Any]:
    return {"event": "user", "text": "…", "parse_data": {"intent": {"name": intent}}}


def test_misunderstood_in_a_row_counts_the_latest_fallbacks_only() -> None:
    events = [user("nlu_fallback"), user("inform"), {"event": "bot"}, user("nlu_fallback"), user("nlu_fallback")]
    assert misunderstood_in_a_row(events) == 2
    assert misunderstood_in_a_row([user("inform"), user("nlu_fallback")]) == 1
    assert misunderstood_in_a_row([]) == 0


def test_a_message_no_rule_knew_counts_as_misunderstood() -> None:
    events = [
        user("dont_know"),
        {"event": "action", "name": "utter_dont_know"},
        user("inform"),
        {"event": "action", "name": "action_default_fallback"},
        {"event": "bot", "text": "Je n'ai pas bien compris"},
        {"event": "rewind"},
        {"event": "action", "name": "action_listen"},
        user("nlu_fallback"),
    ]
    assert misunderstood_in_a_row(events) == 2


def test_correction_of_the_question_being_asked_keeps_the_extracted_answer() -> None:
    assert correction_events("non en fait j'ai 35 ans", "age", {"age": None}) == ([], "utter_correction_noted")


def test_correction_naming_nothing_during_the_bilan_is_the_new_answer() -> None:
    assert correction_events("pardon, 35", "age", {"age": None}) == ([], "utter_correction_noted")


def test_correction_after_the_bilan_forgets_the_answer_concerned() -> None:
    events, response = correction_events("je me suis trompé sur mon âge", None, {"age": 62.0})
    assert events == [SlotSet("age", None)]
    assert response == "utter_correction_noted"


def test_correction_after_the_bilan_naming_nothing_asks_every_question_again() -> None:
    events, response = correction_events("je me suis trompé", None, {"age": 62.0})
    assert events == [SlotSet("age", None)]
    assert response == "utter_correction_restart"


def test_action_correction_after_the_estimate(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_from_fixture("tracker_bilan_complete.json")
    tracker.latest_message = {"text": "non j'ai pas 62 ans, je me suis trompé d'âge", "intent": {"name": "correction"}}

    events = asyncio.run(ActionCorrection().run(dispatcher, tracker, domain))

    assert events == [SlotSet("age", None)]
    assert [m["response"] for m in dispatcher.messages] == ["utter_correction_noted"]


def test_second_misunderstanding_in_a_row_offers_a_person(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    once = Tracker("s", {}, {}, [user("inform"), user("nlu_fallback")], False, None, {}, "action_listen")
    twice = Tracker("s", {}, {}, [user("nlu_fallback"), user("nlu_fallback")], False, None, {}, "action_listen")

    asyncio.run(ActionMisunderstood().run(dispatcher, once, domain))
    asyncio.run(ActionMisunderstood().run(dispatcher, twice, domain))

    assert [m["response"] for m in dispatcher.messages] == ["utter_default", "utter_misunderstood_twice"]
    assert all(m["response"] in domain["responses"] for m in dispatcher.messages)


def test_responses_of_the_anytime_actions_exist(domain: dict[str, Any]) -> None:
    for name in (
        "utter_correction_noted",
        "utter_correction_restart",
        "utter_misunderstood_twice",
        "utter_dont_know",
        "utter_dont_know_age",
        "utter_why_asked",
        "utter_help",
        "utter_insult",
    ):
        assert name in domain["responses"]


def test_correction_during_the_bilan_about_an_earlier_question_asks_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The bilan will have more questions; the rule is the same for each (here with a children question).
    monkeypatch.setattr("bot.actions.anytime.SLOT_TOPICS", {"age": "age", "children": "children"})
    monkeypatch.setattr("bot.actions.anytime.BILAN_SLOTS", ("children", "age"))

    events, response = correction_events("non en fait j'ai 3 enfants", "age", {"children": "2", "age": None})

    assert events == [SlotSet("children", None), SlotSet("age", None)]
    assert response == "utter_correction_noted"
