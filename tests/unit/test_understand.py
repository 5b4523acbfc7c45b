"""How the layers decide: lexicon, exact rules, the model, and the model's crisis vote."""

import pytest

from nlu.client import IntentScore, NluUnavailable, ParseResult
from nlu.understand import CRISIS_THRESHOLD, crisis_vote, model_text, understand


def ranked(*scores: tuple[str, float]) -> ParseResult:
    """A model answer with this ranking (the first is the top intent)."""
    ranking = tuple(IntentScore(name, confidence) for name, confidence in scores)
    return ParseResult("text", ranking[0].name, ranking[0].confidence, ranking)


class Model:
    """A parser that records what it was shown and answers with a fixed result."""

    def __init__(self, result: ParseResult | None) -> None:
        self.result = result
        self.seen: list[str] = []

    def parse(self, text: str) -> ParseResult:
        self.seen.append(text)
        if self.result is None:
            raise NluUnavailable("down")
        return self.result


@pytest.mark.parametrize(
    ("answer", "threshold", "intent", "source"),
    [
        (ranked(("crisis", 0.9), ("ask_job", 0.1)), 0.5, "crisis", "rasa"),
        (ranked(("crisis", 0.5), ("ask_job", 0.5)), 0.5, "crisis", "rasa"),
        (ranked(("crisis", 0.45), ("ask_job", 0.4)), 0.5, "ask_job", "below_threshold"),
        (ranked(("ask_job", 0.6), ("crisis", 0.4)), 0.35, "crisis", "safety_net"),
        (ranked(("ask_job", 0.6), ("crisis", 0.3)), 0.35, "ask_job", "rasa"),
        (ranked(("nlu_fallback", 0.4), ("crisis", 0.38)), 0.35, "crisis", "safety_net"),
        (ranked(("crisis", 0.2)), 0.5, "nlu_fallback", "below_threshold"),
    ],
    ids=[
        "a confident crisis stays one",
        "a crisis exactly at the threshold counts",
        "a crisis below the threshold gives way to the runner-up",
        "a crisis runner-up at the threshold wins",
        "a crisis runner-up below the threshold changes nothing",
        "a fallback with a crisis runner-up at the threshold is a crisis",
        "a lone crisis below the threshold becomes the fallback",
    ],
)
def test_the_crisis_vote_counts_from_the_threshold_up_whatever_won(
    answer: ParseResult, threshold: float, intent: str, source: str
) -> None:
    decided = crisis_vote(answer, threshold)
    assert (decided.intent, decided.source) == (intent, source)


def test_the_lexicon_decides_a_crisis_before_the_model_is_asked() -> None:
    model = Model(ranked(("greet", 0.99)))
    result = understand("mi waan kill miself", model)
    assert (result.intent, result.source, model.seen) == ("crisis", "lexicon", [])


def test_a_menu_digit_is_decided_by_the_rules_without_the_model() -> None:
    model = Model(ranked(("crisis", 0.99)))
    assert understand("4", model).intent == "ask_job"
    assert model.seen == []


def test_the_model_judges_the_message_without_its_idioms_but_answers_for_the_original() -> None:
    model = Model(ranked(("ask_job", 0.8), ("crisis", 0.1)))
    result = understand("mi hungry so till mi feel like mi a go dead, mi need a work bad", model)
    assert model.seen == ["mi mi need a work bad"]
    assert (result.intent, result.text) == (
        "ask_job",
        "mi hungry so till mi feel like mi a go dead, mi need a work bad",
    )


def test_a_message_with_nothing_to_take_out_reaches_the_model_as_typed() -> None:
    assert model_text("Mi need a WORK!") == "Mi need a WORK!"


def test_with_the_model_down_a_question_falls_back_and_a_crisis_is_still_caught() -> None:
    assert understand("i need a job", Model(None)).source == "unavailable"
    assert understand("i want to end my life", Model(None)).intent == "crisis"


def test_the_default_threshold_is_a_probability() -> None:
    assert 0.0 < CRISIS_THRESHOLD < 1.0


def test_a_message_that_denies_danger_is_never_made_a_crisis_by_the_models_vote() -> None:
    model = Model(ranked(("deny", 0.5), ("crisis", 0.45)))
    result = understand("oups message envoye par erreur, pas de danger ici", model)
    assert (result.intent, result.retracts) == ("deny", True)


def test_a_denial_next_to_a_plan_is_still_a_crisis_from_the_lexicon() -> None:
    result = understand("im not going to kill myself, i have the pills ready", Model(None))
    assert (result.intent, result.source, result.retracts) == ("crisis", "lexicon", False)
