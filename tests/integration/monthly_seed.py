"""A small programme for the monthly report's tests: Jamaica (J1-J8) and Haiti (H1, H2), with
messages, check-ins, alerts, referrals, services, plans, surveys, an opt-out and an erasure.

Each row says which month it falls in for the Jamaica office (UTC-5) and, where it differs,
for every office together (UTC) or for Haiti (UTC-4 until 1 November, then UTC-5). The
expected figures in tests/integration/test_reports_monthly.py are counted by hand from here.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from sqlalchemy.orm import Session

from storage.casework import Alert, CheckIn
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.reintegration import Partner, PlanGoal, Referral, ServiceDelivered, Survey

NAMES = {"J1": "Andre Campbell", "J2": "Marcia Thompson", "J3": "Delroy Williams",
         "J4": "Kimberly Brown", "J5": "Shanice Erased", "J6": "Omar Clarke",
         "J7": "Nobody Registered", "J8": "Andre Duplicate", "H1": "Wilner Joseph",
         "H2": "Rose Pierre"}  # fmt: skip
NUMBERS = {key: f"+1876555{index:04d}" if key[0] == "J" else f"+509370{index:05d}"
           for index, key in enumerate(NAMES, start=2001)}  # fmt: skip
_ids = count(1)


def at(text: str) -> datetime:
    """A UTC time written 2026-11-03T10:00."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Seeded:
    """The ids of the seeded returnees by key (J1...H2)."""

    ids: dict[str, int]


def _contact(session: Session, key: str, **fields: Any) -> Contact:
    created = fields.pop("created_at")
    contact = Contact(name=NAMES[key], language="en", created_at=created, updated_at=created,
                      **fields)  # fmt: skip
    session.add(contact)
    session.flush()
    number = ContactNumber(contact_id=contact.id, e164=NUMBERS[key], first_seen_at=created,
                           last_seen_at=created, last_channel="sms")  # fmt: skip
    session.add(number)
    return contact


def contacts(session: Session) -> dict[str, Contact]:
    """The returnees (see the module's docstring for what each shows)."""
    c = {
        "J1": _contact(session, "J1", country="JM", created_at=at("2026-11-03T10:00"),
                       return_type="forced", deporting_country="US", consent="given",
                       consent_at=at("2026-11-03T10:05")),
        "J2": _contact(session, "J2", country="JM", created_at=at("2026-11-10T14:00"),
                       return_type="forced", deporting_country="GB", consent="given",
                       consent_at=at("2026-11-10T14:05")),
        "J3": _contact(session, "J3", country="JM", created_at=at("2026-11-20T16:00"),
                       return_type="voluntary", deporting_country="US"),
        # 23:30 on 30 November in Kingston: November for Jamaica, December in UTC.
        "J4": _contact(session, "J4", country="JM", created_at=at("2026-12-01T04:30"),
                       consent="given", consent_at=at("2026-12-01T04:40")),
        "J5": _contact(session, "J5", country="JM", created_at=at("2026-10-15T15:00"),
                       return_type="forced", deporting_country="US", consent="given",
                       consent_at=at("2026-10-15T15:00")),
        "J6": _contact(session, "J6", country="JM", created_at=at("2026-09-01T15:00"),
                       consent="given", consent_at=at("2026-09-01T15:00")),
        "J7": _contact(session, "J7", office="JM", created_at=at("2026-11-05T12:00")),
        "H1": _contact(session, "H1", country="HT", created_at=at("2026-11-04T15:00"),
                       return_type="forced", deporting_country="US", consent="given",
                       consent_at=at("2026-11-04T15:10")),
        # 23:30 on 31 October in Port-au-Prince (UTC-4): October for Haiti, November in UTC.
        "H2": _contact(session, "H2", country="HT", created_at=at("2026-11-01T03:30"),
                       return_type="forced", deporting_country="CA", consent="given",
                       consent_at=at("2026-11-01T03:35")),
    }  # fmt: skip
    c["J8"] = _contact(session, "J8", country="JM", created_at=at("2026-11-12T10:00"),
                       merged_into_id=c["J2"].id, consent="given",
                       consent_at=at("2026-11-12T10:00"))  # fmt: skip
    session.flush()
    return c


def outbound(session: Session, c: dict[str, Contact]) -> None:
    """Texts sent: reached in November (Jamaica): J1, J5, J4; in UTC: J1, J5, H1."""
    texts = [("J1", "2026-11-03T10:01", "sent", "delivered"),
             ("J1", "2026-11-15T15:00", "sent", "delivered"),
             ("J1", "2026-10-31T12:00", "sent", "delivered"),  # October
             ("J2", "2026-11-11T15:00", "sent", "undelivered"),  # never arrived
             ("J3", None, "pending", None),  # not sent yet
             ("J5", "2026-11-20T15:00", "sent", "delivered"),  # erased later; still counted
             ("J4", "2026-12-01T04:50", "sent", "delivered"),  # Jamaica: Nov; UTC: Dec
             ("H1", "2026-11-06T15:00", "sent", "sent")]  # fmt: skip
    for key, sent, state, status in texts:
        n = next(_ids)
        created = at(sent) if sent else at("2026-11-25T15:00")
        session.add(OutboundMessage(
            idempotency_key=f"seed:{n}", purpose="checkin", contact_id=c[key].id, channel="sms",
            to_e164=NUMBERS[key], body=f"Hello {NAMES[key]}", encoding="GSM-7", segments=1,
            created_at=created, next_attempt_at=created, dispatch_state=state, status=status,
            sent_at=at(sent) if sent else None))  # fmt: skip


