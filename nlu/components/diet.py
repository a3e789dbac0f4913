"""DIET trained in graph mode, loaded in eager mode.

`run_eagerly: true` in bot/config.yml makes Rasa load DIET in about 1 s instead of 7.5 s (no TensorFlow tracing at
start-up). But the same flag also makes *training* eager, several times slower per epoch once the NLU data has
a few thousand examples. The weights do not depend on the mode, so this classifier trains with TensorFlow graphs
(`tf.function`) and keeps the configured `run_eagerly` for loading and prediction.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RUN_EAGERLY


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class GraphTrainedDIETClassifier(DIETClassifier):  # type: ignore[misc]
    """DIETClassifier whose training ignores `run_eagerly`; loading and prediction follow it."""

    def train(self, training_data: TrainingData) -> Resource:
        eager = self.component_config.get(RUN_EAGERLY, False)
        self.component_config[RUN_EAGERLY] = False
        try:
            resource: Resource = super().train(training_data)
            return resource
        finally:
            self.component_config[RUN_EAGERLY] = eager
