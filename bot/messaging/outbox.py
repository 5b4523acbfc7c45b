"""The transactional outbox: enqueue with the state change, dispatch from the worker."""

import random
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.clock import utcnow
from bot.logs import get_logger
from bot.messaging.ports import LIFECYCLE, Outgoing, Sender, SendError, SendReceipt
from bot.phones import is_phone
from flows.segments import count_segments
from storage import repositories as repo
from storage.models import ContactNumber, OutboundMessage
from storage.states import DispatchState

log = get_logger("outbox")
OPT_OUT_CONFIRMATION = "opt_out_confirmation"


def may_send(number: ContactNumber | None, purpose: str, created_at: datetime) -> bool:
    """No message to an opted-out number, except the one confirmation of that opt-out."""
    if number is None or number.opted_out_at is None:
        return True
    return purpose == OPT_OUT_CONFIRMATION and created_at >= number.opted_out_at


def enqueue(
    session: Session,
    *,
    key: str,
    purpose: str,
    to_e164: str,
    channel: str,
    body: str,
    now: datetime,
    contact_id: int | None = None,
    in_reply_to_id: int | None = None,
    content_sid: str | None = None,
    content_variables: str | None = None,
) -> bool:
    """Write an outbox row in the caller's transaction; False if the number opted out.

    With `content_sid`, WhatsApp sends that approved template (its `content_variables`
    JSON) instead of the body; the body is kept as the conversation's record.
    """
    if not may_send(repo.find_number(session, to_e164), purpose, now):
        log.info("outbox.refused_opted_out", purpose=purpose, to=to_e164)
        return False
    count = count_segments(body)
    repo.enqueue_outbound(
        session, idempotency_key=key, purpose=purpose, contact_id=contact_id,
        in_reply_to_id=in_reply_to_id, channel=channel, to_e164=to_e164, body=body,
        encoding=count.encoding, segments=count.segments, created_at=now,
        dispatch_state=DispatchState.PENDING, attempts=0, next_attempt_at=now,
        needs_reconcile=False,
        content_sid=content_sid, content_variables=content_variables,
    )  # fmt: skip
    return True


@dataclass(frozen=True)
class DispatchPolicy:
    """How hard and how fast the worker sends."""

    rate_per_second: float = 1.0
    max_attempts: int = 6
    lease: timedelta = timedelta(seconds=120)
    batch_size: int = 10
    backoff_base: float = 5.0
    backoff_cap: float = 900.0


def backoff_seconds(attempts: int, policy: DispatchPolicy, rng: Callable[[], float]) -> float:
    """Exponential backoff with jitter: about base * 2^(attempts-1), capped."""
    raw = min(policy.backoff_cap, policy.backoff_base * 2 ** max(0, attempts - 1))
    return float(raw * (0.5 + rng() / 2))