def inbound(session: Session, c: dict[str, Contact]) -> None:
    """Texts received: Jamaica in November 3 (from J1 twice, J7), Haiti 1 (H1)."""
    texts = [("J1", "2026-11-03T10:02"), ("J1", "2026-11-16T12:00"), ("J7", "2026-11-05T12:00"),
             ("J3", "2026-10-30T12:00"), ("H1", "2026-11-07T12:00")]  # fmt: skip
    for key, received in texts:
        n = next(_ids)
        session.add(InboundMessage(
            message_sid=f"SM{n:032d}", channel="sms", from_e164=NUMBERS[key],
            to_address="+18765550000", body=f"this is {NAMES[key]}", contact_id=c[key].id,
            received_at=at(received)))  # fmt: skip


def opt_outs_and_erasure(session: Session, c: dict[str, Contact]) -> None:
    """J6 texts STOP in November (and an old number of theirs opted out in August); J5 is
    erased in November, which opts their number out too (an erasure, not an opt-out)."""
    c["J6"].numbers[0].opted_out_at = at("2026-11-18T12:00")
    session.add(ContactNumber(contact_id=c["J6"].id, e164="+18765559999",
                              first_seen_at=at("2026-08-01T12:00"),
                              last_seen_at=at("2026-08-01T12:00"),
                              opted_out_at=at("2026-08-10T12:00")))  # fmt: skip
    erased = at("2026-11-25T12:00")
    j5 = c["J5"]
    j5.name, j5.erased_at = None, erased
    j5.numbers[0].e164, j5.numbers[0].opted_out_at = "h:" + "5" * 64, erased


def checkins(session: Session, c: dict[str, Contact]) -> None:
    """November (Jamaica): 4 asked, 3 answered (good, struggling, okay); Haiti: 1, okay."""
    asked = [("J1", "2026-11-02T15:00", "good"), ("J2", "2026-11-02T15:00", "struggling"),
             ("J5", "2026-11-02T15:00", "okay"), ("J6", "2026-11-02T15:00", None),
             ("J1", "2026-10-02T15:00", "good"), ("H1", "2026-11-05T15:00", "okay")]  # fmt: skip
    for key, when, answer in asked:
        answered = at(when) + timedelta(hours=2) if answer else None
        session.add(CheckIn(contact_id=c[key].id, asked_at=at(when), answered_at=answered,
                            answer=answer, occurrence=when[:7]))  # fmt: skip


def alerts(session: Session, c: dict[str, Contact]) -> None:
    """Jamaica, November: crisis 3 (acknowledged after 6, 10 and 2.5 minutes), request_human
    1 (never acknowledged), struggling 2 (120 and 30 minutes); Haiti: struggling 1 (45)."""
    raised = [("J1", "crisis", "2026-11-03T10:00", 360), ("J2", "crisis", "2026-11-10T12:00", 600),
              ("J5", "crisis", "2026-11-20T09:00", 150),
              ("J2", "struggling", "2026-11-02T15:00", 7200),
              ("J5", "struggling", "2026-11-02T16:00", 1800),
              ("J3", "request_human", "2026-11-21T12:00", None),
              ("J1", "crisis", "2026-10-28T12:00", 60),  # October
              ("H1", "struggling", "2026-11-05T15:00", 2700)]  # fmt: skip
    for key, kind, created, waited in raised:
        n = next(_ids)
        acked = at(created) + timedelta(seconds=waited) if waited is not None else None
        session.add(Alert(
            code=f"A{n:05d}", kind=kind, status="acknowledged" if acked else "open",
            reason=f"{NAMES[key]} wrote", contact_id=c[key].id, e164=NUMBERS[key],
            office=c[key].country, created_at=at(created),
            sla_due_at=at(created) + timedelta(minutes=15), acknowledged_at=acked))  # fmt: skip


def _partner(session: Session, name: str, kind: str, country: str) -> Partner:
    partner = Partner(name=name, kind=kind, country=country, created_at=at("2026-01-01T00:00"),
                      updated_at=at("2026-01-01T00:00"))  # fmt: skip
    session.add(partner)
    session.flush()
    return partner


