"""Caseworker commands: ACK and DONE with an alert code, typed any way a phone allows."""

import pytest

from flows.commands import Command, normalise_code, parse_command


@pytest.mark.parametrize(
    ("body", "verb", "code"),
    [
        ("ACK K7QF2", "ack", "K7QF2"),
        ("ack k7qf2", "ack", "K7QF2"),
        ("ACK: K7QF2", "ack", "K7QF2"),
        ("ACK-K7QF2", "ack", "K7QF2"),
        ("  Ack   K7QF2  ", "ack", "K7QF2"),
        ("ACK\nK7QF2", "ack", "K7QF2"),
        ("ok k7qf2", "ack", "K7QF2"),
        ("ACK K7QF2!!", "ack", "K7QF2"),
        ("Done #K7QF2", "done", "K7QF2"),
        ("done, k7qf2", "done", "K7QF2"),
        ("resolve K7QF2", "done", "K7QF2"),
        ("resolved K7QF2.", "done", "K7QF2"),
    ],
    ids=repr,
)
def test_a_command_is_read_whatever_the_case_and_punctuation(
    body: str, verb: str, code: str
) -> None:
    assert parse_command(body) == Command(verb, code)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "ACK",
        "hello",
        "ACK K7QF2 please",
        "ACKK7QF2",
        "ACKNOWLEDGE K7QF2",
        "OKAY K7QF2",
        "ACK K7Q",
        "ACK K7QF2XYZW",
        "ACK K7QF2 K7QF3",
        "please ACK K7QF2",
        "ok thanks",
        "Done, thanks!",
    ],
    ids=repr,
)
def test_a_message_that_is_not_clearly_a_command_is_not_one(body: str) -> None:
    assert parse_command(body) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("k7qf2", "K7QF2"),
        (" K7QF2 ", "K7QF2"),
        ("k7qf-2", "K7QF2"),
        ("K7 QF 2.", "K7QF2"),
        ("k7.qf.2", "K7QF2"),
        ("\tk7qf2\n", "K7QF2"),
        ("", ""),
    ],
    ids=repr,
)
def test_a_registration_code_is_normalised_as_typed(typed: str, stored: str) -> None:
    assert normalise_code(typed) == stored
