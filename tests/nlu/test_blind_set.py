"""The frozen blind set stays blind: intact, and never in the training data (benchmarks/blind/README.md)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from benchmarks.nlu import _key, training_examples

BLIND = Path(__file__).resolve().parents[2] / "benchmarks" / "blind"


def test_blind_set_has_the_hash_it_was_frozen_with() -> None:
    frozen = (BLIND / "SHA256").read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256((BLIND / "blind_set.yml").read_bytes()).hexdigest() == frozen


def test_no_blind_text_enters_the_training_data_beyond_the_common_words_it_already_held() -> None:
    items = yaml.safe_load((BLIND / "blind_set.yml").read_text(encoding="utf-8"))
    before = {line for line in (BLIND / "in_training_before_freeze.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    leaked = {_key(item["text"]) for item in items} & training_examples()
    assert leaked <= before, sorted(leaked - before)
