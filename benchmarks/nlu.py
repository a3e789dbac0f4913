"""`make bench` (bot runtime): intent accuracy of the trained model and value accuracy of the nlu/ readers on the
held-out French set benchmarks/nlu_heldout.yml (web and SMS styles, never in the training data).

    .venv-bot/bin/python -m benchmarks.nlu [--model bot/models/assistant.tar.gz] [--values-only] [--json out.json]

Prints figures and the misses; never asserts (targets: intents ≥ 95 %, values ≥ 97 %).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from nlu.answers import UNKNOWN, read_answer

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "nlu_heldout.yml"
HELDOUT_FRESH = ROOT / "benchmarks" / "nlu_heldout_fresh.yml"
SETS = {"heldout": HELDOUT, "fresh": HELDOUT_FRESH}
"""The main held-out set (its misses guided the training data once), and a fresh one that guided nothing."""
TRAINING_DIRS = (ROOT / "nlu" / "data", ROOT / "bot" / "data")
DEFAULT_MODEL = ROOT / "bot" / "models" / "assistant.tar.gz"
TODAY = date(2026, 11, 25)
"""The held-out ages given as birth years are written for this date."""


def load_heldout(path: Path = HELDOUT) -> list[dict[str, Any]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(items, list)
    return items


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def training_examples() -> set[str]:
    """Every NLU training example (lower case, single spaces), to prove the held-out set is held out."""
    examples: set[str] = set()
    for folder in TRAINING_DIRS:
        for path in folder.rglob("*.yml"):
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for block in content.get("nlu") or []:
                for line in str(block.get("examples") or "").splitlines():
                    if line.strip().startswith("- "):
                        examples.add(_key(line.strip()[2:]))
    return examples


def plain(value: Any) -> Any:
    """A reader's value as the held-out file writes it."""
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):  # children's ages
        return list(value)
    if isinstance(value, list):  # communes: the INSEE codes, largest first
        return [getattr(item, "insee", item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        fields = asdict(value)
        if "monthly" in fields:
            return fields["monthly"]
        return {
            k: (v.value if isinstance(v, Enum) else list(v) if isinstance(v, tuple) else v) for k, v in fields.items()
        }
    return value


def value_matches(item: dict[str, Any], got: Any) -> bool:
    expected = item.get("value")
    if item["kind"] == "commune":
        codes = got if isinstance(got, list) else []
        if "candidates" in item:
            return set(item["candidates"]) <= set(codes)
        return bool(codes) and codes[0] == expected
    if item["kind"] == "children" and isinstance(expected, dict) and isinstance(got, dict):
        return got == {"count": expected["count"], "ages": expected.get("ages", [])}
    if item["kind"] == "activity" and isinstance(expected, dict) and isinstance(got, dict):
        full = {"part_time": None, "contract": None, "on_rsa": False, **expected}
        return got == full
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(got, (int, float)):
        return abs(float(got) - float(expected)) < 0.01
    return bool(got == expected)


def tally(outcomes: dict[str, list[bool]]) -> dict[str, Any]:
    """Total, correct and accuracy over groups of right/wrong outcomes (the benches' common figures)."""
    total = sum(len(v) for v in outcomes.values())
    correct = sum(sum(v) for v in outcomes.values())
    return {"total": total, "correct": correct, "accuracy": correct / total if total else 0.0}


def bench_values(items: list[dict[str, Any]]) -> dict[str, Any]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    misses = []
    started = time.perf_counter()
    for item in items:
        if "kind" not in item or ("value" not in item and "candidates" not in item):
            continue
        got = plain(read_answer(item["kind"], item["text"], today=TODAY))
        ok = value_matches(item, got)
        by_kind[item["kind"]].append(ok)
        if not ok:
            misses.append({"text": item["text"], "kind": item["kind"], "expected": item.get("value"), "got": got})
    elapsed = time.perf_counter() - started
    figures = tally(by_kind)
    return {
        **figures,
        "by_kind": {kind: f"{sum(v)}/{len(v)}" for kind, v in sorted(by_kind.items())},
        "misses": misses,
        "ms_per_answer": 1000 * elapsed / max(figures["total"], 1),
    }


async def _parse_all(model: Path, texts: list[str]) -> tuple[list[tuple[str, float, str, float]], float]:
    """(intent, confidence, best intent other than the fallback, its confidence) per text, and the load time."""
    from rasa.core.agent import Agent

    started = time.perf_counter()
    agent = Agent.load(str(model))
    loaded = time.perf_counter() - started
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        ranking = [r for r in parsed.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        best = ranking[0] if ranking else intent
        results.append(
            (
                str(intent.get("name")),
                float(intent.get("confidence") or 0.0),
                str(best.get("name")),
                float(best.get("confidence") or 0.0),
            )
        )
    return results, loaded


def predict(items: list[dict[str, Any]], model: Path) -> tuple[list[tuple[str, float, str, float]], float, float]:
    """Predictions for every item, the model's load time and the parse time per message (ms)."""
    started = time.perf_counter()
    predictions, load_seconds = asyncio.run(_parse_all(model, [item["text"] for item in items]))
    parse_seconds = time.perf_counter() - started - load_seconds
    return predictions, load_seconds, 1000 * parse_seconds / max(len(items), 1)


def bench_intents(items: list[dict[str, Any]], predictions: list[tuple[str, float, str, float]]) -> dict[str, Any]:
    by_style: dict[str, list[bool]] = defaultdict(list)
    by_intent: dict[str, list[bool]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    misses = []
    fallbacks: list[tuple[bool, float]] = []
    for item, (predicted, confidence, best, best_confidence) in zip(items, predictions, strict=True):
        ok = predicted == item["intent"]
        if predicted == "nlu_fallback":
            fallbacks.append((best == item["intent"], best_confidence))
        by_style[item.get("style", "web")].append(ok)
        by_intent[item["intent"]].append(ok)
        if not ok:
            confusions[(item["intent"], predicted)] += 1
            misses.append(
                {"text": item["text"], "expected": item["intent"], "got": predicted, "confidence": round(confidence, 2)}
            )
    correct = sum(sum(v) for v in by_style.values())
    return {
        "total": len(items),
        "correct": correct,
        "accuracy": correct / len(items) if items else 0.0,
        "by_style": {style: f"{sum(v)}/{len(v)}" for style, v in sorted(by_style.items())},
        "by_intent": {intent: f"{sum(v)}/{len(v)}" for intent, v in sorted(by_intent.items())},
        "confusions": {f"{e} -> {g}": n for (e, g), n in confusions.most_common()},
        "misses": misses,
        "fallbacks": len(fallbacks),
        "fallbacks_whose_best_guess_was_right": sum(right for right, _ in fallbacks),
    }


def report_set(name: str, items: list[dict[str, Any]], predictions: list[Any] | None) -> dict[str, Any]:
    """Print and return the figures of one set."""
    sms = sum(item.get("style") == "sms" for item in items)
    print(f"== {name}: {len(items)} messages ({sms} SMS style)")
    result: dict[str, Any] = {"messages": len(items)}
    values = bench_values(items)
    result["values"] = values
    print(
        f"values: {values['correct']}/{values['total']} = {100 * values['accuracy']:.1f} % (target 97 %), "
        f"{values['ms_per_answer']:.2f} ms per answer; by kind: {values['by_kind']}"
    )
    for miss in values["misses"]:
        print(f"  value miss [{miss['kind']}] {miss['text']!r}: expected {miss['expected']!r}, got {miss['got']!r}")
    if predictions is not None:
        intents = bench_intents(items, predictions)
        result["intents"] = intents
        print(
            f"intents: {intents['correct']}/{intents['total']} = {100 * intents['accuracy']:.1f} % (target 95 %); "
            f"by style {intents['by_style']}"
        )
        print(f"  by intent: {intents['by_intent']}")
        print(
            f"  {intents['fallbacks']} fell back (threshold of bot/config.yml); the best guess was right for "
            f"{intents['fallbacks_whose_best_guess_was_right']} of them"
        )
        for miss in intents["misses"]:
            print(
                f"  intent miss {miss['text']!r}: expected {miss['expected']}, got {miss['got']} ({miss['confidence']})"
            )
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--values-only", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures and misses there")
    args = parser.parse_args(argv)

    seen = training_examples()
    sets: dict[str, list[dict[str, Any]]] = {}
    report: dict[str, Any] = {"model": str(args.model)}
    for name, path in SETS.items():
        items = load_heldout(path)
        leaked = [item["text"] for item in items if _key(item["text"]) in seen]
        if leaked:
            print(f"{name}: {len(leaked)} messages skipped because they are in the training data: {leaked}")
        sets[name] = [item for item in items if _key(item["text"]) not in seen]
        report[f"{name}_leaked_into_training_and_skipped"] = leaked

    predictions: dict[str, list[Any] | None] = {name: None for name in sets}
    if not args.values_only:
        if not args.model.exists():
            print(f"intents: no model at {args.model} (run `make model`)")
        else:
            everything = [item for items in sets.values() for item in items]
            all_predictions, load_seconds, ms_per_message = predict(everything, args.model)
            start = 0
            for name, items in sets.items():
                predictions[name] = all_predictions[start : start + len(items)]
                start += len(items)
            report["model_load_seconds"] = round(load_seconds, 1)
            report["ms_per_message"] = round(ms_per_message, 1)
            print(f"model {args.model}: loaded in {load_seconds:.1f} s, {ms_per_message:.1f} ms per message")
    for name, items in sets.items():
        report[name] = report_set(name, items, predictions[name])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.disable(logging.WARNING)
    main(sys.argv[1:])
