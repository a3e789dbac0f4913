"""`make bench-load`: residents playing whole bilans at 10, 20 and 50 at once, on `make run`'s single topology and
on `make run-scaled`'s topology, side by side in one run; then, on each, the SMS burst (benchmarks/sms_burst.py).

Per level: turn latency p50/p95/max, messages per second, errors, and per process its share of one core, its CPU
per message and its RSS. Each level is bounded (``--seconds``); the machine's load average is printed with each
figure (this machine kind has 2 cores, often shared). Figures only, never an assertion.

    .venv/bin/python -m benchmarks.load [--levels 10,20,50] [--seconds 60] [--topologies single,scaled] [--json f]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.households import Household, draw
from benchmarks.load_client import run_residents
from benchmarks.proc_stats import group_usage, usage_between
from benchmarks.sms_burst import burst
from ops.scaled import drop_database, ensure_database, free_port_base, scaled_stack
from ops.topology import Ports, Stores
from tests.support.processes import Stack, stack_environment
from tests.support.sms import local_twilio, sms_environment

START_TIMEOUT_SECONDS = 900
ADMIN_URL = os.environ.get("SCALED_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@dataclass(frozen=True)
class Running:
    """A started topology: where residents reach it, its processes, what Twilio signs, its database."""

    url: str
    pids: dict[str, int]
    public_url: str
    database_url: str


@contextmanager
def single_topology(workdir: Path, sms_env: dict[str, str]) -> Iterator[Running]:
    """`make run`'s four processes (SQLite, in-memory lock store)."""
    stack = Stack(workdir=workdir, env={**stack_environment(workdir), **sms_env})
    stack.migrate()
    try:
        stack.start(["rasa", "actions", "api", "worker"])
        stack.wait_healthy(START_TIMEOUT_SECONDS)
        yield Running(stack.api_url, {name: process.pid for name, process in stack.processes.items()},
                      stack.env["PUBLIC_BASE_URL"], stack.env["DATABASE_URL"])
    finally:
        stack.stop()


@contextmanager
def scaled_topology(workdir: Path, sms_env: dict[str, str]) -> Iterator[Running]:
    """`make run-scaled`'s topology on fresh PostgreSQL databases."""
    suffix = uuid.uuid4().hex[:8]
    names = (f"assistant_bench_{suffix}", f"assistant_bench_rasa_{suffix}")
    api_db, tracker_db = (ensure_database(ADMIN_URL, name) for name in names)
    stores = Stores(database_url=api_db.replace("postgresql://", "postgresql+psycopg://", 1), tracker_url=tracker_db)
    base_env = {**stack_environment(workdir), **sms_env}
    try:
        with scaled_stack(workdir, Ports.from_base(free_port_base()), stores, base_env=base_env) as stack:
            stack.wait_healthy(START_TIMEOUT_SECONDS)
            yield Running(stack.url, {name: process.pid for name, process in stack.supervisor.processes.items()},
                          stack.url, stores.database_url)
    finally:
        for name in names:
            drop_database(ADMIN_URL, name)


def measure(url: str, pids: dict[str, int], households: list[Household], concurrency: int,
            seconds: float) -> dict[str, Any]:
    """One level: residents at ``concurrency`` for at most ``seconds``, with per-process CPU and RSS."""
    before = {name: group_usage(pid) for name, pid in pids.items()}
    figures = run_residents(url, households, concurrency=concurrency, max_seconds=seconds)
    after = {name: group_usage(pid) for name, pid in pids.items()}
    figures["processes"] = usage_between(before, after, figures["seconds"], figures["messages"])
    figures["load_average"] = [round(value, 2) for value in os.getloadavg()]
    return figures


def print_level(topology: str, concurrency: int, figures: dict[str, Any]) -> None:
    print(f"{topology:>6} ×{concurrency:<3} p50 {figures['p50_ms']} ms  p95 {figures['p95_ms']} ms  "
          f"max {figures['max_ms']} ms  {figures['msgs_per_s']} msg/s  errors {figures['errors']}  "
          f"bilans {figures['bilans']}  load {figures['load_average']}", flush=True)
    for name, usage in figures["processes"].items():
        print(f"         {name:<10} cpu {usage['cpu_pct']:>5} %  {usage['cpu_ms_per_msg']:>6} ms/msg  "
              f"rss {usage['rss_mb']} MB", flush=True)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--levels", default="10,20,50")
    parser.add_argument("--seconds", type=float, default=60.0, help="bound of each level")
    parser.add_argument("--topologies", default="single,scaled")
    parser.add_argument("--sms", type=int, default=1000, help="replies of the SMS burst (0: none)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.levels.split(",")]
    households = draw(400, 2026)
    starters = {"single": single_topology, "scaled": scaled_topology}
    results: dict[str, Any] = {}
    with local_twilio() as twilio:
        for topology in args.topologies.split(","):
            with tempfile.TemporaryDirectory() as directory, \
                    starters[topology](Path(directory), sms_environment(twilio.base_url)) as running:
                run_residents(running.url, households[:2], concurrency=2, max_seconds=120)  # warm the caches
                for concurrency in levels:
                    figures = measure(running.url, running.pids, households, concurrency, args.seconds)
                    results[f"{topology}-{concurrency}"] = figures
                    print_level(topology, concurrency, figures)
                if args.sms:
                    twilio.messages.clear()
                    results[f"{topology}-sms-burst"] = figures = burst(
                        running.url, running.public_url, running.database_url, twilio, count=args.sms)
                    print(f"{topology:>6} SMS burst: {json.dumps(figures)}", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
