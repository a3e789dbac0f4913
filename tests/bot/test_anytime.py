"""Corrections and repeated misunderstandings (bot/actions/anytime.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.anytime import ActionCorrection, ActionMisunderstood, misunderstood_in_a_row
from bot.actions.corrections import SLOT_TOPICS, corrected_text, correction_events, implicit_correction
from bot.actions.plan import BILAN_SLOTS


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


TODAY = date(2026, 11, 25)
ANSWERED = {"depcom": "69259", "age": 34.0, "couple": "single", "children": 1.0, "child_ages": [4.0],
            "housing": "tenant", "rent": 550.0}


def test_correction_of_the_question_being_asked_is_the_new_answer_without_its_correcting_words() -> None:
    events, response = correction_events("non en fait j'ai 35 ans", "age", {"depcom": "69259"}, TODAY)
    assert events == [SlotSet("age", "j ai 35 ans")]
    assert response == "utter_correction_noted"


def test_correction_naming_nothing_during_the_bilan_asks_the_previous_question_again() -> None:
    events, _ = correction_events("je me suis trompé", "activity", ANSWERED, TODAY)
    assert events == [SlotSet("activity", None), SlotSet("rent", None)]


def test_correction_with_its_new_value_about_an_earlier_question_keeps_it_and_asks_the_current_one_again() -> None:
    events, response = correction_events("non en fait j'ai 3 enfants", "activity", ANSWERED, TODAY)
    assert events == [SlotSet("activity", None), SlotSet("children", 3.0), SlotSet("child_ages", None),
                      SlotSet("pregnant", None)]
    assert response == "utter_correction_noted"


def test_correction_naming_only_the_question_forgets_that_answer() -> None:
    events, _ = correction_events("je me suis trompé sur le loyer", "activity", ANSWERED, TODAY)
    assert events == [SlotSet("activity", None), SlotSet("rent", None)]


def test_correction_about_the_partner_goes_to_the_partners_answer() -> None:
    answers = {**ANSWERED, "couple": "married", "activity": "employed", "income": 1200.0, "partner_income": 900.0}
    events, _ = correction_events("non mon conjoint gagne 1400", None, answers, TODAY)
    assert events == [SlotSet("partner_income", 1400.0)]


def test_correction_after_the_bilan_forgets_the_answer_concerned() -> None:
    events, response = correction_events("je me suis trompé sur mon âge", None, {"age": 62.0}, TODAY)
    assert events == [SlotSet("age", None)]
    assert response == "utter_correction_noted"


def test_correction_after_the_bilan_naming_nothing_asks_the_last_question_again() -> None:
    events, response = correction_events("je me suis trompé", None, ANSWERED, TODAY)
    assert events == [SlotSet("rent", None)]
    assert response == "utter_correction_noted"


def test_correction_with_nothing_answered_asks_every_question_again() -> None:
    events, response = correction_events("je me suis trompé", None, {}, TODAY)
    assert {event["name"] for event in events} == set(BILAN_SLOTS)
    assert response == "utter_correction_restart"


def test_corrected_text_drops_the_correcting_words() -> None:
    assert corrected_text("Non, en fait j'ai 3 enfants") == "j ai 3 enfants"
    assert corrected_text("je me suis trompé sur le loyer : 600") == "loyer 600"


def test_action_correction_after_the_result(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_from_fixture("tracker_bilan_complete.json")
    tracker.latest_message = {"text": "attendez, je me suis trompé sur mon âge", "intent": {"name": "correction"}}

    events = asyncio.run(ActionCorrection().run(dispatcher, tracker, domain))

    assert events == [SlotSet("age", None), SlotSet("recap", None), SlotSet("recap_topic", None)]
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
        "utter_dont_know_noted",
        "utter_why_asked",
        "utter_help",
        "utter_insult",
    ):
        assert name in domain["responses"]


def test_an_unreadable_answer_that_corrects_another_one_with_its_value_is_a_correction() -> None:
    answers = {**ANSWERED, "rent": None, "housing": None}
    assert implicit_correction("non en fait j'ai 3 enfants", "housing", answers, TODAY) == {
        "housing": None, "children": 3.0, "child_ages": None, "pregnant": None}
    assert implicit_correction("j'ai 3 enfants", "housing", answers, TODAY) == {}  # no correcting word
    assert implicit_correction("non je me suis trompé", "housing", answers, TODAY) == {}  # no new value


def test_why_asked_is_answered_for_every_question_of_the_bilan(domain: dict[str, Any]) -> None:
    variations = domain["responses"]["utter_why_asked"]
    conditioned = {condition["value"] for variation in variations for condition in variation.get("condition") or []
                   if condition["name"] == "requested_slot"}
    assert conditioned == set(BILAN_SLOTS)
    assert "condition" not in variations[-1]  # the general answer, outside the bilan


def test_every_bilan_question_has_a_correction_topic() -> None:
    assert set(SLOT_TOPICS) == set(BILAN_SLOTS)
    assert correction_events("je me suis trompé pour l'épargne", None, {"savings": 100.0}, TODAY)[0] == [
        SlotSet("savings", None)]
    assert correction_events("erreur sur le handicap", None, {"disability": 0.0}, TODAY)[0] == [
        SlotSet("disability", None)]
