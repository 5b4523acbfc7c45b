"""The fake Twilio API answers the real twilio SDK the way Twilio does."""

import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot.messaging.channels.twilio_client import make_twilio_client

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.fakes.twilio_api import (  # noqa: E402
    SERVICE_SENDER,
    FakeTwilio,
    Outcome,
    num_segments,
)

SENDER = "+15005550006"
RECIPIENT = "+18685550101"
SID_PATTERN = re.compile(r"^SM[0-9a-f]{32}$")


@pytest.fixture
def fake() -> Iterator[FakeTwilio]:
    """A running fake Twilio, stopped after the test."""
    with FakeTwilio() as running:
        yield running


@pytest.fixture
def client(fake: FakeTwilio) -> Client:
    """The real twilio SDK client pointed at the fake."""
    return make_twilio_client(fake.account_sid, fake.auth_token, fake.base_url, timeout=5)


def send(client: Client, to: str = RECIPIENT, body: str = "Hello") -> Any:
    """Send one SMS from the usual sender."""
    return client.messages.create(to=to, from_=SENDER, body=body)


def test_creating_a_message_returns_a_queued_sid_and_records_it(
    fake: FakeTwilio, client: Client
) -> None:
    callback = "https://bot.example/status"
    message = client.messages.create(
        to=RECIPIENT, from_=SENDER, body="Welcome home", status_callback=callback
    )

    assert SID_PATTERN.match(message.sid)
    assert (message.status, message.to, message.from_) == ("queued", RECIPIENT, SENDER)
    assert (message.body, message.num_segments, message.direction) == (
        "Welcome home",
        "1",
        "outbound-api",
    )
    assert message.date_created.tzinfo is not None and message.error_code is None
    [recorded] = fake.messages
    assert recorded["sid"] == message.sid and recorded["status_callback"] == callback
    assert recorded["created_at"].tzinfo == UTC
    assert abs(recorded["created_at"] - datetime.now(UTC)) < timedelta(seconds=5)
    assert fake.attempts == 1


def test_a_messaging_service_send_gets_a_fixed_sender_and_whatsapp_keeps_its_prefix(
    fake: FakeTwilio, client: Client
) -> None:
    service = "MG" + "a" * 32
    sms = client.messages.create(to=RECIPIENT, messaging_service_sid=service, body="Hi")
    whatsapp = client.messages.create(
        to=f"whatsapp:{RECIPIENT}", messaging_service_sid=service, body="Hi"
    )

    assert (sms.from_, sms.messaging_service_sid) == (SERVICE_SENDER, service)
    assert (whatsapp.to, whatsapp.from_) == (f"whatsapp:{RECIPIENT}", f"whatsapp:{SERVICE_SENDER}")


def test_a_content_template_send_records_its_sid_and_variables(
    fake: FakeTwilio, client: Client
) -> None:
    fake.approve_template("HX" + "b" * 32)
    client.messages.create(
        to=f"whatsapp:{RECIPIENT}",
        from_=f"whatsapp:{SENDER}",
        content_sid="HX" + "b" * 32,
        content_variables='{"1": "Ana"}',
    )

    [recorded] = fake.messages
    assert recorded["content_sid"] == "HX" + "b" * 32
    assert recorded["content_variables"] == '{"1": "Ana"}'


@pytest.mark.parametrize(
    ("outcome", "status", "code"),
    [
        (Outcome(status=429, code=20429), 429, 20429),
        (Outcome(status=500, code=20500), 500, 20500),
        (
            Outcome(status=400, code=21610, message="Attempt to send to unsubscribed recipient"),
            400,
            21610,
        ),
    ],
)
def test_a_scripted_error_reaches_the_sdk_as_a_twilio_rest_exception(
    fake: FakeTwilio, client: Client, outcome: Outcome, status: int, code: int
) -> None:
    fake.script(outcome)

    with pytest.raises(TwilioRestException) as raised:
        send(client)

    assert (raised.value.status, raised.value.code) == (status, code)
    assert fake.messages == [] and fake.attempts == 1


def test_scripted_outcomes_apply_in_order_then_sends_succeed_again(
    fake: FakeTwilio, client: Client
) -> None:
    fake.script(Outcome(status=429, code=20429), Outcome())

    with pytest.raises(TwilioRestException):
        send(client)
    first = send(client)
    second = send(client)

    assert [m["sid"] for m in fake.messages] == [first.sid, second.sid]
    assert fake.attempts == 3


def test_a_blocked_number_is_refused_with_21610_on_every_channel(
    fake: FakeTwilio, client: Client
) -> None:
    fake.block_number(RECIPIENT)

    for to in (RECIPIENT, f"whatsapp:{RECIPIENT}"):
        with pytest.raises(TwilioRestException) as raised:
            send(client, to=to)
        assert (raised.value.status, raised.value.code) == (400, 21610)
    assert fake.messages == []


def test_a_send_without_to_or_sender_gets_twilios_validation_codes(
    fake: FakeTwilio, client: Client
) -> None:
    with pytest.raises(TwilioRestException) as no_to:
        client.messages.create(to="", from_=SENDER, body="x")
    with pytest.raises(TwilioRestException) as no_sender:
        client.messages.create(to=RECIPIENT, body="x")

    assert (no_to.value.status, no_to.value.code) == (400, 21604)
    assert (no_sender.value.status, no_sender.value.code) == (400, 21603)


