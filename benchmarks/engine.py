"""The rule engine's speed: OpenFisca-France used naively versus the assistant's engine, in the same run.

Naive: the plain CountryTaxBenefitSystem, one simulation per household, the eight benefits asked one after the
other (the situation as told only, no variants). Ours: the warm Engine (dated overlay, declared past benefits,
speed reform, memoised periods), each household with its variants, and concurrent requests batched into one
vectorised simulation (rules/batcher.py). Prints figures, never asserts.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation

from rules.batcher import Batcher
from rules.engine import Engine
from rules.household import household
from rules.samples import SAMPLE_SITUATIONS
from rules.situation import Situation

NAIVE_OUTPUTS = (("rsa", "month"), ("ppa", "month"), ("aide_logement", "month"), ("cheque_energie", "year"),
                 ("cmu_c", "month"), ("css_participation_forfaitaire", "month"), ("aspa", "month"), ("aah", "month"),
                 ("af", "month"), ("cf", "month"), ("asf", "month"))
NAIVE_RUNS = 6
WARM_RUNS = 30
CLIENTS = 16
LOAD_SECONDS = 10.0


def varied(count: int) -> list[Situation]:
    """``count`` different households: the samples with ages shifted, so no two requests are alike."""
    return [SAMPLE_SITUATIONS[index % len(SAMPLE_SITUATIONS)].model_copy(
        update={"age": (SAMPLE_SITUATIONS[index % len(SAMPLE_SITUATIONS)].age or 40) + index % 5})
        for index in range(count)]


def _naive_entities(engine: Engine, situation: Situation, on: date) -> dict[str, Any]:
    entities = household("h", situation, on, salaries=engine.salaries(on))
    for members in entities.values():
        for variables in members.values():
            for name in [name for name in variables if name.endswith("_declare")]:
                del variables[name]
    return entities


def naive(engine: Engine, on: date) -> tuple[float, float]:
    """(first household, p50 of the warm ones) in seconds, plain OpenFisca-France, one simulation per household."""
    from openfisca_france import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    month, year = f"{on.year:04d}-{on.month:02d}", str(on.year)
    durations = []
    for index in range(NAIVE_RUNS + 1):
        situation = SAMPLE_SITUATIONS[index % len(SAMPLE_SITUATIONS)]
        begin = time.perf_counter()
        simulation = SimulationBuilder().build_from_entities(system, _naive_entities(engine, situation, on))
        for variable, kind in NAIVE_OUTPUTS:
            simulation.calculate(variable, month if kind == "month" else year)
        durations.append(time.perf_counter() - begin)
    return durations[0], statistics.median(durations[1:])


def timed(function: Callable[[], object]) -> float:
    begin = time.perf_counter()
    function()
    return time.perf_counter() - begin


def under_load(engine: Engine, on: date) -> tuple[float, float, float]:
    """(bilans per second, p50 latency, households per simulation) with CLIENTS concurrent clients."""
    batcher = Batcher(engine, today=lambda: on)
    situations = varied(997)
    latencies: list[float] = []
    done = threading.Event()
    lock = threading.Lock()

    def client(offset: int) -> None:
        index = offset
        while not done.is_set():
            situation = situations[index % len(situations)]
            latency = timed(partial(batcher.evaluate, situation))
            with lock:
                latencies.append(latency)
            index += CLIENTS

    threads = [threading.Thread(target=client, args=(offset,)) for offset in range(CLIENTS)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(LOAD_SECONDS)
    done.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    batcher.close()
    return len(latencies) / elapsed, statistics.median(latencies), len(latencies) / max(batcher.batches, 1)


def formula_runs(engine: Engine, on: date, situations: list[Situation]) -> float:
    """OpenFisca formula runs per household with its variants: a count, so it does not move with the machine's load
    (the wall and CPU figures do, on 2 shared cores)."""
    runs = 0
    run_formula = Simulation._run_formula

    def counted(simulation: Simulation, *args: Any) -> Any:
        nonlocal runs
        runs += 1
        return run_formula(simulation, *args)

    Simulation._run_formula = counted
    try:
        for situation in situations:
            engine.evaluate(situation, on=on)
    finally:
        Simulation._run_formula = run_formula
    return runs / len(situations)


def main() -> None:
    """Measure and print; the figures go into the closing notes of issues."""
    on = date.today()
    engine = Engine()
    load = timed(lambda: engine.system)
    first = timed(lambda: engine.warm_up(on))
    situations = varied(WARM_RUNS)
    ours = sorted(timed(partial(engine.evaluate, situation, on=on)) for situation in situations)
    cpu = []
    for situation in situations[:10]:
        begin = time.process_time()
        engine.evaluate(situation, on=on)
        cpu.append(time.process_time() - begin)
    runs = formula_runs(engine, on, list(SAMPLE_SITUATIONS))
    naive_first, naive_p50 = naive(engine, on)
    rate, latency, per_batch = under_load(engine, on)
    p50 = statistics.median(ours)
    print(f"machine load (1-minute average) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall figures grow "
          "with it, CPU and formula runs much less")
    print(f"engine load {load:.1f} s, warm-up (salary grid + {len(SAMPLE_SITUATIONS)} sample households) {first:.1f} s")
    print(f"naive OpenFisca-France, one household per simulation: first {naive_first:.2f} s, "
          f"warm p50 {naive_p50 * 1000:.0f} ms ({NAIVE_RUNS} runs) -> {1 / naive_p50:.1f} bilans/s")
    print(f"ours, one household with its variants, warm ({WARM_RUNS} runs): p50 {p50 * 1000:.0f} ms, "
          f"p95 {ours[int(0.95 * (len(ours) - 1))] * 1000:.0f} ms, CPU p50 {statistics.median(cpu) * 1000:.0f} ms; "
          f"{runs:.0f} OpenFisca formula runs per household ({len(SAMPLE_SITUATIONS)} samples)")
    print(f"ours under load, {CLIENTS} concurrent clients for {LOAD_SECONDS:.0f} s: {rate:.0f} bilans/s, "
          f"p50 latency {latency * 1000:.0f} ms, {per_batch:.1f} households per simulation")
    print(f"ratio: p50 {naive_p50 / p50:.0f}x faster, throughput {rate * naive_p50:.0f}x")


if __name__ == "__main__":
    main()
