"""The returnee's answers about a referral, performed as effects of a conversation step:
share consent (the partner is emailed only when given) and the follow-up answer; and the
event every change of a referral leaves."""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.casework.staff import StaffMember
from bot.messaging.emails import enqueue_email
from flows.referrals import YES, allowed_next
from flows.vocabulary import ReferralStatus, ShareConsent
from storage.models import Contact
from storage.reintegration import Partner, Referral, ReferralEvent


def add_event(
    session: Session, referral: Referral, status: str, source: str, who: StaffMember | None,
    note: str | None, now: datetime,
) -> None:  # fmt: skip
    """Record one step of a referral's history (who, from where, to what, why)."""
    session.add(ReferralEvent(referral_id=referral.id, status=status, source=source,
                              by_id=who.id if who else None, note=note, at=now))  # fmt: skip


def record_follow_up(
    session: Session, contact_id: int, referral_id: int, answer: str, now: datetime
) -> None:
    """The returnee's "did you get help?": yes completes an open referral; not yet and no
    are recorded (no also alerts the caseworker, through the flow's RaiseAlert)."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.contact_id != contact_id:
        return
    referral.follow_up_answer, referral.follow_up_answered_at = answer, now
    status = referral.status
    if answer == YES and ReferralStatus.COMPLETED in allowed_next(status):
        status = referral.status = ReferralStatus.COMPLETED
    referral.updated_at = now
    note = f"returnee answered the follow-up: {answer}"
    add_event(session, referral, status, "sms", None, note, now)


def email_partner(session: Session, referral: Referral, now: datetime) -> bool:
    """Share consent given: email the partner the minimum it needs (once)."""
    partner = session.get(Partner, referral.partner_id)
    contact = session.get(Contact, referral.contact_id)
    if partner is None or not partner.email or contact is None or referral.partner_emailed_at:
        return False
    numbers = [n.e164 for n in contact.numbers if n.opted_out_at is None]
    lines = [
        f"Hello {partner.name},", "",
        "The reintegration programme referred a returnee to you; they agreed that you are "
        "told who they are so you can contact them.", "",
        f"Name: {contact.name or '(not given)'}", f"Number: {', '.join(numbers) or '(none)'}",
        f"Service: {referral.service.replace('_', ' ')}", f"Note: {referral.note or '(none)'}",
        f"Referral: R{referral.id}",
    ]  # fmt: skip
    enqueue_email(session, key=f"referral-share:{referral.id}", alert_id=None,
                  to_address=partner.email, subject=f"[Returnee Assistant] Referral R{referral.id}",
                  body="\n".join(lines) + "\n", now=now)  # fmt: skip
    referral.partner_emailed_at = now
    return True


def record_share(
    session: Session, contact_id: int, referral_id: int, given: bool, now: datetime
) -> None:
    """The returnee's answer to "may we tell <partner>?"; given: the partner is emailed."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.contact_id != contact_id:
        return
    referral.share = ShareConsent.GIVEN if given else ShareConsent.DECLINED
    referral.share_at = now
    add_event(session, referral, referral.status, "sms", None,
           f"returnee {'agreed' if given else 'declined'} to share their details", now)  # fmt: skip
    if given:
        email_partner(session, referral, now)
