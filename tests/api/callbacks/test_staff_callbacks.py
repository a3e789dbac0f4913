"""The staff list and detail of callbacks, on SQLite and PostgreSQL: territory, filters, consent, audit."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

from api.callbacks.models import CallbackStatus
from api.callbacks.staff_queries import PAGE_SIZE
from api.core.config import Settings
from api.outbox import JobStatus
from api.staff.models import StaffRole
from tests.support.callback_app import NOW
from tests.support.staff import add_staff, login
from tests.support.staff_callbacks import NO_BILAN, Sessions, audit_rows, booked, logged_in_agent, set_job

LIST = "/staff/callbacks"


@pytest.fixture
async def agent(client: httpx.AsyncClient, settings: Settings) -> int:
    """An agent of Bastia, logged in on ``client``; their id."""
    return await logged_in_agent(client, settings.database_url)


def references(html: str) -> list[str]:
    """The references of the list's rows, in order."""
    return re.findall(r'<th scope="row"><a href="/staff/callbacks/([A-Z0-9-]+)">', html)


async def test_list_shows_the_territory_callbacks_newest_first_without_phone(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    older = await booked(sessions, minutes_ago=60)
    newer = await booked(sessions, minutes_ago=5)
    elsewhere = await booked(sessions, "venissieux")
    page = await client.get(LIST)
    assert page.status_code == 200
    assert references(page.text) == [newer.reference, older.reference]
    assert elsewhere.reference not in page.text
    assert "25/11/2026 à 10 h 30" in page.text  # booked 60 minutes before 11:30 in Paris
    assert "Dès que possible" in page.text
    assert "nouveau" in page.text
    # No personal data in the list: neither the number in any format, nor the first name.
    for shown in ("+33612345678", "06 12 34 56 78", "0612345678", "Marie"):
        assert shown not in page.text
    assert await audit_rows(sessions) == []  # nothing personal read, nothing audited


async def test_list_filters_by_status_and_counts_each_status(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    new = await booked(sessions)
    unreachable = await booked(sessions, status=CallbackStatus.INJOIGNABLE)
    called = await booked(sessions, status=CallbackStatus.RAPPELE)
    page = await client.get(LIST, params={"statut": "injoignable"})
    assert references(page.text) == [unreachable.reference]
    assert '<option value="injoignable" selected>injoignable (1)</option>' in page.text
    assert "Tous les statuts (3)" in page.text
    assert references((await client.get(LIST, params={"statut": "rappele"})).text) == [called.reference]
    assert references((await client.get(LIST, params={"statut": "clos"})).text) == []
    unknown = await client.get(LIST, params={"statut": "fini"})
    assert "Ce statut n'existe pas : toutes les demandes sont affichées." in unknown.text
    assert set(references(unknown.text)) == {new.reference, unreachable.reference, called.reference}


async def test_list_pages_keep_the_filter(client: httpx.AsyncClient, sessions: Sessions, agent: int) -> None:
    made = [await booked(sessions, minutes_ago=minutes) for minutes in range(PAGE_SIZE + 3)]
    first = await client.get(LIST, params={"statut": "nouveau"})
    assert references(first.text) == [callback.reference for callback in made[:PAGE_SIZE]]
    assert "page 1 sur 2" in first.text
    assert 'href="/staff/callbacks?statut=nouveau&amp;page=2">Page suivante' in first.text
    second = await client.get(LIST, params={"statut": "nouveau", "page": "2"})
    assert references(second.text) == [callback.reference for callback in made[PAGE_SIZE:]]
    assert "Page précédente" in second.text and "Page suivante" not in second.text
    assert references((await client.get(LIST, params={"page": "99"})).text) == references(second.text)
    assert references((await client.get(LIST, params={"page": "abc"})).text) == references(first.text)


async def test_list_says_whether_each_callback_was_delivered(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    pending = await booked(sessions, minutes_ago=1)
    delivered = await booked(sessions, minutes_ago=2)
    dead = await booked(sessions, minutes_ago=3)
    await set_job(sessions, delivered, status=JobStatus.DONE, attempts=1, done_at=NOW)
    await set_job(sessions, dead, status=JobStatus.DEAD, last_error="CaseSystemStatusError: case system answered 500")
    html = (await client.get(LIST)).text
    states = re.findall(r'<span class="delivery delivery--(\w+)">([^<]+)</span>', unescape(html))
    assert states == [("pending", "en attente"), ("delivered", "transmise"), ("dead", "échec d'envoi")]
    assert references(html) == [pending.reference, delivered.reference, dead.reference]


async def test_detail_shows_the_number_to_call_and_the_shared_bilan_and_is_audited(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions)
    page = await client.get(f"{LIST}/{callback.reference.lower()}")
    assert page.status_code == 200
    assert '<a href="tel:+33612345678">06 12 34 56 78</a>' in page.text
    assert "Marie" in page.text
    assert "Personne seule, 34 ans, sans revenu." in page.text
    assert '<tr><th scope="row">age</th><td>34</td></tr>' in page.text
    assert "Essais d'envoi" in page.text
    assert await audit_rows(sessions) == [(agent, "callback_viewed", "bastia", "callback", callback.id)]


async def test_detail_without_consent_shows_no_bilan_and_says_why(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions, **NO_BILAN)
    page = await client.get(f"{LIST}/{callback.reference}")
    assert page.status_code == 200
    assert "La personne n'a pas accepté de partager son bilan des droits" in page.text
    assert "Réponses données pendant le bilan" not in page.text


async def test_detail_of_another_territory_is_not_found_and_not_audited(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    elsewhere = await booked(sessions, "venissieux")
    for reference in (elsewhere.reference, "ZZZZ-ZZZZ"):
        page = await client.get(f"{LIST}/{reference}")
        assert page.status_code == 404
        assert "Demande introuvable" in page.text
        assert "06 12 34 56 78" not in page.text
    assert await audit_rows(sessions) == []


async def test_admin_of_the_territory_sees_its_callbacks_but_not_others(
    client: httpx.AsyncClient, sessions: Sessions, settings: Settings
) -> None:
    admin = await add_staff(settings.database_url, email="admin@bastia.fr", role=StaffRole.ADMIN)
    await login(client, "admin@bastia.fr")
    mine, elsewhere = await booked(sessions), await booked(sessions, "venissieux")
    assert references((await client.get(LIST)).text) == [mine.reference]
    assert (await client.get(f"{LIST}/{mine.reference}")).status_code == 200
    assert (await client.get(f"{LIST}/{elsewhere.reference}")).status_code == 404
    assert await audit_rows(sessions) == [(admin, "callback_viewed", "bastia", "callback", mine.id)]


async def test_pages_without_a_session_redirect_to_login(client: httpx.AsyncClient, sessions: Sessions) -> None:
    callback = await booked(sessions)
    for path in (LIST, f"{LIST}/{callback.reference}", f"{LIST}/dead-letters"):
        response = await client.get(path)
        assert (response.status_code, response.headers["location"]) == (303, "/staff/login")
