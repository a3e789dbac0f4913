"""The bilan form (validate_bilan_form): answers read in light of the question, "Question N sur M", retries."""

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
from bot.actions.plan import BILAN_SLOTS

FIXTURE = "tracker_age_asked.json"
EARLIER = {"depcom": "69259"}


def validate(tracker: Tracker, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> list[dict[str, Any]]:
    action = ValidateBilanForm(today=lambda: date(2026, 11, 25))
    return asyncio.run(action.run(dispatcher, tracker, domain))


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


@pytest.mark.parametrize(
    ("answer", "age"),
    [("trente-quatre ans", 34.0), ("34", 34.0), ("jai 52ans", 52.0), ("né en 1989", 37.0)],
)
def test_validate_age_readable_answer_fills_the_slot_and_plans_the_next_question(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
    age: float,
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, answer, answers=EARLIER), dispatcher, domain))

    assert events["age"] == age
    assert events["requested_slot"] == "couple"
    assert events["question_number"] == "3"
    assert int(events["question_total"]) <= 10
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slot", "answer", "value"),
    [("depcom", "69200", "69259"), ("couple", "pacsé", "pacs"), ("housing", "proprio", "owner"),
     ("income", "1200 balles", 1200.0), ("children", "non", 0.0)],
)
def test_every_question_is_read_with_its_own_reader(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    slot: str,
    answer: str,
    value: Any,
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, answer, slot=slot), dispatcher, domain))
    assert events[slot] == value


def test_an_amount_told_as_a_guess_is_kept_and_said_back_with_environ(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    earlier = {"depcom": "69259", "age": 34.0, "couple": "single", "children": 0.0, "housing": "tenant",
               "rent": 500.0, "activity": "employed"}
    text = "je sais pas exactement, autour de neuf cents euros"
    events = slot_events(validate(tracker_from_fixture(FIXTURE, text, slot="income", answers=earlier),
                                  dispatcher, domain))
    assert events["income"] == 900.0
    assert events["approximate"] == ["income"]
    assert "revenus environ 900 €/mois" in events["said_back"]


def test_an_exact_amount_replaces_a_guess(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    earlier = {"depcom": "69259", "age": 34.0, "couple": "single", "children": 0.0, "housing": "tenant",
               "rent": 500.0, "activity": "employed", "approximate": ["rent", "income"]}
    events = slot_events(validate(tracker_from_fixture(FIXTURE, "912", slot="income", answers=earlier),
                                  dispatcher, domain))
    assert events["income"] == 912.0
    assert events["approximate"] == ["rent"]


def test_the_plan_adapts_a_tenant_is_asked_the_rent_next(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    earlier = {"depcom": "69259", "age": 34.0, "couple": "single", "children": 0.0}
    events = slot_events(validate(tracker_from_fixture(FIXTURE, "locataire", slot="housing", answers=earlier),
                                  dispatcher, domain))
    assert events["requested_slot"] == "rent"
    assert events["question_number"] == "6"


@pytest.mark.parametrize("answer", ["bonjour", "12 ou 13 peut-être", "un chat"])
def test_validate_age_unreadable_answer_asks_again_with_an_example(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
) -> None:
    events = validate(tracker_from_fixture(FIXTURE, answer), dispatcher, domain)

    assert SlotSet("age", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_age_unreadable"]
    assert "par exemple" in domain["responses"]["utter_age_unreadable"][0]["text"]


@pytest.mark.parametrize("answer", ["je sais pas", "euh je sais pas trop", "jsp", "aucune idée"])
def test_dont_know_is_recorded_as_an_assumption_and_the_bilan_goes_on(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answer: str,
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, answer, intent="dont_know", answers=EARLIER),
                                  dispatcher, domain))

    assert events["age"] == "unknown"
    assert events["requested_slot"] == "couple"
    assert [m["response"] for m in dispatcher.messages] == ["utter_dont_know_noted"]


def test_an_ambiguous_commune_offers_buttons_and_keeps_the_codes_offered(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, "saint denis", slot="depcom"), dispatcher, domain))

    assert events["depcom"] is None
    assert events["requested_slot"] == "depcom"
    (message,) = dispatcher.messages
    assert message["response"] == "utter_depcom_choose"
    assert {"title": "Saint-Denis (93, Seine-Saint-Denis)", "payload": "93066"} in message["buttons"]
    assert "93066" in events["commune_choices"]


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


def test_every_question_problem_and_form_slot_exists_in_the_domain(domain: dict[str, Any]) -> None:
    assert domain["forms"]["bilan_form"]["required_slots"] == [*BILAN_SLOTS, "recap_topic", "recap"]
    for slot in BILAN_SLOTS:
        assert f"utter_ask_{slot}" in domain["responses"]
        assert f"utter_{slot}_unreadable" in domain["responses"]
        for variation in domain["responses"][f"utter_ask_{slot}"]:
            assert variation["text"].startswith("{said_back}Question {question_number} sur {question_total}")
        mapping = domain["slots"][slot]["mappings"][0]
        assert mapping["conditions"] == [{"active_loop": "bilan_form", "requested_slot": slot}]
        assert not {"dont_know", "correction", "inform"} & set(mapping["not_intent"])
    for slot in ("age", "partner_age"):
        assert f"utter_{slot}_out_of_range" in domain["responses"]


