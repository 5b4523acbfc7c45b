"""A typed client for Rasa's `POST /model/parse`, with timeouts and a circuit breaker."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class IntentScore:
    """One intent and the model's confidence in it."""

    name: str
    confidence: float


@dataclass(frozen=True)
class Entity:
    """An extracted entity, e.g. language=es."""

    entity: str
    value: str


@dataclass(frozen=True)
class ParseResult:
    """What a message means, whoever decided it (rule, lexicon, model or fallback)."""

    text: str
    intent: str
    confidence: float
    ranking: tuple[IntentScore, ...] = ()
    entities: tuple[Entity, ...] = ()
    source: str = "rasa"  # rasa|rule|lexicon|unavailable|safety_net|below_threshold
    retracts: bool = False  # denies a danger or takes a message back ("not in danger")

    def entity(self, name: str) -> str | None:
        """The value of the first entity called `name`."""
        return next((e.value for e in self.entities if e.entity == name), None)

    def score(self, intent: str) -> float:
        """The model's confidence in `intent` (0 when not ranked)."""
        return next((s.confidence for s in self.ranking if s.name == intent), 0.0)


class NluUnavailable(Exception):
    """The NLU server could not give an answer (down, slow, broken, or circuit open)."""


class CircuitBreaker:
    """Closed: calls go through. After `threshold` failures in a row it opens for
    `reset_after` seconds (calls fail at once), then lets one trial call through."""

    def __init__(
        self,
        threshold: int = 3,
        reset_after: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = threshold
        self.reset_after = reset_after
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        """closed, open or half_open."""
        if self.opened_at is None:
            return "closed"
        return "half_open" if self.clock() - self.opened_at >= self.reset_after else "open"

    def allow(self) -> bool:
        """May a call be made now? In half-open, only one trial at a time."""
        with self._lock:
            if self.state != "half_open":
                return self.state == "closed"
            self.opened_at = self.clock()  # the trial holds the circuit open for others
            return True

    def record_success(self) -> None:
        """Close the circuit."""
        with self._lock:
            self.failures, self.opened_at = 0, None

    def record_failure(self) -> None:
        """Count a failure; open the circuit at the threshold."""
        with self._lock:
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = self.clock()


class RasaClient:
    """Parses text with a Rasa server; raises NluUnavailable fast when it cannot."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        connect_timeout: float = 0.3,
        read_timeout: float = 0.8,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.params = {"token": token} if token else {}
        self.timeout = (connect_timeout, read_timeout)
        self.breaker = breaker or CircuitBreaker()
        self.http = requests.Session()

    def parse(self, text: str) -> ParseResult:
        """One try, no retries: a slow NLU must never hold a webhook up."""
        if not self.breaker.allow():
            raise NluUnavailable("circuit open")
        try:
            response = self.http.post(
                f"{self.base_url}/model/parse", json={"text": text}, params=self.params,
                timeout=self.timeout,
            )  # fmt: skip
            response.raise_for_status()
            result = parse_rasa_json(text, response.json())
        except (requests.RequestException, ValueError) as error:
            self.breaker.record_failure()
            raise NluUnavailable(type(error).__name__) from error
        self.breaker.record_success()
        return result

    def ready(self) -> bool:
        """True when the server answers and has a model loaded."""
        try:
            response = self.http.get(
                f"{self.base_url}/status", params=self.params, timeout=self.timeout
            )
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (requests.RequestException, ValueError):
            return False


def parse_rasa_json(text: str, payload: Any) -> ParseResult:
    """Rasa's JSON -> ParseResult; anything malformed raises ValueError."""
    if not isinstance(payload, dict) or not isinstance(payload.get("intent"), dict):
        raise ValueError("no intent in the NLU answer")
    top = _score(payload["intent"])
    ranking = tuple(_score(item) for item in payload.get("intent_ranking") or [])
    entities = tuple(_entity(item) for item in payload.get("entities") or [])
    return ParseResult(text, top.name, top.confidence, ranking or (top,), entities, "rasa")


def _score(item: Any) -> IntentScore:
    if not isinstance(item, dict):
        raise ValueError("intent is not an object")
    name, confidence = item.get("name"), item.get("confidence")
    if not isinstance(name, str) or not isinstance(confidence, int | float):
        raise ValueError("intent needs a name and a confidence")
    return IntentScore(name, float(confidence))


def _entity(item: Any) -> Entity:
    if not isinstance(item, dict) or not isinstance(item.get("entity"), str):
        raise ValueError("entity needs a name")
    return Entity(item["entity"], str(item.get("value", "")))
