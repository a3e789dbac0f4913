"""The Rasa REST channel client: parsing, and each failure mapped to its exception."""

from __future__ import annotations

import json

import httpx
import pytest

from channels.rasa_client import (
    BotMessage,
    Button,
    RasaBadResponse,
    RasaClient,
    RasaUnavailable,
    parse_replies,
)


def client_answering(handler: httpx.MockTransport) -> RasaClient:
    return RasaClient("http://rasa.test", transport=handler)


async def test_send_posts_sender_message_metadata_and_parses_buttons() -> None:
    seen: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append({"url": str(request.url), **json.loads(request.content)})
        return httpx.Response(200, json=[
            {"recipient_id": "c1", "text": "Bonjour"},
            {"recipient_id": "c1", "text": "Vous êtes ?", "buttons": [{"title": "Seul", "payload": "/alone"}]},
        ])

    replies = await client_answering(httpx.MockTransport(handler)).send(
        sender="c1", text="salut", metadata={"channel": "web", "territory": ""})
    assert replies == [BotMessage("Bonjour"), BotMessage("Vous êtes ?", [Button("Seul", "/alone")])]
    assert seen == [{"url": "http://rasa.test/webhooks/rest/webhook", "sender": "c1", "message": "salut",
                     "metadata": {"channel": "web", "territory": ""}}]


@pytest.mark.parametrize(
    ("handler", "error"),
    [
        (lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused", request=r)), RasaUnavailable),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=r)), RasaUnavailable),
        (lambda r: httpx.Response(502), RasaUnavailable),
        (lambda r: httpx.Response(404), RasaBadResponse),
        (lambda r: httpx.Response(200, text="<html>"), RasaBadResponse),
        (lambda r: httpx.Response(200, json={"text": "not a list"}), RasaBadResponse),
    ],
    ids=["refused", "timeout", "502", "404", "not-json", "not-a-list"],
)
async def test_send_failures_raise_typed_errors(handler: object, error: type[Exception]) -> None:
    client = client_answering(httpx.MockTransport(handler))  # type: ignore[arg-type]
    with pytest.raises(error):
        await client.send(sender="c1", text="salut", metadata={})


def test_parse_replies_skips_empty_custom_payloads() -> None:
    assert parse_replies([{"recipient_id": "c", "custom": {"x": 1}}, {"text": "Oui"}]) == [BotMessage("Oui")]
