"""The rule engine as the async api sees it: computed off the event loop, concurrent requests in one simulation.

OpenFisca-France is CPU-bound and not documented as thread-safe, so one worker thread owns the engine
(rules/batcher.py): requests that arrive while a simulation runs are computed together in the next one, and the event
loop keeps serving chat messages meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Mapping
from datetime import date

from api.metrics import ENGINE_BATCH_SIZE
from api.territories import Territory
from api.territories.resolve import territory_of_commune
from rules.batcher import DEFAULT_MAX_BATCH, Batcher
from rules.engine import Engine
from rules.local_aids import evaluate_local_aids
from rules.results import BenefitResult
from rules.situation import Situation


class EligibilityService:
    """A warm Engine shared by every request of the process, behind a batching worker."""

    def __init__(self, engine: Engine | None = None, *, today: Callable[[], date] = date.today,
                 max_batch: int = DEFAULT_MAX_BATCH) -> None:
        self._engine = engine or Engine()
        self._today = today
        self._batcher = Batcher(self._engine, today=today, max_batch=max_batch, on_batch=ENGINE_BATCH_SIZE.observe)
        self.ready = threading.Event()

    def warm_up(self) -> None:
        """Load OpenFisca-France and run the sample households (blocking; called from a thread at start-up)."""
        self._batcher.run_alone(lambda: self._engine.warm_up(on=self._today()))
        self.ready.set()

    async def evaluate(self, situation: Situation,
                       territories: Mapping[str, Territory] | None = None) -> list[BenefitResult]:
        """Every benefit for ``situation`` this month; then the local aids of the territory of its commune."""
        results = await asyncio.wrap_future(self._batcher.submit(situation))
        self.ready.set()
        return results + local_aid_results(situation, territories or {}, on=self._today())


def local_aid_results(situation: Situation, territories: Mapping[str, Territory], *,
                      on: date) -> list[BenefitResult]:
    """The local aids of the territory whose perimeter holds the situation's commune (none without a commune)."""
    territory = territory_of_commune(territories, situation.depcom) if situation.depcom else None
    if territory is None:
        return []
    return evaluate_local_aids(territory.code, territory.local_aids, situation, on=on)
