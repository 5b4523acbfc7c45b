"""Caseworker SMS commands: `ACK <code>` and `DONE <code>`, typed any way a phone allows."""

import re
from dataclasses import dataclass

# Alert codes: 5 characters without 0/O or 1/I/L, so they read aloud and type unambiguously.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5
_COMMAND = re.compile(
    rf"^\s*(ACK|OK|DONE|RESOLVE[D]?)\b[\s:#.,-]*([{CODE_ALPHABET}]{{{CODE_LENGTH}}})\s*[.!]*\s*$"
)
_VERBS = {"ACK": "ack", "OK": "ack", "DONE": "done", "RESOLVE": "done", "RESOLVED": "done"}


@dataclass(frozen=True)
class Command:
    """What a caseworker asked for, and the alert code."""

    verb: str  # ack|done
    code: str


def parse_command(body: str) -> Command | None:
    """`ack k7qf2`, `ACK: K7QF2`, `Done #K7QF2` -> Command; anything else -> None."""
    match = _COMMAND.match(body.upper())
    if match is None:
        return None
    return Command(_VERBS[match[1]], match[2])


def normalise_code(body: str) -> str:
    """A registration code as typed (spaces, dashes, lower case) in its stored form."""
    return re.sub(r"[\s\-.]", "", body).upper()
