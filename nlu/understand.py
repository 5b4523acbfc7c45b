"""Understanding a message: crisis lexicon, exact rules, the model, and a safety net."""

from typing import Protocol

from nlu.client import FALLBACK_INTENT, ParseResult
from nlu.lexicon import match_crisis
from nlu.rules import match_rule

CRISIS = "crisis"
# Behind the model: a crisis this likely is treated as one, whatever won the ranking.
CRISIS_SECOND_OPINION = 0.3


class Parser(Protocol):
    """Anything that parses text into a ParseResult (the Rasa client, or a fake)."""

    def parse(self, text: str) -> ParseResult:
        """Parse `text`; raise NluUnavailable when it cannot."""
        ...


def understand(text: str, model: Parser | None) -> ParseResult:
    """The crisis lexicon first, then digits and keywords, then the model (if it answers)."""
    crisis = match_crisis(text)
    if crisis is not None:
        return ParseResult(text, CRISIS, 1.0, source="lexicon")
    rule = match_rule(text)
    if rule is not None:
        return rule
    if model is None:
        return unavailable(text)
    try:
        result = model.parse(text)
    except Exception:  # NluUnavailable, or a bug or surprise: it must not cost the message
        return unavailable(text)
    return with_safety_net(result)


def with_safety_net(result: ParseResult) -> ParseResult:
    """Crisis detection never depends on the top intent's confidence alone."""
    if result.intent != CRISIS and result.score(CRISIS) >= CRISIS_SECOND_OPINION:
        return ParseResult(result.text, CRISIS, result.score(CRISIS), result.ranking,
                           result.entities, "safety_net")  # fmt: skip
    return result


def unavailable(text: str) -> ParseResult:
    """No model answer: the bot offers the menu (a crisis was already caught above)."""
    return ParseResult(text, FALLBACK_INTENT, 0.0, source="unavailable")
