"""`make bench-blind` (bot runtime): the bot's understanding measured on the frozen blind set.

benchmarks/blind/blind_set.yml was written by a helper shown only the questions as residents see them (never the
readers, the training data or the other held-out sets), then frozen: its SHA-256 is in benchmarks/blind/SHA256 and
in the README. It is never added to training data (tests/nlu checks it) and never edited: a set tuned to is memory.

Values are read through the bilan's own path (bot.actions.readings.read_slot: what the form keeps), routes through
bot.actions.routing.route on the trained model's intent (what the bot acts on). Prints figures and every miss;
never asserts (goals: values ≥ 97 % overall and ≥ 95 % per kind, intents ≥ 95 %).

    .venv-bot/bin/python -m benchmarks.blind [--model bot/models/assistant.tar.gz] [--values-only] [--json out.json]

`--dev` reads benchmarks/dev/dev_set.yml instead: a second set written blind the same way, but open to tuning (its
misses are read and fixed), so its figures are progress, not a measure; only the frozen set measures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from benchmarks.blind_values import TODAY, expected_route, judge_value
from benchmarks.nlu import DEFAULT_MODEL, _key, predict, tally, training_examples
from bot.actions.routing import route, slot_of_question

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "benchmarks" / "blind" / "blind_set.yml"
BLIND_HASH = ROOT / "benchmarks" / "blind" / "SHA256"
DEV = ROOT / "benchmarks" / "dev" / "dev_set.yml"


def frozen_items() -> tuple[list[dict[str, Any]], bool]:
    """The blind items, and whether the file still has the hash it was frozen with."""
    content = BLIND.read_bytes()
    expected = BLIND_HASH.read_text(encoding="utf-8").split()[0]
    items = yaml.safe_load(content.decode("utf-8"))
    assert isinstance(items, list)
    return items, hashlib.sha256(content).hexdigest() == expected


def bench_values(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Value accuracy per question, on the items that answer their question."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for item in items:
        answers_recap = item["question"] == "recap" and item.get("intent") in ("affirm", "deny")
        if not answers_recap and (item.get("intent") != "inform" or "value" not in item):
            continue
        ok, got = judge_value(item)
        by_kind[item["question"]].append(ok)
        if not ok:
            expected = item.get("value", item.get("intent"))
            misses.append({"question": item["question"], "text": item["text"], "expected": expected, "got": got})
    return {
        **tally(by_kind),
        "by_kind": {k: {"correct": sum(v), "total": len(v), "accuracy": sum(v) / len(v)} for k, v in by_kind.items()},
        "misses": misses,
    }


def bench_routes(items: list[dict[str, Any]], intents: list[str]) -> dict[str, Any]:
    """Share of messages the bot acts on as it should (an answer read as one, a request as that request)."""
    by_expected: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for item, intent in zip(items, intents, strict=True):
        slot = slot_of_question(item["question"])
        got = route(slot, item["text"], intent, today=TODAY)
        ok = got in expected_route(item)
        by_expected[item["intent"]].append(ok)
        if not ok:
            misses.append({"question": item["question"], "text": item["text"], "expected": item["intent"], "got": got})
    return {
        **tally(by_expected),
        "by_expected": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_expected.items())},
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--values-only", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures and misses there")
    parser.add_argument("--dev", action="store_true", help="the tuning set (benchmarks/dev), not the frozen one")
    args = parser.parse_args(argv)

    if args.dev:
        items, intact = yaml.safe_load(DEV.read_text(encoding="utf-8")), False
        print(f"dev set: {len(items)} messages, open to tuning: progress, not a measure")
    else:
        items, intact = frozen_items()
        print(f"blind set: {len(items)} messages, hash {'intact' if intact else 'CHANGED: figures do not count'}")
    leaked = [item["text"] for item in items if _key(item["text"]) in training_examples()]
    if leaked:
        print(f"{len(leaked)} blind messages are common words the training data already held (see "
              "benchmarks/blind/in_training_before_freeze.txt; tests/nlu keeps any other out)")
    report: dict[str, Any] = {"messages": len(items), "hash_intact": intact, "leaked": leaked}
    values = bench_values(items)
    report["values"] = values
    print(f"values: {values['correct']}/{values['total']} = {100 * values['accuracy']:.1f} % (goal 97 %)")
    for kind, figures in sorted(values["by_kind"].items(), key=lambda kv: kv[1]["accuracy"]):
        print(f"  {kind:18} {figures['correct']:3}/{figures['total']:3} = {100 * figures['accuracy']:5.1f} %")
    for miss in values["misses"]:
        print(f"  value miss [{miss['question']}] {miss['text']!r}: expected {miss['expected']!r}, got {miss['got']!r}")
    if not args.values_only and args.model.exists():
        predictions, load_seconds, ms = predict(items, args.model)
        routes = bench_routes(items, [prediction[0] for prediction in predictions])
        report["routes"] = routes
        print(f"intents (what the bot acts on): {routes['correct']}/{routes['total']} = "
              f"{100 * routes['accuracy']:.1f} % (goal 95 %); model loaded in {load_seconds:.0f} s, {ms:.0f} ms/msg")
        print(f"  by expected: {routes['by_expected']}")
        for miss in routes["misses"]:
            print(f"  intent miss [{miss['question']}] {miss['text']!r}: "
                  f"expected {miss['expected']}, got {miss['got']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return report


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.disable(logging.WARNING)
    main(sys.argv[1:])
