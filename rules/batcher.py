"""Concurrent requests gathered into one vectorised simulation.

OpenFisca's cost is mostly per simulation, not per household: one household and twenty cost nearly the same. One
worker thread owns the engine; each request waits in a queue; whenever the worker is free it takes every request
waiting (up to ``max_batch``) and computes them in one simulation. A lone request never waits for company: under no
load its latency is one simulation; under load, requests ride together and throughput grows with the batch.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date

from rules.engine import Engine
from rules.results import BenefitResult
from rules.situation import Situation

logger = logging.getLogger(__name__)

DEFAULT_MAX_BATCH = 32
"""Households told per simulation (each brings its variants: about 8 simulated households each)."""


@dataclass
class _Request:
    situation: Situation
    future: Future[list[BenefitResult]] = field(default_factory=Future)


@dataclass
class _Task:
    """Work that must not run beside a simulation (the warm-up): run alone by the worker."""

    run: Callable[[], None]
    future: Future[None] = field(default_factory=Future)


class Batcher:
    """One engine, one worker thread, requests batched by arrival."""

    def __init__(self, engine: Engine, *, today: Callable[[], date] = date.today,
                 max_batch: int = DEFAULT_MAX_BATCH, on_batch: Callable[[int], None] | None = None) -> None:
        self._engine = engine
        self._on_batch = on_batch
        """Told the size of each simulation before it runs (the api's metrics)."""
        self._today = today
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Request | _Task | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0
        """How many simulations ran (the benchmark prints requests per simulation)."""

    def submit(self, situation: Situation) -> Future[list[BenefitResult]]:
        """Queue a situation; the future gets its results (or the error of its own computation)."""
        self._ensure_worker()
        request = _Request(situation)
        self._queue.put(request)
        return request.future

    def evaluate(self, situation: Situation) -> list[BenefitResult]:
        """Blocking convenience: submit and wait."""
        return self.submit(situation).result()

    def run_alone(self, task: Callable[[], None]) -> None:
        """Run ``task`` on the worker thread, between two simulations, and wait for it."""
        self._ensure_worker()
        work = _Task(task)
        self._queue.put(work)
        work.future.result()

    def close(self) -> None:
        """Stop the worker once the queue is drained."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _ensure_worker(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="eligibility-batcher", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            if isinstance(first, _Task):
                self._run_task(first)
                continue
            batch = [first]
            pending: _Task | None = None
            stop = False
            while len(batch) < self._max_batch:
                try:
                    request = self._queue.get_nowait()
                except queue.Empty:
                    break
                if request is None or isinstance(request, _Task):
                    stop, pending = request is None, request
                    break
                batch.append(request)
            self._run(batch)
            if pending is not None:
                self._run_task(pending)
            if stop:
                return

    @staticmethod
    def _run_task(task: _Task) -> None:
        try:
            task.run()
        except Exception as error:  # noqa: BLE001 - handed to the caller waiting on the future
            task.future.set_exception(error)
        else:
            task.future.set_result(None)

    def _run(self, batch: list[_Request]) -> None:
        on = self._today()
        self.batches += 1
        if self._on_batch is not None:
            self._on_batch(len(batch))
        try:
            results = self._engine.evaluate_many([request.situation for request in batch], on=on)
        except Exception as error:
            if len(batch) == 1:
                logger.exception("eligibility computation failed")
                batch[0].future.set_exception(error)
                return
            for request in batch:
                self._run([request])
            return
        for request, result in zip(batch, results, strict=True):
            request.future.set_result(result)
