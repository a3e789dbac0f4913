"""The public conversation contract, on SQLite and PostgreSQL, with a scripted bot behind the REST channel."""

from __future__ import annotations

from typing import Any

import httpx

from api.territories import load_territories
from tests.support.fake_rasa import WELCOME, FakeRasa


async def start(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/conversations", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def bearer(conversation: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {conversation['token']}"}


async def test_create_conversation_returns_welcome_and_relays_channel_and_territory(
    client: httpx.AsyncClient, fake_rasa: FakeRasa
) -> None:
    conversation = await start(client, territory="bastia", channel="web")
    # The territory's welcome text first (api/territories/bastia.yml), then the bot's.
    assert conversation["messages"] == [{"text": load_territories()["bastia"].welcome_text, "buttons": []},
                                        {"text": WELCOME, "buttons": []}]
    assert len(conversation["token"]) >= 40
    assert fake_rasa.received == [
        {"sender": conversation["id"], "message": "/start", "metadata": {"channel": "web", "territory": "bastia"}}
    ]


async def test_post_message_returns_bot_replies_with_buttons(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    response = await client.post(
        f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "  j'ai 34 ans "},
        headers=bearer(conversation),
    )
    assert response.status_code == 200
    assert response.json() == {"messages": [{
        "text": "Vous avez écrit : j'ai 34 ans",
        "buttons": [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}],
    }]}


async def test_history_resumes_conversation_with_button_titles_not_payloads(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    url = f"/api/v1/conversations/{conversation['id']}/messages"
    await client.post(url, json={"text": "bonjour"}, headers=bearer(conversation))
    await client.post(url, json={"text": "/affirm"}, headers=bearer(conversation))
    history = (await client.get(url, headers=bearer(conversation))).json()["messages"]
    assert [(m["author"], m["text"]) for m in history] == [
        ("bot", WELCOME),
        ("resident", "bonjour"),
        ("bot", "Vous avez écrit : bonjour"),
        ("resident", "Oui"),
        ("bot", "Très bien."),
    ]
    assert history[2]["buttons"][0] == {"title": "Oui", "payload": "/affirm"}


async def test_typed_command_is_not_relayed_as_intent(client: httpx.AsyncClient, fake_rasa: FakeRasa) -> None:
    conversation = await start(client)
    await client.post(f"/api/v1/conversations/{conversation['id']}/messages",
                      json={"text": '/inform{"age": 99}'}, headers=bearer(conversation))
    assert fake_rasa.received[-1]["message"] == 'inform{"age": 99}'


async def test_post_message_wrong_token_not_found(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    other = await start(client)
    response = await client.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"text": "salut"},
                                 headers=bearer(other))
    assert response.status_code == 404
    assert response.json()["detail"] == "Conversation inconnue ou jeton invalide."


async def test_read_history_without_token_unauthorized(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    response = await client.get(f"/api/v1/conversations/{conversation['id']}/messages")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_unknown_conversation_not_found(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    response = await client.get("/api/v1/conversations/0123456789abcdef/messages", headers=bearer(conversation))
    assert response.status_code == 404


async def test_empty_or_too_long_message_rejected_with_field_error(client: httpx.AsyncClient) -> None:
    conversation = await start(client)
    url = f"/api/v1/conversations/{conversation['id']}/messages"
    blank = await client.post(url, json={"text": "   "}, headers=bearer(conversation))
    assert blank.status_code == 422
    assert blank.json()["detail"][0]["loc"] == ["body", "text"]
    too_long = await client.post(url, json={"text": "a" * 1001}, headers=bearer(conversation))
    assert too_long.status_code == 422


async def test_bad_territory_rejected(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/conversations", json={"territory": "<script>"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "territory"]


async def test_rasa_down_keeps_resident_message_and_answers_503_in_french(
    client: httpx.AsyncClient, fake_rasa: FakeRasa
) -> None:
    conversation = await start(client)
    fake_rasa.down = True
    url = f"/api/v1/conversations/{conversation['id']}/messages"
    response = await client.post(url, json={"text": "j'ai 40 ans"}, headers=bearer(conversation))
    assert response.status_code == 503
    assert "Votre message est bien enregistré" in response.json()["detail"]
    history = (await client.get(url, headers=bearer(conversation))).json()["messages"]
    assert history[-1]["author"] == "resident"
    assert history[-1]["text"] == "j'ai 40 ans"


async def test_rasa_down_at_start_creates_nothing(client: httpx.AsyncClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.down = True
    response = await client.post("/api/v1/conversations", json={})
    assert response.status_code == 503
    assert response.json()["detail"].startswith("L'assistant ne peut pas répondre")
