"""action_estimate_rsa speaks only through domain responses, whatever the api does."""

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

from bot.actions.api_client import BenefitResult, EligibilityClient
from bot.actions.estimate import RESPONSE_BY_STATUS, ActionEstimateRsa, format_euros, response_kwargs
from tests.bot.support import load_fixture

FIXTURE = "tracker_bilan_complete.json"


def run_action(
    handler: Callable[[httpx.Request], httpx.Response],
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> list[dict[str, Any]]:
    client = EligibilityClient(base_url="http://api.test", transport=httpx.MockTransport(handler))
    return asyncio.run(ActionEstimateRsa(client=client).run(dispatcher, tracker, domain))


def test_estimate_rsa_eligible_utters_amount_reason_and_where_to_apply(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json=load_fixture("eligibility_eligible.json"))

    events = run_action(handler, tracker_from_fixture(FIXTURE), dispatcher, domain)

    assert sent == [{"age": 34}]
    assert events == []
    (message,) = dispatcher.messages
    assert message["response"] == "utter_rsa_eligible"
    assert message["amount"] == "565,51 €"
    assert message["institution"] == "CAF ou MSA"
    assert message["url"].startswith("https://www.caf.fr/")
    assert message["reason"].startswith("Vous avez plus de 25 ans")
    assert message["response"] in domain["responses"]


def test_estimate_rsa_not_eligible_utters_the_reason(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    run_action(
        lambda _: httpx.Response(200, json=load_fixture("eligibility_not_eligible.json")),
        tracker_from_fixture(FIXTURE),
        dispatcher,
        domain,
    )

    (message,) = dispatcher.messages
    assert message["response"] == "utter_rsa_not_eligible"
    assert message["reason"].startswith("Avant 25 ans")


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
        lambda _: httpx.Response(200, json={"results": []}),
        _raise_connect_error,
        _raise_timeout,
    ],
    ids=["500", "401", "not-json", "no-rsa-result", "connection-refused", "timeout"],
)
def test_estimate_rsa_api_failure_says_try_later_without_personal_data_in_logs(
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
    assert all("34" not in record.getMessage() for record in caplog.records)


def test_responses_used_by_the_estimate_exist_in_the_domain(domain: dict[str, Any]) -> None:
    for name in ("utter_rsa_eligible", "utter_rsa_not_eligible", "utter_rsa_uncertain", "utter_estimate_unavailable"):
        assert name in domain["responses"]


@pytest.mark.parametrize(("amount", "text"), [(565.51, "565,51 €"), (0, "0,00 €"), (1234.5, "1\u202f234,50 €")])
def test_format_euros_french_style(amount: float, text: str) -> None:
    assert format_euros(amount) == text


def test_estimate_rsa_uncertain_utters_what_is_missing_and_where_to_ask(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    body = load_fixture("eligibility_eligible.json")
    result = body["results"][0]
    result.update(status="uncertain", monthly_amount=None, monthly_amount_text=None, reasons=["Il manque vos revenus."])

    run_action(lambda _: httpx.Response(200, json=body), tracker_from_fixture(FIXTURE), dispatcher, domain)

    (message,) = dispatcher.messages
    assert message["response"] == "utter_rsa_uncertain"
    assert message["reason"] == "Il manque vos revenus."
    assert message["amount"] == ""


def test_estimate_rsa_formats_the_amount_when_the_api_gives_no_text(
    tracker_from_fixture: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
) -> None:
    body = load_fixture("eligibility_eligible.json")
    body["results"][0]["monthly_amount_text"] = None

    run_action(lambda _: httpx.Response(200, json=body), tracker_from_fixture(FIXTURE), dispatcher, domain)

    assert dispatcher.messages[0]["amount"] == "565,51 €"


@pytest.mark.parametrize("name", sorted(set(RESPONSE_BY_STATUS.values())))
def test_rsa_responses_use_only_variables_the_action_provides(name: str, domain: dict[str, Any]) -> None:
    provided = set(response_kwargs(BenefitResult("rsa", "RSA", "eligible", None, None)))
    for variant in domain["responses"][name]:
        assert set(re.findall(r"{(\w+)}", variant["text"])) <= provided
