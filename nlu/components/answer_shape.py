"""An answer-shaped message is an answer: the last step of the NLU pipeline (see nlu/answer_shape.py).

Runs after DIET and the FallbackClassifier: when the message holds a number or a word of nothing and names no other
request, a global intent predicted for it (« zéro » → start_over) becomes `inform`, so that the form reads it for the
question that waits. The classifier's own guess stays in the ranking, for the logs and the benchmarks.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.answer_shape import overridden_intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class AnswerShapeClassifier(GraphComponent):  # type: ignore[misc]
    """Gives `inform` to answer-shaped messages the classifier took for a global request."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> AnswerShapeClassifier:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            intent = (message.get(INTENT) or {}).get("name")
            if isinstance(text, str) and not text.startswith("/") and overridden_intent(text, intent):
                message.set(INTENT, {"name": "inform", "confidence": 1.0}, add_to_output=True)
        return messages
