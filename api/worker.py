"""The worker process: delivers outbox jobs until stopped. Thin: the logic lives in api.outbox and the handlers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api import logs, metrics
from api.callbacks.delivery import CallbackDelivery
from api.campaigns import sending as campaign_sending
from api.campaigns.service import purge_campaigns
from api.core import log_redaction
from api.core.config import Settings, get_settings
from api.db import create_engine, create_sessionmaker, utcnow
from api.outbox import LEASE_SECONDS, Handler, JobKind, JobStatus, OutboxJob, claim_due, lanes, run_job
from api.privacy.forget import TrackerForget
from api.privacy.retention import PurgeReport, RetentionPolicy, purge
from api.sms import jobs as sms_jobs
from api.sms import summary as sms_summary
from api.territories import load_territories
from api.territories.secret_check import check_territory_secrets

logger = logging.getLogger("api.worker")


@dataclass(frozen=True)
class WorkerContext:
    """What a handler may need: the settings, the database, where secret settings are read."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    secrets: Mapping[str, str]


HandlerFactory = Callable[[WorkerContext], Handler]


def callback_handler(context: WorkerContext) -> Handler:
    """Delivers callbacks to their territory's case system."""
    territories = load_territories(context.settings.territories_dir)
    if context.settings.environment == "production":
        check_territory_secrets(territories, context.secrets)  # the worker signs with them: same rule as the api
    for territory in territories.values():
        missing = [name for name in territory.secret_names() if not context.secrets.get(name)]
        if missing:
            logger.warning("territory %s: settings not set: %s (its deliveries wait for them)",
                           territory.code, ", ".join(missing))
    return CallbackDelivery(sessionmaker=context.sessionmaker, territories=territories, settings=context.settings,
                            secrets=context.secrets)


def sms_handler(context: WorkerContext, kind: JobKind) -> Handler:
    """An SMS turn or send, by the SMS jobs built from the worker's settings at the first job (in the event loop)."""

    async def handle(payload: dict[str, Any], key: str) -> None:
        await sms_jobs.jobs_for(context.settings, context.sessionmaker).handlers[kind](payload, key)

    return handle


def summary_handler(context: WorkerContext) -> Handler:
    """Sends bilan summaries by SMS with the SMS channel's Twilio sender (built at the first job)."""

    async def handle(payload: dict[str, Any], key: str) -> None:
        sender = sms_summary.SummarySender(settings=context.settings, sessionmaker=context.sessionmaker,
                                           sender=sms_jobs.jobs_for(context.settings, context.sessionmaker).sender)
        await sender(payload, key)

    return handle


# Kinds of jobs and the factories of their handlers (built once per worker, with its settings and database).
HANDLERS: dict[str, HandlerFactory] = {
    JobKind.CALLBACK: callback_handler,
    JobKind.SMS_TURN: lambda context: sms_handler(context, JobKind.SMS_TURN),
    JobKind.SMS_SEND: lambda context: sms_handler(context, JobKind.SMS_SEND),
    JobKind.CAMPAIGN_SMS: lambda context: campaign_sending.handler_for(context.settings, context.sessionmaker).handle,
    JobKind.TRACKER_FORGET: lambda context: TrackerForget(context.settings.rasa_tracker_url),
    JobKind.SMS_SUMMARY: summary_handler,
}


def build_handlers(context: WorkerContext, factories: Mapping[str, HandlerFactory] = HANDLERS) -> dict[str, Handler]:
    """One handler per kind of job."""
    return {kind: factory(context) for kind, factory in factories.items()}