class Dispatcher:
    """Claims due outbox rows, sends each once, records what the channel said."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        sender: Sender,
        policy: DispatchPolicy,
        *,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.sessions = session_factory
        self.sender = sender
        self.policy = policy
        self.clock = clock
        self.sleep = sleep
        self.owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        self.rng = random.random

    def run_once(self) -> int:
        """Claim one batch and dispatch it; return how many messages were handled."""
        with self.sessions.begin() as session:
            claimed = repo.claim_due(
                session, self.clock(), self.owner, self.policy.lease, self.policy.batch_size
            )
            jobs = [(_outgoing(row), row.needs_reconcile, row.first_claimed_at) for row in claimed]
        for outgoing, reconcile, first_claimed in jobs:
            self._dispatch(outgoing, reconcile, first_claimed or self.clock())
        return len(jobs)

    def run_forever(self, stop: threading.Event, idle_sleep: float = 0.5) -> None:
        """Dispatch until `stop` is set; a failed batch is logged and retried later."""
        drain(self.run_once, stop, idle_sleep, "outbox.batch_failed")

    def _dispatch(self, message: Outgoing, reconcile: bool, first_claimed: datetime) -> None:
        if not self._still_allowed(message):
            return
        try:
            receipt = self._find_earlier_send(message, first_claimed) if reconcile else None
            if receipt is None:
                self._wait_for_slot(message.channel)
                receipt = self.sender.send(message)
        except SendError as error:
            self._record_failure(message, error)
            return
        self._record_success(message, receipt)

    def _find_earlier_send(self, message: Outgoing, first_claimed: datetime) -> SendReceipt | None:
        """A worker died mid-send, or the answer was lost: look before sending again."""
        candidates = self.sender.find_sent(message, first_claimed - timedelta(minutes=2))
        with self.sessions.begin() as session:
            owned = repo.sids_already_recorded(session, [c.sid for c in candidates])
        found = next((c for c in candidates if c.sid not in owned), None)
        log.info("outbox.reconciled", message_id=message.message_id, found=found is not None)
        return found

    def _still_allowed(self, message: Outgoing) -> bool:
        """Re-check the opt-out at the last moment: STOP may have arrived after enqueue."""
        with self.sessions.begin() as session:
            row = repo.held_message(session, message.message_id, self.owner)
            if row is None:
                return False
            if may_send(repo.find_number(session, row.to_e164), row.purpose, row.created_at):
                return True
            row.dispatch_state, row.error_message = DispatchState.CANCELLED, "number opted out"
            row.lease_owner = row.lease_expires_at = None
            log.info("outbox.cancelled_opted_out", message_id=row.id)
            return False

    def _wait_for_slot(self, channel: str) -> None:
        interval = timedelta(seconds=1 / self.policy.rate_per_second)
        key = self.sender.sender_key(channel)
        with self.sessions.begin() as session:
            slot = repo.reserve_send_slot(session, key, interval, self.clock())
        delay = (slot - self.clock()).total_seconds()
        if delay > 0:
            self.sleep(delay)

    def _record_success(self, message: Outgoing, receipt: SendReceipt) -> None:
        now = self.clock()
        with self.sessions.begin() as session:
            row = session.get(OutboundMessage, message.message_id, with_for_update=True)
            assert row is not None
            if row.dispatch_state == DispatchState.SENT and row.twilio_sid != receipt.sid:
                log.error("outbox.sent_twice", message_id=row.id)  # lease lapsed mid-send
                return
            row.dispatch_state, row.twilio_sid, row.sender = (
                DispatchState.SENT,
                receipt.sid,
                receipt.sender,
            )
            row.status = later_status(row.status, receipt.status)
            row.sent_at, row.status_at, row.needs_reconcile = now, now, False
            row.lease_owner = row.lease_expires_at = None
            row.error_code = row.error_message = None
        log.info("outbox.sent", message_id=message.message_id, sid=receipt.sid)

    def _record_failure(self, message: Outgoing, error: SendError) -> None:
        now = self.clock()
        with self.sessions.begin() as session:
            row = repo.held_message(session, message.message_id, self.owner)
            if row is None:
                return
            row.error_code, row.error_message = error.code, str(error)[:300]
            row.lease_owner = row.lease_expires_at = None
            if error.stopped:
                repo.mark_opted_out(session, row.to_e164, now)
            if error.retryable and row.attempts < self.policy.max_attempts:
                row.dispatch_state, row.needs_reconcile = DispatchState.PENDING, error.ambiguous
                wait = backoff_seconds(row.attempts, self.policy, self.rng)
                row.next_attempt_at = now + timedelta(seconds=wait)
            elif row.content_sid and is_phone(row.to_e164):
                _by_sms_instead(row, now)  # the template was refused: the text still goes
            else:
                row.dispatch_state, row.status, row.status_at = (
                    DispatchState.FAILED,
                    DispatchState.FAILED,
                    now,
                )
        log.warning("outbox.send_failed", message_id=message.message_id, code=error.code,
                    retryable=error.retryable)  # fmt: skip


def _by_sms_instead(row: OutboundMessage, now: datetime) -> None:
    """A WhatsApp template Twilio refused (an empty variable, a template not approved): the
    same text goes by SMS, at once, rather than never."""
    row.channel, row.content_sid, row.content_variables = "sms", None, None
    row.dispatch_state, row.next_attempt_at = DispatchState.PENDING, now
    log.warning("outbox.template_refused_sms_instead", message_id=row.id)


def drain(batch: Callable[[], int], stop: threading.Event, idle_sleep: float, event: str) -> None:
    """Run `batch` until `stop` is set, resting when it finds nothing; a failure is logged."""
    while not stop.is_set():
        try:
            handled = batch()
        except Exception:
            log.exception(event)
            handled = 0
        if not handled:
            stop.wait(idle_sleep)


def _outgoing(row: OutboundMessage) -> Outgoing:
    return Outgoing(row.id, row.to_e164, row.channel, row.body, row.content_sid,
                    row.content_variables)  # fmt: skip


def later_status(current: str | None, new: str) -> str:
    """Keep whichever status is further along the lifecycle."""
    if current and LIFECYCLE.get(current, 0) >= LIFECYCLE.get(new, 0):
        return current
    return new
