"""Dead letters in the staff space: listed per territory, retried by staff, then delivered by the real worker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from html import unescape
from pathlib import Path

import httpx
import pytest

from api.callbacks.delivery import CallbackDelivery
from api.core.config import Settings
from api.eligibility_service import EligibilityService
from api.outbox import JobStatus
from api.territories import load_territories
from api.worker import run_once
from tests.api.conftest import app_client
from tests.support.callback_store import job_of
from tests.support.fake_rasa import FakeRasa
from tests.support.local_servers import serve
from tests.support.staff import csrf_token
from tests.support.staff_callbacks import Sessions, audit_rows, booked, logged_in_agent, set_job
from tests.support.territories import webhook, write_territory
from tests.support.webhook_receiver import WebhookReceiver

SECRET = "webhook-secret-of-bastia"
DEAD_LETTERS = "/staff/callbacks/dead-letters"


@pytest.fixture
def receiver() -> WebhookReceiver:
    """Bastia's case system, receiving the signed webhook."""
    return WebhookReceiver(SECRET)


@pytest.fixture
async def staff_client(settings: Settings, service: EligibilityService, fake_rasa: FakeRasa,
                       tmp_path: Path, receiver: WebhookReceiver) -> AsyncIterator[tuple[httpx.AsyncClient, int]]:
    """Bastia delivering to the local receiver, and a client logged in as an agent of Bastia (with their id)."""
    write_territory(tmp_path, "bastia", webhook("http://127.0.0.1:9/callbacks"))
    load_territories.cache_clear()
    local = settings.model_copy(update={"territories_dir": tmp_path})
    async with app_client(local, service, fake_rasa) as client:
        yield client, await logged_in_agent(client, settings.database_url)


def worker_handlers(sessions: Sessions, directory: Path) -> dict[str, CallbackDelivery]:
    load_territories.cache_clear()
    return {"callback": CallbackDelivery(sessionmaker=sessions, territories=load_territories(directory),
                                         settings=Settings(environment="test"),
                                         secrets={"TEST_WEBHOOK_SECRET": SECRET})}


async def test_dead_letter_retried_by_staff_is_delivered_by_the_worker_with_the_same_key(
    staff_client: tuple[httpx.AsyncClient, int], sessions: Sessions, receiver: WebhookReceiver, tmp_path: Path
) -> None:
    client, agent = staff_client
    receiver.fail_next = [500]
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "bastia", webhook(f"{server.url}/callbacks"))
        handlers = worker_handlers(sessions, tmp_path)
        callback = await booked(sessions)
        await run_once(sessions, handlers, max_attempts=1)
        dead = await job_of(sessions, callback)
        assert (dead.status, dead.attempts) == (JobStatus.DEAD, 1)

        listed = unescape((await client.get(DEAD_LETTERS)).text)
        assert f">{callback.reference}</a>" in listed
        assert "CaseSystemStatusError: case system answered 500" in listed
        assert "06 12 34 56 78" not in listed and "Marie" not in listed
        assert (await client.post(f"/staff/callbacks/{callback.reference}/retry", data={})).status_code == 403
        assert (await job_of(sessions, callback)).status == JobStatus.DEAD

        retried = await client.post(f"/staff/callbacks/{callback.reference}/retry",
                                    data={"csrf_token": csrf_token(listed)})
        assert retried.status_code == 303
        assert retried.headers["location"] == f"{DEAD_LETTERS}?relance={callback.reference}"
        again = await client.get(retried.headers["location"])
        assert f"L'envoi de la demande {callback.reference} est relancé." in unescape(again.text)
        assert "Aucun envoi en échec" in again.text
        pending = await job_of(sessions, callback)
        assert (pending.status, pending.attempts) == (JobStatus.PENDING, 0)
        assert await audit_rows(sessions) == [(agent, "callback_delivery_retried", "bastia", "callback",
                                               callback.id)]

        assert await run_once(sessions, handlers, max_attempts=1) == 1
    job = await job_of(sessions, callback)
    assert (job.status, job.attempts, job.last_error) == (JobStatus.DONE, 1, "")
    assert receiver.keys() == [job.idempotency_key] * 2  # the failed try and the retried one: one key
    assert list(receiver.accepted) == [job.idempotency_key]
    detail = unescape((await client.get(f"/staff/callbacks/{callback.reference}")).text)
    assert '<span class="delivery delivery--delivered">transmise</span>' in detail
    assert "case-1" in detail  # the case system's own reference


async def test_retry_of_a_callback_that_is_not_dead_changes_nothing(
    staff_client: tuple[httpx.AsyncClient, int], sessions: Sessions
) -> None:
    client, _agent = staff_client
    callback = await booked(sessions)
    token = csrf_token((await client.get(DEAD_LETTERS)).text)
    response = await client.post(f"/staff/callbacks/{callback.reference}/retry", data={"csrf_token": token})
    assert response.headers["location"] == f"{DEAD_LETTERS}?deja={callback.reference}"
    page = await client.get(response.headers["location"])
    assert "n'est pas en échec d'envoi : rien à relancer" in unescape(page.text)
    job = await job_of(sessions, callback)
    assert (job.status, job.attempts) == (JobStatus.PENDING, 0)
    assert await audit_rows(sessions) == []


async def test_dead_letters_of_another_territory_are_neither_listed_nor_retried(
    staff_client: tuple[httpx.AsyncClient, int], sessions: Sessions
) -> None:
    client, _agent = staff_client
    mine = await booked(sessions)
    elsewhere = await booked(sessions, "venissieux")
    for callback in (mine, elsewhere):
        await set_job(sessions, callback, status=JobStatus.DEAD, last_error="CaseSystemUnavailableError: down")
    listed = (await client.get(DEAD_LETTERS)).text
    assert mine.reference in listed and elsewhere.reference not in listed
    response = await client.post(f"/staff/callbacks/{elsewhere.reference}/retry",
                                 data={"csrf_token": csrf_token(listed)})
    assert response.status_code == 404
    assert (await job_of(sessions, elsewhere)).status == JobStatus.DEAD
    assert await audit_rows(sessions) == []


async def test_retry_from_the_detail_page_returns_to_it(
    staff_client: tuple[httpx.AsyncClient, int], sessions: Sessions
) -> None:
    client, _agent = staff_client
    callback = await booked(sessions)
    await set_job(sessions, callback, status=JobStatus.DEAD, last_error="CaseSystemUnavailableError: down")
    detail = await client.get(f"/staff/callbacks/{callback.reference}")
    assert "Relancer l'envoi" in unescape(detail.text)
    response = await client.post(f"/staff/callbacks/{callback.reference}/retry",
                                 data={"csrf_token": csrf_token(detail.text), "retour": "detail"})
    assert response.headers["location"] == f"/staff/callbacks/{callback.reference}"
    assert (await job_of(sessions, callback)).status == JobStatus.PENDING


async def test_an_error_that_would_name_a_person_is_masked(
    staff_client: tuple[httpx.AsyncClient, int], sessions: Sessions
) -> None:
    client, _agent = staff_client
    callback = await booked(sessions)
    await set_job(sessions, callback, status=JobStatus.DEAD,
                  last_error="CaseSystemStatusError: case system answered 422: +33612345678 marie@example.org")
    listed = (await client.get(DEAD_LETTERS)).text
    assert "case system answered 422: [masqué] [masqué]" in listed
    assert "612345678" not in listed and "marie@" not in listed
