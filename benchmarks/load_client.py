"""Concurrent residents playing whole bilans through the public chat contract, each turn timed.

The residents are the households of benchmarks/households.py answering as benchmarks/conversations.py's `play`
does; a timing transport records every message post (latency, status). Bounded by a number of bilans and a
deadline, whichever comes first. Figures only: nothing here asserts.
"""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from benchmarks.conversations import play
from benchmarks.households import Household


@dataclass
class Turns:
    """Every timed message post of a run (thread-safe appends)."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, ok: bool) -> None:
        with self.lock:
            if ok:
                self.latencies.append(seconds)
            else:
                self.errors += 1


class TimingTransport(httpx.BaseTransport):
    """Times each resident message (POST …/messages); other requests pass untimed."""

    def __init__(self, turns: Turns) -> None:
        self._inner = httpx.HTTPTransport()
        self._turns = turns

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timed = request.method == "POST" and request.url.path.endswith("/messages")
        begin = time.perf_counter()
        try:
            response = self._inner.handle_request(request)
            response.read()
        except httpx.HTTPError:
            if timed:
                self._turns.record(time.perf_counter() - begin, ok=False)
            raise
        if timed:
            self._turns.record(time.perf_counter() - begin, ok=response.status_code == 200)
        return response

    def close(self) -> None:
        self._inner.close()


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(turns: Turns, seconds: float, bilans: int) -> dict[str, Any]:
    """p50/p95/max turn latency in ms, messages per second, errors, finished bilans."""
    latencies = turns.latencies
    return {
        "messages": len(latencies), "errors": turns.errors, "bilans": bilans, "seconds": round(seconds, 1),
        "msgs_per_s": round(len(latencies) / seconds, 2) if seconds else 0.0,
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000) if latencies else None,
        "max_ms": round(max(latencies) * 1000) if latencies else None,
    }


def run_residents(api_url: str, households: list[Household], *, concurrency: int, max_seconds: float,
                  seed: int = 2026) -> dict[str, Any]:
    """``concurrency`` residents at once play bilans from ``households`` until all are played or time is up."""
    turns = Turns()
    deadline = time.monotonic() + max_seconds
    finished = [0]

    def resident(index: int) -> None:
        if time.monotonic() >= deadline:
            return
        transport = TimingTransport(turns)
        try:
            played, _ = play(api_url, index, households[index], seed, transport=transport)
            finished[0] += played.finished
        except httpx.HTTPError:
            pass  # counted by the transport

    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(resident, range(len(households))))
    return summary(turns, time.monotonic() - begin, finished[0])