def referrals(session: Session, c: dict[str, Contact]) -> None:
    """Jamaica, November: counselling at an NGO made 2, completed 1; documents at government
    made 1 (declined), completed 1 (made in October); Haiti: housing at a church made 1."""
    ngo = _partner(session, "Open Arms NGO", "ngo", "JM")
    ministry = _partner(session, "Registrar General", "government", "JM")
    church = _partner(session, "Eglise Sainte-Anne", "church", "HT")
    made = [("J1", ngo, "counselling", "2026-11-04T12:00", "completed", "2026-11-20T12:00"),
            ("J2", ngo, "counselling", "2026-11-11T12:00", "made", "2026-11-11T12:00"),
            ("J5", ministry, "documents", "2026-10-10T12:00", "completed", "2026-11-12T12:00"),
            ("J3", ministry, "documents", "2026-11-21T12:00", "declined", "2026-11-25T12:00"),
            ("H1", church, "housing", "2026-11-06T12:00", "in_progress", "2026-11-09T12:00"),
            ]  # fmt: skip
    for key, partner, service, created, status, updated in made:
        session.add(Referral(contact_id=c[key].id, partner_id=partner.id, service=service,
                             status=status, created_at=at(created), updated_at=at(updated),
                             note=f"for {NAMES[key]}"))  # fmt: skip


def services(session: Session, c: dict[str, Contact]) -> None:
    """Jamaica, November: counselling 1, documents 1, grant approved 1 (hen rearing), grants
    disbursed 2 (hen rearing, phone cards); Haiti: training enrolled 1."""
    given = [("J1", "counselling_session", date(2026, 11, 5), None),
             ("J1", "grant_approved", date(2026, 11, 10), "hen_rearing"),
             ("J1", "grant_disbursed", date(2026, 11, 28), "hen_rearing"),
             ("J5", "documents_obtained", date(2026, 11, 12), None),
             ("J2", "grant_disbursed", date(2026, 11, 30), "phone_cards"),
             ("J6", "counselling_session", date(2026, 10, 1), None),  # October
             ("J5", "job_placed", date(2026, 12, 1), None),  # December
             ("H1", "training_enrolled", date(2026, 11, 8), None)]  # fmt: skip
    for key, kind, day, business in given:
        session.add(ServiceDelivered(contact_id=c[key].id, kind=kind, delivered_on=day,
                                     business_type=business, created_at=at("2026-12-01T12:00"),
                                     note=f"{NAMES[key]} came"))  # fmt: skip


def goals(session: Session, c: dict[str, Contact]) -> None:
    """Plans complete at the end of November: J1's and J5's (J2 has a goal open, J6's was
    achieved in December, J3 only dropped one)."""
    set_goals = [("J1", "achieved", "2026-11-25T12:00"), ("J1", "dropped", "2026-11-26T12:00"),
                 ("J2", "achieved", "2026-11-20T12:00"), ("J2", "open", "2026-11-10T12:00"),
                 ("J5", "achieved", "2026-11-29T12:00"), ("J6", "achieved", "2026-12-01T12:00"),
                 ("J3", "dropped", "2026-11-22T12:00")]  # fmt: skip
    for key, status, updated in set_goals:
        session.add(PlanGoal(contact_id=c[key].id, dimension="economic", goal="a small shop",
                             status=status, created_at=at("2026-11-05T12:00"),
                             updated_at=at(updated)))  # fmt: skip


def surveys(session: Session, c: dict[str, Contact]) -> None:
    """Jamaica, November: 3 scored (economic 0.5, 0.25, 1.0; social 0.75, -, 0.5;
    psychosocial 0.25, 0.5, 0.75; overall 0.5, 0.375, 0.75), one still open."""
    taken = [
        ("J1", "complete", "2026-11-20T12:00", (0.5, 0.75, 0.25, 0.5)),
        ("J2", "partial", "2026-11-22T12:00", (0.25, None, 0.5, 0.375)),
        ("J5", "complete", "2026-11-21T12:00", (1.0, 0.5, 0.75, 0.75)),
        ("J6", "open", "2026-11-25T12:00", (None, None, None, None)),
        ("J1", "complete", "2026-09-20T12:00", (0.0, 0.0, 0.0, 0.0)),
    ]  # September
    for key, status, when, (economic, social, psychosocial, overall) in taken:
        n = next(_ids)
        session.add(Survey(
            key=f"survey:{n}", contact_id=c[key].id, occasion="quarterly", status=status,
            answers={}, sent_at=at(when), created_at=at(when),
            completed_at=at(when) if status == "complete" else None, economic=economic,
            social=social, psychosocial=psychosocial, overall=overall))  # fmt: skip


def seed(session: Session) -> Seeded:
    """The whole programme, in the caller's transaction."""
    c = contacts(session)
    for part in (outbound, inbound, opt_outs_and_erasure, checkins, alerts, referrals,
                 services, goals, surveys):  # fmt: skip
        part(session, c)
    session.flush()
    return Seeded({key: contact.id for key, contact in c.items()})
