"""The outbox worker: the real twilio SDK against the fake Twilio API."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.bootstrap import Services
from bot.clock import utcnow
from bot.messaging.outbox import Dispatcher, DispatchPolicy, enqueue
from storage import repositories as repo
from storage.models import ContactNumber, OutboundMessage, SenderSlot
from tests.fakes.twilio_api import FakeTwilio, Outcome
from tests.helpers import PUBLIC_BASE_URL, RETURNEE, SMS_FROM, WHATSAPP_FROM

FAST = DispatchPolicy(rate_per_second=1000, max_attempts=4, backoff_base=0.0, backoff_cap=0.0)


class ManualClock:
    """A clock the test moves by hand, and a sleep that moves it."""

    def __init__(self) -> None:
        self.now = utcnow()
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


def queue(services: Services, key: str, body: str = "hello", **kw: Any) -> bool:
    now = kw.pop("now", None) or utcnow()
    values: dict[str, Any] = {"purpose": "welcome", "to_e164": RETURNEE, "channel": "sms", **kw}
    with services.sessions.begin() as session:
        return enqueue(session, key=key, body=body, now=now, **values)


def rows(services: Services) -> list[OutboundMessage]:
    with services.sessions.begin() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def drain(dispatcher: Dispatcher, rounds: int = 10) -> None:
    for _ in range(rounds):
        dispatcher.run_once()


def test_a_queued_message_is_sent_once_with_a_status_callback_and_its_sid_recorded(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    queue(services, "k1", "Hello from the programme")
    drain(services.dispatcher(FAST))
    [sent] = fake_twilio.messages
    [row] = rows(services)
    assert (sent["to"], sent["from"], sent["body"]) == (
        RETURNEE,
        SMS_FROM,
        "Hello from the programme",
    )
    assert sent["status_callback"] == f"{PUBLIC_BASE_URL}/twilio/status?m={row.id}"
    assert (row.dispatch_state, row.twilio_sid, row.status) == ("sent", sent["sid"], "queued")


def test_a_whatsapp_message_goes_from_the_whatsapp_sender(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    queue(services, "k1", channel="whatsapp")
    drain(services.dispatcher(FAST))
    [sent] = fake_twilio.messages
    assert (sent["to"], sent["from"]) == (f"whatsapp:{RETURNEE}", f"whatsapp:{WHATSAPP_FROM}")


def test_the_same_idempotency_key_queues_one_message(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    for _ in range(3):
        queue(services, "same-key")
    drain(services.dispatcher(FAST))
    assert len(fake_twilio.messages) == 1


@pytest.mark.parametrize(
    "burst",
    [
        [Outcome(429, 20429)] * 3,
        [Outcome(500)] * 3,
        [Outcome(429, 20429), Outcome(500), Outcome(503)],
    ],
    ids=["429 burst", "500 burst", "mixed"],
)
def test_a_burst_of_429s_and_500s_is_retried_and_exactly_one_message_arrives(
    services: Services, fake_twilio: FakeTwilio, burst: list[Outcome]
) -> None:
    fake_twilio.script(*burst)
    queue(services, "k1")
    drain(services.dispatcher(FAST))
    assert len(fake_twilio.messages) == 1
    assert fake_twilio.attempts == len(burst) + 1
    [row] = rows(services)
    assert row.dispatch_state == "sent" and row.error_code is None


def test_retries_stop_at_the_bound_and_the_message_is_failed_with_the_error_code(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.script(*[Outcome(429, 20429)] * 10)
    queue(services, "k1")
    drain(services.dispatcher(FAST))
    [row] = rows(services)
    assert (row.dispatch_state, row.error_code, row.attempts) == (
        "failed",
        20429,
        FAST.max_attempts,
    )
    assert fake_twilio.attempts == FAST.max_attempts and fake_twilio.messages == []


def test_a_retry_waits_with_exponential_backoff(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    clock = ManualClock()
    policy = DispatchPolicy(rate_per_second=1000, backoff_base=10, backoff_cap=900)
    dispatcher = Dispatcher(
        services.sessions, services.sender, policy, clock=clock, sleep=clock.sleep
    )
    dispatcher.rng = lambda: 1.0  # no jitter: exactly base * 2^(n-1)
    fake_twilio.script(Outcome(500), Outcome(500))
    queue(services, "k1", now=clock.now)
    waits = []
    for _ in range(2):
        dispatcher.run_once()
        [row] = rows(services)
        waits.append((row.next_attempt_at - clock.now).total_seconds())
        assert dispatcher.run_once() == 0  # not due yet
        clock.now = row.next_attempt_at
    dispatcher.run_once()
    assert waits == pytest.approx([10, 20], abs=0.01)
    assert len(fake_twilio.messages) == 1


def test_21610_marks_the_number_opted_out_and_nothing_more_is_sent(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    with services.sessions.begin() as session:
        repo.add_contact_with_number(session, RETURNEE, "en", "sms", utcnow())
    fake_twilio.block_number(RETURNEE)
    queue(services, "k1")
    drain(services.dispatcher(FAST))
    [row] = rows(services)
    assert (row.dispatch_state, row.error_code) == ("failed", 21610)
    with services.sessions.begin() as session:
        assert repo.find_number(session, RETURNEE).opted_out_at is not None  # type: ignore[union-attr]
    assert not queue(services, "k2", "again")
    assert fake_twilio.attempts == 1


def test_a_message_queued_before_stop_is_cancelled_not_sent(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    with services.sessions.begin() as session:
        repo.add_contact_with_number(session, RETURNEE, "en", "sms", utcnow())
    queue(services, "k1")
    with services.sessions.begin() as session:
        repo.mark_opted_out(session, RETURNEE, utcnow())
    drain(services.dispatcher(FAST))
    [row] = rows(services)
    assert row.dispatch_state == "cancelled"
    assert fake_twilio.attempts == 0


def test_the_stop_confirmation_is_the_one_message_an_opted_out_number_gets(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    now = utcnow()
    with services.sessions.begin() as session:
        number = repo.add_contact_with_number(session, RETURNEE, "en", "sms", now)
        number.opted_out_at = now
    queue(
        services,
        "confirm",
        "You will get no more messages",
        purpose="opt_out_confirmation",
        now=now,
    )
    queue(
        services,
        "old-confirm",
        "stale",
        purpose="opt_out_confirmation",
        now=now - timedelta(days=1),
    )
    drain(services.dispatcher(FAST))
    assert [m["body"] for m in fake_twilio.messages] == ["You will get no more messages"]


def test_a_worker_that_died_after_twilio_accepted_is_reconciled_without_a_second_send(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    clock = ManualClock()
    queue(services, "k1", "Your session is on Monday", now=clock.now)
    # A first worker claims the row, Twilio accepts, and the worker dies before recording it.
    with services.sessions.begin() as session:
        [claimed] = repo.claim_due(session, clock.now, "dead-worker", timedelta(seconds=60), 10)
    services.sender.send(_outgoing(claimed))
    assert len(fake_twilio.messages) == 1
    survivor = Dispatcher(services.sessions, services.sender, FAST, clock=clock, sleep=clock.sleep)
    assert survivor.run_once() == 0  # the lease is still running
    clock.now += timedelta(seconds=61)
    assert survivor.run_once() == 1
    [row] = rows(services)
    assert len(fake_twilio.messages) == 1
    assert (row.dispatch_state, row.twilio_sid) == ("sent", fake_twilio.messages[0]["sid"])


def test_a_worker_that_died_before_twilio_accepted_sends_on_the_retry(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    clock = ManualClock()
    queue(services, "k1", now=clock.now)
    with services.sessions.begin() as session:
        repo.claim_due(session, clock.now, "dead-worker", timedelta(seconds=60), 10)
    clock.now += timedelta(seconds=61)
    Dispatcher(services.sessions, services.sender, FAST, clock=clock, sleep=clock.sleep).run_once()
    assert len(fake_twilio.messages) == 1


def test_a_read_timeout_is_reconciled_before_any_resend(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    from bot.messaging.channels.twilio import TwilioSender
    from bot.messaging.channels.twilio_client import make_twilio_client

    impatient = TwilioSender(
        make_twilio_client(
            fake_twilio.account_sid, fake_twilio.auth_token, fake_twilio.base_url, 0.3
        ),
        sms_from=SMS_FROM,
        messaging_service_sid=None,
        whatsapp_from=None,
        public_base_url=None,
    )
    fake_twilio.script(Outcome(accept_then_delay=1.0))
    queue(services, "k1")
    dispatcher = Dispatcher(services.sessions, impatient, FAST)
    drain(dispatcher, 3)
    [row] = rows(services)
    assert len(fake_twilio.messages) == 1
    assert (row.dispatch_state, row.twilio_sid) == ("sent", fake_twilio.messages[0]["sid"])


def test_the_per_sender_rate_limit_spaces_sends_across_workers(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    clock = ManualClock()
    for index in range(6):
        queue(services, f"k{index}", f"message {index}", now=clock.now)
    policy = DispatchPolicy(rate_per_second=2, batch_size=3)
    workers = [
        Dispatcher(services.sessions, services.sender, policy, clock=clock, sleep=clock.sleep)
        for _ in range(2)
    ]
    start = clock.now
    for worker in workers:
        worker.run_once()
    assert len(fake_twilio.messages) == 6
    # 6 messages at 2 per second: the last one may not leave before 2.5 s.
    assert (clock.now - start).total_seconds() == pytest.approx(2.5, abs=0.01)
    with services.sessions.begin() as session:
        slot = session.get(SenderSlot, SMS_FROM)
        assert slot is not None and (slot.next_slot_at - start).total_seconds() == pytest.approx(
            3.0
        )


def test_two_workers_claiming_at_once_never_share_a_message(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    for index in range(40):
        queue(services, f"k{index}", f"message {index}")
    policy = DispatchPolicy(rate_per_second=1000, batch_size=5)
    workers = [services.dispatcher(policy) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda w: drain(w, 15), workers))
    bodies = sorted(m["body"] for m in fake_twilio.messages)
    assert bodies == sorted(f"message {i}" for i in range(40))


def _outgoing(row: OutboundMessage) -> Any:
    from bot.messaging.ports import Outgoing

    return Outgoing(row.id, row.to_e164, row.channel, row.body)


def test_an_unknown_number_is_not_opted_out(services: Services) -> None:
    with services.sessions.begin() as session:
        assert session.scalars(select(ContactNumber)).first() is None
    assert queue(services, "k", "hi")


def test_reconciling_never_adopts_an_identical_message_that_another_row_already_owns(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    clock = ManualClock()
    dispatcher = Dispatcher(
        services.sessions, services.sender, FAST, clock=clock, sleep=clock.sleep
    )
    queue(services, "first", "Same menu text", now=clock.now)
    dispatcher.run_once()  # sent and recorded normally
    queue(services, "second", "Same menu text", now=clock.now)
    with services.sessions.begin() as session:  # claimed by a worker that died before sending
        repo.claim_due(session, clock.now, "dead-worker", timedelta(seconds=60), 10)
    clock.now += timedelta(seconds=61)
    dispatcher.run_once()
    first, second = rows(services)
    assert len(fake_twilio.messages) == 2
    assert second.dispatch_state == "sent" and second.twilio_sid != first.twilio_sid


def test_whatsapps_rate_limit_63018_is_retried_like_429(
    services: Services, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.script(Outcome(429, 63018), Outcome(400, 63018))
    queue(services, "k1", channel="whatsapp")
    drain(services.dispatcher(FAST))
    [row] = rows(services)
    assert (row.dispatch_state, row.error_code) == ("sent", None)
    assert len(fake_twilio.messages) == 1 and fake_twilio.attempts == 3


@pytest.mark.parametrize(
    ("variables", "approved"),
    [('{"1": ""}', True), ('{"1": "Ana"}', False)],
    ids=["an empty variable", "a template Twilio does not know"],
)
def test_a_refused_whatsapp_template_goes_by_sms_instead_never_lost(
    services: Services, fake_twilio: FakeTwilio, variables: str, approved: bool
) -> None:
    if approved:
        fake_twilio.approve_template("HX" + "d" * 32)
    queue(services, "k1", body="How are you this month? 1 good 2 okay 3 hard", channel="whatsapp",
          content_sid="HX" + "d" * 32, content_variables=variables)  # fmt: skip
    drain(services.dispatcher(FAST))
    [row] = rows(services)
    assert (row.dispatch_state, row.channel, row.content_sid) == ("sent", "sms", None)
    [sent] = fake_twilio.messages
    assert (sent["to"], sent["body"]) == (RETURNEE, "How are you this month? 1 good 2 okay 3 hard")
