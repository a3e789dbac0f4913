"""A resident's territory: from the commune, the SMS number or the widget; outside every perimeter the national
answer, France services nearby and no callback. Local aids come back next to the national results."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.core.config import Settings
from api.eligibility_service import EligibilityService
from api.territories import load_territories
from api.territories.resolve import (
    FRANCE_SERVICES_URL,
    resolve,
    territory_of_commune,
    territory_of_number,
)
from tests.api.conftest import INTERNAL_SECRET, app_client
from tests.support.callback_app import callback_client
from tests.support.databases import database
from tests.support.fake_rasa import WELCOME, FakeRasa

TERRITORIES = load_territories()
RESOLVE = "/internal/v1/territories/resolve"
SECRET = {"X-Internal-Secret": INTERNAL_SECRET}
NATIONAL = ["rsa", "ppa", "aspa", "aah", "aide_logement", "cheque_energie", "af", "cf", "asf", "css",
    "paje_base", "paje_naissance", "aeeh", "ars", "bourse_college", "bourse_lycee", "ass", "contrat_engagement_jeune",
    "reduction_loyer_solidarite"]


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """Nothing here depends on the database kind (stored rows are tested elsewhere on both): SQLite."""
    with database("sqlite", tmp_path) as url:
        yield url


# --- pure


@pytest.mark.parametrize(
    ("depcom", "hint", "expected"),
    [
        ("2B033", None, "bastia"),
        ("69259", "bastia", "venissieux"),  # the commune decides, not the website
        ("75110", None, "paris-10"),
        ("75111", "paris-10", None),  # Paris 11e: not the 10th's to call back
        ("2A004", "bastia", None),  # Ajaccio on Bastia's website
        (None, "bastia", "bastia"),
        (None, "unknown", None),
        (None, None, None),
    ],
)
def test_resolve_prefers_the_commune_then_a_known_hint(depcom: str | None, hint: str | None,
                                                       expected: str | None) -> None:
    resolution = resolve(TERRITORIES, depcom=depcom, hint=hint)
    assert resolution.code == expected
    assert resolution.covered is (expected is not None)
    if expected is None:
        assert resolution.nearby.url == FRANCE_SERVICES_URL


def test_the_territory_of_an_sms_number_and_of_a_commune() -> None:
    assert territory_of_number(TERRITORIES, "+33639980020") is TERRITORIES["venissieux"]
    assert territory_of_number(TERRITORIES, "+33700000000") is None
    assert territory_of_number(TERRITORIES, "") is None
    assert territory_of_commune(TERRITORIES, "69123") is None  # Lyon


# --- the internal route (contract 3)


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with callback_client(settings, internal_secret=INTERNAL_SECRET) as http:
        yield http


async def test_resolve_route_answers_the_contract(api: httpx.AsyncClient) -> None:
    covered = await api.get(RESOLVE, params={"depcom": "75110", "hint": "bastia"})
    assert covered.status_code == 200
    assert covered.json() == {"code": "paris-10", "name": "Paris 10e arrondissement", "covered": True,
                              "nearby": {"label": "Point d'accès au droit du 10e arrondissement",
                                         "url": "https://www.paris.fr/"}}
    outside = await api.get(RESOLVE, params={"depcom": "13055", "hint": "bastia"})
    assert outside.json() == {"code": None, "name": None, "covered": False,
                              "nearby": {"label": "Trouver une France services près de chez vous",
                                         "url": "https://www.france-services.gouv.fr/"}}
    assert (await api.get(RESOLVE, params={"hint": "venissieux"})).json()["code"] == "venissieux"


async def test_resolve_route_refuses_a_postcode_given_as_depcom_and_callers_without_the_secret(
    api: httpx.AsyncClient
) -> None:
    response = await api.get(RESOLVE, params={"depcom": "2B 33"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "depcom"]
    assert (await api.get(RESOLVE, params={"depcom": "69259"}, headers={"X-Internal-Secret": "no"})).status_code \
        == 401


# --- callbacks only where the territory serves the resident


BOOKING: dict[str, Any] = {"territory": "bastia", "phone": "06 12 34 56 78", "consent_share_bilan": False}


async def test_callback_refused_for_a_commune_outside_the_territory(api: httpx.AsyncClient) -> None:
    response = await api.post("/internal/v1/callbacks", json={**BOOKING, "depcom": "2A004"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["body", "depcom"], "depcom_not_covered")
    assert error["ctx"] == {"territory_name": "Bastia"}  # the bot's domain says it (with a France services link)


async def test_callback_booked_for_a_commune_inside_the_territory_or_without_one(api: httpx.AsyncClient) -> None:
    assert (await api.post("/internal/v1/callbacks", json={**BOOKING, "depcom": "2B033"})).status_code == 201
    assert (await api.post("/internal/v1/callbacks", json={**BOOKING, "phone": "0698765432"})).status_code == 201


# --- welcome text of a web conversation


async def test_a_conversation_of_a_territory_opens_with_its_welcome_text(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/v1/conversations", json={"territory": "venissieux"})).json()
    assert [message["text"] for message in created["messages"]] == [TERRITORIES["venissieux"].welcome_text, WELCOME]
    history = await client.get(f"/api/v1/conversations/{created['id']}/messages",
                               headers={"Authorization": f"Bearer {created['token']}"})
    assert history.json()["messages"][0]["text"] == TERRITORIES["venissieux"].welcome_text


async def test_an_unknown_or_missing_territory_gives_a_national_conversation(
    client: httpx.AsyncClient, fake_rasa: FakeRasa
) -> None:
    for body in ({"territory": "atlantis"}, {}):
        created = (await client.post("/api/v1/conversations", json=body)).json()
        assert [message["text"] for message in created["messages"]] == [WELCOME]
    assert [received["metadata"]["territory"] for received in fake_rasa.received] == ["", ""]


async def test_default_territory_setting_applies_when_the_widget_names_none(
    settings: Settings, service: EligibilityService, fake_rasa: FakeRasa
) -> None:
    async with app_client(settings.model_copy(update={"default_territory": "paris-10"}), service, fake_rasa) as http:
        created = (await http.post("/api/v1/conversations", json={})).json()
    assert created["messages"][0]["text"] == TERRITORIES["paris-10"].welcome_text
    assert fake_rasa.received[0]["metadata"]["territory"] == "paris-10"


# --- local aids through the eligibility endpoints (contract 5)


async def test_local_aids_follow_the_national_results_in_the_same_shape(client: httpx.AsyncClient) -> None:
    situation = {"age": 22, "depcom": "69259", "couple": False, "children": [], "incomes": {"salary": 900}}
    results = (await client.post("/api/v1/eligibility", json=situation)).json()["results"]
    assert [result["benefit"] for result in results] == [*NATIONAL, "local:venissieux:permis-citoyen",
                                                         "local:venissieux:aide-energie"]
    assert {frozenset(result) for result in results} == {frozenset(results[0])}  # one shape for all
    permis, energie = results[-2:]
    assert (permis["status"], permis["missing"]) == ("eligible", [])
    assert permis["label"] == "Bourse au permis de conduire (exemple)"
    assert (energie["status"], energie["missing"]) == ("uncertain", ["housing"])
    internal = await client.post("/internal/v1/eligibility", json=situation, headers=SECRET)
    assert internal.json()["results"][-2:] == [permis, energie]


async def test_no_local_aid_without_a_commune_or_outside_every_perimeter(client: httpx.AsyncClient) -> None:
    for situation in ({"age": 40}, {"age": 40, "depcom": "13055"}):
        results = (await client.post("/api/v1/eligibility", json=situation)).json()["results"]
        assert [result["benefit"] for result in results] == NATIONAL
