"""POST /twilio/status: the delivery lifecycle, opt-outs and unreachable numbers."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.bootstrap import Services
from bot.clock import utcnow
from bot.messaging.outbox import enqueue
from storage import repositories as repo
from storage.models import MessageStatusEvent, OutboundMessage
from tests.helpers import PUBLIC_BASE_URL, RETURNEE, sign

SID = "SM" + "c" * 32


def queued_message(services: Services, sid: str | None = SID) -> int:
    """An outbound message already handed to Twilio as `sid` (None: not yet recorded)."""
    now = utcnow()
    with services.sessions.begin() as session:
        repo.add_contact_with_number(session, RETURNEE, "en", "sms", now)
        enqueue(
            session,
            key="k",
            purpose="welcome",
            to_e164=RETURNEE,
            channel="sms",
            body="hello",
            now=now,
        )
        row = session.scalars(select(OutboundMessage)).one()
        if sid:
            row.twilio_sid, row.dispatch_state, row.status = sid, "sent", "queued"
        else:
            row.dispatch_state = "sending"
        return row.id


def callback(
    client: FlaskClient, services: Services, status: str, code: str = "", **kw: Any
) -> Any:
    query = kw.pop("query", "")
    form = {"MessageSid": kw.pop("sid", SID), "MessageStatus": status, "To": RETURNEE, **kw}
    if code:
        form["ErrorCode"] = code
    url = f"{PUBLIC_BASE_URL}/twilio/status{query}"
    headers = {"X-Twilio-Signature": sign(services.settings.twilio_auth_token or "", url, form)}
    return client.post(f"/twilio/status{query}", data=form, headers=headers)


def message(services: Services, message_id: int) -> OutboundMessage:
    with services.sessions.begin() as session:
        row = session.get(OutboundMessage, message_id)
        assert row is not None
        return row


def number_state(services: Services) -> tuple[Any, Any, Any]:
    with services.sessions.begin() as session:
        number = repo.find_number(session, RETURNEE)
        assert number is not None
        return number.opted_out_at, number.unreachable_at, number.unreachable_code


def test_the_lifecycle_is_recorded_and_a_late_callback_never_moves_it_back(
    client: FlaskClient, services: Services
) -> None:
    message_id = queued_message(services)
    for status in ("sent", "delivered", "sent", "queued"):
        assert callback(client, services, status).status_code == 204
    assert message(services, message_id).status == "delivered"
    with services.sessions.begin() as session:
        events = [
            e.status
            for e in session.scalars(select(MessageStatusEvent).order_by(MessageStatusEvent.id))
        ]
    assert events == ["sent", "delivered", "sent", "queued"]


def test_whatsapp_read_receipts_come_after_delivered(
    client: FlaskClient, services: Services
) -> None:
    message_id = queued_message(services)
    callback(client, services, "delivered")
    callback(client, services, "read")
    assert message(services, message_id).status == "read"


def test_error_21610_marks_the_number_opted_out(client: FlaskClient, services: Services) -> None:
    message_id = queued_message(services)
    callback(client, services, "failed", "21610")
    row = message(services, message_id)
    assert (row.status, row.error_code) == ("failed", 21610)
    assert number_state(services)[0] is not None


@pytest.mark.parametrize("code", ["30003", "30005", "30006"])
def test_carrier_errors_mark_the_number_unreachable(
    client: FlaskClient, services: Services, code: str
) -> None:
    queued_message(services)
    callback(client, services, "undelivered", code)
    opted_out, unreachable_at, unreachable_code = number_state(services)
    assert opted_out is None and unreachable_at is not None and unreachable_code == int(code)


def test_a_callback_that_arrives_before_the_worker_recorded_the_sid_is_adopted(
    client: FlaskClient, services: Services
) -> None:
    message_id = queued_message(services, sid=None)
    assert callback(client, services, "sent", query=f"?m={message_id}").status_code == 204
    row = message(services, message_id)
    assert (row.twilio_sid, row.dispatch_state, row.status) == (SID, "sent", "sent")


def test_an_unsigned_status_callback_is_refused(client: FlaskClient, services: Services) -> None:
    message_id = queued_message(services)
    response = client.post("/twilio/status", data={"MessageSid": SID, "MessageStatus": "delivered"})
    assert response.status_code == 403
    assert message(services, message_id).status == "queued"


@pytest.mark.parametrize(
    ("status", "extra"),
    [("exploded", {}), ("delivered", {"ErrorCode": "abc"}), ("delivered", {"sid": ""})],
    ids=["unknown status", "non-numeric error code", "no sid"],
)
def test_a_malformed_status_callback_gets_400(
    client: FlaskClient, services: Services, status: str, extra: dict[str, str]
) -> None:
    queued_message(services)
    assert callback(client, services, status, **extra).status_code == 400


def test_a_callback_for_an_unknown_message_is_acknowledged_and_kept(
    client: FlaskClient, services: Services
) -> None:
    assert callback(client, services, "delivered", sid="SM" + "d" * 32).status_code == 204
    with services.sessions.begin() as session:
        [event] = session.scalars(select(MessageStatusEvent)).all()
        assert event.outbound_id is None


def test_an_empty_status_callback_is_acknowledged_and_ignored(
    client: FlaskClient, services: Services
) -> None:
    url = f"{PUBLIC_BASE_URL}/twilio/status"
    headers = {"X-Twilio-Signature": sign(services.settings.twilio_auth_token or "", url, {})}
    assert client.post("/twilio/status", data={}, headers=headers).status_code == 200
    with services.sessions.begin() as session:
        assert session.scalars(select(MessageStatusEvent)).all() == []


def test_a_nul_in_the_callbacks_sid_is_refused_naming_the_field(
    client: FlaskClient, services: Services
) -> None:
    reply = callback(client, services, "delivered", sid="SM\x00" + "c" * 30)
    assert reply.status_code == 400 and b"MessageSid contains a NUL byte" in reply.data


def test_21610_for_a_message_we_do_not_know_opts_the_number_out(
    client: FlaskClient, services: Services
) -> None:
    queued_message(services)  # the returnee's number exists; this SID is another one
    reply = callback(client, services, "failed", "21610", sid="SM" + "e" * 32)
    assert reply.status_code == 204
    assert number_state(services)[0] is not None  # opted out


def test_63018_reported_by_a_callback_sends_the_message_again_later(
    client: FlaskClient, services: Services
) -> None:
    message_id = queued_message(services)
    assert callback(client, services, "failed", "63018").status_code == 204
    row = message(services, message_id)
    assert (row.dispatch_state, row.twilio_sid) == ("pending", None)
    assert row.next_attempt_at > utcnow()
