"""Erasure on request on a real database: by SMS (asked, confirmed by 1) and by a supervisor
on the dashboard; names, numbers, bodies and free text go, the counts stay, the number stays
opted out under its hash, the caseworker is told, the returnee is gone from pages and API;
retention redacts old bodies by the clock, in batches, once."""

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.bootstrap import Services
from bot.casework import erasure
from bot.casework.staff import issue_token
from bot.conversations import inbound
from bot.messaging.ports import Inbound
from storage.casework import Alert, CheckIn, OutboundEmail
from storage.models import Contact, ContactNumber, InboundMessage, OutboundMessage
from storage.reintegration import Partner, PlanGoal, Referral, ServiceDelivered, Survey
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration import test_dashboard
from tests.integration.test_dashboard import JM_RETURNEE, NOW, post, sign_in

world = test_dashboard.world  # the fixture: JM and HT caseworkers and returnees
_sid = iter(range(1, 10_000))


def text(services: Services, body: str, when: datetime, sender: str = JM_RETURNEE) -> None:
    inbound.receive(services.desk, Inbound(f"SM{next(_sid):032d}", "sms", sender,
                                           "+18765550000", body), when)  # fmt: skip


def seed_casework(services: Services, contact_id: int, caseworker_id: int) -> None:
    """The free text and the statistics an erasure must tell apart."""
    with services.sessions.begin() as db:
        contact = db.get(Contact, contact_id)
        assert contact is not None
        contact.caseworker_id, contact.area = caseworker_id, "St. James"
        contact.birth_date, contact.sex, contact.return_type = date(1990, 5, 17), "male", "forced"
        contact.returned_at = NOW - timedelta(days=40)
        partner = Partner(name="Bay Help", kind="ngo", country="JM", areas=[], services=[],
                          languages=[], created_at=NOW, updated_at=NOW)  # fmt: skip
        db.add(partner)
        db.flush()
        db.add_all([
            Referral(contact_id=contact_id, partner_id=partner.id, service="counselling",
                     note="lives with his aunt on Barnett St", status="completed",
                     created_at=NOW, updated_at=NOW),
            PlanGoal(contact_id=contact_id, dimension="economic", goal="cook shop on Barnett St",
                     created_at=NOW, updated_at=NOW),
            ServiceDelivered(contact_id=contact_id, kind="grant_disbursed", business_type="food",
                             delivered_on=NOW.date(), note="paid to Barnett", created_at=NOW),
            Survey(key=f"survey:{contact_id}:1", contact_id=contact_id, occasion="quarterly",
                   status="complete", answers={"eco_income": "1"}, sent_at=NOW, economic=0.5,
                   social=0.75, psychosocial=1.0, overall=0.75, created_at=NOW),
            CheckIn(contact_id=contact_id, asked_at=NOW, answered_at=NOW, answer="okay"),
        ])  # fmt: skip


def test_delete_my_data_then_1_erases_everything_that_names_the_returnee(world: Any) -> None:
    services, _, ids = world
    seed_casework(services, ids["jm"], ids["marcia"])
    text(services, "I need help with my ID, I live on Barnett St", NOW)
    text(services, "BORRAR MIS DATOS", NOW + timedelta(minutes=1))
    question = db_rows(services, OutboundMessage, OutboundMessage.purpose == "erasure_confirm")
    assert len(question) == 1 and "Responda 1" in question[0].body
    text(services, "1", NOW + timedelta(minutes=2))

    [contact] = db_rows(services, Contact, Contact.id == ids["jm"])
    assert contact.erased_at is not None and contact.name is None and contact.area is None
    assert contact.birth_date is None and contact.age_band == "35-44"
    assert (contact.sex, contact.return_type, contact.country) == ("male", "forced", "JM")
    [number] = db_rows(services, ContactNumber, ContactNumber.contact_id == ids["jm"])
    assert number.e164.startswith("h:") and number.opted_out_at is not None
    bodies = [m.body for m in db_rows(services, InboundMessage)]
    assert all("Barnett" not in b and "BORRAR" not in b for b in bodies)
    done = db_rows(services, OutboundMessage, OutboundMessage.purpose == "opt_out_confirmation")
    assert len(done) == 1 and done[0].to_e164 == JM_RETURNEE  # the reply still goes out
    assert db_rows(services, Referral)[0].note is None
    assert db_rows(services, Referral)[0].status == "completed"  # statistics stay
    assert "Barnett" not in db_rows(services, PlanGoal)[0].goal
    assert db_rows(services, ServiceDelivered)[0].business_type == "food"
    [survey] = db_rows(services, Survey)
    assert survey.answers == {} and survey.overall == 0.75
    [email] = db_rows(services, OutboundEmail, OutboundEmail.idempotency_key.startswith("erasure"))
    assert email.to_address == "marcia@office.test"
    assert "erasure" in [e.action for e in db_rows(services, AuditEntry)]


