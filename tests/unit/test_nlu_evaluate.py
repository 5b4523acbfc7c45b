"""The evaluation's arithmetic: full-stack scores, calibration, threshold curve, folds."""

from pathlib import Path

import pytest

from nlu.client import IntentScore, ParseResult
from nlu.evaluate import (
    Labelled,
    ThresholdRow,
    calibration,
    choose_threshold,
    folds,
    load_labelled,
    macro_f1,
    outcomes,
    scores,
    threshold_curve,
)


def answer(text: str, *scores: tuple[str, float]) -> ParseResult:
    ranking = tuple(IntentScore(name, confidence) for name, confidence in scores)
    return ParseResult(text, ranking[0].name, ranking[0].confidence, ranking)


def item(intent: str, text: str, trap: bool = False, variety: str = "jam") -> Labelled:
    return Labelled(intent, variety, trap, text)


def test_macro_f1_averages_each_labelled_intents_f1() -> None:
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
    # a: precision 1, recall 0.5 -> 2/3; b: precision 2/3, recall 1 -> 0.8
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 0.8) / 2)


def test_scores_count_crisis_recall_false_alarms_and_traps_through_the_full_stack() -> None:
    items = [
        item("crisis", "they beat me last night"),  # the lexicon catches it
        item("crisis", "everything is dark now"),  # the model's vote catches it
        item("ask_job", "i need a job"),
        item("ask_health", "dying of hunger, is there food", trap=True),
        item("out_of_scope", "who won the match", variety="en"),
    ]
    parses = [
        answer(items[0].text, ("greet", 0.9)),
        answer(items[1].text, ("checkin_struggling", 0.6), ("crisis", 0.4)),
        answer(items[2].text, ("ask_job", 0.9)),
        answer(items[3].text, ("ask_health", 0.7), ("crisis", 0.2)),
        answer(items[4].text, ("crisis", 0.6), ("out_of_scope", 0.4)),
    ]
    figures = scores(outcomes(items, parses, threshold=0.35))
    assert figures["crisis_recall"] == 1.0
    assert figures["false_alarm_count"] == 1  # "who won the match" at 0.6
    assert figures["false_alarms"] == pytest.approx(1 / 3)
    assert figures["trap_false_alarms"] == 0.0
    assert figures["accuracy"] == pytest.approx(4 / 5)
    assert figures["creole_share"] == pytest.approx(4 / 5)


def test_the_fallback_counts_as_out_of_scope_as_the_contract_says() -> None:
    items = [item("out_of_scope", "blah blah")]
    figures = scores(outcomes(items, [answer("blah blah", ("nlu_fallback", 0.4))]))
    assert figures["accuracy"] == 1.0


def test_calibration_reports_confident_wrong_answers() -> None:
    items = [item("ask_job", "a"), item("ask_job", "b"), item("greet", "c")]
    parses = [answer("a", ("ask_job", 0.95)), answer("b", ("greet", 1.0)),
              answer("c", ("greet", 0.55))]  # fmt: skip
    cal = calibration(outcomes(items, parses))
    assert (cal.wrong, cal.wrong_at_one, cal.max_wrong_confidence) == (1, 1, 1.0)
    # bin 0.9-1.0: two answers, half right, mean confidence 0.975; bin 0.5-0.6: one, right
    assert cal.ece == pytest.approx(2 / 3 * abs(0.5 - 0.975) + 1 / 3 * abs(1 - 0.55))


def test_the_chosen_threshold_is_the_highest_at_which_the_model_alone_keeps_its_recall() -> None:
    curve = [ThresholdRow(0.1, 0.99, 1.0, 0.08), ThresholdRow(0.2, 0.93, 1.0, 0.03),
             ThresholdRow(0.3, 0.88, 1.0, 0.01), ThresholdRow(0.4, 0.80, 1.0, 0.005)]  # fmt: skip
    assert choose_threshold(curve).threshold == 0.2
    assert choose_threshold(curve, model_recall=0.8).threshold == 0.4


def test_the_curve_counts_the_lexicon_and_the_models_vote() -> None:
    items = [item("crisis", "everything is dark"), item("ask_job", "need work"),
             item("crisis", "they beat me last night")]  # fmt: skip
    parses = [answer("x", ("checkin_struggling", 0.55), ("crisis", 0.45)),
              answer("y", ("ask_job", 0.7), ("crisis", 0.3)),
              answer("z", ("greet", 0.9), ("crisis", 0.01))]  # fmt: skip
    curve = threshold_curve(items, parses)
    at = {round(r.threshold, 2): r for r in curve}
    assert (at[0.3].stack_recall, at[0.3].false_alarms) == (1.0, 1.0)
    assert (at[0.31].stack_recall, at[0.31].false_alarms) == (1.0, 0.0)
    assert (at[0.46].stack_recall, at[0.46].model_recall) == (0.5, 0.0)


def test_with_no_threshold_meeting_the_recall_the_lowest_is_chosen() -> None:
    curve = [ThresholdRow(0.01, 0.8, 0.9, 0.5), ThresholdRow(0.02, 0.7, 0.8, 0.4)]
    assert choose_threshold(curve).threshold == 0.01


def test_folds_deal_each_intent_round_robin_so_every_fold_sees_every_intent() -> None:
    items = [item("a", str(n)) for n in range(10)] + [item("b", f"b{n}") for n in range(5)]
    dealt = folds(items, 5)
    assert sorted(i for fold in dealt for i in fold) == list(range(15))
    assert all({items[i].intent for i in fold} == {"a", "b"} for fold in dealt)


def test_a_labelled_file_is_read_with_its_variety_and_trap_mark(tmp_path: Path) -> None:
    path = tmp_path / "eval.tsv"
    path.write_text('intent\tvariety\ttrap\ttext\nask_job\tjam\tyes\tmi "hungry" like dead\n')
    assert load_labelled(path) == [Labelled("ask_job", "jam", True, 'mi "hungry" like dead')]
