"""The local demo channel: 'delivers' at once; the phone simulator reads the outbox."""

import uuid
from datetime import datetime

from bot.messaging.ports import Outgoing, Sender, SendReceipt


class DemoSender(Sender):
    """The local demo channel: 'delivers' at once; the phone simulator reads the outbox."""

    def sender_key(self, channel: str) -> str:
        """One demo sender per channel."""
        return f"demo:{channel}"

    def send(self, message: Outgoing) -> SendReceipt:
        """Accept the message; it is shown in the simulator straight from the database."""
        return SendReceipt(
            "SMdemo" + uuid.uuid4().hex[:28], "delivered", self.sender_key(message.channel)
        )

    def find_sent(self, message: Outgoing, since: datetime) -> list[SendReceipt]:
        """Nothing leaves the machine, so an interrupted send was never delivered."""
        return []
