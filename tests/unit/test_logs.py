"""Structured logs never carry message bodies or full phone numbers."""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from bot.logs import configure_logging, get_logger, redact

NUMBER = "+18765551234"
HAITI = "+50937001234"
BODY = "I was deported last week and need my birth certificate"


@pytest.mark.parametrize("key", ["body", "Body", "text", "message_body"])
def test_redact_replaces_a_body_field(key: str) -> None:
    assert redact(None, "info", {"event": "x", key: BODY}) == {"event": "x", key: "[redacted]"}


@pytest.mark.parametrize("value", [BODY, "", None, 42, {"nested": BODY}], ids=repr)
def test_redact_replaces_a_body_whatever_its_type(value: Any) -> None:
    assert redact(None, "info", {"body": value})["body"] == "[redacted]"


PHONE_KEYS = ["to", "from_", "number", "phone", "e164", "from_number", "to_number"]


@pytest.mark.parametrize("key", PHONE_KEYS)
@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (NUMBER, "+1876*****34"),
        ("whatsapp:" + NUMBER, "+1876*****34"),
        ("whatsapp:" + HAITI, "+5093*****34"),
    ],
    ids=["sms", "whatsapp-jamaica", "whatsapp-haiti"],
)
def test_redact_masks_a_phone_field(key: str, value: str, masked: str) -> None:
    redacted = redact(None, "info", {key: value})
    assert redacted == {key: masked}
    assert "5551" not in redacted[key]
    assert "7001" not in redacted[key]


def test_redact_leaves_other_fields_alone() -> None:
    event = {"event": "outbox.sent", "message_id": 7, "sid": "SM" + "0" * 32, "purpose": "help"}
    assert redact(None, "info", dict(event)) == event


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """The logging set-up as it was before the test, back after it.

    Tests call configure_logging themselves: the stderr capsys captures is only in place
    during the test body, and configure_logging binds the sys.stderr of the moment."""
    structlog_config = structlog.get_config()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    structlog.contextvars.clear_contextvars()
    structlog.configure(**structlog_config)
    root.handlers[:] = handlers
    root.setLevel(level)


def json_lines(stderr: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stderr.splitlines() if line.strip()]


def assert_private(output: str) -> None:
    for secret in ("18765551234", "50937001234", "8765551234", "5551234", BODY, "birth"):
        assert secret not in output


def test_a_logged_event_is_one_json_line_without_the_body_or_full_numbers(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    get_logger("webhook").info(
        "webhook.inbound", body=BODY, number=NUMBER, to="whatsapp:" + HAITI, inbound_id=3
    )

    stderr = capsys.readouterr().err
    assert_private(stderr)
    [line] = json_lines(stderr)
    assert line["event"] == "webhook.inbound"
    assert line["component"] == "webhook"
    assert line["level"] == "info"
    assert line["body"] == "[redacted]"
    assert line["number"] == "+1876*****34"
    assert line["to"] == "+5093*****34"
    assert line["inbound_id"] == 3


def test_bound_and_context_values_are_redacted_too(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    structlog.contextvars.bind_contextvars(from_=NUMBER)
    get_logger("outbox").bind(phone="whatsapp:" + HAITI, Body=BODY).warning("outbox.send_failed")

    stderr = capsys.readouterr().err
    assert_private(stderr)
    [line] = json_lines(stderr)
    assert line["from_"] == "+1876*****34"
    assert line["phone"] == "+5093*****34"
    assert line["Body"] == "[redacted]"
    assert line["level"] == "warning"


def test_debug_events_are_filtered_out_at_info_level(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    log = get_logger("clock")
    log.debug("clock.tick", number=NUMBER)
    log.info("clock.started")

    [line] = json_lines(capsys.readouterr().err)
    assert line["event"] == "clock.started"
