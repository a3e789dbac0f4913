"""Concurrent requests share simulations; a failing household fails alone (a fake engine: no OpenFisca here)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from rules.batcher import Batcher
from rules.results import BenefitResult, HowToApply, Status
from rules.situation import Situation
from tests.rules.conftest import ON


def result_for(situation: Situation) -> list[BenefitResult]:
    return [BenefitResult(benefit="rsa", label="RSA", status=Status.ELIGIBLE, monthly_amount=float(situation.age or 0),
                          monthly_amount_text=None, reasons=[], missing=[],
                          how_to_apply=HowToApply(institution="CAF", url="https://www.caf.fr"), legislation_date=ON)]


class SlowEngine:
    """Answers with the age as amount; the first call blocks until released, so the others queue up."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.release = threading.Event()

    def evaluate_many(self, situations: Sequence[Situation], *, on: date) -> list[list[BenefitResult]]:
        self.release.wait(5)
        if any(situation.age == 99 for situation in situations):
            if len(situations) > 1:
                raise ValueError("one household of the batch is broken")
            raise ValueError("broken household")
        self.calls.append(len(situations))
        return [result_for(situation) for situation in situations]


def batcher(engine: Any, max_batch: int = 32) -> Batcher:
    return Batcher(engine, today=lambda: ON, max_batch=max_batch)


def test_requests_waiting_during_a_simulation_share_the_next_one() -> None:
    engine = SlowEngine()
    worker = batcher(engine)
    first = worker.submit(Situation(age=30))
    waiting = [worker.submit(Situation(age=31 + index)) for index in range(10)]
    engine.release.set()
    assert first.result(5)[0].monthly_amount == 30
    assert [future.result(5)[0].monthly_amount for future in waiting] == [31 + index for index in range(10)]
    assert engine.calls[0] in {1, 11}
    assert sum(engine.calls) == 11
    assert len(engine.calls) <= 2
    worker.close()


def test_batch_size_is_bounded() -> None:
    engine = SlowEngine()
    worker = batcher(engine, max_batch=4)
    futures = [worker.submit(Situation(age=20 + index)) for index in range(10)]
    engine.release.set()
    assert [future.result(5)[0].monthly_amount for future in futures] == [20 + index for index in range(10)]
    assert max(engine.calls) <= 4
    worker.close()


def test_broken_household_fails_alone_and_the_others_get_their_results() -> None:
    engine = SlowEngine()
    worker = batcher(engine)
    blocker = worker.submit(Situation(age=30))
    good, bad = worker.submit(Situation(age=40)), worker.submit(Situation(age=99))
    engine.release.set()
    assert blocker.result(5)[0].monthly_amount == 30
    assert good.result(5)[0].monthly_amount == 40
    with pytest.raises(ValueError, match="broken"):
        bad.result(5)
    worker.close()


def test_task_runs_alone_on_the_worker_thread() -> None:
    engine = SlowEngine()
    engine.release.set()
    worker = batcher(engine)
    seen: list[str] = []
    worker.run_alone(lambda: seen.append(threading.current_thread().name))
    assert seen == ["eligibility-batcher"]
    assert worker.evaluate(Situation(age=50))[0].monthly_amount == 50
    worker.close()
