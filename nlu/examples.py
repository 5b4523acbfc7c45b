"""Read Rasa NLU example files (the simple YAML form we write) without a YAML library."""

import re
from pathlib import Path

_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def plain_text(example: str) -> str:
    """The message as a returnee typed it: entity markup removed."""
    return _ENTITY.sub(r"\1", example).strip()


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) for every example in one NLU file, in file order."""
    pairs: list[tuple[str, str]] = []
    intent: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^- intent:\s*(\S+)", line)
        if header:
            intent = header.group(1)
        elif intent and line.startswith("    - "):
            pairs.append((intent, plain_text(line[6:])))
    return pairs
