"""The Rasa client against a fake Rasa server: answers, timeouts, errors, circuit breaker."""

import time
from collections.abc import Iterator

import pytest

from nlu.client import CircuitBreaker, NluUnavailable, RasaClient, parse_rasa_json
from tests.fakes.rasa_api import FakeRasa


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    with FakeRasa(token="secret").running() as fake:
        yield fake


def client(rasa: FakeRasa, **kw: object) -> RasaClient:
    return RasaClient(rasa.url, "secret", read_timeout=0.3, **kw)  # type: ignore[arg-type]


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_parse_returns_a_frozen_typed_result(rasa: FakeRasa) -> None:
    rasa.intent, rasa.confidence = "ask_job", 0.87
    result = client(rasa).parse("mi need work")
    assert (result.text, result.intent, result.confidence, result.source) == (
        "mi need work", "ask_job", 0.87, "rasa",
    )  # fmt: skip
    with pytest.raises(AttributeError):
        result.intent = "greet"  # type: ignore[misc]


def test_the_auth_token_is_sent(rasa: FakeRasa) -> None:
    with pytest.raises(NluUnavailable):
        RasaClient(rasa.url, "wrong").parse("hi")
    assert client(rasa).parse("hi").intent == "greet"


@pytest.mark.parametrize("mode", ["error", "garbage", "slow"])
def test_a_broken_or_slow_server_raises_nlu_unavailable_quickly(rasa: FakeRasa, mode: str) -> None:
    rasa.mode = mode
    started = time.monotonic()
    with pytest.raises(NluUnavailable):
        client(rasa).parse("hi")
    assert time.monotonic() - started < 1.5  # the read timeout, not the server's 2 s


def test_a_dead_server_raises_nlu_unavailable() -> None:
    with pytest.raises(NluUnavailable):
        RasaClient("http://127.0.0.1:9", connect_timeout=0.2).parse("hi")


def test_after_three_failures_the_circuit_opens_and_calls_cost_nothing(rasa: FakeRasa) -> None:
    clock = ManualClock()
    nlu = client(rasa, breaker=CircuitBreaker(threshold=3, reset_after=30, clock=clock))
    rasa.mode = "error"
    for _ in range(3):
        with pytest.raises(NluUnavailable):
            nlu.parse("hi")
    assert rasa.calls == 3 and nlu.breaker.state == "open"
    for _ in range(50):
        with pytest.raises(NluUnavailable, match="circuit open"):
            nlu.parse("hi")
    assert rasa.calls == 3  # no request reached the server


def half_open(rasa: FakeRasa) -> RasaClient:
    """A client whose circuit tripped on one failure, 31 s ago: the next call is a trial."""
    clock = ManualClock()
    nlu = client(rasa, breaker=CircuitBreaker(threshold=1, reset_after=30, clock=clock))
    rasa.mode = "error"
    with pytest.raises(NluUnavailable):
        nlu.parse("hi")
    clock.now += 31
    return nlu


def test_a_half_open_circuit_closes_after_one_good_trial(rasa: FakeRasa) -> None:
    nlu = half_open(rasa)
    assert nlu.breaker.state == "half_open"
    rasa.mode = "ok"
    assert nlu.parse("hi").intent == "greet"
    assert nlu.breaker.state == "closed"


def test_a_failed_trial_opens_the_circuit_again(rasa: FakeRasa) -> None:
    nlu = half_open(rasa)
    with pytest.raises(NluUnavailable):
        nlu.parse("hi")
    assert nlu.breaker.state == "open" and rasa.calls == 2


def test_readiness_reflects_whether_the_server_answers(rasa: FakeRasa) -> None:
    assert client(rasa).ready() is True
    assert RasaClient("http://127.0.0.1:9", connect_timeout=0.2).ready() is False


@pytest.mark.parametrize(
    "payload",
    [
        None, [], {}, {"intent": None}, {"intent": {"name": "greet"}},
        {"intent": {"name": 3, "confidence": 0.5}},
        {"intent": {"name": "greet", "confidence": "high"}},
        {"intent": {"name": "greet", "confidence": 0.9}, "entities": [{"value": "x"}]},
    ],
    ids=repr,
)  # fmt: skip
def test_malformed_rasa_json_is_rejected(payload: object) -> None:
    with pytest.raises(ValueError):
        parse_rasa_json("hi", payload)


def test_entities_and_ranking_are_kept() -> None:
    result = parse_rasa_json("en espanol pls", {
        "intent": {"name": "change_language", "confidence": 0.8},
        "intent_ranking": [{"name": "change_language", "confidence": 0.8},
                           {"name": "crisis", "confidence": 0.1}],
        "entities": [{"entity": "language", "value": "es", "start": 3, "end": 10}],
    })  # fmt: skip
    assert result.entity("language") == "es"
    assert result.score("crisis") == 0.1 and result.score("greet") == 0.0
