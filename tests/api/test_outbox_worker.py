"""The outbox and the worker, on SQLite and PostgreSQL: delivered once, retried with backoff, dead after N."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.db import utcnow
from api.outbox import BACKOFF_CAP_SECONDS, JobStatus, OutboxJob, backoff_delay, claim_due, enqueue
from api.worker import run_once


async def add_job(sessions: async_sessionmaker[AsyncSession], key: str = "k1") -> None:
    async with sessions() as session:
        enqueue(session, kind="test", idempotency_key=key, payload={"n": 1})
        await session.commit()


async def job(sessions: async_sessionmaker[AsyncSession], key: str = "k1") -> OutboxJob:
    async with sessions() as session:
        return (await session.scalars(select(OutboxJob).where(OutboxJob.idempotency_key == key))).one()


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(attempt, rng=rng).total_seconds() for attempt in range(1, 6)]
    for attempt, delay in enumerate(delays, start=1):
        step = 10 * 2 ** (attempt - 1)
        assert step / 2 <= delay <= step
    assert backoff_delay(50).total_seconds() <= BACKOFF_CAP_SECONDS


async def test_job_delivered_once_with_its_idempotency_key(sessions: async_sessionmaker[AsyncSession]) -> None:
    await add_job(sessions)
    calls: list[tuple[dict[str, Any], str]] = []

    async def handler(payload: dict[str, Any], key: str) -> None:
        calls.append((payload, key))

    assert await run_once(sessions, {"test": handler}, max_attempts=3) == 1
    assert await run_once(sessions, {"test": handler}, max_attempts=3) == 0
    assert calls == [({"n": 1}, "k1")]
    assert (await job(sessions)).status == JobStatus.DONE


async def test_failed_job_retried_later_then_dead_after_max_attempts(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await add_job(sessions)

    async def failing(payload: dict[str, Any], key: str) -> None:
        raise ConnectionError("case system down")

    await run_once(sessions, {"test": failing}, max_attempts=2)
    first = await job(sessions)
    assert first.status == JobStatus.PENDING
    assert first.attempts == 1
    assert "case system down" in first.last_error
    assert first.next_attempt_at > utcnow() + timedelta(seconds=4)
    assert await run_once(sessions, {"test": failing}, max_attempts=2) == 0  # not due yet

    async with sessions() as session:
        row = await session.get(OutboxJob, first.id)
        assert row is not None
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        await session.commit()
    await run_once(sessions, {"test": failing}, max_attempts=2)
    assert (await job(sessions)).status == JobStatus.DEAD


async def test_unknown_kind_is_kept_and_retried_not_dropped(sessions: async_sessionmaker[AsyncSession]) -> None:
    await add_job(sessions)
    await run_once(sessions, {}, max_attempts=5)
    stored = await job(sessions)
    assert stored.status == JobStatus.PENDING
    assert "no handler" in stored.last_error


async def test_leased_job_not_claimed_twice(sessions: async_sessionmaker[AsyncSession]) -> None:
    await add_job(sessions)
    async with sessions() as first, sessions() as second:
        claimed_first, claimed_second = await asyncio.gather(
            claim_due(first, now=utcnow()), claim_due(second, now=utcnow())
        )
    assert len(claimed_first) + len(claimed_second) == 1


async def test_expired_lease_of_a_dead_worker_is_taken_again(sessions: async_sessionmaker[AsyncSession]) -> None:
    await add_job(sessions)
    async with sessions() as session:
        assert len(await claim_due(session, now=utcnow())) == 1  # then the worker "dies"
    async with sessions() as session:
        assert await claim_due(session, now=utcnow()) == []
        retaken = await claim_due(session, now=utcnow() + timedelta(minutes=10))
    assert [j.attempts for j in retaken] == [2]


async def test_jobs_run_side_by_side_and_one_numbers_jobs_stay_in_order(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Eight numbers, two jobs each: the lanes overlap (a slow delivery does not hold the others), and each
    number's second job starts only after its first ended."""
    async with sessions() as session:
        for number in range(8):
            for turn in range(2):
                enqueue(session, kind="test", idempotency_key=f"{number}-{turn}",
                        payload={"to": f"+3360000000{number}", "turn": turn})
        await session.commit()
    running = 0
    most = 0
    log: list[tuple[str, int, str]] = []

    async def handler(payload: dict[str, Any], key: str) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        log.append((payload["to"], payload["turn"], "start"))
        await asyncio.sleep(0.05)
        log.append((payload["to"], payload["turn"], "end"))
        running -= 1

    ran = [await run_once(sessions, {"test": handler}, max_attempts=3, concurrency=4) for _ in range(3)]
    assert sum(ran) == 16 and ran[-1] == 0
    assert most == 4
    for number in range(8):
        to = f"+3360000000{number}"
        events = [(turn, what) for who, turn, what in log if who == to]
        assert events == [(0, "start"), (0, "end"), (1, "start"), (1, "end")]
    async with sessions() as session:
        statuses = set((await session.scalars(select(OutboxJob.status))).all())
    assert statuses == {JobStatus.DONE}
