"""Phone addresses as Twilio gives them: '+18765551234' or 'whatsapp:+18765551234'."""

from dataclasses import dataclass

import phonenumbers


class InvalidNumber(ValueError):
    """The address is not a possible phone number."""


@dataclass(frozen=True)
class Address:
    """A parsed address: E.164 number, channel and the number's region."""

    e164: str
    channel: str  # sms|whatsapp
    region: str | None

    @property
    def twilio(self) -> str:
        """The address in Twilio's form for this channel."""
        return f"whatsapp:{self.e164}" if self.channel == "whatsapp" else self.e164


def parse_address(raw: str) -> Address:
    """Parse a Twilio address; accept any possible number so a new range is never lost."""
    raw = raw.strip()
    channel = "sms"
    if raw.lower().startswith("whatsapp:"):
        channel, raw = "whatsapp", raw.split(":", 1)[1].strip()
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


def mask(e164: str) -> str:
    """A number safe for logs: a short prefix and the last two digits, e.g. '+1876*****34'.

    However short the number, most of its subscriber digits stay hidden.
    """
    if len(e164) <= 6:
        return "*" * len(e164)
    keep = min(5, (len(e164) - 2) // 2)
    return e164[:keep] + "*" * (len(e164) - keep - 2) + e164[-2:]
