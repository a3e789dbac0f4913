"""The eligibility client against httpx.MockTransport (no network)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from bot.actions.api_client import (
    DEFAULT_API_URL,
    DEFAULT_INTERNAL_SECRET,
    ApiResponseError,
    ApiStatusError,
    ApiUnavailableError,
    BenefitResult,
    EligibilityClient,
)
from tests.bot.support import load_fixture

Handler = Callable[[httpx.Request], httpx.Response]


def client_with(handler: Handler) -> EligibilityClient:
    return EligibilityClient(base_url="http://api.test", secret="s3cret", transport=httpx.MockTransport(handler))


def estimate(client: EligibilityClient) -> list[BenefitResult]:
    return asyncio.run(client.estimate({"age": 34}))


def test_estimate_sends_situation_with_secret_to_internal_endpoint() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=load_fixture("eligibility_eligible.json"))

    estimate(client_with(handler))

    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == "http://api.test/internal/v1/eligibility"
    assert request.headers["X-Internal-Secret"] == "s3cret"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"age": 34}


def test_estimate_eligible_parses_the_result() -> None:
    results = estimate(client_with(lambda _: httpx.Response(200, json=load_fixture("eligibility_eligible.json"))))

    (rsa,) = results
    assert rsa.benefit == "rsa"
    assert rsa.status == "eligible"
    assert rsa.monthly_amount == 565.51
    assert rsa.monthly_amount_text == "565,51 €"
    assert rsa.institution == "CAF ou MSA"
    assert rsa.url.startswith("https://")
    assert rsa.legislation_date == "2026-04-01"


def test_estimate_not_eligible_parses_the_reason() -> None:
    (rsa,) = estimate(client_with(lambda _: httpx.Response(200, json=load_fixture("eligibility_not_eligible.json"))))

    assert rsa.status == "not_eligible"
    assert rsa.reasons and rsa.reasons[0].startswith("Avant 25 ans")


def test_estimate_server_error_raises_status_error() -> None:
    with pytest.raises(ApiStatusError) as caught:
        estimate(client_with(lambda _: httpx.Response(500, text="boom")))
    assert caught.value.status_code == 500


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.ConnectTimeout("slow"),
    ],
)
def test_estimate_unreachable_api_raises_unavailable(error: httpx.TransportError) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(ApiUnavailableError):
        estimate(client_with(handler))


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="not json"),
        httpx.Response(200, json=["a", "list"]),
        httpx.Response(200, json={"results": "nope"}),
        httpx.Response(200, json={"results": [{"benefit": "rsa"}]}),
        httpx.Response(200, json={"results": [42]}),
        httpx.Response(
            200,
            json={"results": [{"benefit": "rsa", "label": "RSA", "status": "maybe"}]},
        ),
    ],
)
def test_estimate_malformed_body_raises_response_error(response: httpx.Response) -> None:
    with pytest.raises(ApiResponseError):
        estimate(client_with(lambda _: response))


def test_from_env_reads_url_and_secret_with_defaults() -> None:
    configured = EligibilityClient.from_env({"API_INTERNAL_URL": "http://api:8000/", "INTERNAL_API_SECRET": "prod"})
    default = EligibilityClient.from_env({})

    assert (configured.base_url, configured.secret) == ("http://api:8000", "prod")
    assert (default.base_url, default.secret) == (DEFAULT_API_URL, DEFAULT_INTERNAL_SECRET)


def test_estimate_sends_the_conversation_id_and_reads_a_yearly_amount() -> None:
    seen: list[httpx.Request] = []
    body = load_fixture("eligibility_eligible.json")
    body["results"][0].update(monthly_amount=None, monthly_amount_text=None, yearly_amount_text="146 €")

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=body)

    client = EligibilityClient(base_url="http://api.test", transport=httpx.MockTransport(handler))
    (result,) = asyncio.run(client.estimate({"age": 70}, conversation_id="abc123"))

    assert seen[0].headers["X-Conversation-Id"] == "abc123"
    assert result.yearly_amount_text == "146 €"
