"""Real worker processes: one killed in the middle of a delivery loses nothing, two never deliver one job at once.

Each test runs on SQLite and on the PostgreSQL server (the ``database_url`` fixture).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.models import Callback
from api.outbox import JobStatus, OutboxJob
from tests.support.callback_store import book, job_of, reload
from tests.support.local_servers import serve
from tests.support.log_scan import register_log_file
from tests.support.processes import ROOT
from tests.support.territories import webhook, write_territory
from tests.support.webhook_receiver import WebhookReceiver

SECRET = "webhook-secret-of-ville"
Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
def workers(database_url: str, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start ``python -m api.worker`` processes on the test database; all are killed at the end."""
    started: list[subprocess.Popen[bytes]] = []

    def start(lease_seconds: float = 300) -> subprocess.Popen[bytes]:
        env = dict(os.environ, ENVIRONMENT="test", DATABASE_URL=database_url, TERRITORIES_DIR=str(tmp_path / "t"),
                   TEST_WEBHOOK_SECRET=SECRET, WORKER_POLL_SECONDS="0.1", WORKER_LEASE_SECONDS=str(lease_seconds))
        log_path = tmp_path / f"worker-{len(started)}.log"
        register_log_file(log_path)  # the run's log scan reads it too
        log = log_path.open("wb")
        process = subprocess.Popen([sys.executable, "-m", "api.worker"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


def worker_logs(directory: Path) -> str:
    return "".join(log.read_text(encoding="utf-8") for log in sorted(directory.glob("worker-*.log")))


async def pending_jobs(sessions: Sessions) -> int:
    async with sessions() as session:
        count: int = await session.scalar(
            select(func.count()).select_from(OutboxJob).where(OutboxJob.status != JobStatus.DONE)) or 0
        return count


async def test_worker_killed_mid_delivery_loses_nothing(
    sessions: Sessions, workers: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    lease = 6.0
    receiver = WebhookReceiver(SECRET, delay_seconds=60)  # holds the request: the worker is mid-delivery
    with serve(receiver.app()) as server:
        write_territory(tmp_path / "t", "ville", webhook(f"{server.url}/callbacks", timeout=30))
        callback = await book(sessions)
        first = workers(lease_seconds=lease)
        await wait_for(lambda: receiver.requests, 20, "the first worker never called the case system")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        orphan = await job_of(sessions, callback)
        assert (orphan.status, orphan.attempts) == (JobStatus.PENDING, 1)
        assert orphan.locked_until is not None  # leased by a dead worker

        receiver.delay_seconds = 0
        workers(lease_seconds=lease)
        await wait_for(lambda: len(receiver.accepted) == 1, 30, "the callback was never delivered again")
        redelivered_after = time.monotonic() - killed_at

    assert redelivered_after > lease - 2  # taken again only once the dead worker's lease ran out
    job = await job_of(sessions, callback)
    for _ in range(100):  # the worker marks the job done just after the case system's answer
        if job.status == JobStatus.DONE:
            break
        await asyncio.sleep(0.05)
        job = await job_of(sessions, callback)
    assert receiver.keys() == [job.idempotency_key, job.idempotency_key]
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert (await reload(sessions, callback)).delivered_at is not None


async def test_two_workers_never_deliver_one_callback_twice(
    sessions: Sessions, workers: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    receiver = WebhookReceiver(SECRET, delay_seconds=0.2)
    with serve(receiver.app()) as server:
        write_territory(tmp_path / "t", "ville", webhook(f"{server.url}/callbacks"))
        booked = [await book(sessions) for _ in range(12)]
        workers()
        workers()

        deadline = time.monotonic() + 60
        while await pending_jobs(sessions):
            assert time.monotonic() < deadline, "not every callback was delivered"
            await asyncio.sleep(0.1)

    keys = receiver.keys()
    assert len(keys) == len(set(keys)) == len(booked)  # each callback delivered exactly once
    assert max(receiver.max_in_flight.values()) == 1
    async with sessions() as session:
        delivered = await session.scalar(select(func.count()).select_from(Callback)
                                         .where(Callback.delivered_at.is_not(None)))
    assert delivered == len(booked)
    assert "612345678" not in worker_logs(tmp_path)
