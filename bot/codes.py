"""Short codes people read aloud and type on a keypad: alert codes and registration codes."""

import secrets
from collections.abc import Callable

from flows.commands import CODE_ALPHABET


def unique_code(prefix: str, length: int, taken: Callable[[str], bool]) -> str:
    """`prefix` and `length` random characters without 0/O or 1/I/L, not yet `taken`."""
    while True:
        code = prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if not taken(code):
            return code
