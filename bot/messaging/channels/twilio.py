"""The Twilio channel adapter: everything that knows Twilio's wire format lives here.

Inbound: a webhook's form -> `Inbound`; a status callback -> `DeliveryUpdate`; the
request signature. Outbound: `TwilioSender` sends through the official SDK and classifies
its errors. Twilio's addresses ('whatsapp:+1876...'), statuses and error codes do not leave
this module; the services see channel-neutral values (bot/messaging/ports.py)."""

from collections.abc import Mapping
from datetime import datetime

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.messaging.ports import (
    LIFECYCLE,
    DeliveryUpdate,
    Inbound,
    Outgoing,
    Sender,
    SendError,
    SendReceipt,
)
from bot.phones import MAX_ADDRESS, Address, InvalidNumber, parse_address

MAX_BODY_CHARS = 1600  # Twilio's own limit for a message body
PROFILE_NAME_CHARS = 200  # the column's length; WhatsApp names are rarely longer
MAX_SID = 64
WHATSAPP = "whatsapp:"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

# Error codes, and what each means for the services.
STOPPED_CODES = {21610}  # the recipient replied STOP: Twilio refuses every message to them
UNREACHABLE_CODES = {30003, 30005, 30006}  # unreachable, unknown, landline/unreachable carrier
RETRYABLE_CODES = {20429, 63018}  # rate limits: Twilio's and WhatsApp's (per user, business)


class BadRequest(ValueError):
    """The request is not one we can take; the text names the field and says why."""


def signature_valid(auth_token: str, url: str, form: Mapping[str, str], signature: str) -> bool:
    """Whether Twilio signed this request with our auth token (the SDK's validator)."""
    if not auth_token or not signature:
        return False
    return bool(RequestValidator(auth_token).validate(url, form, signature))


def twilio_address(raw: str) -> Address:
    """Twilio's form of an address: '+1876...', 'whatsapp:+1876...' or 'whatsapp:US.134...'."""
    raw = raw.strip()
    if raw.lower().startswith(WHATSAPP):
        return parse_address(raw[len(WHATSAPP) :], "whatsapp")
    return parse_address(raw)


def to_twilio(e164: str, channel: str) -> str:
    """An address in Twilio's form for a channel."""
    return f"{WHATSAPP}{e164}" if channel == "whatsapp" else e164


def parse_inbound(form: Mapping[str, str]) -> Inbound:
    """Twilio's form -> a channel-neutral inbound message, or BadRequest naming the field.

    Anything that can be stored is stored: NUL bytes (which PostgreSQL refuses) are taken out
    of the text fields and an over-long profile name is cut; only a message we could not
    answer or recognise again (no MessageSid, no sender) is refused."""
    sid = _identifier(form, "MessageSid", MAX_SID)
    sender = _identifier(form, "From", MAX_ADDRESS + len(WHATSAPP))
    body = _text(form.get("Body", ""))
    if len(body) > MAX_BODY_CHARS:
        raise BadRequest(f"Body is longer than {MAX_BODY_CHARS} characters")
    try:
        address = twilio_address(sender)
    except InvalidNumber:
        raise BadRequest("From is not a phone number or WhatsApp user ID") from None
    wa_id = _text(form.get("WaId", ""))
    return Inbound(
        message_sid=sid, channel=address.channel, from_e164=address.e164,
        to_address=_text(form.get("To", ""))[:MAX_SID], body=body,
        num_media=_count(form.get("NumMedia")),
        profile_name=_text(form.get("ProfileName", ""))[:PROFILE_NAME_CHARS] or None,
        wa_id=wa_id if 0 < len(wa_id) <= MAX_ADDRESS else None,
    )  # fmt: skip


def parse_status(form: Mapping[str, str], outbound_hint: str = "") -> DeliveryUpdate | None:
    """A status callback -> a DeliveryUpdate; None for an empty callback (nothing to record);
    BadRequest naming the field for anything else we cannot read.

    `outbound_hint` is the `m` query parameter we put on the callback URL (our message id)."""
    if not any(form.get(k) for k in ("MessageSid", "MessageStatus", "ErrorCode")):
        return None
    sid = _identifier(form, "MessageSid", MAX_SID)
    status = form.get("MessageStatus", "").strip().lower()
    if status not in LIFECYCLE:
        raise BadRequest("MessageStatus is not a known status")
    code_raw = form.get("ErrorCode", "").strip()
    if code_raw and (not code_raw.isdigit() or len(code_raw) > 6):
        raise BadRequest("ErrorCode must be a number")
    code = int(code_raw) if code_raw else None
    failed = status in ("failed", "undelivered")
    return DeliveryUpdate(
        message_sid=sid, status=status, error_code=code,
        outbound_id=int(outbound_hint) if outbound_hint.isdigit() and len(outbound_hint) < 10
        else None,
        recipient=_recipient(form.get("To", "")),
        stopped=code in STOPPED_CODES, unreachable=code in UNREACHABLE_CODES,
        retry_later=failed and code in RETRYABLE_CODES,
    )  # fmt: skip


