"""Status updates signed by the case system: applied once, refused unsigned, never across territories."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.callbacks.models import CallbackStatusChange
from api.case_systems.signing import signed_headers
from api.core.config import Settings
from api.db import create_engine, create_sessionmaker
from tests.api.conftest import INTERNAL_SECRET
from tests.support.callback_app import NOW, callback_client

STATUS_SECRET = "status-secret-of-bastia"
BODY = {"territory": "bastia", "phone": "06 12 34 56 78", "consent_share_bilan": False}


@pytest.fixture
async def api(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("BASTIA_STATUS_WEBHOOK_SECRET", STATUS_SECRET)
    monkeypatch.setenv("VENISSIEUX_STATUS_WEBHOOK_SECRET", "status-secret-of-venissieux")
    async with callback_client(settings, internal_secret=INTERNAL_SECRET) as http:
        yield http


async def book(api: httpx.AsyncClient, territory: str = "bastia") -> str:
    reference: str = (await api.post("/internal/v1/callbacks", json={**BODY, "territory": territory})).json()[
        "reference"]
    return reference


async def send_status(api: httpx.AsyncClient, reference: str, update: dict[str, Any], *, key: str = "event-1",
                      secret: str = STATUS_SECRET, territory: str = "bastia", age: int = 0) -> httpx.Response:
    body = json.dumps(update).encode()
    headers = signed_headers(secret, body, idempotency_key=key, timestamp=int(NOW.timestamp()) - age)
    return await api.post(f"/api/v1/territories/{territory}/callbacks/{reference}/status", content=body,
                          headers=headers)


async def changes(settings: Settings) -> list[CallbackStatusChange]:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return list(await session.scalars(select(CallbackStatusChange).order_by(CallbackStatusChange.id)))
    finally:
        await engine.dispose()


async def test_signed_status_update_changes_the_callback_and_is_recorded(
    api: httpx.AsyncClient, settings: Settings
) -> None:
    reference = await book(api)
    response = await send_status(api, reference, {"status": "rappele", "note": "RDV le 2 décembre"})
    assert response.status_code == 200
    assert response.json() == {"reference": reference, "status": "rappele"}
    (change,) = await changes(settings)
    assert (change.old_status, change.new_status, change.note, change.source, change.event_key) == (
        "nouveau", "rappele", "RDV le 2 décembre", "case_system", "event-1")


async def test_repeated_status_event_changes_nothing(api: httpx.AsyncClient, settings: Settings) -> None:
    reference = await book(api)
    await send_status(api, reference, {"status": "en_cours"}, key="event-1")
    await send_status(api, reference, {"status": "injoignable"}, key="event-2")
    replay = await send_status(api, reference, {"status": "en_cours"}, key="event-1")
    assert replay.status_code == 200
    assert replay.json()["status"] == "injoignable"
    assert [change.new_status for change in await changes(settings)] == ["en_cours", "injoignable"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [({"secret": "wrong"}, 401), ({"age": 600}, 401), ({"territory": "venissieux"}, 401),
     ({"territory": "venissieux", "secret": "status-secret-of-venissieux"}, 404),
     ({"territory": "atlantide"}, 404)],
)
async def test_status_update_unsigned_stale_or_from_another_territory_is_refused(
    api: httpx.AsyncClient, settings: Settings, kwargs: dict[str, Any], expected: int
) -> None:
    reference = await book(api)
    response = await send_status(api, reference, {"status": "clos"}, **kwargs)
    assert response.status_code == expected
    assert await changes(settings) == []


async def test_status_update_without_signature_headers_is_unauthorized(api: httpx.AsyncClient) -> None:
    reference = await book(api)
    response = await api.post(f"/api/v1/territories/bastia/callbacks/{reference}/status", json={"status": "clos"})
    assert response.status_code == 401


async def test_status_update_of_an_unknown_reference_or_status(api: httpx.AsyncClient) -> None:
    reference = await book(api)
    assert (await send_status(api, "ZZZZ-ZZZZ", {"status": "clos"})).status_code == 404
    wrong = await send_status(api, reference, {"status": "fini"})
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["body", "status"]


async def test_status_update_for_a_territory_without_its_secret_set_is_not_found(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = await book(api)
    monkeypatch.delenv("BASTIA_STATUS_WEBHOOK_SECRET")
    assert (await send_status(api, reference, {"status": "clos"})).status_code == 404


async def test_status_route_is_in_the_public_spec_and_internal_ones_are_not(api: httpx.AsyncClient) -> None:
    paths = (await api.get("/openapi.json")).json()["paths"]
    status_route = paths["/api/v1/territories/{code}/callbacks/{reference}/status"]["post"]
    body = status_route["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["status"] == {"$ref": "#/components/schemas/CallbackStatus"}
    assert not [path for path in paths if path.startswith("/internal")]
