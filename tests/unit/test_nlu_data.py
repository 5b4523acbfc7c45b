"""The NLU training data and held-out file honour the intent contract and each other."""

import re
from collections import Counter
from pathlib import Path

import pytest

from flows.keywords import Keyword, match_keyword, normalise_word
from nlu.examples import load_examples

REPO = Path(__file__).resolve().parents[2]
DATA = sorted((REPO / "nlu/rasa/data").glob("*.yml"))
HELDOUT = REPO / "nlu/eval/heldout.yml"
CONTRACT = REPO.parent / "shared" / "nlu-intents.md"


def contract_intents() -> list[str]:
    """The intent names of the shared contract table."""
    rows = re.findall(r"^\| ([a-z_]+) \|", CONTRACT.read_text(), flags=re.M)
    return [name for name in rows if name != "intent"]


TRAINING = [pair for path in DATA for pair in load_examples(path)]


def test_the_contract_lists_24_intents_and_the_domain_declares_exactly_them() -> None:
    domain = (REPO / "nlu/rasa/domain.yml").read_text()
    declared = re.findall(r"^  - ([a-z_]+)$", domain.split("entities:")[0], flags=re.M)
    assert len(contract_intents()) == 24
    assert sorted(declared) == sorted(contract_intents())


@pytest.mark.parametrize("intent", contract_intents())
def test_every_intent_has_at_least_30_training_examples(intent: str) -> None:
    count = sum(1 for name, _ in TRAINING if name == intent)
    assert count >= 30, f"{intent} has {count}"


def test_training_data_uses_no_intent_outside_the_contract() -> None:
    assert {name for name, _ in TRAINING} <= set(contract_intents())


def test_no_held_out_message_is_in_the_training_data() -> None:
    held = {text.lower() for _, text in load_examples(HELDOUT)}
    leaked = sorted(text for _, text in TRAINING if text.lower() in held)
    assert leaked == []


def test_training_examples_are_unique_and_never_one_label_for_two_intents() -> None:
    counts = Counter(text.lower() for _, text in TRAINING)
    assert [text for text, n in counts.items() if n > 1] == []


def test_no_example_is_a_lone_keyword_the_bot_answers_before_nlu() -> None:
    examples = TRAINING + load_examples(HELDOUT)
    answered_first = (Keyword.STOP, Keyword.HELP, None)
    found = [text for _, text in examples if (match := match_keyword(text)) is not None
             and (match.keyword in answered_first or normalise_word(text) != "YES")]  # fmt: skip
    assert found == []


def test_every_change_language_example_names_the_language() -> None:
    lines = [line for path in [*DATA, HELDOUT] for line in _intent_lines(path, "change_language")]
    assert lines
    values = [re.findall(r"\(language:(\w+)\)|\"value\": \"(\w+)\"", line) for line in lines]
    missing = [line for line, found in zip(lines, values, strict=True) if not found]
    assert missing == []
    codes = {code for found in values for pair in found for code in pair if code}
    assert codes == {"en", "es", "fr", "ht"}


def _intent_lines(path: Path, intent: str) -> list[str]:
    text = path.read_text()
    block = re.search(rf"- intent: {intent}\n  examples: \|\n((?:    - .*\n?)+)", text)
    return block.group(1).splitlines() if block else []


def test_the_held_out_file_has_150_messages_or_more_covering_every_intent() -> None:
    held = load_examples(HELDOUT)
    assert len(held) >= 150
    assert {name for name, _ in held} == set(contract_intents())


def test_the_pipeline_needs_no_downloads_and_sets_a_language() -> None:
    config = (REPO / "nlu/rasa/config.yml").read_text()
    for component in ("WhitespaceTokenizer", "CountVectorsFeaturizer", "char_wb",
                      "DIETClassifier", "FallbackClassifier"):  # fmt: skip
        assert component in config
    assert re.search(r"^language: \w+", config, flags=re.M)
    assert "Spacy" not in config and "HFTransformers" not in config