def _recipient(raw: str) -> str | None:
    try:
        return twilio_address(_text(raw)).e164 if raw.strip() else None
    except InvalidNumber:
        return None


def _text(value: str) -> str:
    """Text as it can be stored anywhere: NUL bytes taken out."""
    return value.replace("\x00", "")


def _identifier(form: Mapping[str, str], field: str, limit: int) -> str:
    """A field that identifies the message or its sender: required, no NUL, bounded."""
    value = str(form.get(field, "")).strip()
    if not value:
        raise BadRequest(f"{field} is required")
    if "\x00" in value:
        raise BadRequest(f"{field} contains a NUL byte")
    if len(value) > limit:
        raise BadRequest(f"{field} is longer than {limit} characters")
    return value


def _count(raw: str | None) -> int:
    if raw in (None, ""):
        return 0
    if not raw.isdigit() or int(raw) > 10:
        raise BadRequest("NumMedia must be a whole number from 0 to 10")
    return int(raw)


class TwilioSender(Sender):
    """Sends with `messages.create`, asking for status callbacks to /twilio/status."""

    def __init__(
        self,
        client: Client,
        *,
        sms_from: str | None,
        messaging_service_sid: str | None,
        whatsapp_from: str | None,
        public_base_url: str | None,
    ) -> None:
        self.client = client
        self.sms_from = sms_from
        self.messaging_service_sid = messaging_service_sid
        self.whatsapp_from = whatsapp_from
        self.public_base_url = public_base_url

    def sender_key(self, channel: str) -> str:
        """WhatsApp and SMS senders have separate limits."""
        if channel == "whatsapp" and self.whatsapp_from:
            return to_twilio(self.whatsapp_from, "whatsapp")
        return self.messaging_service_sid or self.sms_from or "sms"

    def _addresses(self, message: Outgoing) -> dict[str, str]:
        if message.channel == "whatsapp" and self.whatsapp_from:
            return {"to": to_twilio(message.to_e164, "whatsapp"),
                    "from_": to_twilio(self.whatsapp_from, "whatsapp")}  # fmt: skip
        if self.messaging_service_sid:
            return {"to": message.to_e164, "messaging_service_sid": self.messaging_service_sid}
        return {"to": message.to_e164, "from_": self.sms_from or ""}

    def send(self, message: Outgoing) -> SendReceipt:
        """Create the message at Twilio; classify every failure for the outbox."""
        kwargs: dict[str, str] = {**self._addresses(message), **_content(message)}
        if self.public_base_url:
            kwargs["status_callback"] = (
                f"{self.public_base_url}/twilio/status?m={message.message_id}"
            )
        try:
            created = self.client.messages.create(**kwargs)
        except TwilioRestException as error:
            raise classify(error.status, error.code, str(error.msg)) from error
        except requests.ConnectTimeout as error:
            raise SendError("connect timeout", None, retryable=True) from error
        except (requests.RequestException, TwilioException) as error:  # may have been taken
            raise SendError(type(error).__name__, None, retryable=True, ambiguous=True) from error
        return SendReceipt(str(created.sid), str(created.status), str(created.from_ or ""))

    def find_sent(self, message: Outgoing, since: datetime) -> list[SendReceipt]:
        """Twilio's recent messages to this number with this exact body, oldest first."""
        to = self._addresses(message)["to"]
        try:
            recent = self.client.messages.list(to=to, limit=50)
        except (TwilioException, requests.RequestException) as error:
            raise SendError(
                "could not list messages", None, retryable=True, ambiguous=True
            ) from error
        return [
            SendReceipt(str(found.sid), str(found.status), str(found.from_ or ""))
            for found in reversed(recent)
            if found.body == message.body and found.date_created and found.date_created >= since
        ]


def _content(message: Outgoing) -> dict[str, str]:
    """The body, or on WhatsApp outside the 24-hour window, the approved template."""
    if message.content_sid and message.channel == "whatsapp":
        return {"content_sid": message.content_sid,
                "content_variables": message.content_variables or "{}"}  # fmt: skip
    return {"body": message.body}


def classify(status: int, code: object, text: str) -> SendError:
    """An API error -> SendError: 429/20429/63018 and 5xx are retried (5xx may have been
    taken); other 4xx are final; 21610 means the recipient unsubscribed."""
    known = code if isinstance(code, int) else None
    if status == 429 or known in RETRYABLE_CODES:
        return SendError(f"rate limited ({status})", known or 20429, retryable=True)
    if status >= 500:
        return SendError(f"twilio error {status}", known, retryable=True, ambiguous=True)
    return SendError(text[:200], known, retryable=False, stopped=known in STOPPED_CODES)
