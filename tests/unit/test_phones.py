"""Addresses (numbers and WhatsApp user IDs), and masking numbers for logs."""

import pytest

from bot.phones import Address, InvalidNumber, mask, parse_address, region_of


@pytest.mark.parametrize(
    ("raw", "channel", "expected"),
    [
        ("+18765551234", "sms", Address("+18765551234", "sms", "JM")),
        ("+50937001234", "whatsapp", Address("+50937001234", "whatsapp", "HT")),
        ("+1 876 555 1234", "whatsapp", Address("+18765551234", "whatsapp", "JM")),
        (" +1 (876) 555-1234", "sms", Address("+18765551234", "sms", "JM")),
        ("18765551234", "sms", Address("+18765551234", "sms", "JM")),
        ("18095551234", "whatsapp", Address("+18095551234", "whatsapp", "DO")),
        ("  +18765551234\n", "sms", Address("+18765551234", "sms", "JM")),
        ("+1 868 555 0101", "sms", Address("+18685550101", "sms", "TT")),
        (
            "US.13491208655302741918",
            "whatsapp",
            Address("US.13491208655302741918", "whatsapp", "US"),
        ),
        (
            "JM.ENT.11815799212886844830",
            "whatsapp",
            Address("JM.ENT.11815799212886844830", "whatsapp", "JM"),
        ),
    ],
    ids=repr,
)
def test_an_address_is_parsed_to_e164_channel_and_region(
    raw: str, channel: str, expected: Address
) -> None:
    assert parse_address(raw, channel) == expected


@pytest.mark.parametrize(
    "raw", ["+12", "hello", "", "   ", "whatsapp:+18765551234", "+1876555123456789"], ids=repr
)
def test_something_that_is_not_a_possible_number_is_invalid(raw: str) -> None:
    with pytest.raises(InvalidNumber):
        parse_address(raw)


def test_a_whatsapp_user_id_is_only_an_address_on_whatsapp() -> None:
    with pytest.raises(InvalidNumber):
        parse_address("US.13491208655302741918", "sms")


def test_invalid_number_is_a_value_error() -> None:
    assert issubclass(InvalidNumber, ValueError)


@pytest.mark.parametrize(
    ("stored", "region"),
    [("+18765551234", "JM"), ("US.13491208655302741918", "US"), ("garbage", None)],
)
def test_the_region_of_a_stored_address(stored: str, region: str | None) -> None:
    assert region_of(stored) == region


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+18765551234", "+1876*****34"),
        ("+50937001234", "+5093*****34"),
        ("+18095551234", "+1809*****34"),
        ("+447700900123", "+4477******23"),
    ],
)
def test_mask_keeps_the_country_code_ish_prefix_and_the_last_two_digits(
    e164: str, masked: str
) -> None:
    assert mask(e164) == masked


@pytest.mark.parametrize("e164", ["+18765551234", "+50937001234", "+447700900123"])
def test_mask_never_shows_the_middle_digits(e164: str) -> None:
    masked = mask(e164)
    middle = e164[5:-2]
    assert middle not in masked
    assert len(masked) == len(e164)
    assert sum(ch.isdigit() for ch in masked) <= 6


@pytest.mark.parametrize("e164", ["+123", "+12345"])
def test_mask_hides_a_very_short_value_entirely(e164: str) -> None:
    assert mask(e164) == "*" * len(e164)


@pytest.mark.parametrize("raw", ["+531234", "+821234"], ids=["cuba", "south-korea"])
def test_mask_hides_some_digits_of_the_shortest_number_parse_address_accepts(raw: str) -> None:
    e164 = parse_address(raw).e164
    masked = mask(e164)
    assert "*" in masked
    assert e164[-4:] not in masked  # the whole four-digit subscriber number
