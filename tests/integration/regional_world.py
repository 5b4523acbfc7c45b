"""A seeded programme for the regional dataset's tests: returnees with names, numbers,
messages, notes and plans (everything an export must leave out), services, referrals and
surveys counted by hand, one erased returnee, and an admin and a caseworker with API tokens."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bot.bootstrap import Services
from bot.casework import alerts, erasure
from bot.casework.staff import issue_token
from bot.messaging import outbox
from storage import repositories as repo
from storage.casework import Caseworker
from storage.models import Contact, InboundMessage
from storage.reintegration import Partner, PlanGoal, Referral, ServiceDelivered, Survey

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
Q4 = datetime(2026, 10, 20, 15, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    """An admin and a caseworker (with tokens) and the seeded returnees' ids."""

    admin_token: str
    caseworker_token: str
    ids: dict[str, int]


def add_staff(services: Services, name: str, role: str, office: str) -> str:
    with services.sessions.begin() as session:
        person = Caseworker(name=name, phone=f"+1876555{len(name):04d}", role=role, office=office,
                            email=f"{name.lower()}@office.test", on_call=False, language="en",
                            created_at=NOW)  # fmt: skip
        session.add(person)
        session.flush()
        return issue_token(session, person.id, "regional", NOW)


def add_returnee(services: Services, n: int, country: str, **fields: Any) -> int:
    """A returnee with a name, a number, a conversation, notes and a plan: all private."""
    e164 = f"+1876555{1000 + n}" if country == "JM" else f"+5093700{1000 + n}"
    with services.sessions.begin() as session:
        contact = repo.add_contact_with_number(session, e164, "en", "sms", NOW).contact
        contact.name = f"Marcia Zephyrine Brown-Lattimore {n}"
        contact.country, contact.consent, contact.area = country, "given", "Half Way Tree"
        contact.returned_at = fields.pop("returned_at", Q4)
        for name, value in fields.items():
            setattr(contact, name, value)
        session.add(InboundMessage(
            message_sid=f"SM{n:032d}", channel="sms", from_e164=e164, to_address="+18765550000",
            contact_id=contact.id, body="meet me at the docks at midnight", received_at=Q4,
        ))  # fmt: skip
        outbox.enqueue(session, key=f"t:{n}", purpose="caseworker_message", to_e164=e164,
                       channel="sms", body="Hello Marcia, Olive here", now=NOW,
                       contact_id=contact.id)  # fmt: skip
        session.add(PlanGoal(contact_id=contact.id, dimension="economic", goal="GOAL-TEXT-PRIVATE",
                             created_at=Q4, updated_at=Q4))  # fmt: skip
        trigger = alerts.Trigger(e164, contact, None, "help")
        alerts.raise_alert(session, services.desk.alerts, "request_human", "ALERT-REASON-PRIVATE",
                           trigger, NOW)  # fmt: skip
        return contact.id


def partner(services: Services) -> int:
    with services.sessions.begin() as session:
        row = Partner(name="Bay Help", kind="ngo", country="JM", created_at=NOW, updated_at=NOW)
        session.add(row)
        session.flush()
        return row.id


def add_service(services: Services, contact_id: int, kind: str, on: date) -> None:
    with services.sessions.begin() as session:
        session.add(ServiceDelivered(contact_id=contact_id, kind=kind, delivered_on=on,
                                     note="CONFIDENTIAL-NOTE Kemar owes money",
                                     created_at=NOW))  # fmt: skip


def add_referral(services: Services, contact_id: int, partner_id: int, status: str,
                 made: datetime, changed: datetime) -> None:  # fmt: skip
    with services.sessions.begin() as session:
        session.add(Referral(contact_id=contact_id, partner_id=partner_id, service="counselling",
                             note="CONFIDENTIAL-NOTE", status=status, created_at=made,
                             outcome="REFERRAL-OUTCOME-PRIVATE", updated_at=changed))  # fmt: skip


def add_survey(services: Services, contact_id: int, taken: datetime, scores: tuple[Any, ...],
               status: str = "complete") -> None:  # fmt: skip
    economic, social, psychosocial, overall = scores
    with services.sessions.begin() as session:
        session.add(Survey(key=f"survey:{contact_id}:{taken.isoformat()}", contact_id=contact_id,
                           occasion="quarterly", status=status, answers={"q1": "3"}, sent_at=taken,
                           completed_at=taken if status == "complete" else None,
                           economic=economic, social=social, psychosocial=psychosocial,
                           overall=overall, created_at=taken))  # fmt: skip


def seed(services: Services) -> World:
    """Six JM forced returnees (one fully followed), two JM voluntary, one HT, one erased, one
    who declined consent and one back only in 2027's registration."""
    ids = {f"jm{n}": add_returnee(services, n, "JM", return_type="forced", sex="female",
                                  birth_date=date(1990, 5, 17)) for n in range(6)}  # fmt: skip
    ids["vol1"] = add_returnee(services, 10, "JM", return_type="voluntary", sex="male",
                               age_band="45-54", deporting_country="CA")  # fmt: skip
    ids["vol2"] = add_returnee(services, 11, "JM", return_type="voluntary")
    ids["ht"] = add_returnee(services, 12, "HT", return_type="forced", deporting_country="US",
                             returned_at=datetime(2026, 8, 3, 16, tzinfo=UTC))  # fmt: skip
    ids["erased"] = add_returnee(services, 13, "JM", return_type="forced", sex="male")
    ids["declined"] = add_returnee(services, 14, "JM", consent="declined")
    followed, help_id = ids["jm0"], partner(services)
    delivered = [("counselling_session", date(2026, 10, 21)),
                 ("counselling_session", date(2026, 11, 4)),
                 ("grant_approved", date(2026, 11, 30)),
                 ("job_placed", date(2026, 9, 30))]  # the last one: Q3  # fmt: skip
    for kind, on in delivered:
        add_service(services, followed, kind, on)
    for n in range(5):  # five returnees trained: the by_service cell is shown
        add_service(services, ids[f"jm{n}"], "training_enrolled", date(2026, 11, 2))
    add_service(services, ids["vol1"], "rehab_started", date(2026, 10, 5))
    add_referral(services, followed, help_id, "completed", Q4, datetime(2026, 11, 9, tzinfo=UTC))
    add_referral(services, followed, help_id, "made", Q4, Q4)
    add_referral(services, followed, help_id, "completed", datetime(2026, 9, 1, tzinfo=UTC),
                 datetime(2026, 10, 2, tzinfo=UTC))  # made in Q3, completed in Q4  # fmt: skip
    add_survey(services, followed, datetime(2026, 10, 25, tzinfo=UTC), (0.2, 0.3, 0.4, 0.3))
    add_survey(services, followed, datetime(2026, 11, 25, tzinfo=UTC), (0.6, None, 0.5, 0.55),
               status="partial")  # fmt: skip
    add_survey(services, followed, datetime(2026, 9, 25, tzinfo=UTC), (0.9, 0.9, 0.9, 0.9))
    with services.sessions.begin() as session:
        gone = session.get(Contact, ids["erased"])
        assert gone is not None
        erasure.erase(session, gone, services.desk.pseudonym_key, NOW)
    return World(add_staff(services, "Ada", "admin", "JM"),
                 add_staff(services, "Olive", "caseworker", "JM"), ids)  # fmt: skip
