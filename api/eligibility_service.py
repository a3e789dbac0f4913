"""The rule engine as the async api sees it: computed off the event loop, one simulation at a time.

OpenFisca-France is CPU-bound and not documented as thread-safe, so calls are serialised on a lock and run in a
worker thread; the event loop keeps serving chat messages meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from anyio import to_thread

from rules.engine import Engine
from rules.results import BenefitResult
from rules.situation import Situation


class EligibilityService:
    """A warm Engine shared by every request of the process."""

    def __init__(self, engine: Engine | None = None, *, today: Callable[[], date] = date.today) -> None:
        self._engine = engine or Engine()
        self._today = today
        self._lock = threading.Lock()
        self.ready = threading.Event()

    def warm_up(self) -> None:
        """Load OpenFisca-France and run one simulation (blocking; called from a thread at start-up)."""
        with self._lock:
            self._engine.warm_up(on=self._today())
        self.ready.set()

    def _evaluate(self, situation: Situation) -> list[BenefitResult]:
        with self._lock:
            results = self._engine.evaluate(situation, on=self._today())
        self.ready.set()
        return results

    async def evaluate(self, situation: Situation) -> list[BenefitResult]:
        """Every benefit for ``situation`` this month."""
        return await to_thread.run_sync(self._evaluate, situation)
