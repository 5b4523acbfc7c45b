"""A Rasa 3.6 intent classifier: TF-IDF weighting of the pipeline's sparse counts, then an
L2-regularised logistic regression. Runs inside the Rasa server (`.venv-rasa`); the
Makefile and `returnee nlu-serve` put this folder on PYTHONPATH.

Rasa's own LogisticRegressionClassifier fits raw counts with a fixed regularisation: common
words ("mi", "me", "go") then weigh as much as telling ones, and a crisis class full of
first-person narratives pulls ordinary messages towards it. Sublinear TF-IDF damps the
common words; C is tuned by cross-validation (`make nlu-compare`).
"""

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from scipy.sparse import csr_matrix, vstack
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

logger = logging.getLogger(__name__)
FILE = "tfidf_logreg.skops"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfLogisticRegressionClassifier(IntentClassifier, GraphComponent):
    """Intent classifier: sublinear TF-IDF over the sparse features, then logistic regression."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 10.0,
            "max_iter": 3000,
            "random_state": 42,
            RANKING_LENGTH: LABEL_RANKING_LENGTH,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Pipeline | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self.pipeline = pipeline or Pipeline(
            [
                ("tfidf", TfidfTransformer(sublinear_tf=True)),
                (
                    "logreg",
                    LogisticRegression(
                        C=self.config["C"],
                        max_iter=self.config["max_iter"],
                        class_weight="balanced",
                        random_state=self.config["random_state"],
                    ),
                ),
            ]
        )
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TfidfLogisticRegressionClassifier":
        return cls(config, model_storage, resource)

    @staticmethod
    def _features(messages: list[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]  # the sentence features
            rows.append(csr_matrix(sparse.features) if sparse else csr_matrix((1, 0)))
        return vstack(rows).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if examples:
            self.pipeline.fit(self._features(examples), [e.get(INTENT) for e in examples])
            self.persist()
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        probabilities = self.pipeline.predict_proba(self._features(messages))
        classes = self.pipeline.classes_
        for message, row in zip(messages, probabilities, strict=False):
            ranking = sorted(
                (
                    {"name": str(name), "confidence": float(p)}
                    for name, p in zip(classes, row, strict=False)
                ),
                key=lambda r: -r["confidence"],
            )
            message.set("intent", ranking[0], add_to_output=True)
            length = self.config[RANKING_LENGTH]
            message.set(
                "intent_ranking", ranking[:length] if length > 0 else ranking, add_to_output=True
            )
        return messages

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as model_dir:
            sio.dump(self.pipeline, model_dir / FILE)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TfidfLogisticRegressionClassifier":
        import skops.io as sio

        with model_storage.read_from(resource) as model_dir:
            path = model_dir / FILE
            trusted = sio.get_untrusted_types(file=path)  # sklearn and numpy types we wrote
            pipeline = sio.load(path, trusted=trusted)
        return cls(config, model_storage, resource, pipeline)
