"""Prints start-up time, resident memory and turn latency of the real stack (rasa, actions, api, worker).

Uses the same Procfile and process helpers as the end-to-end tests, on free ports and a throw-away database.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.proc_stats import group_usage
from tests.support.bilan import SHORT_BILAN
from tests.support.processes import Stack, stack_environment

TURNS = 20


def wait_for(url: str, started: float, deadline: float) -> float:
    """Seconds from ``started`` until ``url`` answers 200."""
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise TimeoutError(url)


def main() -> None:
    """Start the stack, measure, stop it."""
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        stack = Stack(workdir=workdir, env=stack_environment(workdir))
        stack.migrate()
        try:
            started = time.monotonic()
            stack.start(["rasa", "actions", "api", "worker"])
            deadline = started + 600
            env = stack.env
            print(f"actions answer after {wait_for(env['ACTIONS_URL'] + '/health', started, deadline):.1f} s")
            print(f"rasa answers after {wait_for(env['RASA_URL'] + '/', started, deadline):.1f} s")
            stack.wait_healthy(600)
            print(f"whole stack healthy (engine warm) after {time.monotonic() - started:.1f} s")
            client = httpx.Client(base_url=stack.api_url, timeout=60)
            durations: dict[str, list[float]] = {"start (welcome)": [], "one answer → next question (form)": [],
                                                 "last answer → result (custom action + OpenFisca)": []}
            for _ in range(TURNS):
                begin = time.perf_counter()
                conversation = client.post("/api/v1/conversations", json={}).json()
                durations["start (welcome)"].append(time.perf_counter() - begin)
                headers = {"Authorization": f"Bearer {conversation['token']}"}
                path = f"/api/v1/conversations/{conversation['id']}/messages"
                for index, answer in enumerate(SHORT_BILAN):  # the shortest bilan: eight answers
                    begin = time.perf_counter()
                    client.post(path, json={"text": answer}, headers=headers).raise_for_status()
                    elapsed = time.perf_counter() - begin
                    if index == 1:  # the age, read by the form's validation
                        durations["one answer → next question (form)"].append(elapsed)
                durations["last answer → result (custom action + OpenFisca)"].append(elapsed)
            for label, measured in durations.items():
                measured.sort()
                print(f"{label}: p50 {statistics.median(measured) * 1000:.0f} ms, "
                      f"max {measured[-1] * 1000:.0f} ms over {TURNS}")
            for name, process in stack.processes.items():
                print(f"RSS {name}: {group_usage(process.pid).rss_mb:.0f} MB")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
