"""The NLU data stays consistent: the generated examples are up to date and the held-out set is held out."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from benchmarks.nlu import HELDOUT_FRESH, _key, load_heldout, training_examples
from nlu.answers import READERS

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_examples_are_up_to_date() -> None:
    generator = _script("generate_nlu_answers")
    content, count = generator.render()
    assert count > 300
    assert generator.OUT.read_text(encoding="utf-8") == content, "run scripts/generate_nlu_answers.py"


def test_heldout_set_is_large_held_out_and_well_formed() -> None:
    items = load_heldout()
    assert len(items) >= 300
    assert sum(item.get("style") == "sms" for item in items) >= 50
    trained = training_examples()
    assert not [item["text"] for item in items if _key(item["text"]) in trained]
    assert len({_key(item["text"]) for item in items}) == len(items)
    for item in items:
        assert item.get("kind") is None or item["kind"] in READERS, item


def test_communes_resource_names_its_source() -> None:
    source = (ROOT / "nlu" / "resources" / "SOURCE").read_text(encoding="utf-8")
    assert f"@etalab/decoupage-administratif@{_script('generate_communes').PACKAGE_VERSION}" in source


def test_fresh_set_is_held_out_too() -> None:
    trained = training_examples()
    assert not [item["text"] for item in load_heldout(HELDOUT_FRESH) if _key(item["text"]) in trained]
