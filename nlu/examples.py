"""Read Rasa NLU example files (the simple YAML form we write) without a YAML library."""

import re
from collections.abc import Iterable
from pathlib import Path

_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def plain_text(example: str) -> str:
    """The message as a returnee typed it: entity markup removed."""
    return _ENTITY.sub(r"\1", example).strip()


def load_marked(path: Path) -> list[tuple[str, str]]:
    """(intent, example with its entity markup) for every example in one NLU file."""
    pairs: list[tuple[str, str]] = []
    intent: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^- intent:\s*(\S+)", line)
        if header:
            intent = header.group(1)
        elif intent and line.startswith("    - "):
            pairs.append((intent, line[6:].strip()))
    return pairs


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) for every example in one NLU file, in file order."""
    return [(intent, plain_text(example)) for intent, example in load_marked(path)]


def nlu_yaml(pairs: Iterable[tuple[str, str]]) -> str:
    """A Rasa NLU training file holding these (intent, marked example) pairs."""
    by_intent: dict[str, list[str]] = {}
    for intent, example in pairs:
        by_intent.setdefault(intent, []).append(example)
    lines = ['version: "3.1"', "nlu:"]
    for intent, examples in by_intent.items():
        lines += [f"- intent: {intent}", "  examples: |", *(f"    - {e}" for e in examples)]
    return "\n".join(lines) + "\n"
