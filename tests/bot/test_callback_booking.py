"""Booking a callback: the body sent to the api (bilan only with consent, the commune), the reference said, the
api's refusals and failures, and logs without personal data. The api answers through httpx.MockTransport."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.callback import ActionCallbackSubmit
from bot.actions.callback_client import REJECTIONS
from tests.bot.callback_fakes import (
    READY,
    SENDER,
    SLOTS,
    FakeApi,
    error_422,
    responses,
    run,
    slot_values,
    tracker,
)

BOOK = "/internal/v1/callbacks"


def submit(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any], **slots: Any) -> dict[str, Any]:
    events = run(ActionCallbackSubmit(api.client()).run(
        dispatcher, tracker("oui", loop=None, requested_slot=None, **{**READY, **slots}), domain))
    return slot_values(events)


def test_booking_with_consent_sends_the_bilan_and_says_reference_and_when(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    values = submit(api, dispatcher, domain)

    [request] = api.requests
    assert request.headers["Idempotency-Key"] == "key-1"
    assert request.headers["X-Conversation-Id"] == SENDER
    assert api.bodies(BOOK) == [{
        "territory": "bastia", "phone": "06 12 34 56 78", "first_name": "Karima",
        "preferred_slot_start": SLOTS[1]["start"], "consent_share_bilan": True,
        "bilan": {"summary": "RSA : environ 565,51 EUR par mois (CAF). Prime d'activite : a verifier.",
                  "answers": {"age": 34, "children": 0, "housing": "tenant"}},
    }]
    [message] = dispatcher.messages
    assert (message["response"], message["reference"], message["expected_call"]) == (
        "utter_callback_booked", "K7PX-93QA", SLOTS[0]["label"])
    assert values["callback_outcome"] == "done"
    assert values["callback_phone"] is None and values["callback_request_key"] is None  # forgotten once booked


def test_booking_without_consent_sends_no_bilan_and_no_first_name_when_skipped(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    submit(api, dispatcher, domain, callback_consent=False, callback_first_name="", callback_slot="any")
    [body] = api.bodies(BOOK)
    assert "bilan" not in body
    assert (body["consent_share_bilan"], body["first_name"], body["preferred_slot_start"]) == (False, None, None)


def test_booking_sends_the_residents_commune_so_the_api_can_check_the_perimeter(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    submit(api, dispatcher, domain, depcom="2B033")
    [body] = api.bodies(BOOK)
    assert body["depcom"] == "2B033"


def test_booking_refused_by_the_api_says_the_response_of_its_code_and_asks_that_answer_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.answers[BOOK] = [error_422("preferred_slot_start", "slot_not_offered")]
    values = submit(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_callback_rejected_slot_not_offered"]
    assert "utter_callback_rejected_slot_not_offered" in domain["responses"]
    assert values == {"callback_slot": None, "callback_slots_offered": None, "callback_request_key": "key-1",
                      "callback_outcome": "ask_again"}


@pytest.mark.parametrize("code", sorted(REJECTIONS))
def test_every_code_the_api_refuses_with_has_its_words_in_the_domain(code: str, domain: dict[str, Any]) -> None:
    assert f"utter_callback_rejected_{code}" in domain["responses"]


def test_a_commune_outside_the_territory_is_said_with_the_territory_the_api_names(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.answers[BOOK] = [error_422("depcom", "depcom_not_covered", territory_name="Bastia")]
    submit(api, dispatcher, domain)
    assert [(m["response"], m["territory_name"]) for m in dispatcher.messages] == [
        ("utter_callback_rejected_depcom_not_covered", "Bastia")]


def test_an_unknown_code_is_said_with_the_general_refusal(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.answers[BOOK] = [error_422("bilan", "bilan_without_consent")]
    submit(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_callback_rejected"]


def test_booking_with_the_api_down_keeps_the_answers_and_retries_with_the_same_key(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.down(BOOK)
    values = submit(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_callback_unavailable"]
    assert values == {"callback_request_key": "key-1", "callback_phone_confirmed": None, "callback_outcome": "done"}

    submit(api, dispatcher, domain)  # « Réessayer », the number read back and confirmed again
    first, second = (request for request in api.requests if request.url.path == BOOK)
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == "key-1"
    assert responses(dispatcher.messages)[-1] == "utter_callback_booked"


def test_booking_for_a_commune_outside_every_territory_calls_nothing(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    values = submit(api, dispatcher, domain, callback_territory=None,
                    callback_place={"covered": False, "code": None})
    assert api.requests == [] and dispatcher.messages == []
    assert values == {"callback_outcome": "done"}


def test_booking_logs_neither_the_phone_nor_the_first_name(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.actions")
    api.answers[BOOK] = [error_422("phone", "phone_invalid")]
    submit(api, dispatcher, domain)
    api.down(BOOK)
    submit(api, dispatcher, domain)
    submit(api, dispatcher, domain)
    assert caplog.records
    assert "12 34 56" not in caplog.text and "Karima" not in caplog.text
