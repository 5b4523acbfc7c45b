"""Addresses of returnees: an E.164 number, or on WhatsApp a user who hid their number
behind a username: a business-scoped user ID (BSUID, 'US.13491208655302741918'), answered
at the same address. How a carrier writes them ('whatsapp:+1...') is the channel's
business (bot/messaging/channels)."""

import re
from dataclasses import dataclass

import phonenumbers

# A BSUID: the user's two-letter country, a period, up to 128 letters and digits (a parent
# BSUID has ENT between them: US.ENT.11815799212886844830).
_BSUID = re.compile(r"^([A-Z]{2})\.(?:ENT\.)?[A-Za-z0-9]{1,128}$")
MAX_ADDRESS = 140  # the longest address stored (a BSUID)


class InvalidNumber(ValueError):
    """The address is not a possible phone number."""


@dataclass(frozen=True)
class Address:
    """A parsed address: E.164 number, channel and the number's region."""

    e164: str  # the E.164 number, or the BSUID of a WhatsApp user without one
    channel: str  # sms|whatsapp
    region: str | None

    @property
    def is_phone(self) -> bool:
        """A phone number (SMS can reach it), not a WhatsApp user ID."""
        return is_phone(self.e164)


def parse_address(raw: str, channel: str = "sms") -> Address:
    """Parse a number (or, on WhatsApp, a user ID); accept any possible number so a new
    range is never lost."""
    raw = raw.strip()
    user = _BSUID.match(raw) if channel == "whatsapp" else None
    if user:
        return Address(raw, channel, user.group(1))
    if not raw.startswith("+"):
        raw = "+" + raw  # WhatsApp WaId and some gateways omit the plus
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        raise InvalidNumber("not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidNumber("not a possible phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Address(e164, channel, phonenumbers.region_code_for_number(number))


def region_of(address: str) -> str | None:
    """The country of a stored address (an E.164 number or a WhatsApp user ID), if known."""
    user = _BSUID.match(address)
    if user:
        return user.group(1)
    try:
        return parse_address(address).region
    except InvalidNumber:
        return None


def is_phone(address: str) -> bool:
    """An E.164 number (what SMS can reach), not a WhatsApp user ID."""
    return address.startswith("+")


def mask(e164: str) -> str:
    """A number safe for logs: a short prefix and the last two digits, e.g. '+1876*****34'.

    However short the number, most of its subscriber digits stay hidden.
    """
    if len(e164) <= 6:
        return "*" * len(e164)
    keep = min(5, (len(e164) - 2) // 2)
    return e164[:keep] + "*" * (len(e164) - keep - 2) + e164[-2:]
