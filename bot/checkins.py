"""Open a check-in for a returnee: the question goes out and the answer is awaited."""

from datetime import datetime

from bot import conversation_state, outbox
from bot.desk import Desk
from flows.checkin import open_checkin
from flows.conversation import Context, Send
from storage import repositories as repo
from storage.casework import CheckIn
from storage.models import Contact


def ask_checkin(desk: Desk, contact_id: int, key: str, now: datetime) -> bool:
    """Ask the check-in question on the contact's latest number; False if it cannot go out.

    `key` names the occurrence (for example `checkin:42:2026-11`), so asking twice sends once.
    """
    with desk.sessions.begin() as session:
        contact = session.get(Contact, contact_id, with_for_update=True)
        if contact is None or contact.consent != "given" or contact.paused_until is not None:
            return False
        if repo.outbound_key_exists(session, key):
            return False  # this occurrence was asked already
        numbers = [n for n in contact.numbers if n.opted_out_at is None]
        if not numbers:
            return False
        number = max(numbers, key=lambda n: n.last_seen_at)
        old = conversation_state.load(session, number)
        new, effects = open_checkin(old, Context(desk.catalogue, now, desk.flow_policy))
        [question] = [effect for effect in effects if isinstance(effect, Send)]
        queued = outbox.enqueue(
            session, key=key, purpose=question.purpose, to_e164=number.e164,
            channel=number.last_channel, body=question.body, now=now, contact_id=contact.id,
        )  # fmt: skip
        if not queued:
            return False
        conversation_state.save(session, number, old, new, now, desk.catalogue)
        session.add(CheckIn(contact_id=contact.id, asked_at=now))
        return True
