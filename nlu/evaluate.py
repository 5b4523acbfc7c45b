"""Scoring the full stack on labelled messages: accuracy, crisis safety, calibration.

Pure functions over parses that were already made (by the real server, or by a model
loaded in the Rasa environment for a cross-validation fold); `bench/nlu_pipelines.py`
and `make nlu-eval` run them.
"""

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nlu.client import FALLBACK_INTENT, ParseResult
from nlu.understand import CRISIS, CRISIS_THRESHOLD, NEVER, understand

CREOLES = frozenset({"jam", "guy", "bajan", "trini", "bahamian", "ht"})
VARIETIES = frozenset({*CREOLES, "en", "es", "fr", "mixed"})
OUT_OF_SCOPE = "out_of_scope"
MODEL_RECALL = 0.9  # the share of unseen crisis messages the model's vote alone must find


@dataclass(frozen=True)
class Labelled:
    """One evaluation message: its intent, language variety, whether it is a trap
    (crisis-looking words in a message that is not a crisis), and the text."""

    intent: str
    variety: str
    trap: bool
    text: str


def load_labelled(path: Path) -> list[Labelled]:
    """The rows of a tab-separated file with the header intent, variety, trap, text."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Labelled(r["intent"], r["variety"], r["trap"] == "yes", r["text"]) for r in rows]


def bot_intent(intent: str) -> str:
    """What the bot acts on: the fallback is treated like out_of_scope (the contract)."""
    return OUT_OF_SCOPE if intent == FALLBACK_INTENT else intent


class _Answered:
    """A parser that hands back a parse made earlier (the model's own answer)."""

    def __init__(self, result: ParseResult | None) -> None:
        self.result = result

    def parse(self, text: str) -> ParseResult:
        if self.result is None:
            raise LookupError("no model answer for this message")
        return self.result


def full_stack(text: str, model: ParseResult | None, threshold: float | None = None) -> ParseResult:
    """`understand()` on a message whose model answer is already known."""
    return understand(text, _Answered(model), CRISIS_THRESHOLD if threshold is None else threshold)


@dataclass(frozen=True)
class Outcome:
    """A labelled message, the model's own answer and the full stack's decision."""

    item: Labelled
    model: ParseResult
    stack: ParseResult

    @property
    def right(self) -> bool:
        """The full stack chose the labelled intent."""
        return bot_intent(self.stack.intent) == self.item.intent


def outcomes(
    items: Sequence[Labelled], parses: Sequence[ParseResult], threshold: float | None = None
) -> list[Outcome]:
    """Pair each labelled message with its model parse and the full stack's decision."""
    return [
        Outcome(item, parse, full_stack(item.text, parse, threshold))
        for item, parse in zip(items, parses, strict=True)
    ]


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """Macro-averaged F1 over the labelled intents, from (gold, predicted) pairs."""
    pairs = list(pairs)
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    right = Counter(g for g, p in pairs if g == p)
    f1s = []
    for intent in gold:
        precision = _share(right[intent], predicted[intent])
        recall = _share(right[intent], gold[intent])
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def scores(results: Sequence[Outcome]) -> dict[str, float]:
    """Accuracy and macro F1 (model alone and full stack), crisis recall and false alarms."""
    crisis = [r for r in results if r.item.intent == CRISIS]
    others = [r for r in results if r.item.intent != CRISIS]
    traps = [r for r in others if r.item.trap]
    creole = [r for r in results if r.item.variety in CREOLES]
    alarmed = [r for r in others if r.stack.intent == CRISIS]
    return {
        "messages": len(results),
        "model_accuracy": _share(sum(_model_right(r) for r in results), len(results)),
        "model_macro_f1": macro_f1((r.item.intent, bot_intent(r.model.intent)) for r in results),
        "accuracy": _share(sum(r.right for r in results), len(results)),
        "macro_f1": macro_f1((r.item.intent, bot_intent(r.stack.intent)) for r in results),
        "crisis_messages": len(crisis),
        "crisis_recall": _share(sum(r.stack.intent == CRISIS for r in crisis), len(crisis)),
        "false_alarms": _share(len(alarmed), len(others)),
        "false_alarm_count": len(alarmed),
        "non_crisis_messages": len(others),
        "trap_messages": len(traps),
        "trap_false_alarms": _share(sum(r.stack.intent == CRISIS for r in traps), len(traps)),
        "creole_share": _share(len(creole), len(results)),
        "creole_accuracy": _share(sum(r.right for r in creole), len(creole)),
    }


def _model_right(result: Outcome) -> bool:
    return bot_intent(result.model.intent) == result.item.intent


def by_variety(results: Sequence[Outcome]) -> dict[str, tuple[int, float]]:
    """Full-stack accuracy per language variety: (messages, accuracy)."""
    groups: dict[str, list[Outcome]] = {}
    for result in results:
        groups.setdefault(result.item.variety, []).append(result)
    return {
        variety: (len(group), _share(sum(r.right for r in group), len(group)))
        for variety, group in sorted(groups.items())
    }


@dataclass(frozen=True)
class Calibration:
    """How far the model's confidence can be trusted: expected calibration error over
    equal-width bins, and the confidences it gave to wrong answers."""

    ece: float
    wrong: int
    wrong_at_one: int  # wrong answers given confidence >= 0.999
    max_wrong_confidence: float
    bins: tuple[tuple[float, float, int, float], ...]  # (low, high, count, accuracy)


def calibration(results: Sequence[Outcome], bins: int = 10) -> Calibration:
    """Calibration of the model's own top answer (its confidence against being right)."""
    points = [(r.model.confidence, _model_right(r)) for r in results]
    table = []
    ece = 0.0
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        inside = [(c, ok) for c, ok in points if low <= c < high or (index == bins - 1 and c == 1)]
        if not inside:
            continue
        accuracy = sum(ok for _, ok in inside) / len(inside)
        confidence = sum(c for c, _ in inside) / len(inside)
        ece += len(inside) / len(points) * abs(accuracy - confidence)
        table.append((low, high, len(inside), accuracy))
    wrong = [c for c, ok in points if not ok]
    return Calibration(
        ece, len(wrong), sum(c >= 0.999 for c in wrong), max(wrong, default=0.0), tuple(table)
    )


@dataclass(frozen=True)
class ThresholdRow:
    """Crisis safety if the model's crisis vote counted from `threshold` upwards."""

    threshold: float
    model_recall: float  # crisis messages whose model crisis score reaches the threshold
    stack_recall: float  # with the lexicon in front
    false_alarms: float  # non-crisis messages the full stack would call a crisis


def threshold_curve(
    items: Sequence[Labelled], parses: Sequence[ParseResult], steps: int = 100
) -> list[ThresholdRow]:
    """Crisis recall and false alarms of the full stack for every threshold 0.01..1.00."""
    # Once per message: is it a crisis without the model's vote (the lexicon), and may the
    # vote count at all (not a digit or keyword, not a message that denies danger)?
    votes = []
    for item, parse in zip(items, parses, strict=True):
        fixed = full_stack(item.text, parse, threshold=NEVER)
        eligible = fixed.source not in ("rule", "lexicon") and not fixed.retracts
        votes.append((item.intent == CRISIS, fixed.intent == CRISIS, eligible, parse.score(CRISIS)))
    crisis = [v for v in votes if v[0]]
    others = [v for v in votes if not v[0]]
    rows = []
    for step in range(1, steps + 1):
        threshold = step / steps

        def alarmed(vote: tuple[bool, bool, bool, float], at: float = threshold) -> bool:
            return vote[1] or (vote[2] and vote[3] >= at)

        rows.append(ThresholdRow(
            threshold,
            _share(sum(v[3] >= threshold for v in crisis), len(crisis)),
            _share(sum(alarmed(v) for v in crisis), len(crisis)),
            _share(sum(alarmed(v) for v in others), len(others)),
        ))  # fmt: skip
    return rows


def choose_threshold(
    curve: Sequence[ThresholdRow], model_recall: float = MODEL_RECALL
) -> ThresholdRow:
    """The crisis vote's threshold: the highest (fewest false alarms) at which the model alone
    still finds `model_recall` of the crisis messages it was not trained on.

    The full stack's recall cannot choose it: the lexicon is written from the training data,
    so on cross-validation it catches every crisis whatever the threshold. The model's vote
    is the layer for phrasings nobody wrote a pattern for; its recall on unseen messages is
    what the threshold must keep."""
    meeting = [row for row in curve if row.model_recall >= model_recall - 1e-9]
    return max(meeting, key=lambda row: row.threshold) if meeting else curve[0]


def folds(items: Sequence[Labelled], count: int = 5) -> list[list[int]]:
    """Stratified folds of item indexes: each intent dealt round-robin, in file order."""
    dealt: list[list[int]] = [[] for _ in range(count)]
    seen: Counter[str] = Counter()
    for index, item in enumerate(items):
        dealt[seen[item.intent] % count].append(index)
        seen[item.intent] += 1
    return dealt


def summary_line(figures: dict[str, float]) -> str:
    """The headline figures on one line."""
    return (
        f"accuracy {figures['accuracy']:.3f} (model alone {figures['model_accuracy']:.3f}), "
        f"macro F1 {figures['macro_f1']:.3f}, crisis recall {figures['crisis_recall']:.3f} "
        f"({figures['crisis_messages']:.0f}), false alarms {figures['false_alarms']:.2%} "
        f"({figures['false_alarm_count']:.0f} of {figures['non_crisis_messages']:.0f}; traps "
        f"{figures['trap_false_alarms']:.2%} of {figures['trap_messages']:.0f})"
    )
