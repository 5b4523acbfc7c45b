"""Understanding a message: crisis lexicon, exact rules, the model, and its crisis vote."""

from dataclasses import replace
from typing import Protocol

from nlu.client import FALLBACK_INTENT, ParseResult
from nlu.lexicon import harmless_reading, match_crisis, retracts
from nlu.rules import match_rule

CRISIS = "crisis"
# The model's crisis vote counts from this confidence up, whatever won the ranking; below
# it, a crisis answer gives way to the runner-up. Chosen on 5-fold cross-validation: the rule
# (nlu.evaluate.choose_threshold: the highest threshold at which the model alone still finds
# 90 % of the crisis messages it was not trained on) gave 0.31 on 2026-12-02; rounded down,
# towards more recall. `make nlu-eval` prints the curve and the rule's choice.
CRISIS_THRESHOLD = 0.3
NEVER = 1.01  # a threshold no confidence reaches


class Parser(Protocol):
    """Anything that parses text into a ParseResult (the Rasa client, or a fake)."""

    def parse(self, text: str) -> ParseResult:
        """Parse `text`; raise NluUnavailable when it cannot."""
        ...


def understand(
    text: str, model: Parser | None, crisis_threshold: float = CRISIS_THRESHOLD
) -> ParseResult:
    """The crisis lexicon first, then digits and keywords, then the model (if it answers);
    a message that takes a danger back is marked so (`retracts`)."""
    if retracts(text):  # its own words deny a danger: the model's vote cannot make it one
        return replace(_understand(text, model, NEVER), retracts=True)
    return _understand(text, model, crisis_threshold)


def _understand(text: str, model: Parser | None, crisis_threshold: float) -> ParseResult:
    crisis = match_crisis(text)
    if crisis is not None:
        return ParseResult(text, CRISIS, 1.0, source="lexicon")
    rule = match_rule(text)
    if rule is not None:
        return rule
    if model is None:
        return unavailable(text)
    try:
        result = replace(model.parse(model_text(text)), text=text)
    except Exception:  # NluUnavailable, or a bug or surprise: it must not cost the message
        return unavailable(text)
    return crisis_vote(result, crisis_threshold)


def model_text(text: str) -> str:
    """What the model judges: the message once idioms and denials are out ("dying of
    hunger", "not in danger"), whose words alone would read as a crisis to it."""
    return harmless_reading(text) or text


def crisis_vote(result: ParseResult, threshold: float) -> ParseResult:
    """A crisis score at the threshold is a crisis even when another intent won (source
    `safety_net`); a crisis answer below it is not one, and the runner-up decides."""
    score = result.score(CRISIS)
    if score >= threshold:
        if result.intent == CRISIS:
            return result
        return replace(result, intent=CRISIS, confidence=score, source="safety_net")
    if result.intent != CRISIS:
        return result
    runner_up = next((s for s in result.ranking if s.name != CRISIS), None)
    if runner_up is None:
        return replace(result, intent=FALLBACK_INTENT, confidence=0.0, source="below_threshold")
    return replace(result, intent=runner_up.name, confidence=runner_up.confidence,
                   source="below_threshold")  # fmt: skip


def unavailable(text: str) -> ParseResult:
    """No model answer: the bot offers the menu (a crisis was already caught above)."""
    return ParseResult(text, FALLBACK_INTENT, 0.0, source="unavailable")
