"""The Twilio channel adapter, table by table: Twilio's wire format in, neutral values out."""

import base64
import hashlib
import hmac

import pytest

from bot.messaging.channels.twilio import (
    MAX_BODY_CHARS,
    BadRequest,
    classify,
    parse_inbound,
    parse_status,
    signature_valid,
    to_twilio,
    twilio_address,
)
from bot.messaging.ports import LIFECYCLE, DeliveryUpdate
from bot.phones import Address, InvalidNumber

SID = "SM" + "a" * 32
BSUID = "US.13491208655302741918"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+18765551234", Address("+18765551234", "sms", "JM")),
        ("whatsapp:+50937001234", Address("+50937001234", "whatsapp", "HT")),
        ("WhatsApp:+1 876 555 1234", Address("+18765551234", "whatsapp", "JM")),
        ("WHATSAPP: +1 (876) 555-1234", Address("+18765551234", "whatsapp", "JM")),
        ("whatsapp:18095551234", Address("+18095551234", "whatsapp", "DO")),
        (f"whatsapp:{BSUID}", Address(BSUID, "whatsapp", "US")),
        ("  +18765551234\n", Address("+18765551234", "sms", "JM")),
    ],
    ids=repr,
)
def test_twilio_addresses_are_read_with_their_channel(raw: str, expected: Address) -> None:
    assert twilio_address(raw) == expected


@pytest.mark.parametrize("raw", ["whatsapp:", "whatsapp:hello", BSUID, "sms:+18765551234", ""])
def test_what_is_not_a_twilio_address_is_refused(raw: str) -> None:
    with pytest.raises(InvalidNumber):
        twilio_address(raw)


@pytest.mark.parametrize(
    ("e164", "channel", "wire"),
    [
        ("+18765551234", "whatsapp", "whatsapp:+18765551234"),
        ("+18765551234", "sms", "+18765551234"),
        (BSUID, "whatsapp", f"whatsapp:{BSUID}"),
    ],
)
def test_an_address_goes_out_in_twilio_form_and_reads_back_the_same(
    e164: str, channel: str, wire: str
) -> None:
    assert to_twilio(e164, channel) == wire
    assert twilio_address(wire).e164 == e164 and twilio_address(wire).channel == channel


def _form(**fields: str) -> dict[str, str]:
    return {"MessageSid": SID, "From": "+18765551234", "To": "+18765550000", "Body": "hi"} | fields


def test_an_inbound_form_becomes_a_channel_neutral_message() -> None:
    message = parse_inbound(_form(From="whatsapp:+50937001234", Body="bonjou\x00", NumMedia="2",
                                  ProfileName="Jean", WaId="50937001234"))  # fmt: skip
    assert (message.channel, message.from_e164, message.body) == (
        "whatsapp",
        "+50937001234",
        "bonjou",
    )
    assert (message.num_media, message.profile_name, message.wa_id) == (2, "Jean", "50937001234")