def test_reset_bilan_forgets_every_answer_but_not_the_channel(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture("tracker_bilan_complete.json")

    events = asyncio.run(ActionResetBilan().run(dispatcher, tracker, domain))

    assert {event["name"] for event in events} >= set(BILAN_SLOTS) | {"bilan_summary", "bilan_answers"}
    assert all(event["value"] is None for event in events if event["name"] != "said_back")
    assert SlotSet("said_back", "") in events
    assert not {"channel", "territory"} & {event["name"] for event in events}
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
    assert SlotSet("misunderstood_answers", 2.0) in events
    buttons = domain["responses"]["utter_misunderstood_twice"][0]["buttons"]
    assert {"title": "Parler à quelqu'un", "payload": "/human_request"} in buttons


def test_first_unreadable_answer_is_counted_and_a_good_one_resets_the_count(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    assert SlotSet("misunderstood_answers", 1.0) in validate(
        tracker_from_fixture(FIXTURE, "un chat"), dispatcher, domain
    )
    assert SlotSet("misunderstood_answers", 0.0) in validate(tracker_from_fixture(FIXTURE, "34"), dispatcher, domain)


def test_an_answer_that_corrects_an_earlier_question_is_kept_for_it_and_the_form_asks_on(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    earlier = {"depcom": "69123", "age": 29.0, "couple": "single", "children": [4.0]}
    tracker = tracker_from_fixture(FIXTURE, "non en fait j'ai 3 enfants", slot="housing", answers=earlier)

    events = slot_events(validate(tracker, dispatcher, domain))

    assert events["children"] == 3.0
    assert events["housing"] is None
    assert events["requested_slot"] == "child_ages"
    assert [m["response"] for m in dispatcher.messages] == ["utter_correction_noted"]


def test_a_message_nothing_was_extracted_from_lets_the_rules_answer_it(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # "je veux parler à quelqu'un" while the commune is asked: the text mapping skipped it (not_intent), so the
    # validation must return no slot but requested_slot, or Rasa would not reject the form for the rules.
    tracker = tracker_from_fixture(FIXTURE)
    tracker.slots.update(age=None, requested_slot="depcom")
    tracker.events = [event for event in tracker.events if event.get("event") != "slot" or event["name"] != "age"]
    tracker.events.append({"event": "action", "name": "bilan_form"})  # Rasa's temporary tracker ends with the form

    events = validate(tracker, dispatcher, domain)

    assert [event["name"] for event in events if event["event"] == "slot"] == ["requested_slot"]
    assert dispatcher.messages == []


def test_after_another_action_the_form_asks_its_question_with_its_number(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = tracker_from_fixture(FIXTURE)
    tracker.slots.update(age=None, requested_slot="depcom")
    tracker.events = [event for event in tracker.events if event.get("event") != "slot" or event["name"] != "age"]
    tracker.events += [{"event": "action", "name": "utter_why_asked"}, {"event": "action", "name": "bilan_form"}]

    events = slot_events(validate(tracker, dispatcher, domain))

    assert events["question_number"] == "1"


def test_third_unreadable_answer_in_a_row_is_recorded_unknown_so_the_question_never_comes_a_fourth_time(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    tracker = tracker_from_fixture(FIXTURE, "un chat")
    tracker.slots["misunderstood_answers"] = 2.0

    events = validate(tracker, dispatcher, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_moving_on"]
    assert SlotSet("age", "unknown") in events and SlotSet("misunderstood_answers", 0.0) in events


@pytest.mark.parametrize(("answer", "intent"), [
    ("Je suis de la génération 1991, un peu de patience avec moi", "out_of_scope"),
    ("bonjour, j'ai 35 ans", "greet"),
    ("35 ans, c'est pour ça que je regarde mes droits", "why_asked"),
])
def test_an_off_topic_or_greeting_message_that_answers_is_kept(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any],
    answer: str, intent: str,
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, answer, intent=intent, answers=EARLIER),
                                  dispatcher, domain))

    assert events["age"] == 35.0
    assert events["requested_slot"] == "couple"


@pytest.mark.parametrize(("answer", "intent", "response"), [
    ("quel temps fait-il demain ?", "out_of_scope", "utter_out_of_scope"),
    ("bonjour", "greet", "utter_greet_in_bilan"),
    ("pourquoi vous me demandez ça ?", "why_asked", "utter_why_asked"),
    ("pourquoi vous voulez savoir si j'ai 35 ans ?", "why_asked", "utter_why_asked"),
])
def test_an_off_topic_or_greeting_message_that_does_not_answer_gets_its_answer_and_the_question_again(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any],
    answer: str, intent: str, response: str,
) -> None:
    events = slot_events(validate(tracker_from_fixture(FIXTURE, answer, intent=intent, answers=EARLIER),
                                  dispatcher, domain))

    assert events["age"] is None and events["requested_slot"] == "age"
    # Counted like an unreadable answer: a person is offered at the second.
    assert events.get("misunderstood_answers") == 1.0
    assert [m["response"] for m in dispatcher.messages] == [response]
