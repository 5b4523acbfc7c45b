"""The NLU training data and held-out file honour the intent contract and each other."""

import re
from collections import Counter
from pathlib import Path

import pytest

from flows.keywords import Keyword, match_keyword, normalise_word
from nlu.evaluate import CREOLES, VARIETIES, load_labelled
from nlu.examples import load_examples

REPO = Path(__file__).resolve().parents[2]
DATA = sorted((REPO / "nlu/rasa/data").glob("*.yml"))
HELDOUT = REPO / "nlu/eval/heldout.tsv"
DEV = REPO / "nlu/eval/dev.tsv"
CONTRACT = REPO / "nlu" / "intents.md"


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


HELD = load_labelled(HELDOUT)
DEVELOPMENT = load_labelled(DEV)


@pytest.mark.parametrize("path", [HELDOUT, DEV], ids=["heldout", "dev"])
def test_no_evaluation_message_is_in_the_training_data(path: Path) -> None:
    evaluation = {item.text.lower() for item in load_labelled(path)}
    leaked = sorted(text for _, text in TRAINING if text.lower() in evaluation)
    assert leaked == []


def test_the_held_out_and_dev_files_share_no_message() -> None:
    assert {i.text.lower() for i in HELD} & {i.text.lower() for i in DEVELOPMENT} == set()


def test_training_examples_are_unique_and_never_one_label_for_two_intents() -> None:
    counts = Counter(text.lower() for _, text in TRAINING)
    assert [text for text, n in counts.items() if n > 1] == []


def test_no_example_is_a_lone_keyword_the_bot_answers_before_nlu() -> None:
    examples = TRAINING + [(i.intent, i.text) for i in [*HELD, *DEVELOPMENT]]
    answered_first = (Keyword.STOP, Keyword.HELP, None)
    found = [text for _, text in examples if (match := match_keyword(text)) is not None
             and (match.keyword in answered_first or normalise_word(text) != "YES")]  # fmt: skip
    assert found == []


def test_every_change_language_example_names_the_language() -> None:
    lines = [line for path in DATA for line in _intent_lines(path, "change_language")]
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


def test_the_held_out_file_covers_every_intent_at_least_ten_times() -> None:
    counts = Counter(item.intent for item in HELD)
    assert len(HELD) >= 400
    assert set(counts) == set(contract_intents())
    assert min(counts.values()) >= 10


def test_the_held_out_file_is_at_least_40_percent_creole_with_60_traps() -> None:
    creole = sum(item.variety in CREOLES for item in HELD)
    traps = [item for item in HELD if item.trap]
    assert creole / len(HELD) >= 0.40
    assert len(traps) >= 60
    assert all(item.intent != "crisis" for item in traps)
    assert {item.variety for item in [*HELD, *DEVELOPMENT]} <= VARIETIES


def test_the_pipeline_needs_no_downloads_and_sets_a_language() -> None:
    config = (REPO / "nlu/rasa/config.yml").read_text()
    for component in ("WhitespaceTokenizer", "CountVectorsFeaturizer", "char_wb",
                      "FallbackClassifier"):  # fmt: skip
        assert component in config
    assert re.search(r"^language: \w+", config, flags=re.M)
    assert "Spacy" not in config and "HFTransformers" not in config
