"""The two CPU cuts of the Rasa launcher (bot/serve.py) keep Rasa's behaviour."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from bot.serve import cached_validate, load_with_graph_prediction

SCHEMA = {"type": "object", "properties": {"events": {"type": "array", "items": {"type": "object"}}},
          "required": ["events"]}


def test_cached_validate_accepts_what_jsonschema_accepts() -> None:
    cached_validate({"events": [{"event": "slot"}]}, SCHEMA)


def test_cached_validate_raises_the_same_error_as_jsonschema() -> None:
    instance = {"events": ["not an object"]}
    with pytest.raises(jsonschema.ValidationError) as expected:
        jsonschema.validators.validate(instance, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as cached:
        cached_validate(instance, SCHEMA)
    assert cached.value.message == expected.value.message
    assert list(cached.value.path) == list(expected.value.path)


def test_cached_validate_checks_an_equal_schema_once(monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[Any] = []
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    original = validator_class.check_schema

    def counting(cls: object, schema: Any) -> None:
        checks.append(schema)
        original(schema)

    monkeypatch.setattr(validator_class, "check_schema", classmethod(counting))
    schema = {**SCHEMA, "title": "checked once"}
    for _ in range(3):
        cached_validate({"events": []}, dict(schema))
    assert len(checks) == 1


def test_cached_validate_refuses_an_invalid_schema() -> None:
    with pytest.raises(jsonschema.SchemaError):
        cached_validate({}, {"type": "no such type"})


class FakeModel:
    """Just what the wrapper touches of a RasaModel."""

    def __init__(self) -> None:
        self.run_eagerly = True
        self.inferred: list[object] = []

    def run_inference(self, data: object) -> None:
        self.inferred.append((self.run_eagerly, data))


def fake_load(cls: object, model_file_name: str, model_data_example: object,
              predict_data_example: object = None, finetune_mode: bool = False, **kwargs: object) -> FakeModel:
    return FakeModel()


def test_loaded_model_predicts_in_graph_mode_traced_at_load() -> None:
    model = load_with_graph_prediction(fake_load)(object, "weights", "data", "example", config={})
    assert model.run_eagerly is False
    assert model.inferred == [(False, "example")]


def test_fine_tuning_keeps_the_configured_mode() -> None:
    model = load_with_graph_prediction(fake_load)(object, "weights", "data", "example", finetune_mode=True)
    assert model.run_eagerly is True
    assert model.inferred == []


def test_event_classes_are_resolved_as_rasa_does() -> None:
    from rasa.shared.core.events import ActionExecuted, Event, UserUttered

    from bot.serve import cached_resolution

    resolve = cached_resolution(Event.resolve_by_type.__wrapped__ if hasattr(Event.resolve_by_type, "__wrapped__")
                                else Event.resolve_by_type)
    assert resolve("user") is UserUttered
    assert resolve("action") is ActionExecuted
    assert resolve("user") is UserUttered
    with pytest.raises(ValueError):
        resolve("no such event")