def test_wrong_credentials_get_a_401_with_code_20003(fake: FakeTwilio) -> None:
    intruder = make_twilio_client(fake.account_sid, "wrong-token", fake.base_url, timeout=5)

    with pytest.raises(TwilioRestException) as raised:
        send(intruder)

    assert (raised.value.status, raised.value.code) == (401, 20003)
    assert fake.messages == []


def test_listing_by_recipient_and_date_sent_after_finds_the_message(
    fake: FakeTwilio, client: Client
) -> None:
    before = datetime.now(UTC) - timedelta(seconds=2)
    older = send(client, body="first")
    newer = send(client, body="second")
    send(client, to="+18685550199")

    found = client.messages.list(to=RECIPIENT, date_sent_after=before)
    later = client.messages.list(to=RECIPIENT, date_sent_after=before + timedelta(minutes=5))
    day = fake.messages[0]["created_at"].date()
    today = client.messages.list(to=RECIPIENT, date_sent=day)
    until = client.messages.list(date_sent_before=before)
    on_or_before_today = client.messages.list(date_sent_before=day.isoformat())

    assert [m.sid for m in found] == [newer.sid, older.sid]
    assert later == [] and until == []
    assert len(today) == 2 and len(on_or_before_today) == 3


def test_listing_follows_next_page_uris_through_the_sdk(fake: FakeTwilio, client: Client) -> None:
    sent = [send(client, body=str(n)).sid for n in range(5)]

    listed = client.messages.list(from_=SENDER, page_size=2)

    assert [m.sid for m in listed] == list(reversed(sent))


def test_fetching_finds_a_sent_message_and_an_unknown_sid_is_a_404(
    fake: FakeTwilio, client: Client
) -> None:
    sent = send(client)

    assert client.messages(sent.sid).fetch().body == "Hello"
    with pytest.raises(TwilioRestException) as raised:
        client.messages("SM" + "0" * 32).fetch()
    assert (raised.value.status, raised.value.code) == (404, 20404)


def test_accept_then_delay_records_the_message_before_the_client_gives_up(
    fake: FakeTwilio,
) -> None:
    impatient = make_twilio_client(fake.account_sid, fake.auth_token, fake.base_url, timeout=0.3)
    fake.script(Outcome(accept_then_delay=2.0))

    with pytest.raises(requests.exceptions.Timeout):
        send(impatient)

    assert len(fake.messages) == 1


def test_delay_before_holds_the_answer_back(fake: FakeTwilio, client: Client) -> None:
    fake.script(Outcome(delay_before=0.3))
    started = time.monotonic()

    send(client)

    assert time.monotonic() - started >= 0.3


def test_many_concurrent_sends_are_all_recorded(fake: FakeTwilio, client: Client) -> None:
    with ThreadPoolExecutor(max_workers=16) as pool:
        sids = set(pool.map(lambda n: send(client, body=str(n)).sid, range(40)))

    assert len(sids) == 40 and len(fake.wait_for_messages(40, timeout=1)) == 40


def test_other_processes_can_inspect_script_and_reset_the_fake_over_http(
    fake: FakeTwilio, client: Client
) -> None:
    sent = send(client)
    listed = requests.get(f"{fake.base_url}/_fake/messages", timeout=5).json()
    requests.post(f"{fake.base_url}/_fake/script", json=[{"status": 503}], timeout=5)
    with pytest.raises(TwilioRestException) as raised:
        send(client)
    requests.post(f"{fake.base_url}/_fake/reset", timeout=5)

    assert [(m["sid"], m["to"], m["from"]) for m in listed] == [(sent.sid, RECIPIENT, SENDER)]
    assert datetime.fromisoformat(listed[0]["created_at"]).tzinfo is not None
    assert (raised.value.status, raised.value.code) == (503, 20503)
    assert fake.messages == [] and fake.attempts == 0


def test_segments_are_counted_like_twilio_for_gsm_and_unicode_bodies() -> None:
    assert [num_segments("a" * 160), num_segments("a" * 161), num_segments("€" * 80)] == [1, 2, 1]
    assert [num_segments("é" * 160), num_segments("ñ" * 70), num_segments("ŝ" * 71)] == [1, 1, 2]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"body": "x" * 1601}, 21617),
        ({"content_sid": "HX" + "c" * 32, "content_variables": '{"1": "Ana"}'}, 21655),
        ({"content_sid": "HX" + "b" * 32, "content_variables": '{"1": ""}'}, 21656),
        ({"content_sid": "HX" + "b" * 32, "content_variables": '{"1": "  "}'}, 21656),
        ({"content_sid": "HX" + "b" * 32, "content_variables": "{}"}, 21656),
        ({"content_sid": "HX" + "b" * 32, "content_variables": "not json"}, 21656),
    ],
    ids=["a body over 1600", "an unknown ContentSid", "an empty variable", "a blank variable",
         "a missing variable", "variables that are not JSON"],
)  # fmt: skip
def test_the_fake_refuses_what_real_twilio_refuses(
    fake: FakeTwilio, client: Client, fields: dict[str, str], code: int
) -> None:
    fake.approve_template("HX" + "b" * 32, variables=1)
    with pytest.raises(TwilioRestException) as refused:
        client.messages.create(to=f"whatsapp:{RECIPIENT}", from_=f"whatsapp:{SENDER}", **fields)
    assert (refused.value.status, refused.value.code) == (400, code)
    assert fake.messages == []
