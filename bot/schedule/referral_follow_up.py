"""The clock asks "did you get help from <partner>?" a set number of days after a referral
(per service, in content), once: the entry's key is the outbox row's key."""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.casework.referral_messages import facts_of
from bot.desk import Desk
from bot.schedule.firing import send_scheduled
from flows.conversation import Context, Conversation, Effect
from flows.referrals import OPEN, open_follow_up
from storage.models import Contact
from storage.reintegration import Partner, Referral
from storage.schedule import ScheduleEntry

PURPOSE = "referral_follow_up"


def fire_follow_up(
    session: Session, desk: Desk, entry: ScheduleEntry, contact: Contact, now: datetime
) -> str | None:
    """Ask about an open referral; the reason it was skipped (closed, opted out), or None."""
    referral = session.get(Referral, int(entry.occurrence)) if entry.occurrence.isdigit() else None
    if referral is None or referral.contact_id != contact.id:
        return "no such referral"
    if referral.status not in OPEN:
        return f"referral already {referral.status}"
    partner = session.get(Partner, referral.partner_id)
    assert partner is not None  # a foreign key
    facts = facts_of(referral, partner, desk.catalogue)

    def opener(conversation: Conversation, ctx: Context) -> tuple[Conversation, list[Effect]]:
        return open_follow_up(conversation, facts, ctx)

    variables = {"1": partner.name}
    skipped = send_scheduled(session, desk, entry.key, PURPOSE, contact, opener, variables, now)
    if skipped is None:
        referral.follow_up_at = now
    return skipped
