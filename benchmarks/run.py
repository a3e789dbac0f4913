"""`make bench`: prints the speed of the rule engine, then of the whole stack (start-up, memory, latency)."""

from __future__ import annotations

import statistics
import time
from datetime import date

from rules.engine import Engine
from rules.situation import Situation

WARM_RUNS = 20


def main() -> None:
    """Measure and print; the figures go into the closing notes of issues."""
    on = date.today()
    started = time.perf_counter()
    engine = Engine()
    _ = engine.system
    loaded = time.perf_counter()
    engine.evaluate(Situation(age=40), on=on)
    first = time.perf_counter()
    durations = []
    for index in range(WARM_RUNS):
        begin = time.perf_counter()
        engine.evaluate(Situation(age=20 + index * 3), on=on)
        durations.append(time.perf_counter() - begin)
    durations.sort()
    print(f"engine load: {loaded - started:.2f} s")
    print(f"first household: {first - loaded:.2f} s")
    print(f"warm household (rsa only), {WARM_RUNS} runs: p50 {statistics.median(durations) * 1000:.0f} ms, "
          f"p95 {durations[int(0.95 * (WARM_RUNS - 1))] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
    from benchmarks import stack

    stack.main()
