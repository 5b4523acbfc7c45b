"""Demo returnees for `make run` and `returnee demo` (idempotent)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from storage import repositories as repo


@dataclass(frozen=True)
class DemoReturnee:
    """One demo returnee."""

    name: str
    e164: str
    country: str
    language: str
    time_zone: str


DEMO_RETURNEES = [
    DemoReturnee("Andre Campbell", "+18765550101", "JM", "en", "America/Jamaica"),
    DemoReturnee("Shondell Persaud", "+5926000101", "GY", "en", "America/Guyana"),
    DemoReturnee("Wilner Joseph", "+50937000101", "HT", "ht", "America/Port-au-Prince"),
    DemoReturnee("Yohanny Reyes", "+18095550101", "DO", "es", "America/Santo_Domingo"),
    DemoReturnee("Kerwin Baptiste", "+18685550101", "TT", "en", "America/Port_of_Spain"),
]


def load_demo(sessions: sessionmaker[Session], now: datetime) -> int:
    """Add the demo returnees that are missing; return how many were added."""
    added = 0
    with sessions.begin() as session:
        for person in DEMO_RETURNEES:
            if repo.find_number(session, person.e164) is not None:
                continue
            number = repo.add_contact_with_number(session, person.e164, person.language, "sms", now)
            contact = number.contact
            contact.name, contact.country, contact.time_zone = (
                person.name,
                person.country,
                person.time_zone,
            )
            contact.consent, contact.consent_at = "given", now
            added += 1
    return added
