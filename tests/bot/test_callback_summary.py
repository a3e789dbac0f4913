"""« Recevoir le résumé par SMS »: the actions on tracker fixtures, the api through httpx.MockTransport."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.summary import ActionSendSummary, ActionSummaryStart, ValidateSummaryForm
from tests.bot.callback_fakes import SENDER, FakeApi, error_422, responses, run, slot_values, tracker

SUMMARY_PATH = "/internal/v1/sms/summary"



def test_by_sms_the_summary_is_already_in_the_thread(dispatcher: CollectingDispatcher,
                                                     domain: dict[str, Any]) -> None:
    events = run(ActionSummaryStart().run(dispatcher, tracker("/send_summary", loop=None, channel="sms"), domain))
    assert responses(dispatcher.messages) == ["utter_summary_in_thread"]
    assert slot_values(events) == {"summary_outcome": "done"}


def test_by_sms_known_from_the_metadata_when_the_slot_is_empty(dispatcher: CollectingDispatcher,
                                                               domain: dict[str, Any]) -> None:
    run(ActionSummaryStart().run(dispatcher, tracker("/send_summary", loop=None, channel=None,
                                                     metadata={"channel": "sms", "territory": ""}), domain))
    assert responses(dispatcher.messages) == ["utter_summary_in_thread"]


def test_on_the_web_before_any_result_there_is_nothing_to_send(dispatcher: CollectingDispatcher,
                                                               domain: dict[str, Any]) -> None:
    events = run(ActionSummaryStart().run(dispatcher, tracker("/send_summary", loop=None, bilan_summary=None),
                                          domain))
    assert responses(dispatcher.messages) == ["utter_summary_not_ready"]
    assert slot_values(events) == {"summary_outcome": "done"}


def test_on_the_web_after_a_result_the_number_is_asked(dispatcher: CollectingDispatcher,
                                                       domain: dict[str, Any]) -> None:
    events = run(ActionSummaryStart().run(dispatcher, tracker("/send_summary", loop=None), domain))
    assert responses(dispatcher.messages) == ["utter_summary_intro"]
    assert slot_values(events) == {"summary_outcome": "asking"}


def test_summary_form_reads_and_reads_back_the_number_like_the_callback(
        dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    form = ValidateSummaryForm()
    read = form.validate_callback_phone("06.12.34.56.78", dispatcher, tracker("06.12.34.56.78", loop="summary_form"),
                                        domain)
    assert read == {"callback_phone": "06 12 34 56 78"}
    confirmed = form.validate_callback_phone_confirmed(
        True, dispatcher, tracker("oui", loop="summary_form", intent="affirm", callback_phone="06 12 34 56 78"), domain)
    assert confirmed == {"callback_phone_confirmed": True}
    assert domain["responses"][
        "utter_ask_callback_phone_confirmed"][0]["text"] == "J'ai noté le {callback_phone} : c'est bien ça ?"


def send(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> dict[str, Any]:
    state = tracker("oui", loop=None, callback_phone="06 12 34 56 78", callback_phone_confirmed=True)
    return slot_values(run(ActionSendSummary(api.client()).run(dispatcher, state, domain)))


def test_summary_sent_with_the_number_and_the_bilan_summary(api: FakeApi, dispatcher: CollectingDispatcher,
                                                            domain: dict[str, Any]) -> None:
    values = send(api, dispatcher, domain)
    assert api.bodies(SUMMARY_PATH) == [{
        "phone": "06 12 34 56 78",
        "text": "RSA : environ 565,51 EUR par mois (CAF). Prime d'activite : a verifier.",
    }]
    assert api.requests[0].headers["X-Conversation-Id"] == SENDER
    assert responses(dispatcher.messages) == ["utter_summary_sent"]
    assert values == {"callback_phone": None, "callback_phone_confirmed": None, "summary_outcome": "done"}


def test_summary_to_a_number_that_opted_out_says_so(api: FakeApi, dispatcher: CollectingDispatcher,
                                                    domain: dict[str, Any]) -> None:
    api.answers[SUMMARY_PATH] = [httpx.Response(202, json={"status": "opted_out"})]
    send(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_summary_opted_out"]


def test_summary_number_refused_by_the_api_asks_it_again(api: FakeApi, dispatcher: CollectingDispatcher,
                                                         domain: dict[str, Any]) -> None:
    api.answers[SUMMARY_PATH] = [error_422("phone", "phone_service_number")]
    values = send(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_callback_rejected_phone_service_number"]
    assert values["summary_outcome"] == "ask_again"
    assert values["callback_phone"] is None


def test_summary_with_the_api_down_keeps_the_number_for_a_retry(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.actions")
    api.down(SUMMARY_PATH)
    values = send(api, dispatcher, domain)
    assert responses(dispatcher.messages) == ["utter_summary_unavailable"]
    assert values == {"callback_phone_confirmed": None, "summary_outcome": "done"}
    assert caplog.records and "12 34 56" not in caplog.text