async def run_once(sessionmaker: async_sessionmaker[AsyncSession], handlers: Mapping[str, Handler], *,
                   max_attempts: int, lease_seconds: float = LEASE_SECONDS, concurrency: int = 1) -> int:
    """Claim and run every due job once; returns how many were run.

    Up to ``concurrency`` lanes run side by side (api.outbox.lanes: one phone number's jobs stay in order): a
    delivery mostly waits on the network (Twilio, a case system), so one worker sends a burst of SMS replies
    several at a time instead of one after the other. Each job is recorded in its own session."""
    async with sessionmaker() as session:
        jobs = await claim_due(session, now=utcnow(), lease_seconds=lease_seconds, limit=max(10, 2 * concurrency))
    slots = asyncio.Semaphore(concurrency)

    async def run_lane(lane: list[OutboxJob]) -> None:
        async with slots:
            for claimed in lane:
                async with sessionmaker() as session:
                    job = await session.get(OutboxJob, claimed.id)
                    if job is None:
                        continue
                    outcome = await run_job(session, job, handlers, max_attempts=max_attempts)
                    logger.info("job %s (%s) attempt %s: %s", job.id, job.kind, job.attempts, outcome.value)

    await asyncio.gather(*(run_lane(lane) for lane in lanes(jobs)))
    return len(jobs)


async def observe_outbox(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Set the outbox gauges (pending jobs and dead letters by kind) for /metrics: what an operator alerts on."""
    async with sessionmaker() as session:
        rows = (await session.execute(
            select(OutboxJob.kind, OutboxJob.status, func.count())
            .where(OutboxJob.status.in_([JobStatus.PENDING, JobStatus.DEAD]))
            .group_by(OutboxJob.kind, OutboxJob.status))).all()
    counts = {(kind, status): count for kind, status, count in rows}
    for kind in JobKind:
        metrics.OUTBOX_DEPTH.labels(kind.value).set(counts.get((kind.value, JobStatus.PENDING.value), 0))
        metrics.DEAD_LETTERS.labels(kind.value).set(counts.get((kind.value, JobStatus.DEAD.value), 0))


async def run_purge(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> PurgeReport:
    """Delete what is past its retention, in the api database and Rasa's tracker store; log the counts only."""
    policy = RetentionPolicy.from_days(conversation_days=settings.retention_conversation_days,
                                      audit_days=settings.retention_audit_days,
                                      callback_days=settings.retention_callback_days)
    async with sessionmaker() as session:
        report = await purge(session, tracker_url=settings.rasa_tracker_url, now=utcnow(), policy=policy)
        retention = timedelta(days=settings.campaign_retention_days)
        campaigns = await purge_campaigns(session, now=utcnow(), retention=retention)
    logger.info("purge: %s; campaigns erased: %s", report, campaigns)
    return report


async def run_forever(settings: Settings, stop: asyncio.Event,
                      handlers: Mapping[str, HandlerFactory] = HANDLERS) -> None:
    """Poll the outbox and purge on schedule until ``stop`` is set; a failure is logged and retried, never fatal."""
    engine = create_engine(settings.database_url)
    sessionmaker = create_sessionmaker(engine)
    built = build_handlers(WorkerContext(settings, sessionmaker, os.environ), handlers)
    loop = asyncio.get_running_loop()
    next_purge = loop.time()
    logger.info("worker started")
    try:
        while not stop.is_set():
            ran = 0
            try:
                ran = await run_once(sessionmaker, built, max_attempts=settings.worker_max_attempts,
                                     lease_seconds=settings.worker_lease_seconds,
                                     concurrency=settings.worker_concurrency)
                if settings.worker_metrics_port:
                    await observe_outbox(sessionmaker)
            except Exception:
                logger.exception("outbox poll failed")
            if loop.time() >= next_purge:
                next_purge = loop.time() + settings.purge_interval_minutes * 60
                try:
                    await run_purge(sessionmaker, settings)
                except Exception:
                    logger.exception("purge failed; next try at the next interval")
            if ran:
                continue  # busy (a burst of SMS): the next due jobs at once; the pause is for an idle outbox
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.worker_poll_seconds)
    finally:
        await sms_jobs.aclose_default()
        await campaign_sending.aclose_default()
        await engine.dispose()
        logger.info("worker stopped")


def main() -> None:
    """Entry point: ``python -m api.worker``; SIGINT/SIGTERM stop it after the current job."""
    settings = get_settings()
    logs.configure(settings.log_format)
    log_redaction.install()
    metrics.serve(settings.worker_metrics_port, settings.metrics_host)
    stop = asyncio.Event()

    async def _main() -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await run_forever(settings, stop)

    asyncio.run(_main())


if __name__ == "__main__":
    main()
