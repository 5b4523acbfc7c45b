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
        self, message: str, code: int | None, *, retryable: bool, ambiguous: bool = False
    ) -> None:
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.ambiguous = ambiguous


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
