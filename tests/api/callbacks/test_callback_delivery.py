"""The worker delivers callbacks through the territory's adapter; faults of the case system lose nothing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.delivery import CallbackDelivery
from api.core.config import Settings
from api.db import create_engine, create_sessionmaker
from api.outbox import JobStatus
from api.territories import load_territories
from api.worker import HANDLERS, WorkerContext, build_handlers, run_once
from tests.support.callback_store import book, job_of, make_due, reload
from tests.support.fake_rdv_solidarites import FakeRdvSolidarites
from tests.support.local_servers import ServerThread, serve, smtp_server
from tests.support.territories import webhook, write_territory
from tests.support.webhook_receiver import WebhookReceiver

SECRET = "webhook-secret-of-ville"
ENV = {"TEST_WEBHOOK_SECRET": SECRET}

Sessions = async_sessionmaker[AsyncSession]


def delivery(sessions: Sessions, directory: Path, secrets: dict[str, str] | None = None,
             **settings: object) -> dict[str, CallbackDelivery]:
    load_territories.cache_clear()
    handler = CallbackDelivery(sessionmaker=sessions, territories=load_territories(directory),
                               settings=Settings(environment="test", **settings),  # type: ignore[arg-type]
                               secrets=ENV if secrets is None else secrets)
    return {"callback": handler}


def test_the_worker_registers_the_callback_handler(tmp_path: Path) -> None:
    write_territory(tmp_path, "ville", webhook("http://127.0.0.1:9/callbacks"))
    settings = Settings(environment="test", territories_dir=tmp_path)
    handlers = build_handlers(WorkerContext(settings, create_sessionmaker(create_engine("sqlite+aiosqlite://")), ENV))
    assert "callback" in HANDLERS
    assert isinstance(handlers["callback"], CallbackDelivery)


async def test_callback_delivered_through_the_webhook_and_marked(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        callback = await book(sessions)
        assert await run_once(sessions, delivery(sessions, tmp_path), max_attempts=5) == 1
    job = await job_of(sessions, callback)
    assert job.status == JobStatus.DONE
    assert receiver.keys() == [job.idempotency_key]
    assert receiver.requests[0]["body"]["reference"] == callback.reference
    stored = await reload(sessions, callback)
    assert stored.delivered_at is not None
    assert stored.case_system_ref == "case-1"


async def test_callback_delivered_after_500s_with_the_same_key(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET, fail_next=[500, 503])
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        handlers = delivery(sessions, tmp_path)
        callback = await book(sessions)
        await run_once(sessions, handlers, max_attempts=5)
        failed = await job_of(sessions, callback)
        assert (failed.status, failed.attempts) == (JobStatus.PENDING, 1)
        assert "answered 500" in failed.last_error
        assert await run_once(sessions, handlers, max_attempts=5) == 0  # backing off
        for _ in range(2):
            await make_due(sessions)
            await run_once(sessions, handlers, max_attempts=5)
    job = await job_of(sessions, callback)
    assert (job.status, job.attempts, job.last_error) == (JobStatus.DONE, 3, "")
    assert receiver.keys() == [job.idempotency_key] * 3
    assert list(receiver.accepted) == [job.idempotency_key]


async def test_callback_delivered_after_a_timeout_with_the_same_key(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET, delay_seconds=1.5)
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks", timeout=0.3))
        handlers = delivery(sessions, tmp_path)
        callback = await book(sessions)
        await run_once(sessions, handlers, max_attempts=5)
        assert "ReadTimeout" in (await job_of(sessions, callback)).last_error
        receiver.delay_seconds = 0
        await make_due(sessions)
        await run_once(sessions, handlers, max_attempts=5)
    job = await job_of(sessions, callback)
    assert job.status == JobStatus.DONE
    assert set(receiver.keys()) == {job.idempotency_key}
    assert len(receiver.accepted) == 1  # the slow first request arrived too: de-duplicated by its key


async def test_callback_waits_while_the_case_system_is_down_then_is_delivered(
    sessions: Sessions, tmp_path: Path
) -> None:
    receiver = WebhookReceiver(SECRET)
    server = ServerThread(receiver.app())  # not started: connections are refused
    write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
    handlers = delivery(sessions, tmp_path)
    callback = await book(sessions)
    for _ in range(3):
        await make_due(sessions)
        await run_once(sessions, handlers, max_attempts=8)
    down = await job_of(sessions, callback)
    assert (down.status, down.attempts) == (JobStatus.PENDING, 3)
    assert "ConnectError" in down.last_error
    server.start()
    try:
        await make_due(sessions)
        await run_once(sessions, handlers, max_attempts=8)
    finally:
        server.stop()
    job = await job_of(sessions, callback)
    assert (job.status, job.attempts) == (JobStatus.DONE, 4)
    assert receiver.keys() == [job.idempotency_key]


async def test_callback_dead_after_max_attempts_is_kept_with_its_error(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET, fail_next=[500, 500])
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        handlers = delivery(sessions, tmp_path)
        callback = await book(sessions)
        for _ in range(2):
            await make_due(sessions)
            await run_once(sessions, handlers, max_attempts=2)
    job = await job_of(sessions, callback)
    assert (job.status, job.attempts) == (JobStatus.DEAD, 2)
    assert "answered 500" in job.last_error
    stored = await reload(sessions, callback)
    assert stored.delivered_at is None
    assert stored.phone == "+33612345678"


async def test_callback_waits_for_a_missing_secret_then_is_delivered(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        secrets: dict[str, str] = {}
        handlers = delivery(sessions, tmp_path, secrets)
        callback = await book(sessions)
        await run_once(sessions, handlers, max_attempts=5)
        waiting = await job_of(sessions, callback)
        assert waiting.last_error == "MissingSecretError: setting TEST_WEBHOOK_SECRET is not set"
        secrets.update(ENV)
        await make_due(sessions)
        await run_once(sessions, handlers, max_attempts=5)
    assert (await job_of(sessions, callback)).status == JobStatus.DONE


async def test_callback_of_a_territory_without_file_waits(sessions: Sessions, tmp_path: Path) -> None:
    callback = await book(sessions, territory="atlantide")
    await run_once(sessions, delivery(sessions, tmp_path), max_attempts=5)
    job = await job_of(sessions, callback)
    assert job.status == JobStatus.PENDING
    assert "no territory file for 'atlantide'" in job.last_error


async def test_callback_erased_before_delivery_is_not_delivered(sessions: Sessions, tmp_path: Path) -> None:
    receiver = WebhookReceiver(SECRET)
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        callback = await book(sessions)
        async with sessions() as session:
            await session.delete(await reload(sessions, callback))
            await session.commit()
        await run_once(sessions, delivery(sessions, tmp_path), max_attempts=5)
    assert (await job_of(sessions, callback)).status == JobStatus.DONE
    assert receiver.requests == []


async def test_rdv_progress_is_stored_so_a_retry_creates_no_second_user(sessions: Sessions, tmp_path: Path) -> None:
    fake = FakeRdvSolidarites(fail_next={"rdv_plans": [502]})
    with serve(fake.app()) as server:
        write_territory(tmp_path, "ville", {
            "kind": "rdv_solidarites", "secrets": {"access_token": "VILLE_RDV_TOKEN"},
            "options": {"base_url": server.url, "organisation_id": fake.organisation_id}})
        handlers = delivery(sessions, tmp_path, {"VILLE_RDV_TOKEN": fake.oauth_token})
        callback = await book(sessions)
        await run_once(sessions, handlers, max_attempts=5)
        (user_id,) = fake.users
        assert (await reload(sessions, callback)).delivery_state == {"rdv_user_id": user_id, "rdv_plan_id": None}
        await make_due(sessions)
        await run_once(sessions, handlers, max_attempts=5)
    (plan_id,) = fake.rdv_plans
    stored = await reload(sessions, callback)
    assert len(fake.users) == 1
    assert stored.case_system_ref == f"rdv_plan:{plan_id}"
    assert (await job_of(sessions, callback)).status == JobStatus.DONE


async def test_email_territory_gets_the_callback_by_smtp(sessions: Sessions, tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        write_territory(tmp_path, "ville", {"kind": "email", "options": {"to": ["equipe@ville.example.org"]}})
        callback = await book(sessions)
        await run_once(sessions, delivery(sessions, tmp_path, smtp_port=port), max_attempts=5)
    (message,) = inbox.messages
    assert callback.reference in message["Subject"]
    assert "06 12 34 56 78" in message.get_content()


async def test_personal_data_never_reaches_the_logs(
    sessions: Sessions, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receiver = WebhookReceiver(SECRET, fail_next=[500])
    with serve(receiver.app()) as server:
        write_territory(tmp_path, "ville", webhook(f"{server.url}/callbacks"))
        handlers = delivery(sessions, tmp_path)
        await book(sessions, first_name="Zébulon", bilan={"summary": "Loyer impayé depuis mars", "answers": {}})
        for _ in range(2):
            await make_due(sessions)
            await run_once(sessions, handlers, max_attempts=5)
    assert receiver.accepted
    logged = caplog.text
    for personal in ("612345678", "12 34 56 78", "Zébulon", "Loyer impayé"):
        assert personal not in logged
