"""Open a check-in for a returnee now (the simulator's button; the clock plans monthly ones)."""

from datetime import datetime

from bot.desk import Desk
from bot.messaging.delivery import addressed_as
from bot.schedule.firing import send_scheduled
from flows.checkin import open_checkin
from storage import repositories as repo
from storage.casework import CheckIn
from storage.models import Contact


def ask_checkin(desk: Desk, contact_id: int, key: str, now: datetime) -> bool:
    """Ask the check-in question on the contact's latest number; False if it cannot go out.

    `key` names the occurrence (for example `checkin:42:2026-11`), so asking twice sends once.
    """
    with desk.sessions.begin() as session:
        contact = session.get(Contact, contact_id, with_for_update=True)
        if contact is None or contact.paused_until is not None:
            return False
        if repo.outbound_key_exists(session, key):
            return False  # this occurrence was asked already
        variables = {"1": addressed_as(contact)}
        if send_scheduled(session, desk, key, "checkin", contact, open_checkin, variables, now):
            return False
        session.add(CheckIn(contact_id=contact.id, asked_at=now))
        return True
