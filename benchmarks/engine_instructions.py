"""The rule engine's cost in instructions (valgrind's callgrind): a figure that the machine's load does not move.

Wall and CPU times on 2 cores shared with other jobs vary by half from one run to the next; the number of
instructions the engine executes does not. ``python -m benchmarks.engine_instructions [count]`` starts itself under
callgrind with instrumentation off, loads and warms the engine, switches instrumentation on around ``count``
households (the samples, each with its variants, one simulation each), and prints instructions per household.
It takes a few minutes (valgrind runs the loading 5-10 times slower). Prints figures, never asserts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

DEFAULT_COUNT = 13
ON = date(2026, 12, 3)
"""A fixed day, so that two runs compute the same law."""


def work(count: int, flag: Path) -> None:
    """Run under callgrind: warm up, say READY, wait for instrumentation, compute, leave without cleaning up."""
    from benchmarks.engine import varied
    from rules.engine import Engine

    engine = Engine()
    engine.warm_up(ON)
    situations = varied(count)
    for situation in situations[:2]:
        engine.evaluate(situation, on=ON)
    print("READY", flush=True)
    while not flag.exists():
        time.sleep(0)
    for situation in situations:
        engine.evaluate(situation, on=ON)
    os._exit(0)  # interpreter shutdown would be counted too


def measure(count: int) -> int:
    """Instructions per household with its variants."""
    with tempfile.TemporaryDirectory() as directory:
        flag, out = Path(directory) / "go", Path(directory) / "callgrind.out"
        process = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, "-m", "benchmarks.engine_instructions", "--work", str(count), str(flag)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY"):
                break
        subprocess.run(["callgrind_control", "-i", "on", str(process.pid)], check=True, capture_output=True)
        flag.touch()
        process.wait()
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(encoding="utf-8"), re.MULTILINE)
        if totals is None:
            raise RuntimeError("callgrind wrote no totals")
        return int(totals.group(1)) // count


def main(argv: list[str]) -> None:
    """Measure and print (or, with --work, be the measured process)."""
    if argv[:1] == ["--work"]:
        work(int(argv[1]), Path(argv[2]))
        return
    count = int(argv[0]) if argv else DEFAULT_COUNT
    print(f"engine, one household with its variants ({count} samples, callgrind): "
          f"{measure(count) / 1e6:.0f} M instructions per household")


if __name__ == "__main__":
    main(sys.argv[1:])
