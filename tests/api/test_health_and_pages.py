"""Health check and the chat page."""

from __future__ import annotations

import httpx

from tests.support.fake_rasa import FakeRasa


async def test_healthz_degraded_when_actions_do_not_answer(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "api": True, "rasa": True, "actions": False,
                               "engine_ready": True}


async def test_healthz_reports_rasa_down(client: httpx.AsyncClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.down = True
    assert (await client.get("/healthz")).json()["rasa"] is False


async def test_chat_page_is_french_and_uses_the_public_contract(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert 'role="log"' in page.text
    script = await client.get("/static/chat.js")
    assert script.status_code == 200
    assert "/api/v1/conversations" in script.text
