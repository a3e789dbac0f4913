"""Health check, the chat page, the widget and its CORS."""

from __future__ import annotations

import httpx

from api.core.config import Settings
from api.eligibility_service import EligibilityService
from tests.api.conftest import app_client
from tests.support.fake_rasa import FakeRasa


async def test_healthz_degraded_when_actions_do_not_answer(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "api": True, "rasa": True, "actions": False,
                               "engine_ready": True}


async def test_healthz_reports_rasa_down(client: httpx.AsyncClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.down = True
    assert (await client.get("/healthz")).json()["rasa"] is False


async def test_chat_page_is_french_and_loads_the_widget_in_page_mode(client: httpx.AsyncClient) -> None:
    for path in ("/", "/chat"):
        page = await client.get(path)
        assert page.status_code == 200
        assert '<html lang="fr">' in page.text
        assert 'src="/static/widget.js" data-mode="page"' in page.text


async def test_widget_uses_only_the_public_contract_and_its_own_server(client: httpx.AsyncClient) -> None:
    script = await client.get("/static/widget.js")
    assert script.status_code == 200
    assert "/api/v1/conversations" in script.text
    assert 'role: "log"' in script.text
    assert (await client.get("/static/widget.css")).status_code == 200
    assert (await client.get("/demo")).status_code == 200


async def test_cors_allows_only_the_configured_town_websites(settings: Settings, service: EligibilityService,
                                                             fake_rasa: FakeRasa) -> None:
    allowed = "https://www.ville-exemple.fr"
    towns = settings.model_copy(update={"widget_allowed_origins": f"{allowed}, https://autre.fr"})
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    async with app_client(towns, service, fake_rasa) as http:
        ok = await http.options("/api/v1/conversations", headers={"Origin": allowed, **preflight})
        assert ok.headers["access-control-allow-origin"] == allowed
        refused = await http.options("/api/v1/conversations", headers={"Origin": "https://evil.example", **preflight})
        assert "access-control-allow-origin" not in refused.headers
