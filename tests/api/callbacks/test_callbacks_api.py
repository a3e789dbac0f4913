"""Booking a callback through the internal endpoint: stored with its delivery job in one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from api.callbacks.models import Callback
from api.core.config import Settings
from api.db import create_engine, create_sessionmaker
from api.outbox import OutboxJob, enqueue
from tests.api.conftest import INTERNAL_SECRET
from tests.support.callback_app import NOW, callback_client
from tests.support.databases import database

BOOK = "/internal/v1/callbacks"
BODY: dict[str, Any] = {"territory": "bastia", "phone": "06 12 34 56 78", "first_name": "Marie",
                        "consent_share_bilan": False}


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with callback_client(settings, internal_secret=INTERNAL_SECRET) as http:
        yield http


@pytest.fixture
async def validating_api(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """For what is refused before any storage: one database kind is enough."""
    with database("sqlite", tmp_path) as url:
        settings = Settings(environment="test", database_url=url, internal_api_secret=INTERNAL_SECRET,
                            warm_up_engine=False)
        async with callback_client(settings, internal_secret=INTERNAL_SECRET) as http:
            yield http


async def rows(settings: Settings) -> tuple[list[Callback], list[OutboxJob]]:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return list(await session.scalars(select(Callback))), list(await session.scalars(select(OutboxJob)))
    finally:
        await engine.dispose()


async def test_booking_returns_a_reference_and_when_to_expect_the_call(
    api: httpx.AsyncClient, settings: Settings
) -> None:
    response = await api.post(BOOK, json=BODY)
    assert response.status_code == 201
    booked = response.json()
    assert len(booked["reference"]) == 9 and booked["reference"][4] == "-"
    assert booked["status"] == "nouveau"
    # Wednesday 11:30 in Bastia, two hours of notice: Wednesday closes at noon, so Thursday morning.
    assert booked["expected_call"] == {"start": "2026-11-26T09:00:00+01:00", "end": "2026-11-26T12:00:00+01:00",
                                       "label": "jeudi 26 novembre entre 9 h et 12 h"}
    (callback,), (job,) = await rows(settings)
    assert callback.reference == booked["reference"]
    assert callback.phone == "+33612345678"
    assert callback.first_name == "Marie"
    assert callback.slot_chosen is False
    assert callback.bilan_summary is None
    assert job.kind == "callback"
    assert job.idempotency_key == f"callback-{callback.id}"
    assert job.payload == {"callback_id": callback.id}  # no personal data in the outbox


async def test_booking_with_a_wrong_phone_answers_its_code_and_stores_nothing(
    api: httpx.AsyncClient, settings: Settings
) -> None:
    response = await api.post(BOOK, json={**BODY, "phone": "06 12"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "phone"]
    assert error["type"] == "phone_invalid"
    assert await rows(settings) == ([], [])


@pytest.mark.parametrize(
    ("typed", "code"),
    [("bonjour", "phone_not_a_number"), ("08 99 12 34 56", "phone_service_number"),
     ("+44 7911 123456", "phone_not_french")],
)
async def test_booking_with_a_phone_we_cannot_call_gives_its_reason(
    validating_api: httpx.AsyncClient, typed: str, code: str
) -> None:
    response = await validating_api.post(BOOK, json={**BODY, "phone": typed})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == code


async def test_booking_keeps_the_bilan_only_with_consent(api: httpx.AsyncClient, settings: Settings) -> None:
    bilan = {"summary": "Personne seule, sans revenu : RSA estimé.", "answers": {"age": 34, "seul": True}}
    refused = await api.post(BOOK, json={**BODY, "bilan": bilan})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "bilan"]
    assert refused.json()["detail"][0]["type"] == "bilan_without_consent"
    accepted = await api.post(BOOK, json={**BODY, "consent_share_bilan": True, "bilan": bilan})
    assert accepted.status_code == 201
    (callback,), _ = await rows(settings)
    assert callback.consent_share_bilan is True
    assert callback.bilan_summary == bilan["summary"]
    assert callback.bilan_answers == bilan["answers"]


async def test_the_database_refuses_a_bilan_without_consent(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            session.add(Callback(id="x" * 32, reference="AAAA-BBBB", territory="bastia", phone="+33612345678",
                                 consent_share_bilan=False, bilan_summary="sans accord"))
            with pytest.raises(IntegrityError):
                await session.commit()
    finally:
        await engine.dispose()


async def test_booking_a_preferred_slot_among_those_offered(api: httpx.AsyncClient, settings: Settings) -> None:
    slots = (await api.get("/internal/v1/territories/bastia/callback-slots", params={"count": 3})).json()
    assert [slot["label"] for slot in slots["slots"]] == [
        "jeudi 26 novembre entre 9 h et 12 h", "jeudi 26 novembre entre 14 h et 17 h",
        "vendredi 27 novembre entre 9 h et 12 h"]
    chosen = slots["slots"][2]
    booked = await api.post(BOOK, json={**BODY, "preferred_slot_start": chosen["start"]})
    assert booked.status_code == 201
    assert booked.json()["expected_call"] == chosen
    (callback,), _ = await rows(settings)
    assert callback.slot_chosen is True


@pytest.mark.parametrize("start", ["2026-11-26T10:00:00+01:00", "2026-11-25T09:00:00+01:00", "2026-11-26T09:00:00"])
async def test_booking_a_slot_not_offered_is_refused_on_that_field(
    validating_api: httpx.AsyncClient, start: str
) -> None:
    response = await validating_api.post(BOOK, json={**BODY, "preferred_slot_start": start})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "preferred_slot_start"]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"territory": "atlantide"}, "territory"), ({"first_name": "M4rie"}, "first_name"),
     ({"consent_share_bilan": None}, "consent_share_bilan"), ({"numero": "1"}, "numero")],
)
async def test_booking_with_a_wrong_field_names_it(
    validating_api: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    response = await validating_api.post(BOOK, json={**BODY, **change})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_booking_accepts_composed_first_names_and_no_first_name(
    api: httpx.AsyncClient, settings: Settings
) -> None:
    assert (await api.post(BOOK, json={**BODY, "first_name": "  Marie-Ange  d’Ornano "})).status_code == 201
    assert (await api.post(BOOK, json={**BODY, "first_name": None})).status_code == 201
    callbacks, _ = await rows(settings)
    assert sorted(callback.first_name for callback in callbacks) == ["", "Marie-Ange d’Ornano"]


async def test_booking_repeated_with_the_same_key_books_once(api: httpx.AsyncClient, settings: Settings) -> None:
    first = await api.post(BOOK, json=BODY, headers={"Idempotency-Key": "conversation-1:rappel"})
    again = await api.post(BOOK, json=BODY, headers={"Idempotency-Key": "conversation-1:rappel"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    callbacks, jobs = await rows(settings)
    assert (len(callbacks), len(jobs)) == (1, 1)


async def test_same_key_from_another_territory_books_its_own_callback(api: httpx.AsyncClient,
                                                                      settings: Settings) -> None:
    headers = {"Idempotency-Key": "conversation-4:rappel"}
    bastia = await api.post(BOOK, json=BODY, headers=headers)
    venissieux = await api.post(BOOK, json={**BODY, "territory": "venissieux"}, headers=headers)
    assert (bastia.status_code, venissieux.status_code) == (201, 201)
    assert bastia.json()["reference"] != venissieux.json()["reference"]
    callbacks, jobs = await rows(settings)
    assert sorted(callback.territory for callback in callbacks) == ["bastia", "venissieux"]
    assert len(jobs) == 2


async def test_same_key_with_another_body_is_a_conflict_and_books_nothing(api: httpx.AsyncClient,
                                                                         settings: Settings) -> None:
    headers = {"Idempotency-Key": "conversation-5:rappel"}
    first = await api.post(BOOK, json=BODY, headers=headers)
    other = await api.post(BOOK, json={**BODY, "phone": "06 98 76 54 32"}, headers=headers)
    assert (first.status_code, other.status_code) == (201, 409)
    assert other.json()["detail"][0]["type"] == "idempotency_key_reused"
    assert "98" not in other.text
    callbacks, _ = await rows(settings)
    assert [callback.phone for callback in callbacks] == ["+33612345678"]


async def test_bookings_racing_with_one_key_book_once(api: httpx.AsyncClient, settings: Settings) -> None:
    headers = {"Idempotency-Key": "conversation-3:rappel"}
    answers = await asyncio.gather(*(api.post(BOOK, json=BODY, headers=headers) for _ in range(4)))
    assert sorted(answer.status_code for answer in answers) == [200, 200, 200, 201]
    assert len({answer.json()["reference"] for answer in answers}) == 1
    callbacks, jobs = await rows(settings)
    assert (len(callbacks), len(jobs)) == (1, 1)


async def test_booking_retried_after_its_slot_passed_still_returns_the_booking(settings: Settings) -> None:
    headers = {"Idempotency-Key": "conversation-2:rappel"}
    async with callback_client(settings, internal_secret=INTERNAL_SECRET) as api:
        slot = (await api.get("/internal/v1/territories/bastia/callback-slots")).json()["slots"][0]
        first = await api.post(BOOK, json={**BODY, "preferred_slot_start": slot["start"]}, headers=headers)
    async with callback_client(settings, internal_secret=INTERNAL_SECRET, now=NOW + timedelta(days=2)) as later:
        again = await later.post(BOOK, json={**BODY, "preferred_slot_start": slot["start"]}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()


async def test_callback_is_not_stored_when_its_job_cannot_be(
    api: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(settings.database_url)
    async with create_sessionmaker(engine)() as session:
        enqueue(session, kind="callback", idempotency_key="callback-" + "f" * 32, payload={})
        await session.commit()
    await engine.dispose()
    monkeypatch.setattr("api.callbacks.booking.secrets.token_hex", lambda _: "f" * 32)
    with pytest.raises(IntegrityError):
        await api.post(BOOK, json=BODY)
    callbacks, jobs = await rows(settings)
    assert callbacks == []
    assert len(jobs) == 1


async def test_internal_callback_routes_need_the_shared_secret(settings: Settings) -> None:
    async with callback_client(settings, internal_secret=None) as anonymous:
        assert (await anonymous.post(BOOK, json=BODY)).status_code == 401
        assert (await anonymous.get("/internal/v1/territories/bastia/callback-slots")).status_code == 401
    async with callback_client(settings, internal_secret="wrong") as wrong:
        assert (await wrong.post(BOOK, json=BODY)).status_code == 401


async def test_slots_of_an_unknown_territory_are_not_found(validating_api: httpx.AsyncClient) -> None:
    assert (await validating_api.get("/internal/v1/territories/atlantide/callback-slots")).status_code == 404
