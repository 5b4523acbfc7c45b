"""Demo returnees, caseworkers and a case waiting for its code, for `make run` (idempotent)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.casework.partners import seed_from_content
from bot.casework.staff import hash_password
from bot.desk import Desk
from bot.schedule.milestones import add_milestone
from storage import casework_repo as cases
from storage import repositories as repo
from storage import schedule_repo as plan
from storage.casework import Caseworker
from storage.models import Contact


@dataclass(frozen=True)
class DemoReturnee:
    """One demo returnee, already onboarded."""

    name: str
    e164: str
    country: str
    language: str
    time_zone: str


@dataclass(frozen=True)
class DemoCaseworker:
    """One demo member of staff (the simulator can text as them: ACK and DONE)."""

    name: str
    phone: str
    email: str
    office: str
    role: str
    on_call: bool
    language: str


DEMO_RETURNEES = [
    DemoReturnee("Andre Campbell", "+18765550101", "JM", "en", "America/Jamaica"),
    DemoReturnee("Shondell Persaud", "+5926000101", "GY", "en", "America/Guyana"),
    DemoReturnee("Wilner Joseph", "+50937000101", "HT", "ht", "America/Port-au-Prince"),
    DemoReturnee("Yohanny Reyes", "+18095550101", "DO", "es", "America/Santo_Domingo"),
    DemoReturnee("Kerwin Baptiste", "+18685550101", "TT", "en", "America/Port_of_Spain"),
]
DEMO_CASEWORKERS = [
    DemoCaseworker("Marcia Brown", "+18765550900", "marcia@demo.invalid", "JM", "caseworker",
                   True, "en"),
    DemoCaseworker("Desmond Hall", "+18765550901", "desmond@demo.invalid", "JM", "supervisor",
                   False, "en"),
    DemoCaseworker("Nadege Pierre", "+50937000900", "nadege@demo.invalid", "HT", "caseworker",
                   True, "fr"),
    DemoCaseworker("Rosa Almonte", "+18095550900", "rosa@demo.invalid", "DO", "caseworker",
                   True, "es"),
    DemoCaseworker("Vishnu Ramdass", "+5926000900", "vishnu@demo.invalid", "GY", "supervisor",
                   True, "en"),
]  # fmt: skip
# Every demo caseworker signs in to the dashboard with their email and this password.
DEMO_PASSWORD = "returnee-demo"  # noqa: S105  (demo data only; printed by make run)
# A case registered by a caseworker, waiting for the returnee to text its code.
DEMO_CASE = ("Tashana Reid", "JM", "JM2026")
# Milestones of the demo returnees: (number, type, days ahead, local hour, place).
DEMO_MILESTONES = [
    ("+18765550101", "counselling", 2, 10, "Kingston Hub, 4 Duke St, Kingston"),
    ("+18765550101", "job_interview", 4, 14, "HEART/NSTA Trust, 6B Oxford Rd"),
    ("+5926000101", "vocational_training", 3, 9, "BIT Centre, Georgetown"),
    ("+5926000101", "grant_application_due", 9, 16, "Returnee office, Georgetown"),
    ("+50937000101", "health", 1, 11, "Klinik Sante Petion-Ville"),
    ("+50937000101", "drug_rehab", 6, 10, "Centre de desintoxication, Delmas 33"),
    ("+18095550101", "business_training", 5, 9, "Centro de Formacion, Santo Domingo"),
    ("+18095550101", "grant_disbursement", 12, 10, "Oficina del programa, Santo Domingo"),
    ("+18685550101", "business_visit", 2, 15, "Kerwin's stall, Port of Spain market"),
]
# The demo returnees came back two months ago, so this month's check-ins are due.
DEMO_RETURN_AGO = timedelta(days=62)


def load_demo(desk: Desk, now: datetime) -> int:
    """Add the demo people and milestones that are missing; return how many returnees."""
    with desk.sessions.begin() as session:
        staff = {p.office: _caseworker(session, p, now) for p in reversed(DEMO_CASEWORKERS)}
        added = sum(_returnee(session, person, staff.get(person.country), now)
                    for person in DEMO_RETURNEES)  # fmt: skip
        _milestones(session, desk, now)
        seed_from_content(session, desk.catalogue, now)  # the partner directory
        name, country, code = DEMO_CASE
        if cases.contact_by_code(session, code) is None:
            session.add(Contact(name=name, country=country, language="en", consent="unknown",
                                registration_code=code, caseworker_id=staff[country].id,
                                created_at=now, updated_at=now))  # fmt: skip
    return added


def _caseworker(session: Session, person: DemoCaseworker, now: datetime) -> Caseworker:
    found = session.query(Caseworker).filter_by(phone=person.phone).one_or_none()
    if found is None:
        found = Caseworker(name=person.name, phone=person.phone, email=person.email,
                           office=person.office, role=person.role, on_call=person.on_call,
                           language=person.language, active=True, created_at=now)  # fmt: skip
        session.add(found)
        session.flush()
    if found.password_hash is None:
        found.password_hash = hash_password(DEMO_PASSWORD)
    return found


def _returnee(
    session: Session, person: DemoReturnee, caseworker: Caseworker | None, now: datetime
) -> bool:
    if repo.find_number(session, person.e164) is not None:
        return False
    number = repo.add_contact_with_number(session, person.e164, person.language, "sms", now)
    contact = number.contact
    contact.name, contact.country, contact.time_zone = person.name, person.country, person.time_zone
    contact.consent, contact.consent_at = "given", now - DEMO_RETURN_AGO
    contact.returned_at = now - DEMO_RETURN_AGO
    contact.caseworker_id = caseworker.id if caseworker else None
    return True


def _milestones(session: Session, desk: Desk, now: datetime) -> None:
    """Each demo returnee's milestones, dated from today, unless they have some already."""
    numbers = {e164: repo.find_number(session, e164) for e164, *_ in DEMO_MILESTONES}
    planned = {
        e164 for e164, n in numbers.items() if n and plan.milestones_of(session, n.contact_id)
    }
    for e164, kind, days, hour, place in DEMO_MILESTONES:
        number = numbers[e164]
        if number is None or e164 in planned:
            continue
        zone = ZoneInfo(number.contact.time_zone or "UTC")
        day = now.astimezone(zone).date() + timedelta(days=days)
        at = datetime.combine(day, time(hour), tzinfo=zone)
        add_milestone(session, desk, number.contact_id, kind, at, place, now)