def test_what_can_be_stored_is_kept_cut_to_fit() -> None:
    message = parse_inbound(_form(ProfileName="N" * 500, WaId="9" * 500, To="x" * 100))
    assert message.profile_name == "N" * 200 and message.wa_id is None
    assert len(message.to_address) == 64


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"MessageSid": ""}, "MessageSid is required"),
        ({"MessageSid": "SM\x00"}, "MessageSid contains a NUL byte"),
        ({"MessageSid": "S" * 65}, "MessageSid is longer than 64"),
        ({"From": "  "}, "From is required"),
        ({"From": "whatsapp:hello"}, "From is not a phone number"),
        ({"From": "+1876\x005551234"}, "From contains a NUL byte"),
        ({"Body": "x" * (MAX_BODY_CHARS + 1)}, "Body is longer than 1600"),
        ({"NumMedia": "-1"}, "NumMedia must be a whole number"),
        ({"NumMedia": "11"}, "NumMedia must be a whole number"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_an_inbound_form_we_cannot_take_names_the_field(fields: dict[str, str], error: str) -> None:
    with pytest.raises(BadRequest, match=error):
        parse_inbound(_form(**fields))


def _status(**fields: str) -> dict[str, str]:
    return {"MessageSid": SID, "MessageStatus": "delivered", "To": "+18765551234"} | fields


@pytest.mark.parametrize(
    ("fields", "hint", "expected"),
    [
        ({}, "", DeliveryUpdate(SID, "delivered", None, None, "+18765551234")),
        ({"MessageStatus": "SENT"}, "42", DeliveryUpdate(SID, "sent", None, 42, "+18765551234")),
        (
            {"MessageStatus": "undelivered", "ErrorCode": "21610"},
            "",
            DeliveryUpdate(SID, "undelivered", 21610, None, "+18765551234", stopped=True),
        ),
        (
            {"MessageStatus": "undelivered", "ErrorCode": "30003"},
            "",
            DeliveryUpdate(SID, "undelivered", 30003, None, "+18765551234", unreachable=True),
        ),
        (
            {"MessageStatus": "failed", "ErrorCode": "63018", "To": "whatsapp:+50937001234"},
            "",
            DeliveryUpdate(SID, "failed", 63018, None, "+50937001234", retry_later=True),
        ),
        (
            {"MessageStatus": "sent", "ErrorCode": "63018"},
            "",  # taken after all: no resend
            DeliveryUpdate(SID, "sent", 63018, None, "+18765551234"),
        ),
        ({"To": "nonsense"}, "x9", DeliveryUpdate(SID, "delivered", None, None, None)),
        ({"To": ""}, "12345678901", DeliveryUpdate(SID, "delivered", None, None, None)),
    ],
    ids=lambda v: str(v)[:40],
)
def test_a_status_callback_becomes_a_delivery_update(
    fields: dict[str, str], hint: str, expected: DeliveryUpdate
) -> None:
    assert parse_status(_status(**fields), hint) == expected


def test_an_empty_status_callback_has_nothing_to_record() -> None:
    assert parse_status({}) is None
    assert parse_status({"To": "+18765551234"}) is None


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"MessageSid": ""}, "MessageSid is required"),
        ({"MessageStatus": "exploded"}, "MessageStatus is not a known status"),
        ({"ErrorCode": "abc"}, "ErrorCode must be a number"),
        ({"ErrorCode": "1234567"}, "ErrorCode must be a number"),
    ],
)
def test_a_status_callback_we_cannot_read_names_the_field(
    fields: dict[str, str], error: str
) -> None:
    with pytest.raises(BadRequest, match=error):
        parse_status(_status(**fields))


def test_every_status_twilio_documents_is_known() -> None:
    documented = {"accepted", "scheduled", "queued", "sending", "sent", "delivered",
                  "undelivered", "failed", "read", "receiving", "received", "canceled",
                  "partially_delivered"}  # fmt: skip
    assert documented == set(LIFECYCLE)


@pytest.mark.parametrize(
    ("status", "code", "retryable", "ambiguous", "stopped"),
    [
        (429, None, True, False, False),
        (400, 20429, True, False, False),
        (400, 63018, True, False, False),
        (503, None, True, True, False),
        (500, 20500, True, True, False),
        (400, 21610, False, False, True),
        (400, 21211, False, False, False),
        (400, "not-a-code", False, False, False),
    ],
)
def test_api_errors_are_classified_for_the_outbox(
    status: int, code: object, retryable: bool, ambiguous: bool, stopped: bool
) -> None:
    error = classify(status, code, "the message")
    assert (error.retryable, error.ambiguous, error.stopped) == (retryable, ambiguous, stopped)
    assert error.code == (20429 if status == 429 and code is None else
                          code if isinstance(code, int) else None)  # fmt: skip


def _twilio_signature(token: str, url: str, form: dict[str, str]) -> str:
    """The signature as Twilio documents it: HMAC-SHA1 of the URL and the sorted fields."""
    payload = url + "".join(key + form[key] for key in sorted(form))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def test_only_a_request_signed_with_our_token_for_this_url_is_valid() -> None:
    url, form = "https://example.org/twilio/messages", _form()
    good = _twilio_signature("secret", url, form)
    assert signature_valid("secret", url, form, good)
    assert not signature_valid("other", url, form, good)
    assert not signature_valid("secret", url + "?x=1", form, good)
    assert not signature_valid("secret", url, form | {"Body": "changed"}, good)
    assert not signature_valid("", url, form, good)
    assert not signature_valid("secret", url, form, "")
