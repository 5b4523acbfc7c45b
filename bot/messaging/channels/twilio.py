"""The Twilio channel: sending through the official SDK, and how its errors are classified."""

from datetime import datetime

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from bot.messaging.ports import Outgoing, Sender, SendError, SendReceipt

# Rate limits: Twilio's (20429) and WhatsApp's per-user and per-business ones (63018).
RETRYABLE_CODES = {20429, 63018}


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
            return f"whatsapp:{self.whatsapp_from}"
        return self.messaging_service_sid or self.sms_from or "sms"

    def _addresses(self, message: Outgoing) -> dict[str, str]:
        if message.channel == "whatsapp" and self.whatsapp_from:
            return {"to": f"whatsapp:{message.to_e164}", "from_": f"whatsapp:{self.whatsapp_from}"}
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
            raise _classify(error) from error
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


def _classify(error: TwilioRestException) -> SendError:
    """429/20429 and 5xx are retried (5xx may have been taken); other 4xx are final."""
    code = error.code if isinstance(error.code, int) else None
    if error.status == 429 or code in RETRYABLE_CODES:
        return SendError(f"rate limited ({error.status})", code or 20429, retryable=True)
    if error.status >= 500:
        return SendError(f"twilio error {error.status}", code, retryable=True, ambiguous=True)
    return SendError(str(error.msg)[:200], code, retryable=False)
