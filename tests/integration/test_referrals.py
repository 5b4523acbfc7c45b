"""Referrals on a real database: the SMS naming the partner, the share consent and the
partner's email, the follow-up the clock asks exactly once (quiet hours, STOP), its answers
(yes completes, no alerts), the directory in orientation answers, and seeding from content."""

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.bootstrap import Services, bootstrap
from bot.casework import partners, referrals
from bot.casework.staff import StaffMember
from bot.config import load_settings
from bot.conversations import inbound
from bot.messaging.ports import Inbound
from bot.schedule.planning import fire_due
from nlu.client import ParseResult
from storage import repositories as repo
from storage.casework import Alert, Caseworker, OutboundEmail
from storage.models import Contact, OutboundMessage
from storage.reintegration import Partner, Referral, ReferralEvent
from storage.schedule import ScheduleEntry
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import db_rows, live_env

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 10:00 in Kingston, a Wednesday
RETURNEE = "+18765551001"
_sids = itertools.count(1)


@pytest.fixture
def world(
    database_url: str, engine: Engine, fake_twilio: FakeTwilio, tmp_path: Path
) -> Iterator[Services]:
    built = bootstrap(load_settings(live_env(database_url, fake_twilio, DEFAULT_OFFICE="JM"),
                                    instance_path=tmp_path))  # fmt: skip
    with built.sessions.begin() as session:
        session.add(Caseworker(name="Olive", phone="+18765550900", email="olive@office.test",
                               office="JM", role="supervisor", on_call=True, language="en",
                               created_at=NOW))  # fmt: skip
        contact = repo.add_contact_with_number(session, RETURNEE, "es", "sms", NOW).contact
        contact.consent, contact.consent_at, contact.country = "given", NOW, "JM"
        contact.time_zone, contact.name, contact.area = (
            "America/Jamaica",
            "Marcia Brown",
            "St. James",
        )
    yield built
    built.engine.dispose()


def olive(services: Services) -> StaffMember:
    with services.sessions.begin() as session:
        person = session.query(Caseworker).filter_by(name="Olive").one()
        return StaffMember(person.id, person.name, person.email, "supervisor", ("JM",))


def contact_id(services: Services) -> int:
    with services.sessions.begin() as session:
        number = repo.find_number(session, RETURNEE)
        assert number is not None
        return number.contact_id


def add_partner(world: Services, **fields: Any) -> int:
    data = {"name": "Bay Help", "kind": "ngo", "country": "JM", "services": ["counselling"],
            "phone": "876 555 0199", "email": "intake@bayhelp.test", "areas": ["St. James"],
            **fields}  # fmt: skip
    who = olive(world)
    with world.sessions.begin() as session:
        return partners.create(session, who, data, world.desk.catalogue, NOW).id


def refer(services: Services, partner_id: int, service: str = "counselling") -> int:
    who, returnee_id = olive(services), contact_id(services)
    with services.sessions.begin() as session:
        contact = session.get(Contact, returnee_id)
        assert contact is not None
        data = {"partner_id": partner_id, "service": service, "note": "needs evening sessions"}
        made = referrals.make(session, services.desk, who, contact, data, NOW, "api")
        assert made.not_sent is None
        return made.referral.id


class Understands:
    """A model that hears every message as one intent (no Rasa server in these tests)."""

    def __init__(self, intent: str) -> None:
        self.intent = intent

    def parse(self, text: str) -> ParseResult:
        return ParseResult(text, self.intent, 0.95)


def reply(services: Services, body: str, now: datetime, nlu: Understands | None = None) -> None:
    inbound.receive(services.desk, Inbound(f"SM{next(_sids):032d}", "sms", RETURNEE,
                                           "+18765550000", body), now, nlu)  # fmt: skip


def sent(services: Services) -> list[OutboundMessage]:
    return db_rows(services, OutboundMessage, OutboundMessage.to_e164 == RETURNEE)


def referral(services: Services, referral_id: int) -> Referral:
    [row] = db_rows(services, Referral, Referral.id == referral_id)
    return row


def test_a_referral_tells_the_returnee_in_their_language_and_asks_to_share(
    world: Services,
) -> None:
    referral_id = refer(world, add_partner(world))
    made, question = sent(world)
    assert made.purpose == "referral_made" and "le referimos a Bay Help" in made.body
    assert "+1 876-555-0199" in made.body
    assert question.purpose == "referral_share_question" and "1 SI o 2 NO" in question.body
    assert referral(world, referral_id).share == "asked"
    [entry] = db_rows(world, ScheduleEntry, ScheduleEntry.purpose == "referral_follow_up")
    assert entry.fire_at == NOW + timedelta(days=10)  # counselling in Jamaica's content
    [event] = db_rows(world, ReferralEvent)
    assert (event.status, event.source) == ("made", "api")


def test_yes_to_sharing_emails_the_partner_the_minimum_once(world: Services) -> None:
    referral_id = refer(world, add_partner(world))
    reply(world, "1", NOW + timedelta(minutes=5))
    reply(world, "1", NOW + timedelta(minutes=6))  # a second "1" is a menu choice now
    row = referral(world, referral_id)
    assert row.share == "given" and row.partner_emailed_at is not None
    [email] = db_rows(world, OutboundEmail)
    assert email.to_address == "intake@bayhelp.test"
    for fact in ("Marcia Brown", RETURNEE, "counselling", "needs evening sessions"):
        assert fact in email.body
    assert sent(world)[2].purpose == "referral_share_yes"


def test_no_to_sharing_emails_nobody(world: Services) -> None:
    referral_id = refer(world, add_partner(world))
    reply(world, "2", NOW + timedelta(minutes=5))
    assert referral(world, referral_id).share == "declined"
    assert db_rows(world, OutboundEmail) == []


