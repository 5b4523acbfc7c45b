"""Summarise `rasa test nlu` results: per-intent figures, confusions, crisis safety.

Usage: python -m nlu.report nlu/results   (run by `make nlu-eval`)
"""

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlu.client import ParseResult
from nlu.lexicon import match_crisis
from nlu.rules import match_rule

CRISIS = "crisis"


@dataclass(frozen=True)
class Prediction:
    """One test message: its label and what the model (and the full stack) predicted."""

    text: str
    gold: str
    model: str

    @property
    def stacked(self) -> str:
        """The intent after the crisis lexicon and the exact rules, as the bot decides it."""
        if match_crisis(self.text):
            return CRISIS
        rule: ParseResult | None = match_rule(self.text)
        return rule.intent if rule else self.model


def load_predictions(folder: Path) -> list[Prediction]:
    """Every test message, from Rasa's successes and errors files."""
    rows: list[Any] = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = folder / name
        if path.exists():
            rows += json.loads(path.read_text())
    return [Prediction(r["text"], r["intent"], r["intent_prediction"]["name"]) for r in rows]


def crisis_safety(predictions: list[Prediction]) -> dict[str, float]:
    """Crisis recall and false-alarm rate, for the model alone and for the full stack."""
    crisis = [p for p in predictions if p.gold == CRISIS]
    other = [p for p in predictions if p.gold != CRISIS]
    figures: dict[str, float] = {}
    for label, pick in (("model", lambda p: p.model), ("stack", lambda p: p.stacked)):
        figures[f"{label}_crisis_recall"] = _share(crisis, lambda p, f=pick: f(p) == CRISIS)
        figures[f"{label}_false_alarms"] = _share(other, lambda p, f=pick: f(p) == CRISIS)
        figures[f"{label}_accuracy"] = _share(predictions, lambda p, f=pick: f(p) == p.gold)
    return figures


def _share(items: list[Prediction], test: Any) -> float:
    return sum(1 for item in items if test(item)) / len(items) if items else 0.0


def confusion_pairs(predictions: list[Prediction], top: int = 12) -> list[tuple[str, str, int]]:
    """The most frequent (label, predicted) mistakes of the model."""
    pairs = Counter((p.gold, p.model) for p in predictions if p.gold != p.model)
    return [(gold, got, n) for (gold, got), n in pairs.most_common(top)]


def per_intent_table(report: dict[str, Any]) -> list[str]:
    """Lines of precision / recall / F1 / support per intent."""
    lines = [f"{'intent':28} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}"]
    for intent, row in sorted(report.items()):
        if isinstance(row, dict) and "precision" in row and "avg" not in intent:
            lines.append(f"{intent:28} {row['precision']:6.3f} {row['recall']:6.3f} "
                         f"{row['f1-score']:6.3f} {row['support']:5d}")  # fmt: skip
    return lines


def summarise(folder: Path, title: str) -> dict[str, Any]:
    """Print and return the figures of one result folder."""
    report = json.loads((folder / "intent_report.json").read_text())
    predictions = load_predictions(folder)
    print(f"\n== {title} ({len(predictions)} messages) ==")
    print("\n".join(per_intent_table(report)))
    print(f"accuracy {report.get('accuracy', 0):.3f}  "
          f"macro F1 {report['macro avg']['f1-score']:.3f}")  # fmt: skip
    safety = crisis_safety(predictions)
    print(
        "crisis, model alone: recall {model_crisis_recall:.3f}, false alarms "
        "{model_false_alarms:.3%}; with lexicon and rules: recall {stack_crisis_recall:.3f}, "
        "false alarms {stack_false_alarms:.3%}, accuracy {stack_accuracy:.3f}".format(**safety)
    )
    print("most frequent confusions (label -> predicted: count):")
    for gold, got, count in confusion_pairs(predictions):
        print(f"  {gold} -> {got}: {count}")
    return {"accuracy": report.get("accuracy"), "macro_f1": report["macro avg"]["f1-score"],
            **safety, "confusions": confusion_pairs(predictions)}  # fmt: skip


def main(argv: list[str]) -> int:
    """Summarise the held-out and cross-validation folders under the given results folder."""
    root = Path(argv[1] if len(argv) > 1 else "nlu/results")
    summary = {
        name: summarise(root / name, title)
        for name, title in (("heldout", "held-out test file"), ("cross-validation", "5-fold CV"))
        if (root / name / "intent_report.json").exists()
    }
    (root / "summary.json").write_text(json.dumps(summary, indent=2))
    print(f"\nreports: {root}/*/intent_report.json, summary: {root}/summary.json")
    return 0 if summary else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
