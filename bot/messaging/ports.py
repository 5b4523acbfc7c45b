"""Ports: what the services need from a channel, as abstract classes fakes can subclass."""

import abc
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Outgoing:
    """One outbox message on its way to a channel."""

    message_id: int
    to_e164: str
    channel: str  # sms|whatsapp
    body: str
    content_sid: str | None = None  # a WhatsApp template, sent instead of the body
    content_variables: str | None = None  # its variables, a JSON object


@dataclass(frozen=True)
class Inbound:
    """A channel-neutral inbound message."""

    message_sid: str
    channel: str  # sms|whatsapp
    from_e164: str  # the sender's number, or a WhatsApp user ID
    to_address: str
    body: str
    num_media: int = 0
    profile_name: str | None = None
    wa_id: str | None = None


# A message's lifecycle, in order; a late report never moves a message backwards.
# Inbound-only steps ("receiving", "received") rank lowest.
LIFECYCLE = {
    "receiving": 0, "received": 0, "accepted": 1, "scheduled": 1, "queued": 2, "sending": 3,
    "sent": 4, "delivered": 5, "undelivered": 5, "failed": 5, "canceled": 5,
    "partially_delivered": 5, "read": 6,
}  # fmt: skip


@dataclass(frozen=True)
class DeliveryUpdate:
    """What a channel reports about a message it took, in the services' terms."""

    message_sid: str
    status: str  # a LIFECYCLE step
    error_code: int | None
    outbound_id: int | None  # our id, if the report carries it
    recipient: str | None  # the recipient's address, when the channel names it
    stopped: bool = False  # the recipient unsubscribed: never write to them again
    unreachable: bool = False  # the number cannot be reached (not in service, ...)
    retry_later: bool = False  # refused for now (a rate limit): send again with backoff


@dataclass(frozen=True)
class SendReceipt:
    """The channel accepted the message."""

    sid: str
    status: str
    sender: str


class SendError(Exception):
    """The channel did not take the message.

    retryable: worth trying again later (429, 5xx, network). ambiguous: the channel may
    have taken it anyway (read timeout, 5xx), so look before sending again.
    """

    def __init__(
        self, message: str, code: int | None, *, retryable: bool, ambiguous: bool = False,
        stopped: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.ambiguous = ambiguous
        self.stopped = stopped  # the recipient unsubscribed


class Sender(abc.ABC):
    """A channel that delivers outbox messages (Twilio, or the local demo channel)."""

    @abc.abstractmethod
    def sender_key(self, channel: str) -> str:
        """The sending identity whose rate limit applies to `channel`."""

    @abc.abstractmethod
    def send(self, message: Outgoing) -> SendReceipt:
        """Hand the message to the channel; raise SendError if it is not taken."""

    @abc.abstractmethod
    def find_sent(self, message: Outgoing, since: datetime) -> list[SendReceipt]:
        """The channel's records of this body to this number since `since`, oldest first."""
