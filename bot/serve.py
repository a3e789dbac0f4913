"""Starts `rasa` (same arguments as the `rasa` command) with three cuts of its CPU per message.

Profiled under load (py-spy on `rasa run` while residents play whole bilans, see README « Exploitation »), about
170 ms of Rasa CPU went into each message, and three parts of it do no useful work again and again:

- **jsonschema re-checks its schema on every call.** Rasa validates each action-server reply (and the events
  posted to its HTTP API) with `jsonschema.validate`, which first validates the schema itself against the
  meta-schema, then builds a validator. The schemas never change while Rasa runs, so `cached_validate` keeps one
  checked validator per schema and only validates the instance.
- **DIET predicts in eager mode.** `run_eagerly: true` (bot/config.yml) makes loading fast because Keras does not
  trace the training step when it builds the weights; it also makes every prediction run op by op. After loading,
  `load_with_graph_prediction` switches the model to graph mode and traces the prediction step once, at start-up,
  so loading stays fast and predictions run as one TensorFlow graph. The weights and outputs are the same.

- **Each stored event looks up its class among every subclass of Event.** Loading a tracker from the tracker store
  deserialises every event of the session, and `Event.resolve_by_type` walks the whole class tree (with
  `inspect.isabstract` on each class) for each one. The classes are all imported before Rasa serves, so
  `cached_resolution` remembers the class of each type name.

None of these changes bot/config.yml, so the trained model (cached by its data hash) is reused as it is.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import jsonschema

_VALIDATORS: dict[str, Any] = {}


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate` that checks each distinct schema once; raises the same best-matching error."""
    key = json.dumps(schema, sort_keys=True, default=repr)
    validator = _VALIDATORS.get(key)
    if validator is None:
        validator_class = cls or jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema, *args, **kwargs)
        _VALIDATORS[key] = validator
    error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def load_with_graph_prediction(load: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap `RasaModel.load`: load as configured (eagerly: fast), then predict through a traced graph."""

    signature = inspect.signature(load)

    @wraps(load)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        model = load(*args, **kwargs)
        bound = signature.bind(*args, **kwargs).arguments
        predict_example = bound.get("predict_data_example")
        if model.run_eagerly and not bound.get("finetune_mode") and predict_example is not None:
            model.run_eagerly = False
            model.run_inference(predict_example)  # traces the prediction step now, not at a resident's message
        return model

    return wrapper


def cached_resolution(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap `Event.resolve_by_type`: one walk of the class tree per type name (an unknown name still raises)."""
    found: dict[tuple[str, Any], Any] = {}

    @wraps(resolve)
    def wrapper(type_name: str, default: Any = None) -> Any:
        key = (type_name, default)
        if key not in found:
            found[key] = resolve(type_name, default)
        return found[key]

    return wrapper


def install() -> None:
    """Apply the three cuts to the Rasa of this process (idempotent)."""
    from rasa.shared.core.events import Event
    from rasa.utils.tensorflow.models import RasaModel

    jsonschema.validate = cached_validate
    if not getattr(Event.resolve_by_type, "__wrapped__", None):
        Event.resolve_by_type = staticmethod(cached_resolution(Event.resolve_by_type))
    if not getattr(RasaModel.load, "__wrapped__", None):
        RasaModel.load = classmethod(load_with_graph_prediction(RasaModel.load.__func__))


def main() -> None:
    """`python -m bot.serve run …` behaves as `rasa run …`."""
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