def test_a_partner_without_email_is_named_and_nothing_is_asked(world: Services) -> None:
    referral_id = refer(world, add_partner(world, email=None))
    assert [m.purpose for m in sent(world)] == ["referral_made"]
    assert referral(world, referral_id).share == "unknown"


def test_the_follow_up_goes_once_by_day_and_yes_completes_the_referral(world: Services) -> None:
    referral_id = refer(world, add_partner(world, email=None))
    night = NOW + timedelta(days=10, hours=12)  # 22:00 in Kingston: quiet hours
    fire_due(world.desk, night)
    assert [m.purpose for m in sent(world)] == ["referral_made"]
    morning = NOW + timedelta(days=11)
    fire_due(world.desk, morning)
    fire_due(world.desk, morning + timedelta(minutes=1))
    asked = [m for m in sent(world) if m.purpose == "referral_follow_up"]
    assert len(asked) == 1 and asked[0].body.startswith("¿Recibio ayuda de Bay Help?")
    reply(world, "1", morning + timedelta(hours=1))
    row = referral(world, referral_id)
    assert (row.status, row.follow_up_answer) == ("completed", "yes")


def test_no_help_alerts_the_caseworker_and_keeps_the_referral_open(world: Services) -> None:
    referral_id = refer(world, add_partner(world, email=None))
    fire_due(world.desk, NOW + timedelta(days=11))
    reply(world, "3", NOW + timedelta(days=11, hours=1))
    row = referral(world, referral_id)
    assert (row.status, row.follow_up_answer) == ("made", "no")
    [alert] = db_rows(world, Alert)
    assert alert.kind == "referral_failed" and "Bay Help" in alert.reason


def test_an_opted_out_or_closed_referral_gets_no_follow_up(world: Services) -> None:
    closed = refer(world, add_partner(world, email=None))
    who = olive(world)
    with world.sessions.begin() as session:
        referrals.change_status(session, who, closed, "declined", None, NOW, "api")
    fire_due(world.desk, NOW + timedelta(days=11))
    skipped = db_rows(world, ScheduleEntry, ScheduleEntry.purpose == "referral_follow_up")
    assert [(e.state, e.reason) for e in skipped] == [("skipped", "referral already declined")]
    refer(world, add_partner(world, name="Town Aid", email=None))
    reply(world, "STOP", NOW + timedelta(days=1))
    fire_due(world.desk, NOW + timedelta(days=11))
    assert not [m for m in sent(world) if m.purpose == "referral_follow_up"]


def test_a_service_the_partner_does_not_offer_is_refused_and_changes_nothing(
    world: Services,
) -> None:
    partner_id = add_partner(world)
    with pytest.raises(referrals.ReferralError, match="does not offer 'grants'"):
        refer(world, partner_id, service="grants")
    assert db_rows(world, Referral) == [] and sent(world) == []


def test_orientation_names_the_partner_of_the_returnees_area_first(world: Services) -> None:
    add_partner(world, name="Kingston Care", areas=["Kingston"], phone="876 555 0142")
    add_partner(world)  # Bay Help, St. James: the returnee's area
    reply(world, "necesito consejeria", NOW, Understands("ask_counselling"))
    answer = sent(world)[-1]
    assert answer.purpose == "orientation_counselling"
    assert answer.body.index("Bay Help") < answer.body.index("Kingston Care")


def test_seeding_from_content_is_idempotent_and_keeps_office_edits(world: Services) -> None:
    with world.sessions.begin() as session:
        added = partners.seed_from_content(session, world.desk.catalogue, NOW)
    assert added > 0
    [nodm] = db_rows(world, Partner, Partner.source_key == "JM/NODM")
    assert set(nodm.services) == {"counselling", "job_placement"}
    with world.sessions.begin() as session:
        session.get(Partner, nodm.id).phone = "+1 876-555-0111"  # type: ignore[union-attr]
        assert partners.seed_from_content(session, world.desk.catalogue, NOW) == 0
    [again] = db_rows(world, Partner, Partner.source_key == "JM/NODM")
    assert again.phone == "+1 876-555-0111"


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": "x"}, "name"), ({"name": "N" * 201}, "name"), ({"kind": "club"}, "kind"),
    ({"country": "US"}, "country"), ({"country": "HT"}, "country"),
    ({"phone": "12"}, "phone"), ({"email": "not-an-email"}, "email"),
    ({"name": "Bad\x00Name"}, "name"), ({"services": ["flying"]}, "services"),
    ({"areas": ["a" * 81]}, "areas"), ({"address": "A" * 301}, "address"),
])  # fmt: skip
def test_a_bad_partner_is_refused_naming_the_field(
    world: Services, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(partners.PartnerError) as raised:
        add_partner(world, **fields)
    assert raised.value.field == field
    assert db_rows(world, Partner) == []


def test_the_follow_up_waits_while_a_person_has_the_conversation(world: Services) -> None:
    refer(world, add_partner(world, email=None))
    due, returnee_id = NOW + timedelta(days=11), contact_id(world)
    with world.sessions.begin() as session:
        contact = session.get(Contact, returnee_id)
        assert contact is not None
        contact.paused_until = due + timedelta(hours=2)
    fire_due(world.desk, due)
    [entry] = db_rows(world, ScheduleEntry, ScheduleEntry.purpose == "referral_follow_up")
    assert (entry.state, entry.reason) == ("planned", "paused")
    fire_due(world.desk, due + timedelta(hours=3))
    assert [m.purpose for m in sent(world)][-1] == "referral_follow_up"
