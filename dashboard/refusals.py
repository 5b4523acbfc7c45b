"""Texts of other modules (refusals with %(name)s parts) matched back to their catalog ids,
so a page can say them in its own language."""

import re

Patterns = list[tuple[re.Pattern[str], str]]


def patterns_of(messages: tuple[str, ...]) -> Patterns:
    """Each message of another module with its %(name)s parts as named groups."""
    return [
        (re.compile("".join(f"(?P<{part[2:-2]}>.+?)" if part.startswith("%(") else re.escape(part)
                            for part in re.split(r"(%\(\w+\)s)", message))), message)
        for message in messages
    ]  # fmt: skip
