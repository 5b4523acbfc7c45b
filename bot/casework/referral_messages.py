"""The returnee's SMS about a new referral: the partner and how to reach it, then (when the
partner has an email to tell) "may we tell <partner> who you are?". Through the outbox,
like every other message, so an opted-out number gets nothing."""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.conversations import state
from bot.desk import Desk
from bot.messaging import outbox
from bot.messaging.delivery import delivery, reachable_number
from flows.content import Catalogue
from flows.conversation import Context, Send
from flows.referrals import ReferralFacts, open_share, tell_referral
from flows.vocabulary import ShareConsent
from storage.models import Contact
from storage.reintegration import Partner, Referral


def facts_of(referral: Referral, partner: Partner, catalogue: Catalogue) -> ReferralFacts:
    """What the returnee's messages say: the partner and how to reach it (else the office)."""
    country = catalogue.get(partner.country)
    office_phone = country.office.phone if country else "-"
    office_address = country.office.address if country else "-"
    return ReferralFacts(
        referral.id,
        referral.service,
        partner.name,
        partner.phone or office_phone,
        partner.address or office_address,
    )


def tell(
    session: Session, desk: Desk, contact: Contact, referral: Referral, partner: Partner,
    now: datetime,
) -> str | None:  # fmt: skip
    """Queue the referral SMS (and the share question); the reason nothing went, or None."""
    number = reachable_number(contact)
    if number is None:
        return "no consent or every number opted out"
    old = state.load(session, number)
    if old.opted_out:
        return "opted out"
    facts = facts_of(referral, partner, desk.catalogue)
    asks = bool(partner.email) and old.paused_until is None
    ctx = Context(desk.catalogue, now, desk.flow_policy)
    new, effects = open_share(old, facts, ctx) if asks else tell_referral(old, facts)
    channel, _, _ = delivery(session, {}, number, "referral", contact.language, {}, now)
    sends = [effect for effect in effects if isinstance(effect, Send)]
    for index, send in enumerate(sends):
        queued = outbox.enqueue(
            session, key=f"referral:{referral.id}:{index}", purpose=send.purpose,
            to_e164=number.e164, channel=channel, body=send.body, now=now,
            contact_id=contact.id,
        )  # fmt: skip
        if not queued:
            return "opted out"
    state.save(session, number, old, new, now, desk.catalogue)
    if asks:
        referral.share = ShareConsent.ASKED
    return None
