"""How a message reaches a returnee: which number, and on WhatsApp free text inside the
24-hour window, the approved template outside it, or SMS."""

import json
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.phones import is_phone
from flows.texts import label
from flows.vocabulary import Consent
from storage import schedule_repo as plan
from storage.models import Contact, ContactNumber

WHATSAPP_WINDOW = timedelta(hours=24)


def reachable_number(contact: Contact) -> ContactNumber | None:
    """The number to write to: the latest one that has not opted out; None without consent."""
    if contact.consent != Consent.GIVEN or contact.merged_into_id is not None:
        return None
    numbers = [n for n in contact.numbers if n.opted_out_at is None]
    return max(numbers, key=lambda n: n.last_seen_at) if numbers else None


def latest_number(contact: Contact) -> ContactNumber | None:
    """The number to write to, else the last one we know (for alerts and notices)."""
    return reachable_number(contact) or (contact.numbers[-1] if contact.numbers else None)


def delivery(
    session: Session, templates: Mapping[str, str], number: ContactNumber, kind: str,
    language: str, variables: dict[str, str], now: datetime,
) -> tuple[str, str | None, str | None]:  # fmt: skip
    """(channel, ContentSid, ContentVariables): WhatsApp free text inside the 24-hour window,
    the approved template outside it, or SMS when no template is configured for the kind.
    `templates`: ContentSids by message kind (`checkin`, `reminder:es`, ...)."""
    if number.last_channel != "whatsapp":
        return "sms", None, None
    last = plan.last_whatsapp_inbound(session, number.e164)
    if last is not None and now - last < WHATSAPP_WINDOW:
        return "whatsapp", None, None
    sid = templates.get(f"{kind}:{language}") or templates.get(kind)
    if sid is None:  # SMS, unless WhatsApp is the only address (a user ID, no number)
        return ("sms" if is_phone(number.e164) else "whatsapp"), None, None
    # Twilio refuses a template with an empty variable (21656): never send one.
    filled = {key: value.strip() or "-" for key, value in variables.items()}
    return "whatsapp", sid, json.dumps(filled, ensure_ascii=False)


def addressed_as(contact: Contact) -> str:
    """How a template greets the returnee: their first name, else "friend" in their language
    (a returnee who signed up by SMS has no name)."""
    first = (contact.name or "").split()
    return first[0] if first else label("friend", contact.language)
