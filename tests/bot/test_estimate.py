"""action_bilan_result: the whole situation to the api, every result through domain responses, then the offer."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.api_client import EligibilityClient
from bot.actions.estimate import ActionBilanResult
from tests.bot.support import load_fixture

FIXTURE = "tracker_bilan_complete.json"
RESULTS = "eligibility_tenant_low_salary.json"


def run_action(
    handler: Callable[[httpx.Request], httpx.Response],
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> list[dict[str, Any]]:
    client = EligibilityClient(base_url="http://api.test", transport=httpx.MockTransport(handler))
    return asyncio.run(ActionBilanResult(client=client).run(dispatcher, tracker, domain))


def test_the_whole_situation_is_sent_with_the_conversation_id(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=load_fixture(RESULTS))

    run_action(handler, tracker_from_fixture(FIXTURE), dispatcher, domain)

    (request,) = sent
    assert request.url.path == "/internal/v1/eligibility"
    assert request.headers["X-Conversation-Id"] == "fixture-bilan-complete"
    assert json.loads(request.content) == {
        "depcom": "69259", "age": 34, "activity": "employed", "incomes": {"salary": 900.0}, "couple": False,
        "children": [], "housing": {"status": "tenant", "rent": 550.0}, "disability_rate": 0, "pregnant": False,
    }


def test_likely_rights_come_first_then_uncertain_then_the_others_then_the_offer(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    run_action(lambda _: httpx.Response(200, json=load_fixture(RESULTS)), tracker_from_fixture(FIXTURE),
               dispatcher, domain)

    responses = [message["response"] for message in dispatcher.messages]
    assert responses == [
        "utter_result_intro",
        "utter_result_eligible_monthly",  # prime d'activité
        "utter_result_eligible_monthly",  # aide au logement
        "utter_result_eligible",  # CSS: a coverage, no amount
        "utter_result_eligible",  # a local aid, listed like any other
        "utter_result_intro_uncertain",
        "utter_result_uncertain",
        "utter_result_uncertain",
        "utter_result_not_eligible",
        "utter_result_offer",
    ]
    assert all(name in domain["responses"] for name in responses)
    ppa = dispatcher.messages[1]
    assert (ppa["label"], ppa["amount"], ppa["institution"]) == ("Prime d'activité", "243,32\u00a0€", "CAF ou MSA")
    assert ppa["reason"].startswith("Vos revenus du travail, 900\u00a0€")
    assert ppa["url"].startswith("https://")
    assert dispatcher.messages[4]["label"] == "Aide locale à l'énergie de Vénissieux"
    assert dispatcher.messages[6]["reason"].startswith("La réponse dépend")
    lines = dispatcher.messages[8]["lines"].split("\n")
    assert lines[0].startswith("- Revenu de solidarité active (RSA) : Vos ressources")
    assert len(lines) == 5


def test_summary_and_answers_are_kept_for_the_callback_and_the_sms(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = run_action(lambda _: httpx.Response(200, json=load_fixture(RESULTS)), tracker_from_fixture(FIXTURE),
                        dispatcher, domain)

    slots = {event["name"]: event["value"] for event in events}
    summary = slots["bilan_summary"]
    assert summary.startswith("Assistant des droits")
    assert "Prime d'activité 243,32 €" in summary and "RSA" not in summary
    assert "AAH" in summary
    assert len(summary) <= 300
    assert "\u202f" not in summary
    assert slots["bilan_answers"] == {
        "depcom": "69259", "age": 34.0, "couple": "single", "children": 0.0, "housing": "tenant", "rent": 550.0,
        "activity": "employed", "income": 900.0, "disability": 0.0,
    }
    assert all(isinstance(value, (int, float, str)) for value in slots["bilan_answers"].values())


def test_offer_buttons_are_the_contract_between_helpers(domain: dict[str, Any]) -> None:
    (offer,) = domain["responses"]["utter_result_offer"]
    assert [button["payload"] for button in offer["buttons"]] == ["/human_request", "/send_summary", "/start_over"]
    assert "send_summary" in domain["intents"]


def _raise_connect_error(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("refused", request=request)


def _raise_timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("slow", request=request)


@pytest.mark.parametrize(
    "handler",
    [
        lambda _: httpx.Response(500),
        lambda _: httpx.Response(401),
        lambda _: httpx.Response(200, text="<html>"),
        lambda _: httpx.Response(200, json={"results": [{"benefit": "rsa"}]}),
        _raise_connect_error,
        _raise_timeout,
    ],
    ids=["500", "401", "not-json", "malformed-result", "connection-refused", "timeout"],
)
def test_api_failure_says_try_later_without_personal_data_in_logs(
    handler: Callable[[httpx.Request], httpx.Response],
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot.actions"):
        events = run_action(handler, tracker_from_fixture(FIXTURE), dispatcher, domain)

    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_estimate_unavailable"]
    assert caplog.records, "the failure must be logged"
    assert all("900" not in record.getMessage() and "550" not in record.getMessage() for record in caplog.records)


def test_no_likely_right_says_so_and_still_offers_a_person(
    tracker_from_fixture: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    body = load_fixture(RESULTS)
    body["results"] = [result for result in body["results"] if result["status"] == "not_eligible"]

    events = run_action(lambda _: httpx.Response(200, json=body), tracker_from_fixture(FIXTURE), dispatcher, domain)

    assert [m["response"] for m in dispatcher.messages] == [
        "utter_result_intro_none", "utter_result_not_eligible", "utter_result_offer"]
    assert {event["name"]: event["value"] for event in events}["bilan_summary"].startswith("Assistant des droits")


@pytest.mark.parametrize("name", ["utter_result_eligible_monthly", "utter_result_eligible_yearly",
                                  "utter_result_eligible", "utter_result_uncertain", "utter_result_not_eligible"])
def test_result_responses_use_only_variables_the_action_provides(name: str, domain: dict[str, Any]) -> None:
    provided = {"label", "amount", "reason", "institution", "url", "lines"}
    for variant in domain["responses"][name]:
        assert set(re.findall(r"{(\w+)}", variant["text"])) <= provided