def test_after_the_reply_is_sent_the_clock_hashes_the_last_number_left(world: Any) -> None:
    services = world[0]
    text(services, "DELETE MY DATA", NOW)
    text(services, "1", NOW + timedelta(minutes=1))
    with services.sessions.begin() as db:
        for row in db.scalars(select(OutboundMessage)):
            row.dispatch_state = "sent"
    erasure.finish_erasures(services.sessions, services.desk.pseudonym_key, NOW)
    erasure.finish_erasures(services.sessions, services.desk.pseudonym_key, NOW)  # idempotent
    with services.sessions.begin() as db:
        addresses = [*db.scalars(select(InboundMessage.from_e164)),
                     *db.scalars(select(OutboundMessage.to_e164))]  # fmt: skip
    assert addresses and not any(JM_RETURNEE in a for a in addresses)


def test_a_later_message_from_an_erased_number_is_silent_until_start(world: Any) -> None:
    services, _, ids = world
    text(services, "DELETE MY DATA", NOW)
    text(services, "1", NOW + timedelta(minutes=1))
    before = len(db_rows(services, OutboundMessage))
    text(services, "hello", NOW + timedelta(days=1))
    assert len(db_rows(services, OutboundMessage)) == before  # still opted out
    [later] = db_rows(services, InboundMessage, InboundMessage.body == "hello")
    assert later.contact_id == ids["jm"]  # the erased row: the clock blanks it
    text(services, "START", NOW + timedelta(days=2))
    contacts = db_rows(services, Contact, Contact.erased_at.is_(None), Contact.country.is_(None))
    assert len(contacts) == 1  # a new person, asked for consent like anyone new


def test_2_keeps_the_data(world: Any) -> None:
    services, _, ids = world
    text(services, "EFFACER MES DONNEES", NOW)
    text(services, "2", NOW + timedelta(minutes=1))
    [contact] = db_rows(services, Contact, Contact.id == ids["jm"])
    assert contact.erased_at is None and contact.name == "jm returnee"


def test_a_supervisor_asks_or_erases_and_the_returnee_is_gone_from_pages_and_api(
    world: Any,
) -> None:
    services, app, ids = world
    page = f"/dashboard/returnees/{ids['jm']}"
    marcia = sign_in(app, "marcia@office.test")
    refused = post(marcia, page, f"{page}/erasure", how="confirmed", confirm="yes")
    assert refused.status_code == 403
    desmond = sign_in(app, "desmond@office.test")
    assert "Erase this returnee" in desmond.get(page).get_data(as_text=True)
    assert post(desmond, page, f"{page}/erasure", how="nonsense").status_code == 400
    asked = post(desmond, page, f"{page}/erasure", how="ask")
    assert asked.status_code == 302
    [question] = db_rows(services, OutboundMessage, OutboundMessage.purpose == "erasure_confirm")
    assert question.to_e164 == JM_RETURNEE
    text(services, "1", NOW + timedelta(minutes=3))  # the answer to the supervisor's question
    assert db_rows(services, Contact, Contact.id == ids["jm"])[0].erased_at is not None
    assert desmond.get(page).status_code == 404
    listing = desmond.get("/dashboard/returnees").get_data(as_text=True)
    assert f'/dashboard/returnees/{ids["jm"]}"' not in listing
    with services.sessions.begin() as db:
        token = issue_token(db, ids["desmond"], "test", NOW)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get(f"/api/v1/returnees/{ids['jm']}", headers=headers).status_code == 404
    listed = api.get("/api/v1/returnees", headers=headers).json["returnees"]
    assert ids["jm"] not in [r["id"] for r in listed]


def test_erase_now_by_a_supervisor_and_open_alerts_are_closed(world: Any) -> None:
    services, app, ids = world
    test_dashboard.crisis(services, JM_RETURNEE)
    page = f"/dashboard/returnees/{ids['jm']}"
    desmond = sign_in(app, "desmond@office.test")
    unticked = post(desmond, page, f"{page}/erasure", how="confirmed")
    assert unticked.status_code == 302 and "#erasure" in unticked.headers["Location"]
    assert "tick the box" in desmond.get(page).get_data(as_text=True)
    assert desmond.get(page).status_code == 200  # nothing erased without the tick
    assert post(desmond, page, f"{page}/erasure", how="confirmed", confirm="yes").status_code == 302
    [alert] = db_rows(services, Alert)
    assert alert.status == "resolved" and alert.e164.startswith("h:") and "kill" not in alert.reason
    assert all("kill" not in e.body for e in db_rows(services, OutboundEmail))
    assert post(desmond, "/dashboard/returnees", f"{page}/erasure", how="ask").status_code == 404


def test_retention_redacts_old_bodies_in_batches_once_and_audits(world: Any) -> None:
    services = world[0]
    for days in (800, 760, 10):
        text(services, f"message {days} days old", NOW - timedelta(days=days))
    changed = erasure.redact_old_messages(services.sessions, NOW, 24)
    bodies = sorted(m.body for m in db_rows(services, InboundMessage))
    assert bodies == ["[redacted]", "[redacted]", "message 10 days old"]
    assert changed >= 2  # and the replies sent back then
    assert erasure.redact_old_messages(services.sessions, NOW, 24) == 0
    assert "retention" in [e.action for e in db_rows(services, AuditEntry)]


def test_months_before_keeps_the_day_or_the_last_of_a_short_month() -> None:
    from datetime import UTC

    assert erasure.months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, tzinfo=UTC
    )
    assert erasure.months_before(datetime(2026, 12, 2, tzinfo=UTC), 24).year == 2024
